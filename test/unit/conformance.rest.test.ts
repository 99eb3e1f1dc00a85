/**
 * The REST adapter against the conformance kit, over MSW handlers that serve the memory adapter:
 * the whole wire path (query serialization, JSON, HTTP error mapping, aborts) must keep the contract.
 */
import { afterAll, beforeAll } from 'vitest';
import { setupServer } from 'msw/node';
import { createFaultInjector, createHandlers, createMemoryAdapter, createMockStore } from '../../mocks';
import { createRestAdapter } from '../../src/adapters/rest';
import { describeAdapterConformance, type ConformanceHarness } from '../../src/testing';

const BASE_URL = 'http://localhost/api';
/** The fixture users' domains, plus the disposable one so the `disposable` check (applied after the domain check) is reached. */
const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function restHarness(): ConformanceHarness {
  const store = createMockStore({ userCount: 40, allowedDomains: ALLOWED_DOMAINS });
  const faults = createFaultInjector();
  // A fresh backend per check: the handlers now answer from this store only.
  server.resetHandlers(...createHandlers({ adapter: createMemoryAdapter(store, { faults }), baseUrl: BASE_URL }));
  return {
    adapter: createRestAdapter({ baseUrl: BASE_URL }),
    advanceTime: (ms) => store.clock.advance(ms),
    setSsoEnforced: (enforced) => {
      store.updateSettings({ sso: { enforced, providerName: enforced ? 'Okta' : null } });
    },
    failNext: (code) => faults.failNext(code),
    setLatency: (ms) => faults.setLatency(ms),
    disallowedDomainEmail: 'someone@not-acme.test',
  };
}

describeAdapterConformance({ name: 'REST adapter over MSW', setup: restHarness });
