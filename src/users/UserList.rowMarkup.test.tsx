/**
 * What a row of the users list is made of, as behaviour (no timings): with the side-by-side bench's
 * six columns it is at most react-admin's 23 DOM nodes, the row's header cell holds the name itself
 * (no wrapper inside it), and the name stays where tests and hosts read it.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import type { User } from '../contract/types';
import { createTestQueryClient } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { userDisplayName } from './model/columns';
import { UserList } from './UserList';

/** The bench's columns (`shared/bench/peer-ours`): five built-ins and a custom date, beside selection and the menu. */
const BENCH_COLUMNS = [
  'name', 'email', 'role', 'status', 'entities',
  { id: 'created', header: 'Created', cell: (user: User) => new Date(user.createdAt).toLocaleDateString('en') },
] as const;

const nodesOf = (row: HTMLElement) => {
  const walker = document.createTreeWalker(row, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let count = 1;
  while (walker.nextNode()) count++;
  return count;
};

async function renderRows() {
  const store = createMockStore({ userCount: 30 });
  render(
    <UserAdminProvider adapter={createMemoryAdapter(store)} queryClient={createTestQueryClient()} locale="en">
      <UserList defaultState={{ pageSize: 25 }} columns={[...BENCH_COLUMNS]} now={() => store.clock.now()} />
    </UserAdminProvider>,
  );
  const table = await screen.findByRole('table', {}, { timeout: 10_000 });
  const rows = () => within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
  await waitFor(() => expect(rows()).toHaveLength(25), { timeout: 10_000 });
  return { store, rows: rows() };
}

describe('UserList row markup', { timeout: 30_000 }, () => {
  it('given the bench’s six columns, a row is at most react-admin’s 23 DOM nodes (24 before)', async () => {
    const { rows } = await renderRows();
    // Rows like the bench's users: a login user with a role, one entity, no badge and no note.
    const plain = rows.filter(
      (row) =>
        row.querySelector('[data-column="role"]')!.childElementCount === 0 &&
        row.querySelector('[data-slot="user-list-name"]')!.childElementCount === 1 &&
        row.querySelector('.uak-user-list-stack') === null &&
        row.querySelector('[data-slot="user-list-entities"]') === null,
    );
    expect(plain.length).toBeGreaterThanOrEqual(5);
    const perRow = Math.max(...plain.map(nodesOf));
    expect(perRow).toBeLessThanOrEqual(23);
  });

  it('the row header cell is the name’s wrapper: its span child is the name, with no wrapper between', async () => {
    const { store, rows } = await renderRows();
    for (const row of rows) {
      const cell = within(row).getByRole('rowheader');
      expect(cell).toHaveAttribute('data-slot', 'user-list-name');
      expect(cell).toHaveAttribute('data-column', 'name');
      // No element inside the cell wraps the name and its badges.
      expect(cell.querySelector('.uak-user-list-name')).toBeNull();
      const name = row.querySelector('[data-slot="user-list-name"] > span')!;
      expect(name.parentElement).toBe(cell);
      expect(name.attributes).toHaveLength(0);
    }
    const users = store.listUsers({ pageIndex: 0, pageSize: 25 }).items;
    expect(rows.map((row) => row.querySelector('[data-slot="user-list-name"] > span')!.textContent)).toEqual(users.map(userDisplayName));
  });
});
