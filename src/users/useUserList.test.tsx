import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserList, type UserListState } from './useUserList';

function setup(options: { userCount?: number; latencyMs?: number } = {}) {
  const store = createMockStore({ userCount: options.userCount ?? 60 });
  const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: options.latencyMs ?? 0 }));
  return { store, adapter, wrapper: createWrapper(adapter) };
}

describe('useUserList', () => {
  it('given 60 users and a page size of 25, loads the first page with its total and page count', async () => {
    const { adapter, wrapper } = setup();
    const { result } = renderHook(() => useUserList(), { wrapper });
    expect(result.current.isLoading).toBe(true);
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.items).toHaveLength(25);
    expect(result.current.total).toBe(60);
    expect(result.current.pageCount).toBe(3);
    expect(adapter.listUsers).toHaveBeenCalledWith(expect.objectContaining({ pageIndex: 0, pageSize: 25 }));
  });

  it('reads the deprecated `initialState` when no `defaultState` is given; `defaultState` wins over it', async () => {
    const { adapter, wrapper } = setup();
    const legacy = renderHook(() => useUserList({ initialState: { pageSize: 10 } }), { wrapper });
    await waitFor(() => expect(legacy.result.current.items).toHaveLength(10));
    const both = renderHook(() => useUserList({ initialState: { pageSize: 10 }, defaultState: { pageSize: 50 } }), { wrapper });
    await waitFor(() => expect(both.result.current.items).toHaveLength(50));
    expect(adapter.listUsers).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 50 }));
  });

  it('when the page changes, keeps the previous page on screen until the next one arrives', async () => {
    const { wrapper } = setup({ latencyMs: 30 });
    const { result } = renderHook(() => useUserList({ defaultState: { pageSize: 10 } }), { wrapper });
    await waitFor(() => expect(result.current.items).toHaveLength(10));
    const firstPageIds = result.current.items.map((u) => u.id);

    act(() => result.current.setPageIndex(1));
    expect(result.current.state.pageIndex).toBe(1);
    expect(result.current.isPlaceholderData).toBe(true);
    expect(result.current.items.map((u) => u.id)).toEqual(firstPageIds);

    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    const secondPageIds = result.current.items.map((u) => u.id);
    expect(secondPageIds).toHaveLength(10);
    expect(secondPageIds.some((id) => firstPageIds.includes(id))).toBe(false);
  });

  it('given page 3, changing the sort goes back to page 1 and returns the rows in the new order', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useUserList({ defaultState: { pageSize: 10, pageIndex: 2 } }), { wrapper });
    await waitFor(() => expect(result.current.items).toHaveLength(10));

    act(() => result.current.setSort({ field: 'email', direction: 'desc' }));
    expect(result.current.state.pageIndex).toBe(0);
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    const emails = result.current.items.map((u) => u.email);
    expect(emails).toEqual([...emails].sort((a, b) => b.localeCompare(a)));
  });

  it('given page 2, searching goes back to page 1 and returns only matching users', async () => {
    const { store, wrapper } = setup();
    const target = store.listUsers({ pageIndex: 0, pageSize: 60 }).items[30]!;
    const { result } = renderHook(() => useUserList({ defaultState: { pageIndex: 1 } }), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));

    act(() => result.current.setSearch(target.email));
    expect(result.current.state).toMatchObject({ pageIndex: 0, search: target.email });
    await waitFor(() => expect(result.current.items.map((u) => u.id)).toEqual([target.id]));
    expect(result.current.total).toBe(1);
  });

  it('given page 2, filtering by status goes back to page 1 and returns only users with that status', async () => {
    const { store, wrapper } = setup();
    const deactivated = store.getUserCounts().deactivated;
    expect(deactivated).toBeGreaterThan(0);
    const { result } = renderHook(() => useUserList({ defaultState: { pageIndex: 1 } }), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));

    act(() => result.current.setFilter({ status: ['deactivated'] }));
    expect(result.current.state.pageIndex).toBe(0);
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    expect(result.current.items.length).toBeGreaterThan(0);
    expect(result.current.items.every((u) => u.status === 'deactivated')).toBe(true);
  });

  it('given page 2, changing the page size goes back to page 1', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useUserList({ defaultState: { pageIndex: 1 } }), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    act(() => result.current.setPageSize(50));
    expect(result.current.state).toMatchObject({ pageIndex: 0, pageSize: 50 });
    await waitFor(() => expect(result.current.items).toHaveLength(50));
  });

  it('given two changes in one event, both apply (the second sees the first)', async () => {
    const { wrapper } = setup();
    const { result } = renderHook(() => useUserList(), { wrapper });
    act(() => {
      result.current.setSearch('a');
      result.current.setPageIndex(1);
    });
    expect(result.current.state).toMatchObject({ search: 'a', pageIndex: 1 });
  });

  it('given a controlled state, reports changes through onStateChange and shows only what the host passes', async () => {
    const { adapter, wrapper } = setup();
    const onStateChange = vi.fn<(next: UserListState) => void>();
    const { result, rerender } = renderHook(
      ({ pageIndex }: { pageIndex: number }) => useUserList({ state: { pageIndex, search: 'x' }, onStateChange }),
      { wrapper, initialProps: { pageIndex: 2 } },
    );
    expect(result.current.state).toMatchObject({ pageIndex: 2, search: 'x' });

    act(() => result.current.setFilter({ kind: 'contact' }));
    expect(onStateChange).toHaveBeenLastCalledWith(expect.objectContaining({ pageIndex: 0, search: 'x', filter: { kind: 'contact' } }));
    // The host has not applied the page change yet: the page stays where the host says.
    expect(result.current.state.pageIndex).toBe(2);
    // The filter is not controlled, so it is applied internally.
    expect(result.current.state.filter).toEqual({ kind: 'contact' });

    rerender({ pageIndex: 0 });
    expect(result.current.state.pageIndex).toBe(0);
    await waitFor(() =>
      expect(adapter.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ pageIndex: 0, search: 'x', filter: { kind: 'contact' } }),
      ),
    );
  });
});
