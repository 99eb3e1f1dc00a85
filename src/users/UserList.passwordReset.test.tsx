import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFaultInjector, createMemoryAdapter, createMockStore, type MockStore, type MockStoreOptions } from '../../mocks';
import type { UserAdminAdapter } from '../contract/types';
import en from '../i18n/locales/en.json';
import { createTestQueryClient } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserList } from './UserList';

// Rendering the whole list is slow on a busy 2-core machine.
configure({ asyncUtilTimeout: 10_000 });

const fill = (text: string, values: Record<string, string>) => Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, v), text);
const RESET = en.userList.rowActions.sendPasswordReset;

function renderList(options: { store?: MockStoreOptions; withoutPasswordReset?: boolean; as?: (store: MockStore) => MockStore } = {}) {
  const store = createMockStore({ userCount: 20, ...options.store });
  const faults = createFaultInjector();
  let adapter: UserAdminAdapter = createMemoryAdapter(options.as ? options.as(store) : store, { latencyMs: 0, faults });
  if (options.withoutPasswordReset) {
    const { sendPasswordReset: _, ...rest } = adapter;
    adapter = rest;
  }
  const user = userEvent.setup();
  render(
    <UserAdminProvider adapter={adapter} queryClient={createTestQueryClient()} locale="en">
      <UserList defaultState={{ pageSize: 25, filter: {} }} now={() => store.clock.now()} />
    </UserAdminProvider>,
  );
  return { store, faults, user };
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

describe('UserList: send password reset', { timeout: 30_000 }, () => {
  it("given an active login user, the row menu offers it; it asks first, then sends, and the row outcome says where the link went", async () => {
    const { store, user } = renderList();
    const jose = store.getUser({ id: 'user-jose' });
    const row = await rowOf('José');
    await user.click(within(await openMenu(user, row)).getByRole('menuitem', { name: RESET }));
    const dialog = await screen.findByRole('alertdialog', { name: fill(en.userList.confirm.passwordResetTitle, { name: 'José García' }) });
    expect(dialog).toHaveTextContent(fill(en.userList.confirm.passwordResetDescription, { name: 'José García', email: jose.email }));
    // Nothing is sent before the confirmation.
    expect(store.sentPasswordResets()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: en.userList.confirm.passwordResetConfirm }));
    expect(await screen.findByText(fill(en.userList.outcome.passwordResetSent, { email: jose.email }))).toBeInTheDocument();
    expect(store.sentPasswordResets().map((r) => [r.userId, r.sentTo])).toEqual([['user-jose', jose.email]]);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    // The focus goes back to the row's menu, and the row is as it was.
    await waitFor(() => expect(within(row).getByRole('button', { name: new RegExp(en.actions.moreActions.replace('{{name}}', '')) })).toHaveFocus());
    expect(row).toHaveAttribute('data-state', 'active');
  });

  it('cancelling the confirmation sends nothing', async () => {
    const { store, user } = renderList();
    await user.click(within(await openMenu(user, await rowOf('José'))).getByRole('menuitem', { name: RESET }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: en.common.cancel }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(store.sentPasswordResets()).toEqual([]);
    expect(screen.queryByText(/password reset link was sent/)).toBeNull();
  });

  it('given a failure, the dialog says why and nothing was sent', async () => {
    const { store, faults, user } = renderList();
    await user.click(within(await openMenu(user, await rowOf('José'))).getByRole('menuitem', { name: RESET }));
    const dialog = await screen.findByRole('alertdialog');
    faults.failNext('network', { methods: ['sendPasswordReset'] });
    await user.click(within(dialog).getByRole('button', { name: en.userList.confirm.passwordResetConfirm }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(en.errors.network);
    expect(store.sentPasswordResets()).toEqual([]);
  });

  it("an invited user's menu offers Resend invitation instead, and neither a deactivated user's nor a contact's offers it", async () => {
    const { user } = renderList();
    const invited = await openMenu(user, await rowOf('João'));
    expect(within(invited).getByRole('menuitem', { name: en.userList.rowActions.resendInvitation })).toBeInTheDocument();
    expect(within(invited).queryByRole('menuitem', { name: RESET })).toBeNull();
    await user.keyboard('{Escape}');
    const deactivated = await openMenu(user, await rowOf('Søren'));
    expect(within(deactivated).getByRole('menuitem', { name: en.userList.rowActions.reactivate })).toBeInTheDocument();
    expect(within(deactivated).queryByRole('menuitem', { name: RESET })).toBeNull();
    await user.keyboard('{Escape}');
    const contact = await openMenu(user, await rowOf('Zoë Müller'));
    expect(within(contact).queryByRole('menuitem', { name: RESET })).toBeNull();
  });

  it('given an adapter without sendPasswordReset, no menu offers it', async () => {
    const { user } = renderList({ withoutPasswordReset: true });
    const menu = await openMenu(user, await rowOf('José'));
    expect(within(menu).getByRole('menuitem', { name: en.actions.deactivate })).toBeInTheDocument();
    expect(within(menu).queryByRole('menuitem', { name: RESET })).toBeNull();
  });

  it('under enforced SSO, no menu offers it: the identity provider owns passwords', async () => {
    const { user } = renderList({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    const menu = await openMenu(user, await rowOf('José'));
    expect(within(menu).getByRole('menuitem', { name: en.actions.deactivate })).toBeInTheDocument();
    expect(within(menu).queryByRole('menuitem', { name: RESET })).toBeNull();
  });

  it("given a scoped admin, a user outside their scope is offered it disabled, with the translated reason", async () => {
    // Karim administers France and Germany; José reaches São Paulo.
    const { store, user } = renderList({ as: (s) => s.as('user-admin-2') });
    const menu = await openMenu(user, await rowOf('José'));
    const item = within(menu).getByRole('menuitem', { name: new RegExp(`^${RESET}`) });
    expect(item).toHaveAttribute('aria-disabled', 'true');
    expect(item).toHaveAccessibleDescription(en.errors.reason.outside_scope);
    await user.click(item);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(store.sentPasswordResets()).toEqual([]);
  });
});
