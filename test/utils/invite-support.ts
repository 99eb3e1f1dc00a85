/**
 * Shared by the invite dialog's tests and stories (not part of the library).
 *
 * The reference backend applies the same address rule as the dialog, so it never skips an
 * address as `invalid` or `duplicate` the dialog let through. A host's backend may be stricter;
 * {@link withServerVerdicts} makes the mock store behave like one, so every skip reason can be
 * shown and tested.
 */
import type { InviteSkipReason } from '../../src/contract/types';
import type { MockStore } from '../../mocks';

/**
 * Makes `store.inviteUsers` skip the given addresses with the given reasons (as a stricter host
 * backend would), and lets the store decide for the rest.
 * @example
 * withServerVerdicts(store, { 'ok.but.not@acme.fr': 'invalid' });
 */
export function withServerVerdicts(store: MockStore, verdicts: Record<string, InviteSkipReason>): MockStore {
  const original = store.inviteUsers.bind(store);
  const ruled = new Map(Object.entries(verdicts).map(([email, reason]) => [email.toLowerCase(), reason]));
  store.inviteUsers = ({ input }) => {
    const kept = input.emails.filter((email) => !ruled.has(email.toLowerCase()));
    const skipped = input.emails.filter((email) => ruled.has(email.toLowerCase())).map((email) => ({ email, reason: ruled.get(email.toLowerCase())! }));
    const result = kept.length > 0 ? original({ input: { ...input, emails: kept } }) : { invited: [], skipped: [] };
    return { invited: result.invited, skipped: [...skipped, ...result.skipped] };
  };
  return store;
}

/**
 * A store whose `inviteUsers` produces every skip reason for {@link EVERY_SKIP_REASON_EMAILS}
 * (allowed domains `acme.fr`, `acme.es` and `mailinator.com`; the fixtures' José García is a
 * member and João Silva is invited).
 */
export const EVERY_SKIP_REASON_EMAILS: Record<Exclude<InviteSkipReason, 'sso_enforced'>, string> & { ok: string } = {
  ok: 'new.person@acme.fr',
  already_member: 'jose.garcia@acme.es',
  already_invited: 'joao.silva@acme.es',
  disposable: 'someone@mailinator.com',
  domain_not_allowed: 'someone@elsewhere.io',
  invalid: 'rejected.by.host@acme.fr',
  duplicate: 'twin.by.host@acme.fr',
};

/** The store options under which {@link EVERY_SKIP_REASON_EMAILS} give every reason. */
export const EVERY_SKIP_REASON_STORE = { allowedDomains: ['acme.fr', 'acme.es', 'mailinator.com'] };

/** Adds the host verdicts `invalid` and `duplicate` of {@link EVERY_SKIP_REASON_EMAILS}. */
export function withEverySkipReason(store: MockStore): MockStore {
  return withServerVerdicts(store, {
    [EVERY_SKIP_REASON_EMAILS.invalid]: 'invalid',
    [EVERY_SKIP_REASON_EMAILS.duplicate]: 'duplicate',
  });
}
