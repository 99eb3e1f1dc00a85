import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within, userEvent, waitFor } from 'storybook/test';
import { PlainUserList } from './examples/PlainUserList';
import { backend, storyT, TIMEOUT } from './support';

/**
 * The headless hooks at work: a plain table fed by `useUserList`, over the REST adapter and the
 * reference backend behind MSW. Each story's play function is a test run in Chromium.
 */
const meta = {
  title: 'Headless/UserList with hooks',
  component: PlainUserList,
  args: { pageSize: 10 },
} satisfies Meta<typeof PlainUserList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', {}, TIMEOUT);
    // 10 rows per page, and the caption says how many users there are.
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    expect(table.querySelector('caption')?.textContent).toBe(t('users.count', { count: 60 }));
  },
};

export const Paging: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await canvas.findByRole('table', {}, TIMEOUT);
    const firstRow = canvas.getAllByRole('row')[1]!.textContent;
    await userEvent.click(canvas.getByRole('button', { name: t('common.nextPage') }));
    await waitFor(() => expect(canvas.getByText(t('common.pageOf', { page: '2', pageCount: '3' }))).toBeInTheDocument());
    await waitFor(() => expect(canvas.getAllByRole('row')[1]!.textContent).not.toBe(firstRow));
  },
};

export const SearchWithNoMatch: Story = {
  parameters: backend({ store: { userCount: 20 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await canvas.findByRole('table', {}, TIMEOUT);
    await userEvent.type(canvas.getByRole('searchbox'), 'zzzz-no-such-person');
    expect(await canvas.findByText(t('users.empty'), {}, TIMEOUT)).toBeInTheDocument();
    expect(canvas.queryByRole('table')).toBeNull();
  },
};

export const Loading: Story = {
  parameters: backend({ latencyMs: 60_000 }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('status')).toBeInTheDocument();
    expect(canvas.queryByRole('table')).toBeNull();
  },
};

export const ServerUnavailable: Story = {
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { count: 1, methods: ['listUsers'] }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert.textContent).toContain(t('errors.unavailable'));
    // The fault was for one call only: retry brings the list.
    await userEvent.click(within(alert).getByRole('button', { name: t('common.retry') }));
    expect(await canvas.findByRole('table', {}, TIMEOUT)).toBeInTheDocument();
  },
};

export const SsoEnforced: Story = {
  parameters: backend({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const note = await canvas.findByRole('note', {}, TIMEOUT);
    expect(note.textContent).toContain('Okta');
  },
};

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  parameters: backend({ store: { userCount: 20 } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('table', {}, TIMEOUT);
    expect(canvasElement.querySelector('[data-theme="dark"]')).not.toBeNull();
  },
};
