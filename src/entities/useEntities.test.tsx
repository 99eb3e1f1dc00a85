import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../contract/types';
import { ROOT_ENTITY_ID, createMemoryAdapter, createMockStore } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useEntitiesByIds, useEntityChildren, useEntitySearch } from './useEntities';

function setup() {
  const store = createMockStore({ userCount: 10, entityCount: 12 });
  const adapter = spyOnAdapter(createMemoryAdapter(store));
  return { store, adapter, wrapper: createWrapper(adapter) };
}

describe('useEntitySearch', () => {
  it('loads the first page, then appends the next one on demand until every match is loaded', async () => {
    const { store, wrapper } = setup();
    const all = store.listEntities({ pageIndex: 0, pageSize: 100 });
    const { result } = renderHook(() => useEntitySearch({ pageSize: 5 }), { wrapper });
    await waitFor(() => expect(result.current.items).toHaveLength(5));
    expect(result.current.total).toBe(all.total);
    expect(result.current.hasNextPage).toBe(true);

    act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.items).toHaveLength(Math.min(10, all.total)));
    expect(result.current.items.map((e) => e.id)).toEqual(all.items.slice(0, 10).map((e) => e.id));
  });

  it('given a search, passes it to the adapter and returns only matching entities', async () => {
    const { store, adapter, wrapper } = setup();
    const name = store.listEntities({ pageIndex: 0, pageSize: 100 }).items[3]!.name;
    const { result } = renderHook(() => useEntitySearch({ search: name }), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(adapter.listEntities).toHaveBeenCalledWith(expect.objectContaining({ search: name, pageIndex: 0 }));
    expect(result.current.items.some((e) => e.name === name)).toBe(true);
  });
});

describe('useEntityChildren', () => {
  it('given a closed node, fetches nothing; once it opens, fetches only its children', async () => {
    const { adapter, wrapper } = setup();
    const { result, rerender } = renderHook(({ open }: { open: boolean }) => useEntityChildren(ROOT_ENTITY_ID, { enabled: open }), {
      wrapper,
      initialProps: { open: false },
    });
    expect(result.current.isLoading).toBe(false);
    expect(adapter.listEntities).not.toHaveBeenCalled();

    rerender({ open: true });
    await waitFor(() => expect(result.current.items.length).toBeGreaterThan(0));
    expect(adapter.listEntities).toHaveBeenCalledWith(expect.objectContaining({ parentId: ROOT_ENTITY_ID }));
    expect(result.current.items.every((e) => e.parentId === ROOT_ENTITY_ID)).toBe(true);
  });
});

describe('useEntitiesByIds', () => {
  it('labels a selection by id, in one request', async () => {
    const { store, adapter, wrapper } = setup();
    const [a, b] = store.listEntities({ pageIndex: 0, pageSize: 2 }).items as [Entity, Entity];
    const { result } = renderHook(() => useEntitiesByIds([b.id, a.id]), { wrapper });
    await waitFor(() => expect(result.current.byId.size).toBe(2));
    expect(result.current.byId.get(a.id)?.name).toBe(a.name);
    expect(adapter.listEntities).toHaveBeenCalledTimes(1);
  });

  it('given no ids, fetches nothing', () => {
    const { adapter, wrapper } = setup();
    const { result } = renderHook(() => useEntitiesByIds([]), { wrapper });
    expect(result.current.byId.size).toBe(0);
    expect(adapter.listEntities).not.toHaveBeenCalled();
  });
});
