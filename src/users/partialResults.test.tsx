import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { CURRENT_ADMIN_ID } from '../../mocks/fixtures';
import { UserAdminError } from '../contract/errors';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUpdateUser } from './useUpdateUser';
import { useUserTable } from './useUserTable';

async function renderTable() {
  const store = createMockStore({ userCount: 30 });
  const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: 0 }));
  const wrapper = createWrapper(adapter);
  const view = renderHook(() => ({ table: useUserTable({ defaultState: { pageSize: 10 } }), update: useUpdateUser() }), { wrapper });
  await waitFor(() => expect(view.result.current.table.list.items.length).toBeGreaterThan(0));
  // The admin count loads on first need (a row's menu or action), as on the screen: ask about a row once.
  await act(async () => void view.result.current.table.actionAvailability(view.result.current.table.list.items[0]!, 'deactivate'));
  await waitFor(() => expect(view.result.current.table.activeAdminCount).toBeDefined());
  const pageCalls = () => adapter.listUsers.mock.calls.filter(([params]) => params.pageSize === 10).length;
  return { store, adapter, pageCalls, ...view };
}

describe('after a partial result the lists refetch', { timeout: 20_000 }, () => {
  it('a bulk deactivation with some failures refetches the users and invitations lists', async () => {
    const { adapter, result, pageCalls } = await renderTable();
    const ids = result.current.table.list.items.filter((u) => u.status === 'active' && u.id !== CURRENT_ADMIN_ID).slice(0, 2).map((u) => u.id);
    adapter.setUsersStatus!.mockResolvedValueOnce({
      results: [
        { id: ids[0]!, ok: true },
        { id: ids[1]!, ok: false, error: new UserAdminError('unavailable').toJSON() },
      ],
    });
    const before = pageCalls();
    act(() => result.current.table.setSelection({ ids, allMatching: false }));
    await act(() => result.current.table.runBulkAction('deactivate'));
    await waitFor(() => expect(pageCalls()).toBeGreaterThan(before));
  });

  it('a write refused as partially_applied refetches the lists', async () => {
    const { adapter, result, pageCalls } = await renderTable();
    const target = result.current.table.list.items[0]!;
    adapter.updateUser.mockRejectedValueOnce(new UserAdminError('unavailable', 'half', { reason: 'partially_applied' }));
    const before = pageCalls();
    await act(async () => {
      await result.current.update.mutateAsync({ id: target.id, patch: { phone: '+33 6 00 00 00 00' } }).catch(() => undefined);
    });
    await waitFor(() => expect(pageCalls()).toBeGreaterThan(before));
  });
});
