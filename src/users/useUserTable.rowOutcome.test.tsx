import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { CURRENT_ADMIN_ID } from '../../mocks/fixtures';
import type { User } from '../contract/types';
import { createWrapper } from '../../test/utils/test-adapter';
import { useUserTable } from './useUserTable';

async function renderTable() {
  const store = createMockStore({ userCount: 60 });
  const wrapper = createWrapper(createMemoryAdapter(store, { latencyMs: 0 }));
  const view = renderHook(() => useUserTable({ defaultState: { pageSize: 10 } }), { wrapper });
  await waitFor(() => expect(view.result.current.list.items.length).toBeGreaterThan(0));
  await waitFor(() => expect(view.result.current.settings).toBeDefined());
  await act(async () => void view.result.current.actionAvailability(view.result.current.list.items[0]!, 'deactivate'));
  await waitFor(() => expect(view.result.current.activeAdminCount).toBeDefined());
  return view;
}

const activeOthers = (items: User[]) => items.filter((u) => u.status === 'active' && u.kind === 'login' && u.id !== CURRENT_ADMIN_ID);

describe('the row-action banner (useUserTable.lastRowAction)', { timeout: 20_000 }, () => {
  it('given the outcome of a row action, goes as soon as a newer row action starts, then shows the newer one', async () => {
    const { result } = await renderTable();
    const [first, second] = activeOthers(result.current.list.items);
    await act(async () => void (await result.current.runRowAction(first!, 'deactivate')));
    expect(result.current.lastRowAction).toMatchObject({ action: 'deactivate', user: { id: first!.id } });
    let running!: Promise<unknown>;
    act(() => {
      running = result.current.runRowAction(second!, 'deactivate');
    });
    // The newer action has started and not finished: the old banner is gone.
    expect(result.current.lastRowAction).toBeNull();
    await act(async () => void (await running));
    expect(result.current.lastRowAction).toMatchObject({ action: 'deactivate', user: { id: second!.id } });
  });

  it('given the outcome of a row action, goes when the list changes page, and when it changes search', async () => {
    const { result } = await renderTable();
    const [first, second] = activeOthers(result.current.list.items);
    await act(async () => void (await result.current.runRowAction(first!, 'deactivate')));
    expect(result.current.lastRowAction).not.toBeNull();
    act(() => result.current.list.setPageIndex(1));
    expect(result.current.lastRowAction).toBeNull();

    act(() => result.current.list.setPageIndex(0));
    await waitFor(() => expect(result.current.list.items.some((u) => u.id === second!.id)).toBe(true));
    await act(async () => void (await result.current.runRowAction(second!, 'deactivate')));
    expect(result.current.lastRowAction).not.toBeNull();
    act(() => result.current.list.setSearch('acme'));
    expect(result.current.lastRowAction).toBeNull();
  });

  it('given the outcome of a row action, is dismissable, and a bulk action (a newer action) takes it away too', async () => {
    const { result } = await renderTable();
    const [first, second] = activeOthers(result.current.list.items);
    await act(async () => void (await result.current.runRowAction(first!, 'deactivate')));
    act(() => result.current.dismissRowAction());
    expect(result.current.lastRowAction).toBeNull();

    await act(async () => void (await result.current.runRowAction(first!, 'reactivate')));
    expect(result.current.lastRowAction).not.toBeNull();
    act(() => result.current.setSelection({ ids: [second!.id], allMatching: false }));
    await act(async () => void (await result.current.runBulkAction('deactivate')));
    expect(result.current.lastRowAction).toBeNull();
    expect(result.current.bulkOutcome).not.toBeNull();
  });
});
