export * from './rules';
export * from './useRoles';
export * from './useModules';
