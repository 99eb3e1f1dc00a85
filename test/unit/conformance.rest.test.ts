/**
 * The REST adapter against the conformance kit, over MSW handlers that serve the memory adapter:
 * the whole wire path (query serialization, JSON, HTTP error mapping, aborts) must keep the contract.
 */
import { afterAll, beforeAll } from 'vitest';
import { setupServer } from 'msw/node';
import { createMemoryAdapter } from '../../mocks';
import { createHandlers } from '../../mocks/msw';
import { createRestAdapter } from '../../src/adapters/rest';
import type { ConformanceHarness } from '../../src/testing';
import { describeAdapterConformance } from '../../src/testing/vitest';
import { createMockBackendHarness } from '../utils/mock-harness';

const BASE_URL = 'http://localhost/api';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function restHarness(): ConformanceHarness {
  const { store: _store, viewAs, ...backend } = createMockBackendHarness();
  // A fresh backend per check: the handlers now answer from this store only.
  server.resetHandlers(...createHandlers({ adapter: backend.adapter, baseUrl: BASE_URL }));
  return {
    ...backend,
    adapter: createRestAdapter({ baseUrl: BASE_URL }),
    // Another user's session: the same store acting as them, served under its own base URL.
    actAs: (userId) => {
      const baseUrl = `${BASE_URL}/as/${encodeURIComponent(userId)}`;
      server.use(...createHandlers({ adapter: createMemoryAdapter(viewAs(userId)), baseUrl }));
      return createRestAdapter({ baseUrl });
    },
  };
}

// Every control of the memory run, over HTTP: nothing may be skipped.
describeAdapterConformance({ name: 'REST adapter over MSW', setup: restHarness, expectedSkips: {} });
