export { UserList, USER_LIST_PAGE_SIZES } from './UserList';
export type { UserListProps } from './UserList';
export { UserListTable } from './UserListTable';
export type { UserListTableProps } from './UserListTable';
export { UserListBuiltinCell } from './UserListCells';
export type { UserListCellContext } from './UserListCells';
export {
  UserListToolbar,
  UserListSelectionBar,
  UserListRowOutcome,
  UserListBulkOutcome,
  UserListBulkConfirm,
} from './UserListParts';
export type { UserListToolbarProps, UserListSelectionBarProps, UserListBulkConfirmProps } from './UserListParts';
