import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UserAdminAdapter } from '../contract/types';
import { CURRENT_ADMIN_ID, createMemoryAdapter, createMockStore } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useAccessDiagnostics } from './useAccessDiagnostics';

describe('useAccessDiagnostics', () => {
  it('given an adapter without getAccessDiagnostics, reports isSupported false and stays idle', () => {
    const { getAccessDiagnostics: _omit, ...rest } = createMemoryAdapter(createMockStore({ userCount: 10 }));
    const adapter: UserAdminAdapter = rest;
    const { result } = renderHook(() => useAccessDiagnostics('u1'), { wrapper: createWrapper(adapter) });
    expect(result.current.isSupported).toBe(false);
    expect(result.current.fetchStatus).toBe('idle');
    expect(result.current.data).toBeUndefined();
  });

  it("given an adapter with it, loads the user's sign-in failures", async () => {
    const store = createMockStore({ userCount: 10 });
    const adapter = spyOnAdapter(createMemoryAdapter(store));
    const { result } = renderHook(() => useAccessDiagnostics(CURRENT_ADMIN_ID), { wrapper: createWrapper(adapter) });
    expect(result.current.isSupported).toBe(true);
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(result.current.data).toEqual(store.getAccessDiagnostics({ userId: CURRENT_ADMIN_ID }));
    expect(adapter.getAccessDiagnostics).toHaveBeenCalledWith(expect.objectContaining({ userId: CURRENT_ADMIN_ID }));
  });
});
