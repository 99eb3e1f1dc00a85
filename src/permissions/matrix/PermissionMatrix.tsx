import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { translateError, useUserAdminTranslation } from '../../i18n';
import { Badge, Button, EmptyState, ErrorState, LoadingState, Pagination, SearchField, StatusMessage, UserAdminRoot, VisuallyHidden, cx, useAnnounce } from '../../ui';
import type { PermissionGridColumn, PermissionGridRow } from './PermissionGrid';
import { PermissionGrid } from './PermissionGrid';
import { usePermissionMatrix, type PermissionMatrixSaveResult, type UsePermissionMatrixOptions, type UsePermissionMatrixResult } from './usePermissionMatrix';

/**
 * The page sizes the users matrix offers, up to 1,000 (pages above 100 rows are virtualized).
 * @example
 * <PermissionMatrix pageSize={PERMISSION_MATRIX_PAGE_SIZES[2]} />
 */
export const PERMISSION_MATRIX_PAGE_SIZES = [10, 25, 50, 100, 250, 1000];

/** Props of {@link PermissionMatrix}: the options of {@link usePermissionMatrix} and a class name. */
export interface PermissionMatrixProps extends UsePermissionMatrixOptions {
  /** Merged last on the root. Defaults to none. */
  className?: string;
  /** Wait after typing before searching, in ms. Defaults to 300. */
  searchDebounceMs?: number;
}

/**
 * The permission matrix screen: login users (searchable, paged, virtualized above 100 rows per
 * page) or roles (`source="roles"`) by modules, with each user's role as a select, pending changes
 * counted and marked, and Save / Discard. Saving sends one update per changed row; rows that fail
 * stay marked with their reason and keep their edits, the others are saved, and the outcome is
 * announced. Demoting yourself or the last active admin is refused before saving, with the reason.
 * In roles mode without `adapter.updateRole` the grid is read-only and says why. Pending edits
 * survive paging and searching; `value` / `defaultValue` / `onValueChange` let a host own them.
 *
 * Keyboard: see {@link PermissionGrid} (arrows, Home/End, Ctrl+Home/Ctrl+End, Page Up/Page Down;
 * Space sets the next level, Enter opens the list of levels). Page Down on the last row turns to
 * the next page (Page Up on the first row to the previous one) and keeps the column.
 * @example
 * <PermissionMatrix onSaved={({ failed }) => failed.length === 0 && toast('Saved')} />
 * <PermissionMatrix source="roles" />
 */
export function PermissionMatrix({ className, searchDebounceMs, ...options }: PermissionMatrixProps) {
  // The matrix's state lives below the root: an edit re-renders the screen, not the root, whose
  // context (portal container, announcer) every cell's level menu reads.
  return (
    <UserAdminRoot className={cx('uak-permission-matrix', className)} data-slot="permission-matrix" data-source={options.source ?? 'users'}>
      <PermissionMatrixState options={options} searchDebounceMs={searchDebounceMs} />
    </UserAdminRoot>
  );
}

function PermissionMatrixState({ options, searchDebounceMs }: { options: UsePermissionMatrixOptions; searchDebounceMs?: number }) {
  const matrix = usePermissionMatrix(options);
  const { t } = useUserAdminTranslation();
  return <PermissionMatrixView matrix={matrix} searchDebounceMs={searchDebounceMs} t={t} />;
}

function PermissionMatrixView({ matrix, searchDebounceMs, t }: { matrix: UsePermissionMatrixResult; searchDebounceMs?: number; t: ReturnType<typeof useUserAdminTranslation>['t'] }) {
  const announce = useAnnounce();
  const [outcome, setOutcome] = useState<PermissionMatrixSaveResult | null>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const { list, source, readOnly } = matrix;
  const users = source === 'users';

  const outcomeText = (result: PermissionMatrixSaveResult) =>
    [
      result.saved.length > 0 ? t('permissionMatrix.saved', { count: result.saved.length }) : '',
      result.failed.length > 0 ? t('permissionMatrix.failed', { count: result.failed.length }) : '',
    ].filter(Boolean).join(' ');

  const onSave = async () => {
    const result = await matrix.save();
    if (result.saved.length + result.failed.length === 0) return;
    setOutcome(result);
    announce(outcomeText(result));
  };
  const onDiscard = () => {
    matrix.discard();
    setOutcome(null);
    announce(t('permissionMatrix.discarded'));
  };

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
      const markId = `uak-permission-matrix-${uid}-${row.id}-role-mark`;
      // The core's rules decide: a user outside the admin's scope keeps their role; a role that
      // would demote oneself (or the last active admin) is not offered.
      const rowRefusal = latest.current.rowRefusal(row.id);
      const refusals = new Map(roles.map((role) => [role.id, role.id === value ? null : latest.current.roleRefusal(row.id, role.id)]));
      const firstRefusal = rowRefusal ?? [...refusals.values()].find((refusal) => refusal !== null) ?? null;
      const reasonId = `uak-permission-matrix-${uid}-${row.id}-role-reason`;
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
  }), [userOf, pendingRoles, roles, t, uid, announce]);
  const columns = useMemo(() => (users ? [roleColumn] : []), [users, roleColumn]);

  let content: ReactNode;
  if (matrix.isLoading) content = <LoadingState rows={6} retrying={matrix.list?.retrying ?? null} />;
  else if (matrix.error) content = <ErrorState title={t('permissionMatrix.loadError')} error={matrix.error} onRetry={matrix.refetch} />;
  else if (matrix.rows.length === 0) {
    content = users ? <EmptyState title={t('permissionMatrix.empty')} hint={t('permissionMatrix.emptyHint')} /> : <EmptyState title={t('permissionMatrix.emptyRoles')} />;
  } else {
    content = (
      <PermissionGrid
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

  return (
    <>
      {users && list ? (
        <div className="uak-permission-matrix-toolbar" data-slot="permission-matrix-toolbar">
          <SearchField value={list.state.search} onValueChange={list.setSearch} label={t('permissionMatrix.search')} debounceMs={searchDebounceMs} />
        </div>
      ) : null}
      {readOnly ? (
        <StatusMessage tone="info" data-slot="permission-matrix-read-only" data-reason={matrix.readOnlyReason ?? undefined}>
          {matrix.readOnlyReason ? t(`errors.reason.${matrix.readOnlyReason}`) : t('permissionMatrix.readOnly')}
        </StatusMessage>
      ) : null}
      {content}
      {users && list && !matrix.isLoading && !matrix.error && list.total > 0 ? (
        <Pagination
          pageIndex={list.state.pageIndex}
          pageCount={list.pageCount}
          pageSize={list.state.pageSize}
          onPageIndexChange={list.setPageIndex}
          onPageSizeChange={list.setPageSize}
          pageSizeOptions={PERMISSION_MATRIX_PAGE_SIZES}
        />
      ) : null}
      {readOnly ? null : (
        <div className="uak-permission-matrix-pending" data-slot="permission-matrix-pending" data-state={matrix.changedCount > 0 ? 'dirty' : 'clean'}>
          <span className="uak-permission-matrix-pending-count" data-slot="permission-matrix-pending-count">
            {matrix.changedCount > 0 ? t('permissionMatrix.pending', { count: matrix.changedCount }) : t('permissionMatrix.noPending')}
          </span>
          {outcome ? <p className="uak-permission-matrix-outcome" data-slot="permission-matrix-outcome">{outcomeText(outcome)}</p> : null}
          <Button onClick={onDiscard} disabled={matrix.changedCount === 0 || matrix.isSaving}>{t('common.discard')}</Button>
          <Button variant="primary" onClick={() => void onSave()} pending={matrix.isSaving} disabled={matrix.changedCount === 0}>
            {matrix.isSaving ? t('common.saving') : t('common.save')}
          </Button>
        </div>
      )}
    </>
  );
}
