import { lazy, Suspense, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { UserAdminError } from '../contract/errors';
import type { UserScope } from '../contract/types';
import type { EntityAccessValue } from '../entities/picker/selection';
import { translateError, useUserAdminTranslation } from '../i18n';
import { Button, Field, ResultList, SearchField, StatusMessage, cx } from '../ui';
import { LazyConfirmDialog } from '../ui/LazyConfirmDialog';
import { userDisplayName } from './model/columns';
import { useUserListUsers, UserListContext } from './UserListBase';
import { UserListExportButton } from './UserListExport';
import type { UserBulkAction, UserBulkItemOutcome, UserRowActionOutcome, UseUserTableResult } from './useUserTable';

/** Props of {@link UserListToolbar}. */
export interface UserListToolbarProps {
  /** The table state. Defaults to the nearest `UserListBase`'s. */
  users?: UseUserTableResult;
  /** Shows the invite button (never under SSO enforcement). Defaults to none. */
  onInvite?: () => void;
  /** Shows the CSV export of the selection or the current view (`UserList.ExportButton`). Defaults to `true`. */
  exportCsv?: boolean;
  /** Wait after typing before searching, in ms. Defaults to 300. */
  searchDebounceMs?: number;
  /** Merged last. Defaults to none. */
  className?: string;
}

/**
 * Search (debounced), role, entity and access filters, the CSV export and the invite button.
 * @example
 * <UserList.Toolbar onInvite={() => setInviteOpen(true)} />
 */
export function UserListToolbar({ users: usersProp, onInvite, exportCsv = true, searchDebounceMs = 300, className }: UserListToolbarProps) {
  const { t } = useUserAdminTranslation();
  const users = useUserListUsers(usersProp, 'UserList.Toolbar');
  const { list, settings, roles } = users;
  const { filter } = list.state;
  const sso = settings?.sso.enforced === true;
  return (
    <div className={cx('uak-user-list-toolbar', className)} data-slot="user-list-toolbar">
      <SearchField
        label={t('userList.searchLabel')}
        placeholder={t('userList.searchPlaceholder')}
        value={list.state.search}
        onValueChange={list.setSearch}
        debounceMs={searchDebounceMs}
      />
      <Field label={t('userList.filters.role')} className="uak-user-list-filter">
        {(control) => (
          <select
            {...control}
            data-slot="user-list-role-filter"
            value={filter.roleIds?.[0] ?? ''}
            onChange={(event) => users.updateFilter({ roleIds: event.target.value ? [event.target.value] : undefined })}
          >
            <option value="">{t('userList.filters.anyRole')}</option>
            {(roles ?? []).map((role) => <option key={role.id} value={role.id}>{role.name}</option>)}
          </select>
        )}
      </Field>
      {settings?.multiEntity !== false ? (
        <>
          <Field label={t('userList.filters.entity')} className="uak-user-list-filter uak-user-list-entity-filter">
            {(control) => (
              <UserListEntityFilter
                id={control.id}
                describedBy={control['aria-describedby']}
                label={t('userList.filters.entity')}
                placeholder={t('userList.filters.anyEntity')}
                value={{ entityIds: filter.entityIds ?? [], subtreeEntityIds: [] }}
                onValueChange={(next) => users.updateFilter({ entityIds: next.entityIds.length > 0 ? next.entityIds : undefined })}
              />
            )}
          </Field>
          <Field label={t('userList.filters.scope')} className="uak-user-list-filter">
            {(control) => (
              <select
                {...control}
                data-slot="user-list-scope-filter"
                value={filter.scope ?? ''}
                onChange={(event) => users.updateFilter({ scope: (event.target.value || undefined) as UserScope | undefined })}
              >
                <option value="">{t('userList.filters.anyScope')}</option>
                <option value="group">{t('scope.group')}</option>
                <option value="entity">{t('scope.entity')}</option>
              </select>
            )}
          </Field>
        </>
      ) : null}
      {users.isNarrowed ? (
        <Button variant="ghost" size="sm" onClick={users.clearSearchAndFilters} className="uak-user-list-clear">
          {t('userList.empty.clearFilters')}
        </Button>
      ) : null}
      {exportCsv ? <UserListExportButton users={users} /> : null}
      {onInvite && !sso ? (
        <Button variant="primary" onClick={onInvite} className="uak-user-list-invite" data-slot="user-list-invite">
          {t('userList.invite')}
        </Button>
      ) : null}
      {sso ? (
        <p role="note" className="uak-muted uak-user-list-sso-note" data-slot="user-list-sso-note">
          {settings?.sso.providerName ? t('userList.ssoNote', { provider: settings.sso.providerName }) : t('userList.ssoNoteGeneric')}
        </p>
      ) : null}
    </div>
  );
}

/** The entity picker's code, loaded on demand (the same `import()` prefetches it). */
const loadEntityAccessPicker = () => import('../entities/picker/EntityAccessPicker');
const LazyEntityAccessPicker = lazy(() => loadEntityAccessPicker().then((m) => ({ default: m.EntityAccessPicker })));

interface UserListEntityFilterProps {
  id: string;
  describedBy: string | undefined;
  label: string;
  placeholder: string;
  value: EntityAccessValue;
  onValueChange: (next: EntityAccessValue) => void;
}

/**
 * The entity filter: the picker's code is loaded only when the filter is used. Until then a
 * button like the picker's closed trigger (same name, id and slot) stands in; hovering or focusing
 * it prefetches the picker, activating it (click, Enter, Space, ArrowDown) mounts the picker
 * and opens it. A filter already set mounts the picker at once (it shows the chosen entities).
 */
function UserListEntityFilter({ id, describedBy, label, placeholder, value, onValueChange }: UserListEntityFilterProps) {
  const [activated, setActivated] = useState<'no' | 'open' | 'mounted'>(value.entityIds.length > 0 ? 'mounted' : 'no');
  const trigger = (busy: boolean) => (
    <EntityFilterTrigger
      id={id}
      describedBy={describedBy}
      label={label}
      placeholder={placeholder}
      busy={busy}
      onActivate={() => setActivated('open')}
    />
  );
  if (activated === 'no') return trigger(false);
  return (
    <Suspense fallback={trigger(true)}>
      <LazyEntityAccessPicker
        id={id}
        aria-describedby={describedBy}
        label={label}
        placeholder={placeholder}
        allowSubtrees={false}
        value={value}
        onValueChange={onValueChange}
      />
      {activated === 'open' ? <OpenOnMount triggerId={id} onDone={() => setActivated('mounted')} /> : null}
    </Suspense>
  );
}

/** Once the picker is mounted (after a click on the stand-in), opens it and hands it the focus. */
function OpenOnMount({ triggerId, onDone }: { triggerId: string; onDone: () => void }) {
  useEffect(() => {
    const picker = document.getElementById(triggerId);
    if (picker instanceof HTMLButtonElement && picker.getAttribute('aria-expanded') !== 'true') {
      picker.focus();
      picker.click();
    }
    onDone();
    // Once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

function EntityFilterTrigger({ id, describedBy, label, placeholder, busy, onActivate }: {
  id: string; describedBy: string | undefined; label: string; placeholder: string; busy: boolean; onActivate: () => void;
}) {
  const idBase = useId();
  const prefetch = () => void loadEntityAccessPicker();
  return (
    <div className="uak-entity-picker" data-slot="entity-access-picker" data-variant="popover" data-state="closed" data-mode="multiple">
      <button
        type="button"
        id={id}
        className="uak-entity-picker-trigger"
        data-slot="entity-access-picker-trigger"
        aria-haspopup="dialog"
        aria-expanded={false}
        aria-labelledby={`${idBase}-label ${idBase}-summary`}
        aria-describedby={describedBy}
        aria-busy={busy || undefined}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onClick={onActivate}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            onActivate();
          }
        }}
      >
        <span id={`${idBase}-label`} className="uak-sr-only">{label}</span>
        <span id={`${idBase}-summary`} className="uak-entity-picker-summary" data-empty="">{placeholder}</span>
        <span className="uak-entity-picker-caret" aria-hidden="true" />
      </button>
    </div>
  );
}

/** Props of {@link UserListSelectionBar}. */
export interface UserListSelectionBarProps {
  /** The table state. Defaults to the nearest `UserListBase`'s. */
  users?: UseUserTableResult;
  /** A bulk action was chosen: ask for confirmation, then run it. Defaults to the `UserListBase`'s confirmation (`UserList.BulkConfirm`). */
  onBulkAction?: (action: UserBulkAction) => void;
  /** Merged last. Defaults to none. */
  className?: string;
}

/**
 * The bulk actions on the selection, and "select all N matching" once the page is selected.
 * @example
 * <UserList.SelectionBar />
 */
export function UserListSelectionBar({ users: usersProp, onBulkAction: onBulkActionProp, className }: UserListSelectionBarProps) {
  const { t, format } = useUserAdminTranslation();
  const users = useUserListUsers(usersProp, 'UserList.SelectionBar');
  const context = useContext(UserListContext);
  const onBulkAction = onBulkActionProp ?? context?.setBulkAction ?? (() => {});
  const { selection, selectedCount, list } = users;
  const pageRows = list.items.length;
  const busy = users.bulkPhase !== 'idle';
  if (selectedCount === 0 && !busy) return null;
  const canSelectAll = users.isPageSelected && !selection.allMatching && list.total > pageRows;
  return (
    <div role="group" aria-label={t('userList.bulk.label')} className={cx('uak-user-list-bulk', className)} data-slot="user-list-bulk">
      <p className="uak-user-list-bulk-count" data-slot="user-list-bulk-count">
        {t('userList.bulk.selected', { count: selectedCount, formatted: format.number(selectedCount) })}
      </p>
      {canSelectAll ? (
        <p className="uak-user-list-bulk-scope">
          {t('userList.bulk.pageSelected', { count: pageRows, formatted: format.number(pageRows) })}{' '}
          <Button variant="ghost" size="sm" onClick={users.selectAllMatching} data-slot="user-list-select-all-matching">
            {t('userList.bulk.selectAllMatching', { count: list.total, formatted: format.number(list.total) })}
          </Button>
        </p>
      ) : null}
      {selection.allMatching ? (
        <p className="uak-user-list-bulk-scope" data-slot="user-list-all-matching">
          {t('userList.bulk.allMatchingSelected', { count: list.total, formatted: format.number(list.total) })}
        </p>
      ) : null}
      <div className="uak-user-list-bulk-actions">
        <Button size="sm" disabled={busy} onClick={() => onBulkAction('deactivate')}>{t('userList.bulk.deactivate')}</Button>
        <Button size="sm" disabled={busy} onClick={() => onBulkAction('reactivate')}>{t('userList.bulk.reactivate')}</Button>
        <Button size="sm" disabled={busy} onClick={() => onBulkAction('changeRole')}>{t('userList.bulk.changeRole')}</Button>
        <Button size="sm" variant="danger" disabled={busy} onClick={() => onBulkAction('remove')}>{t('userList.bulk.remove')}</Button>
        <Button size="sm" variant="ghost" disabled={busy} onClick={users.clearSelection}>{t('userList.bulk.clearSelection')}</Button>
      </div>
      {users.bulkPhase === 'collecting' ? <p role="status" className="uak-muted">{t('userList.bulk.collecting')}</p> : null}
      {users.bulkPhase === 'running' ? <p role="status" className="uak-muted">{t('userList.bulk.running')}</p> : null}
    </div>
  );
}

/** Props of {@link UserListRowOutcome}. */
export interface UserListRowOutcomeProps {
  /** The outcome to show. Defaults to the nearest `UserListBase`'s last row action. */
  outcome?: UserRowActionOutcome | null;
  /** Defaults to the `UserListBase`'s. */
  onDismiss?: () => void;
}

/**
 * The outcome of the last row action: success, or why it failed (translated, with the reason).
 * @example
 * <UserList.RowOutcome />
 * <UserListRowOutcome outcome={users.lastRowAction} onDismiss={users.dismissRowAction} />
 */
export function UserListRowOutcome(props: UserListRowOutcomeProps) {
  const { t } = useUserAdminTranslation();
  const context = useContext(UserListContext);
  const outcome = props.outcome !== undefined ? props.outcome : context?.users.lastRowAction ?? null;
  const onDismiss = props.onDismiss ?? context?.users.dismissRowAction ?? (() => {});
  // While a row confirmation is open, its dialog says how the action went.
  if (props.outcome === undefined && context?.rowConfirm) return null;
  if (!outcome || outcome.action === 'edit') return null;
  const name = userDisplayName(outcome.user);
  if (outcome.ok) {
    const key = { deactivate: 'deactivated', reactivate: 'reactivated', remove: 'removed', resendInvitation: 'resent' } as const;
    const { action } = outcome;
    return (
      <StatusMessage tone="success" onDismiss={onDismiss} data-slot="user-list-row-outcome">
        {action === 'sendPasswordReset'
          ? t('userList.outcome.passwordResetSent', { email: outcome.passwordReset?.sentTo ?? outcome.user.email })
          : t(`userList.outcome.${key[action]}`, { name })}
      </StatusMessage>
    );
  }
  const failed = {
    deactivate: 'deactivateFailed', reactivate: 'reactivateFailed', remove: 'removeFailed', resendInvitation: 'resendFailed', sendPasswordReset: 'passwordResetFailed',
  } as const;
  return (
    <StatusMessage tone="error" onDismiss={onDismiss} data-slot="user-list-row-outcome">
      {t(`userList.outcome.${failed[outcome.action]}`, { name, reason: translateError(t, outcome.error) })}
    </StatusMessage>
  );
}

/**
 * The outcome of the last bulk action: a summary, and each user with their result (failures first,
 * with the translated reason).
 * @example
 * <UserList.BulkOutcome />
 */
export function UserListBulkOutcome({ users: usersProp }: { users?: UseUserTableResult }) {
  const { t, format } = useUserAdminTranslation();
  const users = useUserListUsers(usersProp, 'UserList.BulkOutcome');
  const context = useContext(UserListContext);
  const outcome = users.bulkOutcome;
  // While a bulk confirmation is open, its dialog says how the run went.
  if (!usersProp && context?.bulkAction) return null;
  if (!outcome || outcome.error) return null;
  const total = outcome.items.length;
  const message = (item: UserBulkItemOutcome): ReactNode =>
    item.skipReason ? t(`userList.bulk.skip.${item.skipReason}`) : item.error ? translateError(t, UserAdminError.fromJSON(item.error)) : undefined;
  return (
    <div data-slot="user-list-bulk-outcome" className="uak-user-list-bulk-outcome">
      <StatusMessage tone={outcome.failed.length > 0 ? 'warning' : 'success'} onDismiss={users.dismissBulkOutcome}>
        {outcome.failed.length > 0
          ? t('userList.bulk.donePartial', { succeeded: format.number(outcome.succeeded), total: format.number(total) })
          : t('userList.bulk.doneAll', { count: outcome.succeeded, formatted: format.number(outcome.succeeded) })}
      </StatusMessage>
      {outcome.failed.length > 0 ? (
        <div className="uak-user-list-results" tabIndex={0} role="region" aria-label={t('userList.bulk.failedTitle', { count: outcome.failed.length, formatted: format.number(outcome.failed.length) })}>
          <ResultList
            title={t('userList.bulk.failedTitle', { count: outcome.failed.length, formatted: format.number(outcome.failed.length) })}
            items={outcome.items.map((item) => ({ key: item.id, label: item.name, ok: item.ok, ...(item.skipReason ? { outcome: 'skipped' as const } : {}), message: message(item) }))}
          />
        </div>
      ) : null}
    </div>
  );
}

/** Props of {@link UserListBulkConfirm}. */
export interface UserListBulkConfirmProps {
  /** The table state. Defaults to the nearest `UserListBase`'s. */
  users?: UseUserTableResult;
  /** The action to confirm (`null`: closed). Defaults to the `UserListBase`'s. */
  action?: UserBulkAction | null;
  /** Defaults to closing the `UserListBase`'s confirmation. */
  onClose?: () => void;
}

/**
 * Asks before a bulk action (with the role to give, for a role change), runs it, and closes on
 * completion; a failure of the whole run stays in the dialog.
 * @example
 * <UserList.BulkConfirm />
 */
export function UserListBulkConfirm({ users: usersProp, action: actionProp, onClose: onCloseProp }: UserListBulkConfirmProps) {
  const { t, format } = useUserAdminTranslation();
  const users = useUserListUsers(usersProp, 'UserList.BulkConfirm');
  const context = useContext(UserListContext);
  const action = actionProp !== undefined ? actionProp : context?.bulkAction ?? null;
  const onClose = onCloseProp ?? (() => context?.setBulkAction(null));
  const [roleId, setRoleId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [roleMissing, setRoleMissing] = useState(false);
  const count = users.selectedCount;
  const formatted = format.number(count);
  const close = () => {
    setError(null);
    setRoleId('');
    setRoleMissing(false);
    onClose();
  };
  const run = async () => {
    if (!action) return;
    if (action === 'changeRole' && !roleId) {
      setRoleMissing(true);
      return;
    }
    setPending(true);
    setError(null);
    const outcome = await users.runBulkAction(action, action === 'changeRole' ? { roleId } : {});
    setPending(false);
    if (outcome.error) setError(outcome.error);
    else close();
  };
  const copy = {
    deactivate: { title: t('userList.confirm.bulkDeactivateTitle', { count, formatted }), description: t('userList.confirm.bulkDeactivateDescription'), confirm: t('userList.bulk.deactivate') },
    reactivate: { title: t('userList.confirm.bulkReactivateTitle', { count, formatted }), description: t('userList.confirm.bulkReactivateDescription'), confirm: t('userList.bulk.reactivate') },
    remove: { title: t('userList.confirm.bulkRemoveTitle', { count, formatted }), description: t('userList.confirm.bulkRemoveDescription'), confirm: t('userList.bulk.remove') },
    changeRole: { title: t('userList.confirm.bulkRoleTitle', { count, formatted }), description: t('userList.confirm.bulkRoleDescription'), confirm: t('userList.bulk.changeRole') },
  };
  const text = copy[action ?? 'deactivate'];
  return (
    <LazyConfirmDialog
      open={action !== null}
      onOpenChange={(open) => { if (!open) close(); }}
      title={text.title}
      description={text.description}
      confirmLabel={text.confirm}
      tone={action === 'remove' || action === 'deactivate' ? 'danger' : 'primary'}
      pending={pending}
      error={error}
      onConfirm={() => void run()}
    >
      {action === 'changeRole' ? (
        <Field label={t('userList.confirm.roleLabel')} required error={roleMissing ? t('validation.roleRequired') : undefined}>
          {(control) => (
            <select
              {...control}
              value={roleId}
              onChange={(event) => {
                setRoleId(event.target.value);
                setRoleMissing(false);
              }}
              data-slot="user-list-bulk-role"
            >
              <option value="" disabled>{t('userList.confirm.chooseRole')}</option>
              {(users.roles ?? []).map((role) => <option key={role.id} value={role.id}>{role.name}</option>)}
            </select>
          )}
        </Field>
      ) : null}
    </LazyConfirmDialog>
  );
}
