/** The styled permission matrix (needs `user-admin-kit/styles.css`). */
export { PermissionGrid } from './matrix/PermissionGrid';
export type { PermissionGridProps, PermissionGridRow, PermissionGridColumn } from './matrix/PermissionGrid';
export { ModulePermissionsField } from './matrix/ModulePermissionsField';
export type { ModulePermissionsFieldProps } from './matrix/ModulePermissionsField';
export { PermissionMatrix, PERMISSION_MATRIX_PAGE_SIZES } from './matrix/PermissionMatrix';
export type { PermissionMatrixProps } from './matrix/PermissionMatrix';
