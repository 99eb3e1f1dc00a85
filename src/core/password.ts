import type { User } from '../contract/types';
import { checkActOnUser, type RuleContext } from './actions';
import type { Refusal } from './refusal';
import { ssoRefusal } from './sso';

/**
 * Who may be sent a password reset: an admin sends a user who lost access a link to choose a new
 * password. The admin never sees nor sets the password.
 *
 * Checked in this order, the first that refuses wins:
 * 1. enforced SSO (`forbidden`, `sso_enforced`): the identity provider owns passwords;
 * 2. the target (`conflict`, `password_reset_not_applicable`): only an `active` login user. A
 *    contact never signs in; an invited user sets their password from their invitation (resend it
 *    instead); a deactivated user cannot sign in (reactivate them first);
 * 3. who may act on whom ({@link checkActOnUser} with `sendPasswordReset`): the user lies in the
 *    acting admin's scope (`outside_scope`). An admin may send one to themself.
 */

/** The target of a password reset, as the rule needs it. */
export type PasswordResetTarget = Pick<User, 'id' | 'kind' | 'status' | 'entityIds' | 'adminScope'>;

/**
 * Whether the target can use a password reset at all (an active login user), whatever the admin
 * and the organisation: the row menu offers the action only then.
 * @example
 * if (passwordResetApplies(user)) items.push('sendPasswordReset');
 */
export function passwordResetApplies(target: Pick<User, 'kind' | 'status'>): boolean {
  return target.kind === 'login' && target.status === 'active';
}

/**
 * Whether the acting admin may send `target` a password reset, or why not (see the order above).
 * Backends call it to refuse, the screens to hide or disable the action and say why.
 * @example
 * enforce(checkPasswordReset(ctx, user, { ssoEnforced: settings.sso.enforced }));
 */
export function checkPasswordReset(ctx: RuleContext, target: PasswordResetTarget, options: { ssoEnforced: boolean }): Refusal | null {
  const sso = ssoRefusal(options.ssoEnforced, 'sendPasswordReset');
  if (sso) return sso;
  if (!passwordResetApplies(target)) {
    const why = target.kind === 'contact' ? 'a contact never signs in'
      : target.status === 'invited' ? 'an invited user sets their password from their invitation: resend it'
        : 'a deactivated user cannot sign in: reactivate them first';
    return { code: 'conflict', reason: 'password_reset_not_applicable', message: `No password reset for user ${target.id}: ${why}` };
  }
  return checkActOnUser(ctx, target, 'sendPasswordReset');
}

/**
 * How long a password reset link works in the reference backend, and what a backend that does not
 * say may assume: one hour (better-auth's default too).
 */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
