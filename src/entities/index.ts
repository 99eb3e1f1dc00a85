export * from './useEntities';
export * from './picker';
