import { useQueryClient } from '@tanstack/react-query';
import {
  functionalUpdate,
  useTable,
  type ColumnOrderState,
  type PaginationState,
  type ReactTable,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useCallback, useMemo, useRef } from 'react';
import type { Entity, Role, Settings, User, UserFilter } from '../contract/types';
import { useEntitiesByIds } from '../entities/useEntities';
import { useActingRules } from '../entities/useActingRules';
import { useUserAdminTranslation } from '../i18n/useUserAdminTranslation';
import { useUserAdminContext } from '../provider/context';
import { useLandTogether } from '../query/landTogether';
import { useModules } from '../settings/useModules';
import { useRoles } from '../settings/useRoles';
import { useSettings } from '../settings/useSettings';
import {
  buildColumnDefs,
  columnOfSortField,
  isBuiltinColumn,
  USER_LIST_ACTIONS_COLUMN,
  USER_LIST_BUILTIN_COLUMNS,
  USER_LIST_SELECT_COLUMN,
  USER_LIST_SORT_FIELDS,
  userTableFeatures,
  type UserListColumn,
  type UserListColumnVisibility,
  type UserListCustomColumn,
  type UserTableFeatures,
} from './model/columns';
import type { UserActionAvailability, UserRowAction } from './model/guards';
import type { ListSelection } from '../query/selection';
import { useActiveAdminCount } from './model/useActiveAdminCount';
import { useControllable } from '../query/useControllable';
import { USER_LIST_VIEWS, viewOfFilter, withView, type UserListView } from './model/views';
import { DEFAULT_BULK_CONCURRENCY } from './useBulkUserActions';
import { useUserCountsLanding, type UseUserCountsResult } from './useUserCounts';
import { useUserListLanding, type UseUserListOptions, type UseUserListResult } from './useUserList';
import { useUserBulkRunner, type UserBulkOutcome, type UserBulkPhase, type UserBulkRunner } from './useUserBulkRunner';
import { useUserRowActions, type UserRowActionOutcome } from './useUserRowActions';
import { useUserSelection } from './useUserSelection';

export type { UserRowActionOutcome } from './useUserRowActions';

export type {
  UserBulkAction, UserBulkSkipReason, UserBulkItemOutcome, UserBulkOutcome, UserBulkPhase, UserBulkRunOptions, UserBulkRunner,
} from './useUserBulkRunner';

export interface UseUserTableOptions extends UseUserListOptions {
  /**
   * The data columns, in order: built-ins by id and custom `{ id, header, cell }` ones. A
   * built-in left out is not shown; `username` shows only when the username policy has
   * usernames. The selection column always comes first and the actions column last.
   * Defaults to every built-in column ({@link USER_LIST_BUILTIN_COLUMNS}).
   */
  columns?: readonly UserListColumn[];
  /** Column id → `false` to hide it, controlled. Defaults to uncontrolled. */
  columnVisibility?: UserListColumnVisibility;
  /** The starting visibility when uncontrolled. Defaults to every column visible. */
  defaultColumnVisibility?: UserListColumnVisibility;
  /** Called with the whole next visibility on every change. Defaults to none. */
  onColumnVisibilityChange?: (next: UserListColumnVisibility) => void;
  /** The order of the data column ids, controlled; ids left out follow in `columns` order. Defaults to uncontrolled. */
  columnOrder?: readonly string[];
  /** The starting order when uncontrolled. Defaults to the order of `columns`. */
  defaultColumnOrder?: readonly string[];
  /** Called with the next order of data column ids. Defaults to none. */
  onColumnOrderChange?: (next: string[]) => void;
  /** The selection, controlled. Defaults to uncontrolled. */
  selection?: ListSelection;
  /** The starting selection when uncontrolled. Defaults to nothing selected. */
  defaultSelection?: ListSelection;
  /** Called with the next selection on every change. Defaults to none. */
  onSelectionChange?: (next: ListSelection) => void;
  /** Opens the host's editor for a user. The edit action is offered only when given. Defaults to none. */
  onEditUser?: (user: User) => void;
  /** Opens the host's sign-in help for a login user (e.g. `SignInErrorGuideDialog`). The row action is offered only when given. Defaults to none. */
  onSignInHelp?: (user: User) => void;
  /** At most this many single calls (and page requests) in flight during a bulk action. Defaults to 4. */
  concurrency?: number;
  /** The current instant, for relative times ("expires in 3 days"). Defaults to `Date.now`. */
  now?: () => number;
}

/** What {@link useUserTable} returns. */
export interface UseUserTableResult {
  /** The TanStack Table v9 instance (server-side sorting and paging, selection, column visibility and order). */
  table: ReactTable<UserTableFeatures, User>;
  /** The underlying list: items, total, loading and error states, paging and search setters. */
  list: UseUserListResult;
  settings: Settings | undefined;
  roles: Role[] | undefined;
  rolesById: ReadonlyMap<string, Role>;
  /** The entities of the users on the page, by id, to label them. */
  entitiesById: ReadonlyMap<string, Entity>;
  /** The host's custom columns by id, as last given (to export them with their `csv` accessor). */
  customColumns: ReadonlyMap<string, UserListCustomColumn>;
  /** The current view, or `null` when the filter's status/kind is not a preset. */
  view: UserListView | null;
  /** Switches view, keeping search, role, entity and scope filters. Goes back to the first page. */
  setView: (view: UserListView) => void;
  /** The views with their counts (`undefined` until known). */
  views: { view: UserListView; count: number | undefined }[];
  counts: UseUserCountsResult;
  /** Merges into the filter (`undefined` or an empty array removes a key). Goes back to the first page. */
  updateFilter: (patch: Partial<UserFilter>) => void;
  /** Whether a search or a role/entity/scope filter narrows the current view. */
  isNarrowed: boolean;
  /** Clears the search and the role/entity/scope filters, keeping the view. */
  clearSearchAndFilters: () => void;
  selection: ListSelection;
  /** How many users the selection covers (the total when `allMatching`). */
  selectedCount: number;
  setSelection: (next: ListSelection) => void;
  /** Selects every user matching the search and filter, over all pages. */
  selectAllMatching: () => void;
  clearSelection: () => void;
  /** Whether every row of the current page is selected. */
  isPageSelected: boolean;
  /** Whether an action applies to a user, and whether it is blocked (self, outside the admin scope, last admin). */
  actionAvailability: (user: User, action: UserRowAction) => UserActionAvailability;
  /** Whether a user lies outside the acting admin's scope: shown read-only, every action disabled with `errors.reason.outside_scope`. */
  isReadOnly: (user: User) => boolean;
  /** Whether the sign-in help is offered for a user: `onSignInHelp` was given and the user is a login user. */
  canOpenSignInHelp: (user: User) => boolean;
  /** Calls `onSignInHelp` with the user (nothing when it was not given). */
  openSignInHelp: (user: User) => void;
  /** Runs a row action (`edit` calls `onEditUser`). Resolves with the outcome; never rejects. */
  runRowAction: (user: User, action: UserRowAction) => Promise<UserRowActionOutcome>;
  /** The row actions in flight, by user id. */
  pendingRowActions: ReadonlyMap<string, UserRowAction>;
  /** The last row action's outcome, to report it. */
  lastRowAction: UserRowActionOutcome | null;
  dismissRowAction: () => void;
  /** Runs a bulk action on the selection (collecting every matching user first when `allMatching`). Never rejects. */
  runBulkAction: UserBulkRunner;
  bulkPhase: UserBulkPhase;
  /** The last bulk outcome, to report per-user failures. */
  bulkOutcome: UserBulkOutcome | null;
  dismissBulkOutcome: () => void;
  /**
   * Active users holding an admin role; `undefined` until known. Loaded on first need (the first
   * `actionAvailability` or `runRowAction`), so the list's load makes one counts request.
   */
  activeAdminCount: number | undefined;
  /** The instant relative times are computed against. */
  now: () => number;
}

const EMPTY_USERS: User[] = [];
const EMPTY_VISIBILITY: UserListColumnVisibility = {};

function cleanFilter(filter: UserFilter): UserFilter {
  const next: UserFilter = {};
  for (const [key, value] of Object.entries(filter) as [keyof UserFilter, unknown][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/**
 * The users table, headless: TanStack Table v9 over {@link useUserList} with server-side paging,
 * sorting, search and filters; views with counts; column visibility and order; selection across
 * pages (or every matching user); the self/last-admin guard; row actions that update only their
 * row and the counts; bulk actions with per-user results. `UserList` is built only on it.
 *
 * @example
 * function MyUsers() {
 *   const users = useUserTable({ onEditUser: (user) => openEditor(user.id), columns: ['name', 'email', 'status'] });
 *   return (
 *     <table>
 *       <tbody>
 *         {users.table.getRowModel().rows.map((row) => (
 *           <tr key={row.id}>
 *             {row.getVisibleCells().map((cell) => <td key={cell.id}><users.table.FlexRender cell={cell} /></td>)}
 *             <td>
 *               <button
 *                 disabled={!users.actionAvailability(row.original, 'deactivate').allowed}
 *                 onClick={() => users.runRowAction(row.original, 'deactivate')}
 *               />
 *             </td>
 *           </tr>
 *         ))}
 *       </tbody>
 *     </table>
 *   );
 * }
 */
export function useUserTable(options: UseUserTableOptions = {}): UseUserTableResult {
  // Outside the provider, the sentence names this hook.
  useUserAdminContext('useUserTable');
  const queryClient = useQueryClient();
  const { t } = useUserAdminTranslation();
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? DEFAULT_BULK_CONCURRENCY;

  // The page and the view counts of a search (or filter) land in one commit: one render, not two.
  const landing = useLandTogether(queryClient);
  const list = useUserListLanding(options, landing);
  const { state } = list;
  const counts = useUserCountsLanding({ search: state.search, filter: state.filter, enabled: options.enabled ?? true }, landing);
  const { data: settings } = useSettings();
  const { data: roles } = useRoles();
  const { data: modules } = useModules();
  const rolesById = useMemo(() => new Map((roles ?? []).map((role) => [role.id, role])), [roles]);
  // Only a row's menu or action needs it: loaded on first need, so the list's load asks the counts once.
  const adminCount = useActiveAdminCount(roles, { lazy: true });

  const data = list.items.length === 0 ? EMPTY_USERS : list.items;
  const entityIds = useMemo(() => [...new Set(data.flatMap((user) => user.entityIds))].sort(), [data]);
  const entitiesQuery = useEntitiesByIds(entityIds);
  const entitiesById = entitiesQuery.byId;
  // Entities asked for and not returned: a backend shows a scoped admin only the entities of their scope.
  const hiddenEntityIds = useMemo(
    () => (entitiesQuery.isSuccess ? entityIds.filter((id) => !entitiesById.has(id)) : []),
    [entitiesQuery.isSuccess, entityIds, entitiesById],
  );
  const { rules } = useActingRules(entitiesById, hiddenEntityIds);

  // Every user seen, to name the failures of a bulk action on rows of other pages.
  const known = useRef(new Map<string, User>());
  for (const user of data) known.current.set(user.id, user);

  // --- Columns -------------------------------------------------------------------------------
  const columns = options.columns ?? USER_LIST_BUILTIN_COLUMNS;
  const customRef = useRef(new Map<string, UserListCustomColumn>());
  customRef.current = new Map(columns.filter((c): c is UserListCustomColumn => typeof c !== 'string').map((c) => [c.id, c]));
  const columnsKey = columns.map((c) => (typeof c === 'string' ? c : `custom:${c.id}`)).join('|');
  const usernameMode = settings?.username.mode;
  const lastSignIn = settings?.features?.lastSignIn;
  const multiEntity = settings?.multiEntity;
  const columnDefs = useMemo(
    () => buildColumnDefs({ columns, settings, t, rolesById, custom: customRef }),
    // `columns` is read through its key, so a host's inline array does not rebuild the defs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columnsKey, usernameMode, lastSignIn, multiEntity, t, rolesById],
  );
  const dataColumnIds = useMemo(
    () => columnDefs.map((def) => def.id as string).filter((id) => id !== USER_LIST_SELECT_COLUMN && id !== USER_LIST_ACTIONS_COLUMN),
    [columnDefs],
  );

  const [columnVisibility, setColumnVisibility] = useControllable<UserListColumnVisibility>(
    options.columnVisibility,
    options.defaultColumnVisibility ?? EMPTY_VISIBILITY,
    options.onColumnVisibilityChange,
  );
  const [columnOrder, setColumnOrder] = useControllable<readonly string[]>(
    options.columnOrder,
    () => options.defaultColumnOrder ?? [],
    options.onColumnOrderChange as ((next: readonly string[]) => void) | undefined,
  );
  const fullOrder = useMemo(() => {
    const ordered = columnOrder.filter((id) => dataColumnIds.includes(id));
    return [USER_LIST_SELECT_COLUMN, ...ordered, ...dataColumnIds.filter((id) => !ordered.includes(id)), USER_LIST_ACTIONS_COLUMN];
  }, [columnOrder, dataColumnIds]);

  // --- Selection -----------------------------------------------------------------------------
  const {
    selection, selectedCount, setSelection, updateSelection, selectAllMatching, clearSelection, deselect, isPageSelected,
    rowSelection, onRowSelectionChange,
  } = useUserSelection({
    selection: options.selection,
    defaultSelection: options.defaultSelection,
    onSelectionChange: options.onSelectionChange,
    search: state.search,
    filter: state.filter,
    page: data,
    total: list.total,
  });

  // --- Table state mapping -------------------------------------------------------------------
  const sorting = useMemo<SortingState>(() => {
    const id = state.sort ? columnOfSortField(state.sort.field) : undefined;
    return state.sort && id ? [{ id, desc: state.sort.direction === 'desc' }] : [];
  }, [state.sort]);
  const pagination = useMemo<PaginationState>(() => ({ pageIndex: state.pageIndex, pageSize: state.pageSize }), [state.pageIndex, state.pageSize]);

  const latest = useRef({ sorting, pagination, columnVisibility, fullOrder, list });
  latest.current = { sorting, pagination, columnVisibility, fullOrder, list };

  const table = useTable({
    features: userTableFeatures,
    columns: columnDefs,
    data,
    getRowId: (user) => user.id,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableRowRangeSelection: false,
    sortDescFirst: false,
    rowCount: list.total,
    state: { sorting, pagination, rowSelection, columnVisibility, columnOrder: fullOrder },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, latest.current.sorting)[0];
      const field = next && isBuiltinColumn(next.id) ? USER_LIST_SORT_FIELDS[next.id] : undefined;
      latest.current.list.setSort(next && field ? { field, direction: next.desc ? 'desc' : 'asc' } : null);
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const current = latest.current.pagination;
      const next = functionalUpdate(updater, current);
      if (next.pageSize !== current.pageSize) latest.current.list.setPageSize(next.pageSize);
      else if (next.pageIndex !== current.pageIndex) latest.current.list.setPageIndex(next.pageIndex);
    },
    onRowSelectionChange,
    onColumnVisibilityChange: (updater: Updater<UserListColumnVisibility>) => {
      setColumnVisibility(functionalUpdate(updater, latest.current.columnVisibility));
    },
    onColumnOrderChange: (updater: Updater<ColumnOrderState>) => {
      const next = functionalUpdate(updater, latest.current.fullOrder);
      setColumnOrder(next.filter((id) => id !== USER_LIST_SELECT_COLUMN && id !== USER_LIST_ACTIONS_COLUMN));
    },
  });

  // --- Views and filters ---------------------------------------------------------------------
  const view = viewOfFilter(state.filter);
  const { setFilter: setListFilter, setSearch } = list;
  // The filter as of the last change, so several changes in one event compose.
  const filterRef = useRef(state.filter);
  filterRef.current = state.filter;
  const setFilter = useCallback(
    (next: UserFilter) => {
      filterRef.current = next;
      setListFilter(next);
    },
    [setListFilter],
  );
  const setView = useCallback((next: UserListView) => setFilter(withView(filterRef.current, next)), [setFilter]);
  const updateFilter = useCallback((patch: Partial<UserFilter>) => setFilter(cleanFilter({ ...filterRef.current, ...patch })), [setFilter]);
  const isNarrowed =
    state.search.trim() !== '' ||
    (state.filter.roleIds?.length ?? 0) > 0 ||
    (state.filter.entityIds?.length ?? 0) > 0 ||
    state.filter.scope !== undefined;
  const clearSearchAndFilters = useCallback(() => {
    setSearch('');
    setFilter(withView({}, viewOfFilter(filterRef.current) ?? 'all'));
  }, [setFilter, setSearch]);
  const views = USER_LIST_VIEWS.map((v) => ({ view: v, count: counts.counts?.[v] }));

  // --- Guards and row actions ----------------------------------------------------------------
  const {
    actionAvailability, isReadOnly, canOpenSignInHelp, openSignInHelp, runRowAction, pendingRowActions, lastRowAction, dismissRowAction,
  } = useUserRowActions({
    context: { settings, rolesById, rules, adminCount },
    onEditUser: options.onEditUser,
    onSignInHelp: options.onSignInHelp,
    deselect,
    listKey: JSON.stringify([state.pageIndex, state.pageSize, state.search.trim(), state.filter, state.sort]),
  });

  // --- Bulk actions --------------------------------------------------------------------------
  const { runBulkAction: runBulk, bulkPhase, bulkOutcome, dismissBulkOutcome } = useUserBulkRunner({
    context: { selection, state, rolesById, modules, rules },
    known,
    concurrency,
    setSelection: updateSelection,
  });
  // A bulk action is a newer action: the last row action's banner goes.
  const runBulkAction = useCallback<typeof runBulk>((...args) => {
    dismissRowAction();
    return runBulk(...args);
  }, [runBulk, dismissRowAction]);

  return {
    table,
    list,
    settings,
    roles,
    rolesById,
    entitiesById,
    customColumns: customRef.current,
    view,
    setView,
    views,
    counts,
    updateFilter,
    isNarrowed,
    clearSearchAndFilters,
    selection,
    selectedCount,
    setSelection,
    selectAllMatching,
    clearSelection,
    isPageSelected,
    actionAvailability,
    isReadOnly,
    canOpenSignInHelp,
    openSignInHelp,
    runRowAction,
    pendingRowActions,
    lastRowAction,
    dismissRowAction,
    runBulkAction,
    bulkPhase,
    bulkOutcome,
    dismissBulkOutcome,
    activeAdminCount: adminCount.count,
    now,
  };
}
