import type { Role, Settings, User } from '../../contract/types';
import { actorOf, administers, checkActOnUser, checkPasswordReset, isActiveAdminUser, passwordResetApplies, ssoRefusal, type RuleContext } from '../../core';

/**
 * A single-row action of the users table.
 * @example
 * const { allowed, reason } = table.actionAvailability(user, 'deactivate');
 */
export type UserRowAction = 'edit' | 'resendInvitation' | 'sendPasswordReset' | 'deactivate' | 'reactivate' | 'remove';

/**
 * The row actions in menu order.
 * @example
 * USER_ROW_ACTIONS.filter((action) => actionAvailability(user, action).visible);
 */
export const USER_ROW_ACTIONS: readonly UserRowAction[] = ['edit', 'resendInvitation', 'sendPasswordReset', 'deactivate', 'reactivate', 'remove'];

/** Why an action is shown but cannot be used; each has a translation at `errors.reason.<reason>`. */
export type UserActionBlockReason = 'self_action' | 'last_admin' | 'outside_scope';

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
  /** Whether the adapter sends password resets (`getAdapterCapabilities(adapter).passwordReset`). Defaults to `false` (not offered). */
  passwordReset?: boolean;
  /**
   * The core's rule context: the acting admin (`actorOf(settings)`) and the ancestry of the
   * entities the list resolved. Defaults to the settings' actor with no known ancestry (then the
   * admin scope is left to the backend).
   */
  rules?: RuleContext;
}

const UNKNOWN_ANCESTRY = () => undefined;

function rulesOf(context: ActionGuardContext): RuleContext | undefined {
  if (context.rules) return context.rules;
  return context.settings ? { actor: actorOf(context.settings), ancestry: UNKNOWN_ANCESTRY } : undefined;
}

/**
 * Whether a user lies outside the acting admin's scope (some entity they reach, or their own admin
 * scope, is not administered by the admin): the row is read-only. `false` when it cannot be told.
 * @example
 * if (isOutsideScope(user, { settings, rolesById, activeAdminCount, canEdit, rules })) markReadOnly(row);
 */
export function isOutsideScope(user: User, context: Pick<ActionGuardContext, 'settings' | 'rules'>): boolean {
  const rules = context.rules ?? (context.settings ? { actor: actorOf(context.settings), ancestry: UNKNOWN_ANCESTRY } : undefined);
  return rules !== undefined && rules.actor.isAdmin && administers(rules, user) === false;
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
  return isActiveAdminUser(user, (roleId) => rolesById.get(roleId)?.isAdmin);
}

/**
 * The guard of the users table: which actions apply to a user, and which are blocked, and why.
 * The rules are the core's (`checkActOnUser`): the current admin cannot deactivate or remove
 * themself; a user outside the acting admin's scope is read-only (`outside_scope`); the last
 * active admin cannot be deactivated or removed. Under SSO enforcement nothing about inviting is
 * offered (`ssoRefusal`), nor a password reset; a password reset is offered only for an active
 * login user when the adapter has it, and checked by the core's `checkPasswordReset`.
 *
 * @example
 * const availability = getActionAvailability(user, 'remove', { settings, rolesById, activeAdminCount: 1, canEdit: true });
 * availability; // { visible: true, allowed: false, reason: 'last_admin' } for the only admin
 */
export function getActionAvailability(user: User, action: UserRowAction, context: ActionGuardContext): UserActionAvailability {
  const { settings, rolesById, activeAdminCount } = context;
  const rules = rulesOf(context);
  const check = (): UserActionAvailability => {
    if (!rules) return ALLOWED;
    const lastActiveAdmin = activeAdminCount !== undefined && activeAdminCount <= 1 && isActiveAdmin(user, rolesById);
    const refusal = checkActOnUser(rules, user, action, { lastActiveAdmin });
    return refusal ? blocked(refusal.reason as UserActionBlockReason) : ALLOWED;
  };
  switch (action) {
    case 'edit':
      return context.canEdit ? check() : HIDDEN;
    case 'resendInvitation':
      if (ssoRefusal(settings?.sso.enforced === true, 'resendInvitation')) return HIDDEN;
      if (settings?.features?.invitations === false) return HIDDEN;
      return user.invitation !== null && user.kind === 'login' ? check() : HIDDEN;
    case 'sendPasswordReset': {
      // Hidden where it can never apply (no adapter method, SSO, a contact, invited or deactivated user: resend or reactivate instead).
      const ssoEnforced = settings?.sso.enforced === true;
      if (!context.passwordReset || ssoRefusal(ssoEnforced, 'sendPasswordReset') || !passwordResetApplies(user)) return HIDDEN;
      if (!rules) return ALLOWED;
      const refusal = checkPasswordReset(rules, user, { ssoEnforced });
      return refusal ? blocked(refusal.reason as UserActionBlockReason) : ALLOWED;
    }
    case 'deactivate':
      return user.status === 'deactivated' ? HIDDEN : check();
    case 'reactivate':
      return user.status === 'deactivated' ? check() : HIDDEN;
    case 'remove':
      return check();
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
