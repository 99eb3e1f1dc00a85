import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR_ID, createFaultInjector, createMemoryAdapter, createMockStore, type MockStoreOptions } from '../../mocks';
import { CURRENT_ADMIN_ID, MODULE_IDS, ROLE_IDS } from '../../mocks/fixtures';
import type { UserAdminAdapter } from '../contract/types';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserTable, type UseUserTableOptions } from './useUserTable';

function setup(options: { store?: MockStoreOptions; withoutBulk?: boolean; actAs?: string } = {}) {
  const store = createMockStore({ userCount: 60, ...options.store });
  const faults = createFaultInjector();
  const memory = createMemoryAdapter(options.actAs ? store.as(options.actAs) : store, { latencyMs: 0, faults });
  let base: UserAdminAdapter = memory;
  if (options.withoutBulk) {
    const { setUsersStatus: _s, removeUsers: _r, ...rest } = memory;
    base = rest;
  }
  const adapter = spyOnAdapter(base);
  return { store, faults, adapter, wrapper: createWrapper(adapter) };
}

/** `listUsers` calls that load a page of the list (not the 1-row count requests). */
function pageCalls(adapter: ReturnType<typeof setup>['adapter'], pageSize: number) {
  return adapter.listUsers.mock.calls.filter(([params]) => params.pageSize === pageSize);
}

async function renderTable(context: ReturnType<typeof setup>, options: UseUserTableOptions = {}) {
  const view = renderHook(() => useUserTable({ defaultState: { pageSize: 10 }, ...options }), { wrapper: context.wrapper });
  await waitFor(() => expect(view.result.current.list.items.length).toBeGreaterThan(0));
  await waitFor(() => expect(view.result.current.settings).toBeDefined());
  await waitFor(() => expect(view.result.current.counts.counts).toBeDefined());
  // The admin count loads on first need (a row's menu or action), as on the screen: ask about a row once.
  await act(async () => void view.result.current.actionAvailability(view.result.current.list.items[0]!, 'deactivate'));
  await waitFor(() => expect(view.result.current.activeAdminCount).toBeDefined());
  return view;
}

describe('useUserTable', { timeout: 20_000 }, () => {
  describe('sorting, paging, search', () => {
    it('toggling the sort of the email column asks the server for email ascending, then descending, then its own order', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      const email = () => result.current.table.getColumn('email')!;
      expect(email().getCanSort()).toBe(true);
      expect(result.current.table.getColumn('entities')!.getCanSort()).toBe(false);

      act(() => email().toggleSorting());
      expect(result.current.list.state.sort).toEqual({ field: 'email', direction: 'asc' });
      await waitFor(() => expect(email().getIsSorted()).toBe('asc'));
      await waitFor(() => {
        const emails = result.current.list.items.map((u) => u.email);
        expect(emails).toEqual([...emails].sort((a, b) => a.localeCompare(b)));
      });
      act(() => email().toggleSorting(true));
      expect(result.current.list.state.sort).toEqual({ field: 'email', direction: 'desc' });
      expect(context.adapter.listUsers).toHaveBeenLastCalledWith(expect.objectContaining({ sort: { field: 'email', direction: 'desc' } }));
      act(() => email().clearSorting());
      expect(result.current.list.state.sort).toBeNull();
    });

    it('the last sign-in column sorts by lastSignInAt on the server', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      act(() => result.current.table.getColumn('lastSignIn')!.toggleSorting(false));
      await waitFor(() =>
        expect(context.adapter.listUsers).toHaveBeenLastCalledWith(expect.objectContaining({ sort: { field: 'lastSignInAt', direction: 'asc' } })),
      );
    });

    it('given a search, going to the next page keeps the search in the request', async () => {
      const context = setup({ store: { userCount: 200 } });
      const { result } = await renderTable(context);
      act(() => result.current.list.setSearch('acme'));
      await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
      expect(result.current.list.pageCount).toBeGreaterThan(1);
      act(() => result.current.table.nextPage());
      expect(result.current.list.state).toMatchObject({ pageIndex: 1, search: 'acme' });
      await waitFor(() =>
        expect(context.adapter.listUsers).toHaveBeenLastCalledWith(expect.objectContaining({ pageIndex: 1, search: 'acme', pageSize: 10 })),
      );
    });

    it('changing the page size through the table goes back to the first page', async () => {
      const context = setup();
      const { result } = await renderTable(context, { defaultState: { pageSize: 10, pageIndex: 2 } });
      act(() => result.current.table.setPageSize(25));
      expect(result.current.list.state).toMatchObject({ pageIndex: 0, pageSize: 25 });
      await waitFor(() => expect(result.current.list.items).toHaveLength(25));
    });
  });

  describe('views and filters', () => {
    for (const [view, check] of [
      ['active', (u: { status: string; kind: string }) => u.status === 'active' && u.kind === 'login'],
      ['invited', (u: { status: string; kind: string }) => u.status === 'invited' && u.kind === 'login'],
      ['deactivated', (u: { status: string; kind: string }) => u.status === 'deactivated' && u.kind === 'login'],
      ['contacts', (u: { status: string; kind: string }) => u.kind === 'contact'],
    ] as const) {
      it(`switching to the ${view} view lists only those users, and its count is the total`, async () => {
        const context = setup({ store: { userCount: 120 } });
        const { result } = await renderTable(context);
        act(() => result.current.setView(view));
        expect(result.current.view).toBe(view);
        await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
        await waitFor(() => expect(result.current.list.items.length).toBeGreaterThan(0));
        expect(result.current.list.items.every(check)).toBe(true);
        expect(result.current.list.total).toBe(result.current.views.find((v) => v.view === view)!.count);
      });
    }

    it('the all view is the default and counts everyone', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      expect(result.current.view).toBe('all');
      expect(result.current.views.find((v) => v.view === 'all')!.count).toBe(60);
      expect(result.current.list.total).toBe(60);
    });

    it('a role filter keeps the view and lists only users with that role; the counts follow it', async () => {
      const context = setup({ store: { userCount: 120 } });
      const { result } = await renderTable(context);
      act(() => result.current.setView('active'));
      act(() => result.current.updateFilter({ roleIds: [ROLE_IDS.communication] }));
      expect(result.current.view).toBe('active');
      expect(result.current.isNarrowed).toBe(true);
      await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
      expect(result.current.list.items.every((u) => u.roleId === ROLE_IDS.communication && u.status === 'active')).toBe(true);
      await waitFor(() => expect(result.current.views.find((v) => v.view === 'active')!.count).toBe(result.current.list.total));
    });

    it('an entity filter lists only users reaching that entity', async () => {
      const context = setup({ store: { userCount: 120 } });
      const { result } = await renderTable(context);
      act(() => result.current.updateFilter({ entityIds: ['entity-acme-paris'] }));
      await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
      expect(result.current.list.items.length).toBeGreaterThan(0);
      expect(result.current.list.items.every((u) => u.entityIds.includes('entity-acme-paris'))).toBe(true);
    });

    it('a scope filter lists only group (multi-entity) users, and a kind filter only login users', async () => {
      const context = setup({ store: { userCount: 120 } });
      const { result } = await renderTable(context);
      act(() => result.current.updateFilter({ scope: 'group' }));
      await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
      expect(result.current.list.items.every((u) => u.scope === 'group')).toBe(true);
      act(() => result.current.updateFilter({ scope: undefined, kind: 'login' }));
      await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
      expect(result.current.list.state.filter).toEqual({ kind: 'login' });
      expect(result.current.list.items.every((u) => u.kind === 'login')).toBe(true);
    });

    it('clearing search and filters keeps the view', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      act(() => {
        result.current.setView('invited');
        result.current.updateFilter({ scope: 'entity' });
        result.current.list.setSearch('zz');
      });
      act(() => result.current.clearSearchAndFilters());
      expect(result.current.list.state.search).toBe('');
      expect(result.current.list.state.filter).toEqual({ kind: 'login', status: ['invited'] });
      expect(result.current.isNarrowed).toBe(false);
    });
  });

  describe('row actions', () => {
    it('deactivating a user updates that row and the counts without refetching the list page', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      const target = result.current.list.items.find((u) => u.status === 'active' && u.id !== CURRENT_ADMIN_ID && u.roleId !== ROLE_IDS.admin)!;
      const before = result.current.counts.counts!;
      const listCalls = pageCalls(context.adapter, 10).length;

      let outcome!: Awaited<ReturnType<typeof result.current.runRowAction>>;
      await act(async () => {
        outcome = await result.current.runRowAction(target, 'deactivate');
      });
      expect(outcome.ok).toBe(true);
      expect(result.current.list.items.find((u) => u.id === target.id)!.status).toBe('deactivated');
      await waitFor(() => expect(result.current.counts.counts!.deactivated).toBe(before.deactivated + 1));
      expect(result.current.counts.counts!.active).toBe(before.active - 1);
      expect(pageCalls(context.adapter, 10)).toHaveLength(listCalls);
      expect(result.current.lastRowAction).toMatchObject({ action: 'deactivate', ok: true });
    });

    it('given the server is unavailable, deactivating leaves the row as it was and reports why', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      const target = result.current.list.items.find((u) => u.status === 'active' && u.id !== CURRENT_ADMIN_ID)!;
      context.faults.failNext('unavailable', { methods: ['setUserStatus'] });
      await act(async () => {
        await result.current.runRowAction(target, 'deactivate');
      });
      expect(result.current.list.items.find((u) => u.id === target.id)!.status).toBe('active');
      expect(result.current.lastRowAction).toMatchObject({ action: 'deactivate', ok: false, error: expect.objectContaining({ code: 'unavailable' }) });
      expect(context.store.getUser({ id: target.id }).status).toBe('active');
      expect(result.current.pendingRowActions.size).toBe(0);
    });

    it('reactivating a deactivated user makes the row active again', async () => {
      const context = setup();
      const { result } = await renderTable(context, { defaultState: { pageSize: 10, filter: { kind: 'login', status: ['deactivated'] } } });
      const target = result.current.list.items.find((u) => u.lastSignInAt !== null)!;
      expect(result.current.actionAvailability(target, 'reactivate')).toEqual({ visible: true, allowed: true, reason: null });
      expect(result.current.actionAvailability(target, 'deactivate').visible).toBe(false);
      await act(async () => {
        await result.current.runRowAction(target, 'reactivate');
      });
      expect(result.current.list.items.find((u) => u.id === target.id)!.status).toBe('active');
    });

    it('removing a user takes the row out of the page and lowers the total, without refetching the page', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      const target = result.current.list.items.find((u) => u.id !== CURRENT_ADMIN_ID && u.roleId !== ROLE_IDS.admin)!;
      const listCalls = pageCalls(context.adapter, 10).length;
      await act(async () => {
        await result.current.runRowAction(target, 'remove');
      });
      expect(result.current.list.items.some((u) => u.id === target.id)).toBe(false);
      expect(result.current.list.total).toBe(59);
      await waitFor(() => expect(result.current.counts.counts!.all).toBe(59));
      expect(pageCalls(context.adapter, 10)).toHaveLength(listCalls);
    });

    it('given a failure, removing keeps the row and reports the error', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      const target = result.current.list.items.find((u) => u.id !== CURRENT_ADMIN_ID && u.roleId !== ROLE_IDS.admin)!;
      context.faults.failNext('network', { methods: ['removeUser'] });
      await act(async () => {
        await result.current.runRowAction(target, 'remove');
      });
      expect(result.current.list.items.some((u) => u.id === target.id)).toBe(true);
      expect(result.current.list.total).toBe(60);
      expect(result.current.lastRowAction?.error?.code).toBe('network');
    });

    it('resending an invitation gives the row its new expiry; a failure leaves it as it was', async () => {
      const context = setup();
      const { result } = await renderTable(context, { defaultState: { pageSize: 10, filter: { kind: 'login', status: ['invited'] } } });
      const [first, second] = result.current.list.items;
      expect(result.current.actionAvailability(first!, 'resendInvitation').allowed).toBe(true);
      context.store.clock.advance(60_000);
      await act(async () => {
        await result.current.runRowAction(first!, 'resendInvitation');
      });
      const after = result.current.list.items.find((u) => u.id === first!.id)!;
      expect(Date.parse(after.invitation!.expiresAt)).toBe(context.store.clock.now() + 7 * 86_400_000);

      context.faults.failNext('rate_limited', { methods: ['resendInvitation'] });
      await act(async () => {
        await result.current.runRowAction(second!, 'resendInvitation');
      });
      expect(result.current.list.items.find((u) => u.id === second!.id)!.invitation).toEqual(second!.invitation);
      expect(result.current.lastRowAction?.error?.code).toBe('rate_limited');
    });

    it('edit is offered only when onEditUser is given, and calls it with the user', async () => {
      const context = setup();
      const edited: string[] = [];
      const { result, rerender } = await renderTable(context);
      const user = result.current.list.items[0]!;
      expect(result.current.actionAvailability(user, 'edit').visible).toBe(false);
      const withEdit = renderHook(() => useUserTable({ onEditUser: (u) => edited.push(u.id) }), { wrapper: context.wrapper });
      await waitFor(() => expect(withEdit.result.current.list.items.length).toBeGreaterThan(0));
      expect(withEdit.result.current.actionAvailability(user, 'edit').visible).toBe(true);
      await act(async () => {
        await withEdit.result.current.runRowAction(user, 'edit');
      });
      expect(edited).toEqual([user.id]);
      rerender();
    });
  });

  describe('guards', () => {
    it('the current admin cannot deactivate or remove themself: the actions are disabled with the self reason', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      const me = context.store.getUser({ id: CURRENT_ADMIN_ID });
      expect(result.current.actionAvailability(me, 'deactivate')).toEqual({ visible: true, allowed: false, reason: 'self_action' });
      expect(result.current.actionAvailability(me, 'remove')).toEqual({ visible: true, allowed: false, reason: 'self_action' });
      await act(async () => {
        await result.current.runRowAction(me, 'remove');
      });
      expect(context.adapter.removeUser).not.toHaveBeenCalled();
      expect(result.current.lastRowAction?.error?.reason).toBe('self_action');
    });

    it('given one active admin besides nobody else, that admin cannot be deactivated or removed (last admin)', async () => {
      // The screen acts as the operator (no user): Alice steps down and Karim stays the only active admin.
      const context = setup({ store: { userCount: 7 }, actAs: SYSTEM_ACTOR_ID });
      context.store.as(SYSTEM_ACTOR_ID).updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } });
      const { result } = await renderTable(context);
      await waitFor(() => expect(result.current.activeAdminCount).toBe(1));
      const karim = result.current.list.items.find((u) => u.id === 'user-admin-2')!;
      expect(result.current.actionAvailability(karim, 'deactivate')).toEqual({ visible: true, allowed: false, reason: 'last_admin' });
      expect(result.current.actionAvailability(karim, 'remove')).toEqual({ visible: true, allowed: false, reason: 'last_admin' });
      const jose = result.current.list.items.find((u) => u.id === 'user-jose')!;
      expect(result.current.actionAvailability(jose, 'remove').allowed).toBe(true);
    });

    it('with two active admins, deactivating one makes the other the last admin', async () => {
      const context = setup({ store: { userCount: 7 }, actAs: SYSTEM_ACTOR_ID });
      context.store.as(SYSTEM_ACTOR_ID).updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } });
      context.store.as(SYSTEM_ACTOR_ID).updateUser({ id: 'user-jose', patch: { roleId: ROLE_IDS.admin } });
      const { result } = await renderTable(context);
      await waitFor(() => expect(result.current.activeAdminCount).toBe(2));
      const karim = result.current.list.items.find((u) => u.id === 'user-admin-2')!;
      const jose = result.current.list.items.find((u) => u.id === 'user-jose')!;
      expect(result.current.actionAvailability(karim, 'deactivate').allowed).toBe(true);
      await act(async () => {
        await result.current.runRowAction(jose, 'deactivate');
      });
      await waitFor(() => expect(result.current.actionAvailability(karim, 'deactivate').reason).toBe('last_admin'));
    });

    it('at entity level, a user outside the workspace entity is read-only, and a bulk action sends only the users in scope', async () => {
      const context = setup({ store: { userCount: 7 } });
      const operator = context.store.as(SYSTEM_ACTOR_ID);
      operator.updateUser({ id: 'user-jose', patch: { entityIds: ['entity-acme-madrid'] } });
      operator.updateUser({ id: 'user-francoise', patch: { entityIds: ['entity-acme-paris', 'entity-acme-lyon'] } });
      context.store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } });
      const { result } = await renderTable(context);
      const jose = result.current.list.items.find((u) => u.id === 'user-jose')!;
      const francoise = result.current.list.items.find((u) => u.id === 'user-francoise')!;
      await waitFor(() => expect(result.current.isReadOnly(jose)).toBe(true));
      expect(result.current.isReadOnly(francoise)).toBe(false);
      for (const action of ['edit', 'deactivate', 'remove'] as const) {
        expect(result.current.actionAvailability(jose, action)).toEqual(action === 'edit'
          ? { visible: false, allowed: false, reason: null } // no onEditUser here
          : { visible: true, allowed: false, reason: 'outside_scope' });
      }
      act(() => result.current.setSelection({ ids: ['user-jose', 'user-francoise'], allMatching: false }));
      let outcome!: Awaited<ReturnType<typeof result.current.runBulkAction>>;
      await act(async () => {
        outcome = await result.current.runBulkAction('deactivate');
      });
      expect(context.adapter.setUsersStatus).toHaveBeenCalledTimes(1);
      expect(context.adapter.setUsersStatus.mock.calls[0]![0].ids).toEqual(['user-francoise']);
      expect(outcome.failed.map((item) => [item.id, item.error?.reason])).toEqual([['user-jose', 'outside_scope']]);
      expect(context.store.getUser({ id: 'user-jose' }).status).toBe('active');
    });

    it('under SSO enforcement, resending an invitation is not offered', async () => {
      const context = setup({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
      const { result } = await renderTable(context, { defaultState: { pageSize: 10, filter: { kind: 'login', status: ['invited'] } } });
      expect(result.current.actionAvailability(result.current.list.items[0]!, 'resendInvitation').visible).toBe(false);
    });
  });

  describe('selection and bulk actions', () => {
    it('selection is kept across pages and cleared when the search changes', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      act(() => result.current.table.getRowModel().rows[0]!.toggleSelected(true));
      const firstId = result.current.list.items[0]!.id;
      act(() => result.current.table.nextPage());
      await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
      act(() => result.current.table.getRowModel().rows[1]!.toggleSelected(true));
      expect(result.current.selection.ids).toEqual([firstId, result.current.list.items[1]!.id]);
      expect(result.current.selectedCount).toBe(2);
      act(() => result.current.list.setSearch('a'));
      await waitFor(() => expect(result.current.selectedCount).toBe(0));
    });

    it('selecting all matching counts the total; unticking a row falls back to the rows of the page', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      act(() => result.current.selectAllMatching());
      expect(result.current.selectedCount).toBe(60);
      expect(result.current.isPageSelected).toBe(true);
      expect(result.current.table.getRowModel().rows.every((row) => row.getIsSelected())).toBe(true);
      act(() => result.current.table.getRowModel().rows[0]!.toggleSelected(false));
      expect(result.current.selection.allMatching).toBe(false);
      expect(result.current.selectedCount).toBe(9);
    });

    it('deactivating all matching users over several pages reports each failure by name and reason, and keeps those selected', async () => {
      const context = setup({ store: { userCount: 60 }, withoutBulk: true });
      const { result } = await renderTable(context, { concurrency: 3 });
      act(() => result.current.setView('active'));
      await waitFor(() => expect(result.current.list.isPlaceholderData).toBe(false));
      const activeTotal = result.current.list.total;
      expect(activeTotal).toBeGreaterThan(10);
      act(() => result.current.selectAllMatching());
      context.faults.failNext('unavailable', { methods: ['setUserStatus'], count: 2 });

      let outcome!: Awaited<ReturnType<typeof result.current.runBulkAction>>;
      await act(async () => {
        outcome = await result.current.runBulkAction('deactivate');
      });
      expect(outcome.error).toBeNull();
      expect(outcome.items).toHaveLength(activeTotal);
      // The current admin is refused by the guard; two more by the server.
      const reasons = outcome.failed.map((item) => item.error?.reason ?? item.error?.code);
      expect(reasons.sort()).toEqual(['self_action', 'unavailable', 'unavailable']);
      expect(outcome.failed.find((item) => item.id === CURRENT_ADMIN_ID)!.name).toBe('Alice Martin');
      expect(outcome.failed.every((item) => item.name !== item.id)).toBe(true);
      expect(outcome.succeeded).toBe(activeTotal - 3);
      expect(result.current.selection).toEqual({ ids: outcome.failed.map((item) => item.id), allMatching: false });
      expect(result.current.bulkOutcome).toBe(outcome);
      for (const item of outcome.items) expect(context.store.getUser({ id: item.id }).status).toBe(item.ok ? 'deactivated' : 'active');
      // The whole selection was fetched page by page (500 per request), not only the visible page.
      expect(context.adapter.listUsers).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 500, pageIndex: 0 }));
    });

    it('given collecting the matching users fails, the bulk action reports it and keeps the selection', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      act(() => result.current.selectAllMatching());
      context.faults.failNext('network', { methods: ['listUsers'] });
      let outcome!: Awaited<ReturnType<typeof result.current.runBulkAction>>;
      await act(async () => {
        outcome = await result.current.runBulkAction('remove');
      });
      expect(outcome.error?.code).toBe('network');
      expect(result.current.selection.allMatching).toBe(true);
      expect(context.store.getUserCounts().all).toBe(60);
    });

    it('removing selected users from two pages removes them and clears the selection', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      const pick = result.current.list.items.filter((u) => u.id !== CURRENT_ADMIN_ID && u.roleId !== ROLE_IDS.admin).slice(0, 2);
      act(() => result.current.setSelection({ ids: pick.map((u) => u.id), allMatching: false }));
      await act(async () => {
        await result.current.runBulkAction('remove');
      });
      expect(result.current.bulkOutcome?.succeeded).toBe(2);
      expect(result.current.selection.ids).toEqual([]);
      expect(context.store.getUserCounts().all).toBe(58);
    });

    it('changing the role of several users goes through updateUser per user, skips contacts, and takes admin-only modules from a demoted admin', async () => {
      const context = setup({ store: { userCount: 7 } });
      const { result } = await renderTable(context);
      act(() => result.current.setSelection({ ids: ['user-admin-2', 'user-francoise', 'user-zoe'], allMatching: false }));
      await waitFor(() => expect(result.current.roles).toBeDefined());
      let outcome!: Awaited<ReturnType<typeof result.current.runBulkAction>>;
      await act(async () => {
        outcome = await result.current.runBulkAction('changeRole', { roleId: ROLE_IDS.user });
      });
      expect(context.adapter.updateUser).toHaveBeenCalledTimes(2);
      expect(outcome.succeeded).toBe(2);
      expect(outcome.failed).toEqual([expect.objectContaining({ id: 'user-zoe', skipReason: 'contact_no_role', name: 'Zoë Müller' })]);
      const karim = context.store.getUser({ id: 'user-admin-2' });
      expect(karim.roleId).toBe(ROLE_IDS.user);
      expect(karim.permissions[MODULE_IDS.pricing] ?? 'none').toBe('none');
      expect(context.adapter.updateUser).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'user-admin-2', patch: expect.objectContaining({ roleId: ROLE_IDS.user, permissions: expect.objectContaining({ [MODULE_IDS.pricing]: 'none' }) }) }),
      );
      await waitFor(() => expect(result.current.list.items.find((u) => u.id === 'user-francoise')!.roleId).toBe(ROLE_IDS.user));
      expect(result.current.selection.ids).toEqual(['user-zoe']);
    });
  });

  describe('bulk rules of the core', () => {
    async function changeRoleOf(ids: string[], roleId: string, context = setup({ store: { userCount: 7 } })) {
      const view = await renderTable(context);
      await waitFor(() => expect(view.result.current.roles).toBeDefined());
      act(() => view.result.current.setSelection({ ids, allMatching: false }));
      let outcome!: Awaited<ReturnType<typeof view.result.current.runBulkAction>>;
      await act(async () => {
        outcome = await view.result.current.runBulkAction('changeRole', { roleId });
      });
      return { context, outcome };
    }

    it('a bulk role change to a non-admin role refuses the current admin (self demotion) and sends the others', async () => {
      const { context, outcome } = await changeRoleOf([CURRENT_ADMIN_ID, 'user-francoise'], ROLE_IDS.communication);
      expect(outcome.failed).toEqual([expect.objectContaining({ id: CURRENT_ADMIN_ID, error: expect.objectContaining({ reason: 'self_action' }) })]);
      expect(context.adapter.updateUser).not.toHaveBeenCalledWith(expect.objectContaining({ id: CURRENT_ADMIN_ID }));
    });

    it('a bulk role change of the current admin to another admin role is not refused by the screen (the core allows it)', async () => {
      const base = setup({ store: { userCount: 7 } });
      // A second admin role, as a host may define one.
      const listRoles = base.adapter.listRoles.getMockImplementation()!;
      base.adapter.listRoles.mockImplementation(async (params) => {
        const roles = await listRoles(params);
        return [...roles, { ...roles.find((role) => role.isAdmin)!, id: 'role-admin-bis', name: 'Admin bis' }];
      });
      const { context, outcome } = await changeRoleOf([CURRENT_ADMIN_ID], 'role-admin-bis', base);
      expect(context.adapter.updateUser).toHaveBeenCalledWith(expect.objectContaining({ id: CURRENT_ADMIN_ID }));
      expect(outcome.items.find((item) => item.id === CURRENT_ADMIN_ID)?.error?.reason).not.toBe('self_action');
    });

    it('a bulk deactivation refuses the current admin (self); a selected user not loaded is not refused by the screen (left to the server)', async () => {
      const context = setup({ store: { userCount: 7 } });
      const { result } = await renderTable(context);
      act(() => result.current.setSelection({ ids: [CURRENT_ADMIN_ID, 'user-not-loaded'], allMatching: false }));
      let outcome!: Awaited<ReturnType<typeof result.current.runBulkAction>>;
      await act(async () => {
        outcome = await result.current.runBulkAction('deactivate');
      });
      expect(outcome.items.find((item) => item.id === CURRENT_ADMIN_ID)?.error?.reason).toBe('self_action');
      expect(outcome.items.find((item) => item.id === 'user-not-loaded')?.error?.reason).not.toBe('self_action');
    });

    it('a scoped admin\'s bulk role change refuses users outside their scope without sending them', async () => {
      const context = setup({ store: { userCount: 7 }, actAs: 'user-admin-2' });
      const { context: ctx, outcome } = await changeRoleOf(['user-francoise'], ROLE_IDS.communicationSignature, context);
      expect(outcome.failed).toEqual([expect.objectContaining({ id: 'user-francoise', error: expect.objectContaining({ reason: 'outside_scope' }) })]);
      expect(ctx.adapter.updateUser).not.toHaveBeenCalled();
    });
  });

  describe('columns', () => {
    it('by default shows every built-in column but username (no username policy), between selection and actions', async () => {
      const context = setup();
      const { result } = await renderTable(context);
      expect(result.current.table.getVisibleLeafColumns().map((c) => c.id)).toEqual([
        'select', 'name', 'email', 'role', 'entities', 'status', 'lastSignIn', 'actions',
      ]);
    });

    it('with a username policy, the username column is there', async () => {
      const context = setup({ store: { settings: { username: { mode: 'required', minLength: 6, charset: 'alphanumeric' } } } });
      const { result } = await renderTable(context);
      await waitFor(() => expect(result.current.table.getVisibleLeafColumns().map((c) => c.id)).toContain('username'));
    });

    it('custom columns render the host function, hidden columns go away, and the order follows columnOrder', async () => {
      const context = setup();
      const onOrder: string[][] = [];
      const { result } = await renderTable(context, {
        columns: ['name', { id: 'initials', header: 'Initials', cell: (u) => `${u.firstName[0]}${u.lastName[0]}` }, 'email', 'status'],
        defaultColumnVisibility: { email: false },
        defaultColumnOrder: ['status', 'initials'],
        onColumnOrderChange: (next) => onOrder.push(next),
      });
      expect(result.current.table.getVisibleLeafColumns().map((c) => c.id)).toEqual(['select', 'status', 'initials', 'name', 'actions']);
      const first = result.current.table.getRowModel().rows[0]!;
      const cell = first.getAllCells().find((c) => c.column.id === 'initials')!;
      const rendered = (cell.column.columnDef.cell as (ctx: unknown) => unknown)(cell.getContext());
      expect(rendered).toBe(`${first.original.firstName[0]}${first.original.lastName[0]}`);
      act(() => result.current.table.getColumn('email')!.toggleVisibility(true));
      act(() => result.current.table.setColumnOrder(['select', 'email', 'name', 'actions']));
      expect(onOrder.at(-1)).toEqual(['email', 'name']);
      expect(result.current.table.getVisibleLeafColumns().map((c) => c.id)).toEqual(['select', 'email', 'name', 'initials', 'status', 'actions']);
    });
  });
});
