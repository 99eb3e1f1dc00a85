/**
 * Issue 12: with an invalid chip left, "Send invitations" did nothing visible. Now it says why (an
 * alert naming how many addresses need attention) and puts the focus on the first invalid chip,
 * whose description gives its reason; nothing is sent.
 */
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { ROLE_IDS, createMemoryAdapter, createMockStore } from '../../mocks';
import { UserAdminProvider } from '../../src/headless';
import { InviteDialog } from '../../src/invitations/invite/components';
import '../../src/styles.css';
import { tFor } from '../utils/browser';

const TIMEOUT = { timeout: 10_000 };
const t = tFor('en');

describe('the invite dialog with an invalid chip left', { timeout: 40_000 }, () => {
  it('pressing Send invitations says why nothing was sent and focuses the invalid chip, which names its reason', async () => {
    const store = createMockStore({ userCount: 20 });
    const adapter = createMemoryAdapter(store, { latencyMs: 5 });
    const inviteUsers = vi.spyOn(adapter, 'inviteUsers');
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <UserAdminProvider adapter={adapter} locale="en" queryClient={queryClient}>
        <div className="uak-root">
          <InviteDialog defaultOpen defaultValues={{ roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] }} />
        </div>
      </UserAdminProvider>,
    );
    const dialog = await screen.findByRole('dialog', {}, TIMEOUT);
    const input = await within(dialog).findByRole('textbox', { name: t('invite.emails.label') }, TIMEOUT);
    await waitFor(() => expect(document.activeElement).toBe(input), TIMEOUT);
    await userEvent.keyboard('good.one@acme.fr,not-an-address,');
    const chips = within(dialog).getByRole('list', { name: t('invite.emails.count', { count: 2 }) });
    expect(within(chips).getAllByRole('listitem')).toHaveLength(2);

    const send = within(dialog).getByRole('button', { name: t('invite.submit') });
    send.focus();
    await userEvent.keyboard('{Enter}');

    const alert = await within(dialog).findByText(t('invite.notSentFixAddresses', { count: 1 }), {}, TIMEOUT);
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    const invalidChip = within(chips).getAllByRole('listitem').find((item) => item.getAttribute('data-status') === 'invalid')!;
    const activate = invalidChip.querySelector<HTMLElement>('[data-slot="chip-activate"]')!;
    await waitFor(() => expect(document.activeElement).toBe(activate), TIMEOUT);
    expect(activate).toHaveAccessibleDescription(t('invite.skipReason.invalid'));
    expect(inviteUsers).not.toHaveBeenCalled();

    // Removing the invalid chip clears the message.
    await userEvent.keyboard('{Tab}{Enter}');
    await waitFor(() => expect(within(dialog).queryByText(t('invite.notSentFixAddresses', { count: 1 }))).toBeNull(), TIMEOUT);
  });
});
