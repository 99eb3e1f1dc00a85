import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { CURRENT_ADMIN_ID } from '../../mocks/fixtures';
import { UserAdminError } from '../contract/errors';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserTable } from './useUserTable';

async function renderTable() {
  const store = createMockStore({ userCount: 30 });
  const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: 0 }));
  const view = renderHook(() => useUserTable({ defaultState: { pageSize: 10 } }), { wrapper: createWrapper(adapter) });
  await waitFor(() => expect(view.result.current.list.items.length).toBeGreaterThan(0));
  // The admin count loads on first need (a row's menu or action), as on the screen: ask about a row once.
  await act(async () => void view.result.current.actionAvailability(view.result.current.list.items[0]!, 'deactivate'));
  await waitFor(() => expect(view.result.current.activeAdminCount).toBeDefined());
  const pageCalls = () => adapter.listUsers.mock.calls.filter(([params]) => params.pageSize === 10).length;
  return { store, adapter, pageCalls, ...view };
}

describe('useUserTable: row actions carry the row version', { timeout: 20_000 }, () => {
  it('deactivate and remove send the row user\'s version as expectedVersion, and none when the row has none', async () => {
    const { adapter, result } = await renderTable();
    const [a, b] = result.current.list.items.filter((u) => u.status === 'active' && u.id !== CURRENT_ADMIN_ID);
    adapter.setUserStatus.mockRejectedValueOnce(new UserAdminError('unavailable'));
    await act(() => result.current.runRowAction({ ...a!, version: 'v-a' }, 'deactivate'));
    expect(adapter.setUserStatus.mock.calls[0]![0]).toMatchObject({ id: a!.id, status: 'deactivated', expectedVersion: 'v-a' });
    adapter.removeUser.mockRejectedValueOnce(new UserAdminError('unavailable'));
    await act(() => result.current.runRowAction({ ...b!, version: 'v-b' }, 'remove'));
    expect(adapter.removeUser.mock.calls[0]![0]).toMatchObject({ id: b!.id, expectedVersion: 'v-b' });
    const { version: _none, ...unversioned } = a!;
    adapter.setUserStatus.mockRejectedValueOnce(new UserAdminError('unavailable'));
    await act(() => result.current.runRowAction(unversioned, 'deactivate'));
    expect('expectedVersion' in adapter.setUserStatus.mock.calls[1]![0]).toBe(false);
  });

  it('a stale refusal reports the reason, leaves the row as the server has it and refetches the list', async () => {
    const { adapter, result, pageCalls, store } = await renderTable();
    const target = result.current.list.items.find((u) => u.status === 'active' && u.id !== CURRENT_ADMIN_ID)!;
    const before = pageCalls();
    adapter.setUserStatus.mockRejectedValueOnce(new UserAdminError('conflict', 'stale', { reason: 'stale' }));
    const outcome = await act(() => result.current.runRowAction({ ...target, version: 'old' }, 'deactivate'));
    expect(outcome).toMatchObject({ ok: false, error: expect.objectContaining({ code: 'conflict', reason: 'stale' }) });
    expect(result.current.lastRowAction?.error?.reason).toBe('stale');
    await waitFor(() => expect(pageCalls()).toBeGreaterThan(before));
    // Nothing was deactivated: the row and the store still say active.
    expect(store.getUser({ id: target.id }).status).toBe('active');
    expect(result.current.list.items.find((u) => u.id === target.id)!.status).toBe('active');
  });
});
