import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import { CURRENT_ADMIN_ID } from '../../mocks/fixtures';
import type { User, UserAdminAdapter } from '../contract/types';
import { isUserAdminError } from '../contract/errors';
import { userAdminKeys } from '../query/keys';
import { createTestQueryClient, createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useSendPasswordReset } from './useSendPasswordReset';
import { useUserTable } from './useUserTable';

function setup(options: { without?: boolean } = {}) {
  const store = createMockStore({ userCount: 40 });
  const faults = createFaultInjector();
  let base: UserAdminAdapter = createMemoryAdapter(store, { latencyMs: 0, faults });
  if (options.without) {
    const { sendPasswordReset: _, ...rest } = base;
    base = rest;
  }
  const adapter = spyOnAdapter(base);
  const queryClient = createTestQueryClient();
  return { store, faults, adapter, queryClient, wrapper: createWrapper(adapter, queryClient) };
}

describe('useSendPasswordReset', { timeout: 20_000 }, () => {
  it('given an active login user, sends the link once and resolves with where it went and until when', async () => {
    const context = setup();
    const { result } = renderHook(() => useSendPasswordReset(), { wrapper: context.wrapper });
    let answer: unknown;
    await act(async () => {
      answer = await result.current.mutateAsync({ id: 'user-jose' });
    });
    const sent = context.store.sentPasswordResets();
    expect(answer).toEqual({ sentTo: 'jose.garcia@acme.es', expiresAt: sent[0]!.expiresAt });
    expect(context.adapter.sendPasswordReset).toHaveBeenCalledTimes(1);
    expect(sent.map((r) => r.userId)).toEqual(['user-jose']);
  });

  it('given an adapter without sendPasswordReset, fails with forbidden and calls nothing', async () => {
    const context = setup({ without: true });
    const { result } = renderHook(() => useSendPasswordReset(), { wrapper: context.wrapper });
    let error: unknown;
    await act(async () => {
      error = await result.current.mutateAsync({ id: 'user-jose' }).catch((e: unknown) => e);
    });
    expect(isUserAdminError(error) && error.code).toBe('forbidden');
    expect(context.store.sentPasswordResets()).toEqual([]);
  });

  it("given a refusal the screen could not foresee (the user was deactivated elsewhere), rejects with the reason and reads the user again", async () => {
    const context = setup();
    context.queryClient.setQueryData(userAdminKeys.users.detail('user-jose'), context.store.getUser({ id: 'user-jose' }));
    context.store.setUserStatus({ id: 'user-jose', status: 'deactivated' });
    const { result } = renderHook(() => useSendPasswordReset(), { wrapper: context.wrapper });
    let error: unknown;
    await act(async () => {
      error = await result.current.mutateAsync({ id: 'user-jose' }).catch((e: unknown) => e);
    });
    expect(isUserAdminError(error) && [error.code, error.reason]).toEqual(['conflict', 'password_reset_not_applicable']);
    expect(context.queryClient.getQueryState(userAdminKeys.users.detail('user-jose'))?.isInvalidated).toBe(true);
  });
});

describe("useUserTable's sendPasswordReset row action", { timeout: 20_000 }, () => {
  async function renderTable(context: ReturnType<typeof setup>) {
    const view = renderHook(() => useUserTable({ defaultState: { pageSize: 40, filter: {} } }), { wrapper: context.wrapper });
    await waitFor(() => expect(view.result.current.list.items.length).toBeGreaterThan(0));
    await waitFor(() => expect(view.result.current.settings).toBeDefined());
    return view;
  }
  const activeOther = (items: User[]) => items.find((u) => u.status === 'active' && u.kind === 'login' && u.id !== CURRENT_ADMIN_ID)!;

  it('runs it for an active login user: the outcome carries where the link went, and the row is unchanged', async () => {
    const context = setup();
    const { result } = await renderTable(context);
    const target = activeOther(result.current.list.items);
    expect(result.current.actionAvailability(target, 'sendPasswordReset')).toEqual({ visible: true, allowed: true, reason: null });
    await act(async () => void (await result.current.runRowAction(target, 'sendPasswordReset')));
    expect(result.current.lastRowAction).toMatchObject({ action: 'sendPasswordReset', ok: true, user: { id: target.id }, passwordReset: { sentTo: target.email } });
    expect(result.current.list.items.find((u) => u.id === target.id)).toEqual(target);
    expect(context.store.sentPasswordResets().map((r) => r.userId)).toEqual([target.id]);
  });

  it('refuses it without calling the adapter for an invited user (not offered), and says so in the outcome', async () => {
    const context = setup();
    const { result } = await renderTable(context);
    const invited = result.current.list.items.find((u) => u.status === 'invited')!;
    expect(result.current.actionAvailability(invited, 'sendPasswordReset').visible).toBe(false);
    await act(async () => void (await result.current.runRowAction(invited, 'sendPasswordReset')));
    expect(result.current.lastRowAction).toMatchObject({ action: 'sendPasswordReset', ok: false });
    expect(context.adapter.sendPasswordReset).not.toHaveBeenCalled();
  });

  it('given a failing server, the outcome carries the error and nothing was sent', async () => {
    const context = setup();
    const { result } = await renderTable(context);
    const target = activeOther(result.current.list.items);
    context.faults.failNext('unavailable', { methods: ['sendPasswordReset'] });
    await act(async () => void (await result.current.runRowAction(target, 'sendPasswordReset')));
    expect(result.current.lastRowAction).toMatchObject({ action: 'sendPasswordReset', ok: false, error: { code: 'unavailable' } });
    expect(context.store.sentPasswordResets()).toEqual([]);
  });
});
