import { cloneElement, useEffect, useId, useRef, useState, type MouseEvent, type ReactElement } from 'react';
import type { InviteUsersResult } from '../../contract/types';
import { translateError, useUserAdminTranslation } from '../../i18n';
import {
  Button, Dialog, DialogClose, DialogContent, DialogTrigger, ErrorState, LoadingState, StatusMessage, UserAdminRoot,
  useAnnounce, cx,
} from '../../ui';
import { InviteAdminScopeField, InviteEntitiesField, InviteModulePermissions, InviteRoleField } from './InviteAccessFields';
import { InviteCsvImport } from './InviteCsvImport';
import { InviteEmailsField } from './InviteEmailsField';
import { InviteResults } from './InviteResults';
import { translateInviteFieldError } from './invite.schema';
import { useInviteForm, type InviteFormDefaults, type UseInviteFormResult } from './useInviteForm';
import { useControllable } from '../../query/useControllable';

export interface InviteDialogProps {
  /** Whether the dialog is open, for a controlled dialog. Defaults to uncontrolled. */
  open?: boolean;
  /** Whether an uncontrolled dialog starts open. Defaults to `false`. */
  defaultOpen?: boolean;
  /** Called when the dialog asks to open or close. Defaults to none. */
  onOpenChange?: (open: boolean) => void;
  /** An element replacing the default "Invite users" button; it opens the dialog. Defaults to that button. */
  trigger?: ReactElement<Record<string, unknown>>;
  /** Renders no trigger, for a dialog opened by the host (`open` + `onOpenChange`). Defaults to `false`. */
  hideTrigger?: boolean;
  /** Called after each send that reached the server, so a screen can refresh and announce. Defaults to none. */
  onInvited?: (result: InviteUsersResult) => void;
  /** What the form starts with (and returns to when the dialog closes). Defaults to an empty form. */
  defaultValues?: InviteFormDefaults;
  /** Classes of the dialog panel, merged last. Defaults to none. */
  className?: string;
}

/**
 * The invite dialog: addresses as chips (typed or pasted, checked before sending), a role with
 * its module preset, module access, entity access, the invitation's validity, and a result per
 * address. Skipped addresses stay for correction and can be sent again without retyping the rest;
 * a failed send keeps everything. Under SSO its trigger is disabled and says why. Built only on
 * {@link useInviteForm}.
 * @example
 * <InviteDialog onInvited={() => void refetchUsers()} />
 * <InviteDialog open={open} onOpenChange={setOpen} hideTrigger defaultValues={{ roleId: 'role-user' }} />
 */
export function InviteDialog({
  open: openProp, defaultOpen = false, onOpenChange, trigger, hideTrigger = false, onInvited, defaultValues, className,
}: InviteDialogProps) {
  const { t } = useUserAdminTranslation();
  const invite = useInviteForm({ defaultValues, onInvited });
  const reasonId = useId();
  const [wantedOpen, setWantedOpen] = useControllable(openProp, defaultOpen, onOpenChange);
  const sso = invite.ssoEnforced;
  const open = wantedOpen && !sso;

  const { reset } = invite;
  const wasOpen = useRef(open);
  useEffect(() => {
    // Closing starts the next opening afresh.
    if (wasOpen.current && !open) reset();
    wasOpen.current = open;
  }, [open, reset]);

  const setOpen = (next: boolean) => {
    if (next && sso) return;
    setWantedOpen(next);
  };

  const providerName = invite.settings?.sso.providerName;
  const ssoReason = t('settings.ssoEnforced', { provider: providerName ?? t('invite.ssoProviderFallback') });
  const triggerElement = trigger ?? <Button variant="primary">{t('invite.trigger')}</Button>;

  return (
    <UserAdminRoot className="uak-invite-root">
      <Dialog open={open} onOpenChange={setOpen}>
        {hideTrigger ? null : sso ? (
          <span className="uak-invite-trigger-wrap" data-slot="invite-trigger" data-state="disabled">
            {cloneElement(triggerElement, {
              'aria-disabled': true,
              'aria-describedby': reasonId,
              onClick: (event: MouseEvent) => event.preventDefault(),
            })}
            <span id={reasonId} className="uak-invite-sso-reason" data-slot="invite-sso-reason">{ssoReason}</span>
          </span>
        ) : (
          <DialogTrigger asChild>{triggerElement}</DialogTrigger>
        )}
        <InviteDialogContent invite={invite} className={className} />
      </Dialog>
    </UserAdminRoot>
  );
}

function InviteDialogContent({ invite, className }: { invite: UseInviteFormResult; className?: string }) {
  const { t } = useUserAdminTranslation();
  const announce = useAnnounce();
  const formId = useId();
  const { form, settings, outcome, submitError } = invite;
  const entityError = form.formState.errors.entityIds?.message;
  const rootError = form.formState.errors.root?.server?.message;
  const multiEntity = settings?.multiEntity !== false;
  const showModules = settings?.features?.modulePermissions !== false && invite.modules.length > 0;

  const announced = useRef(outcome);
  useEffect(() => {
    if (!outcome || outcome === announced.current) return;
    announced.current = outcome;
    const parts = [
      outcome.invited.length > 0 ? t('invite.result.invitedCount', { count: outcome.invited.length }) : '',
      outcome.skipped.length > 0 ? t('invite.result.skippedCount', { count: outcome.skipped.length }) : '',
      outcome.failed.length > 0 ? t('invite.result.failedCount', { count: outcome.failed.length }) : '',
    ];
    announce(parts.filter(Boolean).join(' '));
  }, [outcome, announce, t]);

  const ready = !invite.isLoading && !invite.loadError && settings;

  // "Send invitations" with an invalid or duplicate chip left sends nothing: say so at the top (an
  // alert, again on every press) and put the focus on the first such chip, whose reason it describes.
  const latest = useRef(invite);
  latest.current = invite;
  const [blockedAttempt, setBlockedAttempt] = useState(0);
  const blocked = blockedAttempt > 0 && invite.problemCount > 0 && !invite.isSubmitting;
  const onSubmit = async (event: { preventDefault(): void }) => {
    event.preventDefault();
    await invite.submit();
    // After the render that shows the chips the typed text became.
    setTimeout(() => {
      if (latest.current.problemCount === 0) return;
      setBlockedAttempt((n) => n + 1);
      const chip = contentRef.current?.querySelector<HTMLElement>(
        '[data-slot="invite-chips"] li:is([data-status="invalid"], [data-status="duplicate"]) [data-slot="chip-activate"]',
      );
      chip?.focus();
      chip?.scrollIntoView?.({ block: 'nearest' });
    }, 0);
  };

  // A result or a failure shows at the top of the form, while the person is at the submit button: bring it into view.
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome || submitError) statusRef.current?.scrollIntoView?.({ block: 'start' });
  }, [outcome, submitError]);

  // Opening puts the cursor in the address field, once the form is there (the panel holds focus meanwhile).
  const contentRef = useRef<HTMLDivElement>(null);
  const focusAddresses = () => contentRef.current?.querySelector<HTMLElement>('[data-slot="invite-emails-input"]')?.focus();
  useEffect(() => {
    if (ready && (document.activeElement === contentRef.current || document.activeElement === document.body)) focusAddresses();
  }, [ready]);

  return (
    <DialogContent
      title={t('invite.title')}
      description={t('invite.description')}
      size="lg"
      className={cx('uak-invite-dialog', className)}
      data-slot="invite-dialog"
      ref={contentRef}
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        if (contentRef.current?.querySelector('[data-slot="invite-emails-input"]')) focusAddresses();
        else contentRef.current?.focus();
      }}
      footer={
        <>
          <DialogClose asChild>
            <Button>{outcome ? t('common.close') : t('common.cancel')}</Button>
          </DialogClose>
          {ready ? (
            <Button type="submit" form={formId} variant="primary" pending={invite.isSubmitting} data-slot="invite-submit">
              {t('invite.submit')}
            </Button>
          ) : null}
        </>
      }
    >
      {invite.loadError ? (
        <ErrorState title={t('invite.loadError')} error={invite.loadError} onRetry={invite.retryLoad} />
      ) : !ready ? (
        <LoadingState rows={4} />
      ) : (
        <form id={formId} noValidate onSubmit={(event) => void onSubmit(event)} className="uak-invite-form" data-slot="invite-form">
          <div ref={statusRef} className="uak-invite-status" data-slot="invite-status">
          {submitError ? (
            <StatusMessage tone="error" data-slot="invite-error">
              <p>{translateError(t, submitError)}</p>
              <p>{t('invite.failed')}</p>
              {rootError ? <p>{translateInviteFieldError(t, rootError)}</p> : null}
              {!multiEntity && entityError ? <p>{translateInviteFieldError(t, entityError)}</p> : null}
            </StatusMessage>
          ) : null}
          {blocked ? (
            <StatusMessage key={blockedAttempt} tone="error" data-slot="invite-blocked">
              {t('invite.notSentFixAddresses', { count: invite.problemCount })}
            </StatusMessage>
          ) : null}
          {outcome ? <InviteResults outcome={outcome} /> : null}
          </div>
          {/* Before the addresses it fills: Tab from the addresses still goes on to the role. */}
          <InviteCsvImport invite={invite} />
          <InviteEmailsField invite={invite} />
          <InviteRoleField invite={invite} />
          {multiEntity ? <InviteEntitiesField invite={invite} /> : null}
          {multiEntity && invite.selectedRole?.isAdmin ? <InviteAdminScopeField invite={invite} /> : null}
          {showModules ? <InviteModulePermissions invite={invite} /> : null}
          <p className="uak-invite-validity" data-slot="invite-validity">
            {t('invitation.validFor', { count: settings.invitation.ttlDays })} {t(`invitation.onExpiry.${settings.invitation.onExpiry}`)}
          </p>
        </form>
      )}
    </DialogContent>
  );
}
