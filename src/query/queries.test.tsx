import { act, render, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { USER_ADMIN_ERROR_CODES, UserAdminError } from '../contract/errors';
import type { CallOptions, Page, User } from '../contract/types';
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import { createTestAdapter, createTestQueryClient, createWrapper, deferred } from '../../test/utils/test-adapter';
import { useModules } from '../settings/useModules';
import { useRoles } from '../settings/useRoles';
import { useSettings } from '../settings/useSettings';
import { useUserCounts } from '../users/useUserCounts';
import { useUserList } from '../users/useUserList';
import { useInvitationList } from '../invitations/useInvitationList';
import { userAdminKeys } from './keys';
import { entitiesByIdsQueryOptions } from './options';
import { MAX_PAGE_SIZE } from '../core';
import { prefetchUserAdmin } from './prefetch';
import { createUserAdminQueryClient } from '../provider/queryClient';

describe('errors surface as error.code', () => {
  for (const code of USER_ADMIN_ERROR_CODES) {
    it(`given the adapter fails with ${code}, useUserList reports error.code ${code}`, async () => {
      const faults = createFaultInjector();
      faults.failNext(code, { methods: ['listUsers'] });
      const adapter = createMemoryAdapter(createMockStore({ userCount: 10 }), { faults });
      const { result } = renderHook(() => useUserList(), { wrapper: createWrapper(adapter) });
      await waitFor(() => expect(result.current.error).not.toBeNull());
      expect(result.current.error?.code).toBe(code);
      expect(result.current.items).toEqual([]);
    });
  }

  it('given an adapter that throws a plain Error, the hook still reports a UserAdminError with code unknown', async () => {
    const adapter = createTestAdapter({ getSettings: async () => { throw new Error('boom'); } });
    const { result } = renderHook(() => useSettings(), { wrapper: createWrapper(adapter) });
    await waitFor(() => expect(result.current.error).not.toBeNull());
    expect(result.current.error).toBeInstanceOf(UserAdminError);
    expect(result.current.error).toMatchObject({ code: 'unknown', message: 'boom' });
  });

  it('given an adapter whose fetch throws a TypeError, the hook reports code network', async () => {
    const adapter = createTestAdapter({ listRoles: async () => { throw new TypeError('Failed to fetch'); } });
    const { result } = renderHook(() => useRoles(), { wrapper: createWrapper(adapter) });
    await waitFor(() => expect(result.current.error?.code).toBe('network'));
  });

  it('given a failed page, refetch recovers once the adapter answers', async () => {
    const faults = createFaultInjector();
    faults.failNext('unavailable', { methods: ['listInvitations'] });
    const adapter = createMemoryAdapter(createMockStore({ userCount: 30 }), { faults });
    const { result } = renderHook(() => useInvitationList(), { wrapper: createWrapper(adapter) });
    await waitFor(() => expect(result.current.error?.code).toBe('unavailable'));
    act(() => result.current.refetch());
    await waitFor(() => expect(result.current.error).toBeNull());
    expect(result.current.total).toBeGreaterThan(0);
  });
});

describe('the first screen', () => {
  function holdingAdapter() {
    const started: string[] = [];
    const held = <T,>(name: string) => () => {
      started.push(name);
      return deferred<T>().promise;
    };
    const adapter = createTestAdapter({
      getSettings: held('getSettings'),
      listRoles: held('listRoles'),
      listModules: held('listModules'),
      listUsers: held<Page<User>>('listUsers'),
      getUserCounts: held('getUserCounts'),
    });
    return { adapter, started };
  }

  it('starts settings, roles, modules, the first users page and the counts in parallel, before any answers', async () => {
    const { adapter, started } = holdingAdapter();
    function FirstScreen() {
      useSettings();
      useRoles();
      useModules();
      const list = useUserList();
      useUserCounts({ search: list.state.search, filter: list.state.filter });
      return null;
    }
    const Wrapper = createWrapper(adapter);
    render(<Wrapper><FirstScreen /></Wrapper>);
    // No adapter call has resolved (they are all held open), so none could have waited for another.
    await waitFor(() => expect([...started].sort()).toEqual(['getSettings', 'getUserCounts', 'listModules', 'listRoles', 'listUsers']));
  });

  it('prefetchUserAdmin starts the same requests at once and fills the caches the hooks read', async () => {
    const { adapter, started } = holdingAdapter();
    const queryClient = createTestQueryClient();
    void prefetchUserAdmin(queryClient, adapter);
    await waitFor(() => expect([...started].sort()).toEqual(['getSettings', 'getUserCounts', 'listModules', 'listRoles', 'listUsers']));
    expect(queryClient.getQueryState(userAdminKeys.users.list({ pageIndex: 0, pageSize: 25 }))?.fetchStatus).toBe('fetching');
    expect(queryClient.getQueryState(userAdminKeys.users.counts({}))?.fetchStatus).toBe('fetching');
  });

  it('given a prefetched first page and the default 30 s staleTime, useUserList shows it at once without asking the adapter again', async () => {
    const adapter = createMemoryAdapter(createMockStore({ userCount: 30 }));
    const queryClient = createUserAdminQueryClient();
    await prefetchUserAdmin(queryClient, adapter);
    let calls = 0;
    const counted = { ...adapter, listUsers: (params: Parameters<typeof adapter.listUsers>[0]) => (calls++, adapter.listUsers(params)) };
    const { result } = renderHook(() => useUserList(), { wrapper: createWrapper(counted, queryClient) });
    expect(result.current.items).toHaveLength(25);
    expect(calls).toBe(0);
  });
});

describe('abort', () => {
  it('when the component unmounts mid-request, the signal passed to the adapter is aborted', async () => {
    const signals: AbortSignal[] = [];
    const adapter = createTestAdapter({
      listUsers: ({ signal }: CallOptions) => {
        signals.push(signal!);
        return new Promise<Page<User>>((_, reject) => {
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      },
    });
    const { unmount } = renderHook(() => useUserList(), { wrapper: createWrapper(adapter) });
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(signals[0]!.aborted).toBe(false);
    unmount();
    expect(signals[0]!.aborted).toBe(true);
  });
});

describe('entities by ids', () => {
  it('given more ids than a page may hold, asks for them in pages of at most MAX_PAGE_SIZE and returns them all', async () => {
    const ids = Array.from({ length: MAX_PAGE_SIZE * 2 + 500 }, (_, i) => `e${String(i).padStart(5, '0')}`);
    const asked: number[] = [];
    const adapter = createTestAdapter({
      listEntities: async ({ ids: wanted = [], pageSize }) => {
        asked.push(pageSize);
        if (pageSize > MAX_PAGE_SIZE) throw new UserAdminError('validation', 'page too large', { fieldErrors: { pageSize: 'too_long' } });
        return { items: wanted.map((id) => ({ id, name: id, kind: 'company' as const, parentId: null, childCount: 0 })), total: wanted.length };
      },
    });
    const entities = await createTestQueryClient().fetchQuery(entitiesByIdsQueryOptions(adapter, ids));
    expect(asked).toEqual([MAX_PAGE_SIZE, MAX_PAGE_SIZE, 500]);
    expect(entities.map((e) => e.id)).toEqual(ids);
  });
});
