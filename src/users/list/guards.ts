import type { Role, Settings, User } from '../../adapter/types';

/**
 * A single-row action of the users table.
 * @example
 * const { allowed, reason } = table.actionAvailability(user, 'deactivate');
 */
export type UserRowAction = 'edit' | 'resendInvitation' | 'deactivate' | 'reactivate' | 'remove';

/**
 * The row actions in menu order.
 * @example
 * USER_ROW_ACTIONS.filter((action) => actionAvailability(user, action).visible);
 */
export const USER_ROW_ACTIONS: readonly UserRowAction[] = ['edit', 'resendInvitation', 'deactivate', 'reactivate', 'remove'];

/** Why an action is shown but cannot be used; each has a translation at `errors.reason.<reason>`. */
export type UserActionBlockReason = 'self_action' | 'last_admin';

/** Whether an action applies to a user and whether the current admin may run it. */
export interface UserActionAvailability {
  /** Whether to offer the action at all (e.g. reactivate only for a deactivated user). */
  visible: boolean;
  /** Whether it can run now; a visible action that is not allowed is shown disabled with `reason`. */
  allowed: boolean;
  /** Why it is not allowed; `null` when allowed or not visible. */
  reason: UserActionBlockReason | null;
}

/** What {@link getActionAvailability} needs to decide. */
export interface ActionGuardContext {
  settings: Settings | undefined;
  rolesById: ReadonlyMap<string, Role>;
  /** Active users holding an admin role; `undefined` while unknown (then nothing is blocked for it: the server still refuses). */
  activeAdminCount: number | undefined;
  /** Whether the host handles editing (`onEditUser`). */
  canEdit: boolean;
}

const HIDDEN: UserActionAvailability = { visible: false, allowed: false, reason: null };
const ALLOWED: UserActionAvailability = { visible: true, allowed: true, reason: null };
const blocked = (reason: UserActionBlockReason): UserActionAvailability => ({ visible: true, allowed: false, reason });

/**
 * Whether a user is an active holder of an admin role.
 * @example
 * isActiveAdmin(user, rolesById); // true for an active Administrator
 */
export function isActiveAdmin(user: User, rolesById: ReadonlyMap<string, Role>): boolean {
  return user.kind === 'login' && user.status === 'active' && user.roleId !== null && rolesById.get(user.roleId)?.isAdmin === true;
}

/**
 * The guard of the users table: which actions apply to a user, and which are blocked, and why.
 * The current admin cannot deactivate or remove themself; the last active admin cannot be
 * deactivated or removed. Under SSO enforcement nothing about inviting is offered.
 *
 * @example
 * const availability = getActionAvailability(user, 'remove', { settings, rolesById, activeAdminCount: 1, canEdit: true });
 * availability; // { visible: true, allowed: false, reason: 'last_admin' } for the only admin
 */
export function getActionAvailability(user: User, action: UserRowAction, context: ActionGuardContext): UserActionAvailability {
  const { settings, rolesById, activeAdminCount } = context;
  const destructive = () => {
    if (settings && user.id === settings.currentUser.id) return blocked('self_action');
    if (activeAdminCount !== undefined && activeAdminCount <= 1 && isActiveAdmin(user, rolesById)) return blocked('last_admin');
    return ALLOWED;
  };
  switch (action) {
    case 'edit':
      return context.canEdit ? ALLOWED : HIDDEN;
    case 'resendInvitation':
      if (settings?.sso.enforced) return HIDDEN;
      if (settings?.features?.invitations === false) return HIDDEN;
      return user.invitation !== null && user.kind === 'login' ? ALLOWED : HIDDEN;
    case 'deactivate':
      return user.status === 'deactivated' ? HIDDEN : destructive();
    case 'reactivate':
      return user.status === 'deactivated' ? ALLOWED : HIDDEN;
    case 'remove':
      return destructive();
  }
}

/**
 * Whether the sign-in help ("why can't they sign in?") applies to a user: login users only, in any
 * status (a contact never signs in). Offered in the row menu when the host handles it (`onSignInHelp`).
 * @example
 * if (canGetSignInHelp(user)) items.push({ key: 'signInHelp', label: t('userList.rowActions.signInHelp'), onSelect: () => open(user) });
 */
export function canGetSignInHelp(user: User): boolean {
  return user.kind === 'login';
}
