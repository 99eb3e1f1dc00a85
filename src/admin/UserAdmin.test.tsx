import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore, type MockStoreOptions } from '../../mocks';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserAdmin, type UserAdminProps } from './UserAdmin';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));

function renderScreen(options: { store?: MockStoreOptions; props?: Partial<UserAdminProps>; locale?: string } = {}) {
  const store = createMockStore({ userCount: 40, ...options.store });
  const faults = createFaultInjector();
  const adapter = createMemoryAdapter(store, { latencyMs: 0, faults });
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
    const pending = store.listInvitations({ pageIndex: 0, pageSize: 1, status: 'pending' }).total;
    await waitFor(() => expect(sectionTabs()[0]).toHaveTextContent(`${t('userAdmin.tabs.users')}${counts.all}`));
    await waitFor(() => expect(sectionTabs()[1]).toHaveTextContent(`${t('userAdmin.tabs.invitations')}${pending}`));
    expect(sectionTabs()[0]).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
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
    const { user, store, container } = renderScreen({ props: { defaultTab: 'invitations' } });
    const pendingBefore = store.listInvitations({ pageIndex: 0, pageSize: 1, status: 'pending' }).total;
    await waitFor(() => expect(sectionTabs()[1]).toHaveTextContent(String(pendingBefore)));
    await user.click(screen.getByRole('button', { name: t('invite.trigger') }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: t('invite.emails.label') }), 'new.hire@acme.fr,');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: t('invite.role.label') }), ROLE_IDS.user);
    const list = await within(dialog).findByRole('listbox', { name: t('invite.entities.list') });
    await user.click((await within(list).findAllByRole('option'))[0]!);
    await user.click(within(dialog).getByRole('button', { name: t('invite.submit') }));
    expect(await within(dialog).findByText(t('invite.result.invitedCount', { count: 1 }))).toBeInTheDocument();
    await waitFor(() => expect(container.querySelector('[data-slot="announcer"]')?.textContent).toContain(t('userAdmin.invitedAnnouncement', { count: 1 })));
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

  it('given a backend without invitations, there are no tabs, no invite button, only the users', async () => {
    renderScreen({ store: { settings: { features: { invitations: false } } } });
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('tablist', { name: t('userAdmin.tabsLabel') })).toBeNull();
    expect(screen.queryByRole('button', { name: t('invite.trigger') })).toBeNull();
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
});
