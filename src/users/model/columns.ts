import type { ReactNode } from 'react';
import {
  columnOrderingFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
} from '@tanstack/react-table';
import type { Role, Settings, User, UserSortField } from '../../contract/types';
import type { UserAdminT } from '../../i18n/i18n';

/**
 * The TanStack Table features the users table registers: server-side sorting and paging, row
 * selection, column visibility and order.
 * @example
 * const table: ReactTable<typeof userTableFeatures, User> = useUserTable().table;
 */
export const userTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
});

/** The TanStack Table features type of the users table. */
export type UserTableFeatures = typeof userTableFeatures;

/**
 * The ids of the built-in data columns, in their default order.
 * @example
 * <UserList columns={USER_LIST_BUILTIN_COLUMNS.filter((id) => id !== 'lastSignIn')} />
 */
export const USER_LIST_BUILTIN_COLUMNS = ['name', 'email', 'username', 'role', 'entities', 'status', 'lastSignIn'] as const;

/** A built-in data column of the users table. */
export type UserListBuiltinColumnId = (typeof USER_LIST_BUILTIN_COLUMNS)[number];

/**
 * A host's own column: a header and a render function over the user.
 * @example
 * const phone: UserListCustomColumn = { id: 'phone', header: 'Phone', cell: (user) => user.phone ?? '—' };
 */
export interface UserListCustomColumn {
  /** Unique among the columns; used by `columnVisibility` and `columnOrder`. Must not be a built-in id, `select` or `actions`. */
  id: string;
  /** The column header (a text, or a render function). */
  header: ReactNode | (() => ReactNode);
  /** Renders the cell of one user. */
  cell: (user: User) => ReactNode;
  /**
   * The cell's text in a CSV export. Defaults to what `cell` returns when that is a string or a
   * number, else an empty cell (a React element has no text to export: give this accessor then).
   * @example
   * { id: 'team', header: 'Team', cell: (u) => <TeamBadge team={teamOf(u)} />, csv: (u) => teamOf(u).name }
   */
  csv?: (user: User) => string;
}

/**
 * One column of the users table: a built-in one by id, or a custom one.
 * @example
 * const columns: UserListColumn[] = ['name', 'email', { id: 'team', header: 'Team', cell: (u) => teamOf(u) }, 'status'];
 */
export type UserListColumn = UserListBuiltinColumnId | UserListCustomColumn;

/** Column id → `false` to hide it (an absent id is visible). */
export type UserListColumnVisibility = Record<string, boolean>;

/**
 * The id of the leading selection column (always first).
 * @example
 * row.getVisibleCells().filter((cell) => cell.column.id !== USER_LIST_SELECT_COLUMN);
 */
export const USER_LIST_SELECT_COLUMN = 'select';
/**
 * The id of the trailing row-actions column (always last).
 * @example
 * if (cell.column.id === USER_LIST_ACTIONS_COLUMN) return <RowMenu user={row.original} />;
 */
export const USER_LIST_ACTIONS_COLUMN = 'actions';

/**
 * Which server sort field each sortable built-in column sorts by.
 * @example
 * USER_LIST_SORT_FIELDS.lastSignIn; // 'lastSignInAt'
 */
export const USER_LIST_SORT_FIELDS: Partial<Record<UserListBuiltinColumnId, UserSortField>> = {
  name: 'name',
  email: 'email',
  role: 'role',
  status: 'status',
  lastSignIn: 'lastSignInAt',
};

/**
 * The column whose server sort field is `field`, for the TanStack sorting state.
 * @example
 * columnOfSortField('lastSignInAt'); // 'lastSignIn'
 */
export function columnOfSortField(field: UserSortField): string | undefined {
  return (Object.entries(USER_LIST_SORT_FIELDS) as [string, UserSortField][]).find(([, f]) => f === field)?.[0];
}

/**
 * Whether a column id names a built-in data column.
 * @example
 * isBuiltinColumn('email'); // true
 */
export function isBuiltinColumn(id: string): id is UserListBuiltinColumnId {
  return (USER_LIST_BUILTIN_COLUMNS as readonly string[]).includes(id);
}

/**
 * A user's display name: first and last name, or the email when both are empty.
 * @example
 * userDisplayName({ firstName: 'Ana', lastName: 'Lima', email: 'ana@acme.com' }); // 'Ana Lima'
 */
export function userDisplayName(user: Pick<User, 'firstName' | 'lastName' | 'email'>): string {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return name || user.email;
}

/**
 * Whether a built-in column applies to these settings (username policy, last sign-in support, several entities).
 * @example
 * builtinColumnApplies('username', settings); // false when settings.username.mode is 'none'
 */
export function builtinColumnApplies(id: UserListBuiltinColumnId, settings: Settings | undefined): boolean {
  if (id === 'username') return settings !== undefined && settings.username.mode !== 'none';
  if (id === 'lastSignIn') return settings?.features?.lastSignIn !== false;
  if (id === 'entities') return settings?.multiEntity !== false;
  return true;
}

interface BuildColumnsInput {
  columns: readonly UserListColumn[];
  settings: Settings | undefined;
  t: UserAdminT;
  rolesById: ReadonlyMap<string, Role>;
  /** The latest custom columns by id (read at render time, so a host's inline array does not rebuild the defs). */
  custom: { current: ReadonlyMap<string, UserListCustomColumn> };
}

/**
 * Internal: the TanStack column definitions: `select`, the data columns in the given order, `actions`.
 * Built-in cells render plain text (a headless host can use `table.FlexRender` as is); the styled
 * `UserList` renders its own richer cells for them.
 * @example
 * const defs = buildColumnDefs({ columns: ['name', 'email'], settings, t, rolesById, custom: { current: new Map() } });
 */
export function buildColumnDefs({ columns, settings, t, rolesById, custom }: BuildColumnsInput): ColumnDef<UserTableFeatures, User, unknown>[] {
  const defs: ColumnDef<UserTableFeatures, User, unknown>[] = [
    { id: USER_LIST_SELECT_COLUMN, header: () => t('userList.columns.select'), enableSorting: false, enableHiding: false },
  ];
  const seen = new Set<string>();
  for (const column of columns) {
    const id = typeof column === 'string' ? column : column.id;
    if (seen.has(id)) continue;
    seen.add(id);
    if (typeof column !== 'string') {
      defs.push({
        id,
        header: () => {
          const header = custom.current.get(id)?.header;
          return typeof header === 'function' ? header() : header;
        },
        accessorFn: (user) => user,
        cell: (context) => custom.current.get(id)?.cell(context.row.original) ?? null,
        enableSorting: false,
      });
      continue;
    }
    if (!builtinColumnApplies(column, settings)) continue;
    const sortField = USER_LIST_SORT_FIELDS[column];
    defs.push({
      id: column,
      header: () => t(`users.columns.${column}`),
      accessorFn: (user) => builtinText(column, user, rolesById, t),
      cell: (context) => context.getValue() as string,
      enableSorting: sortField !== undefined,
    });
  }
  defs.push({ id: USER_LIST_ACTIONS_COLUMN, header: () => t('userList.columns.actions'), enableSorting: false, enableHiding: false });
  return defs;
}

/**
 * Internal: the status a user is shown with: an active contact (who cannot sign in) is a contact,
 * never "Active". One rule for the badge, the column's text and the CSV export.
 */
export function userStatusKey(user: Pick<User, 'kind' | 'status'>): 'status.contact' | `status.${User['status']}` {
  return user.kind === 'contact' && user.status === 'active' ? 'status.contact' : `status.${user.status}`;
}

/** Internal: a built-in column's text for a user (sorting, the accessor, the CSV export). */
export function builtinText(id: UserListBuiltinColumnId, user: User, rolesById: ReadonlyMap<string, Role>, t: UserAdminT): string {
  switch (id) {
    case 'name':
      return userDisplayName(user);
    case 'email':
      return user.email;
    case 'username':
      return user.username ?? '';
    case 'role':
      return user.kind === 'contact' ? t('userList.contact') : user.roleId ? (rolesById.get(user.roleId)?.name ?? '') : t('users.noRole');
    case 'entities':
      return t('userList.entityCount', { count: user.entityIds.length });
    case 'status':
      return t(userStatusKey(user));
    case 'lastSignIn':
      return user.lastSignInAt ?? '';
  }
}
