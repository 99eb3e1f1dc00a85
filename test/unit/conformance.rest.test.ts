/**
 * The REST adapter against the conformance kit, over MSW handlers that serve the memory adapter:
 * the whole wire path (query serialization, JSON, HTTP error mapping, aborts) must keep the contract.
 */
import { afterAll, beforeAll } from 'vitest';
import { setupServer } from 'msw/node';
import { createHandlers } from '../../mocks';
import { createRestAdapter } from '../../src/adapters/rest';
import { describeAdapterConformance, type ConformanceHarness } from '../../src/testing';
import { createMockBackendHarness } from '../utils/mock-harness';

const BASE_URL = 'http://localhost/api';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function restHarness(): ConformanceHarness {
  const backend = createMockBackendHarness();
  // A fresh backend per check: the handlers now answer from this store only.
  server.resetHandlers(...createHandlers({ adapter: backend.adapter, baseUrl: BASE_URL }));
  return { ...backend, adapter: createRestAdapter({ baseUrl: BASE_URL }) };
}

describeAdapterConformance({ name: 'REST adapter over MSW', setup: restHarness });
