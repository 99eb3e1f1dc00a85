export * from './matrix/helpers';
export * from './matrix/useGridNavigation';
export * from './matrix/usePermissionMatrix';
export { useUpdateRole } from './useUpdateRole';
export type { UpdateRoleVariables } from './useUpdateRole';
