import type { Module, ModulePermissions, Role } from '../adapter/types';

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
