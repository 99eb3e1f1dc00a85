import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DAY_MS, type MockStore } from '../mocks';
import { PendingInvitations } from '../src/invitations/components';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The pending invitations screen over the REST adapter and the reference backend behind MSW.
 * Expiries are measured against the mock backend's clock (the `now` prop), so "Expires in 3 days"
 * reads the same whatever day the story runs. Play functions assert the story locale's texts.
 */
const meta = {
  title: 'Screens/PendingInvitations',
  component: PendingInvitations,
  args: { onInvite: fn() },
  render: (args, context) => <PendingInvitations now={storyBackend(context).store.clock.now} {...args} />,
} satisfies Meta<typeof PendingInvitations>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ctx = Pick<StoryContext, 'globals'>;
const localeOf = (context: Ctx) => (context.globals.locale as string | undefined) ?? 'en';
/** "in 7 days" in the story's locale, as Intl writes it. */
const inDays = (context: Ctx, days: number) => new Intl.RelativeTimeFormat(localeOf(context), { numeric: 'auto' }).format(days, 'day');

function revokeAll(store: MockStore) {
  for (const invitation of store.listInvitations({ pageIndex: 0, pageSize: 1000 }).items) store.revokeInvitation({ id: invitation.id });
}

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const emailOf = (row: HTMLElement) => row.querySelector('[data-slot="pending-invitations-email"] .uak-pi-email')!.textContent!;

export const Default: Story = {
  parameters: backend({ store: { userCount: 120 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', {}, TIMEOUT);
    const total = storyBackend(context).store.listInvitations({ pageIndex: 0, pageSize: 1 }).total;
    expect(table.querySelector('caption')!.textContent).toBe(t('invitations.count', { count: total }));
    expect(canvas.getByRole('columnheader', { name: t('invitations.columns.role') })).toBeInTheDocument();
    expect(bodyRows(table).length).toBe(Math.min(total, 25));
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

export const Empty: Story = {
  parameters: backend({ store: { userCount: 20 }, setup: ({ store }) => revokeAll(store) }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByText(t('invitations.empty.title'), {}, TIMEOUT)).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: t('invitations.empty.invite') }));
    expect(args.onInvite).toHaveBeenCalled();
  },
};

export const EmptyUnderSso: Story = {
  parameters: backend({
    store: { userCount: 20, settings: { sso: { enforced: true, providerName: 'Okta' } } },
    setup: ({ store }) => revokeAll(store),
  }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByText(t('invitations.sso.title'), {}, TIMEOUT)).toBeInTheDocument();
    expect(canvas.getByText(t('invitations.sso.hint', { provider: 'Okta' }))).toBeInTheDocument();
    expect(canvas.queryByRole('button', { name: t('invitations.empty.invite') })).toBeNull();
  },
};

export const Error: Story = {
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { methods: ['listInvitations'] }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('invitations.loadError'));
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    expect(within(alert).getByRole('button', { name: t('common.retry') })).toBeInTheDocument();
  },
};

export const WithExpired: Story = {
  // Three days later, the invitations sent early in their week have expired; the others have not.
  parameters: backend({ store: { userCount: 120 }, setup: ({ store }) => store.clock.advance(3 * DAY_MS) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await within(canvasElement).findByRole('table', {}, TIMEOUT);
    const expired = bodyRows(table).filter((row) => row.dataset.status === 'expired');
    const pending = bodyRows(table).filter((row) => row.dataset.status === 'pending');
    expect(expired.length).toBeGreaterThan(0);
    expect(pending.length).toBeGreaterThan(0);
    for (const row of expired) expect(within(row).getByText(t('time.expired'))).toBeInTheDocument();
  },
};

async function openRowMenu(canvasElement: HTMLElement, context: Ctx, row: HTMLElement) {
  const t = storyT(context);
  await userEvent.click(within(row).getByRole('button', { name: t('invitations.rowActions', { email: emailOf(row) }) }));
  return within(canvasElement);
}

export const ResendSuccess: Story = {
  parameters: backend({ store: { userCount: 60 }, setup: ({ store }) => store.clock.advance(30 * DAY_MS) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await within(canvasElement).findByRole('table', {}, TIMEOUT);
    const row = bodyRows(table)[0]!;
    const email = emailOf(row);
    const canvas = await openRowMenu(canvasElement, context, row);
    await userEvent.click(await canvas.findByRole('menuitem', { name: t('invitations.resend') }));
    expect(await canvas.findByText(t('invitations.resent', { email, relative: inDays(context, 7) }), {}, TIMEOUT)).toBeInTheDocument();
    await waitFor(() => expect(within(row).getByText(t('time.expiresIn', { relative: inDays(context, 7) }))).toBeInTheDocument());
  },
};

export const ResendFailure: Story = {
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await within(canvasElement).findByRole('table', {}, TIMEOUT);
    const row = bodyRows(table)[0]!;
    // Entity names arrive with their own request; wait for them so the row is complete.
    await waitFor(() => expect(row.querySelector('[data-slot="pending-invitations-entities"]')!.textContent).not.toBe(''), TIMEOUT);
    const before = row.textContent;
    const email = emailOf(row);
    storyBackend(context).faults.failNext('unavailable', { methods: ['resendInvitation'] });
    const canvas = await openRowMenu(canvasElement, context, row);
    await userEvent.click(await canvas.findByRole('menuitem', { name: t('invitations.resend') }));
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('invitations.resendFailed', { email, reason: t('errors.unavailable') }));
    expect(row.textContent).toBe(before);
  },
};

export const RevokeConfirmation: Story = {
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const table = await within(canvasElement).findByRole('table', {}, TIMEOUT);
    const row = bodyRows(table)[0]!;
    const email = emailOf(row);
    const canvas = await openRowMenu(canvasElement, context, row);
    await userEvent.click(await canvas.findByRole('menuitem', { name: t('invitations.revoke') }));
    const dialog = await canvas.findByRole('alertdialog', { name: t('invitations.revokeDialog.title', { email }) }, TIMEOUT);
    expect(dialog).toHaveAccessibleDescription(t('invitations.revokeDialog.description', { email }));
    expect(within(dialog).getByRole('button', { name: t('invitations.revokeDialog.confirm') })).toBeInTheDocument();
  },
};

export const BulkPartialFailure: Story = {
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', {}, TIMEOUT);
    const emails = bodyRows(table).slice(0, 3).map(emailOf);
    for (const email of emails) await userEvent.click(canvas.getByRole('checkbox', { name: t('invitations.selectRow', { email }) }));
    storyBackend(context).faults.failNext('conflict', { methods: ['resendInvitation'] });
    await userEvent.click(canvas.getByRole('button', { name: t('invitations.bulk.resend') }));
    const title = await canvas.findByText(t('invitations.bulk.resendResults'), {}, TIMEOUT);
    const items = within(title.closest('section')!).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(emails[0]!);
    expect(items[0]).toHaveTextContent(t('errors.conflict'));
    expect(canvas.getByText(t('invitations.bulk.failedKept', { count: 1 }))).toBeInTheDocument();
    expect(canvas.getByRole('checkbox', { name: t('invitations.selectRow', { email: emails[0] }) })).toBeChecked();
  },
};

export const Search: Story = {
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await canvas.findByRole('table', {}, TIMEOUT);
    await userEvent.type(canvas.getByRole('searchbox', { name: t('invitations.search') }), 'joao');
    await waitFor(() => expect(bodyRows(canvas.getByRole('table')).map(emailOf)).toEqual(['joao.silva@acme.es']), TIMEOUT);
  },
};

export const Paging: Story = {
  args: { defaultState: { pageSize: 10 } },
  parameters: backend({ store: { userCount: 200 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', {}, TIMEOUT);
    const first = bodyRows(table)[0]!.textContent;
    const total = storyBackend(context).store.listInvitations({ pageIndex: 0, pageSize: 1 }).total;
    const pageCount = Math.ceil(total / 10);
    await userEvent.click(canvas.getByRole('button', { name: t('common.nextPage') }));
    await waitFor(() => expect(canvas.getByText(t('common.pageOf', { page: 2, pageCount }))).toBeInTheDocument(), TIMEOUT);
    await waitFor(() => expect(bodyRows(canvas.getByRole('table'))[0]!.textContent).not.toBe(first), TIMEOUT);
  },
};
