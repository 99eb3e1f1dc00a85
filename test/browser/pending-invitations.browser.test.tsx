/**
 * PendingInvitations in real Chromium: zero axe violations in every locale and theme for the
 * loaded list, the revoke confirmation, bulk results, the empty state and the error state; and
 * the revoke flow done with the keyboard alone. Each state is a story of
 * stories/PendingInvitations.stories.tsx, rendered with its backend, providers, locale and theme.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, within, waitFor } from '@testing-library/react';
import { ROLE_IDS } from '../../mocks';
import * as stories from '../../stories/PendingInvitations.stories';
import { axeViolations, tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

// Real browser events: React's act() environment does not apply here.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const WAIT = { timeout: 10_000 };

const bodyRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const emailOf = (row: HTMLElement) => row.querySelector('.uak-pi-email')!.textContent!;

describe('PendingInvitations in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme, the list, the revoke confirmation and bulk results have zero axe violations`, async () => {
        const t = tFor(locale);
        const { Default } = storiesIn(stories, { locale, theme });
        const { container, faults } = await renderStory(Default);
        await screen.findByRole('table', {}, WAIT);
        const root = container.querySelector('[data-slot="pending-invitations"]')!.closest('.uak-root')!;
        expect(getComputedStyle(root).backgroundColor).toBe(theme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expect(await axeViolations(container)).toEqual([]);

        // The revoke confirmation, open.
        const email = emailOf(bodyRows()[0]!);
        await userEvent.click(screen.getByRole('button', { name: t('invitations.rowActions', { email }) }));
        await userEvent.click(await screen.findByRole('menuitem', { name: t('invitations.revoke') }, WAIT));
        const dialog = await screen.findByRole('alertdialog', { name: t('invitations.revokeDialog.title', { email }) }, WAIT);
        expect(await axeViolations(container)).toEqual([]);
        await userEvent.click(within(dialog).getByRole('button', { name: t('common.cancel') }));
        await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), WAIT);

        // Bulk resend with one failure: the per-email results.
        const emails = bodyRows().slice(0, 3).map(emailOf);
        for (const e of emails) await userEvent.click(screen.getByRole('checkbox', { name: t('invitations.selectRow', { email: e }) }));
        faults.failNext('conflict', { methods: ['resendInvitation'] });
        await userEvent.click(screen.getByRole('button', { name: t('invitations.bulk.resend') }));
        await screen.findByText(t('invitations.bulk.resendResults'), {}, WAIT);
        expect(screen.getByText(t('invitations.bulk.failedKept', { count: 1 }))).toBeTruthy();
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme, the empty and error states have zero axe violations`, async () => {
        const t = tFor(locale);
        const { Empty, Error: LoadError } = storiesIn(stories, { locale, theme });
        const empty = await renderStory(Empty);
        await screen.findByText(t('invitations.empty.title'), {}, WAIT);
        expect(await axeViolations(empty.container)).toEqual([]);
        empty.unmount();

        const failing = await renderStory(LoadError);
        const alert = await screen.findByRole('alert', {}, WAIT);
        expect(alert.textContent).toContain(t('errors.unavailable'));
        expect(await axeViolations(failing.container)).toEqual([]);
      });
    }
  }

  it('with the keyboard alone, a person selects a row, then revokes its invitation and confirms', async () => {
    const t = tFor('en');
    const { Default } = storiesIn(stories);
    const { store } = await renderStory(Default, {
      prepare: ({ store }) => {
        const entityIds = store.listEntities({ pageIndex: 0, pageSize: 1 }).items.map((e) => e.id);
        store.inviteUsers({ input: { emails: ['keyboard.only@example.com'], roleId: ROLE_IDS.user, entityIds } });
      },
    });
    await screen.findByRole('table', {}, WAIT);
    const checkbox = screen.getByRole('checkbox', { name: t('invitations.selectRow', { email: 'keyboard.only@example.com' }) });

    // Tab from the start of the page to the first row's checkbox: search, status tabs, select-page, row.
    for (let i = 0; i < 10 && document.activeElement !== checkbox; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(checkbox);
    await userEvent.keyboard(' ');
    expect(checkbox).toHaveProperty('checked', true);
    expect(screen.getByRole('group', { name: t('invitations.bulk.label') }).textContent).toContain(t('common.selected', { count: 1 }));

    // On to the row's actions menu; Enter opens it, the arrow goes to Revoke, Enter picks it.
    const menu = screen.getByRole('button', { name: t('invitations.rowActions', { email: 'keyboard.only@example.com' }) });
    for (let i = 0; i < 5 && document.activeElement !== menu; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(menu);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('menuitem'), WAIT);
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe(t('invitations.revoke'));
    await userEvent.keyboard('{Enter}');

    const dialog = await screen.findByRole('alertdialog', { name: t('invitations.revokeDialog.title', { email: 'keyboard.only@example.com' }) }, WAIT);
    const confirm = within(dialog).getByRole('button', { name: t('invitations.revokeDialog.confirm') });
    for (let i = 0; i < 5 && document.activeElement !== confirm; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(confirm);
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), WAIT);
    expect(screen.queryByText('keyboard.only@example.com', { selector: '.uak-pi-email' })).toBeNull();
    expect(store.listInvitations({ pageIndex: 0, pageSize: 5, search: 'keyboard.only' }).total).toBe(0);
    // The row is gone: focus lands on the outcome, which says what happened.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-slot')).toBe('status-message'), WAIT);
    expect(document.activeElement?.textContent).toContain(t('invitations.revoked', { email: 'keyboard.only@example.com' }));
    // The revoked invitation left the selection too.
    expect(screen.queryByRole('group', { name: t('invitations.bulk.label') })).toBeNull();
  });
});
