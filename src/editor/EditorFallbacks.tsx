/**
 * Internal stand-ins for the EntityAccessPicker and the ModulePermissionsField while those are
 * being written: the same props, the smallest behaviour. Replaced by the real components.
 */
import { useId } from 'react';
import type { Module, ModulePermissions, Role } from '../adapter/types';
import { useUserAdminTranslation, type MessageKey } from '../i18n';
import { InterimEntitySelect } from '../invite/InterimEntitySelect';
import { lockedModuleIds } from '../permissions/rules';

/** The value of an entity access field. */
export interface EntityAccessValue {
  entityIds: string[];
  subtreeEntityIds: string[];
}

export interface EntityAccessFallbackProps {
  value: EntityAccessValue;
  onValueChange: (value: EntityAccessValue) => void;
  label: string;
  selectionMode?: 'multiple' | 'single';
  allowSubtrees?: boolean;
  disabled?: boolean;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  error?: string;
}

/** Interim entity field (multi-select list; single mode keeps the last chosen entity). */
export function EntityAccessFallback({ value, onValueChange, label, selectionMode = 'multiple', error }: EntityAccessFallbackProps) {
  return (
    <InterimEntitySelect
      label={label}
      value={value.entityIds}
      error={error}
      onValueChange={(next) => {
        const entityIds = selectionMode === 'single' ? next.filter((id) => !value.entityIds.includes(id)).slice(-1) : next;
        onValueChange({ entityIds, subtreeEntityIds: value.subtreeEntityIds.filter((id) => entityIds.includes(id)) });
      }}
    />
  );
}

export interface ModulePermissionsFallbackProps {
  value: ModulePermissions;
  onValueChange: (value: ModulePermissions) => void;
  role: Role | null | undefined;
  label: string;
  modules?: Module[];
  disabled?: boolean;
  id?: string;
  'aria-describedby'?: string;
}

/** Interim module access field: one select per module, admin-only ones locked for a non-admin role. */
export function ModulePermissionsFallback({ value, onValueChange, role, label, modules = [], disabled, id, ...rest }: ModulePermissionsFallbackProps) {
  const { t } = useUserAdminTranslation();
  const base = useId();
  const locked = new Set(lockedModuleIds(role ?? null, modules));
  return (
    <fieldset id={id} className="uak-user-editor-fieldset" aria-describedby={rest['aria-describedby']} data-slot="user-editor-modules-fallback">
      <legend className="uak-field-label">{label}</legend>
      <div className="uak-user-editor-module-grid">
        {modules.map((module) => {
          const isLocked = locked.has(module.id);
          const reasonId = `${base}-${module.id}-reason`;
          return (
            <div key={module.id} className="uak-user-editor-module">
              <label htmlFor={`${base}-${module.id}`}>{module.name}</label>
              <select
                id={`${base}-${module.id}`}
                value={isLocked ? module.levels[0] : (value[module.id] ?? module.levels[0])}
                disabled={disabled || isLocked}
                aria-describedby={isLocked ? reasonId : undefined}
                onChange={(event) => onValueChange({ ...value, [module.id]: event.target.value })}
              >
                {module.levels.map((level) => (
                  <option key={level} value={level}>{t(`invite.level.${level}` as MessageKey, { defaultValue: level })}</option>
                ))}
              </select>
              {isLocked ? <p id={reasonId} className="uak-field-hint">{t('errors.reason.admin_only_module')}</p> : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
