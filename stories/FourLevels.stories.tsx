import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { UsersWithSeats } from '../docs/examples/levels/2-parts';
import { PeopleTable } from '../docs/examples/levels/3-hooks';
import { backend, storyT, TIMEOUT } from './support';

/**
 * The README's levels of use 2 and 3, the same files the README shows (docs/examples/levels):
 * the users list composed from its parts with a part of the host's own, and a table of the host's
 * own over the headless hooks. Level 1 is the UserAdmin stories; level 4 has no screen.
 */
const meta = {
  title: 'Guides/Four levels of use',
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const Parts: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  render: () => <UsersWithSeats seats={100} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('table', {}, TIMEOUT);
    await waitFor(() => expect(canvas.getByRole('note').textContent).toMatch(/^\d+ seats left on your plan$/));
  },
};

export const Hooks: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  render: () => <PeopleTable />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const table = await canvas.findByRole('table', {}, TIMEOUT);
    const emails = within(table).getAllByRole('rowheader').map((cell) => cell.textContent ?? '');
    expect(emails).toEqual([...emails].sort((a, b) => a.localeCompare(b)));
    // The caption counts every user (the 30 generated and the fixed ones) in the locale's plural form.
    const caption = table.querySelector('caption')?.textContent ?? '';
    const total = Number(caption.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(caption).toBe(t('users.count', { count: total }));
  },
};
