import { useEffect, useId, useRef, useState, type ComponentProps } from 'react';
import type { User } from '../contract/types';
import { translateError, useUserAdminTranslation } from '../i18n';
import { Badge, Button, ErrorState, Field, LoadingState, StatusMessage, UserAdminRoot, cx, useAnnounce } from '../ui';
import { userDisplayName } from '../users/model/columns';
import type { SignInResolver } from './guidance';
import { useSignInErrorGuide, type UseSignInErrorGuideResult } from './useSignInErrorGuide';
import { withRef } from '../ui/withRef';

/** Props of {@link SignInErrorGuide}: the guide's options and the root `div`'s props. */
export interface SignInErrorGuideProps extends Omit<ComponentProps<'div'>, 'children' | 'defaultValue'> {
  /** The user who cannot sign in: their recent failures are shown when the backend reports them. Defaults to none (paste only). */
  user?: User | null;
  /** What the message box starts with. Defaults to empty. */
  defaultMessage?: string;
  /** The current instant, the date of the details for support when no failure is chosen. Defaults to `Date.now`. */
  now?: () => number;
  /** Opens the host's editor; when given, "Edit the entity access" is offered for entity failures. Defaults to none. */
  onEditUser?: (user: User) => void;
}

type CopyState = { status: 'idle' } | { status: 'copied'; text: string } | { status: 'manual' };

/**
 * The sign-in error guide: for a user (their recent failed sign-ins, the newest chosen, when the
 * backend reports them) or for an error message the admin pastes, it shows the probable cause, who
 * can fix it (this admin, the identity provider's administrator, or support), the steps, the admin
 * action that applies right there (reactivate, resend the invitation, edit entity access), and a
 * button copying the details support needs. When the clipboard is unavailable the details show,
 * selected, to copy by hand. Built only on {@link useSignInErrorGuide}.
 *
 * @example
 * <SignInErrorGuide user={user} onEditUser={(u) => openEditor(u.id)} />
 * <SignInErrorGuide defaultMessage="AADSTS50057: The user account is disabled." />
 */
export const SignInErrorGuide = withRef(function SignInErrorGuide({ user, defaultMessage = '', now, onEditUser, className, ...rest }: SignInErrorGuideProps) {
  const { t } = useUserAdminTranslation();
  const [message, setMessage] = useState(defaultMessage);
  const guide = useSignInErrorGuide({ user: user ?? null, message, ...(now ? { now } : {}), ...(onEditUser ? { onEditUser } : {}) });
  const messageId = useId();

  return (
    <UserAdminRoot {...rest} className={cx('uak-sign-in-guide', className)} data-slot="sign-in-guide" data-state={guide.diagnosis?.code ?? 'empty'}>
      {guide.user ? <SignInGuideFailures guide={guide} /> : null}
      <Field label={t('signInGuide.paste.label')} hint={t('signInGuide.paste.hint')} id={`${messageId}-message`} className="uak-sign-in-guide-paste">
        {(control) => (
          <textarea
            {...control}
            className="uak-sign-in-guide-textarea"
            data-slot="sign-in-guide-message"
            rows={3}
            spellCheck={false}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        )}
      </Field>
      <SignInGuideDiagnosis guide={guide} />
      <SignInGuideCopy details={guide.supportDetails} />
    </UserAdminRoot>
  );
});

function SignInGuideFailures({ guide }: { guide: UseSignInErrorGuideResult }) {
  const { t, format } = useUserAdminTranslation();
  const groupName = useId();
  const user = guide.user!;
  const name = userDisplayName(user);
  const { diagnostics, failures, selectedFailure } = guide;

  if (!guide.diagnosticsSupported) {
    return (
      <StatusMessage tone="info" data-slot="sign-in-guide-unsupported">
        {t('signInGuide.failures.unsupported', { name })}
      </StatusMessage>
    );
  }
  if (diagnostics.error) {
    return (
      <ErrorState
        data-slot="sign-in-guide-failures-error"
        title={t('signInGuide.failures.loadError')}
        error={diagnostics.error}
        onRetry={() => void diagnostics.refetch()}
      />
    );
  }
  if (diagnostics.isLoading) return <LoadingState label={t('signInGuide.failures.loading')} rows={2} />;
  if (failures.length === 0) {
    return <p className="uak-muted uak-sign-in-guide-none" data-slot="sign-in-guide-no-failures">{t('signInGuide.failures.none', { name })}</p>;
  }
  return (
    <fieldset className="uak-sign-in-guide-failures" data-slot="sign-in-guide-failures">
      <legend className="uak-sign-in-guide-heading">{t('signInGuide.failures.legend', { name })}</legend>
      <ul className="uak-sign-in-guide-failure-list">
        {failures.map((failure, index) => {
          const checked = failure.requestId === selectedFailure?.requestId;
          return (
            <li key={failure.requestId}>
              <label className="uak-sign-in-guide-failure" data-slot="sign-in-guide-failure" data-state={checked ? 'checked' : 'unchecked'}>
                <input
                  type="radio"
                  name={groupName}
                  value={failure.requestId}
                  checked={checked}
                  onChange={() => guide.selectFailure(failure.requestId)}
                />
                <span className="uak-sign-in-guide-failure-text">
                  <span>
                    <time dateTime={failure.at}>{format.dateTime(failure.at)}</time>
                    {' · '}
                    <span className="uak-sign-in-guide-failure-code">{t(`signInFailure.${failure.code}`)}</span>
                    {index === 0 ? <Badge tone="info">{t('signInGuide.failures.latest')}</Badge> : null}
                  </span>
                  <span className="uak-muted uak-sign-in-guide-request">{t('signInGuide.failures.requestId', { id: failure.requestId })}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function SignInGuideDiagnosis({ guide }: { guide: UseSignInErrorGuideResult }) {
  const { t, format } = useUserAdminTranslation();
  const headingId = useId();
  const stepsId = useId();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const { diagnosis, guidance, settings, user, adminAction, adminActionState: state } = guide;
  const provider = settings?.sso.providerName ?? null;

  useEffect(() => {
    // The action's button may disappear with success (the user is active now): the outcome takes the focus.
    if (state.status === 'success' && state.action === 'reactivate') outcomeRef.current?.focus();
  }, [state.status, state.action]);

  const resolverText = (resolver: SignInResolver) =>
    resolver === 'identity_provider'
      ? provider ? t('signInGuide.resolver.identity_provider', { provider }) : t('signInGuide.resolver.identity_providerGeneric')
      : t(`signInGuide.resolver.${resolver}`);

  let body;
  if (!diagnosis || !guidance) {
    body = <p className="uak-muted" data-slot="sign-in-guide-diagnosis-empty">{t('signInGuide.diagnosis.empty')}</p>;
  } else {
    const name = user ? userDisplayName(user) : '';
    const basis = diagnosis.source === 'message'
      ? t('signInGuide.diagnosis.fromMessage')
      : t('signInGuide.diagnosis.fromFailure', { date: guide.selectedFailure ? format.dateTime(guide.selectedFailure.at) : '' });
    const actionLabel =
      adminAction === 'reactivate' ? t('signInGuide.action.reactivate', { name })
        : adminAction === 'resendInvitation' ? t('signInGuide.action.resendInvitation')
          : adminAction === 'editEntities' ? t('signInGuide.action.editEntities', { name })
            : adminAction === 'sendPasswordReset' && user ? t('signInGuide.action.sendPasswordReset', { email: user.email }) : null;
    body = (
      <>
        <dl className="uak-sign-in-guide-facts">
          <div>
            <dt>{t('signInGuide.diagnosis.cause')}</dt>
            <dd data-slot="sign-in-guide-cause" data-code={diagnosis.code} data-confidence={diagnosis.confidence}>
              <span className="uak-sign-in-guide-cause">
                {diagnosis.code === 'unknown' ? t('signInGuide.diagnosis.unknownCause') : t(`signInFailure.${diagnosis.code}`)}
              </span>
              {diagnosis.code !== 'unknown' && diagnosis.confidence === 'low' ? (
                <span className="uak-sign-in-guide-note" data-slot="sign-in-guide-low-confidence">{t('signInGuide.diagnosis.lowConfidence')}</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('signInGuide.diagnosis.resolverLabel')}</dt>
            <dd data-slot="sign-in-guide-resolver" data-resolver={guidance.resolver}>{resolverText(guidance.resolver)}</dd>
          </div>
        </dl>
        <p className="uak-muted uak-sign-in-guide-basis" data-slot="sign-in-guide-basis">
          {basis}
          {diagnosis.matched ? <> {t('signInGuide.diagnosis.matched', { text: diagnosis.matched })}</> : null}
        </p>
        <p id={stepsId} className="uak-sign-in-guide-heading">{t('signInGuide.diagnosis.stepsLabel')}</p>
        <ol aria-labelledby={stepsId} className="uak-sign-in-guide-steps" data-slot="sign-in-guide-steps">
          {guidance.steps.map((key) => <li key={key}>{t(key, { provider: provider ?? t('signInGuide.providerFallback') })}</li>)}
        </ol>
        {adminAction && actionLabel ? (
          <div className="uak-sign-in-guide-action" data-slot="sign-in-guide-action" data-action={adminAction}>
            <Button variant="primary" pending={state.status === 'pending'} onClick={() => void guide.runAdminAction()}>
              {actionLabel}
            </Button>
          </div>
        ) : null}
        {state.status === 'success' && user ? (
          <StatusMessage ref={outcomeRef} tabIndex={-1} tone="success" data-slot="sign-in-guide-action-outcome">
            {state.action === 'reactivate'
              ? state.user?.status === 'invited'
                ? t('signInGuide.action.reactivatedInvited', { name: userDisplayName(state.user), email: state.user.email })
                : t('signInGuide.action.reactivated', { name })
              : state.action === 'sendPasswordReset'
                ? t('signInGuide.action.passwordResetSent', { email: state.passwordReset?.sentTo ?? user.email })
                : t('signInGuide.action.resent', { email: user.email })}
          </StatusMessage>
        ) : null}
        {state.status === 'error' ? (
          <StatusMessage tone="error" data-slot="sign-in-guide-action-outcome">
            {t('signInGuide.action.failed', { reason: translateError(t, state.error) })}
          </StatusMessage>
        ) : null}
      </>
    );
  }
  return (
    <div role="group" aria-labelledby={headingId} className="uak-sign-in-guide-diagnosis" data-slot="sign-in-guide-diagnosis">
      <p id={headingId} className="uak-sign-in-guide-heading">{t('signInGuide.diagnosis.label')}</p>
      {body}
    </div>
  );
}

function SignInGuideCopy({ details }: { details: string | null }) {
  const { t } = useUserAdminTranslation();
  const announce = useAnnounce();
  const [state, setState] = useState<CopyState>({ status: 'idle' });
  const manualRef = useRef<HTMLTextAreaElement>(null);
  const manualId = useId();

  useEffect(() => {
    if (state.status !== 'manual') return;
    manualRef.current?.focus();
    manualRef.current?.select();
  }, [state.status]);

  const copy = async () => {
    if (!details) return;
    try {
      if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) throw new Error('Clipboard unavailable');
      await navigator.clipboard.writeText(details);
      setState({ status: 'copied', text: details });
      announce(t('signInGuide.copy.copied'));
    } catch {
      setState({ status: 'manual' });
      // Already open: select the (possibly updated) text again.
      manualRef.current?.focus();
      manualRef.current?.select();
    }
  };

  return (
    <div className="uak-sign-in-guide-copy" data-slot="sign-in-guide-copy" data-state={state.status}>
      <Button onClick={() => void copy()} disabled={!details} data-slot="sign-in-guide-copy-button">
        {t('signInGuide.copy.button')}
      </Button>
      {state.status === 'copied' && state.text === details ? (
        <p className="uak-sign-in-guide-copied" data-slot="sign-in-guide-copied">{t('signInGuide.copy.copied')}</p>
      ) : null}
      {state.status === 'manual' && details ? (
        <Field label={t('signInGuide.copy.manualLabel')} hint={t('signInGuide.copy.manualHint')} id={`${manualId}-details`} className="uak-sign-in-guide-manual">
          {(control) => (
            <textarea
              {...control}
              ref={manualRef}
              readOnly
              className="uak-sign-in-guide-textarea"
              data-slot="sign-in-guide-details"
              rows={Math.min(10, details.split('\n').length + 1)}
              value={details}
            />
          )}
        </Field>
      ) : null}
    </div>
  );
}
