import { isValidEmail } from '../contract/schemas';
import type { InviteSkipReason, InviteUsersResult, User } from '../contract/types';

/**
 * One invite classification, for every backend. An address is skipped for the first reason that
 * applies, in this order:
 *
 * 1. `sso_enforced`: SSO is enforced, nobody is invited (every address);
 * 2. `invalid`: not an email address;
 * 3. `duplicate`: the same address (case aside) earlier in the same call;
 * 4. `already_member` / `already_invited`: a user already has this address (an invited user, or
 *    one whose new address awaits confirmation, is `already_invited`; anyone else `already_member`),
 *    so an existing person is named as such even if the rules for new addresses changed since;
 * 5. `domain_not_allowed`: the organisation does not accept this domain for new users;
 * 6. `disposable`: a disposable-address provider.
 *
 * The rest are invited. {@link screenInvitees} does steps 1-3 (no lookup needed);
 * {@link classifyInvitee} does 4-6 from the facts a backend looked up.
 */
export const INVITE_SKIP_ORDER: readonly InviteSkipReason[] = [
  'sso_enforced', 'invalid', 'duplicate', 'already_member', 'already_invited', 'domain_not_allowed', 'disposable',
];

/** The address as backends compare and store it: trimmed and lower-cased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain of an address (after the last `@`), lower-cased. */
export function emailDomain(email: string): string {
  const normalized = emailKey(email);
  return normalized.slice(normalized.lastIndexOf('@') + 1);
}

/** Steps 1-3 of the classification: the candidates left, and the addresses skipped so far. */
export interface ScreenedInvitees {
  /** Normalized, unique, valid addresses still to look up, in the order given. */
  candidates: string[];
  skipped: InviteUsersResult['skipped'];
}

/**
 * Steps 1-3 of the classification (SSO, invalid, duplicate), needing no lookup. Skipped addresses
 * are reported trimmed, as typed.
 * @example
 * const { candidates, skipped } = screenInvitees(input.emails, { ssoEnforced: settings.sso.enforced });
 */
export function screenInvitees(emails: readonly string[], options: { ssoEnforced: boolean }): ScreenedInvitees {
  const skipped: InviteUsersResult['skipped'] = [];
  const candidates: string[] = [];
  const seen = new Set<string>();
  for (const raw of emails) {
    const typed = raw.trim();
    const email = emailKey(raw);
    if (options.ssoEnforced) { skipped.push({ email: typed, reason: 'sso_enforced' }); continue; }
    if (!isValidEmail(email)) { skipped.push({ email: typed, reason: 'invalid' }); continue; }
    if (seen.has(email)) { skipped.push({ email: typed, reason: 'duplicate' }); continue; }
    seen.add(email);
    candidates.push(email);
  }
  return { candidates, skipped };
}

/** What a backend knows of one candidate address, for steps 4-6. */
export interface InviteeFacts {
  /** The user holding this address, if any: `invited` when they have not accepted yet (or it is their pending new address). */
  existing: 'member' | 'invited' | null;
  /** Whether new users may have this domain. Defaults to true. */
  domainAllowed?: boolean;
  /** Whether the address is at a disposable-address provider. Defaults to false. */
  disposable?: boolean;
}

/**
 * Step 4's fact: who already holds an address. `invited` when its holder has not accepted yet, or
 * when it is the holder's pending new address (an email change waiting for confirmation);
 * `member` otherwise; `null` when nobody does. Every backend and the CSV preview use this one.
 * @example
 * classifyInvitee({ existing: inviteeExisting(store.userByEmail(email), email) });
 */
export function inviteeExisting(holder: Pick<User, 'status' | 'pendingEmail'> | null | undefined, email: string): InviteeFacts['existing'] {
  if (!holder) return null;
  return holder.status === 'invited' || (holder.pendingEmail != null && emailKey(holder.pendingEmail) === emailKey(email)) ? 'invited' : 'member';
}

/**
 * Steps 4-6 of the classification: why this candidate is skipped, or `null` to invite it.
 * A backend may look up the facts lazily in the same order and stop at the first that applies.
 * @example
 * const reason = classifyInvitee({ existing: byEmail.has(email) ? 'member' : null, domainAllowed, disposable });
 */
export function classifyInvitee(facts: InviteeFacts): InviteSkipReason | null {
  if (facts.existing === 'invited') return 'already_invited';
  if (facts.existing === 'member') return 'already_member';
  if (facts.domainAllowed === false) return 'domain_not_allowed';
  if (facts.disposable === true) return 'disposable';
  return null;
}
