import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { User, UserFilter } from '../contract/types';
import { EMPTY_LIST_SELECTION, type ListSelection } from '../query/selection';
import { createTestAdapter, createWrapper } from '../../test/utils/test-adapter';
import { useUserList } from './useUserList';
import { useUserSelection, type UseUserSelectionOptions } from './useUserSelection';

const PAGE = [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }];
const NO_FILTER: UserFilter = {};

/** The hook over a fixed page of three rows out of 40 matching, with the given selection options. */
function renderSelection(options: Partial<UseUserSelectionOptions> = {}) {
  const base: UseUserSelectionOptions = { search: '', filter: NO_FILTER, page: PAGE, total: 40, ...options };
  return renderHook((props: UseUserSelectionOptions) => useUserSelection(props), {
    initialProps: base,
    wrapper: createWrapper(createTestAdapter()),
  });
}

describe('useUserSelection', () => {
  it('uncontrolled: starts from defaultSelection, keeps its own changes and reports each to onSelectionChange', () => {
    const onSelectionChange = vi.fn();
    const { result } = renderSelection({ defaultSelection: { ids: ['u2'], allMatching: false }, onSelectionChange });
    expect(result.current.selection).toEqual({ ids: ['u2'], allMatching: false });
    expect(result.current.rowSelection).toEqual({ u2: true });
    expect(result.current.selectedCount).toBe(1);

    act(() => result.current.setSelection({ ids: ['u1', 'u3', 'elsewhere'], allMatching: false }));
    expect(result.current.selection.ids).toEqual(['u1', 'u3', 'elsewhere']);
    expect(result.current.selectedCount).toBe(3);
    expect(result.current.isPageSelected).toBe(false);
    expect(onSelectionChange).toHaveBeenLastCalledWith({ ids: ['u1', 'u3', 'elsewhere'], allMatching: false });

    act(() => result.current.clearSelection());
    expect(result.current.selection).toBe(EMPTY_LIST_SELECTION);
    expect(result.current.selectedCount).toBe(0);
    expect(onSelectionChange).toHaveBeenCalledTimes(2);
  });

  it('controlled: shows the given selection, asks onSelectionChange for a change and shows it only once the host passes it', () => {
    const onSelectionChange = vi.fn();
    const given: ListSelection = { ids: ['u1'], allMatching: false };
    const { result, rerender } = renderSelection({ selection: given, onSelectionChange });
    const props = { search: '', filter: NO_FILTER, page: PAGE, total: 40, selection: given, onSelectionChange };

    act(() => result.current.selectAllMatching());
    expect(onSelectionChange).toHaveBeenCalledWith({ ids: [], allMatching: true });
    expect(result.current.selection).toBe(given);
    expect(result.current.selectedCount).toBe(1);

    rerender({ ...props, selection: { ids: [], allMatching: true } });
    expect(result.current.selection.allMatching).toBe(true);
    expect(result.current.selectedCount).toBe(40);
  });

  it('every row of the page ticked through the table: the page is selected', () => {
    const { result } = renderSelection();
    expect(result.current.isPageSelected).toBe(false);
    act(() => result.current.onRowSelectionChange(Object.fromEntries(PAGE.map((row) => [row.id, true]))));
    expect(result.current.selection).toEqual({ ids: ['u1', 'u2', 'u3'], allMatching: false });
    expect(result.current.isPageSelected).toBe(true);
  });

  it('all matching: every row of the page shows selected; unticking one keeps the rest of the page, and only that', () => {
    const { result } = renderSelection();
    act(() => result.current.selectAllMatching());
    expect(result.current.selectedCount).toBe(40);
    expect(result.current.isPageSelected).toBe(true);
    expect(result.current.rowSelection).toEqual({ u1: true, u2: true, u3: true });

    // TanStack's updater for unticking u2, applied to the row selection of the latest render.
    act(() => result.current.onRowSelectionChange((current) => {
      const { u2: _untick, ...rest } = current;
      return rest;
    }));
    expect(result.current.selection).toEqual({ ids: ['u1', 'u3'], allMatching: false });
    expect(result.current.selectedCount).toBe(2);
    expect(result.current.isPageSelected).toBe(false);
  });

  it('deselect takes one id out and leaves an unrelated selection as it was', () => {
    const onSelectionChange = vi.fn();
    const { result } = renderSelection({ defaultSelection: { ids: ['u1', 'u2'], allMatching: false }, onSelectionChange });
    act(() => result.current.deselect('u1'));
    expect(result.current.selection.ids).toEqual(['u2']);
    const before = result.current.selection;
    act(() => result.current.deselect('not-selected'));
    expect(result.current.selection).toBe(before);
    expect(onSelectionChange).toHaveBeenCalledTimes(1);
  });

  it('a new search or filter clears the selection; the same search with spaces does not', () => {
    const { result, rerender } = renderSelection({ defaultSelection: { ids: ['u1'], allMatching: false } });
    const props = { filter: NO_FILTER, page: PAGE, total: 40 };

    rerender({ ...props, search: '  ' });
    expect(result.current.selection.ids).toEqual(['u1']);

    rerender({ ...props, search: 'ada' });
    expect(result.current.selection).toBe(EMPTY_LIST_SELECTION);

    act(() => result.current.selectAllMatching());
    rerender({ ...props, search: 'ada', filter: { status: ['active'] } });
    expect(result.current.selection).toBe(EMPTY_LIST_SELECTION);
    expect(result.current.selectedCount).toBe(0);
  });

  it('over a real list: all matching counts the list total, and a search typed into the list clears it', async () => {
    const users = Array.from({ length: 12 }, (_, i) => ({ id: `user-${i}` }) as User);
    const listUsers = vi.fn(async ({ pageIndex, pageSize, search }: { pageIndex: number; pageSize: number; search?: string }) => {
      const matching = search ? users.slice(0, 2) : users;
      return { items: matching.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize), total: matching.length };
    });
    const { result } = renderHook(
      () => {
        const list = useUserList({ defaultState: { pageSize: 5 } });
        const selection = useUserSelection({ search: list.state.search, filter: list.state.filter, page: list.items, total: list.total });
        return { list, selection };
      },
      { wrapper: createWrapper(createTestAdapter({ listUsers })) },
    );
    await waitFor(() => expect(result.current.list.items).toHaveLength(5));

    act(() => result.current.selection.selectAllMatching());
    expect(result.current.selection.selectedCount).toBe(12);
    expect(Object.keys(result.current.selection.rowSelection)).toEqual(users.slice(0, 5).map((user) => user.id));

    act(() => result.current.list.setSearch('user-0'));
    expect(result.current.selection.selection).toBe(EMPTY_LIST_SELECTION);
    await waitFor(() => expect(result.current.list.total).toBe(2));
    expect(result.current.selection.selectedCount).toBe(0);
  });
});
