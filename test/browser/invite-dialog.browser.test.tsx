/**
 * The invite dialog in real Chromium: axe with zero violations in every locale and theme for its
 * main states, and the whole invite flow with the keyboard alone (real key presses). Each state is
 * a story of stories/InviteDialog.stories.tsx, rendered with its backend, providers, locale and theme.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, within, waitFor } from '@testing-library/react';
import { ROLE_IDS, ROOT_ENTITY_ID } from '../../mocks';
import type { UserAdminT } from '../../src/i18n';
import * as stories from '../../stories/InviteDialog.stories';
import { itHasNoAxeViolations, tFor, type AxeState } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };

async function openForm(t: UserAdminT) {
  const dialog = await screen.findByRole('dialog', {}, TIMEOUT);
  await within(dialog).findByRole('textbox', { name: t('invite.emails.label') }, TIMEOUT);
  // The entity picker's tree (its roots and the opened group) is part of what axe checks.
  await within(dialog).findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT).catch(() => undefined);
  return dialog;
}


const STATES: Record<string, AxeState> = {
  'the open, empty dialog': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).Open);
    const dialog = await openForm(t);
    return { container, check: () => expect(within(dialog).getByRole('heading', { name: t('invite.title') })).toBeTruthy() };
  },
  'the dialog with invalid and duplicate chips': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).WithChips);
    const dialog = await openForm(t);
    return { container, check: () => expect(within(dialog).getByText(t('invite.addressesNeedAttention', { count: 2 }))).toBeTruthy() };
  },
  'the dialog with mixed results': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).Results);
    const dialog = await openForm(t);
    await userEvent.click(within(dialog).getByRole('button', { name: t('invite.submit') }));
    await within(dialog).findByText(t('invite.result.skippedCount', { count: 6 }), {}, TIMEOUT);
    return { container, check: () => expect(within(dialog).getAllByText(t('invite.skipReason.disposable')).length).toBeGreaterThan(0) };
  },
  'the dialog with a server error': async (o) => {
    const t = tFor(o.locale);
    // The story's backend fails the next invitation with a network error.
    const { container } = await renderStory(storiesIn(stories, o).ServerError);
    const dialog = await openForm(t);
    await userEvent.click(within(dialog).getByRole('button', { name: t('invite.submit') }));
    const alert = await within(dialog).findByRole('alert', {}, TIMEOUT);
    return { container, check: () => expect(alert.textContent).toContain(t('errors.network')) };
  },
  'the SSO-disabled trigger': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).SsoEnforced);
    await waitFor(() => expect(screen.getByRole('button', { name: t('invite.trigger') }).getAttribute('aria-disabled')).toBe('true'), TIMEOUT);
    return { container, check: () => expect(screen.getByText(t('settings.ssoEnforced', { provider: 'Okta' }))).toBeTruthy() };
  },
};

describe('the invite dialog in Chromium', () => {
  itHasNoAxeViolations(STATES);

  it('with the keyboard alone, a person opens the dialog, types two addresses, picks a role and an entity, and sends', async () => {
    const t = tFor('en');
    const { store } = await renderStory(storiesIn(stories).Closed);
    const trigger = await screen.findByRole('button', { name: t('invite.trigger') }, TIMEOUT);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(trigger);
    await userEvent.keyboard('{Enter}');
    const dialog = await openForm(t);
    const input = within(dialog).getByRole('textbox', { name: t('invite.emails.label') });
    await waitFor(() => expect(document.activeElement).toBe(input), TIMEOUT);

    await userEvent.keyboard('first.keyboard@acme.fr,second.keyboard@acme.fr');
    // Tab leaves the field, which turns the typed text into the second chip, and reaches the role.
    await userEvent.keyboard('{Tab}');
    const chips = within(dialog).getByRole('list', { name: t('invite.emails.count', { count: 2 }) });
    expect(within(chips).getAllByRole('listitem')).toHaveLength(2);
    const role = within(dialog).getByRole('combobox', { name: t('invite.role.label') }) as HTMLSelectElement;
    expect(document.activeElement).toBe(role);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(role.value).toBe(ROLE_IDS.communication));

    // Tab to the entity search, then into the tree: the group, then its first company, granted
    // with all its sub-accounts (Shift+Space), then the next company alone (Space).
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(within(dialog).getByRole('searchbox', { name: t('entityPicker.search') }));
    const tree = await within(dialog).findByRole('tree', { name: t('invite.entities.label') }, TIMEOUT);
    await within(tree).findByRole('treeitem', { name: /^Acme Deutschland GmbH/ }, TIMEOUT);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement?.getAttribute('data-entity-id')).toBe(ROOT_ENTITY_ID);
    await userEvent.keyboard('{ArrowDown}{Shift>} {/Shift}{ArrowDown} ');
    const granted = within(tree).getByRole('treeitem', { name: /^Acme Deutschland GmbH/ });
    expect(granted.getAttribute('aria-checked')).toBe('true');
    expect(granted.textContent).toContain(t('entityPicker.subtreeOn'));
    expect(within(tree).getByRole('treeitem', { name: /^Acme France SAS/ }).getAttribute('aria-checked')).toBe('true');

    // On to the submit button, with Tab only, and send with Enter.
    const submit = within(dialog).getByRole('button', { name: t('invite.submit') });
    for (let i = 0; i < 25 && document.activeElement !== submit; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(submit);
    await userEvent.keyboard('{Enter}');
    expect(await within(dialog).findByText(t('invite.result.invitedCount', { count: 2 }), {}, TIMEOUT)).toBeTruthy();
    const invited = store.listInvitations({ pageIndex: 0, pageSize: 500, search: 'keyboard@acme.fr' }).items;
    expect(invited.map((i) => i.email).sort()).toEqual(['first.keyboard@acme.fr', 'second.keyboard@acme.fr']);
    expect(invited[0]).toMatchObject({ roleId: ROLE_IDS.communication });
    expect(invited[0]!.entityIds).toEqual(['entity-acme-deutschland', 'entity-acme-france']);
    expect(invited[0]!.subtreeEntityIds).toEqual(['entity-acme-deutschland']);
  });
});
