import { createClock, createMemoryAdapter, createMockStore, DEFAULT_CLOCK_START, DEFAULT_SEED } from 'user-admin-kit/mocks';
import type { UserAdminAdapter } from 'user-admin-kit/headless';

/**
 * The example's backend: the library's in-memory reference backend, no network. The server (to
 * prefetch the first screen) and the browser (for everything after) each build their own store,
 * from the same seed and a clock stopped at the same instant, so the data the server prefetched
 * is the data the browser's store would answer: the page hydrates with no mismatch. A real app
 * has one backend both sides reach: give each side its own adapter to it instead.
 */
export function createExampleBackend(): { adapter: UserAdminAdapter; now: () => number } {
  const clock = createClock(DEFAULT_CLOCK_START);
  const store = createMockStore({ seed: DEFAULT_SEED, clock });
  // Relative times ("expires in 3 days") are read against the store's clock, on both sides.
  return { adapter: createMemoryAdapter(store), now: clock.now };
}
