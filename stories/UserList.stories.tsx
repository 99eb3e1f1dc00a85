import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CURRENT_ADMIN_ID, ROLE_IDS } from '../mocks/fixtures';
import { SYSTEM_ACTOR_ID, type MockStore } from '../mocks';
import { UserList } from '../src/users/components';
import type { UserListView } from '../src/users';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The users screen over the REST adapter and the reference backend behind MSW. Relative times
 * ("expires in 3 days", "2 days ago") are measured against the mock backend's clock (the `now`
 * prop), so they read the same whatever day the story runs. Play functions assert the story
 * locale's texts; axe runs on the final state of each story.
 */
const meta = {
  title: 'Screens/UserList',
  component: UserList,
  args: { onInvite: fn(), onEditUser: fn() },
  render: (args, context) => <UserList now={storyBackend(context).store.clock.now} {...args} />,
} satisfies Meta<typeof UserList>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ctx = Pick<StoryContext, 'globals'>;
const localeOf = (context: Ctx) => (context.globals.locale as string | undefined) ?? 'en';
const num = (context: Ctx, value: number) => new Intl.NumberFormat(localeOf(context)).format(value);

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
const nameOf = (row: HTMLElement) => row.querySelector('[data-slot="user-list-name"] > span')!.textContent!;
const rowNamed = (table: HTMLElement, name: string) => bodyRows(table).find((row) => nameOf(row) === name)!;

async function loadedTable(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  const table = await canvas.findByRole('table', {}, TIMEOUT);
  await waitFor(() => expect(bodyRows(table).length).toBeGreaterThan(0), TIMEOUT);
  return table;
}

async function openRowMenu(canvasElement: HTMLElement, row: HTMLElement, context: Ctx) {
  const t = storyT(context);
  await userEvent.click(within(row).getByRole('button', { name: t('actions.moreActions', { name: nameOf(row) }) }));
  return within(canvasElement).findByRole('menu', {}, TIMEOUT);
}

function revokeAllInvitations(store: MockStore) {
  for (const invitation of store.listInvitations({ pageIndex: 0, pageSize: 1000 }).items) store.revokeInvitation({ id: invitation.id });
}

const viewState = (view: UserListView) => {
  switch (view) {
    case 'active':
    case 'invited':
    case 'deactivated':
      return { filter: { kind: 'login' as const, status: [view] } };
    case 'contacts':
      return { filter: { kind: 'contact' as const } };
    case 'all':
      return { filter: {} };
  }
};

export const Default: Story = {
  parameters: backend({ store: { userCount: 120 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await loadedTable(canvasElement);
    expect(table.querySelector('caption')!.textContent).toBe(t('users.count', { count: 120 }));
    expect(bodyRows(table)).toHaveLength(25);
    expect(canvas.getByRole('tab', { selected: true })).toHaveTextContent(t('userList.views.all'));
    const counts = storyBackend(context).store.getUserCounts();
    await waitFor(() => expect(canvas.getByRole('tab', { name: new RegExp(t('userList.views.invited')) })).toHaveTextContent(num(context, counts.invited)));
    expect(canvas.getByRole('columnheader', { name: new RegExp(t('users.columns.email')) })).toHaveAttribute('aria-sort', 'none');
  },
};

export const Loading: Story = {
  parameters: backend({ latencyMs: 60_000 }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('status', { name: t('common.loading') })).toBeInTheDocument();
    expect(canvas.queryByRole('table')).toBeNull();
  },
};

/** The seven fixture users on one page, the current admin (Alice Martin) among them. */
export const FixtureUsers: Story = {
  parameters: backend({ store: { userCount: 7 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await loadedTable(canvasElement);
    expect(bodyRows(table)).toHaveLength(7);
    await waitFor(() => expect(canvas.getByRole('tab', { selected: true })).toHaveTextContent(num(context, 7)), TIMEOUT);
    expect(within(rowNamed(table, 'Alice Martin')).getByText(t('userList.you'))).toBeInTheDocument();
  },
};

/** A directory with nobody in it yet (a backend that lists no users at all): the first-run empty state. */
export const NoUsers: Story = {
  parameters: backend({
    setup: ({ store }) => {
      store.listUsers = () => ({ items: [], total: 0 });
      store.getUserCounts = () => ({ active: 0, invited: 0, deactivated: 0, contacts: 0, all: 0 });
    },
  }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByText(t('userList.empty.title'), {}, TIMEOUT)).toBeInTheDocument();
    expect(canvas.getByText(t('userList.empty.hint'))).toBeInTheDocument();
    const invites = canvas.getAllByRole('button', { name: t('userList.invite') });
    await userEvent.click(invites[invites.length - 1]!);
    expect(args.onInvite).toHaveBeenCalled();
  },
};

export const Empty: Story = {
  args: { defaultState: viewState('invited') },
  parameters: backend({ store: { userCount: 20 }, setup: ({ store }) => revokeAllInvitations(store) }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByText(t('userList.empty.viewTitle'), {}, TIMEOUT)).toBeInTheDocument();
    expect(canvas.getByText(t('userList.empty.hint'))).toBeInTheDocument();
    const invites = canvas.getAllByRole('button', { name: t('userList.invite') });
    await userEvent.click(invites[invites.length - 1]!);
    expect(args.onInvite).toHaveBeenCalled();
  },
};

export const LoadError: Story = {
  name: 'Error',
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { count: 1, methods: ['listUsers'] }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('users.loadError'));
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    await userEvent.click(within(alert).getByRole('button', { name: t('common.retry') }));
    await loadedTable(canvasElement);
  },
};

export const Sso: Story = {
  args: { defaultState: viewState('invited') },
  parameters: backend({ store: { userCount: 80, settings: { sso: { enforced: true, providerName: 'Okta' } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await loadedTable(canvasElement);
    expect(await canvas.findByRole('note')).toHaveTextContent(t('userList.ssoNote', { provider: 'Okta' }));
    expect(canvas.queryByRole('button', { name: t('userList.invite') })).toBeNull();
    const menu = await openRowMenu(canvasElement, bodyRows(table)[0]!, context);
    expect(within(menu).queryByRole('menuitem', { name: t('userList.rowActions.resendInvitation') })).toBeNull();
    await userEvent.keyboard('{Escape}');
  },
};

export const EmptyUnderSso: Story = {
  args: { defaultState: viewState('invited') },
  parameters: backend({
    store: { userCount: 20, settings: { sso: { enforced: true, providerName: 'Okta' } } },
    setup: ({ store }) => revokeAllInvitations(store),
  }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByText(t('userList.empty.ssoHint', { provider: 'Okta' }), {}, TIMEOUT)).toBeInTheDocument();
    expect(canvas.queryByRole('button', { name: t('userList.invite') })).toBeNull();
  },
};

const viewStory = (view: UserListView, check: (row: HTMLElement) => boolean): Story => ({
  args: { defaultState: viewState(view) },
  parameters: backend({ store: { userCount: 150 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await loadedTable(canvasElement);
    expect(canvas.getByRole('tab', { selected: true })).toHaveTextContent(t(`userList.views.${view}`));
    expect(bodyRows(table).every(check)).toBe(true);
    const counts = storyBackend(context).store.getUserCounts();
    expect(table.querySelector('caption')!.textContent).toBe(t('users.count', { count: counts[view] }));
  },
});

export const ActiveView = viewStory('active', (row) => row.dataset.state === 'active');
export const InvitedView = viewStory('invited', (row) => row.dataset.state === 'invited');
export const DeactivatedView = viewStory('deactivated', (row) => row.dataset.state === 'deactivated');
export const ContactsView = viewStory('contacts', (row) => row.querySelector('[data-column="role"]')!.textContent !== '');
export const AllView = viewStory('all', () => true);

export const UsernamePolicy: Story = {
  parameters: backend({ store: { userCount: 40, settings: { username: { mode: 'required', minLength: 6, charset: 'alphanumeric' } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await loadedTable(canvasElement);
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: t('users.columns.username') })).toBeInTheDocument(), TIMEOUT);
    const usernames = [...table.querySelectorAll('td[data-column="username"]')].map((td) => td.textContent);
    expect(usernames.filter(Boolean).length).toBeGreaterThan(0);
  },
};

export const InvitedWithExpiry: Story = {
  args: { defaultState: viewState('invited') },
  parameters: backend({ store: { userCount: 300 } }),
  play: async ({ canvasElement }) => {
    const table = await loadedTable(canvasElement);
    const notes = [...table.querySelectorAll<HTMLElement>('[data-slot="user-list-invitation"]')];
    expect(notes.length).toBe(bodyRows(table).length);
    expect(notes.some((note) => note.dataset.state === 'expired')).toBe(true);
    expect(notes.some((note) => note.dataset.state === 'pending')).toBe(true);
  },
};

export const RowActionFailure: Story = {
  parameters: backend({ store: { userCount: 40 }, setup: ({ faults }) => faults.failNext('unavailable', { methods: ['setUserStatus'], count: 5 }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await loadedTable(canvasElement);
    const row = bodyRows(table).find((r) => r.dataset.state === 'active' && !within(r).queryByText(t('userList.you')))!;
    const menu = await openRowMenu(canvasElement, row, context);
    await userEvent.click(within(menu).getByRole('menuitem', { name: t('actions.deactivate') }));
    const dialog = await canvas.findByRole('alertdialog', {}, TIMEOUT);
    await userEvent.click(within(dialog).getByRole('button', { name: t('actions.deactivate') }));
    expect(await within(dialog).findByRole('alert', {}, TIMEOUT)).toHaveTextContent(t('errors.unavailable'));
    expect(row.dataset.state).toBe('active');
    await userEvent.click(within(dialog).getByRole('button', { name: t('common.cancel') }));
    expect(await canvas.findByText(t('userList.outcome.deactivateFailed', { name: nameOf(row), reason: t('errors.unavailable') }), {}, TIMEOUT)).toBeInTheDocument();
    expect(row.dataset.state).toBe('active');
  },
};

export const RemoveConfirmation: Story = {
  parameters: backend({ store: { userCount: 40 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await loadedTable(canvasElement);
    const row = rowNamed(table, 'José García') ?? bodyRows(table)[1]!;
    const name = nameOf(row);
    const menu = await openRowMenu(canvasElement, row, context);
    await userEvent.click(within(menu).getByRole('menuitem', { name: t('actions.remove') }));
    const dialog = await canvas.findByRole('alertdialog', { name: t('userList.confirm.removeTitle', { name }) }, TIMEOUT);
    expect(dialog).toHaveTextContent(t('userList.confirm.removeDescription', { name }));
  },
};

/** "Send password reset" on an active user, confirmation open (the adapter has sendPasswordReset). */
export const PasswordResetConfirmation: Story = {
  parameters: backend({ store: { userCount: 40 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await loadedTable(canvasElement);
    const row = rowNamed(table, 'José García') ?? bodyRows(table).find((r) => r.dataset.state === 'active' && !within(r).queryByText(t('userList.you')))!;
    const name = nameOf(row);
    const menu = await openRowMenu(canvasElement, row, context);
    await userEvent.click(within(menu).getByRole('menuitem', { name: t('userList.rowActions.sendPasswordReset') }));
    const dialog = await canvas.findByRole('alertdialog', { name: t('userList.confirm.passwordResetTitle', { name }) }, TIMEOUT);
    expect(within(dialog).getByRole('button', { name: t('userList.confirm.passwordResetConfirm') })).toBeEnabled();
    expect(storyBackend(context).store.sentPasswordResets()).toEqual([]);
  },
};

export const SelfGuards: Story = {
  parameters: backend({ store: { userCount: 7 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await loadedTable(canvasElement);
    const menu = await openRowMenu(canvasElement, rowNamed(table, 'Alice Martin'), context);
    for (const action of ['actions.remove', 'actions.deactivate'] as const) {
      const selfItem = within(menu).getByRole('menuitem', { name: new RegExp(`^${t(action)}`) });
      expect(selfItem).toHaveAttribute('aria-disabled', 'true');
      expect(selfItem).toHaveAccessibleDescription(t('errors.reason.self_action'));
    }
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(canvasElement).queryByRole('menu')).toBeNull());
  },
};

export const LastAdminGuard: Story = {
  parameters: backend({
    store: { userCount: 7 },
    // The screen acts as an operator (no user of the list, so no self rule): once Alice steps
    // down to a non-admin role, Karim is the only active admin left.
    actAs: SYSTEM_ACTOR_ID,
    setup: ({ store }) => void store.as(SYSTEM_ACTOR_ID).updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } }),
  }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await loadedTable(canvasElement);
    // The admin count arrives with its own query: until then nothing is blocked for it, so a
    // retry closes the menu it opened before opening it again (clicking the trigger of an open
    // menu would close it and leave the next attempt without one).
    await waitFor(async () => {
      if (within(canvasElement).queryByRole('menu')) {
        await userEvent.keyboard('{Escape}');
        await waitFor(() => expect(within(canvasElement).queryByRole('menu')).toBeNull());
      }
      await userEvent.click(within(rowNamed(table, 'Karim Benali')).getByRole('button', { name: t('actions.moreActions', { name: 'Karim Benali' }) }));
      const menu = within(canvasElement).getByRole('menu');
      const lastItem = within(menu).getByRole('menuitem', { name: new RegExp(`^${t('actions.deactivate')}`) });
      expect(lastItem).toHaveAccessibleDescription(t('errors.reason.last_admin'));
    }, TIMEOUT);
  },
};

export const ScopedAdmin: Story = {
  parameters: backend({
    store: { userCount: 7 },
    // Alice works in Acme France's workspace: José, moved to Acme Madrid, lies outside it.
    setup: ({ store }) => {
      store.as(SYSTEM_ACTOR_ID).updateUser({ id: 'user-jose', patch: { entityIds: ['entity-acme-madrid'] } });
      store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } });
    },
  }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await loadedTable(canvasElement);
    await waitFor(() => expect(rowNamed(table, 'José García')).toHaveAttribute('data-read-only'), TIMEOUT);
    expect(within(rowNamed(table, 'José García')).getByText(t('userList.readOnly'))).toBeInTheDocument();
    const menu = await openRowMenu(canvasElement, rowNamed(table, 'José García'), context);
    for (const action of ['actions.deactivate', 'actions.remove'] as const) {
      const item = within(menu).getByRole('menuitem', { name: new RegExp(`^${t(action)}`) });
      expect(item).toHaveAttribute('aria-disabled', 'true');
      expect(item).toHaveAccessibleDescription(t('errors.reason.outside_scope'));
    }
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(canvasElement).queryByRole('menu')).toBeNull());
  },
};

async function selectAllMatching(canvasElement: HTMLElement, context: Ctx, total: number) {
  const t = storyT(context);
  const canvas = within(canvasElement);
  const table = await loadedTable(canvasElement);
  await userEvent.click(within(table).getByRole('checkbox', { name: t('userList.selectPage') }));
  await userEvent.click(await canvas.findByRole('button', { name: t('userList.bulk.selectAllMatching', { count: total, formatted: num(context, total) }) }, TIMEOUT));
  expect(await canvas.findByText(t('userList.bulk.allMatchingSelected', { count: total, formatted: num(context, total) }), {}, TIMEOUT)).toBeInTheDocument();
}

export const BulkAcrossPages: Story = {
  args: { defaultState: { ...viewState('deactivated'), pageSize: 10 } },
  parameters: backend({ store: { userCount: 400 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const { store } = storyBackend(context);
    const total = store.getUserCounts().deactivated;
    await selectAllMatching(canvasElement, context, total);
    await userEvent.click(within(canvas.getByRole('group', { name: t('userList.bulk.label') })).getByRole('button', { name: t('userList.bulk.reactivate') }));
    const dialog = await canvas.findByRole('alertdialog', { name: t('userList.confirm.bulkReactivateTitle', { count: total, formatted: num(context, total) }) }, TIMEOUT);
    await userEvent.click(within(dialog).getByRole('button', { name: t('userList.bulk.reactivate') }));
    expect(await canvas.findByText(t('userList.bulk.doneAll', { count: total, formatted: num(context, total) }), {}, TIMEOUT)).toBeInTheDocument();
    expect(store.getUserCounts().deactivated).toBe(0);
  },
};

export const BulkPartialFailure: Story = {
  args: { defaultState: { ...viewState('active'), pageSize: 10 } },
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const total = storyBackend(context).store.getUserCounts().active;
    await selectAllMatching(canvasElement, context, total);
    await userEvent.click(within(canvas.getByRole('group', { name: t('userList.bulk.label') })).getByRole('button', { name: t('userList.bulk.deactivate') }));
    const dialog = await canvas.findByRole('alertdialog', {}, TIMEOUT);
    await userEvent.click(within(dialog).getByRole('button', { name: t('userList.bulk.deactivate') }));
    const results = await canvas.findByRole('region', { name: t('userList.bulk.failedTitle', { count: 1, formatted: num(context, 1) }) }, TIMEOUT);
    const failed = within(results).getAllByRole('listitem').filter((li) => li.dataset.ok === 'false');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toHaveTextContent('Alice Martin');
    expect(failed[0]).toHaveTextContent(t('errors.reason.self_action'));
    expect(canvas.getByText(t('userList.bulk.selected', { count: 1, formatted: num(context, 1) }))).toBeInTheDocument();
  },
};

export const CustomColumns: Story = {
  args: {
    columns: [
      'name',
      { id: 'phone', header: () => <span>☎</span>, cell: (user) => user.phone ?? '—' },
      'email',
      'role',
      'status',
      'lastSignIn',
    ],
    defaultColumnVisibility: { lastSignIn: false },
    defaultColumnOrder: ['status', 'name'],
  },
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement }) => {
    const table = await loadedTable(canvasElement);
    const ids = within(table).getAllByRole('columnheader').map((th) => th.dataset.column);
    expect(ids).toEqual(['select', 'status', 'name', 'phone', 'email', 'role', 'actions']);
  },
};

export const ThousandRowsVirtualized: Story = {
  args: { defaultState: { pageSize: 1000 } },
  parameters: backend({ store: { userCount: 2500 } }),
  play: async ({ canvasElement }) => {
    const table = await loadedTable(canvasElement);
    expect(table).toHaveAttribute('aria-rowcount', '2501');
    expect(bodyRows(table).length).toBeLessThan(100);
    expect(bodyRows(table)[0]).toHaveAttribute('aria-rowindex', '2');
  },
};

/** The CSV export under way on a slow backend: the progress, "Exported 0 of 7 users", and Cancel (with the focus). */
export const CsvExportInProgress: Story = {
  parameters: backend({ store: { userCount: 7 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await loadedTable(canvasElement);
    storyBackend(context).faults.setLatency(600_000);
    await userEvent.click(canvas.getByRole('button', { name: t('userList.export.button') }));
    const cancel = await canvas.findByRole('button', { name: t('userList.export.cancel') }, TIMEOUT);
    expect(canvas.getByRole('progressbar', { name: t('userList.export.progressLabel') })).toBeInTheDocument();
    // The total shows once the export's code (loaded on demand) has started reading.
    expect(await canvas.findByText(t('userList.export.progress', { count: 7, formatted: num(context, 7), done: num(context, 0) }), {}, TIMEOUT)).toBeInTheDocument();
    await waitFor(() => expect(cancel).toHaveFocus(), TIMEOUT);
  },
};

/** The CSV export failing mid-way: why, and nothing downloaded. */
export const CsvExportFailed: Story = {
  parameters: backend({ store: { userCount: 7 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await loadedTable(canvasElement);
    storyBackend(context).faults.failNext('unavailable', { methods: ['listUsers'], count: 5 });
    await userEvent.click(canvas.getByRole('button', { name: t('userList.export.button') }));
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('userList.export.failed', { reason: t('errors.unavailable') }));
  },
};
