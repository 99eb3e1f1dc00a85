import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore, MODULE_IDS, ROLE_IDS } from '../../mocks';
import { userAdminKeys } from '../query/keys';
import { createTestQueryClient, createWrapper } from '../../test/utils/test-adapter';
import type { Role } from '../contract/types';
import { useRoles } from '../settings/useRoles';
import { useUpdateRole } from './useUpdateRole';

describe('useUpdateRole', () => {
  it('given a role preset change, saves it through updateRole and updates the cached roles', async () => {
    const store = createMockStore({ userCount: 7 });
    const queryClient = createTestQueryClient();
    const { result } = renderHook(() => ({ roles: useRoles(), update: useUpdateRole() }), {
      wrapper: createWrapper(createMemoryAdapter(store, { latencyMs: 0 }), queryClient),
    });
    await waitFor(() => expect(result.current.roles.data).toBeDefined());
    const defaultPermissions = { [MODULE_IDS.documents]: 'edit', [MODULE_IDS.signature]: 'on' };
    await result.current.update.mutateAsync({ id: ROLE_IDS.user, patch: { defaultPermissions } });
    expect(store.listRoles().find((r) => r.id === ROLE_IDS.user)!.defaultPermissions).toEqual(defaultPermissions);
    await waitFor(() =>
      expect(queryClient.getQueryData<Role[]>(userAdminKeys.roles())!.find((r) => r.id === ROLE_IDS.user)!.defaultPermissions).toEqual(defaultPermissions),
    );
  });

  it('given an adapter without updateRole, fails with forbidden and changes nothing', async () => {
    const store = createMockStore({ userCount: 7 });
    const { updateRole: _omitted, ...adapter } = createMemoryAdapter(store, { latencyMs: 0 });
    const { result } = renderHook(() => useUpdateRole(), { wrapper: createWrapper(adapter) });
    await expect(result.current.mutateAsync({ id: ROLE_IDS.user, patch: { defaultPermissions: {} } })).rejects.toMatchObject({ code: 'forbidden' });
    expect(store.listRoles().find((r) => r.id === ROLE_IDS.user)!.defaultPermissions).not.toEqual({});
  });

  it('given an admin-only module in a non-admin preset, the store refuses and the error carries the reason', async () => {
    const store = createMockStore({ userCount: 7 });
    const { result } = renderHook(() => useUpdateRole(), { wrapper: createWrapper(createMemoryAdapter(store, { latencyMs: 0 })) });
    await expect(
      result.current.mutateAsync({ id: ROLE_IDS.user, patch: { defaultPermissions: { [MODULE_IDS.pricing]: 'view' } } }),
    ).rejects.toMatchObject({ code: 'validation', reason: 'admin_only_module' });
  });
});
