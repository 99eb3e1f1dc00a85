import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { SYSTEM_ACTOR_ID, createFaultInjector, createMemoryAdapter, createMockStore, type MockStoreOptions } from '../../mocks';
import { CURRENT_ADMIN_ID, ROLE_IDS } from '../../mocks/fixtures';
import type { UserAdminAdapter } from '../contract/types';
import en from '../i18n/locales/en.json';
import { createTestQueryClient, spyOnAdapter } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserList, type UserListProps } from './UserList';

function setup(options: {
  store?: MockStoreOptions; latencyMs?: number; withoutBulk?: boolean; adapter?: (base: UserAdminAdapter) => UserAdminAdapter; actAs?: string;
} = {}) {
  const store = createMockStore({ userCount: 60, ...options.store });
  const faults = createFaultInjector();
  let base: UserAdminAdapter = createMemoryAdapter(options.actAs ? store.as(options.actAs) : store, { latencyMs: options.latencyMs ?? 0, faults });
  if (options.withoutBulk) {
    const { setUsersStatus: _s, removeUsers: _r, ...rest } = base;
    base = rest;
  }
  if (options.adapter) base = options.adapter(base);
  const adapter = spyOnAdapter(base);
  return { store, faults, adapter };
}

function renderList(context: ReturnType<typeof setup>, props: Partial<UserListProps> = {}) {
  const user = userEvent.setup();
  const view = render(
    <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
      <UserList defaultState={{ pageSize: 10 }} searchDebounceMs={50} now={() => context.store.clock.now()} {...props} />
    </UserAdminProvider>,
  );
  return { ...view, user };
}

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), text);

async function loaded() {
  const table = await screen.findByRole('table', {}, { timeout: 10_000 });
  await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1), { timeout: 10_000 });
  return table;
}

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
const rowOf = (table: HTMLElement, name: string) => bodyRows(table).find((row) => within(row).queryByRole('rowheader', { name: new RegExp(name) }))!;

async function openMenu(user: ReturnType<typeof userEvent.setup>, row: HTMLElement) {
  const trigger = within(row).getByRole('button', { name: new RegExp(en.actions.moreActions.replace('{{name}}', '')) });
  trigger.focus();
  await user.keyboard('{Enter}');
  return screen.findByRole('menu');
}

// Rendering the whole screen is slow on a busy 2-core machine: give each test room.
describe('UserList', { timeout: 20_000 }, () => {
  it('given 60 users, shows the first page, the views with their counts, and the total in the caption', async () => {
    const context = setup();
    renderList(context);
    const table = await loaded();
    expect(bodyRows(table)).toHaveLength(10);
    expect(within(table).getByText(fill(en.users.count_other, { count: 60 }))).toBeInTheDocument();
    const counts = context.store.getUserCounts();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      `${en.userList.views.active}${counts.active}`,
      `${en.userList.views.invited}${counts.invited}`,
      `${en.userList.views.deactivated}${counts.deactivated}`,
      `${en.userList.views.contacts}${counts.contacts}`,
      `${en.userList.views.all}60`,
    ]);
    expect(screen.getByRole('tab', { selected: true })).toHaveTextContent(en.userList.views.all);
  });

  it('clicking a sortable header sorts on the server and sets aria-sort on its header cell', async () => {
    const context = setup();
    const { user } = renderList(context);
    const table = await loaded();
    const header = within(table).getByRole('columnheader', { name: new RegExp(en.users.columns.email) });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header).getByRole('button'));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
    expect(context.adapter.listUsers).toHaveBeenLastCalledWith(expect.objectContaining({ sort: { field: 'email', direction: 'asc' } }));
    await user.click(within(header).getByRole('button'));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'descending'));
    // Entities are not sortable: no button, no aria-sort.
    const entities = within(table).getByRole('columnheader', { name: en.users.columns.entities });
    expect(entities).not.toHaveAttribute('aria-sort');
    expect(within(entities).queryByRole('button')).toBeNull();
  });

  it('typing a search asks the server once, after the pause, and the next page keeps the search', async () => {
    const context = setup({ store: { userCount: 120 } });
    const { user } = renderList(context);
    await loaded();
    await user.type(screen.getByRole('searchbox', { name: en.userList.searchLabel }), 'acme');
    await waitFor(() => expect(context.adapter.listUsers).toHaveBeenCalledWith(expect.objectContaining({ search: 'acme', pageIndex: 0, pageSize: 10 })));
    const searches = context.adapter.listUsers.mock.calls.map(([p]) => p.search).filter(Boolean);
    expect(searches.every((s) => s === 'acme')).toBe(true);
    await user.click(await screen.findByRole('button', { name: en.common.nextPage }));
    await waitFor(() => expect(context.adapter.listUsers).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'acme', pageIndex: 1 })));
    expect(screen.getByRole('searchbox')).toHaveValue('acme');
  });

  it('choosing the Invited view lists only invited users, each with when the invitation expires or that it expired', async () => {
    const context = setup({ store: { userCount: 200 } });
    const { user } = renderList(context);
    await loaded();
    await user.click(screen.getByRole('tab', { name: new RegExp(en.userList.views.invited) }));
    await waitFor(() => expect(screen.getByRole('tab', { selected: true })).toHaveTextContent(en.userList.views.invited));
    const table = await loaded();
    await waitFor(() => expect(bodyRows(table).every((row) => row.getAttribute('data-state') === 'invited')).toBe(true));
    const notes = [...table.querySelectorAll('[data-slot="user-list-invitation"]')].map((n) => n.textContent ?? '');
    expect(notes.length).toBe(bodyRows(table).length);
    expect(notes.some((n) => n.startsWith('Invitation expires in'))).toBe(true);
    expect(notes.some((n) => n.startsWith('Invitation expired') && n.endsWith('ago'))).toBe(true);
  });

  it('the Contacts view shows contacts, and the role and access filters narrow the list', async () => {
    const context = setup({ store: { userCount: 200 } });
    const { user } = renderList(context);
    await loaded();
    await user.click(screen.getByRole('tab', { name: new RegExp(en.userList.views.contacts) }));
    let table = await loaded();
    await waitFor(() => expect(bodyRows(table).every((row) => within(row).queryAllByText(en.userList.contact).length > 0)).toBe(true));

    await user.click(screen.getByRole('tab', { name: new RegExp(en.userList.views.all) }));
    await user.selectOptions(screen.getByRole('combobox', { name: en.userList.filters.role }), 'Communication');
    await waitFor(() => expect(context.adapter.listUsers).toHaveBeenLastCalledWith(expect.objectContaining({ filter: { roleIds: [ROLE_IDS.communication] } })));
    table = await loaded();
    await waitFor(() => expect(bodyRows(table).every((row) => within(row).queryByText('Communication'))).toBe(true));

    await user.selectOptions(screen.getByRole('combobox', { name: en.userList.filters.scope }), 'group');
    await waitFor(() =>
      expect(context.adapter.listUsers).toHaveBeenLastCalledWith(expect.objectContaining({ filter: { roleIds: [ROLE_IDS.communication], scope: 'group' } })),
    );
    await waitFor(() => expect(bodyRows(table).every((row) => within(row).queryByText(en.users.groupBadge))).toBe(true));

    // The entity filter is the EntityAccessPicker: search on the server, choose, and the list shows the users reaching it.
    await user.click(screen.getByRole('button', { name: new RegExp(en.userList.filters.entity) }));
    const panel = await screen.findByRole('dialog', { name: en.userList.filters.entity });
    await user.type(within(panel).getByRole('searchbox', { name: en.entityPicker.search }), 'Paris{Enter}');
    await user.click(await within(panel).findByRole('treeitem', { name: /^Acme Paris/ }, { timeout: 10_000 }));
    expect(within(panel).queryByText(en.entityPicker.subtreeOffer)).toBeNull();
    await waitFor(() =>
      expect(context.adapter.listUsers).toHaveBeenLastCalledWith(
        expect.objectContaining({ filter: expect.objectContaining({ entityIds: ['entity-acme-paris'] }) }),
      ),
    );
    const reaching = context.store.listUsers({
      pageIndex: 0, pageSize: 10, filter: { roleIds: [ROLE_IDS.communication], scope: 'group', entityIds: ['entity-acme-paris'] },
    });
    await waitFor(() => expect(bodyRows(table).length).toBe(reaching.items.length || 0));
    for (const reached of reaching.items) expect(within(table).getAllByText(new RegExp(reached.lastName)).length).toBeGreaterThan(0);
  });

  it('deactivating a user (menu, then confirm) updates that row and the view counts without refetching the page', async () => {
    const context = setup();
    const { user } = renderList(context);
    const table = await loaded();
    const before = context.store.getUserCounts();
    const row = bodyRows(table).find((r) => r.getAttribute('data-state') === 'active' && !within(r).queryByText(en.userList.you))!;
    const name = within(row).getByRole('rowheader').firstElementChild!.textContent!;
    const pageCalls = () => context.adapter.listUsers.mock.calls.filter(([p]) => p.pageSize === 10).length;
    const callsBefore = pageCalls();

    const menu = await openMenu(user, row);
    await user.click(within(menu).getByRole('menuitem', { name: en.actions.deactivate }));
    const dialog = await screen.findByRole('alertdialog', { name: fill(en.userList.confirm.deactivateTitle, { name }) });
    await user.click(within(dialog).getByRole('button', { name: en.actions.deactivate }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(row).toHaveAttribute('data-state', 'deactivated'));
    expect(await screen.findByText(fill(en.userList.outcome.deactivated, { name }))).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: new RegExp(en.userList.views.deactivated) })).toHaveTextContent(String(before.deactivated + 1)),
    );
    expect(pageCalls()).toBe(callsBefore);
  });

  it('given the server is unavailable, deactivating leaves the row as it was and the dialog says why', async () => {
    const context = setup();
    const { user } = renderList(context);
    const table = await loaded();
    const row = bodyRows(table).find((r) => r.getAttribute('data-state') === 'active' && !within(r).queryByText(en.userList.you))!;
    context.faults.failNext('unavailable', { methods: ['setUserStatus'] });
    await user.click(within(await openMenu(user, row)).getByRole('menuitem', { name: en.actions.deactivate }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: en.actions.deactivate }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(en.errors.unavailable);
    expect(row).toHaveAttribute('data-state', 'active');
    await user.click(within(dialog).getByRole('button', { name: en.common.cancel }));
    expect(await screen.findByText(new RegExp(en.errors.unavailable))).toBeInTheDocument();
    expect(row).toHaveAttribute('data-state', 'active');
  });

  it('given a resend failure, the row keeps its invitation and an error names the person and the reason', async () => {
    const context = setup();
    const { user } = renderList(context, { defaultState: { pageSize: 10, filter: { kind: 'login', status: ['invited'] } } });
    const table = await loaded();
    const row = bodyRows(table)[0]!;
    const note = row.querySelector('[data-slot="user-list-invitation"]')!.textContent;
    const name = within(row).getByRole('rowheader').firstElementChild!.textContent!;
    context.faults.failNext('network', { methods: ['resendInvitation'] });
    await user.click(within(await openMenu(user, row)).getByRole('menuitem', { name: en.userList.rowActions.resendInvitation }));
    expect(await screen.findByRole('alert')).toHaveTextContent(fill(en.userList.outcome.resendFailed, { name, reason: en.errors.network }));
    expect(row.querySelector('[data-slot="user-list-invitation"]')!.textContent).toBe(note);
    // Without a fault it works and says so.
    context.store.clock.advance(3 * 86_400_000);
    await user.click(within(await openMenu(user, row)).getByRole('menuitem', { name: en.userList.rowActions.resendInvitation }));
    expect(await screen.findByText(fill(en.userList.outcome.resent, { name }))).toBeInTheDocument();
    await waitFor(() => expect(row.querySelector('[data-slot="user-list-invitation"]')!.textContent).toBe('Invitation expires in 7 days'));
  });

  it('reactivating a deactivated user needs no confirmation and makes the row active', async () => {
    const context = setup();
    const { user } = renderList(context, { defaultState: { pageSize: 10, filter: { kind: 'login', status: ['deactivated'] } } });
    const table = await loaded();
    const row = bodyRows(table).find((r) => !within(r).queryByText(en.userList.neverSignedIn))!;
    const menu = await openMenu(user, row);
    expect(within(menu).queryByRole('menuitem', { name: en.actions.deactivate })).toBeNull();
    await user.click(within(menu).getByRole('menuitem', { name: en.userList.rowActions.reactivate }));
    await waitFor(() => expect(row).toHaveAttribute('data-state', 'active'));
  });

  it('the current admin’s own deactivate and remove are disabled with the reason shown', async () => {
    const context = setup({ store: { userCount: 7 } });
    const { user } = renderList(context);
    const table = await loaded();
    const me = rowOf(table, 'Alice Martin');
    expect(within(me).getByText(en.userList.you)).toBeInTheDocument();
    const menu = await openMenu(user, me);
    for (const label of [en.actions.deactivate, en.actions.remove]) {
      const item = within(menu).getByRole('menuitem', { name: new RegExp(`^${label}`) });
      expect(item).toHaveAttribute('aria-disabled', 'true');
      expect(item).toHaveAccessibleDescription(en.errors.reason.self_action);
    }
  });

  it('the last active admin cannot be deactivated or removed: disabled with the last-admin reason', async () => {
    // The screen acts as the operator (no user): Alice steps down and Karim stays the only active admin.
    const context = setup({ store: { userCount: 7 }, actAs: SYSTEM_ACTOR_ID });
    context.store.as(SYSTEM_ACTOR_ID).updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } });
    const { user } = renderList(context);
    const table = await loaded();
    const karim = rowOf(table, 'Karim Benali');
    await waitFor(async () => {
      const menu = await openMenu(user, karim);
      const item = within(menu).getByRole('menuitem', { name: new RegExp(`^${en.actions.remove}`) });
      expect(item).toHaveAccessibleDescription(en.errors.reason.last_admin);
      await user.keyboard('{Escape}');
    });
  });

  it('the remove confirmation names the person and says how removing differs from deactivating; confirming removes the row', async () => {
    const context = setup();
    const { user } = renderList(context);
    const table = await loaded();
    const row = bodyRows(table).find((r) => !within(r).queryByText(en.userList.you) && !within(r).queryByText('Administrator'))!;
    const name = within(row).getByRole('rowheader').firstElementChild!.textContent!;
    await user.click(within(await openMenu(user, row)).getByRole('menuitem', { name: en.actions.remove }));
    const dialog = await screen.findByRole('alertdialog', { name: fill(en.userList.confirm.removeTitle, { name }) });
    expect(dialog).toHaveAccessibleDescription(fill(en.userList.confirm.removeDescription, { name }));
    expect(en.userList.confirm.removeDescription).toMatch(/deactivate them instead/);
    await user.click(within(dialog).getByRole('button', { name: en.actions.remove }));
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: new RegExp(name) })).toBeNull());
    expect(within(table).getByText(fill(en.users.count_other, { count: 59 }))).toBeInTheDocument();
  });

  it('selecting the page offers all matching users; a bulk deactivate over every page reports failures by name and reason, and keeps them selected', async () => {
    const context = setup({ store: { userCount: 45 }, withoutBulk: true });
    const { user } = renderList(context, { concurrency: 2 });
    const table = await loaded();
    await user.click(within(table).getByRole('checkbox', { name: en.userList.selectPage }));
    await user.click(await screen.findByRole('button', { name: fill(en.userList.bulk.selectAllMatching_other, { formatted: 45 }) }));
    expect(await screen.findByText(fill(en.userList.bulk.allMatchingSelected_other, { formatted: 45 }))).toBeInTheDocument();
    context.faults.failNext('rate_limited', { methods: ['setUserStatus'], count: 1, retryAfterMs: 3000 });

    const bar = screen.getByRole('group', { name: en.userList.bulk.label });
    await user.click(within(bar).getByRole('button', { name: en.userList.bulk.deactivate }));
    const dialog = await screen.findByRole('alertdialog', { name: fill(en.userList.confirm.bulkDeactivateTitle_other, { formatted: 45 }) });
    await user.click(within(dialog).getByRole('button', { name: en.userList.bulk.deactivate }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), { timeout: 5000 });

    const results = await screen.findByRole('region', { name: fill(en.userList.bulk.failedTitle_other, { formatted: 2 }) });
    const failed = within(results).getAllByRole('listitem').filter((li) => li.getAttribute('data-ok') === 'false');
    expect(failed).toHaveLength(2);
    const alice = failed.find((li) => li.textContent!.includes('Alice Martin'))!;
    expect(alice).toHaveTextContent(en.errors.reason.self_action);
    expect(failed.some((li) => li.textContent!.includes(fill(en.errors.rateLimitedRetryIn_other, { count: 3 })))).toBe(true);
    expect(screen.getByText(fill(en.userList.bulk.selected_other, { formatted: 2 }))).toBeInTheDocument();
    expect(context.store.getUserCounts().deactivated).toBeGreaterThan(30);
  });

  it('changing the role of selected users asks for the role, then updates them (contacts skipped)', async () => {
    const context = setup({ store: { userCount: 7 } });
    const { user } = renderList(context);
    const table = await loaded();
    for (const name of ['José García', 'Françoise Lefèvre', 'Zoë Müller']) {
      await user.click(within(rowOf(table, name)).getByRole('checkbox'));
    }
    await user.click(within(screen.getByRole('group', { name: en.userList.bulk.label })).getByRole('button', { name: en.userList.bulk.changeRole }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: en.userList.bulk.changeRole }));
    expect(within(dialog).getByText(en.validation.roleRequired)).toBeInTheDocument();
    expect(context.adapter.updateUser).not.toHaveBeenCalled();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: new RegExp(en.userList.confirm.roleLabel) }), ROLE_IDS.communicationSignature);
    await user.click(within(dialog).getByRole('button', { name: en.userList.bulk.changeRole }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(context.adapter.updateUser).toHaveBeenCalledTimes(2);
    expect(context.store.getUser({ id: 'user-jose' }).roleId).toBe(ROLE_IDS.communicationSignature);
    const skipped = (await screen.findByText(en.userList.bulk.skip.contact_no_role)).closest('li')!;
    // A skipped contact is marked and counted as skipped, not as failed.
    expect(skipped).toHaveAttribute('data-outcome', 'skipped');
    expect(skipped).toHaveTextContent(en.ui.skipped);
    expect(screen.getByText('2 done, 1 skipped')).toBeInTheDocument();
  });

  it('custom columns render, hidden columns are gone, and the order follows columnOrder', async () => {
    const context = setup();
    renderList(context, {
      columns: ['name', 'email', { id: 'phone', header: () => <span>Phone</span>, cell: (u) => <span data-testid="phone">{u.phone ?? '-'}</span> }, 'status'],
      defaultColumnVisibility: { email: false },
      columnOrder: ['phone', 'status', 'name'],
    });
    const table = await loaded();
    const headers = within(table).getAllByRole('columnheader').map((th) => th.getAttribute('data-column'));
    expect(headers).toEqual(['select', 'phone', 'status', 'name', 'actions']);
    expect(within(table).getAllByTestId('phone')).toHaveLength(10);
  });

  it('with a username policy, the username column shows each username', async () => {
    const context = setup({ store: { settings: { username: { mode: 'required', minLength: 6, charset: 'alphanumeric' } } } });
    renderList(context);
    const table = await loaded();
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: new RegExp(en.users.columns.username) })).toBeInTheDocument());
    const alice = context.store.getUser({ id: CURRENT_ADMIN_ID });
    expect(alice.username).toBeTruthy();
  });

  it('with 1,000 rows per page, the DOM holds only the visible rows, with aria-rowcount and aria-rowindex', async () => {
    // jsdom has no layout: give the scroll container a 600px viewport, as a browser would.
    const clientHeight = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.dataset.slot === 'user-list-scroll' ? 600 : 0;
    });
    onTestFinished(() => clientHeight.mockRestore());
    const context = setup({ store: { userCount: 1500 } });
    renderList(context, { defaultState: { pageSize: 1000, pageIndex: 1 } });
    const table = await loaded();
    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(50);
    expect(table).toHaveAttribute('aria-rowcount', '1501');
    expect(rows[0]).toHaveAttribute('aria-rowindex', '1002');
    expect(table.querySelector('[data-slot="user-list-spacer"]')).not.toBeNull();
  });

  it('only one row is in the tab order; arrow keys move between rows', async () => {
    const context = setup();
    const { user } = renderList(context);
    const table = await loaded();
    const rows = bodyRows(table);
    const tabbable = (row: HTMLElement) => [...row.querySelectorAll<HTMLElement>('button, input')].filter((el) => el.tabIndex === 0);
    expect(tabbable(rows[0]!).length).toBeGreaterThanOrEqual(2);
    expect(rows.slice(1).every((row) => tabbable(row).length === 0)).toBe(true);
    within(rows[0]!).getByRole('checkbox').focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(rows[1]!).getByRole('checkbox'));
    expect(tabbable(rows[1]!).length).toBeGreaterThanOrEqual(2);
    expect(tabbable(rows[0]!)).toHaveLength(0);
  });

  it('while the first page loads, shows a loading state', async () => {
    const context = setup({ latencyMs: 10_000 });
    renderList(context);
    expect(await screen.findByRole('status', { name: en.common.loading })).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('given a load failure, shows the error with a retry that brings the list', async () => {
    const context = setup();
    context.faults.failNext('unavailable', { methods: ['listUsers'] });
    const { user } = renderList(context);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(en.users.loadError);
    expect(alert).toHaveTextContent(en.errors.unavailable);
    await user.click(within(alert).getByRole('button', { name: en.common.retry }));
    await loaded();
  });

  it('given no users at all, the empty state offers to invite someone', async () => {
    const onInvite = vi.fn();
    const context = setup({
      adapter: (base) => ({
        ...base,
        listUsers: async () => ({ items: [], total: 0 }),
        getUserCounts: async () => ({ active: 0, invited: 0, deactivated: 0, contacts: 0, all: 0 }),
      }),
    });
    const { user } = renderList(context, { onInvite });
    expect(await screen.findByText(en.userList.empty.title)).toBeInTheDocument();
    expect(screen.getByText(en.userList.empty.hint)).toBeInTheDocument();
    const invites = screen.getAllByRole('button', { name: en.userList.invite });
    await user.click(invites.at(-1)!);
    expect(onInvite).toHaveBeenCalledOnce();
  });

  it('given a search with no match, the empty state suggests clearing it', async () => {
    const context = setup();
    const { user } = renderList(context);
    await loaded();
    await user.type(screen.getByRole('searchbox'), 'zzzz-nobody{Enter}');
    expect(await screen.findByText(en.userList.empty.filteredTitle)).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: en.userList.empty.clearFilters }).at(-1)!);
    await loaded();
    expect(screen.getByRole('searchbox')).toHaveValue('');
  });

  it('under SSO enforcement nothing about inviting is offered, and the empty state says users come at first sign-in', async () => {
    const context = setup({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    const { user } = renderList(context, { onInvite: () => {}, defaultState: { pageSize: 10, filter: { kind: 'login', status: ['invited'] } } });
    const table = await loaded();
    expect(screen.getByRole('note')).toHaveTextContent(fill(en.userList.ssoNote, { provider: 'Okta' }));
    expect(screen.queryByRole('button', { name: en.userList.invite })).toBeNull();
    const menu = await openMenu(user, bodyRows(table)[0]!);
    expect(within(menu).queryByRole('menuitem', { name: en.userList.rowActions.resendInvitation })).toBeNull();
    await user.keyboard('{Escape}');

    const empty = setup({
      store: { settings: { sso: { enforced: true, providerName: 'Okta' } } },
      adapter: (base) => ({ ...base, listUsers: async () => ({ items: [], total: 0 }) }),
    });
    const second = render(
      <UserAdminProvider adapter={empty.adapter} queryClient={createTestQueryClient()}>
        <UserList onInvite={() => {}} />
      </UserAdminProvider>,
    );
    expect(await within(second.container).findByText(fill(en.userList.empty.ssoHint, { provider: 'Okta' }))).toBeInTheDocument();
    expect(within(second.container).queryByRole('button', { name: en.userList.invite })).toBeNull();
  });

  it('an SSO-created user carries an SSO badge and group users a multi-entity badge', async () => {
    const context = setup({ store: { userCount: 200 } });
    const sso = context.store.listUsers({ pageIndex: 0, pageSize: 200 }).items.find((u) => u.source === 'sso')!;
    renderList(context);
    await loaded();
    await act(async () => {
      await userEvent.setup().type(screen.getByRole('searchbox'), `${sso.email}{Enter}`);
    });
    const table = await loaded();
    await waitFor(() => expect(bodyRows(table)).toHaveLength(1));
    expect(within(bodyRows(table)[0]!).getByText(en.users.ssoBadge)).toBeInTheDocument();
  });
});
