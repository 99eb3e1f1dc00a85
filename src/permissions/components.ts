/** The styled permission matrix (needs `user-admin-kit/styles.css`). */
export { PermissionGrid } from './matrix/PermissionGrid';
export type { PermissionGridProps, PermissionGridRow, PermissionGridColumn } from './matrix/PermissionGrid';
export { ModulePermissionsField } from './matrix/ModulePermissionsField';
export type { ModulePermissionsFieldProps } from './matrix/ModulePermissionsField';
export { PermissionMatrix, PERMISSION_MATRIX_PAGE_SIZES } from './matrix/PermissionMatrix';
export type { PermissionMatrixProps } from './matrix/PermissionMatrix';
export { PermissionMatrixBase, usePermissionMatrixContext } from './matrix/PermissionMatrixBase';
export type { PermissionMatrixBaseProps, PermissionMatrixContextValue } from './matrix/PermissionMatrixBase';
export {
  PermissionMatrixRoot,
  PermissionMatrixToolbar,
  PermissionMatrixReadOnlyNotice,
  PermissionMatrixContent,
  PermissionMatrixGrid,
  PermissionMatrixPagination,
  PermissionMatrixSaveBar,
} from './matrix/PermissionMatrixParts';
export type {
  PermissionMatrixToolbarProps,
  PermissionMatrixContentProps,
  PermissionMatrixGridProps,
  PermissionMatrixPaginationProps,
} from './matrix/PermissionMatrixParts';
