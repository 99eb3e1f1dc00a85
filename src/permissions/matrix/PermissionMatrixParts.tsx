import { useMemo, useRef, type ComponentProps, type ReactNode } from 'react';
import { translateError, useUserAdminTranslation } from '../../i18n';
import {
  Badge, Button, EmptyState, ErrorState, LoadingState, Pagination, SearchField, StatusMessage, UserAdminRoot, VisuallyHidden, cx,
  type PaginationProps,
} from '../../ui';
import { PermissionGrid, type PermissionGridColumn, type PermissionGridProps, type PermissionGridRow } from './PermissionGrid';
import {
  PermissionMatrixAnnouncer, saveOutcomeText, usePermissionMatrixPart, usePermissionMatrixRootContext,
} from './PermissionMatrixBase';
import { withRef } from '../../ui/withRef';

/**
 * The page sizes the users matrix offers, up to 1,000 (pages above 100 rows are virtualized).
 * @example
 * <PermissionMatrix pageSize={PERMISSION_MATRIX_PAGE_SIZES[2]} />
 */
export const PERMISSION_MATRIX_PAGE_SIZES = [10, 25, 50, 100, 250, 1000];

/**
 * The matrix's root element (`data-slot="permission-matrix"`, `data-source` users or roles), with
 * the library's theme scope and the live region the matrix announces in; the host's `className`
 * and props go on it. It reads nothing that an edit changes, so an edit never re-renders it.
 * @example
 * <PermissionMatrixBase><PermissionMatrix.Root className="my-matrix">…</PermissionMatrix.Root></PermissionMatrixBase>
 */
export const PermissionMatrixRoot = withRef(function PermissionMatrixRoot({ className, children, ...props }: ComponentProps<'div'>) {
  const { source, announcer } = usePermissionMatrixRootContext('PermissionMatrix.Root');
  return (
    <UserAdminRoot {...props} className={cx('uak-permission-matrix', className)} data-slot="permission-matrix" data-source={source}>
      <PermissionMatrixAnnouncer announcer={announcer} />
      {children}
    </UserAdminRoot>
  );
});

/** Props of {@link PermissionMatrixToolbar}. */
export interface PermissionMatrixToolbarProps extends ComponentProps<'div'> {
  /** Wait after typing before searching, in ms. Defaults to 300. */
  searchDebounceMs?: number | undefined;
}

/**
 * The search over the users (users mode; nothing in roles mode). The host's children follow the field.
 * @example
 * <PermissionMatrix.Toolbar searchDebounceMs={200}><MyExportButton /></PermissionMatrix.Toolbar>
 */
export const PermissionMatrixToolbar = withRef(function PermissionMatrixToolbar({ searchDebounceMs, className, children, ...props }: PermissionMatrixToolbarProps) {
  const { t } = useUserAdminTranslation();
  const { matrix } = usePermissionMatrixPart('PermissionMatrix.Toolbar');
  const { list } = matrix;
  if (matrix.source !== 'users' || !list) return null;
  return (
    <div {...props} className={cx('uak-permission-matrix-toolbar', className)} data-slot="permission-matrix-toolbar">
      <SearchField value={list.state.search} onValueChange={list.setSearch} label={t('permissionMatrix.search')} debounceMs={searchDebounceMs} />
      {children}
    </div>
  );
});

/**
 * In roles mode where nothing can change, says why (the adapter has no `updateRole`, or the core
 * refuses role editing to the acting admin); nothing otherwise.
 * @example
 * <PermissionMatrix.ReadOnlyNotice />
 */
export const PermissionMatrixReadOnlyNotice = withRef(function PermissionMatrixReadOnlyNotice(props: Omit<ComponentProps<'div'>, 'children'>) {
  const { t } = useUserAdminTranslation();
  const { matrix } = usePermissionMatrixPart('PermissionMatrix.ReadOnlyNotice');
  if (!matrix.readOnly) return null;
  return (
    <StatusMessage
      {...props}
      tone="info"
      data-slot="permission-matrix-read-only"
      data-reason={matrix.readOnlyReason ?? undefined}
    >
      {matrix.readOnlyReason ? t(`errors.reason.${matrix.readOnlyReason}`) : t('permissionMatrix.readOnly')}
    </StatusMessage>
  );
});

/** Props of {@link PermissionMatrixContent}. */
export interface PermissionMatrixContentProps {
  /** Pages with more rows than this are virtualized. Defaults to 100. */
  virtualizeAbove?: number;
  /** Defaults to {@link PERMISSION_MATRIX_PAGE_SIZES}. */
  pageSizeOptions?: number[];
}

/**
 * What the matrix shows for its state: the loading rows, the error with a retry, the empty state,
 * or the grid; then, in users mode, the pagination.
 * @example
 * <PermissionMatrix.Content pageSizeOptions={[25, 50, 100]} />
 */
export function PermissionMatrixContent({ virtualizeAbove, pageSizeOptions }: PermissionMatrixContentProps) {
  const { t } = useUserAdminTranslation();
  const { matrix } = usePermissionMatrixPart('PermissionMatrix.Content');
  const users = matrix.source === 'users';
  let content: ReactNode;
  if (matrix.isLoading) content = <LoadingState rows={6} retrying={matrix.list?.retrying ?? null} />;
  else if (matrix.error) content = <ErrorState title={t('permissionMatrix.loadError')} error={matrix.error} onRetry={matrix.refetch} />;
  else if (matrix.rows.length === 0) {
    content = users ? <EmptyState title={t('permissionMatrix.empty')} hint={t('permissionMatrix.emptyHint')} /> : <EmptyState title={t('permissionMatrix.emptyRoles')} />;
  } else {
    content = <PermissionMatrixGrid {...(virtualizeAbove !== undefined ? { virtualizeAbove } : {})} />;
  }
  return (
    <>
      {content}
      <PermissionMatrixPagination {...(pageSizeOptions ? { pageSizeOptions } : {})} />
    </>
  );
}

/** Props of {@link PermissionMatrixGrid}: the {@link PermissionGrid} props a host may set. */
export type PermissionMatrixGridProps = Pick<PermissionGridProps, 'className' | 'id' | 'aria-describedby' | 'virtualizeAbove'>;

/**
 * The grid of the rows shown by modules: in users mode each row with its email (and "You"), and a
 * role select that offers only the roles the core allows; the pending edits marked. Page Down on
 * the last row turns to the next page (Page Up on the first to the previous one).
 * @example
 * <PermissionMatrix.Grid virtualizeAbove={50} />
 */
export function PermissionMatrixGrid(props: PermissionMatrixGridProps) {
  const { t } = useUserAdminTranslation();
  const { matrix, idBase, announce } = usePermissionMatrixPart('PermissionMatrix.Grid');
  const { list, source, readOnly } = matrix;
  const users = source === 'users';

  const latest = useRef(matrix);
  latest.current = matrix;
  const { userOf, pendingRoles, roles } = matrix;
  const currentId = matrix.settings?.currentUser.id;
  const rows = useMemo<PermissionGridRow[]>(() => {
    if (!users) return matrix.rows;
    return matrix.rows.map((row) => {
      const user = userOf(row.id);
      return {
        ...row,
        description: (
          <>
            {user?.email}
            {row.id === currentId ? <Badge tone="info" className="uak-permission-matrix-you">{t('permissionMatrix.you')}</Badge> : null}
          </>
        ),
      };
    });
  }, [users, matrix.rows, userOf, currentId, t]);

  const roleColumn = useMemo<PermissionGridColumn>(() => ({
    id: 'role',
    header: t('permissionMatrix.columns.role'),
    cell: (row) => {
      const user = userOf(row.id);
      const value = pendingRoles[row.id] ?? user?.roleId ?? '';
      const changed = row.id in pendingRoles;
      const markId = `${idBase}-${row.id}-role-mark`;
      // The core's rules decide: a user outside the admin's scope keeps their role; a role that
      // would demote oneself (or the last active admin) is not offered.
      const rowRefusal = latest.current.rowRefusal(row.id);
      const refusals = new Map(roles.map((role) => [role.id, role.id === value ? null : latest.current.roleRefusal(row.id, role.id)]));
      const firstRefusal = rowRefusal ?? [...refusals.values()].find((refusal) => refusal !== null) ?? null;
      const reasonId = `${idBase}-${row.id}-role-reason`;
      const describedBy = [changed ? markId : '', firstRefusal ? reasonId : ''].filter(Boolean).join(' ') || undefined;
      return (
        <span className="uak-permission-matrix-role-cell">
          <select
            className="uak-permission-matrix-role"
            aria-label={t('permissionMatrix.roleLabel', { name: row.label })}
            aria-describedby={describedBy}
            disabled={rowRefusal !== null}
            value={value}
            data-state={changed ? 'changed' : 'saved'}
            data-slot="permission-matrix-role"
            onChange={(event) => {
              const refusal = latest.current.setRole(row.id, event.target.value);
              if (refusal) announce(t('permissionMatrix.refused', { name: row.label, reason: translateError(t, refusal) }));
            }}
          >
            {value === '' ? <option value="" disabled>{t('permissionMatrix.noRole')}</option> : null}
            {roles.map((role) => <option key={role.id} value={role.id} disabled={refusals.get(role.id) != null}>{role.name}</option>)}
          </select>
          {firstRefusal ? (
            <VisuallyHidden id={reasonId} data-slot="permission-matrix-role-reason">{translateError(t, firstRefusal)}</VisuallyHidden>
          ) : null}
          {changed ? (
            <span id={markId} className="uak-permission-grid-mark" data-slot="permission-grid-mark">
              <span aria-hidden="true"> ●</span>
              <VisuallyHidden>{t('permissionMatrix.changedMark')}</VisuallyHidden>
            </span>
          ) : null}
        </span>
      );
    },
  }), [userOf, pendingRoles, roles, t, idBase, announce]);
  const columns = useMemo(() => (users ? [roleColumn] : []), [users, roleColumn]);

  return (
    <PermissionGrid
      {...props}
      label={users ? t('permissionMatrix.usersLabel') : t('permissionMatrix.rolesLabel')}
      rows={rows}
      modules={matrix.modules}
      value={matrix.draft}
      baseline={matrix.baseline}
      onValueChange={matrix.setDraft}
      rowErrors={matrix.rowErrors}
      readOnly={readOnly}
      rowHeaderLabel={users ? t('permissionMatrix.columns.user') : t('permissionMatrix.columns.role')}
      columns={columns}
      presetAction={users}
      lockedReason={users ? undefined : t('permissionMatrix.lockedRoleReason')}
      totalRows={users && list ? list.total : matrix.rows.length}
      rowOffset={users && list ? list.state.pageIndex * list.state.pageSize : 0}
      onPageEdge={users && list ? (direction) => {
        const target = list.state.pageIndex + (direction === 'next' ? 1 : -1);
        if (target < 0 || target >= list.pageCount) return false;
        list.setPageIndex(target);
        return true;
      } : undefined}
      onPresetApplied={(rowId) => {
        const role = matrix.rows.find((row) => row.id === rowId)?.role;
        if (role) announce(t('permissionMatrix.presetApplied', { role: role.name }));
      }}
    />
  );
}

/** Props of {@link PermissionMatrixPagination}: the `nav`'s props and the page sizes offered. */
export type PermissionMatrixPaginationProps = Omit<PaginationProps, 'pageIndex' | 'pageCount' | 'pageSize' | 'onPageIndexChange' | 'onPageSizeChange'>;

/**
 * The page of users, its size, and the moves between pages (users mode, once users are listed;
 * nothing otherwise).
 * @example
 * <PermissionMatrix.Pagination pageSizeOptions={[25, 50, 100]} />
 */
export function PermissionMatrixPagination({ pageSizeOptions = PERMISSION_MATRIX_PAGE_SIZES, ...props }: PermissionMatrixPaginationProps) {
  const { matrix } = usePermissionMatrixPart('PermissionMatrix.Pagination');
  const { list } = matrix;
  if (matrix.source !== 'users' || !list || matrix.isLoading || matrix.error || list.total === 0) return null;
  return (
    <Pagination
      {...props}
      pageIndex={list.state.pageIndex}
      pageCount={list.pageCount}
      pageSize={list.state.pageSize}
      onPageIndexChange={list.setPageIndex}
      onPageSizeChange={list.setPageSize}
      pageSizeOptions={pageSizeOptions}
    />
  );
}

/**
 * The pending edits counted, the last save's outcome, and Discard / Save (`data-state` dirty or
 * clean); nothing when the matrix is read-only.
 * @example
 * <PermissionMatrix.SaveBar className="my-sticky-footer" />
 */
export const PermissionMatrixSaveBar = withRef(function PermissionMatrixSaveBar({ className, ...props }: Omit<ComponentProps<'div'>, 'children'>) {
  const { t } = useUserAdminTranslation();
  const { matrix, outcome, save, discard } = usePermissionMatrixPart('PermissionMatrix.SaveBar');
  if (matrix.readOnly) return null;
  return (
    <div
      {...props}
      className={cx('uak-permission-matrix-pending', className)}
      data-slot="permission-matrix-pending"
      data-state={matrix.changedCount > 0 ? 'dirty' : 'clean'}
    >
      <span className="uak-permission-matrix-pending-count" data-slot="permission-matrix-pending-count">
        {matrix.changedCount > 0 ? t('permissionMatrix.pending', { count: matrix.changedCount }) : t('permissionMatrix.noPending')}
      </span>
      {outcome ? <p className="uak-permission-matrix-outcome" data-slot="permission-matrix-outcome">{saveOutcomeText(t, outcome)}</p> : null}
      <Button onClick={discard} disabled={matrix.changedCount === 0 || matrix.isSaving}>{t('common.discard')}</Button>
      <Button variant="primary" onClick={() => void save()} pending={matrix.isSaving} disabled={matrix.changedCount === 0}>
        {matrix.isSaving ? t('common.saving') : t('common.save')}
      </Button>
    </div>
  );
});
