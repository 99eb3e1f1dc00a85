/**
 * Disposable-address detection for adapters whose backend has none (better-auth, most SCIM
 * providers). The domain list (`disposable-email-domains`, about 100 KB) loads on first use only,
 * as its own chunk, so hosts that never invite do not pay for it.
 */
let domains: Promise<Set<string>> | null = null;

function load(): Promise<Set<string>> {
  domains ??= import('disposable-email-domains/index.js').then((m) => new Set(m.default));
  return domains;
}

/**
 * Whether an address's domain (or one of its parent domains) is a known disposable-address provider.
 * @example
 * await isDisposableEmail('someone@mailinator.com'); // true
 * await isDisposableEmail('ana@acme.fr');            // false
 */
export async function isDisposableEmail(email: string): Promise<boolean> {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const set = await load();
  let domain = email.slice(at + 1).trim().toLowerCase();
  while (domain.includes('.')) {
    if (set.has(domain)) return true;
    domain = domain.slice(domain.indexOf('.') + 1);
  }
  return false;
}
