/**
 * "Send password reset" in real Chromium, over the stories' REST backend (MSW serving the reference
 * store, `POST /users/:id/password-reset`): the confirmation and the row outcome have zero axe
 * violations in every locale and theme, and the flow works with the keyboard alone, the focus
 * back on the row's menu; the sign-in guide's action for a forgotten password (its story
 * ForForgottenPassword) has none either, before and after sending.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import * as stories from '../../stories/UserList.stories';
import * as guideStories from '../../stories/SignInErrorGuide.stories';
import { axeViolations, tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
const nameOf = (row: HTMLElement) => row.querySelector('[data-slot="user-list-name"] > span')!.textContent!;

async function loadedTable() {
  const table = await screen.findByRole('table', {}, TIMEOUT);
  await waitFor(() => expect(bodyRows(table).length).toBeGreaterThan(0), TIMEOUT);
  return table;
}

describe('Send password reset in Chromium', { timeout: 40_000 }, () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme: the confirmation and the outcome have zero axe violations, and the link goes to the user`, async () => {
        const t = tFor(locale);
        const { FixtureUsers } = storiesIn(stories, { locale, theme });
        const { container, store } = await renderStory(FixtureUsers);
        const table = await loadedTable();
        const row = bodyRows(table).find((r) => r.getAttribute('data-state') === 'active' && !within(r).queryByText(t('userList.you')))!;
        const name = nameOf(row);
        const user = store.listUsers({ pageIndex: 0, pageSize: 1, search: name }).items[0]!;
        await userEvent.click(within(row).getByRole('button', { name: t('actions.moreActions', { name }) }));
        await userEvent.click(await screen.findByRole('menuitem', { name: t('userList.rowActions.sendPasswordReset') }, TIMEOUT));
        const dialog = await screen.findByRole('alertdialog', { name: t('userList.confirm.passwordResetTitle', { name }) }, TIMEOUT);
        expect(dialog).toHaveTextContent(t('userList.confirm.passwordResetDescription', { name, email: user.email }));
        expect(await axeViolations(container)).toEqual([]);
        await userEvent.click(within(dialog).getByRole('button', { name: t('userList.confirm.passwordResetConfirm') }));
        await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
        expect(await screen.findByText(t('userList.outcome.passwordResetSent', { email: user.email }), {}, TIMEOUT)).toBeTruthy();
        expect(await axeViolations(container)).toEqual([]);
        expect(store.sentPasswordResets().map((r) => [r.userId, r.sentTo])).toEqual([[user.id, user.email]]);
      });
    }
  }

  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme: the sign-in guide's password reset has zero axe violations, before and after sending`, async () => {
        const t = tFor(locale);
        const { ForForgottenPassword } = storiesIn(guideStories, { locale, theme });
        const { container, store } = await renderStory(ForForgottenPassword);
        const email = store.getUser({ id: 'user-13' }).email;
        const button = await screen.findByRole('button', { name: t('signInGuide.action.sendPasswordReset', { email }) }, TIMEOUT);
        expect(await axeViolations(container)).toEqual([]);
        await userEvent.click(button);
        expect(await screen.findByText(t('signInGuide.action.passwordResetSent', { email }), {}, TIMEOUT)).toBeTruthy();
        expect(await axeViolations(container)).toEqual([]);
        expect(store.sentPasswordResets().map((r) => r.userId)).toEqual(['user-13']);
      });
    }
  }

  it('with the keyboard alone: Enter on the row menu, the item, Enter on Send link; the focus returns to the row menu', async () => {
    const t = tFor('en');
    const { FixtureUsers } = storiesIn(stories);
    const { store } = await renderStory(FixtureUsers);
    const table = await loadedTable();
    const row = bodyRows(table).find((r) => r.getAttribute('data-state') === 'active' && !within(r).queryByText(t('userList.you')))!;
    const name = nameOf(row);
    const trigger = within(row).getByRole('button', { name: t('actions.moreActions', { name }) });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const menu = await screen.findByRole('menu', {}, TIMEOUT);
    const item = within(menu).getByRole('menuitem', { name: t('userList.rowActions.sendPasswordReset') });
    for (let i = 0; i < 8 && document.activeElement !== item; i++) await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item);
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('alertdialog', {}, TIMEOUT);
    const confirm = within(dialog).getByRole('button', { name: t('userList.confirm.passwordResetConfirm') });
    for (let i = 0; i < 6 && document.activeElement !== confirm; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(confirm);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
    await waitFor(() => expect(document.activeElement).toBe(trigger), TIMEOUT);
    expect(store.sentPasswordResets()).toHaveLength(1);
  });
});
