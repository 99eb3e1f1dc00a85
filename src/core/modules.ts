import type { Module, ModulePermissions, Role } from '../contract/types';
import type { Refusal } from './refusal';

/** A role as the rules need it; `null` or `undefined` for a user without role (a contact). */
type RoleLike = Pick<Role, 'isAdmin'> | null | undefined;

/** The "no access" level of a module: its first level. */
function noAccess(module: Module): string | undefined {
  return module.levels[0];
}

/**
 * Whether a module may be granted (above its first level) to a user with this role: admin-only
 * modules only to admin roles, every other module to anyone.
 * @example
 * canGrantModule({ isAdmin: false }, { adminOnly: true, ... }); // false
 */
export function canGrantModule(role: RoleLike, module: Pick<Module, 'adminOnly'>): boolean {
  return !module.adminOnly || role?.isAdmin === true;
}

/**
 * The ids of the modules a user with this role can never be granted (shown locked in a matrix).
 * @example
 * const locked = new Set(lockedModuleIds(role, modules));
 */
export function lockedModuleIds(role: RoleLike, modules: readonly Module[]): string[] {
  return modules.filter((module) => !canGrantModule(role, module)).map((module) => module.id);
}

/**
 * Sets every admin-only module present in `permissions` back to its first level (no access), as
 * when a user is demoted to a non-admin role. Other entries are kept as they are.
 * @example
 * const next = clearAdminOnly(user.permissions, modules);
 */
export function clearAdminOnly(permissions: ModulePermissions, modules: readonly Module[]): ModulePermissions {
  const result: ModulePermissions = { ...permissions };
  for (const module of modules) {
    const none = noAccess(module);
    if (module.adminOnly && module.id in result && none !== undefined) result[module.id] = none;
  }
  return result;
}

/**
 * One valid level for every known module: a missing module or an unknown level becomes the first
 * level (no access), and entries of unknown modules are dropped. When `role` is given (`null` for
 * a user without role), admin-only modules are also cleared unless the role is an admin role;
 * omitted, no role check is made.
 * @example
 * normalizePermissions({ billing: 'edit', ghost: 'on' }, modules); // { billing: 'edit', reports: 'none' }
 */
export function normalizePermissions(
  permissions: ModulePermissions,
  modules: readonly Module[],
  role?: RoleLike,
): ModulePermissions {
  const result: ModulePermissions = {};
  for (const module of modules) {
    const none = noAccess(module);
    if (none === undefined) continue;
    const level = permissions[module.id];
    const valid = level !== undefined && module.levels.includes(level);
    const allowed = role === undefined || canGrantModule(role, module);
    result[module.id] = valid && allowed ? level : none;
  }
  return result;
}

/**
 * The permissions a user gets when given this role: the role's defaults, normalized to every
 * module, with admin-only modules at no access for a non-admin role.
 * @example
 * form.setValue('permissions', applyRolePreset(role, modules));
 */
export function applyRolePreset(role: Pick<Role, 'isAdmin' | 'defaultPermissions'>, modules: readonly Module[]): ModulePermissions {
  return normalizePermissions(role.defaultPermissions, modules, role);
}

/**
 * The admin-only module rule, as a backend enforces it: a role that is not an admin role may hold
 * an admin-only module only at its first level (no access). Unknown modules and levels are not
 * this rule's business (a backend reports them as it validates). Each module refused gets
 * `permissions.<id>: 'admin_only_module'`.
 * @example
 * enforce(checkAdminOnlyModules(role, input.permissions ?? {}, modules));
 */
export function checkAdminOnlyModules(role: RoleLike, permissions: ModulePermissions, modules: readonly Module[]): Refusal | null {
  const fieldErrors: Record<string, 'admin_only_module'> = {};
  for (const module of modules) {
    const level = permissions[module.id];
    if (level !== undefined && level !== noAccess(module) && !canGrantModule(role, module)) fieldErrors[`permissions.${module.id}`] = 'admin_only_module';
  }
  if (Object.keys(fieldErrors).length === 0) return null;
  return { code: 'validation', reason: 'admin_only_module', message: 'Admin-only modules cannot be granted to a non-admin role', fieldErrors };
}
