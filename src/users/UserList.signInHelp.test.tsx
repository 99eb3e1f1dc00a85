import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import en from '../i18n/locales/en.json';
import { createTestQueryClient } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserList, type UserListProps } from './UserList';

// Rendering the whole screen is slow on a busy 2-core machine.
configure({ asyncUtilTimeout: 10_000 });

function renderList(props: Partial<UserListProps> = {}) {
  const store = createMockStore({ userCount: 20 });
  const user = userEvent.setup();
  render(
    <UserAdminProvider adapter={createMemoryAdapter(store, { latencyMs: 0 })} queryClient={createTestQueryClient()} locale="en">
      <UserList defaultState={{ pageSize: 25, filter: {} }} now={() => store.clock.now()} {...props} />
    </UserAdminProvider>,
  );
  return { store, user };
}

async function rowOf(name: string) {
  const table = await screen.findByRole('table', {}, { timeout: 10_000 });
  let row: HTMLElement | undefined;
  await waitFor(() => {
    row = within(table).getAllByRole('row').find((r) => within(r).queryByRole('rowheader', { name: new RegExp(name) }));
    expect(row).toBeDefined();
  }, { timeout: 10_000 });
  return row!;
}

async function openMenu(user: ReturnType<typeof userEvent.setup>, row: HTMLElement) {
  const trigger = within(row).getByRole('button', { name: new RegExp(en.actions.moreActions.replace('{{name}}', '')) });
  trigger.focus();
  await user.keyboard('{Enter}');
  return screen.findByRole('menu');
}

describe('UserList sign-in help', { timeout: 20_000 }, () => {
  it("given onSignInHelp, a login user's row menu offers Sign-in help, which calls it with that user", async () => {
    const onSignInHelp = vi.fn();
    const { user } = renderList({ onSignInHelp });
    const menu = await openMenu(user, await rowOf('Søren'));
    await user.click(within(menu).getByRole('menuitem', { name: en.userList.rowActions.signInHelp }));
    expect(onSignInHelp).toHaveBeenCalledTimes(1);
    expect(onSignInHelp).toHaveBeenCalledWith(expect.objectContaining({ id: 'user-soren', status: 'deactivated' }));
  });

  it('given onSignInHelp, it comes right after Edit in the menu', async () => {
    const { user } = renderList({ onSignInHelp: vi.fn(), onEditUser: vi.fn() });
    const menu = await openMenu(user, await rowOf('João'));
    const labels = within(menu).getAllByRole('menuitem').map((item) => item.textContent);
    expect(labels.slice(0, 3)).toEqual([en.actions.edit, en.userList.rowActions.signInHelp, en.userList.rowActions.resendInvitation]);
  });

  it("given onSignInHelp, a contact's row menu does not offer it (contacts never sign in)", async () => {
    const { user } = renderList({ onSignInHelp: vi.fn() });
    const menu = await openMenu(user, await rowOf('Zoë Müller'));
    expect(within(menu).queryByRole('menuitem', { name: en.userList.rowActions.signInHelp })).toBeNull();
    expect(within(menu).getAllByRole('menuitem').length).toBeGreaterThan(0);
  });

  it('without onSignInHelp, no row menu offers it', async () => {
    const { user } = renderList();
    const menu = await openMenu(user, await rowOf('Søren'));
    expect(within(menu).queryByRole('menuitem', { name: en.userList.rowActions.signInHelp })).toBeNull();
    expect(within(menu).getByRole('menuitem', { name: en.userList.rowActions.reactivate })).toBeInTheDocument();
  });
});
