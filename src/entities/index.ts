export * from './useEntities';
