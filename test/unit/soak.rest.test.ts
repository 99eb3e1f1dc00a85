/**
 * The fault soak (test/soak/driver.ts) on the REST backend: the REST adapter over HTTP (MSW
 * handlers serving the reference store), its fetch behind the soak's fault layer, and per-user
 * write failures from the store's fault injector behind the handlers.
 */
import { setupServer } from 'msw/node';
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import { createHandlers } from '../../mocks/msw';
import { createRestAdapter } from '../../src/adapters/rest';
import { createFaultyFetch } from '../soak/faults';
import { recordReport, runSoak, soakOptions } from '../soak/driver';

const BASE_URL = 'http://localhost/api';
const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk'];

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

test('soak: REST backend, random actions with faults, 0 divergences', async () => {
  const store = createMockStore({ userCount: 40, allowedDomains: ALLOWED_DOMAINS });
  const faults = createFaultInjector();
  server.resetHandlers(...createHandlers({ adapter: createMemoryAdapter(store, { faults, latencyMs: 3 }), baseUrl: BASE_URL }));
  const wire = createFaultyFetch();
  const report = await runSoak(
    {
      name: 'rest',
      adapter: createRestAdapter({ baseUrl: BASE_URL, fetch: wire.fetch }),
      faults: wire,
      truth: createMemoryAdapter(store),
      failWriteOf: (id) => faults.failWriteOf(id),
    },
    soakOptions(300, 7),
  );
  await recordReport(report);
  expect(report.operations).toBeGreaterThanOrEqual(300);
  expect(report.faultsInjected).toBeGreaterThan(0);
  expect(report.divergences).toEqual([]);
}, 180_000);
