export * from './useSettings';
export * from './useAdapterCapabilities';
