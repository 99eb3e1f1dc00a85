/**
 * The reference backend (the memory adapter over the mock store) against the conformance kit,
 * under both invitation-expiry policies.
 */
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import { describeAdapterConformance, type ConformanceHarness } from '../../src/testing';

/** The fixture users' domains, plus the disposable one so the `disposable` check (applied after the domain check) is reached. */
const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

function memoryHarness(settings?: NonNullable<Parameters<typeof createMockStore>[0]>['settings']): ConformanceHarness {
  const store = createMockStore({ userCount: 40, allowedDomains: ALLOWED_DOMAINS, ...(settings ? { settings } : {}) });
  const faults = createFaultInjector();
  return {
    adapter: createMemoryAdapter(store, { faults }),
    advanceTime: (ms) => store.clock.advance(ms),
    setSsoEnforced: (enforced) => {
      store.updateSettings({ sso: { enforced, providerName: enforced ? 'Okta' : null } });
    },
    failNext: (code) => faults.failNext(code),
    setLatency: (ms) => faults.setLatency(ms),
    disallowedDomainEmail: 'someone@not-acme.test',
  };
}

describeAdapterConformance({ name: 'memory adapter (invitations expire)', setup: () => memoryHarness() });

describeAdapterConformance({
  name: 'memory adapter (expired invitations deactivate)',
  setup: () => memoryHarness({ invitation: { ttlDays: 30, onExpiry: 'deactivate' } }),
});
