export * from './useSettings';
export * from './useAdapterCapabilities';
export * from './useRoles';
export * from './useModules';
