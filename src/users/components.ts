export {
  UserList,
  USER_LIST_PAGE_SIZES,
  UserListRoot,
  UserListViews,
  UserListPanel,
  UserListContent,
  UserListPagination,
  UserListRowConfirm,
} from './UserList';
export type { UserListProps, UserListContentProps } from './UserList';
export { UserListBase, useUserListContext } from './UserListBase';
export type { UserListBaseProps, UserListContextValue, UserListRowConfirmState } from './UserListBase';
export { UserListTable } from './UserListTable';
export { UserListExportButton } from './UserListExport';
export type { UserListExportButtonProps } from './UserListExport';
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
export type { UserListToolbarProps, UserListSelectionBarProps, UserListRowOutcomeProps, UserListBulkConfirmProps } from './UserListParts';
