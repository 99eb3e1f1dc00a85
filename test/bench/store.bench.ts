/**
 * Figures, not assertions: how the mock store holds up with 100,000 users.
 * Run: npx vitest bench --run --project unit test/bench/store.bench.ts   (figures in docs/benchmarks.md)
 */
import { bench, describe } from 'vitest';
import { generateUsers } from '../../mocks/fixtures';
import { createMockStore } from '../../mocks/store';

const store = createMockStore({ userCount: 100_000 });
// Warm the name sort once, as the first page a person sees would.
store.listUsers({ pageIndex: 0, pageSize: 50 });

describe('mock store, 100,000 users', () => {
  bench('generate 100k users', () => {
    generateUsers(100_000, 1);
  }, { iterations: 3, time: 0 });

  bench('create a store of 100k users', () => {
    createMockStore({ userCount: 100_000, seed: 2 });
  }, { iterations: 3, time: 0 });

  bench('listUsers page 1 sorted by name (sort cached)', () => {
    store.listUsers({ pageIndex: 0, pageSize: 50, sort: { field: 'name', direction: 'asc' } });
  });

  let renamed = 0;
  bench('listUsers page 1 sorted by name right after a rename (incremental re-sort)', () => {
    store.updateUser({ id: 'user-jose', patch: { lastName: `García ${renamed++ % 2}` } });
    store.listUsers({ pageIndex: 0, pageSize: 50, sort: { field: 'name', direction: 'asc' } });
  });

  const orders = (['email', 'status', 'role', 'lastSignInAt', 'createdAt'] as const).flatMap((field) =>
    (['asc', 'desc'] as const).map((direction) => ({ field, direction })));
  let order = 0;
  bench('listUsers page 1 in an order not asked before (full sort of 100k)', () => {
    const sort = orders[order++ % orders.length];
    store.listUsers({ pageIndex: 0, pageSize: 50, sort });
  }, { iterations: orders.length, time: 0, warmupIterations: 0, warmupTime: 0 });

  bench('listUsers search "garc" (accent-insensitive)', () => {
    store.listUsers({ pageIndex: 0, pageSize: 50, search: 'garc' });
  });

  bench('listUsers last page, filtered by entity and status', () => {
    store.listUsers({ pageIndex: 100, pageSize: 50, filter: { entityIds: ['entity-acme-paris'], status: ['active'] } });
  });

  bench('getUserCounts', () => {
    store.getUserCounts({});
  });

  bench('getUserCounts with a search', () => {
    store.getUserCounts({ search: 'silva' });
  });
});
