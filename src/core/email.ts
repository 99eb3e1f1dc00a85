import type { UserKind, UserStatus } from '../contract/types';

/**
 * The email-change rule. The email is a login user's identifier, so changing it must be proven by
 * the person who owns the new address:
 * - `replace`: the address changes at once and nothing is sent: a contact (who never signs in),
 *   any user under enforced SSO (who signs in through the identity provider), or a backend without
 *   confirmation (`features.emailChangeConfirmation: false`) for a user who already signed in;
 * - `reinvite`: an invited user who has not accepted yet: the address changes and the invitation
 *   goes again to the new address;
 * - `registration_request`: an active or deactivated login user: the current address stays until
 *   the new one is confirmed through a registration request (`pendingEmail`).
 */
export type EmailChangeOutcome = 'replace' | 'reinvite' | 'registration_request';

/**
 * What changing this user's email does; see {@link EmailChangeOutcome}.
 * @example
 * emailChangeOutcome({ kind: 'login', status: 'active', ssoEnforced: false, confirmation: true }); // 'registration_request'
 */
export function emailChangeOutcome(params: {
  kind: UserKind;
  status: UserStatus;
  ssoEnforced: boolean;
  /** Whether the backend confirms new addresses (`features.emailChangeConfirmation`, default true). */
  confirmation: boolean;
}): EmailChangeOutcome {
  if (params.kind === 'contact' || params.ssoEnforced) return 'replace';
  if (params.status === 'invited') return 'reinvite';
  return params.confirmation ? 'registration_request' : 'replace';
}
