import { useContext, type ComponentProps, type ReactNode, type Ref } from 'react';
import type { Invitation, InvitationStatus } from '../contract/types';
import type { DomainErrorReason } from '../contract/errors';
import { translateError, useUserAdminTranslation } from '../i18n';
import { ActionMenu, Badge, Button, Checkbox, HoverDetails, ResultList, SearchField, StatusMessage, Tabs, cx } from '../ui';
import { PendingInvitationsContext, usePendingInvitationsState } from './PendingInvitationsBase';
import type { PendingInvitationRow, PendingInvitationsOutcome, UsePendingInvitationsResult } from './usePendingInvitations';
import { withRef } from '../ui/withRef';

/** The status filter's values: a server status, or `all`. */
export type InvitationStatusFilter = InvitationStatus | 'all';

const FILTERS: InvitationStatusFilter[] = ['all', 'pending', 'expired'];

export interface PendingInvitationsToolbarProps extends ComponentProps<'div'> {
  /** The list's state. Defaults to the nearest `PendingInvitationsBase`'s. */
  invitations?: UsePendingInvitationsResult;
  /** Prefix of the status tabs' ids, shared with the `TabPanel` around the list. Defaults to the `PendingInvitationsBase`'s. */
  idBase?: string;
}

/**
 * The search field (debounced) and the status filter (all, pending, expired) of the invitations list.
 * @example
 * const invitations = usePendingInvitations();
 * <PendingInvitationsToolbar invitations={invitations} idBase="invitations" />
 */
export const PendingInvitationsToolbar = withRef(function PendingInvitationsToolbar({ invitations: invitationsProp, idBase: idBaseProp, className, ...props }: PendingInvitationsToolbarProps) {
  const { t } = useUserAdminTranslation();
  const invitations = usePendingInvitationsState(invitationsProp, 'PendingInvitations.Toolbar');
  const context = useContext(PendingInvitationsContext);
  const idBase = idBaseProp ?? context?.idBase ?? 'uak-pi';
  return (
    <div {...props} data-slot="pending-invitations-toolbar" className={cx('uak-pi-toolbar', className)}>
      <SearchField
        label={t('invitations.search')}
        placeholder={t('invitations.searchPlaceholder')}
        value={invitations.state.search}
        onValueChange={invitations.setSearch}
      />
      <Tabs
        idBase={idBase}
        label={t('invitations.statusFilter')}
        value={invitations.state.status ?? 'all'}
        onValueChange={(value) => invitations.setStatus(value === 'all' ? null : (value as InvitationStatus))}
        items={FILTERS.map((value) => ({ value, label: t(`invitations.filter.${value}`) }))}
      />
    </div>
  );
});

export interface PendingInvitationsBulkBarProps extends ComponentProps<'div'> {
  /** The list's state. Defaults to the nearest `PendingInvitationsBase`'s. */
  invitations?: UsePendingInvitationsResult;
  /** Asked to confirm before revoking the selection. Defaults to the `PendingInvitationsBase`'s confirmation (`PendingInvitations.Confirm`). */
  onRevokeSelected?: () => void;
}

/**
 * What can be done to the selected invitations: resend, revoke (after `onRevokeSelected` confirms), clear.
 * Renders nothing when none is selected.
 * @example
 * <PendingInvitationsBulkBar invitations={invitations} onRevokeSelected={() => setConfirmOpen(true)} />
 */
export const PendingInvitationsBulkBar = withRef(function PendingInvitationsBulkBar({ invitations: invitationsProp, onRevokeSelected: onRevokeSelectedProp, className, ...props }: PendingInvitationsBulkBarProps) {
  const { t, format } = useUserAdminTranslation();
  const invitations = usePendingInvitationsState(invitationsProp, 'PendingInvitations.BulkBar');
  const context = useContext(PendingInvitationsContext);
  const onRevokeSelected = onRevokeSelectedProp
    ?? (() => context?.setConfirm({ scope: 'bulk', invitations: invitations.selectedInvitations, count: invitations.selectedCount }));
  const { selection, total, items } = invitations;
  const count = invitations.selectedCount;
  if (count === 0) return null;
  const busy = invitations.bulkPending !== null;
  const pageRows = items.length;
  const canSelectAll = invitations.pageSelection === 'all' && !selection.allMatching && total > pageRows;
  return (
    <div {...props} role="group" aria-label={t('invitations.bulk.label')} data-slot="pending-invitations-bulk" className={cx('uak-pi-bulk', className)}>
      <span className="uak-pi-bulk-count">{t('common.selected', { count })}</span>
      {canSelectAll ? (
        <span className="uak-pi-bulk-scope">
          {t('invitations.bulk.pageSelected', { count: pageRows, formatted: format.number(pageRows) })}{' '}
          <Button variant="ghost" size="sm" disabled={busy} onClick={invitations.selectAllMatching} data-slot="pending-invitations-select-all-matching">
            {t('invitations.bulk.selectAllMatching', { count: total, formatted: format.number(total) })}
          </Button>
        </span>
      ) : null}
      {selection.allMatching ? (
        <span className="uak-pi-bulk-scope" data-slot="pending-invitations-all-matching">
          {t('invitations.bulk.allMatchingSelected', { count: total, formatted: format.number(total) })}
        </span>
      ) : null}
      {invitations.canResend ? (
        <Button size="sm" pending={invitations.bulkPending === 'resend'} disabled={busy} onClick={() => void invitations.resendSelected()}>
          {t('invitations.bulk.resend')}
        </Button>
      ) : null}
      <Button size="sm" variant="danger" pending={invitations.bulkPending === 'revoke'} disabled={busy} onClick={onRevokeSelected}>
        {t('invitations.bulk.revoke')}
      </Button>
      <Button size="sm" variant="ghost" disabled={busy} onClick={invitations.clearSelection}>
        {t('invitations.bulk.clear')}
      </Button>
    </div>
  );
});

export interface PendingInvitationsTableProps extends ComponentProps<'div'> {
  /** The list's state. Defaults to the nearest `PendingInvitationsBase`'s. */
  invitations?: UsePendingInvitationsResult;
  /** Asked to confirm before revoking one invitation. Defaults to the `PendingInvitationsBase`'s confirmation. */
  onRevoke?: (invitation: Invitation) => void;
}

/**
 * The invitations of the current page as a plain table: selection, email and kind, role, entities
 * (count, names on hover or focus), who invited, when sent, expiry, and a menu with resend and revoke.
 * @example
 * <PendingInvitationsTable invitations={invitations} onRevoke={(invitation) => setConfirm(invitation)} />
 */
export const PendingInvitationsTable = withRef(function PendingInvitationsTable({ invitations: invitationsProp, onRevoke: onRevokeProp, className, ...props }: PendingInvitationsTableProps) {
  const { t } = useUserAdminTranslation();
  const invitations = usePendingInvitationsState(invitationsProp, 'PendingInvitations.Table');
  const context = useContext(PendingInvitationsContext);
  const onRevoke = onRevokeProp ?? ((invitation: Invitation) => context?.setConfirm({ scope: 'single', invitation }));
  const { pageSelection } = invitations;
  return (
    <div {...props} data-slot="pending-invitations-table" className={cx('uak-table-scroll uak-pi-table', className)}>
      <table aria-busy={invitations.isPlaceholderData || undefined}>
        <caption>{t('invitations.count', { count: invitations.total })}</caption>
        <thead>
          <tr>
            <td className="uak-pi-select">
              <Checkbox
                aria-label={t('invitations.selectPage')}
                checked={pageSelection === 'all'}
                indeterminate={pageSelection === 'some'}
                onChange={() => invitations.setPageSelected(pageSelection !== 'all')}
                data-slot="pending-invitations-select-page"
              />
            </td>
            <th scope="col">{t('invitations.columns.email')}</th>
            <th scope="col">{t('invitations.columns.role')}</th>
            <th scope="col">{t('invitations.columns.entities')}</th>
            <th scope="col">{t('invitations.columns.invitedBy')}</th>
            <th scope="col">{t('invitations.columns.sentAt')}</th>
            <th scope="col">{t('invitations.columns.expiry')}</th>
            <th scope="col"><span className="uak-sr-only">{t('invitations.columns.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {invitations.rows.map((row) => (
            <PendingInvitationsRow key={row.invitation.id} row={row} now={invitations.now} invitations={invitations} onRevoke={onRevoke} />
          ))}
        </tbody>
      </table>
    </div>
  );
});

function PendingInvitationsRow({ row, now, invitations, onRevoke }: { row: PendingInvitationRow; now: number; invitations: UsePendingInvitationsResult; onRevoke: (invitation: Invitation) => void }) {
  const { t, format } = useUserAdminTranslation();
  const { invitation } = row;
  const busy = row.pendingAction !== null || invitations.bulkPending !== null;
  // An action the core refuses (outside the admin scope) is disabled with its translated reason, as in the users list.
  const refused = (reason: DomainErrorReason | null) =>
    reason ? { disabled: true, disabledReason: t(`errors.reason.${reason}`) } : { disabled: busy };
  return (
    <tr
      data-slot="pending-invitations-row"
      data-state={row.selected ? 'selected' : undefined}
      data-status={invitation.status}
      aria-busy={row.pendingAction ? true : undefined}
    >
      <td className="uak-pi-select">
        <Checkbox
          aria-label={t('invitations.selectRow', { email: invitation.email })}
          checked={row.selected}
          onChange={(event) => invitations.toggleSelected(invitation.id, event.currentTarget.checked)}
          data-slot="pending-invitations-select-row"
        />
      </td>
      <th scope="row" data-slot="pending-invitations-email">
        <span className="uak-pi-email">{invitation.email}</span>
        <Badge tone={invitation.kind === 'invitation' ? 'neutral' : 'info'} data-slot="pending-invitations-kind" title={t(`invitationKind.${invitation.kind}`)}>
          {t(`invitationKind.short.${invitation.kind}`)}
        </Badge>
      </th>
      <td data-slot="pending-invitations-role">
        {row.roleName ?? (invitation.roleId ? null : <span className="uak-muted">{t('invitations.noRole')}</span>)}
      </td>
      <td data-slot="pending-invitations-entities">
        <Entities entities={row.entities} />
      </td>
      <td data-slot="pending-invitations-invited-by">{invitation.invitedBy?.name ?? <span className="uak-muted">{t('common.unknown')}</span>}</td>
      <td data-slot="pending-invitations-sent">
        <time dateTime={invitation.sentAt}>{format.date(invitation.sentAt)}</time>
      </td>
      <td data-slot="pending-invitations-expiry">
        <Expiry invitation={invitation} expired={row.expired} now={now} />
      </td>
      <td className="uak-pi-actions">
        <ActionMenu
          label={t('invitations.rowActions', { email: invitation.email })}
          items={[
            ...(invitations.canResend
              ? [{ key: 'resend', label: t('invitations.resend'), onSelect: () => void invitations.resend(invitation.id), ...refused(row.refusals.resend) }]
              : []),
            { key: 'revoke', label: t('invitations.revoke'), onSelect: () => onRevoke(invitation), ...refused(row.refusals.revoke), tone: 'danger' },
          ]}
        />
      </td>
    </tr>
  );
}

function Entities({ entities }: { entities: PendingInvitationRow['entities'] }) {
  const { t } = useUserAdminTranslation();
  if (entities.length === 0) return <span className="uak-muted">{t('invitations.noEntities')}</span>;
  if (entities.length === 1) return <>{entities[0]!.name ?? ''}</>;
  return (
    <HoverDetails label={t('invitations.entityCount', { count: entities.length })}>
      <ul className="uak-pi-entity-list" data-slot="pending-invitations-entity-list">
        {entities.map((entity) => (
          <li key={entity.id}>{entity.name ?? t('common.loading')}</li>
        ))}
      </ul>
    </HoverDetails>
  );
}

export interface InvitationExpiryProps extends ComponentProps<'span'> {
  /** The server's `status` and `expiresAt`. */
  invitation: Pick<Invitation, 'status' | 'expiresAt'>;
  /** The instant to measure against, in epoch ms (the hook's `now`). */
  now: number;
}

/**
 * When an invitation expires, in words: "Expires in 3 days" (relative, in the active locale), or
 * "Expired" when the server says so. A pending invitation whose `expiresAt` the browser's clock
 * already passed reads "Expires now" until the server says it expired.
 * @example
 * <InvitationExpiry invitation={invitation} now={Date.now()} />
 */
export const InvitationExpiry = withRef(function InvitationExpiry({ invitation, now, className, ...props }: InvitationExpiryProps) {
  return <Expiry invitation={invitation} expired={invitation.status === 'expired'} now={now} className={className} {...props} />;
});

const Expiry = withRef(function Expiry({ invitation, expired, now, className, ...props }: { invitation: Pick<Invitation, 'expiresAt'>; expired: boolean; now: number } & ComponentProps<'span'>) {
  const { t, format } = useUserAdminTranslation();
  if (expired) {
    return (
      <Badge {...props} tone="danger" data-slot="invitation-expiry" data-state="expired" className={className}>
        {t('time.expired')}
      </Badge>
    );
  }
  const target = Math.max(Date.parse(invitation.expiresAt), now);
  return (
    <span {...props} data-slot="invitation-expiry" data-state="pending" className={cx('uak-pi-expiry', className)}>
      <time dateTime={invitation.expiresAt} title={format.dateTime(invitation.expiresAt)}>
        {t('time.expiresIn', { relative: format.relativeTime(target, now) })}
      </time>
    </span>
  );
});

export interface PendingInvitationsOutcomeMessageProps extends Omit<ComponentProps<'div'>, 'children'> {
  /** The hook's `outcome`. */
  outcome: PendingInvitationsOutcome;
  /** The hook's `now`, to measure the new expiry against. */
  now: number;
  /** Shows a dismiss button. Defaults to none. */
  onDismiss?: () => void;
  /** The message is focusable (`tabIndex=-1`), to move focus to it after a row left. Defaults to none. */
  ref?: Ref<HTMLDivElement>;
}

/**
 * The last action's outcome: "Invitation sent again to ana@acme.com. It expires in 7 days.", a
 * translated failure, or, for a bulk action, a summary and one line per email.
 * @example
 * {invitations.outcome ? <PendingInvitationsOutcomeMessage outcome={invitations.outcome} now={invitations.now} onDismiss={invitations.dismissOutcome} /> : null}
 */
export const PendingInvitationsOutcomeMessage = withRef(function PendingInvitationsOutcomeMessage({ outcome, now, onDismiss, className, ref, ...props }: PendingInvitationsOutcomeMessageProps) {
  const { t, format } = useUserAdminTranslation();
  const failed = outcome.results.filter((result) => !result.ok).length;
  const succeeded = outcome.results.length - failed;
  const tone = outcome.error ? 'error' : failed === 0 ? 'success' : succeeded === 0 ? 'error' : 'warning';
  const expiresIn = (invitation: Invitation | null) =>
    invitation ? t('time.expiresIn', { relative: format.relativeTime(Math.max(Date.parse(invitation.expiresAt), now), now) }) : undefined;

  let body: ReactNode;
  if (outcome.scope === 'single') {
    const result = outcome.results[0]!;
    if (result.ok) {
      body =
        outcome.action === 'resend'
          ? t('invitations.resent', {
            email: result.email,
            relative: result.invitation ? format.relativeTime(Math.max(Date.parse(result.invitation.expiresAt), now), now) : '',
          })
          : t('invitations.revoked', { email: result.email });
    } else {
      body = t(outcome.action === 'resend' ? 'invitations.resendFailed' : 'invitations.revokeFailed', {
        email: result.email,
        reason: translateError(t, result.error),
      });
    }
  } else if (outcome.error) {
    // Nothing was sent: the invitations of an "all matching" selection could not be read.
    body = <p>{t('invitations.bulk.collectFailed', { reason: translateError(t, outcome.error) })}</p>;
  } else {
    body = (
      <>
        {succeeded > 0 ? (
          <p>
            {t(outcome.action === 'resend' ? 'invitations.bulk.resentAll' : 'invitations.bulk.revokedAll', { count: succeeded })}
          </p>
        ) : null}
        {failed > 0 ? <p>{t('invitations.bulk.failedKept', { count: failed })}</p> : null}
        <ResultList
          title={t(outcome.action === 'resend' ? 'invitations.bulk.resendResults' : 'invitations.bulk.revokeResults')}
          items={outcome.results.map((result) => ({
            key: result.id,
            label: result.email,
            ok: result.ok,
            message: result.ok ? (outcome.action === 'resend' ? expiresIn(result.invitation) : undefined) : translateError(t, result.error),
          }))}
        />
      </>
    );
  }
  return (
    <StatusMessage
      {...props}
      ref={ref}
      tabIndex={-1}
      tone={tone}
      onDismiss={onDismiss}
      data-action={outcome.action}
      className={cx('uak-pi-outcome', className)}
    >
      {body}
    </StatusMessage>
  );
});
