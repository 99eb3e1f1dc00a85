/**
 * Issue 12: with an invalid chip left, "Send invitations" did nothing visible. Now it says why (an
 * alert naming how many addresses need attention) and puts the focus on the first invalid chip,
 * whose description gives its reason; nothing is sent. The dialog is the Open story of
 * stories/InviteDialog.stories.tsx.
 */
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { ROLE_IDS } from '../../mocks';
import * as stories from '../../stories/InviteDialog.stories';
import { tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };
const t = tFor('en');

describe('the invite dialog with an invalid chip left', { timeout: 40_000 }, () => {
  it('pressing Send invitations says why nothing was sent and focuses the invalid chip, which names its reason', async () => {
    // The open dialog story, its role and entity chosen; the spy is on the backend behind the story's REST adapter.
    const { store } = await renderStory(storiesIn(stories).Open, { args: { defaultValues: { roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } } });
    const inviteUsers = vi.spyOn(store, 'inviteUsers');
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
