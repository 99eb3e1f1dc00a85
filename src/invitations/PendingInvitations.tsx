import { useEffect, useId, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import type { Invitation } from '../contract/types';
import { useUserAdminTranslation } from '../i18n';
import { Button, ConfirmDialog, EmptyState, ErrorState, LoadingState, Pagination, RetryNotice, StatusMessage, TabPanel, UserAdminRoot, cx } from '../ui';
import {
  PendingInvitationsBulkBar,
  PendingInvitationsOutcomeMessage,
  PendingInvitationsTable,
  PendingInvitationsToolbar,
} from './PendingInvitationsParts';
import { usePendingInvitations, type UsePendingInvitationsOptions, type UsePendingInvitationsResult } from './usePendingInvitations';

type HookOptionKey = keyof UsePendingInvitationsOptions;
const HOOK_OPTION_KEYS = [
  'initialState', 'state', 'onStateChange', 'enabled', 'selection', 'defaultSelection', 'onSelectionChange', 'concurrency', 'now', 'refreshIntervalMs',
] as const satisfies readonly HookOptionKey[];

export interface PendingInvitationsProps extends UsePendingInvitationsOptions, Omit<ComponentProps<'div'>, HookOptionKey | 'children'> {
  /**
   * The next step offered by the empty state: shows an "Invite users" button that calls it.
   * Defaults to none (no button).
   */
  onInvite?: () => void;
  /** The empty state's action, in place of the button `onInvite` shows (your own invite dialog trigger). Defaults to none. */
  inviteAction?: ReactNode;
  /** Defaults to `[10, 25, 50, 100]`. */
  pageSizeOptions?: number[];
}

type Confirm = { scope: 'single'; invitation: Invitation } | { scope: 'bulk'; invitations: Invitation[]; count: number };

/**
 * The invitations and registration requests waiting for their users: email and kind, role,
 * entities, who invited, when sent, when it expires ("Expires in 3 days", or "Expired"), with
 * search, a status filter, paging, resend and revoke one by one or for a selection (each failure
 * reported per email). Built only on {@link usePendingInvitations}; state and selection are
 * controlled or not, and other props go to the outer `div`.
 *
 * @example
 * <UserAdminProvider adapter={adapter} locale="fr">
 *   <PendingInvitations onInvite={() => setInviteOpen(true)} initialState={{ status: 'pending' }} />
 * </UserAdminProvider>
 */
export function PendingInvitations(props: PendingInvitationsProps) {
  const { onInvite, inviteAction, pageSizeOptions, className, ...rest } = props;
  const hookOptions: UsePendingInvitationsOptions = {};
  const divProps: Record<string, unknown> = { ...rest };
  for (const key of HOOK_OPTION_KEYS) {
    if (key in divProps) {
      (hookOptions as Record<string, unknown>)[key] = divProps[key];
      delete divProps[key];
    }
  }
  const invitations = usePendingInvitations(hookOptions);
  return (
    <UserAdminRoot>
      <div {...(divProps as ComponentProps<'div'>)} data-slot="pending-invitations" className={cx('uak-pending-invitations', className)}>
        <PendingInvitationsView invitations={invitations} onInvite={onInvite} inviteAction={inviteAction} pageSizeOptions={pageSizeOptions} />
      </div>
    </UserAdminRoot>
  );
}

function PendingInvitationsView({ invitations, onInvite, inviteAction, pageSizeOptions }: {
  invitations: UsePendingInvitationsResult;
  onInvite?: () => void;
  inviteAction?: ReactNode;
  pageSizeOptions?: number[];
}) {
  const { t } = useUserAdminTranslation();
  const idBase = `uak-pi${useId().replace(/:/g, '')}`;
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [confirmError, setConfirmError] = useState<unknown>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [focusOutcome, setFocusOutcome] = useState(0);

  // After a revoke the row is gone, so focus goes to the outcome instead of the body. The dialog
  // gives focus back on a timer when it unmounts; ours runs after it.
  useEffect(() => {
    if (!focusOutcome) return;
    const timer = setTimeout(() => outcomeRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [focusOutcome]);

  const openConfirm = (next: Confirm) => {
    setConfirmError(null);
    setConfirm(next);
  };
  const onConfirm = async () => {
    if (!confirm) return;
    setConfirmError(null);
    if (confirm.scope === 'single') {
      const outcome = await invitations.revoke(confirm.invitation.id);
      const result = outcome.results[0];
      if (result && !result.ok) {
        setConfirmError(result.error);
        return;
      }
    } else {
      await invitations.revokeSelected();
    }
    setConfirm(null);
    setFocusOutcome((n) => n + 1);
  };

  const revokePending = confirm?.scope === 'single'
    ? invitations.rows.some((row) => row.invitation.id === confirm.invitation.id && row.pendingAction === 'revoke')
    : invitations.bulkPending === 'revoke';

  const { outcome } = invitations;
  // A single revoke's failure shows in its dialog while it is open.
  const showOutcome = outcome && !(confirm && outcome.scope === 'single' && outcome.action === 'revoke');

  // A rate-limited load waits for its Retry-After before the automatic retry: say when, counting down.
  const { retrying } = invitations;
  let content: ReactNode;
  if (invitations.isLoading) {
    content = <LoadingState rows={6} retrying={retrying} />;
  } else if (invitations.error && invitations.rows.length === 0) {
    content = <ErrorState title={t('invitations.loadError')} error={invitations.error} onRetry={invitations.refetch} />;
  } else if (invitations.total === 0 && invitations.rows.length === 0) {
    content = <Empty invitations={invitations} onInvite={onInvite} inviteAction={inviteAction} />;
  } else {
    content = (
      <>
        {invitations.error ? <ErrorState error={invitations.error} onRetry={invitations.refetch} /> : null}
        <PendingInvitationsTable invitations={invitations} onRevoke={(invitation) => openConfirm({ scope: 'single', invitation })} />
        <Pagination
          pageIndex={invitations.state.pageIndex}
          pageCount={invitations.pageCount}
          pageSize={invitations.state.pageSize}
          onPageIndexChange={invitations.setPageIndex}
          onPageSizeChange={invitations.setPageSize}
          {...(pageSizeOptions ? { pageSizeOptions } : {})}
        />
      </>
    );
  }

  const status = invitations.state.status ?? 'all';
  return (
    <>
      <h2 className="uak-pi-title" data-slot="pending-invitations-title">{t('invitations.title')}</h2>
      {invitations.sso.enforced && invitations.total > 0 ? (
        <StatusMessage tone="info" data-slot="pending-invitations-sso">
          {ssoHint(t, invitations.sso.providerName)}
        </StatusMessage>
      ) : null}
      <PendingInvitationsToolbar invitations={invitations} idBase={idBase} />
      {showOutcome ? (
        <PendingInvitationsOutcomeMessage ref={outcomeRef} outcome={outcome} now={invitations.now} onDismiss={invitations.dismissOutcome} />
      ) : null}
      <PendingInvitationsBulkBar
        invitations={invitations}
        onRevokeSelected={() => openConfirm({ scope: 'bulk', invitations: invitations.selectedInvitations, count: invitations.selection.length })}
      />
      <TabPanel idBase={idBase} value={status} active>
        {/* Past the first load (another page, a refetch) the rows stay, with the countdown above them. */}
        {retrying && !invitations.isLoading ? <RetryNotice error={retrying.error} failureCount={retrying.failureCount} /> : null}
        {content}
      </TabPanel>
      <RevokeDialog
        confirm={confirm}
        pending={revokePending}
        error={confirmError}
        onOpenChange={(open) => { if (!open) setConfirm(null); }}
        onConfirm={() => void onConfirm()}
      />
    </>
  );
}

function ssoHint(t: ReturnType<typeof useUserAdminTranslation>['t'], providerName: string | null) {
  return providerName ? t('invitations.sso.hint', { provider: providerName }) : t('invitations.sso.hintGeneric');
}

function Empty({ invitations, onInvite, inviteAction }: { invitations: UsePendingInvitationsResult; onInvite?: () => void; inviteAction?: ReactNode }) {
  const { t } = useUserAdminTranslation();
  if (invitations.isFiltered) {
    return (
      <EmptyState
        data-state="no-match"
        title={t('invitations.empty.noMatch')}
        hint={t('invitations.empty.noMatchHint')}
        action={<Button onClick={invitations.clearFilters}>{t('invitations.empty.clearFilters')}</Button>}
      />
    );
  }
  if (invitations.sso.enforced) {
    return <EmptyState data-state="sso" title={t('invitations.sso.title')} hint={ssoHint(t, invitations.sso.providerName)} />;
  }
  const action = inviteAction ?? (onInvite ? <Button variant="primary" onClick={onInvite}>{t('invitations.empty.invite')}</Button> : null);
  return <EmptyState data-state="empty" title={t('invitations.empty.title')} hint={t('invitations.empty.hint')} action={action} />;
}

function RevokeDialog({ confirm, pending, error, onOpenChange, onConfirm }: {
  confirm: Confirm | null;
  pending: boolean;
  error: unknown;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
}) {
  const { t } = useUserAdminTranslation();
  // Keep the last content while closing, so the dialog does not flash empty.
  const last = useRef<Confirm | null>(confirm);
  if (confirm) last.current = confirm;
  const shown = confirm ?? last.current;
  if (!shown) return null;
  if (shown.scope === 'single') {
    const { email, kind } = shown.invitation;
    return (
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={onOpenChange}
        title={t('invitations.revokeDialog.title', { email })}
        description={t(kind === 'invitation' ? 'invitations.revokeDialog.description' : 'invitations.revokeDialog.descriptionRequest', { email })}
        confirmLabel={t('invitations.revokeDialog.confirm')}
        pending={pending}
        error={error}
        onConfirm={onConfirm}
      />
    );
  }
  const { count } = shown;
  const hasRequests = shown.invitations.some((invitation) => invitation.kind === 'registration_request');
  return (
    <ConfirmDialog
      open={confirm !== null}
      onOpenChange={onOpenChange}
      title={t('invitations.bulk.revokeTitle', { count })}
      description={t('invitations.bulk.revokeDescription', { count })}
      confirmLabel={t('invitations.bulk.confirm', { count })}
      pending={pending}
      onConfirm={onConfirm}
    >
      {hasRequests ? <p className="uak-muted">{t('invitations.bulk.revokeRequestsNote')}</p> : null}
      <ul className="uak-pi-confirm-list" data-slot="pending-invitations-confirm-list">
        {shown.invitations.map((invitation) => <li key={invitation.id}>{invitation.email}</li>)}
      </ul>
    </ConfirmDialog>
  );
}
