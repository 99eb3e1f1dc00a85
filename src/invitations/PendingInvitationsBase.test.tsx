/**
 * The pending invitations by parts: PendingInvitationsBase holds the state, the parts read it from
 * context, and a host drops a part or puts its own between two. What PendingInvitations is made of.
 */
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ROLE_IDS, createMemoryAdapter, createMockStore } from '../../mocks';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { PendingInvitations } from './PendingInvitations';
import { PendingInvitationsBase, splitPendingInvitationsOptions, usePendingInvitationsContext } from './PendingInvitationsBase';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));

function setup() {
  const store = createMockStore({ userCount: 40 });
  const entityIds = store.listEntities({ pageIndex: 0, pageSize: 1 }).items.map((e) => e.id);
  store.inviteUsers({ input: { emails: ['to.revoke@example.com'], roleId: ROLE_IDS.communication, entityIds } });
  const adapter = createMemoryAdapter(store, { latencyMs: 0 });
  return { store, adapter, revoke: vi.spyOn(adapter, 'revokeInvitation') };
}

function SelectedNote() {
  const { invitations } = usePendingInvitationsContext();
  return <p data-testid="host-note">{`host sees ${invitations.selectedCount} selected of ${invitations.total}`}</p>;
}

describe('PendingInvitationsBase and the parts', { timeout: 20_000 }, () => {
  it("composed by a host: its own part reads the state between ours, a dropped part is absent, and revoke goes through the base's confirmation", async () => {
    const context = setup();
    const user = userEvent.setup();
    render(
      <UserAdminProvider adapter={context.adapter} locale="en" queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <PendingInvitationsBase now={context.store.clock.now}>
          <PendingInvitations.Root data-testid="root">
            <PendingInvitations.Toolbar />
            <SelectedNote />
            <PendingInvitations.Content />
            <PendingInvitations.Confirm />
          </PendingInvitations.Root>
        </PendingInvitationsBase>
      </UserAdminProvider>,
    );
    const table = await screen.findByRole('table', {}, { timeout: 10_000 });
    const total = context.store.listInvitations({ pageIndex: 0, pageSize: 1000 }).total;
    await waitFor(() => expect(screen.getByTestId('host-note')).toHaveTextContent(`host sees 0 selected of ${total}`));
    const row = within(table).getByRole('rowheader', { name: /to\.revoke@example\.com/ }).closest('tr')!;
    await user.click(within(row).getByRole('checkbox'));
    await waitFor(() => expect(screen.getByTestId('host-note')).toHaveTextContent(`host sees 1 selected of ${total}`));
    // No BulkBar in this composition.
    expect(screen.queryByRole('group', { name: t('invitations.bulk.label') })).toBeNull();
    await user.click(screen.getByRole('button', { name: t('invitations.rowActions', { email: 'to.revoke@example.com' }) }));
    await user.click(await screen.findByRole('menuitem', { name: t('invitations.revoke') }));
    const dialog = await screen.findByRole('alertdialog', { name: t('invitations.revokeDialog.title', { email: 'to.revoke@example.com' }) });
    expect(context.revoke).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: t('invitations.revokeDialog.confirm') }));
    await waitFor(() => expect(context.revoke).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('root')).toHaveAttribute('data-slot', 'pending-invitations');
  });

  it('a part outside a PendingInvitationsBase, without `invitations`, says what it needs', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const context = setup();
    expect(() =>
      render(
        <UserAdminProvider adapter={context.adapter} locale="en">
          <PendingInvitations.Table />
        </UserAdminProvider>,
      ),
    ).toThrow('<PendingInvitations.Table> must be used within <PendingInvitationsBase> (or <PendingInvitations>), or be given `invitations`.');
    vi.mocked(console.error).mockRestore();
  });

  it("PendingInvitations puts the hook's options in the base and every other prop on the root", () => {
    const [options, rest] = splitPendingInvitationsOptions({ concurrency: 2, refreshIntervalMs: 0, id: 'x', onInvite: () => {} });
    expect(Object.keys(options).sort()).toEqual(['concurrency', 'refreshIntervalMs']);
    expect(Object.keys(rest).sort()).toEqual(['id', 'onInvite']);
  });
});
