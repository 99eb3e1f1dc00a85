import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User, UserAdminAdapter } from '../contract/types';
import { UserAdminError } from '../contract/errors';
import { MAX_BULK_IDS } from '../core';
import { CURRENT_ADMIN_ID, DAY_MS, ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore, type MockStore } from '../../mocks';
import { createTestQueryClient, createWrapper, deferred, spyOnAdapter } from '../../test/utils/test-adapter';
import { userAdminKeys } from '../query/keys';
import { useBulkChangeRole, useBulkRemoveUsers, useBulkSetUserStatus } from './useBulkUserActions';
import { useRemoveUser } from './useRemoveUser';
import { useResendUserInvitation } from '../invitations/useResendUserInvitation';
import { useSetUserStatus } from './useSetUserStatus';
import { useUpdateUser } from './useUpdateUser';
import { useUser } from './useUser';
import { useUserCounts } from './useUserCounts';
import { useUserList } from './useUserList';

function activeUsers(store: MockStore, count: number): User[] {
  return store
    .listUsers({ pageIndex: 0, pageSize: 200, filter: { status: ['active'], kind: 'login' } })
    .items.filter((u) => u.id !== CURRENT_ADMIN_ID)
    .slice(0, count);
}

function setup(options: { latencyMs?: number; userCount?: number; adapter?: (a: UserAdminAdapter) => UserAdminAdapter } = {}) {
  const store = createMockStore({ userCount: options.userCount ?? 40 });
  const faults = createFaultInjector();
  const memory = createMemoryAdapter(store, { latencyMs: options.latencyMs ?? 0, faults });
  const adapter = spyOnAdapter(options.adapter ? options.adapter(memory) : memory);
  const queryClient = createTestQueryClient();
  return { store, faults, adapter, queryClient, wrapper: createWrapper(adapter, queryClient) };
}

/** Holds every setUserStatus call until `open()`, so the optimistic state can be observed. */
function gated(memory: UserAdminAdapter) {
  const gate = deferred<void>();
  return {
    open: () => gate.resolve(),
    adapter: { ...memory, setUserStatus: async (params: Parameters<UserAdminAdapter['setUserStatus']>[0]) => {
      await gate.promise;
      return memory.setUserStatus(params);
    } },
  };
}

/** The list shows every user on one page, so any user is in the cache. */
const allOnOnePage = { defaultState: { pageSize: 100 } } as const;
const row = (items: User[], id: string) => items.find((u) => u.id === id);

describe('useSetUserStatus', () => {
  it('shows the new status at once, then the server user, refreshing the counts but not refetching the list', async () => {
    let open = () => {};
    const { store, adapter, wrapper } = setup({ adapter: (memory) => { const g = gated(memory); open = g.open; return g.adapter; } });
    const target = activeUsers(store, 1)[0]!;
    const { result } = renderHook(
      () => ({ list: useUserList(allOnOnePage), counts: useUserCounts(), detail: useUser(target.id), setStatus: useSetUserStatus() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.items.length).toBeGreaterThan(0));
    await waitFor(() => expect(result.current.counts.counts).toBeDefined());
    await waitFor(() => expect(result.current.detail.isPlaceholderData).toBe(false));
    const activeBefore = result.current.counts.counts!.active;
    const listCalls = adapter.listUsers.mock.calls.length;
    const countCalls = adapter.getUserCounts.mock.calls.length;

    act(() => result.current.setStatus.mutate({ id: target.id, status: 'deactivated' }));
    // Optimistic: visible while the adapter call is still in flight.
    await waitFor(() => expect(row(result.current.list.items, target.id)?.status).toBe('deactivated'));
    expect(result.current.setStatus.isPending).toBe(true);
    expect(result.current.detail.data?.status).toBe('deactivated');
    expect(adapter.setUserStatus).toHaveBeenCalledTimes(1);

    open();
    await waitFor(() => expect(result.current.setStatus.isSuccess).toBe(true));
    expect(row(result.current.list.items, target.id)).toEqual(store.getUser({ id: target.id }));
    await waitFor(() => expect(result.current.counts.counts!.active).toBe(activeBefore - 1));
    expect(adapter.getUserCounts.mock.calls.length).toBe(countCalls + 1);
    expect(adapter.listUsers.mock.calls.length).toBe(listCalls);
  });

  it('given counts derived from listUsers, a status change refetches the five count views and still not the list page', async () => {
    const { store, adapter, wrapper } = setup({
      adapter: ({ getUserCounts: _omit, ...rest }) => rest,
    });
    const target = activeUsers(store, 1)[0]!;
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), counts: useUserCounts(), setStatus: useSetUserStatus() }), {
      wrapper,
    });
    await waitFor(() => expect(result.current.counts.counts).toBeDefined());
    await waitFor(() => expect(row(result.current.list.items, target.id)).toBeDefined());
    const pageCalls = () => adapter.listUsers.mock.calls.filter(([p]) => p.pageSize !== 1).length;
    const countCalls = () => adapter.listUsers.mock.calls.filter(([p]) => p.pageSize === 1).length;
    const [pagesBefore, countsBefore] = [pageCalls(), countCalls()];
    const deactivatedBefore = result.current.counts.counts!.deactivated;

    await act(() => result.current.setStatus.mutateAsync({ id: target.id, status: 'deactivated' }));
    await waitFor(() => expect(result.current.counts.counts!.deactivated).toBe(deactivatedBefore + 1));
    expect(countCalls()).toBe(countsBefore + 5);
    expect(pageCalls()).toBe(pagesBefore);
  });

  it('given a failing adapter, shows the optimistic status and then rolls the row back exactly', async () => {
    let open = () => {};
    const { store, faults, wrapper } = setup({ adapter: (memory) => { const g = gated(memory); open = g.open; return g.adapter; } });
    const target = activeUsers(store, 1)[0]!;
    faults.failNext('conflict', { methods: ['setUserStatus'] });
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), detail: useUser(target.id), setStatus: useSetUserStatus() }), {
      wrapper,
    });
    await waitFor(() => expect(row(result.current.list.items, target.id)).toBeDefined());
    await waitFor(() => expect(result.current.detail.isPlaceholderData).toBe(false));
    const before = row(result.current.list.items, target.id)!;

    act(() => result.current.setStatus.mutate({ id: target.id, status: 'deactivated' }));
    await waitFor(() => expect(row(result.current.list.items, target.id)?.status).toBe('deactivated'));
    expect(result.current.detail.data?.status).toBe('deactivated');

    open();
    await waitFor(() => expect(result.current.setStatus.error?.code).toBe('conflict'));
    expect(row(result.current.list.items, target.id)).toEqual(before);
    expect(result.current.detail.data).toEqual(before);
  });

  it('given two rows changed at once and only the first failing, rolls back the first and keeps the second', async () => {
    const { store, faults, wrapper } = setup({ latencyMs: 20 });
    const [a, b] = activeUsers(store, 2) as [User, User];
    faults.failNext('unavailable', { methods: ['setUserStatus'] });
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), first: useSetUserStatus(), second: useSetUserStatus() }), {
      wrapper,
    });
    await waitFor(() => expect(row(result.current.list.items, a.id)).toBeDefined());

    act(() => {
      result.current.first.mutate({ id: a.id, status: 'deactivated' });
      result.current.second.mutate({ id: b.id, status: 'deactivated' });
    });
    await waitFor(() => expect(result.current.first.isError && result.current.second.isSuccess).toBe(true));
    expect(row(result.current.list.items, a.id)?.status).toBe('active');
    expect(row(result.current.list.items, b.id)?.status).toBe('deactivated');
  });
});

describe('useRemoveUser', () => {
  it('removes the row from every cached page and lowers the totals, refreshing the counts but not refetching the list', async () => {
    const { store, adapter, queryClient, wrapper } = setup();
    const target = activeUsers(store, 1)[0]!;
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), counts: useUserCounts(), remove: useRemoveUser() }), { wrapper });
    await waitFor(() => expect(row(result.current.list.items, target.id)).toBeDefined());
    await waitFor(() => expect(result.current.counts.counts).toBeDefined());
    const allBefore = result.current.counts.counts!.all;
    const total = result.current.list.total;
    queryClient.setQueryData(userAdminKeys.users.detail(target.id), target);
    const listCalls = adapter.listUsers.mock.calls.length;

    await act(() => result.current.remove.mutateAsync({ id: target.id }));
    await waitFor(() => expect(row(result.current.list.items, target.id)).toBeUndefined());
    expect(result.current.list.total).toBe(total - 1);
    expect(queryClient.getQueryData(userAdminKeys.users.detail(target.id))).toBeUndefined();
    expect(adapter.listUsers.mock.calls.length).toBe(listCalls);
    await waitFor(() => expect(result.current.counts.counts!.all).toBe(allBefore - 1));
  });

  it('given a failing adapter, leaves the lists untouched and reports the reason', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), remove: useRemoveUser() }), { wrapper });
    await waitFor(() => expect(result.current.list.items.length).toBeGreaterThan(0));
    const items = result.current.list.items;
    const total = result.current.list.total;

    await act(() => result.current.remove.mutateAsync({ id: CURRENT_ADMIN_ID }).catch(() => undefined));
    await waitFor(() => expect(result.current.remove.error).toMatchObject({ code: 'forbidden', reason: 'self_action' }));
    expect(result.current.list.items).toBe(items);
    expect(result.current.list.total).toBe(total);
  });
});

describe('bulk actions', () => {
  function withoutBulk(adapter: UserAdminAdapter): UserAdminAdapter {
    const { setUsersStatus: _s, removeUsers: _r, ...rest } = adapter;
    return rest;
  }

  it('given more ids than MAX_BULK_IDS, calls the bulk method a chunk at a time, and a chunk that fails whole reports its own ids failed while the others keep their results', async () => {
    const { store, wrapper } = setup({ userCount: 4_000, adapter: (memory) => {
      let call = 0;
      return { ...memory, setUsersStatus: async (params: Parameters<NonNullable<UserAdminAdapter['setUsersStatus']>>[0]) => {
        call += 1;
        expect(params.ids.length).toBeLessThanOrEqual(MAX_BULK_IDS);
        if (call === 2) throw new UserAdminError('unavailable', 'second chunk down');
        return memory.setUsersStatus!(params);
      } };
    } });
    const ids: string[] = [];
    for (let page = 0; ids.length < MAX_BULK_IDS * 2 + 10; page++) {
      const items = store.listUsers({ pageIndex: page, pageSize: MAX_BULK_IDS, filter: { status: ['active'], kind: 'login' } }).items;
      if (items.length === 0) throw new Error('not enough active users in the fixtures');
      ids.push(...items.filter((u) => u.id !== CURRENT_ADMIN_ID).map((u) => u.id));
    }
    const wanted = ids.slice(0, MAX_BULK_IDS * 2 + 10);
    const { result } = renderHook(() => useBulkSetUserStatus(), { wrapper });
    const { results } = await act(() => result.current.mutateAsync({ ids: wanted, status: 'deactivated' }));
    expect(results.map((r) => r.id)).toEqual(wanted);
    const failed = results.filter((r) => !r.ok).map((r) => r.id);
    expect(failed).toEqual(wanted.slice(MAX_BULK_IDS, MAX_BULK_IDS * 2));
    expect(store.getUser({ id: wanted[0]! }).status).toBe('deactivated');
    expect(store.getUser({ id: wanted[MAX_BULK_IDS]! }).status).toBe('active');
    expect(store.getUser({ id: wanted.at(-1)! }).status).toBe('deactivated');
  });

  it('given the bulk method and one refused item, resolves with per-item results, updates only the succeeded rows, and refetches the lists', async () => {
    const { store, adapter, wrapper } = setup();
    const targets = activeUsers(store, 3);
    const ids = [...targets.map((u) => u.id), CURRENT_ADMIN_ID];
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), bulk: useBulkSetUserStatus() }), { wrapper });
    await waitFor(() => expect(result.current.list.items.length).toBeGreaterThan(0));
    const listCalls = adapter.listUsers.mock.calls.length;

    const { results } = await act(() => result.current.bulk.mutateAsync({ ids, status: 'deactivated' }));
    expect(adapter.setUsersStatus).toHaveBeenCalledTimes(1);
    expect(results.map((r) => [r.id, r.ok])).toEqual(ids.map((id) => [id, id !== CURRENT_ADMIN_ID]));
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.error.reason).toBe('self_action');
    await waitFor(() => expect(row(result.current.list.items, targets[0]!.id)?.status).toBe('deactivated'));
    for (const u of targets) expect(row(result.current.list.items, u.id)?.status).toBe('deactivated');
    expect(row(result.current.list.items, CURRENT_ADMIN_ID)?.status).toBe('active');
    // A partial result (one item refused): the lists refetch, as the backend holds only part of what was asked.
    await waitFor(() => expect(adapter.listUsers.mock.calls.length).toBeGreaterThan(listCalls));
  });

  it('given no bulk method, loops over setUserStatus with at most `concurrency` calls in flight and never rejects for a failed item', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { store, faults, wrapper } = setup({
      latencyMs: 5,
      adapter: (memory) => ({
        ...withoutBulk(memory),
        setUserStatus: async (params) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            return await memory.setUserStatus(params);
          } finally {
            inFlight--;
          }
        },
      }),
    });
    const ids = activeUsers(store, 9).map((u) => u.id);
    faults.failNext('rate_limited', { methods: ['setUserStatus'] });
    const { result } = renderHook(() => useBulkSetUserStatus({ concurrency: 3 }), { wrapper });

    const { results } = await act(() => result.current.mutateAsync({ ids, status: 'deactivated' }));
    expect(maxInFlight).toBe(3);
    expect(results).toHaveLength(9);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['rate_limited']);
    expect(results.filter((r) => r.ok)).toHaveLength(8);
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });

  it('given no bulk method, bulk removal removes the succeeded rows from the cached list and defaults to 4 in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { store, wrapper } = setup({
      latencyMs: 5,
      adapter: (memory) => ({
        ...withoutBulk(memory),
        removeUser: async (params) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            return await memory.removeUser(params);
          } finally {
            inFlight--;
          }
        },
      }),
    });
    const targets = activeUsers(store, 6).map((u) => u.id);
    const ids = [...targets, CURRENT_ADMIN_ID];
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), bulk: useBulkRemoveUsers() }), { wrapper });
    await waitFor(() => expect(result.current.list.items.length).toBeGreaterThan(0));
    const total = result.current.list.total;

    const { results } = await act(() => result.current.bulk.mutateAsync({ ids }));
    expect(maxInFlight).toBe(4);
    expect(results.filter((r) => r.ok).map((r) => r.id)).toEqual(targets);
    await waitFor(() => expect(result.current.list.total).toBe(total - targets.length));
    for (const id of targets) expect(row(result.current.list.items, id)).toBeUndefined();
    expect(row(result.current.list.items, CURRENT_ADMIN_ID)).toBeDefined();
  });
});

describe('useBulkChangeRole', () => {
  it('gives the role through updateUser with at most `concurrency` in flight, reports each user, writes the changed rows and refetches the lists', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { store, faults, wrapper, adapter } = setup({
      latencyMs: 5,
      adapter: (memory) => ({
        ...memory,
        updateUser: async (params) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            return await memory.updateUser(params);
          } finally {
            inFlight--;
          }
        },
      }),
    });
    const targets = activeUsers(store, 5).filter((u) => u.roleId !== ROLE_IDS.user).slice(0, 4);
    expect(targets.length).toBeGreaterThan(1);
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), bulk: useBulkChangeRole({ concurrency: 2 }) }), { wrapper });
    await waitFor(() => expect(result.current.list.items.length).toBeGreaterThan(0));
    const pageCalls = adapter.listUsers.mock.calls.length;
    faults.failNext('conflict', { methods: ['updateUser'] });

    const { results } = await act(() =>
      result.current.bulk.mutateAsync({ roleId: ROLE_IDS.user, items: targets.map((u) => ({ id: u.id })) }),
    );
    expect(maxInFlight).toBe(2);
    expect(results.map((r) => r.id).sort()).toEqual(targets.map((u) => u.id).sort());
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => !r.ok && r.error.code)).toEqual(['conflict']);
    for (const r of results.filter((x) => x.ok)) {
      expect(store.getUser({ id: r.id }).roleId).toBe(ROLE_IDS.user);
      await waitFor(() => expect(row(result.current.list.items, r.id)?.roleId).toBe(ROLE_IDS.user));
    }
    expect(store.getUser({ id: failed[0]!.id }).roleId).not.toBe(ROLE_IDS.user);
    // A role moves users between views and filters: the lists are read again.
    await waitFor(() => expect(adapter.listUsers.mock.calls.length).toBeGreaterThan(pageCalls));
  });
});

describe('useUpdateUser', () => {
  it('given a phone change, updates the row in place without refetching the list', async () => {
    const { store, adapter, wrapper } = setup();
    const target = activeUsers(store, 1)[0]!;
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), update: useUpdateUser() }), { wrapper });
    await waitFor(() => expect(row(result.current.list.items, target.id)).toBeDefined());
    const listCalls = adapter.listUsers.mock.calls.length;

    await act(() => result.current.update.mutateAsync({ id: target.id, patch: { phone: '+33 6 12 34 56 78' } }));
    await waitFor(() => expect(row(result.current.list.items, target.id)?.phone).toBe('+33 6 12 34 56 78'));
    expect(adapter.listUsers.mock.calls.length).toBe(listCalls);
  });

  it('given a name change (the list sorts by name), refetches the list', async () => {
    const { store, adapter, wrapper } = setup();
    const target = activeUsers(store, 1)[0]!;
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), update: useUpdateUser() }), { wrapper });
    await waitFor(() => expect(row(result.current.list.items, target.id)).toBeDefined());
    const listCalls = adapter.listUsers.mock.calls.length;

    await act(() => result.current.update.mutateAsync({ id: target.id, patch: { lastName: 'Aaronson' } }));
    await waitFor(() => expect(adapter.listUsers.mock.calls.length).toBe(listCalls + 1));
    expect(row(result.current.list.items, target.id)?.lastName).toBe('Aaronson');
  });
});

describe('useResendUserInvitation', () => {
  it("given an invited user, resends its invitation and shows the new expiry in the user's row", async () => {
    const { store, wrapper } = setup();
    const invited = store.listUsers({ pageIndex: 0, pageSize: 200, filter: { status: ['invited'], kind: 'login' } }).items.find((u) => u.invitation)!;
    const { result } = renderHook(() => ({ list: useUserList(allOnOnePage), resend: useResendUserInvitation() }), { wrapper });
    await waitFor(() => expect(row(result.current.list.items, invited.id)).toBeDefined());
    store.clock.advance(DAY_MS);

    const invitation = await act(() => result.current.resend.mutateAsync(invited));
    expect(invitation.expiresAt).not.toBe(invited.invitation!.expiresAt);
    await waitFor(() => expect(row(result.current.list.items, invited.id)?.invitation?.expiresAt).toBe(invitation.expiresAt));
  });

  it('given a user without invitation, fails without calling the adapter', async () => {
    const { store, adapter, wrapper } = setup();
    const active = activeUsers(store, 1)[0]!;
    const { result } = renderHook(() => useResendUserInvitation(), { wrapper });
    await act(() => result.current.mutateAsync({ ...active, invitation: null }).catch(() => undefined));
    await waitFor(() => expect(result.current.error?.message).toContain('has no pending invitation'));
    expect(adapter.resendInvitation).not.toHaveBeenCalled();
  });
});
