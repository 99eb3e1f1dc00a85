import { useId } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import type { Module } from '../../contract/types';
import { EntityAccessPicker } from '../../entities/picker/EntityAccessPicker';
import { useUserAdminTranslation, type MessageKey } from '../../i18n';
import { Field, cx } from '../../ui';
import { translateInviteFieldError } from './invite.schema';
import type { UseInviteFormResult } from './useInviteForm';

export interface InviteAccessFieldProps {
  /** The form, from {@link useInviteForm}. */
  invite: UseInviteFormResult;
  /** Defaults to none. */
  className?: string;
}

/**
 * The role of the invitees, with the chosen role's description; choosing one applies its
 * module preset.
 * @example
 * <InviteRoleField invite={useInviteForm()} />
 */
export function InviteRoleField({ invite, className }: InviteAccessFieldProps) {
  const { t } = useUserAdminTranslation();
  const { form, roles, selectedRole, setRole } = invite;
  const error = form.formState.errors.roleId?.message;
  return (
    <Field
      className={cx('uak-invite-role', className)}
      label={t('invite.role.label')}
      hint={selectedRole?.description ?? undefined}
      error={error ? translateInviteFieldError(t, error) : undefined}
      required
    >
      {(control) => (
        <select {...control} {...form.register('roleId')} onChange={(event) => setRole(event.target.value)} data-slot="invite-role">
          <option value="" disabled>{t('invite.role.placeholder')}</option>
          {roles.map((role) => (
            <option key={role.id} value={role.id}>{role.name}</option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The entities the invitees reach, on the {@link EntityAccessPicker} (inline): a lazy tree with a
 * server search, and, where the backend has them, grants of an entity with all its sub-accounts
 * (the form's `subtreeEntityIds`). Server errors on either land here.
 * @example
 * {invite.settings?.multiEntity !== false ? <InviteEntitiesField invite={invite} /> : null}
 */
export function InviteEntitiesField({ invite, className }: InviteAccessFieldProps) {
  const { t } = useUserAdminTranslation();
  const id = useId();
  const { form } = invite;
  const subtreeEntityIds = useWatch({ control: form.control, name: 'subtreeEntityIds' });
  const error = form.formState.errors.entityIds?.message ?? form.formState.errors.subtreeEntityIds?.message;
  const labelId = `${id}-label`;
  const errorId = `${id}-error`;
  return (
    <div role="group" aria-labelledby={labelId} className={cx('uak-field', 'uak-invite-entities', className)} data-slot="invite-entities">
      <span id={labelId} className="uak-field-label">{t('invite.entities.label')}</span>
      <Controller
        control={form.control}
        name="entityIds"
        render={({ field }) => (
          <EntityAccessPicker
            variant="inline"
            label={t('invite.entities.label')}
            value={{ entityIds: field.value, subtreeEntityIds }}
            onValueChange={(next) => {
              form.setValue('subtreeEntityIds', next.subtreeEntityIds, { shouldDirty: true });
              field.onChange(next.entityIds);
            }}
            onBlur={field.onBlur}
            ref={field.ref}
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
          />
        )}
      />
      {error ? <p id={errorId} className="uak-field-error" data-slot="invite-entities-error">{translateInviteFieldError(t, error)}</p> : null}
    </div>
  );
}

/**
 * For an admin role in a multi-entity organisation: whether the invitees administer every entity
 * or only those they can access.
 * @example
 * {invite.selectedRole?.isAdmin ? <InviteAdminScopeField invite={invite} /> : null}
 */
export function InviteAdminScopeField({ invite, className }: InviteAccessFieldProps) {
  const { t } = useUserAdminTranslation();
  const name = useId();
  const { form } = invite;
  const value = useWatch({ control: form.control, name: 'adminScope' });
  if (!invite.showAdminScope) return null;
  // A scoped admin cannot grant more than they hold: "all entities" is not offered.
  const options = invite.canGrantAllEntities ? (['all', 'entities'] as const) : (['entities'] as const);
  return (
    <fieldset className={cx('uak-invite-fieldset', 'uak-invite-admin-scope', className)} data-slot="invite-admin-scope">
      <legend className="uak-field-label">{t('invite.adminScope.legend')}</legend>
      {!invite.canGrantAllEntities ? <p className="uak-field-hint" data-slot="invite-admin-scope-hint">{t('invite.adminScope.scopedHint')}</p> : null}
      {options.map((option) => (
        <label key={option} className="uak-invite-radio">
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => form.setValue('adminScope', option, { shouldDirty: true })}
          />
          {t(`invite.adminScope.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

function levelLabel(t: ReturnType<typeof useUserAdminTranslation>['t'], level: string) {
  // Levels are the host's ids; the usual ones are translated, others shown as they are.
  return t(`invite.level.${level}` as MessageKey, { defaultValue: level });
}

function ModuleRow({ invite, module }: { invite: UseInviteFormResult; module: Module }) {
  const { t } = useUserAdminTranslation();
  const id = useId();
  const { form, lockedModuleIds, setPermission } = invite;
  const level = useWatch({ control: form.control, name: `permissions.${module.id}` }) ?? module.levels[0];
  const locked = lockedModuleIds.has(module.id);
  const error = form.formState.errors.permissions?.[module.id]?.message;
  const reasonId = `${id}-reason`;
  const errorId = `${id}-error`;
  const describedBy = [locked ? reasonId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="uak-invite-module" data-slot="invite-module" data-locked={locked ? '' : undefined}>
      <label htmlFor={id} className="uak-invite-module-name">{module.name}</label>
      <select
        id={id}
        value={locked ? module.levels[0] : level}
        disabled={locked}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setPermission(module.id, event.target.value)}
        data-slot="invite-module-level"
      >
        {module.levels.map((l) => (
          <option key={l} value={l}>{levelLabel(t, l)}</option>
        ))}
      </select>
      {locked ? <p id={reasonId} className="uak-invite-module-reason" data-slot="invite-module-reason">{t('errors.reason.admin_only_module')}</p> : null}
      {error ? <p id={errorId} className="uak-field-error">{translateInviteFieldError(t, error)}</p> : null}
    </div>
  );
}

/**
 * Module access for the invitees: one level per module, preset by the role. Admin-only modules
 * are locked, with the reason shown, unless the role is an admin role.
 * @example
 * <InviteModulePermissions invite={useInviteForm()} />
 */
export function InviteModulePermissions({ invite, className }: InviteAccessFieldProps) {
  const { t } = useUserAdminTranslation();
  const hintId = useId();
  const message: unknown = invite.form.getFieldState('permissions', invite.form.formState).error?.message;
  const error = typeof message === 'string' ? message : undefined;
  return (
    <fieldset className={cx('uak-invite-fieldset', 'uak-invite-modules', className)} aria-describedby={hintId} data-slot="invite-modules">
      <legend className="uak-field-label">{t('invite.permissions.legend')}</legend>
      <p id={hintId} className="uak-field-hint">{t('invite.permissions.hint')}</p>
      <div className="uak-invite-module-grid">
        {invite.modules.map((module) => (
          <ModuleRow key={module.id} invite={invite} module={module} />
        ))}
      </div>
      {error ? <p className="uak-field-error">{translateInviteFieldError(t, error)}</p> : null}
    </fieldset>
  );
}
