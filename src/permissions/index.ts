export * from './rules';
export * from './useRoles';
export * from './useModules';
export * from './matrix/helpers';
export * from './matrix/useGridNavigation';
