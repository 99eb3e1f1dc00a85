import { useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { Button, EmptyState, ErrorState, LoadingState, Pagination, TabPanel, Tabs, UserAdminRoot, cx } from '../ui';
import { LazyConfirmDialog } from '../ui/LazyConfirmDialog';
import { userDisplayName } from './model/columns';
import type { UserListView } from './model/views';
import { UserListBulkConfirm, UserListBulkOutcome, UserListRowOutcome, UserListSelectionBar, UserListToolbar } from './UserListParts';
import { UserListTable } from './UserListTable';
import { UserListExportButton } from './UserListExport';
import { splitUserTableOptions, UserListBase, useUserListContext, type UserListRowConfirmState } from './UserListBase';
import type { useUserTable, UseUserTableOptions } from './useUserTable';
import { withRef } from '../ui/withRef';

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

/**
 * The users screen: views with counts (Active, Invited, Deactivated, Contacts, All), search and
 * filters, a sortable and paged table (virtualized for large pages), row actions with the self and
 * last-admin guards, multi-select with bulk actions across pages and per-user results, and the
 * loading, empty and error states. Every option of {@link useUserTable} is a prop, and the host's
 * `className` and `div` props go on the root.
 *
 * It is the composition of its parts under {@link UserListBase}: `UserList.Root`, `.Views`,
 * `.Panel`, `.Toolbar` (with `.ExportButton`), `.SelectionBar`, `.RowOutcome`, `.BulkOutcome`, `.Content` (or `.Table`
 * and `.Pagination`), `.RowConfirm` and `.BulkConfirm`. Compose them yourself to drop one or put
 * your own between two.
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
const UserListComponent = withRef(function UserListComponent(props: UserListProps) {
  const [options, { onInvite, emptyAction, pageSizeOptions, searchDebounceMs, virtualizeAbove, ...rest }] = splitUserTableOptions(props);
  return (
    <UserListBase {...options}>
      <UserListRoot {...rest}>
        <UserListViews />
        <UserListPanel>
          <UserListToolbar {...(onInvite ? { onInvite } : {})} {...(searchDebounceMs !== undefined ? { searchDebounceMs } : {})} />
          <UserListSelectionBar />
          <UserListRowOutcome />
          <UserListBulkOutcome />
          <UserListContent
            onInvite={onInvite}
            emptyAction={emptyAction}
            {...(pageSizeOptions ? { pageSizeOptions } : {})}
            {...(virtualizeAbove !== undefined ? { virtualizeAbove } : {})}
          />
        </UserListPanel>
        <UserListRowConfirm />
        <UserListBulkConfirm />
      </UserListRoot>
    </UserListBase>
  );
});

/**
 * The list's root element (`data-slot="user-list"`), with the library's theme scope; the host's
 * `className` and props go on it.
 * @example
 * <UserListBase><UserList.Root className="my-list">…</UserList.Root></UserListBase>
 */
export const UserListRoot = withRef(function UserListRoot({ className, ...props }: ComponentProps<'div'>) {
  return <UserAdminRoot {...props} className={cx('uak-user-list', className)} data-slot="user-list" />;
});

/**
 * The views (Active, Invited, Deactivated, Contacts, All) as tabs with their counts.
 * @example
 * <UserList.Views />
 */
export function UserListViews({ className }: { className?: string }) {
  const { t } = useUserAdminTranslation();
  const { users, idBase } = useUserListContext();
  return (
    <Tabs
      idBase={idBase}
      label={t('userList.views.label')}
      value={users.view ?? ''}
      onValueChange={(value) => users.setView(value as UserListView)}
      items={users.views.map(({ view, count }) => ({ value: view, label: t(`userList.views.${view}`), ...(count !== undefined ? { count } : {}) }))}
      {...(className ? { className } : {})}
    />
  );
}

/**
 * The tab panel of the current view: put the toolbar, outcomes and content in it.
 * @example
 * <UserList.Panel><UserList.Toolbar /><UserList.Content /></UserList.Panel>
 */
export function UserListPanel({ className, children }: { className?: string; children?: ReactNode }) {
  const { users, idBase, panelRef } = useUserListContext();
  return (
    <TabPanel ref={panelRef} idBase={idBase} value={users.view ?? 'all'} active className={cx('uak-user-list-panel', className)}>
      {children}
    </TabPanel>
  );
}

/** Props of {@link UserListContent}. */
export interface UserListContentProps {
  /** Shows an invite button in the empty state (never under SSO enforcement). Defaults to none. */
  onInvite?: (() => void) | undefined;
  /** Replaces the empty state's action. Defaults to none. */
  emptyAction?: ReactNode;
  /** Defaults to {@link USER_LIST_PAGE_SIZES}. */
  pageSizeOptions?: number[];
  /** Pages with more rows than this are virtualized. Defaults to 100. */
  virtualizeAbove?: number;
}

/**
 * What the list shows for its state: the error with a retry, the loading rows, the empty state
 * (why, and what to do), or the table and its pagination.
 * @example
 * <UserList.Content onInvite={openInvite} pageSizeOptions={[25, 50]} />
 */
export function UserListContent({ onInvite, emptyAction, pageSizeOptions, virtualizeAbove }: UserListContentProps) {
  const { t } = useUserAdminTranslation();
  const { users } = useUserListContext();
  const { list, settings } = users;
  if (list.error) return <ErrorState title={t('users.loadError')} error={list.error} onRetry={list.refetch} />;
  if (list.isLoading) return <LoadingState rows={Math.min(list.state.pageSize, 8)} retrying={list.retrying} />;
  if (list.total === 0) {
    return <UserListEmpty users={users} sso={settings?.sso.enforced === true} onInvite={onInvite} emptyAction={emptyAction} />;
  }
  return (
    <>
      <UserListTable {...(virtualizeAbove !== undefined ? { virtualizeAbove } : {})} />
      <UserListPagination {...(pageSizeOptions ? { pageSizeOptions } : {})} />
    </>
  );
}

/**
 * The page, its size, and the moves between pages.
 * @example
 * <UserList.Pagination pageSizeOptions={[25, 50, 100]} />
 */
export function UserListPagination({ pageSizeOptions = USER_LIST_PAGE_SIZES }: { pageSizeOptions?: number[] }) {
  const { users } = useUserListContext();
  const { list, table } = users;
  return (
    <Pagination
      pageIndex={list.state.pageIndex}
      pageCount={list.pageCount}
      pageSize={list.state.pageSize}
      onPageIndexChange={(pageIndex) => table.setPageIndex(pageIndex)}
      onPageSizeChange={(pageSize) => table.setPageSize(pageSize)}
      pageSizeOptions={pageSizeOptions}
    />
  );
}

/**
 * Asks before a row's deactivate, remove or password reset, runs it, and gives the focus back to the row's menu
 * (or, if the row went away, to the menu of the row now at its place), never to the page body.
 * @example
 * <UserList.RowConfirm />
 */
export function UserListRowConfirm() {
  const { t } = useUserAdminTranslation();
  const { users, rowConfirm, closeRowConfirm, panelRef } = useUserListContext();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  // Where the focus returns when the confirmation closes.
  const last = useRef<UserListRowConfirmState | null>(null);
  const shown = useRef<UserListRowConfirmState | null>(null);
  if (rowConfirm !== shown.current) {
    shown.current = rowConfirm;
    if (rowConfirm) {
      last.current = rowConfirm;
      if (error !== null) setError(null);
    }
  }
  const returnFocus = (): HTMLElement | null => {
    const previous = last.current;
    if (!previous) return null;
    if (previous.trigger?.isConnected) return previous.trigger;
    return previous.rowIndex === null
      ? null
      : (panelRef.current?.querySelector<HTMLElement>(`tbody tr[data-index="${previous.rowIndex}"] [data-slot="action-menu-trigger"]`) ?? null);
  };
  const confirm = async () => {
    if (!rowConfirm) return;
    setPending(true);
    const outcome = await users.runRowAction(rowConfirm.user, rowConfirm.action);
    setPending(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    closeRowConfirm();
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
  const name = rowConfirm ? userDisplayName(rowConfirm.user) : '';
  const action = rowConfirm?.action;
  const texts =
    action === 'remove' ? { title: t('userList.confirm.removeTitle', { name }), description: t('userList.confirm.removeDescription', { name }), confirm: t('actions.remove') }
      : action === 'sendPasswordReset'
        ? {
          title: t('userList.confirm.passwordResetTitle', { name }),
          description: t('userList.confirm.passwordResetDescription', { name, email: rowConfirm?.user.email ?? '' }),
          confirm: t('userList.confirm.passwordResetConfirm'),
        }
        : { title: t('userList.confirm.deactivateTitle', { name }), description: t('userList.confirm.deactivateDescription', { name }), confirm: t('actions.deactivate') };
  return (
    <LazyConfirmDialog
      open={rowConfirm !== null}
      onOpenChange={(open) => { if (!open) closeRowConfirm(); }}
      title={texts.title}
      description={texts.description}
      confirmLabel={texts.confirm}
      tone={action === 'sendPasswordReset' ? 'primary' : 'danger'}
      pending={pending}
      error={error}
      onConfirm={() => void confirm()}
      returnFocusTo={returnFocus}
    />
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

/**
 * The users list, and its parts for composing one's own (`UserList.Toolbar`…), each also exported
 * by its own name (`UserListToolbar`…).
 */
export const UserList = Object.assign(UserListComponent, {
  Base: UserListBase,
  Root: UserListRoot,
  Views: UserListViews,
  Panel: UserListPanel,
  Toolbar: UserListToolbar,
  ExportButton: UserListExportButton,
  SelectionBar: UserListSelectionBar,
  RowOutcome: UserListRowOutcome,
  BulkOutcome: UserListBulkOutcome,
  Content: UserListContent,
  Table: UserListTable,
  Pagination: UserListPagination,
  RowConfirm: UserListRowConfirm,
  BulkConfirm: UserListBulkConfirm,
});
