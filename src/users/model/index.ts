export {
  userTableFeatures,
  USER_LIST_BUILTIN_COLUMNS,
  USER_LIST_SELECT_COLUMN,
  USER_LIST_ACTIONS_COLUMN,
  USER_LIST_SORT_FIELDS,
  userDisplayName,
  type UserTableFeatures,
  type UserListBuiltinColumnId,
  type UserListCustomColumn,
  type UserListColumn,
  type UserListColumnVisibility,
} from './columns';
export * from './guards';
export * from './views';
export * from './selection';
export * from './useActiveAdminCount';
