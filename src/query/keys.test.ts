import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { userAdminKeys } from './keys';
import { mapWithConcurrency } from './concurrency';

describe('userAdminKeys', () => {
  it('prefixes every key with user-admin, so one invalidation reaches all', () => {
    const keys = [
      userAdminKeys.settings(),
      userAdminKeys.users.list({ pageIndex: 0, pageSize: 25 }),
      userAdminKeys.users.counts({}),
      userAdminKeys.users.detail('u1'),
      userAdminKeys.users.diagnostics('u1'),
      userAdminKeys.invitations.list({ pageIndex: 0, pageSize: 25 }),
      userAdminKeys.roles(),
      userAdminKeys.modules(),
      userAdminKeys.entities.list({ pageSize: 20 }),
      userAdminKeys.entities.byIds(['a']),
    ];
    for (const key of keys) expect(key[0]).toBe('user-admin');
  });

  it('invalidating the lists prefix marks every list page stale but not the details or counts', async () => {
    const client = new QueryClient();
    const page1 = userAdminKeys.users.list({ pageIndex: 0, pageSize: 25 });
    const page2 = userAdminKeys.users.list({ pageIndex: 1, pageSize: 25, search: 'ann' });
    const detail = userAdminKeys.users.detail('u1');
    const counts = userAdminKeys.users.counts({ search: 'ann' });
    for (const key of [page1, page2, detail, counts]) client.setQueryData(key, {});
    await client.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect([stale(page1), stale(page2), stale(detail), stale(counts)]).toEqual([true, true, false, false]);
  });

  it('given the same ids in another order, byIds gives the same key', () => {
    expect(userAdminKeys.entities.byIds(['b', 'a'])).toEqual(userAdminKeys.entities.byIds(['a', 'b']));
  });

  it('puts page, sort, search and filter in the list key', () => {
    const a = userAdminKeys.users.list({ pageIndex: 0, pageSize: 25, sort: { field: 'email', direction: 'asc' } });
    const b = userAdminKeys.users.list({ pageIndex: 0, pageSize: 25, sort: { field: 'email', direction: 'desc' } });
    expect(a).not.toEqual(b);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the input order and never runs more than the limit at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const result = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(maxInFlight).toBe(3);
  });

  it('given a limit below one, throws instead of hanging', async () => {
    await expect(mapWithConcurrency([1], 0, async (n) => n)).rejects.toThrow('concurrency must be a positive integer');
  });
});
