// The CommonJS entry: Node's ESM loader refuses the package's main (a JSON file) without an import attribute.
import domains from 'disposable-email-domains/index.js';
import { domainIn } from '../src/adapters/shared/disposable';

let set: Set<string> | null = null;

/**
 * Whether a domain (or one of its parent domains) is a known disposable-address provider,
 * by the complete `disposable-email-domains` list. The lookup set is built on first use.
 * @example
 * isDisposableDomain('mailinator.com'); // true
 * isDisposableDomain('acme-group.com'); // false
 */
export function isDisposableDomain(domain: string): boolean {
  set ??= new Set(domains);
  return domainIn(domain, set);
}
