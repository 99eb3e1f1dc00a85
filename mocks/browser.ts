/**
 * The reference backend in a browser page, for the demo and Storybook: a memory store behind
 * MSW's service worker, reached over HTTP. Imported by path (`mocks/browser`), never from
 * `mocks/index.ts`, so node imports of the mocks never load `msw/browser`.
 */
import { setupWorker } from 'msw/browser';
import type { SetupWorker } from 'msw/browser';
import type { UserAdminAdapter } from '../src/contract/types';
import { createFaultInjector, createMemoryAdapter, createMockStore } from './index';
import type { FaultInjector, MockStoreOptions } from './index';
import { createHandlers } from './handlers';

/**
 * Options of {@link startMockWorker}.
 * @example
 * await startMockWorker({ store: { userCount: 5000 }, latencyMs: 400 });
 */
export interface StartMockWorkerOptions {
  /** Serve this adapter instead of a fresh memory adapter (then `store` is still created, but unused by the handlers). Defaults to a memory adapter over the store. */
  adapter?: UserAdminAdapter;
  /** Options of the memory store (seed, user count, policies). Defaults to the store's defaults. */
  store?: MockStoreOptions;
  /** Delay of every memory-adapter call, so loading states show. Defaults to `150`. */
  latencyMs?: number;
  /** Where the API is mounted. Defaults to `'/api'`. */
  baseUrl?: string;
}

/**
 * What {@link startMockWorker} started.
 * @example
 * const { faults }: MockWorker = await startMockWorker();
 * faults.failNext('unavailable');
 */
export interface MockWorker {
  worker: SetupWorker;
  store: ReturnType<typeof createMockStore>;
  adapter: UserAdminAdapter;
  /** Makes the next calls fail, to show error states. */
  faults: FaultInjector;
}

/**
 * Starts MSW's service worker (`/mockServiceWorker.js`, in `public/`) serving the REST API of
 * docs/rest-api.md from a fresh memory store. Requests outside the API go to the network.
 *
 * @example
 * const { store, faults } = await startMockWorker({ latencyMs: 300 });
 * const adapter = createRestAdapter({ baseUrl: '/api' });
 */
export async function startMockWorker(options: StartMockWorkerOptions = {}): Promise<MockWorker> {
  const store = createMockStore(options.store);
  const faults = createFaultInjector();
  const adapter = options.adapter ?? createMemoryAdapter(store, { latencyMs: options.latencyMs ?? 150, faults });
  const worker = setupWorker(...createHandlers({ adapter, baseUrl: options.baseUrl ?? '/api' }));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
  return { worker, store, adapter, faults };
}
