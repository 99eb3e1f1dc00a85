import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore, type MockStoreOptions } from '../../mocks';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserAdmin, type UserAdminProps } from './UserAdmin';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));

function renderScreen(options: { store?: MockStoreOptions; props?: Partial<UserAdminProps>; locale?: string; withoutRoleEditing?: boolean } = {}) {
  const store = createMockStore({ userCount: 40, ...options.store });
  const faults = createFaultInjector();
  const full = createMemoryAdapter(store, { latencyMs: 0, faults });
  const { updateRole: _updateRole, ...withoutUpdateRole } = full;
  const adapter = options.withoutRoleEditing ? withoutUpdateRole : full;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <UserAdminProvider adapter={adapter} locale={options.locale ?? 'en'} queryClient={queryClient}>
      <UserAdmin now={store.clock.now} {...options.props} />
    </UserAdminProvider>,
  );
  return { ...view, store, faults, adapter, user: userEvent.setup() };
}

const sectionTabs = (tt = t) => within(screen.getByRole('tablist', { name: tt('userAdmin.tabsLabel') })).getAllByRole('tab');

describe('UserAdmin', () => {
  it('given a loaded backend, shows the title, the Users tab with the user count and the pending invitation count', async () => {
    const { store } = renderScreen();
    expect(screen.getByRole('heading', { level: 2, name: t('userAdmin.title') })).toBeInTheDocument();
    const counts = store.getUserCounts({});
    const pending = store.listInvitations({ pageIndex: 0, pageSize: 1 }).total;
    await waitFor(() => expect(sectionTabs()[0]).toHaveTextContent(`${t('userAdmin.tabs.users')}${counts.all}`));
    await waitFor(() => expect(sectionTabs()[1]).toHaveTextContent(`${t('userAdmin.tabs.invitations')}${pending}`));
    expect(sectionTabs()[0]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('given pending and expired invitations, the Pending invitations tab counts what its table shows by default', async () => {
    const { user, store } = renderScreen();
    const expired = store.listInvitations({ pageIndex: 0, pageSize: 1, status: 'expired' }).total;
    expect(expired).toBeGreaterThan(0);
    const all = store.listInvitations({ pageIndex: 0, pageSize: 1 }).total;
    await waitFor(() => expect(sectionTabs()[1]).toHaveTextContent(`${t('userAdmin.tabs.invitations')}${all}`));
    await user.click(sectionTabs()[1]!);
    const panel = screen.getByRole('tabpanel', { name: new RegExp(t('userAdmin.tabs.invitations')) });
    expect(await within(panel).findByText(t('invitations.count', { count: all }), {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('given the Pending invitations tab chosen, shows the invitations and tells the host', async () => {
    const onTabChange = vi.fn();
    const { user } = renderScreen({ props: { onTabChange } });
    await user.click(sectionTabs()[1]!);
    expect(onTabChange).toHaveBeenCalledWith('invitations');
    const panel = screen.getByRole('tabpanel', { name: new RegExp(t('userAdmin.tabs.invitations')) });
    expect(await within(panel).findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('given an invitation sent from the header, both tabs and their counts refresh and the result is announced', async () => {
    const { user, store, container } = renderScreen({ props: { defaultTab: 'invitations', inviteDialogProps: { defaultValues: { entityIds: ['entity-acme-paris'] } } } });
    const pendingBefore = store.listInvitations({ pageIndex: 0, pageSize: 1 }).total;
    await waitFor(() => expect(sectionTabs()[1]).toHaveTextContent(String(pendingBefore)));
    await user.click(screen.getByRole('button', { name: t('invite.trigger') }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: t('invite.emails.label') }), 'new.hire@acme.fr,');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: t('invite.role.label') }), ROLE_IDS.user);
    await user.click(within(dialog).getByRole('button', { name: t('invite.submit') }));
    expect(await within(dialog).findByText(t('invite.result.invitedCount', { count: 1 }))).toBeInTheDocument();
    await waitFor(() => expect(container.querySelector('[data-slot="user-admin"] > [data-slot="announcer"]')?.textContent).toContain(t('userAdmin.invitedAnnouncement', { count: 1 })));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(sectionTabs()[1]).toHaveTextContent(String(pendingBefore + 1)));
    const panel = screen.getByRole('tabpanel', { name: new RegExp(t('userAdmin.tabs.invitations')) });
    expect(await within(panel).findByText('new.hire@acme.fr', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('given SSO enforced, the invite trigger stays focusable but disabled, with the reason as its description', async () => {
    renderScreen({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    const trigger = () => screen.getByRole('button', { name: t('invite.trigger') });
    await waitFor(() => expect(trigger()).toHaveAttribute('aria-disabled', 'true'));
    expect(trigger()).toHaveAccessibleDescription(t('settings.ssoEnforced', { provider: 'Okta' }));
  });

  it('given a backend without invitations, there are Users and Permissions tabs and no invite button', async () => {
    renderScreen({ store: { settings: { features: { invitations: false } } } });
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(sectionTabs().map((tab) => tab.textContent?.replace(/\d+$/, ''))).toEqual([t('userAdmin.tabs.users'), t('userAdmin.tabs.permissions')]));
    expect(screen.queryByRole('button', { name: t('invite.trigger') })).toBeNull();
  });

  it('given a backend without invitations, per-user module permissions nor role editing, there are no tabs, only the users', async () => {
    renderScreen({ store: { settings: { features: { invitations: false, modulePermissions: false } } }, withoutRoleEditing: true });
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('tablist', { name: t('userAdmin.tabsLabel') })).toBeNull();
  });

  it('given users who take their role\'s permissions (features.modulePermissions false) and editable roles, the Permissions tab shows the roles only, without a source choice', async () => {
    const { user } = renderScreen({ store: { settings: { features: { modulePermissions: false } } } });
    await waitFor(() => expect(sectionTabs().map((tab) => tab.textContent?.replace(/\d+$/, ''))).toEqual([t('userAdmin.tabs.users'), t('userAdmin.tabs.invitations'), t('userAdmin.tabs.permissions')]));
    await user.click(sectionTabs()[2]!);
    await screen.findByRole('grid', {}, { timeout: 10_000 });
    expect(document.querySelector('[data-slot="permission-matrix"]')).toHaveAttribute('data-source', 'roles');
    expect(screen.queryByRole('group', { name: t('userAdmin.permissionSource.label') })).toBeNull();
    expect(screen.queryByRole('radio', { name: t('userAdmin.permissionSource.users') })).toBeNull();
  });

  it('given title null, renders no heading of its own; given onEditUser, rows offer Edit', async () => {
    const onEditUser = vi.fn();
    const { user } = renderScreen({ props: { title: null, onEditUser } });
    expect(screen.queryByRole('heading', { level: 2, name: t('userAdmin.title') })).toBeNull();
    await screen.findByRole('table', {}, { timeout: 10_000 });
    const menus = await screen.findAllByRole('button', { name: /^More actions for|actions/i });
    await user.click(menus[0]!);
    await user.click(await screen.findByRole('menuitem', { name: t('actions.edit') }));
    expect(onEditUser).toHaveBeenCalledOnce();
  });

  it('in French, the sections are translated', async () => {
    renderScreen({ locale: 'fr' });
    const fr = getUserAdminT(createUserAdminI18n({ locale: 'fr' }));
    expect(screen.getByRole('heading', { level: 2, name: fr('userAdmin.title') })).toBeInTheDocument();
    expect(sectionTabs(fr)[1]).toHaveTextContent(fr('userAdmin.tabs.invitations'));
  });

  it('given New user, the built-in editor creates a contact: the dialog closes, the Users count goes up and the list finds them', async () => {
    const onUserSaved = vi.fn();
    const { user, store } = renderScreen({ props: { onUserSaved, userEditorProps: { defaultValues: { entityIds: ['entity-acme-lyon'] } } } });
    const before = store.getUserCounts({}).all;
    await waitFor(() => expect(sectionTabs()[0]).toHaveTextContent(String(before)));
    await user.click(screen.getByRole('button', { name: t('userEditor.trigger') }));
    const dialog = await screen.findByRole('dialog', { name: t('userEditor.title.create') }, { timeout: 10_000 });
    await within(dialog).findByRole('textbox', { name: t('userEditor.fields.firstName') }, { timeout: 10_000 });
    await user.click(within(dialog).getByRole('radio', { name: t('userEditor.kind.contact') }));
    await user.type(within(dialog).getByRole('textbox', { name: t('userEditor.fields.firstName') }), 'Zélie');
    await user.type(within(dialog).getByRole('textbox', { name: t('userEditor.fields.lastName') }), 'Zorn');
    await user.type(within(dialog).getByRole('textbox', { name: t('userEditor.fields.email') }), 'zelie@supplier.example');
    await user.click(within(dialog).getByRole('button', { name: t('userEditor.submit.create') }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    expect(onUserSaved).toHaveBeenCalledWith(expect.objectContaining({ created: true }));
    // The outcome stays visible once the dialog has closed.
    await waitFor(() => expect(document.querySelector('.uak-user-admin-notice')).toHaveTextContent(t('userEditor.result.createdContact', { name: 'Zélie Zorn' })));
    expect(store.getUserCounts({}).all).toBe(before + 1);
    await waitFor(() => expect(sectionTabs()[0]).toHaveTextContent(String(before + 1)), { timeout: 10_000 });
    await user.type(screen.getByRole('searchbox', { name: t('userList.searchLabel') }), 'zorn{Enter}');
    expect(await screen.findByText('zelie@supplier.example', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('given Edit on a row, the built-in editor opens on that user and a saved name shows in the list', async () => {
    const { user, store } = renderScreen();
    const target = store.listUsers({ pageIndex: 0, pageSize: 1, filter: { kind: 'login', status: ['active'], scope: 'entity' } }).items[0]!;
    const name = `${target.firstName} ${target.lastName}`;
    await user.type(screen.getByRole('searchbox', { name: t('userList.searchLabel') }), `${target.email}{Enter}`);
    await user.click(await screen.findByRole('button', { name: t('actions.moreActions', { name }) }, { timeout: 10_000 }));
    await user.click(await screen.findByRole('menuitem', { name: t('actions.edit') }));
    const dialog = await screen.findByRole('dialog', { name: t('userEditor.title.edit', { name }) }, { timeout: 10_000 });
    const last = await within(dialog).findByRole('textbox', { name: t('userEditor.fields.lastName') }, { timeout: 10_000 });
    expect(last).toHaveValue(target.lastName);
    await user.clear(last);
    await user.type(last, 'Renamed');
    await user.click(within(dialog).getByRole('button', { name: t('userEditor.submit.edit') }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 10_000 });
    expect(store.getUser({ id: target.id }).lastName).toBe('Renamed');
    expect(await screen.findByText(`${target.firstName} Renamed`, {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('given SSO enforced and no contacts, New user stays focusable but disabled with the reason; with contacts it opens on the contact kind only', async () => {
    const sso = { enforced: true, providerName: 'Okta' };
    const first = renderScreen({ store: { settings: { sso, features: { contacts: false } } } });
    const button = () => screen.getByRole('button', { name: t('userEditor.trigger') });
    await waitFor(() => expect(button()).toHaveAccessibleDescription(t('settings.ssoEnforced', { provider: 'Okta' })));
    expect(button()).toHaveAttribute('aria-disabled', 'true');
    await first.user.click(button());
    expect(screen.queryByRole('dialog')).toBeNull();
    first.unmount();

    const second = renderScreen({ store: { settings: { sso } } });
    await waitFor(() => expect(button()).not.toHaveAttribute('aria-disabled'));
    await second.user.click(button());
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 });
    await waitFor(() => expect(within(dialog).getByRole('radio', { name: t('userEditor.kind.contact') })).toBeChecked(), { timeout: 10_000 });
    expect(within(dialog).getByRole('radio', { name: t('userEditor.kind.login') })).toBeDisabled();
  });

  it('given the Permissions tab, shows module access by user, and by role when chosen', async () => {
    const { user } = renderScreen();
    await user.click(sectionTabs()[2]!);
    expect(await screen.findByRole('grid', { name: t('permissionMatrix.usersLabel') }, { timeout: 10_000 })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: t('userAdmin.permissionSource.roles') }));
    expect(await screen.findByRole('grid', { name: t('permissionMatrix.rolesLabel') }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('grid', { name: t('permissionMatrix.usersLabel') })).toBeNull();
  });

  it('given Sign-in help on a login user row, opens the guide for that user', async () => {
    const { user, store } = renderScreen();
    const target = store.listUsers({ pageIndex: 0, pageSize: 1, filter: { kind: 'login', status: ['deactivated'] } }).items[0]!;
    const name = `${target.firstName} ${target.lastName}`.trim() || target.email;
    await user.type(screen.getByRole('searchbox', { name: t('userList.searchLabel') }), `${target.email}{Enter}`);
    await user.click(await screen.findByRole('button', { name: t('actions.moreActions', { name }) }, { timeout: 10_000 }));
    await user.click(await screen.findByRole('menuitem', { name: t('userList.rowActions.signInHelp') }));
    expect(await screen.findByRole('dialog', { name: t('signInGuide.dialogTitle', { name }) }, { timeout: 10_000 })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
