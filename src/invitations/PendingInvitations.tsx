import { useRef, type ComponentProps, type ReactNode } from 'react';
import { useUserAdminTranslation } from '../i18n';
import { Button, ConfirmDialog, EmptyState, ErrorState, LoadingState, Pagination, RetryNotice, StatusMessage, TabPanel, UserAdminRoot, cx } from '../ui';
import {
  PendingInvitationsBulkBar,
  PendingInvitationsOutcomeMessage,
  PendingInvitationsTable,
  PendingInvitationsToolbar,
} from './PendingInvitationsParts';
import {
  PendingInvitationsBase, splitPendingInvitationsOptions, usePendingInvitationsContext, type PendingInvitationsConfirmState,
} from './PendingInvitationsBase';
import type { UsePendingInvitationsOptions, UsePendingInvitationsResult } from './usePendingInvitations';
import { withRef } from '../ui/withRef';

type HookOptionKey = keyof UsePendingInvitationsOptions;

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

/**
 * The invitations and registration requests waiting for their users: email and kind, role,
 * entities, who invited, when sent, when it expires ("Expires in 3 days", or "Expired"), with
 * search, a status filter, paging, resend and revoke one by one or for a selection (each failure
 * reported per email). Every option of `usePendingInvitations` is a prop; state and
 * selection are controlled or not, and other props go to the outer `div`.
 *
 * It is the composition of its parts under {@link PendingInvitationsBase}:
 * `PendingInvitations.Root`, `.Title`, `.SsoNotice`, `.Toolbar`, `.Outcome`, `.BulkBar`,
 * `.Content` (or `.Table` and `.Pagination`) and `.Confirm`.
 *
 * @example
 * <UserAdminProvider adapter={adapter} locale="fr">
 *   <PendingInvitations onInvite={() => setInviteOpen(true)} defaultState={{ status: 'pending' }} />
 * </UserAdminProvider>
 */
const PendingInvitationsComponent = withRef(function PendingInvitationsComponent(props: PendingInvitationsProps) {
  const [options, { onInvite, inviteAction, pageSizeOptions, ...rest }] = splitPendingInvitationsOptions(props);
  return (
    <PendingInvitationsBase {...options}>
      <PendingInvitationsRoot {...rest}>
        <PendingInvitationsTitle />
        <PendingInvitationsSsoNotice />
        <PendingInvitationsToolbar />
        <PendingInvitationsOutcomeBanner />
        <PendingInvitationsBulkBar />
        <PendingInvitationsContent onInvite={onInvite} inviteAction={inviteAction} {...(pageSizeOptions ? { pageSizeOptions } : {})} />
        <PendingInvitationsConfirm />
      </PendingInvitationsRoot>
    </PendingInvitationsBase>
  );
});

/**
 * The list's root element (`data-slot="pending-invitations"`) in the library's theme scope; the
 * host's `className` and props go on it.
 * @example
 * <PendingInvitations.Root className="my-invitations">…</PendingInvitations.Root>
 */
export const PendingInvitationsRoot = withRef(function PendingInvitationsRoot({ className, ...props }: ComponentProps<'div'>) {
  return (
    <UserAdminRoot>
      <div {...props} data-slot="pending-invitations" className={cx('uak-pending-invitations', className)} />
    </UserAdminRoot>
  );
});

/** The list's heading. */
export function PendingInvitationsTitle() {
  const { t } = useUserAdminTranslation();
  return <h2 className="uak-pi-title" data-slot="pending-invitations-title">{t('invitations.title')}</h2>;
}

/** Under enforced SSO, says that the invitations left cannot be resent (nothing otherwise). */
export function PendingInvitationsSsoNotice() {
  const { t } = useUserAdminTranslation();
  const { invitations } = usePendingInvitationsContext();
  if (!invitations.sso.enforced || invitations.total === 0) return null;
  return (
    <StatusMessage tone="info" data-slot="pending-invitations-sso">
      {ssoHint(t, invitations.sso.providerName)}
    </StatusMessage>
  );
}

/**
 * The outcome of the last resend or revoke, focused after a confirmed revocation; hidden while a
 * revocation's dialog says it itself.
 */
export function PendingInvitationsOutcomeBanner() {
  const { invitations, confirm, outcomeRef } = usePendingInvitationsContext();
  const { outcome } = invitations;
  if (!outcome || (confirm && outcome.scope === 'single' && outcome.action === 'revoke')) return null;
  return <PendingInvitationsOutcomeMessage ref={outcomeRef} outcome={outcome} now={invitations.now} onDismiss={invitations.dismissOutcome} />;
}

/** Props of {@link PendingInvitationsContent}. */
export interface PendingInvitationsContentProps {
  /** Shows an "Invite users" button in the empty state. Defaults to none. */
  onInvite?: (() => void) | undefined;
  /** The empty state's action, in place of that button. Defaults to none. */
  inviteAction?: ReactNode;
  /** Defaults to `[10, 25, 50, 100]`. */
  pageSizeOptions?: number[];
}

/**
 * What the list shows for its state, in the status filter's tab panel: the loading rows, the
 * error with a retry, the empty state (why, and what to do), or the table and its pagination;
 * past the first load, a retry countdown above the rows.
 */
export function PendingInvitationsContent({ onInvite, inviteAction, pageSizeOptions }: PendingInvitationsContentProps) {
  const { t } = useUserAdminTranslation();
  const { invitations, idBase } = usePendingInvitationsContext();
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
        <PendingInvitationsTable />
        <PendingInvitationsPagination {...(pageSizeOptions ? { pageSizeOptions } : {})} />
      </>
    );
  }
  return (
    <TabPanel idBase={idBase} value={invitations.state.status ?? 'all'} active>
      {/* Past the first load (another page, a refetch) the rows stay, with the countdown above them. */}
      {retrying && !invitations.isLoading ? <RetryNotice error={retrying.error} failureCount={retrying.failureCount} /> : null}
      {content}
    </TabPanel>
  );
}

/** The page, its size, and the moves between pages. */
export function PendingInvitationsPagination({ pageSizeOptions }: { pageSizeOptions?: number[] }) {
  const { invitations } = usePendingInvitationsContext();
  return (
    <Pagination
      pageIndex={invitations.state.pageIndex}
      pageCount={invitations.pageCount}
      pageSize={invitations.state.pageSize}
      onPageIndexChange={invitations.setPageIndex}
      onPageSizeChange={invitations.setPageSize}
      {...(pageSizeOptions ? { pageSizeOptions } : {})}
    />
  );
}

/** Asks before revoking one invitation or the selection, runs it, and keeps a failure in the dialog. */
export function PendingInvitationsConfirm() {
  const { invitations, confirm, setConfirm, confirmError, runConfirm } = usePendingInvitationsContext();
  const pending = confirm?.scope === 'single'
    ? invitations.rows.some((row) => row.invitation.id === confirm.invitation.id && row.pendingAction === 'revoke')
    : invitations.bulkPending === 'revoke';
  return (
    <RevokeDialog
      confirm={confirm}
      pending={pending}
      error={confirmError}
      onOpenChange={(open) => { if (!open) setConfirm(null); }}
      onConfirm={() => void runConfirm()}
    />
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
  confirm: PendingInvitationsConfirmState | null;
  pending: boolean;
  error: unknown;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
}) {
  const { t, format } = useUserAdminTranslation();
  // Keep the last content while closing, so the dialog does not flash empty.
  const last = useRef<PendingInvitationsConfirmState | null>(confirm);
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
        {count > shown.invitations.length ? (
          <li data-slot="pending-invitations-confirm-more">{t('invitations.bulk.andMore', { count: count - shown.invitations.length, formatted: format.number(count - shown.invitations.length) })}</li>
        ) : null}
      </ul>
    </ConfirmDialog>
  );
}

/**
 * The pending invitations list, and its parts for composing one's own (`PendingInvitations.Toolbar`…),
 * each also exported by its own name.
 */
export const PendingInvitations = Object.assign(PendingInvitationsComponent, {
  Base: PendingInvitationsBase,
  Root: PendingInvitationsRoot,
  Title: PendingInvitationsTitle,
  SsoNotice: PendingInvitationsSsoNotice,
  Toolbar: PendingInvitationsToolbar,
  Outcome: PendingInvitationsOutcomeBanner,
  BulkBar: PendingInvitationsBulkBar,
  Content: PendingInvitationsContent,
  Table: PendingInvitationsTable,
  Pagination: PendingInvitationsPagination,
  Confirm: PendingInvitationsConfirm,
});
