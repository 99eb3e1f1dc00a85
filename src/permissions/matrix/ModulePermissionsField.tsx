import { useEffect, useId, useMemo, useRef } from 'react';
import type { Module, ModulePermissions, Role } from '../../contract/types';
import { useUserAdminTranslation } from '../../i18n';
import { Button, ErrorState, LoadingState, cx, useAnnounce } from '../../ui';
import { applyRolePreset, clearAdminOnly } from '../../core';
import { useModules } from '../../settings/useModules';
import { diffPermissions } from './helpers';
import { PermissionGrid, type PermissionGridRow } from './PermissionGrid';

/** Props of {@link ModulePermissionsField}. */
export interface ModulePermissionsFieldProps {
  /** The module access being edited (a missing module is its first level, no access). */
  value: ModulePermissions;
  onValueChange: (next: ModulePermissions) => void;
  /** The role the access is for; `null` or `undefined` for none (every admin-only module locked). */
  role: Role | null | undefined;
  /** The field's visible label and the grid's accessible name. */
  label: string;
  /** Defaults to every module, from `useModules()`. */
  modules?: Module[];
  /** Shows the levels without letting them change. Defaults to `false`. */
  disabled?: boolean;
  /** The grid's id. Defaults to a generated one. */
  id?: string;
  /** Ids of elements describing the field (a hint, an error). Defaults to none. */
  'aria-describedby'?: string;
  /** Merged last. Defaults to none. */
  className?: string;
}

const ROW_ID = 'field';

/**
 * One row of module access for a form (the user editor, the invite dialog): the module names as
 * column headers, one level per module with the same keyboard as {@link PermissionGrid} (arrows;
 * Space sets the next level; Enter opens the list of levels), admin-only modules locked with their
 * reason unless the role is an admin role, and an "Apply the <role> preset" button. When the role
 * is not an admin role, admin-only modules granted in `value` are set back to no access (as on a
 * demotion) through `onValueChange`.
 * @example
 * <ModulePermissionsField label={t('permissionMatrix.fieldLabel')} role={selectedRole}
 *   value={permissions} onValueChange={(next) => form.setValue('permissions', next, { shouldDirty: true })} />
 */
export function ModulePermissionsField(props: ModulePermissionsFieldProps) {
  const { value, onValueChange, role, label, modules: modulesProp, disabled = false, id, className } = props;
  const { t } = useUserAdminTranslation();
  const announce = useAnnounce();
  const labelId = `uak-module-permissions-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-label`;
  const query = useModules();
  const modules = modulesProp ?? query.data;

  // A non-admin role never holds admin-only modules: clear them (a demotion, or a value from elsewhere).
  const onChangeRef = useRef(onValueChange);
  onChangeRef.current = onValueChange;
  const isAdmin = role?.isAdmin === true;
  useEffect(() => {
    if (!modules || isAdmin) return;
    const cleared = clearAdminOnly(value, modules);
    if (diffPermissions(value, cleared, modules).length > 0) onChangeRef.current(cleared);
  }, [value, modules, isAdmin]);

  const rows = useMemo<PermissionGridRow[]>(
    () => [{ id: ROW_ID, label: role?.name ?? t('permissionMatrix.noRole'), role: role ?? null }],
    [role, t],
  );
  const gridValue = useMemo(() => ({ [ROW_ID]: value }), [value]);

  return (
    <div className={cx('uak-module-permissions', className)} data-slot="module-permissions-field" data-disabled={disabled ? '' : undefined}>
      <div className="uak-module-permissions-header">
        <span id={labelId} className="uak-field-label">{label}</span>
        {role ? (
          <Button
            size="sm"
            disabled={disabled || !modules}
            onClick={() => {
              if (!modules) return;
              onValueChange(applyRolePreset(role, modules));
              announce(t('permissionMatrix.presetApplied', { role: role.name }));
            }}
            data-slot="module-permissions-preset"
          >
            {t('permissionMatrix.applyPreset', { role: role.name })}
          </Button>
        ) : null}
      </div>
      {modules ? (
        <PermissionGrid
          id={id}
          label={label}
          aria-describedby={props['aria-describedby']}
          rows={rows}
          modules={modules}
          value={gridValue}
          onValueChange={(next) => onValueChange(next[ROW_ID] ?? {})}
          readOnly={disabled}
          rowHeaderLabel={t('permissionMatrix.fieldRow')}
          rowHeader={(row) => <span className="uak-permission-grid-row-label">{row.label}</span>}
          columnActions={false}
          cellNames="short"
        />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <LoadingState rows={1} />
      )}
    </div>
  );
}
