import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR_ID, createMemoryAdapter, createMockStore } from '../../../mocks';
import { MODULE_IDS } from '../../../mocks/fixtures';
import { createWrapper, spyOnAdapter } from '../../../test/utils/test-adapter';
import { UserAdminError } from '../../contract/errors';
import { usePermissionMatrix } from './usePermissionMatrix';

const ID = 'user-jose';

function setup() {
  const store = createMockStore({ userCount: 7 });
  const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: 0 }));
  const hook = renderHook(() => usePermissionMatrix({ source: 'users', pageSize: 50 }), { wrapper: createWrapper(adapter) });
  return { store, adapter, other: store.as(SYSTEM_ACTOR_ID), ...hook };
}

const other = (level: string, levels: string[]) => levels.find((l) => l !== level)!;

describe('usePermissionMatrix: only what changed, measured from when the row opened', { timeout: 20_000 }, () => {
  it('sends only the changed cells over the latest values: a cell someone else changed meanwhile is not reverted, and expectedVersion is the opening version', async () => {
    const { store, adapter, other: elsewhere, result } = setup();
    await waitFor(() => expect(result.current.rows.some((row) => row.id === ID)).toBe(true));
    const opened = store.getUser({ id: ID });
    const documents = other(result.current.baseline[ID]![MODULE_IDS.documents] ?? 'none', ['none', 'view', 'edit']);
    act(() => result.current.setCell(ID, MODULE_IDS.documents, documents));

    // Someone else changes another module of the same user, and the list refetches.
    const reports = other(opened.permissions[MODULE_IDS.reports] ?? 'none', ['none', 'view', 'export']);
    elsewhere.updateUser({ id: ID, patch: { permissions: { ...opened.permissions, [MODULE_IDS.reports]: reports } } });
    const theirs = store.getUser({ id: ID }).version;
    await act(async () => {
      result.current.list!.refetch();
    });
    await waitFor(() => expect(result.current.baseline[ID]?.[MODULE_IDS.reports]).toBe(reports));
    expect(result.current.draft[ID]?.[MODULE_IDS.documents]).toBe(documents);

    let saved = await act(() => result.current.save());
    const first = adapter.updateUser.mock.calls[0]![0];
    expect(first.patch.roleId).toBeUndefined();
    expect(first.expectedVersion).toBe(opened.version);
    // The store has versions: it refuses the write (the user changed since the row opened), the
    // row starts again from theirs, keeping the admin's cell, and saving again goes through.
    expect(opened.version).toBeDefined();
    expect(saved.failed.map((f) => f.error.reason)).toEqual(['stale']);
    await waitFor(() => expect(result.current.pending[ID]?.[MODULE_IDS.reports]).toBe(reports));
    expect(result.current.pending[ID]?.[MODULE_IDS.documents]).toBe(documents);
    saved = await act(() => result.current.save());
    expect(adapter.updateUser.mock.calls[1]![0].expectedVersion).toBe(theirs);
    expect(saved.saved).toEqual([ID]);
    expect(store.getUser({ id: ID }).permissions).toMatchObject({ [MODULE_IDS.documents]: documents, [MODULE_IDS.reports]: reports });
  });

  it('a row whose cells are set back to their opening values sends nothing', async () => {
    const { adapter, result } = setup();
    await waitFor(() => expect(result.current.rows.some((row) => row.id === ID)).toBe(true));
    const start = result.current.baseline[ID]![MODULE_IDS.documents] ?? 'none';
    act(() => result.current.setCell(ID, MODULE_IDS.documents, other(start, ['none', 'view', 'edit'])));
    act(() => result.current.setCell(ID, MODULE_IDS.documents, start));
    const saved = await act(() => result.current.save());
    expect(adapter.updateUser).not.toHaveBeenCalled();
    expect(saved.failed).toEqual([]);
  });

  it('a save whose answer was lost after the backend applied it reloads the rows, which show what the backend holds', async () => {
    const { store, adapter, result } = setup();
    await waitFor(() => expect(result.current.rows.some((row) => row.id === ID)).toBe(true));
    const documents = other(result.current.baseline[ID]![MODULE_IDS.documents] ?? 'none', ['none', 'view', 'edit']);
    act(() => result.current.setCell(ID, MODULE_IDS.documents, documents));
    // The write goes through, then the connection drops: the screen cannot know.
    const apply = adapter.updateUser.getMockImplementation()!;
    adapter.updateUser.mockImplementationOnce(async (params) => {
      await apply(params);
      throw new UserAdminError('network', 'connection lost after the request was sent');
    });
    const listed = adapter.listUsers.mock.calls.length;
    const saved = await act(() => result.current.save());
    expect(saved.failed.map((f) => f.error.code)).toEqual(['network']);
    expect(store.getUser({ id: ID }).permissions[MODULE_IDS.documents]).toBe(documents);
    await waitFor(() => expect(adapter.listUsers.mock.calls.length).toBeGreaterThan(listed));
    await waitFor(() => expect(result.current.baseline[ID]?.[MODULE_IDS.documents]).toBe(documents));
  });
});
