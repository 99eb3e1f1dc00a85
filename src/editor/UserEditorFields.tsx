import { useId, type ReactNode } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import type { UserKind } from '../contract/types';
import { translateFieldError, useUserAdminTranslation, type UserAdminT } from '../i18n';
import { Field, StatusMessage, cx } from '../ui';
import { EntityAccessField, ModulePermissionsInput } from './editorDeps';
import type { UserEditorProfileField } from './userEditor.schema';
import type { UseUserEditorResult } from './useUserEditor';

/** Props of the editor's parts: the editor from {@link useUserEditor}. */
export interface UserEditorPartProps {
  editor: UseUserEditorResult;
  /** Defaults to none. */
  className?: string;
}

/** A field error (a schema key or a server code) in the person's language. */
export function useEditorErrorText(editor: UseUserEditorResult) {
  const { t } = useUserAdminTranslation();
  return (message: unknown): string | undefined =>
    typeof message === 'string' && message ? translateFieldError(t, message, { min: editor.usernamePolicy.minLength }) : undefined;
}

const joinIds = (...ids: (string | undefined | false)[]) => ids.filter(Boolean).join(' ') || undefined;

function providerName(t: UserAdminT, editor: UseUserEditorResult) {
  return editor.ssoProviderName ?? t('userEditor.ssoProviderFallback');
}

/**
 * Login user or contact, at creation only, with a line under each saying what it means. Under
 * enforced SSO the login option is unavailable and says why.
 * @example
 * {editor.mode === 'create' && editor.canCreateContact ? <UserEditorKindField editor={editor} /> : null}
 */
export function UserEditorKindField({ editor, className }: UserEditorPartProps) {
  const { t } = useUserAdminTranslation();
  const name = useId();
  const kind = useWatch({ control: editor.form.control, name: 'kind' });
  const options: { value: UserKind; label: string; hint: string; disabled: boolean }[] = [
    {
      value: 'login',
      label: t('userEditor.kind.login'),
      hint: editor.canCreateLogin ? t('userEditor.kind.loginHint') : t('userEditor.kind.loginUnavailable', { provider: providerName(t, editor) }),
      disabled: !editor.canCreateLogin,
    },
    { value: 'contact', label: t('userEditor.kind.contact'), hint: t('userEditor.kind.contactHint'), disabled: !editor.canCreateContact },
  ];
  return (
    <fieldset className={cx('uak-user-editor-fieldset', 'uak-user-editor-kind', className)} data-slot="user-editor-kind">
      <legend className="uak-field-label">{t('userEditor.kind.legend')}</legend>
      {options.map((option) => (
        <div key={option.value} className="uak-user-editor-choice" data-disabled={option.disabled ? '' : undefined}>
          <input
            type="radio"
            id={`${name}-${option.value}`}
            name={name}
            value={option.value}
            checked={kind === option.value}
            disabled={option.disabled}
            aria-describedby={`${name}-${option.value}-hint`}
            onChange={() => editor.setKind(option.value)}
            data-slot="user-editor-kind-option"
          />
          <label htmlFor={`${name}-${option.value}`}>{option.label}</label>
          <p id={`${name}-${option.value}-hint`} className="uak-field-hint">{option.hint}</p>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * Why some profile fields cannot be changed here: a group user at entity level, or a user created
 * by SSO whose identity provider owns some fields.
 * @example
 * <UserEditorReadOnlyNotes editor={editor} />
 */
export function UserEditorReadOnlyNotes({ editor, className }: UserEditorPartProps) {
  const { t } = useUserAdminTranslation();
  if (editor.groupProfileReadOnly) {
    return <StatusMessage tone="info" className={className} data-slot="user-editor-group-note">{t('userEditor.readOnly.groupProfile')}</StatusMessage>;
  }
  if (editor.ssoManagedFields.size > 0) {
    return <StatusMessage tone="info" className={className} data-slot="user-editor-sso-note">{t('userEditor.readOnly.sso', { provider: providerName(t, editor) })}</StatusMessage>;
  }
  return null;
}

function ProfileInput({ editor, field, label, type = 'text', autoComplete, required = true, hint, after }: {
  editor: UseUserEditorResult;
  field: UserEditorProfileField;
  label: string;
  type?: string;
  autoComplete?: string;
  required?: boolean;
  hint?: string;
  after?: (id: string) => { node: ReactNode; id: string | undefined };
}) {
  const { t } = useUserAdminTranslation();
  const errorText = useEditorErrorText(editor);
  const readOnly = editor.readOnlyFields.has(field);
  const readOnlyHint = readOnly
    ? editor.groupProfileReadOnly
      ? t('userEditor.readOnly.groupLevel')
      : t('userEditor.readOnly.managedBy', { provider: providerName(t, editor) })
    : undefined;
  // Every broken rule (`types`, from the resolver), not only the first.
  const fieldError = editor.form.formState.errors[field];
  const messages = fieldError?.types ? Object.values(fieldError.types) : [fieldError?.message];
  const error = [...new Set(messages.map(errorText).filter(Boolean))].join(' ') || undefined;
  const id = useId();
  const extra = after?.(id);
  return (
    <>
      <Field
        id={id}
        label={label}
        hint={readOnlyHint ?? hint}
        error={error}
        required={required && !readOnly}
        className={cx('uak-user-editor-field', `uak-user-editor-${field}`)}
      >
        {(control) => (
          <input
            {...control}
            aria-describedby={joinIds(control['aria-describedby'], extra?.id)}
            type={type}
            autoComplete={autoComplete}
            readOnly={readOnly}
            aria-readonly={readOnly || undefined}
            data-readonly={readOnly ? '' : undefined}
            {...editor.form.register(field)}
            data-slot={`user-editor-${field}`}
          />
        )}
      </Field>
      {extra?.node}
    </>
  );
}

/**
 * What changing the email does (shown as soon as it differs), and a pending change waiting for the
 * user's confirmation with the request's expiry.
 */
function EmailNotes({ editor, id, now }: { editor: UseUserEditorResult; id: string; now?: () => number }) {
  const { t, format } = useUserAdminTranslation();
  const notes: ReactNode[] = [];
  const { emailChange, emailChangePending: pending, user } = editor;
  if (pending) {
    notes.push(
      <p key="pending" data-slot="user-editor-pending-email">
        {t('userEditor.pendingEmail', { email: pending.email })}{' '}
        {pending.expiresAt
          ? t(pending.expired ? 'userEditor.pendingEmailExpired' : 'userEditor.pendingEmailExpires', { relative: format.relativeTime(pending.expiresAt, now?.()) })
          : null}
      </p>,
    );
  }
  if (emailChange === 'registration_request') {
    notes.push(<p key="change" data-slot="user-editor-email-warning">{t('userEditor.emailChange.registration', { current: user?.email ?? '' })}</p>);
  } else if (emailChange === 'invitation_resent') {
    notes.push(<p key="change" data-slot="user-editor-email-warning">{t('userEditor.emailChange.invited')}</p>);
  } else if (emailChange === 'cancel_pending') {
    notes.push(<p key="change" data-slot="user-editor-email-warning">{t('userEditor.emailChange.cancelPending', { pending: pending?.email ?? '' })}</p>);
  }
  if (notes.length === 0) return null;
  const warn = emailChange === 'registration_request' || emailChange === 'invitation_resent';
  return (
    <div id={id} className="uak-user-editor-email-notes" data-slot="user-editor-email-notes" data-tone={warn ? 'warning' : 'info'}>
      {notes}
    </div>
  );
}

/**
 * Names, email (with what changing it does), username under the policy, and phone; read-only ones
 * say where they are changed.
 * @example
 * <UserEditorProfileFields editor={editor} />
 */
export function UserEditorProfileFields({ editor, now, className }: UserEditorPartProps & {
  /** The current instant, for when a registration request expires. Defaults to `Date.now`. */
  now?: () => number;
}) {
  const { t } = useUserAdminTranslation();
  const { usernamePolicy, showPhone, kind } = editor;
  return (
    <fieldset className={cx('uak-user-editor-fieldset', 'uak-user-editor-profile', className)} data-slot="user-editor-profile">
      <legend className="uak-field-label">{t('userEditor.fields.profile')}</legend>
      <div className="uak-user-editor-names">
        <ProfileInput editor={editor} field="firstName" label={t('userEditor.fields.firstName')} autoComplete="off" />
        <ProfileInput editor={editor} field="lastName" label={t('userEditor.fields.lastName')} autoComplete="off" />
      </div>
      <ProfileInput
        editor={editor}
        field="email"
        type="email"
        autoComplete="off"
        label={t('userEditor.fields.email')}
        after={(id) => {
          const notesId = `${id}-notes`;
          const shown = editor.emailChange !== 'none' && editor.emailChange !== 'immediate' || editor.emailChangePending !== null;
          return { id: shown ? notesId : undefined, node: <EmailNotes editor={editor} id={notesId} now={now} /> };
        }}
      />
      {usernamePolicy.required && kind === 'login' ? (
        <ProfileInput
          editor={editor}
          field="username"
          autoComplete="off"
          label={t('userEditor.fields.username')}
          hint={t('userEditor.fields.usernameHint', { count: usernamePolicy.minLength })}
        />
      ) : null}
      {showPhone ? <ProfileInput editor={editor} field="phone" type="tel" autoComplete="off" required={false} label={t('userEditor.fields.phone')} /> : null}
    </fieldset>
  );
}

/**
 * Role (with its description), admin scope for an admin role, group or entity user, entities and
 * module access of a login user; the one entity of a contact.
 * @example
 * <UserEditorAccessFields editor={editor} />
 */
export function UserEditorAccessFields({ editor, className }: UserEditorPartProps) {
  const { t } = useUserAdminTranslation();
  const errorText = useEditorErrorText(editor);
  const radioName = useId();
  const { form, roles, selectedRole, multiEntity, kind } = editor;
  const errors = form.formState.errors;
  const scope = useWatch({ control: form.control, name: 'scope' });
  const adminScopeType = useWatch({ control: form.control, name: 'adminScopeType' });
  const subtreeEntityIds = useWatch({ control: form.control, name: 'subtreeEntityIds' });
  const single = kind === 'contact' || scope === 'entity';
  const entitiesError = errorText(errors.entityIds?.message);
  const entitiesErrorId = `${radioName}-entities-error`;

  const entitiesLabel = single ? t('userEditor.entities.single') : t('userEditor.entities.label');
  const entities = multiEntity ? (
    <div className="uak-field uak-user-editor-entities" data-slot="user-editor-entities" data-invalid={entitiesError ? '' : undefined}>
      <label htmlFor={`${radioName}-entities`} className="uak-field-label">{entitiesLabel}</label>
      <Controller
        control={form.control}
        name="entityIds"
        render={({ field }) => (
          <EntityAccessField
            ref={field.ref}
            id={`${radioName}-entities`}
            label={entitiesLabel}
            value={{ entityIds: field.value, subtreeEntityIds: editor.allowSubtrees ? subtreeEntityIds : [] }}
            onValueChange={(next) => {
              field.onChange(next.entityIds);
              form.setValue('subtreeEntityIds', next.subtreeEntityIds, { shouldDirty: true });
            }}
            onBlur={field.onBlur}
            selectionMode={single ? 'single' : 'multiple'}
            allowSubtrees={editor.allowSubtrees}
            aria-invalid={entitiesError ? true : undefined}
            aria-describedby={entitiesError ? entitiesErrorId : undefined}
            error={entitiesError}
          />
        )}
      />
      {entitiesError ? <p id={entitiesErrorId} className="uak-field-error" data-slot="user-editor-entities-error">{entitiesError}</p> : null}
    </div>
  ) : null;

  if (kind === 'contact') {
    return entities ? (
      <div className={cx('uak-user-editor-access', className)} data-slot="user-editor-access">{entities}</div>
    ) : null;
  }

  const permissionsError = errorText(
    errors.permissions?.message ??
      Object.values((errors.permissions ?? {}) as Record<string, { message?: string } | undefined>).find((e) => e?.message)?.message,
  );
  const adminScopeError = errorText(errors.adminScopeEntityIds?.message);
  // The roles the core refuses here (one's own demotion, a user outside the admin's scope) are disabled, with the reason.
  const roleRefusals = new Map(roles.map((role) => [role.id, editor.roleRefusal(role.id)]));
  const refusal = editor.accessRefusal ?? [...roleRefusals.values()].find((r) => r !== null) ?? null;

  return (
    <fieldset className={cx('uak-user-editor-fieldset', 'uak-user-editor-access', className)} data-slot="user-editor-access">
      <legend className="uak-field-label">{t('userEditor.access')}</legend>
      <Field
        label={t('userEditor.role.label')}
        hint={selectedRole?.description ?? undefined}
        error={errorText(errors.roleId?.message)}
        required
        className="uak-user-editor-role"
      >
        {(control) => {
          const { onChange: _ignored, ...registered } = form.register('roleId');
          return (
            <select {...control} {...registered} onChange={(event) => editor.setRole(event.target.value)} data-slot="user-editor-role">
              <option value="" disabled>{t('userEditor.role.placeholder')}</option>
              {roles.map((role) => (
                <option key={role.id} value={role.id} disabled={roleRefusals.get(role.id) != null}>{role.name}</option>
              ))}
            </select>
          );
        }}
      </Field>
      {refusal ? (
        <p className="uak-field-hint" role="note" data-slot="user-editor-access-refusal" data-reason={refusal.reason}>
          {t(`errors.reason.${refusal.reason}`)}
        </p>
      ) : null}
      {selectedRole?.isAdmin && multiEntity && editor.showAdminScope ? (
        <fieldset className="uak-user-editor-fieldset uak-user-editor-admin-scope" data-slot="user-editor-admin-scope">
          <legend className="uak-field-label">{t('userEditor.adminScope.legend')}</legend>
          {!editor.canGrantAllEntities ? (
            <p className="uak-field-hint" data-slot="user-editor-admin-scope-hint">{t('userEditor.adminScope.scopedHint')}</p>
          ) : null}
          {(editor.canGrantAllEntities || adminScopeType === 'all' ? (['all', 'entities'] as const) : (['entities'] as const)).map((option) => (
            <label key={option} className="uak-user-editor-radio">
              <input
                type="radio"
                name={`${radioName}-admin`}
                value={option}
                checked={adminScopeType === option}
                onChange={() => form.setValue('adminScopeType', option, { shouldDirty: true })}
              />
              {t(`userEditor.adminScope.${option}`)}
            </label>
          ))}
          {adminScopeType === 'entities' ? (
            <div className="uak-field uak-user-editor-admin-entities" data-invalid={adminScopeError ? '' : undefined}>
              <label htmlFor={`${radioName}-admin-entities`} className="uak-field-label">{t('userEditor.adminScope.pickerLabel')}</label>
              <Controller
                control={form.control}
                name="adminScopeEntityIds"
                render={({ field }) => (
                  <EntityAccessField
                    ref={field.ref}
                    id={`${radioName}-admin-entities`}
                    label={t('userEditor.adminScope.pickerLabel')}
                    value={{ entityIds: field.value, subtreeEntityIds: [] }}
                    onValueChange={(next) => field.onChange(next.entityIds)}
                    onBlur={field.onBlur}
                    selectionMode="multiple"
                    allowSubtrees={false}
                    aria-invalid={adminScopeError ? true : undefined}
                    aria-describedby={adminScopeError ? `${radioName}-admin-error` : undefined}
                    error={adminScopeError}
                  />
                )}
              />
              {adminScopeError ? <p id={`${radioName}-admin-error`} className="uak-field-error">{adminScopeError}</p> : null}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      {multiEntity ? (
        <fieldset className="uak-user-editor-fieldset uak-user-editor-scope" data-slot="user-editor-scope">
          <legend className="uak-field-label">{t('userEditor.scope.legend')}</legend>
          {(['group', 'entity'] as const).map((option) => (
            <label key={option} className="uak-user-editor-radio">
              <input type="radio" name={`${radioName}-scope`} value={option} checked={scope === option} onChange={() => editor.setScope(option)} />
              {t(`userEditor.scope.${option}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {entities}
      {editor.showModules ? (
        <Controller
          control={form.control}
          name="permissions"
          render={({ field }) => (
            <div
              className="uak-user-editor-modules"
              data-slot="user-editor-modules"
              ref={(element) =>
                field.ref(
                  element
                    ? { focus: () => element.querySelector<HTMLElement>('[aria-invalid="true"], select:not(:disabled), input:not(:disabled), button:not(:disabled)')?.focus() }
                    : null,
                )
              }
            >
              <ModulePermissionsInput
                label={t('userEditor.permissions.label')}
                value={field.value}
                onValueChange={(next) => {
                  field.onChange(next);
                  form.clearErrors('permissions');
                }}
                role={selectedRole ?? null}
                modules={editor.modules}
                aria-describedby={permissionsError ? `${radioName}-permissions-error` : undefined}
              />
              {permissionsError ? (
                <p id={`${radioName}-permissions-error`} className="uak-field-error" data-slot="user-editor-permissions-error">{permissionsError}</p>
              ) : null}
            </div>
          )}
        />
      ) : null}
    </fieldset>
  );
}
