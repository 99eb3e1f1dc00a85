/**
 * The users list by parts: UserListBase holds the state, the parts read it from context, and a
 * host drops a part or puts its own between two. What UserList itself is made of.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import en from '../i18n/locales/en.json';
import { createTestQueryClient, spyOnAdapter } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserList } from './UserList';
import { splitUserTableOptions, UserListBase, useUserListContext } from './UserListBase';

function setup() {
  const store = createMockStore({ userCount: 30 });
  const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: 0 }));
  return { store, adapter };
}

function SelectedCount() {
  const { users } = useUserListContext();
  return <p data-testid="host-count">{`host sees ${users.selectedCount} selected of ${users.list.total}`}</p>;
}

describe('UserListBase and the list parts', { timeout: 20_000 }, () => {
  it("composed by a host: its own part reads the list's state between two of ours, and a dropped part is absent", async () => {
    const context = setup();
    const user = userEvent.setup();
    render(
      <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
        <UserListBase defaultState={{ pageSize: 10 }} now={() => context.store.clock.now()}>
          <UserList.Root data-testid="root">
            <UserList.Views />
            <UserList.Panel>
              <UserList.Toolbar />
              <SelectedCount />
              <UserList.Content />
            </UserList.Panel>
            <UserList.RowConfirm />
          </UserList.Root>
        </UserListBase>
      </UserAdminProvider>,
    );
    const table = await screen.findByRole('table', {}, { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId('host-count')).toHaveTextContent('host sees 0 selected of 30'));
    const rows = within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
    await user.click(within(rows[1]!).getByRole('checkbox'));
    await waitFor(() => expect(screen.getByTestId('host-count')).toHaveTextContent('host sees 1 selected of 30'));
    // No SelectionBar in this composition: no bulk actions.
    expect(screen.queryByRole('group', { name: en.userList.bulk.label })).toBeNull();
    // The host part sits between the toolbar and the table, in the tab panel.
    const panel = screen.getByRole('tabpanel');
    const order = [panel.querySelector('[data-slot="user-list-toolbar"]'), screen.getByTestId('host-count'), table];
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    expect(screen.getByTestId('root')).toHaveAttribute('data-slot', 'user-list');
  });

  it("routes a row's deactivate through the base's confirmation part, and runs it on confirm", async () => {
    const context = setup();
    const user = userEvent.setup();
    render(
      <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
        <UserListBase defaultState={{ pageSize: 10 }} now={() => context.store.clock.now()}>
          <UserList.Panel>
            <UserList.Table />
          </UserList.Panel>
          <UserList.RowConfirm />
        </UserListBase>
      </UserAdminProvider>,
    );
    const table = await screen.findByRole('table', {}, { timeout: 10_000 });
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1), { timeout: 10_000 });
    const row = within(table).getAllByRole('row')
      .find((r) => r.getAttribute('data-state') === 'active' && !within(r).queryByText(en.userList.you))!;
    const trigger = within(row).getByRole('button', { name: new RegExp(en.actions.moreActions.replace('{{name}}', '')) });
    trigger.focus();
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('menuitem', { name: en.actions.deactivate }));
    const dialog = await screen.findByRole('alertdialog', {}, { timeout: 10_000 });
    expect(context.adapter.setUserStatus).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: en.actions.deactivate }));
    await waitFor(() => expect(context.adapter.setUserStatus).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(row).toHaveAttribute('data-state', 'deactivated'));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    // The focus goes back to the row's menu, not to the page body.
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });

  it('a part outside a UserListBase, without `users`, says what it needs', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const context = setup();
    expect(() =>
      render(
        <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
          <UserList.Toolbar />
        </UserAdminProvider>,
      ),
    ).toThrow('<UserList.Toolbar> must be used within <UserListBase> (or <UserList>), or be given `users`.');
    vi.mocked(console.error).mockRestore();
  });

  it('UserList puts the options of useUserTable in the base and every other prop on the root element', () => {
    const onEditUser = vi.fn();
    const [options, rest] = splitUserTableOptions({ onEditUser, concurrency: 2, 'aria-label': 'People', id: 'x', onInvite: () => {} });
    expect(Object.keys(options).sort()).toEqual(['concurrency', 'onEditUser']);
    expect(Object.keys(rest).sort()).toEqual(['aria-label', 'id', 'onInvite']);
  });
});
