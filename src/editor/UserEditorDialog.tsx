import { isValidElement, useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';
import type { Settings, User, UserKind } from '../contract/types';
import { translateError, useUserAdminTranslation, type UserAdminT } from '../i18n';
import { useControllable } from '../query/useControllable';
import {
  Button, ConfirmDialog, Dialog, DialogClose, DialogContent, DialogTrigger, EmptyState, ErrorState, LoadingState, StatusMessage,
  UserAdminRoot, useAnnounce, cx,
} from '../ui';
import { UserEditorAccessFields, UserEditorKindField, UserEditorProfileFields, UserEditorReadOnlyNotes, useEditorErrorText } from './UserEditorFields';
import type { UserEditorValues } from './userEditor.schema';
import { useUserEditor, type UserEditorSaveResult, type UseUserEditorResult } from './useUserEditor';

export interface UserEditorDialogProps {
  /** Whether the dialog is open, for a controlled dialog. Defaults to uncontrolled. */
  open?: boolean;
  /** Whether an uncontrolled dialog starts open. Defaults to `false`. */
  defaultOpen?: boolean;
  /** Called when the dialog asks to open or close (also after a save it closes itself). Defaults to none. */
  onOpenChange?: (open: boolean) => void;
  /** The user to edit; `null` or `undefined` to create one. Defaults to `undefined` (create). */
  userId?: string | null;
  /** The kind a creation starts with, when the organisation allows it. Defaults to `'login'`. */
  defaultKind?: UserKind;
  /** What a creation starts with (e.g. `{ entityIds: [entityId] }`). Defaults to an empty form. */
  defaultValues?: Partial<UserEditorValues>;
  /** An element replacing the default "New user" button; it opens the dialog. Defaults to that button. */
  trigger?: ReactNode;
  /** Renders no trigger, for a dialog opened by the host (`open` + `onOpenChange`). Defaults to `false`. */
  hideTrigger?: boolean;
  /** Called after each successful save, so a screen can refresh or show the outcome. Defaults to none. */
  onSaved?: (result: UserEditorSaveResult) => void;
  /**
   * The current instant in epoch ms, for "the request expires in 3 days". Pass the server's clock
   * when it differs from the browser's. Defaults to `Date.now`.
   */
  now?: () => number;
  /** Classes of the dialog panel, merged last. Defaults to none. */
  className?: string;
}

const nameOf = (user: Pick<User, 'firstName' | 'lastName' | 'email'>) => `${user.firstName} ${user.lastName}`.trim() || user.email;

/**
 * The sentence that tells an administrator what a save did: created and invited (with the
 * invitation's validity), contact created, saved, registration request sent, invitation resent.
 * @example
 * <UserEditorDialog onSaved={(result) => setNotice(userEditorOutcomeMessage(t, result, settings))} />
 */
export function userEditorOutcomeMessage(t: UserAdminT, result: UserEditorSaveResult, settings?: Pick<Settings, 'invitation'>): string {
  const name = nameOf(result.user);
  if (result.created) {
    if (result.user.kind === 'contact') return t('userEditor.result.createdContact', { name });
    const validity = settings ? ` ${t('invitation.validFor', { count: settings.invitation.ttlDays })}` : '';
    return `${t('userEditor.result.createdLogin', { name })}${validity}`;
  }
  if (result.emailChange === 'registration_request_sent') {
    return t('userEditor.result.registrationRequestSent', { email: result.user.pendingEmail ?? result.user.email });
  }
  if (result.emailChange === 'invitation_resent') return t('userEditor.result.invitationResent', { email: result.user.email });
  return t('userEditor.result.updated', { name });
}

/**
 * The user editor in a dialog: create a login user (who is invited) or a contact, or edit a user
 * (`userId`). Saving closes it and announces the outcome, except after a login user's email
 * change, where it stays open to show that the new address awaits confirmation. A failed save
 * keeps everything typed, with server field errors on their fields. Built only on
 * {@link useUserEditor}.
 * @example
 * <UserEditorDialog onSaved={() => void refetch()} />
 * <UserEditorDialog open={!!editing} onOpenChange={(o) => !o && setEditing(null)} userId={editing?.id} hideTrigger />
 */
export function UserEditorDialog({
  open: openProp, defaultOpen = false, onOpenChange, userId = null, defaultKind, defaultValues, trigger, hideTrigger = false, onSaved,
  now, className,
}: UserEditorDialogProps) {
  const { t } = useUserAdminTranslation();
  const [open, setOpen] = useControllable(openProp, defaultOpen, onOpenChange);
  const triggerElement = isValidElement(trigger) ? (trigger as ReactElement) : (
    <Button variant="primary" data-slot="user-editor-trigger">{trigger ?? t('userEditor.trigger')}</Button>
  );
  return (
    <UserAdminRoot className="uak-user-editor-root">
      <Dialog open={open} onOpenChange={setOpen}>
        {hideTrigger ? null : <DialogTrigger asChild>{triggerElement}</DialogTrigger>}
        {open ? (
          <UserEditorDialogContent
            // A new user id starts a new form.
            key={userId ?? 'create'}
            userId={userId}
            defaultKind={defaultKind}
            defaultValues={defaultValues}
            onSaved={onSaved}
            close={() => setOpen(false)}
            now={now}
            className={className}
          />
        ) : null}
      </Dialog>
    </UserAdminRoot>
  );
}

interface ContentProps {
  userId: string | null;
  defaultKind?: UserKind;
  defaultValues?: Partial<UserEditorValues>;
  onSaved?: (result: UserEditorSaveResult) => void;
  close: () => void;
  now?: () => number;
  className?: string;
}

function UserEditorDialogContent({ userId, defaultKind, defaultValues, onSaved, close, now, className }: ContentProps) {
  const { t } = useUserAdminTranslation();
  const announce = useAnnounce();
  const formId = useId();
  const contentRef = useRef<HTMLDivElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const settingsRef = useRef<Settings | undefined>(undefined);
  const editor = useUserEditor({
    userId,
    defaultKind,
    defaultValues,
    onSaved: (result) => {
      announce(userEditorOutcomeMessage(t, result, settingsRef.current));
      onSaved?.(result);
      if (result.emailChange !== 'registration_request_sent') close();
    },
  });
  settingsRef.current = editor.settings;
  const { mode, user } = editor;
  const ready = !editor.isLoading && !editor.loadError && !editor.userError && editor.canCreate;
  const awaiting = editor.lastResult?.emailChange === 'registration_request_sent';

  // Opening puts the cursor in the first field once the form is there (once: nothing to render).
  const focused = useRef(false);
  useEffect(() => {
    if (!ready || focused.current) return;
    focused.current = true;
    const active = document.activeElement;
    if (active === contentRef.current || active === document.body || !contentRef.current?.contains(active)) {
      contentRef.current?.querySelector<HTMLElement>('input:not([readonly]):not(:disabled), select:not(:disabled)')?.focus();
    }
  }, [ready]);

  // A failure or an outcome shows at the top: bring it into view.
  useEffect(() => {
    if (editor.submitError || awaiting) statusRef.current?.scrollIntoView?.({ block: 'start' });
  }, [editor.submitError, awaiting]);

  const title = mode === 'create' ? t('userEditor.title.create') : user ? t('userEditor.title.edit', { name: nameOf(user) }) : t('actions.edit');
  const onSubmit = async (event: { preventDefault(): void }) => {
    const outcome = await editor.submit(event);
    if (outcome === 'unchanged') close();
  };

  return (
    <DialogContent
      title={title}
      description={mode === 'create' ? t('userEditor.description.create') : t('userEditor.description.edit')}
      size="lg"
      ref={contentRef}
      className={cx('uak-user-editor', className)}
      data-slot="user-editor"
      data-mode={mode}
      data-outcome={awaiting ? 'awaiting-confirmation' : undefined}
      onEscapeKeyDown={(event) => {
        // Escape in an open entity picker closes the picker, not the editor (Radix listens on the document).
        if ((event.target as Element | null)?.closest?.('[data-slot="entity-access-picker-panel"]')) event.preventDefault();
      }}
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        contentRef.current?.focus();
      }}
      footer={
        <>
          <DialogClose asChild>
            <Button data-slot="user-editor-cancel">{awaiting || !ready ? t('common.close') : t('common.cancel')}</Button>
          </DialogClose>
          {ready ? (
            <Button type="submit" form={formId} variant="primary" pending={editor.isSubmitting} data-slot="user-editor-submit">
              {mode === 'create' ? t('userEditor.submit.create') : t('userEditor.submit.edit')}
            </Button>
          ) : null}
        </>
      }
    >
      {editor.loadError ? (
        <ErrorState title={t('userEditor.setupLoadError')} error={editor.loadError} onRetry={editor.retryLoad} />
      ) : editor.notFound ? (
        <EmptyState title={t('userEditor.notFound')} hint={t('userEditor.notFoundHint')} data-slot="user-editor-not-found" />
      ) : editor.userError ? (
        <ErrorState title={t('userEditor.loadError')} error={editor.userError} onRetry={editor.retryLoad} />
      ) : editor.isLoading ? (
        <LoadingState rows={6} retrying={editor.retrying} />
      ) : !editor.canCreate ? (
        <StatusMessage tone="info" data-slot="user-editor-nothing-to-create">
          {t('userEditor.nothingToCreate', { provider: editor.ssoProviderName ?? t('userEditor.ssoProviderFallback') })}
        </StatusMessage>
      ) : (
        <form id={formId} noValidate onSubmit={(event) => void onSubmit(event)} className="uak-user-editor-form" data-slot="user-editor-form">
          <div ref={statusRef} className="uak-user-editor-status" data-slot="user-editor-status">
            <SubmitStatus editor={editor} />
          </div>
          {mode === 'create' && editor.canCreateContact ? <UserEditorKindField editor={editor} /> : null}
          <UserEditorReadOnlyNotes editor={editor} />
          <UserEditorProfileFields editor={editor} now={now} />
          <UserEditorAccessFields editor={editor} />
          {mode === 'create' && editor.kind === 'login' && editor.settings ? (
            <p className="uak-user-editor-validity uak-muted" data-slot="user-editor-validity">
              {t('invitation.validFor', { count: editor.settings.invitation.ttlDays })}
            </p>
          ) : null}
        </form>
      )}
      <EmailChangeConfirmation editor={editor} />
    </DialogContent>
  );
}

function SubmitStatus({ editor }: { editor: UseUserEditorResult }) {
  const { t } = useUserAdminTranslation();
  const errorText = useEditorErrorText(editor);
  const { submitError, lastResult } = editor;
  if (submitError) {
    const root = errorText(editor.form.formState.errors.root?.server?.message);
    return (
      <StatusMessage tone="error" data-slot="user-editor-error">
        <p>{translateError(t, submitError)}</p>
        {root ? <p>{root}</p> : null}
        <p>{t('userEditor.saveFailed')}</p>
        {editor.staleConflict ? (
          <p>
            <Button pending={editor.isReloading} onClick={() => void editor.reloadLatest()} data-slot="user-editor-reload">
              {t('userEditor.staleReload')}
            </Button>
          </p>
        ) : null}
      </StatusMessage>
    );
  }
  if (editor.reloadedKeptFields) {
    const count = editor.reloadedKeptFields.length;
    return (
      <StatusMessage tone="info" data-slot="user-editor-reloaded">
        {count > 0 ? t('userEditor.staleReloaded', { count }) : t('userEditor.staleReloadedNone')}
      </StatusMessage>
    );
  }
  if (lastResult?.emailChange === 'registration_request_sent') {
    return (
      <StatusMessage tone="success" data-slot="user-editor-saved">
        {t('userEditor.result.registrationRequestSent', { email: lastResult.user.pendingEmail ?? lastResult.user.email })}
      </StatusMessage>
    );
  }
  return null;
}

function EmailChangeConfirmation({ editor }: { editor: UseUserEditorResult }) {
  const { t } = useUserAdminTranslation();
  const email = editor.form.getValues('email').trim().toLowerCase();
  return (
    <ConfirmDialog
      open={editor.needsEmailConfirmation}
      onOpenChange={(next) => {
        if (!next) editor.cancelEmailChange();
      }}
      tone="primary"
      title={t('userEditor.emailChange.confirmTitle')}
      description={t('userEditor.emailChange.confirmDescription', { email, current: editor.user?.email ?? '' })}
      confirmLabel={t('userEditor.emailChange.confirm')}
      pending={editor.isSubmitting}
      onConfirm={() => void editor.confirmEmailChange()}
    />
  );
}
