/**
 * `user-admin-kit/disposable-domains`: the complete disposable-address check, opt-in.
 *
 * The better-auth and SCIM adapters check a bundled list of about 200 common providers by
 * default. This entry checks the complete `disposable-email-domains` list (about 120,000
 * domains): the list is a separate chunk, downloaded on the first check only (672 KB gzip), so
 * weigh it before shipping it to browsers; checking on your server is often the better choice.
 *
 * @example
 * import { createScimAdapter } from 'user-admin-kit/adapters/scim';
 * import { isDisposableEmail } from 'user-admin-kit/disposable-domains';
 * const adapter = createScimAdapter({ baseURL, token, entities, modules, isDisposableEmail });
 */
import { domainIn, type DisposableEmailCheck } from './adapters/shared/disposable';

export { COMMON_DISPOSABLE_DOMAINS, isCommonDisposableEmail, type DisposableEmailCheck } from './adapters/shared/disposable';

let domains: Promise<Set<string>> | null = null;

/**
 * Whether an address's domain, or one of its parent domains, is in the complete
 * `disposable-email-domains` list. The list loads on the first call; a failed load is retried
 * on the next call.
 * @example
 * await isDisposableEmail('someone@mailinator.com'); // true
 * await isDisposableEmail('ana@acme.fr');            // false
 */
export const isDisposableEmail: DisposableEmailCheck = async (email) => {
  domains ??= import('disposable-email-domains/index.js').then(
    (m) => new Set(m.default),
    (error: unknown) => { domains = null; throw error; },
  );
  return domainIn(email, await domains);
};
