/**
 * The whole screen by parts: UserAdminBase holds the screen's state, its parts read it, and a host
 * drops a part or puts its own between two. What UserAdmin itself is made of.
 */
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserAdmin, UserAdminBase, useUserAdminScreenContext } from './UserAdmin';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));

function SeatBanner() {
  const { screen: state } = useUserAdminScreenContext();
  return <p role="note">{`Seats used: ${state.userCount ?? '…'}`}</p>;
}

function renderComposed(ui: React.ReactNode) {
  const store = createMockStore({ userCount: 20 });
  const adapter = createMemoryAdapter(store, { latencyMs: 0 });
  render(
    <UserAdminProvider adapter={adapter} locale="en" queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      {ui}
    </UserAdminProvider>,
  );
  return { store, user: userEvent.setup() };
}

describe('UserAdminBase and the screen parts', { timeout: 30_000 }, () => {
  it("composed by a host: its own part between the tabs and the users, no Permissions panel, and New user still opens the editor", async () => {
    const { store, user } = renderComposed(
      <UserAdminBase>
        <UserAdmin.Root>
          <UserAdmin.Header />
          <UserAdmin.Tabs />
          <SeatBanner />
          <UserAdmin.UsersPanel />
          <UserAdmin.InvitationsPanel />
          <UserAdmin.EditorDialog />
        </UserAdmin.Root>
      </UserAdminBase>,
    );
    const all = store.getUserCounts({}).all;
    await waitFor(() => expect(screen.getByRole('note')).toHaveTextContent(`Seats used: ${all}`));
    expect(await screen.findByRole('table', {}, { timeout: 10_000 })).toBeInTheDocument();
    const tablist = screen.getByRole('tablist', { name: t('userAdmin.tabsLabel') });
    expect(tablist.compareDocumentPosition(screen.getByRole('note')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The Permissions tab is there (the backend has it) but its panel was left out of this composition.
    await user.click(within(tablist).getByRole('tab', { name: t('userAdmin.tabs.permissions') }));
    expect(screen.queryByRole('tabpanel')).toBeNull();
    await user.click(screen.getByRole('button', { name: t('userEditor.trigger') }));
    expect(await screen.findByRole('dialog', {}, { timeout: 10_000 })).toBeInTheDocument();
  });

  it("the users tab takes the host's own content in place of the built-in list", async () => {
    renderComposed(
      <UserAdminBase>
        <UserAdmin.Root>
          <UserAdmin.Tabs />
          <UserAdmin.UsersPanel><p>Our own people table</p></UserAdmin.UsersPanel>
        </UserAdmin.Root>
      </UserAdminBase>,
    );
    expect(await screen.findByText('Our own people table')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('a part outside a UserAdminBase says what it needs', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderComposed(<UserAdmin.Tabs />)).toThrow('`useUserAdminScreenContext` must be used within <UserAdminBase> (or <UserAdmin>).');
    vi.mocked(console.error).mockRestore();
  });
});
