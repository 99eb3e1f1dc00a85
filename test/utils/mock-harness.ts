/**
 * A fresh reference backend plus the conformance controls over it, shared by the conformance runs
 * (memory adapter directly, and REST adapter over MSW).
 */
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import type { ConformanceHarness } from '../../src/testing';

/** The fixture users' domains, plus the disposable one so the `disposable` check (applied after the domain check) is reached. */
const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

type StoreSettings = NonNullable<Parameters<typeof createMockStore>[0]>['settings'];

export function createMockBackendHarness(settings?: StoreSettings): ConformanceHarness {
  const store = createMockStore({ userCount: 40, allowedDomains: ALLOWED_DOMAINS, ...(settings ? { settings } : {}) });
  const faults = createFaultInjector();
  return {
    adapter: createMemoryAdapter(store, { faults }),
    advanceTime: (ms) => store.clock.advance(ms),
    setSsoEnforced: (enforced) => {
      store.updateSettings({ sso: { enforced, providerName: enforced ? 'Okta' : null } });
    },
    failNext: (code) => faults.failNext(code),
    failInvite: (email) => faults.failInvitesTo([email]),
    setLatency: (ms) => faults.setLatency(ms),
    disallowedDomainEmail: 'someone@not-acme.test',
  };
}
