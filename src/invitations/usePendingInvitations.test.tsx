import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DAY_MS, FIXTURE_ROLES, createFaultInjector, createMemoryAdapter, createMockStore, type MockStoreOptions } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserCounts } from '../users/useUserCounts';
import { usePendingInvitations, type UsePendingInvitationsOptions } from './usePendingInvitations';

function setup(storeOptions: MockStoreOptions = { userCount: 80 }) {
  const store = createMockStore(storeOptions);
  const faults = createFaultInjector();
  const adapter = spyOnAdapter(createMemoryAdapter(store, { faults }));
  return { store, faults, adapter, wrapper: createWrapper(adapter) };
}

async function renderInvitations(options: UsePendingInvitationsOptions = {}, storeOptions?: MockStoreOptions) {
  const env = setup(storeOptions);
  const hook = renderHook((props: UsePendingInvitationsOptions) => usePendingInvitations({ now: env.store.clock.now, ...props }), {
    wrapper: env.wrapper,
    initialProps: options,
  });
  await waitFor(() => expect(hook.result.current.rows.length).toBeGreaterThan(0));
  return { ...env, ...hook };
}

describe('usePendingInvitations', () => {
  it('resolves each row’s role name and entity names', async () => {
    const { result, store } = await renderInvitations();
    await waitFor(() => expect(result.current.rows.every((row) => row.entities.every((entity) => entity.name !== null))).toBe(true));
    const row = result.current.rows.find((r) => r.invitation.roleId)!;
    expect(row.roleName).toBe(FIXTURE_ROLES.find((role) => role.id === row.invitation.roleId)!.name);
    const names = store.listEntities({ ids: row.invitation.entityIds, pageIndex: 0, pageSize: 50 }).items.map((e) => e.name);
    expect(row.entities.map((e) => e.name).sort()).toEqual(names.sort());
  });

  it('given the server says an invitation expired, its row is expired whatever the browser clock says', async () => {
    const { result, store } = await renderInvitations({ now: () => 0 });
    store.clock.advance(30 * DAY_MS);
    act(() => result.current.refetch());
    await waitFor(() => expect(result.current.rows.every((row) => row.expired)).toBe(true));
  });

  it('re-reads the time on its own every refreshIntervalMs, so relative expiries move without a reload', async () => {
    let current = 1_000;
    const { result } = await renderInvitations({ now: () => current, refreshIntervalMs: 20 });
    expect(result.current.now).toBe(1_000);
    current = 2_000;
    await waitFor(() => expect(result.current.now).toBe(2_000));
  });

  it('resending one invitation puts its new expiry in the row and reports it, without refetching the list', async () => {
    const { result, store, adapter } = await renderInvitations();
    const target = result.current.rows[0]!.invitation;
    const calls = adapter.listInvitations.mock.calls.length;
    store.clock.advance(DAY_MS);
    const outcome = await act(() => result.current.resend(target.id));
    expect(outcome).toMatchObject({ action: 'resend', scope: 'single', results: [{ id: target.id, email: target.email, ok: true }] });
    const resent = outcome.results[0]!.ok ? outcome.results[0]!.invitation : null;
    expect(Date.parse(resent!.expiresAt)).toBe(store.clock.now() + 7 * DAY_MS);
    expect(result.current.rows.find((row) => row.invitation.id === target.id)!.invitation.expiresAt).toBe(resent!.expiresAt);
    expect(result.current.outcome).toEqual(outcome);
    expect(adapter.listInvitations.mock.calls.length).toBe(calls);
  });

  it('given a failing server, resending leaves the row as it was and reports the error', async () => {
    const { result, faults } = await renderInvitations();
    const before = result.current.rows.map((row) => row.invitation);
    faults.failNext('unavailable', { methods: ['resendInvitation'] });
    const outcome = await act(() => result.current.resend(before[0]!.id));
    expect(outcome.results[0]).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(result.current.rows.map((row) => row.invitation)).toEqual(before);
    expect(result.current.rows[0]!.pendingAction).toBeNull();
  });

  it('while an action runs, its row says which one', async () => {
    const { result, faults } = await renderInvitations();
    faults.slowNext(50, { methods: ['revokeInvitation'] });
    const id = result.current.rows[0]!.invitation.id;
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.revoke(id);
    });
    expect(result.current.rows[0]!.pendingAction).toBe('revoke');
    await act(() => done);
    expect(result.current.rows.some((row) => row.invitation.id === id)).toBe(false);
  });

  it('revoking a selected invitation removes its row, deselects it and refetches the user counts', async () => {
    const env = setup();
    const { result } = renderHook(() => ({ list: usePendingInvitations(), counts: useUserCounts() }), { wrapper: env.wrapper });
    await waitFor(() => expect(result.current.list.rows.length).toBeGreaterThan(0));
    await waitFor(() => expect(result.current.counts.counts).toBeDefined());
    const invited = result.current.counts.counts!.invited;
    const target = result.current.list.rows.find((row) => row.invitation.kind === 'invitation')!.invitation;
    const total = result.current.list.total;
    act(() => result.current.list.toggleSelected(target.id));
    expect(result.current.list.selection).toEqual({ ids: [target.id], allMatching: false });

    await act(() => result.current.list.revoke(target.id));
    expect(result.current.list.rows.some((row) => row.invitation.id === target.id)).toBe(false);
    expect(result.current.list.total).toBe(total - 1);
    expect(result.current.list.selection).toEqual({ ids: [], allMatching: false });
    await waitFor(() => expect(result.current.counts.counts!.invited).toBe(invited - 1));
  });

  it('bulk resend with one failure reports per email, deselects the resent ones and keeps the failed one selected', async () => {
    const { result, faults } = await renderInvitations();
    const ids = result.current.rows.slice(0, 3).map((row) => row.invitation.id);
    const emails = result.current.rows.slice(0, 3).map((row) => row.invitation.email);
    act(() => result.current.setSelection({ ids, allMatching: false }));
    faults.failNext('rate_limited', { methods: ['resendInvitation'] });

    const outcome = await act(() => result.current.resendSelected());
    expect(outcome.scope).toBe('bulk');
    expect(outcome.results.map((r) => [r.email, r.ok])).toEqual([[emails[0], false], [emails[1], true], [emails[2], true]]);
    expect(result.current.selection).toEqual({ ids: [ids[0]], allMatching: false });
    expect(result.current.bulkPending).toBeNull();
  });

  it('bulk revoke with one failure removes the revoked rows and keeps the failed one, still selected', async () => {
    const { result, faults } = await renderInvitations();
    const ids = result.current.rows.slice(0, 3).map((row) => row.invitation.id);
    act(() => result.current.setSelection({ ids, allMatching: false }));
    expect(result.current.pageSelection).toBe('some');
    faults.failNext('conflict', { methods: ['revokeInvitation'] });

    const outcome = await act(() => result.current.revokeSelected());
    expect(outcome.results.filter((r) => !r.ok).map((r) => r.id)).toEqual([ids[0]]);
    const remaining = result.current.rows.map((row) => row.invitation.id);
    expect(remaining).toContain(ids[0]);
    expect(remaining).not.toContain(ids[1]);
    expect(remaining).not.toContain(ids[2]);
    expect(result.current.selection).toEqual({ ids: [ids[0]], allMatching: false });
  });

  it('given a controlled selection, selecting the page reports it to the host and keeps other pages’ ids', async () => {
    const onSelectionChange = vi.fn();
    const { result } = await renderInvitations({ selection: { ids: ['from-another-page'], allMatching: false }, onSelectionChange });
    act(() => result.current.setPageSelected(true));
    const pageIds = result.current.rows.map((row) => row.invitation.id);
    expect(onSelectionChange).toHaveBeenLastCalledWith({ ids: ['from-another-page', ...pageIds], allMatching: false });
    // Controlled: nothing changes until the host passes the new selection.
    expect(result.current.selection).toEqual({ ids: ['from-another-page'], allMatching: false });
  });

  it('“all matching” covers every invitation of the search over all pages: a bulk resend reads them page by page and sends each', async () => {
    const { result, store, adapter } = await renderInvitations({ defaultState: { pageSize: 2, status: 'pending' } });
    const matching = store.listInvitations({ pageIndex: 0, pageSize: 1000, status: 'pending' });
    expect(matching.total).toBeGreaterThan(2); // more than one page, or the case proves nothing
    act(() => result.current.setPageSelected(true));
    act(() => result.current.selectAllMatching());
    expect(result.current.selection).toEqual({ ids: [], allMatching: true });
    expect(result.current.selectedCount).toBe(matching.total);
    expect(result.current.pageSelection).toBe('all');
    expect(result.current.rows.every((row) => row.selected && result.current.isSelected(row.invitation.id))).toBe(true);

    const outcome = await act(() => result.current.resendSelected());
    expect(outcome.error).toBeUndefined();
    expect(outcome.results.map((r) => r.id).sort()).toEqual(matching.items.map((i) => i.id).sort());
    expect(outcome.results.every((r) => r.ok)).toBe(true);
    expect(adapter.resendInvitation).toHaveBeenCalledTimes(matching.total);
    expect(result.current.selection).toEqual({ ids: [], allMatching: false });
  });

  it('given the matching invitations cannot be read, an “all matching” bulk action sends nothing, says why and keeps the selection', async () => {
    const { result, faults, adapter } = await renderInvitations({ defaultState: { pageSize: 5 } });
    act(() => result.current.selectAllMatching());
    faults.failNext('unavailable', { methods: ['listInvitations'] });
    const outcome = await act(() => result.current.revokeSelected());
    expect(outcome.error?.code).toBe('unavailable');
    expect(outcome.results).toEqual([]);
    expect(adapter.revokeInvitation).not.toHaveBeenCalled();
    expect(result.current.selection).toEqual({ ids: [], allMatching: true });
    expect(result.current.bulkPending).toBeNull();
  });

  it('a new search ends “all matching”; unticking one row of it keeps the rest of the page selected', async () => {
    const { result } = await renderInvitations({ defaultState: { pageSize: 5 } });
    act(() => result.current.selectAllMatching());
    const [first, ...others] = result.current.rows.map((row) => row.invitation.id);
    act(() => result.current.toggleSelected(first!, false));
    expect(result.current.selection).toEqual({ ids: others, allMatching: false });

    act(() => result.current.selectAllMatching());
    act(() => result.current.setSearch('a'));
    await waitFor(() => expect(result.current.selection).toEqual({ ids: [], allMatching: false }));
  });

  it('given every row of the last page revoked, the list goes back to the previous page', async () => {
    const { result } = await renderInvitations({ defaultState: { pageSize: 5 } });
    const pages = result.current.pageCount;
    act(() => result.current.setPageIndex(pages - 1));
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    act(() => result.current.setPageSelected(true));
    await act(() => result.current.revokeSelected());
    await waitFor(() => expect(result.current.state.pageIndex).toBe(pages - 2));
    await waitFor(() => expect(result.current.rows.length).toBe(5));
  });

  it('given an expired invitation under the deactivate policy, resending it refetches the users counts (the user is invited again); a pending one does not', async () => {
    const env = setup({ userCount: 80, settings: { invitation: { ttlDays: 7, onExpiry: 'deactivate' } } });
    const { result } = renderHook(() => ({ list: usePendingInvitations({ now: env.store.clock.now }), counts: useUserCounts() }), { wrapper: env.wrapper });
    await waitFor(() => expect(result.current.list.rows.some((row) => !row.expired)).toBe(true));
    await waitFor(() => expect(result.current.counts.counts).toBeDefined());
    const countCalls = () => env.adapter.getUserCounts.mock.calls.length;
    const before = countCalls();
    await act(() => result.current.list.resend(result.current.list.rows.find((row) => !row.expired)!.invitation.id));
    expect(countCalls()).toBe(before);

    const expired = result.current.list.rows.find((row) => row.expired && row.invitation.kind === 'invitation')!.invitation;
    const invited = result.current.counts.counts!.invited;
    await act(() => result.current.list.resend(expired.id));
    await waitFor(() => expect(result.current.counts.counts!.invited).toBe(invited + 1));
    expect(result.current.list.rows.find((row) => row.invitation.id === expired.id)!.expired).toBe(false);
  });

  it('exposes the SSO enforcement from the settings', async () => {
    const { result } = await renderInvitations({}, { userCount: 40, settings: { sso: { enforced: true, providerName: 'Okta' } } });
    await waitFor(() => expect(result.current.sso).toEqual({ enforced: true, providerName: 'Okta' }));
  });

  it('under enforced SSO offers no resend: one or the selection report sso_enforced and nothing is sent', async () => {
    const { result, adapter } = await renderInvitations({}, { userCount: 40, settings: { sso: { enforced: true, providerName: 'Okta' } } });
    await waitFor(() => expect(result.current.canResend).toBe(false));
    const [first, second] = result.current.rows.map((row) => row.invitation.id);
    const single = await act(() => result.current.resend(first!));
    expect(single.results).toEqual([expect.objectContaining({ id: first, ok: false, error: expect.objectContaining({ reason: 'sso_enforced' }) })]);
    act(() => result.current.setSelection({ ids: [first!, second!], allMatching: false }));
    const bulk = await act(() => result.current.resendSelected());
    expect(bulk.results.map((r) => [r.id, r.ok])).toEqual([[first, false], [second, false]]);
    expect(adapter.resendInvitation).not.toHaveBeenCalled();
  });

  it('without SSO, invitations can be sent again', async () => {
    const { result } = await renderInvitations({}, { userCount: 40 });
    await waitFor(() => expect(result.current.canResend).toBe(true));
  });
});

describe('usePendingInvitations: invitations outside the acting admin scope (the core decides)', { timeout: 20_000 }, () => {
  async function atEntityLevel() {
    const env = setup();
    env.store.inviteUsers({ input: { emails: ['in.france@acme.fr'], roleId: FIXTURE_ROLES.find((role) => !role.isAdmin)!.id, entityIds: ['entity-acme-france'], scope: 'entity' } });
    env.store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } });
    const hook = renderHook(() => usePendingInvitations({ now: env.store.clock.now, defaultState: { pageSize: 50 } }), { wrapper: env.wrapper });
    await waitFor(() => expect(hook.result.current.rows.length).toBeGreaterThan(0));
    // Once the entities are known, the rows outside the workspace entity are refused.
    await waitFor(() => expect(hook.result.current.rows.some((row) => row.refusals.revoke === 'outside_scope')).toBe(true));
    return { ...env, ...hook };
  }

  it('resend and revoke of an invitation outside the scope are refused with outside_scope; one inside is not', async () => {
    const { result } = await atEntityLevel();
    const outside = result.current.rows.filter((row) => row.refusals.revoke === 'outside_scope');
    for (const row of outside) expect(row.refusals.resend).toBe('outside_scope');
    const inside = result.current.rows.filter((row) => row.refusals.revoke === null);
    expect(inside.length).toBeGreaterThan(0);
    for (const row of inside) expect(row.refusals.resend).toBeNull();
  });

  it('resending or revoking one outside the scope sends nothing and reports outside_scope', async () => {
    const { result, adapter } = await atEntityLevel();
    const row = result.current.rows.find((r) => r.refusals.revoke === 'outside_scope')!;
    let outcome!: Awaited<ReturnType<typeof result.current.resend>>;
    await act(async () => {
      outcome = await result.current.resend(row.invitation.id);
    });
    expect(outcome.results[0]).toMatchObject({ ok: false, error: expect.objectContaining({ reason: 'outside_scope' }) });
    await act(async () => {
      outcome = await result.current.revoke(row.invitation.id);
    });
    expect(outcome.results[0]).toMatchObject({ ok: false, error: expect.objectContaining({ reason: 'outside_scope' }) });
    expect(adapter.resendInvitation).not.toHaveBeenCalled();
    expect(adapter.revokeInvitation).not.toHaveBeenCalled();
  });

  it('a bulk revoke sends only the invitations in scope; the others report outside_scope and stay selected', async () => {
    const { result, adapter } = await atEntityLevel();
    const outside = result.current.rows.find((r) => r.refusals.revoke === 'outside_scope')!.invitation.id;
    const inside = result.current.rows.find((r) => r.refusals.revoke === null)!.invitation.id;
    act(() => result.current.setSelection({ ids: [outside, inside], allMatching: false }));
    let outcome!: Awaited<ReturnType<typeof result.current.revokeSelected>>;
    await act(async () => {
      outcome = await result.current.revokeSelected();
    });
    const sent = adapter.revokeInvitation.mock.calls.map(([params]) => params.id);
    expect(sent).toEqual([inside]);
    expect(outcome.results.map((r) => [r.id, r.ok])).toEqual([[outside, false], [inside, true]]);
    expect(result.current.selection).toEqual({ ids: [outside], allMatching: false });
  });
});
