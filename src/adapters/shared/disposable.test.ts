import { describe, expect, it } from 'vitest';
import full from 'disposable-email-domains/index.js';
import { COMMON_DISPOSABLE_DOMAINS, domainIn, isCommonDisposableEmail } from './disposable';
import { isDisposableEmail } from '../../disposable-domains';

describe('the bundled list of common disposable providers', () => {
  it('holds only domains of the complete list, each once, in lower case', () => {
    const complete = new Set(full);
    expect(COMMON_DISPOSABLE_DOMAINS.filter((d) => !complete.has(d))).toEqual([]);
    expect(new Set(COMMON_DISPOSABLE_DOMAINS).size).toBe(COMMON_DISPOSABLE_DOMAINS.length);
    expect(COMMON_DISPOSABLE_DOMAINS.filter((d) => d !== d.toLowerCase())).toEqual([]);
    expect(COMMON_DISPOSABLE_DOMAINS.length).toBeGreaterThan(150);
  });

  it('knows the common providers and their subdomains, whatever the case, and not ordinary domains', () => {
    expect(isCommonDisposableEmail('someone@mailinator.com')).toBe(true);
    expect(isCommonDisposableEmail('Someone@EU.Mailinator.COM ')).toBe(true);
    expect(isCommonDisposableEmail('a@yopmail.fr')).toBe(true);
    expect(isCommonDisposableEmail('a@guerrillamail.de')).toBe(true);
    expect(isCommonDisposableEmail('ana@acme.fr')).toBe(false);
    expect(isCommonDisposableEmail('ana@notmailinator.com')).toBe(false);
    expect(isCommonDisposableEmail('not an email')).toBe(false);
  });

  it('matches a domain or a parent domain, never a mere suffix', () => {
    const set = new Set(['trash.io']);
    expect(domainIn('x@a.b.trash.io', set)).toBe(true);
    expect(domainIn('x@mytrash.io', set)).toBe(false);
    expect(domainIn('trash.io', set)).toBe(true);
  });
});

describe('user-admin-kit/disposable-domains (the complete list, opt-in)', () => {
  it('knows domains the bundled list lacks', async () => {
    const common = new Set(COMMON_DISPOSABLE_DOMAINS);
    const rare = full.find((d) => !common.has(d) && !d.includes('mailinator'))!;
    expect(isCommonDisposableEmail(`someone@${rare}`)).toBe(false);
    expect(await isDisposableEmail(`someone@${rare}`)).toBe(true);
    expect(await isDisposableEmail('someone@eu.mailinator.com')).toBe(true);
    expect(await isDisposableEmail('ana@acme.fr')).toBe(false);
  });
});
