/**
 * The password reset of the reference backend (see `./store`): the core's `checkPasswordReset`
 * decides, and the link "sent" goes to the store's outbox, where tests and the demo read it.
 */
import type { PasswordResetResult } from '../src/contract/types';
import { checkPasswordReset, enforce, PASSWORD_RESET_TTL_MS } from '../src/core';
import { iso, mustUser, type PasswordResetRec, type StoreState } from './store-records';
import { ctx } from './store-rules';

/** A password reset link as the outbox holds it, with ISO dates. */
export interface SentPasswordReset {
  userId: string;
  sentTo: string;
  sentAt: string;
  expiresAt: string;
  /** The admin who sent it. */
  sentBy: string;
}

/** Sends an active login user a password reset link (valid {@link PASSWORD_RESET_TTL_MS}); the user record does not change. */
export function sendPasswordReset(state: StoreState, id: string): PasswordResetResult {
  const rec = mustUser(state, id);
  enforce(checkPasswordReset(ctx(state), rec.user, { ssoEnforced: state.settings.sso.enforced }));
  const now = state.clock.now();
  const sent: PasswordResetRec = { userId: rec.user.id, sentTo: rec.user.email, sentAt: now, expiresAt: now + PASSWORD_RESET_TTL_MS, sentBy: state.actorId };
  state.passwordResets.push(sent);
  return { sentTo: sent.sentTo, expiresAt: iso(sent.expiresAt) };
}

/** The outbox, oldest first. */
export function sentPasswordResets(state: StoreState): SentPasswordReset[] {
  return state.passwordResets.map((r) => ({ ...r, sentAt: iso(r.sentAt), expiresAt: iso(r.expiresAt) }));
}
