import type { Refusal } from './refusal';

/**
 * What enforced SSO forbids. When the organisation signs users in through its identity provider,
 * users are created at their first sign-in, so nothing that creates credentials by hand is
 * offered or accepted:
 * - creating a login user (contacts, who never sign in, are still created);
 * - inviting (every address is skipped with `sso_enforced`);
 * - resending an invitation or registration request;
 * - sending a password reset (the identity provider owns passwords; `checkPasswordReset` in `./password`);
 * - sending an invitation when a never-accepted user is reactivated (see {@link reactivationOutcome});
 * - sending an invitation or registration request when an email changes (see {@link emailChangeOutcome}).
 */
export type SsoGuardedAction = 'createLoginUser' | 'invite' | 'resendInvitation' | 'sendPasswordReset';

/**
 * Whether enforced SSO refuses this action.
 * @example
 * enforce(ssoRefusal(settings.sso.enforced, 'resendInvitation'));
 */
export function ssoRefusal(ssoEnforced: boolean, action: SsoGuardedAction): Refusal | null {
  if (!ssoEnforced) return null;
  return { code: 'forbidden', reason: 'sso_enforced', message: `Users sign in with SSO: ${action} is not possible` };
}

/**
 * What reactivating a deactivated user does: a login user who never accepted their invitation is
 * invited again (`invited`), except under enforced SSO, where nobody needs an invitation and the
 * user becomes `active` (they sign in through the identity provider). Everyone else becomes active.
 * @example
 * if (reactivationOutcome({ kind: 'login', neverAccepted: true, ssoEnforced: false }) === 'invited') sendInvitation(user);
 */
export function reactivationOutcome(params: { kind: 'login' | 'contact'; neverAccepted: boolean; ssoEnforced: boolean }): 'active' | 'invited' {
  return params.kind === 'login' && params.neverAccepted && !params.ssoEnforced ? 'invited' : 'active';
}
