import { useUserAdminTranslation } from '../../i18n';
import { ResultList, StatusMessage, cx } from '../../ui';
import { translateInviteFailure } from './invite.schema';
import type { InviteOutcome } from './useInviteForm';

export interface InviteResultsProps {
  /** The outcome so far, from {@link useInviteForm}. */
  outcome: InviteOutcome;
  /** Defaults to none. */
  className?: string;
}

/**
 * The outcome of the sends: how many invitations went out, how many addresses were not invited
 * and how many failed, then one line per address (invited, skipped with its translated reason, or
 * failed with its translated error): a skipped address is counted as skipped, never as failed.
 * @example
 * {invite.outcome ? <InviteResults outcome={invite.outcome} /> : null}
 */
export function InviteResults({ outcome, className }: InviteResultsProps) {
  const { t } = useUserAdminTranslation();
  const { invited, skipped, failed } = outcome;
  return (
    <div className={cx('uak-invite-results', className)} data-slot="invite-results">
      <StatusMessage tone={skipped.length > 0 || failed.length > 0 ? 'warning' : 'success'} data-slot="invite-results-summary">
        {invited.length > 0 ? <p>{t('invite.result.invitedCount', { count: invited.length })}</p> : null}
        {skipped.length > 0 ? <p>{t('invite.result.skippedCount', { count: skipped.length })}</p> : null}
        {failed.length > 0 ? <p>{t('invite.result.failedCount', { count: failed.length })}</p> : null}
      </StatusMessage>
      <ResultList
        title={t('invite.result.title')}
        items={[
          ...failed.map((f, i) => ({ key: `failed:${i}:${f.email}`, label: f.email, ok: false, message: t('invite.failedReason', { error: translateInviteFailure(t, f) }) })),
          ...skipped.map((s, i) => ({ key: `skipped:${i}:${s.email}`, label: s.email, ok: false, outcome: 'skipped' as const, message: t(`invite.skipReason.${s.reason}`) })),
          ...invited.map((invitation) => ({ key: invitation.id, label: invitation.email, ok: true, message: t('invite.result.invited') })),
        ]}
      />
    </div>
  );
}
