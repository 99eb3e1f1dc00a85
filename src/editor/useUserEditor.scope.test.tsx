import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROLE_IDS, SYSTEM_ACTOR_ID, createFaultInjector, createMemoryAdapter, createMockStore, type MockStore } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserEditor, type UseUserEditorOptions } from './useUserEditor';

function renderEditorHook(prepare: (store: MockStore) => void, options: UseUserEditorOptions = {}) {
  const store = createMockStore({ userCount: 7 });
  prepare(store);
  const adapter = spyOnAdapter(createMemoryAdapter(store, { faults: createFaultInjector() }));
  return { store, adapter, ...renderHook(() => useUserEditor(options), { wrapper: createWrapper(adapter) }) };
}

describe('useUserEditor and where the admin works (the core decides)', () => {
  it('at entity level, a new user starts as an entity user in the workspace entity, and "all entities" is not offered as an admin scope', async () => {
    const { result } = renderEditorHook((store) => store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } }));
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.form.getValues('scope')).toBe('entity');
    expect(result.current.form.getValues('entityIds')).toEqual(['entity-acme-france']);
    expect(result.current.canGrantAllEntities).toBe(false);
    act(() => result.current.setRole(ROLE_IDS.admin));
    expect(result.current.form.getValues('adminScopeType')).toBe('entities');
    expect(result.current.form.getValues('adminScopeEntityIds')).toEqual(['entity-acme-france']);
  });

  it('at group level, an admin of every entity creates a group user and may grant "all entities"', async () => {
    const { result } = renderEditorHook(() => undefined);
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.form.getValues('scope')).toBe('group');
    expect(result.current.form.getValues('entityIds')).toEqual([]);
    expect(result.current.canGrantAllEntities).toBe(true);
    expect(result.current.form.getValues('adminScopeType')).toBe('all');
  });

  it('editing oneself: a demotion is refused with self_action before anything is sent', async () => {
    const { result, adapter } = renderEditorHook(() => undefined, { userId: 'user-admin' });
    await waitFor(() => expect(result.current.user).not.toBeNull());
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.accessRefusal).toBeNull();
    act(() => result.current.setRole(ROLE_IDS.user));
    await waitFor(() => expect(result.current.accessRefusal?.reason).toBe('self_action'));
    let outcome: string | undefined;
    await act(async () => {
      outcome = await result.current.submit();
    });
    expect(outcome).toBe('failed');
    expect(result.current.submitError?.reason).toBe('self_action');
    expect(adapter.updateUser).not.toHaveBeenCalled();
  });

  it('a scoped admin editing a user who reaches an entity outside their scope gets outside_scope', async () => {
    const { result } = renderEditorHook(
      (store) => {
        store.as(SYSTEM_ACTOR_ID).updateUser({ id: 'user-jose', patch: { entityIds: ['entity-acme-madrid'] } });
        store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } });
      },
      { userId: 'user-jose' },
    );
    await waitFor(() => expect(result.current.user).not.toBeNull());
    await waitFor(() => expect(result.current.accessRefusal?.reason).toBe('outside_scope'));
  });
});
