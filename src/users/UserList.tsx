import { useId, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import type { User } from '../adapter/types';
import { useUserAdminTranslation } from '../i18n';
import { Button, EmptyState, ErrorState, LoadingState, Pagination, TabPanel, Tabs, UserAdminRoot, cx } from '../ui';
import { LazyConfirmDialog } from '../ui/LazyConfirmDialog';
import { userDisplayName } from './list/columns';
import type { UserRowAction } from './list/guards';
import type { UserListView } from './list/views';
import { UserListBulkConfirm, UserListBulkOutcome, UserListRowOutcome, UserListSelectionBar, UserListToolbar } from './UserListParts';
import { UserListTable } from './UserListTable';
import { useUserTable, type UserBulkAction, type UseUserTableOptions } from './useUserTable';

/**
 * The page sizes offered by default, up to 1,000 (large pages are virtualized).
 * @example
 * <UserList pageSizeOptions={USER_LIST_PAGE_SIZES.slice(0, 4)} />
 */
export const USER_LIST_PAGE_SIZES = [10, 25, 50, 100, 250, 1000];

/** What {@link UserList} takes: the options of {@link useUserTable}, view props, and the root `div`'s props. */
export interface UserListProps extends UseUserTableOptions, Omit<ComponentProps<'div'>, keyof UseUserTableOptions | 'children'> {
  /** Opens the host's invite flow; shows an invite button (never under SSO enforcement). Defaults to none (no button). */
  onInvite?: () => void;
  /** Replaces the empty state's action (an invite button when `onInvite` is given). Defaults to none. */
  emptyAction?: ReactNode;
  /** Defaults to {@link USER_LIST_PAGE_SIZES} (10 to 1,000). */
  pageSizeOptions?: number[];
  /** Wait after typing before searching, in ms. Defaults to 300. */
  searchDebounceMs?: number;
  /** Pages with more rows than this are virtualized. Defaults to 100. */
  virtualizeAbove?: number;
}

type RowConfirm = { user: User; action: 'deactivate' | 'remove'; trigger: HTMLElement | null; rowIndex: string | null };

/**
 * The users screen: views with counts (Active, Invited, Deactivated, Contacts, All), search and
 * filters, a sortable and paged table (virtualized for large pages), row actions with the self and
 * last-admin guards, multi-select with bulk actions across pages and per-user results, and the
 * loading, empty and error states. Built only on {@link useUserTable}; every option of the hook is
 * a prop, and the host's `className` and `div` props go on the root.
 *
 * Columns are typed: built-ins by id, custom ones as `{ id, header, cell: (user) => ReactNode }`;
 * `columnVisibility` and `columnOrder` hide and reorder them, controlled (with
 * `onColumnVisibilityChange` / `onColumnOrderChange`) or not (`defaultColumnVisibility` /
 * `defaultColumnOrder`).
 *
 * @example
 * <UserList
 *   onInvite={() => setInviteOpen(true)}
 *   onEditUser={(user) => navigate(`/admin/users/${user.id}`)}
 *   onSignInHelp={(user) => setSignInHelpFor(user)}
 *   columns={['name', 'email', { id: 'team', header: t('team'), cell: (user) => teams.get(user.id) }, 'role', 'status']}
 *   defaultColumnVisibility={{ lastSignIn: false }}
 * />
 */
export function UserList(props: UserListProps) {
  const {
    onInvite, emptyAction, pageSizeOptions = USER_LIST_PAGE_SIZES, searchDebounceMs, virtualizeAbove,
    initialState, state, onStateChange, enabled, columns, columnVisibility, defaultColumnVisibility, onColumnVisibilityChange,
    columnOrder, defaultColumnOrder, onColumnOrderChange, selection, defaultSelection, onSelectionChange, onEditUser,
    onSignInHelp, bulkConcurrency, now, className, ...rest
  } = props;
  const users = useUserTable({
    initialState, state, onStateChange, enabled, columns, columnVisibility, defaultColumnVisibility, onColumnVisibilityChange,
    columnOrder, defaultColumnOrder, onColumnOrderChange, selection, defaultSelection, onSelectionChange, onEditUser, onSignInHelp,
    bulkConcurrency, now,
  });
  const { t } = useUserAdminTranslation();
  const idBase = `uak-user-list-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [rowConfirm, setRowConfirm] = useState<RowConfirm | null>(null);
  const [rowConfirmError, setRowConfirmError] = useState<unknown>(null);
  const [rowConfirmPending, setRowConfirmPending] = useState(false);
  const [bulkAction, setBulkAction] = useState<UserBulkAction | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const { list, settings } = users;
  const sso = settings?.sso.enforced === true;

  const onRowAction = (user: User, action: UserRowAction) => {
    if (action === 'deactivate' || action === 'remove') {
      setRowConfirmError(null);
      // The menu that opened the confirmation is closing: remember its trigger, to return there.
      const trigger = panelRef.current?.querySelector<HTMLElement>('[data-slot="action-menu-trigger"][aria-expanded="true"]') ?? null;
      const rowIndex = trigger?.closest<HTMLElement>('tr[data-index]')?.dataset.index ?? null;
      setRowConfirm({ user, action, trigger, rowIndex });
    } else {
      void users.runRowAction(user, action);
    }
  };
  // Where the focus returns when the row confirmation closes: the row's menu trigger (or, if the row
  // was re-rendered or removed, the trigger of the row now at its place), never the page body.
  const lastRowConfirm = useRef<RowConfirm | null>(null);
  if (rowConfirm) lastRowConfirm.current = rowConfirm;
  const rowConfirmFocus = (): HTMLElement | null => {
    const last = lastRowConfirm.current;
    if (!last) return null;
    if (last.trigger?.isConnected) return last.trigger;
    return last.rowIndex === null
      ? null
      : (panelRef.current?.querySelector<HTMLElement>(`tbody tr[data-index="${last.rowIndex}"] [data-slot="action-menu-trigger"]`) ?? null);
  };
  const confirmRow = async () => {
    if (!rowConfirm) return;
    setRowConfirmPending(true);
    const outcome = await users.runRowAction(rowConfirm.user, rowConfirm.action);
    setRowConfirmPending(false);
    if (!outcome.ok) {
      setRowConfirmError(outcome.error);
      return;
    }
    setRowConfirm(null);
    if (rowConfirm.action === 'remove') {
      // The row and its menu are gone: once the dialog has closed, put the focus on the row that took its place.
      setTimeout(() => {
        const panel = panelRef.current;
        const target =
          panel?.querySelector<HTMLElement>('tbody tr[data-index] [data-slot="action-menu-trigger"][tabindex="0"]') ??
          panel?.querySelector<HTMLElement>('tbody tr[data-index] [data-slot="action-menu-trigger"]');
        target?.focus();
      }, 50);
    }
  };

  let content: ReactNode;
  if (list.error) {
    content = <ErrorState title={t('users.loadError')} error={list.error} onRetry={list.refetch} />;
  } else if (list.isLoading) {
    content = <LoadingState rows={Math.min(list.state.pageSize, 8)} retrying={list.retrying} />;
  } else if (list.total === 0) {
    content = <UserListEmpty users={users} sso={sso} onInvite={onInvite} emptyAction={emptyAction} />;
  } else {
    content = (
      <>
        <UserListTable users={users} onRowAction={onRowAction} {...(virtualizeAbove !== undefined ? { virtualizeAbove } : {})} />
        <Pagination
          pageIndex={list.state.pageIndex}
          pageCount={list.pageCount}
          pageSize={list.state.pageSize}
          onPageIndexChange={(pageIndex) => users.table.setPageIndex(pageIndex)}
          onPageSizeChange={(pageSize) => users.table.setPageSize(pageSize)}
          pageSizeOptions={pageSizeOptions}
        />
      </>
    );
  }

  const name = rowConfirm ? userDisplayName(rowConfirm.user) : '';
  return (
    <UserAdminRoot {...rest} className={cx('uak-user-list', className)} data-slot="user-list">
      <Tabs
        idBase={idBase}
        label={t('userList.views.label')}
        value={users.view ?? ''}
        onValueChange={(value) => users.setView(value as UserListView)}
        items={users.views.map(({ view, count }) => ({ value: view, label: t(`userList.views.${view}`), ...(count !== undefined ? { count } : {}) }))}
      />
      <TabPanel ref={panelRef} idBase={idBase} value={users.view ?? 'all'} active className="uak-user-list-panel">
        <UserListToolbar users={users} {...(onInvite ? { onInvite } : {})} {...(searchDebounceMs !== undefined ? { searchDebounceMs } : {})} />
        <UserListSelectionBar users={users} onBulkAction={setBulkAction} />
        {rowConfirm ? null : <UserListRowOutcome outcome={users.lastRowAction} onDismiss={users.dismissRowAction} />}
        {bulkAction ? null : <UserListBulkOutcome users={users} />}
        {content}
      </TabPanel>
      <LazyConfirmDialog
        open={rowConfirm !== null}
        onOpenChange={(open) => { if (!open) setRowConfirm(null); }}
        title={rowConfirm?.action === 'remove' ? t('userList.confirm.removeTitle', { name }) : t('userList.confirm.deactivateTitle', { name })}
        description={rowConfirm?.action === 'remove' ? t('userList.confirm.removeDescription', { name }) : t('userList.confirm.deactivateDescription', { name })}
        confirmLabel={rowConfirm?.action === 'remove' ? t('actions.remove') : t('actions.deactivate')}
        tone="danger"
        pending={rowConfirmPending}
        error={rowConfirmError}
        onConfirm={() => void confirmRow()}
        returnFocusTo={rowConfirmFocus}
      />
      <UserListBulkConfirm users={users} action={bulkAction} onClose={() => setBulkAction(null)} />
    </UserAdminRoot>
  );
}

function UserListEmpty({ users, sso, onInvite, emptyAction }: { users: ReturnType<typeof useUserTable>; sso: boolean; onInvite: (() => void) | undefined; emptyAction: ReactNode }) {
  const { t } = useUserAdminTranslation();
  if (users.isNarrowed) {
    return (
      <EmptyState
        data-slot="user-list-empty"
        title={t('userList.empty.filteredTitle')}
        hint={t('userList.empty.filteredHint')}
        action={<Button onClick={users.clearSearchAndFilters}>{t('userList.empty.clearFilters')}</Button>}
      />
    );
  }
  // Nobody in the whole list, or among the active or invited users: the next step is to bring people in.
  const title = users.view === 'all' ? t('userList.empty.title') : t('userList.empty.viewTitle');
  if (users.view === 'contacts' || users.view === 'deactivated') {
    return <EmptyState data-slot="user-list-empty" title={title} hint={t('userList.empty.filteredHint')} action={emptyAction} />;
  }
  if (sso) {
    const provider = users.settings?.sso.providerName;
    return (
      <EmptyState
        data-slot="user-list-empty"
        data-state="sso"
        title={title}
        hint={provider ? t('userList.empty.ssoHint', { provider }) : t('userList.empty.ssoHintGeneric')}
        action={emptyAction}
      />
    );
  }
  return (
    <EmptyState
      data-slot="user-list-empty"
      title={title}
      hint={t('userList.empty.hint')}
      action={emptyAction ?? (onInvite ? <Button variant="primary" onClick={onInvite}>{t('userList.invite')}</Button> : undefined)}
    />
  );
}
