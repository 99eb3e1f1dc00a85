import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROLE_IDS, SYSTEM_ACTOR_ID, createMemoryAdapter, createMockStore, type MockStore } from '../../../mocks';
import { CURRENT_ADMIN_ID, MODULE_IDS } from '../../../mocks/fixtures';
import { createWrapper, spyOnAdapter } from '../../../test/utils/test-adapter';
import { usePermissionMatrix, type UsePermissionMatrixOptions } from './usePermissionMatrix';

function renderMatrixHook(options: UsePermissionMatrixOptions, prepare: (store: MockStore) => void = () => undefined, actAs?: string) {
  const store = createMockStore({ userCount: 7 });
  prepare(store);
  const adapter = spyOnAdapter(createMemoryAdapter(actAs ? store.as(actAs) : store, { latencyMs: 0 }));
  return { store, adapter, ...renderHook(() => usePermissionMatrix(options), { wrapper: createWrapper(adapter) }) };
}

describe('usePermissionMatrix: the core decides', { timeout: 20_000 }, () => {
  it('roles: an admin of every entity at group level edits the presets', async () => {
    const { result } = renderMatrixHook({ source: 'roles' });
    await waitFor(() => expect(result.current.settings).toBeDefined());
    await waitFor(() => expect(result.current.rows.length).toBeGreaterThan(0));
    expect(result.current.readOnly).toBe(false);
    expect(result.current.readOnlyReason).toBeNull();
  });

  it('roles at entity level: read-only with outside_scope (checkRoleEdit), and a save sends nothing', async () => {
    const { result, adapter } = renderMatrixHook({ source: 'roles' }, (store) => store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } }));
    await waitFor(() => expect(result.current.settings).toBeDefined());
    await waitFor(() => expect(result.current.rows.length).toBeGreaterThan(0));
    expect(result.current.readOnly).toBe(true);
    expect(result.current.readOnlyReason).toBe('outside_scope');
    const current = result.current.baseline[ROLE_IDS.user]?.[MODULE_IDS.documents];
    act(() => result.current.setCell(ROLE_IDS.user, MODULE_IDS.documents, current === 'edit' ? 'view' : 'edit'));
    let saved!: Awaited<ReturnType<typeof result.current.save>>;
    await act(async () => {
      saved = await result.current.save();
    });
    expect(adapter.updateRole).not.toHaveBeenCalled();
    expect(saved.failed.map((failure) => failure.error.reason)).toEqual(['outside_scope']);
  });

  it('roles for an admin scoped to some entities: read-only with outside_scope', async () => {
    const { result } = renderMatrixHook({ source: 'roles' }, () => undefined, 'user-admin-2');
    await waitFor(() => expect(result.current.settings).toBeDefined());
    expect(result.current.readOnly).toBe(true);
    expect(result.current.readOnlyReason).toBe('outside_scope');
  });

  it('users: the last active admin (as the core counts them) cannot be demoted, the other pending demotions counted as done', async () => {
    const { result } = renderMatrixHook({ source: 'users' }, () => undefined, SYSTEM_ACTOR_ID);
    await waitFor(() => expect(result.current.rows.some((row) => row.id === 'user-admin-2')).toBe(true));
    await waitFor(() => expect(result.current.roleRefusal('user-admin-2', ROLE_IDS.user)).toBeNull());
    act(() => {
      result.current.setRole(CURRENT_ADMIN_ID, ROLE_IDS.user);
    });
    await waitFor(() => expect(result.current.roleRefusal('user-admin-2', ROLE_IDS.user)?.reason).toBe('last_admin'));
    // A change to another admin role is no demotion.
    expect(result.current.roleRefusal('user-admin-2', ROLE_IDS.admin)).toBeNull();
  });
});
