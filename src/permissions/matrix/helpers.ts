import type { Module, ModulePermissions, Role } from '../../contract/types';
import { canGrantModule, normalizePermissions } from '../../core';

/** Row id → that row's module access: a matrix's values, its saved baseline or its pending edits. */
export type PermissionValues = Record<string, ModulePermissions>;

/** A role as a matrix row needs it; `null` for a row without role. */
export type MatrixRole = Pick<Role, 'id' | 'name' | 'isAdmin' | 'defaultPermissions'>;

/** What a whole-row change sets every module to: its first level (no access) or its last (highest). */
export type RowLevelChoice = 'none' | 'highest';

/**
 * The level a row has for a module: the stored one, or the module's first level (no access) when
 * it is missing.
 * @example
 * levelOf({}, pricing); // 'none'
 */
export function levelOf(permissions: ModulePermissions | undefined, module: Module): string {
  return permissions?.[module.id] ?? module.levels[0] ?? '';
}

/**
 * The ids of the modules whose level differs between two permission sets (a missing module counts
 * as its first level), in module order.
 * @example
 * diffPermissions({ documents: 'view' }, { documents: 'edit' }, modules); // ['documents']
 */
export function diffPermissions(baseline: ModulePermissions | undefined, next: ModulePermissions | undefined, modules: readonly Module[]): string[] {
  return modules.filter((module) => levelOf(baseline, module) !== levelOf(next, module)).map((module) => module.id);
}

/**
 * Whether a cell can never be changed: an admin-only module on a row whose role is not an admin role.
 * @example
 * isLockedCell({ isAdmin: false }, pricing); // true
 */
export function isLockedCell(role: Pick<Role, 'isAdmin'> | null | undefined, module: Pick<Module, 'adminOnly'>): boolean {
  return !canGrantModule(role, module);
}

/**
 * The level after `level` in the module's levels, back to the first after the last (what Space does on a cell).
 * @example
 * nextLevel({ levels: ['none', 'view', 'edit'] } as Module, 'edit'); // 'none'
 */
export function nextLevel(module: Pick<Module, 'levels'>, level: string): string {
  const index = module.levels.indexOf(level);
  return module.levels[(index + 1) % module.levels.length] ?? level;
}

/**
 * One cell changed; a locked cell (admin-only module, non-admin role) or an unknown level leaves
 * the values as they are (the same object).
 * @example
 * setCellLevel(values, 'user-1', documents, 'edit', role);
 */
export function setCellLevel(
  values: PermissionValues,
  rowId: string,
  module: Module,
  level: string,
  role: Pick<Role, 'isAdmin'> | null | undefined,
): PermissionValues {
  if (!module.levels.includes(level)) return values;
  if (isLockedCell(role, module) && level !== module.levels[0]) return values;
  if (levelOf(values[rowId], module) === level) return values;
  return { ...values, [rowId]: { ...values[rowId], [module.id]: level } };
}

/**
 * A whole row set to no access or to each module's highest level; locked modules stay at no access.
 * @example
 * setRowLevel(modules, 'highest', role); // { documents: 'edit', communication: 'on', pricing: 'none', ... }
 */
export function setRowLevel(modules: readonly Module[], choice: RowLevelChoice, role: Pick<Role, 'isAdmin'> | null | undefined): ModulePermissions {
  const result: ModulePermissions = {};
  for (const module of modules) {
    const none = module.levels[0];
    if (none === undefined) continue;
    result[module.id] = choice === 'none' || isLockedCell(role, module) ? none : (module.levels.at(-1) ?? none);
  }
  return result;
}

/**
 * A whole column set to one level for the given rows; rows for which the module is locked are skipped.
 * @example
 * setColumnLevel(values, rows, documents, 'view');
 */
export function setColumnLevel(
  values: PermissionValues,
  rows: readonly { id: string; role: Pick<Role, 'isAdmin'> | null }[],
  module: Module,
  level: string,
): PermissionValues {
  let next = values;
  for (const row of rows) next = setCellLevel(next, row.id, module, level, row.role);
  return next;
}

/**
 * The number of changed cells over every row of `values` compared with `baseline`.
 * @example
 * countChangedCells({ u1: { documents: 'view' } }, { u1: { documents: 'edit' } }, modules); // 1
 */
export function countChangedCells(baseline: PermissionValues, values: PermissionValues, modules: readonly Module[]): number {
  let count = 0;
  for (const [rowId, permissions] of Object.entries(values)) count += diffPermissions(baseline[rowId], permissions, modules).length;
  return count;
}

/**
 * Pending edits after a row got new permissions: the row's full, normalized permissions when they
 * differ from its baseline, removed when they are back to it. Returns the same object when nothing changed.
 * @example
 * const pending = withRowEdit(pending, 'user-1', next, baseline['user-1'], modules);
 */
export function withRowEdit(
  pending: PermissionValues,
  rowId: string,
  permissions: ModulePermissions,
  baseline: ModulePermissions | undefined,
  modules: readonly Module[],
): PermissionValues {
  const changed = diffPermissions(baseline, permissions, modules).length > 0;
  if (!changed) {
    if (!(rowId in pending)) return pending;
    const { [rowId]: _removed, ...rest } = pending;
    return rest;
  }
  const normalized = normalizePermissions(permissions, modules);
  if (pending[rowId] && diffPermissions(pending[rowId], normalized, modules).length === 0) return pending;
  return { ...pending, [rowId]: normalized };
}
