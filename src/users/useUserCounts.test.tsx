import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UserAdminError } from '../contract/errors';
import type { UserAdminAdapter } from '../contract/types';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserCounts } from './useUserCounts';

function withoutCounts(adapter: UserAdminAdapter): UserAdminAdapter {
  const { getUserCounts: _omit, ...rest } = adapter;
  return rest;
}

describe('useUserCounts', () => {
  it('given an adapter with getUserCounts, asks it once and not listUsers', async () => {
    const store = createMockStore({ userCount: 60 });
    const adapter = spyOnAdapter(createMemoryAdapter(store));
    const { result } = renderHook(() => useUserCounts(), { wrapper: createWrapper(adapter) });
    await waitFor(() => expect(result.current.counts).toBeDefined());
    expect(result.current.counts).toEqual(store.getUserCounts());
    expect(adapter.getUserCounts).toHaveBeenCalledTimes(1);
    expect(adapter.listUsers).not.toHaveBeenCalled();
  });

  it('given an adapter without getUserCounts, derives the same counts from five listUsers totals', async () => {
    const store = createMockStore({ userCount: 60 });
    const adapter = spyOnAdapter(withoutCounts(createMemoryAdapter(store)));
    const { result } = renderHook(() => useUserCounts(), { wrapper: createWrapper(adapter) });
    await waitFor(() => expect(result.current.counts).toBeDefined());
    expect(result.current.counts).toEqual(store.getUserCounts());
    expect(adapter.listUsers).toHaveBeenCalledTimes(5);
    for (const [params] of adapter.listUsers.mock.calls) expect(params.pageSize).toBe(1);
    const filters = adapter.listUsers.mock.calls.map(([params]) => params.filter);
    expect(filters).toEqual(
      expect.arrayContaining([
        { kind: 'login', status: ['active'] },
        { kind: 'login', status: ['invited'] },
        { kind: 'login', status: ['deactivated'] },
        { kind: 'contact' },
        {},
      ]),
    );
  });

  it("given the list's search and a status filter, counts for that search and ignores the status (the views are statuses)", async () => {
    const store = createMockStore({ userCount: 60 });
    const search = store.listUsers({ pageIndex: 0, pageSize: 1 }).items[0]!.lastName;
    const adapter = spyOnAdapter(createMemoryAdapter(store));
    const { result } = renderHook(() => useUserCounts({ search, filter: { status: ['active'], kind: 'login' } }), {
      wrapper: createWrapper(adapter),
    });
    await waitFor(() => expect(result.current.counts).toBeDefined());
    expect(adapter.getUserCounts).toHaveBeenCalledWith(expect.objectContaining({ search }));
    expect(adapter.getUserCounts.mock.calls[0]![0]).not.toHaveProperty('filter');
    expect(result.current.counts).toEqual(store.getUserCounts({ search }));
    expect(result.current.counts!.all).toBeLessThan(60);
  });

  it('given the fallback and one failing view, reports that error and no partial counts', async () => {
    const store = createMockStore({ userCount: 10 });
    const memory = withoutCounts(createMemoryAdapter(store));
    const adapter: UserAdminAdapter = {
      ...memory,
      listUsers: async (params) => {
        if (params.filter?.kind === 'contact') throw new UserAdminError('forbidden');
        return memory.listUsers(params);
      },
    };
    const { result } = renderHook(() => useUserCounts(), { wrapper: createWrapper(adapter) });
    await waitFor(() => expect(result.current.error?.code).toBe('forbidden'));
    expect(result.current.counts).toBeUndefined();
  });
});
