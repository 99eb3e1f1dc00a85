/**
 * The composed screen in real Chromium: axe with zero violations in every locale and both themes,
 * with the invite dialog open too, and the sections reachable with the keyboard alone. The screen
 * is a story of stories/UserAdmin.stories.tsx, rendered with its backend, providers, locale and
 * theme, inside the host page's landmark.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import * as stories from '../../stories/UserAdmin.stories';
import { axeViolations, tFor } from '../utils/browser';
import { renderStory, storiesIn, type StoryGlobals } from '../utils/stories';

/** The host page gives the landmark; axe's region rule checks the whole body. */
const HostPage = ({ children }: { children: ReactNode }) => <main>{children}</main>;

function renderScreen(locale: NonNullable<StoryGlobals['locale']>, theme: NonNullable<StoryGlobals['theme']>) {
  return renderStory(storiesIn(stories, { locale, theme }).Default, { wrapper: HostPage });
}

describe('UserAdmin in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme, the screen and the open invite dialog have zero axe violations`, async () => {
        const t = tFor(locale);
        await renderScreen(locale, theme);
        await screen.findByRole('table', {}, { timeout: 10_000 });
        const root = document.querySelector('[data-slot="user-admin"]')!;
        expect(getComputedStyle(root).backgroundColor).toBe(theme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expect(await axeViolations()).toEqual([]);
        await userEvent.click(screen.getByRole('button', { name: t('invite.trigger') }));
        const dialog = await screen.findByRole('dialog');
        const roleSelect = await within(dialog).findByRole('combobox', { name: t('invite.role.label') }, { timeout: 10_000 });
        await waitFor(() => expect(roleSelect.querySelectorAll('option').length).toBeGreaterThan(1), { timeout: 10_000 });
        // The dialog portals inside the themed root, so it has the theme's colours.
        expect(getComputedStyle(dialog).backgroundColor).toBe(theme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expect(await axeViolations()).toEqual([]);
        await userEvent.keyboard('{Escape}');
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        await userEvent.click(within(screen.getByRole('tablist', { name: t('userAdmin.tabsLabel') })).getAllByRole('tab')[1]!);
        await within(screen.getByRole('tabpanel', { name: new RegExp(t('userAdmin.tabs.invitations')) })).findByRole('table', {}, { timeout: 10_000 });
        expect(await axeViolations()).toEqual([]);
      });
    }
  }

  it('with the keyboard alone: Tab reaches the section tabs, arrows switch them, Enter on Invite opens the dialog', async () => {
    const t = tFor('en');
    await renderScreen('en', 'light');
    await screen.findByRole('table', {}, { timeout: 10_000 });
    const invite = screen.getByRole('button', { name: t('invite.trigger') });
    const [usersTab, invitationsTab] = within(screen.getByRole('tablist', { name: t('userAdmin.tabsLabel') })).getAllByRole('tab');
    for (let i = 0; i < 10 && document.activeElement !== invite; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(invite);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(usersTab);
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(invitationsTab);
    expect(invitationsTab).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(document.activeElement).toBe(invite);
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });
});

describe('UserAdmin issue 4 surfaces in Chromium', () => {
  for (const [locale, theme] of [['en', 'light'], ['fr', 'dark'], ['pt', 'light'], ['en', 'dark']] as const) {
    it(`in ${locale} with the ${theme} theme, the New user editor, the Permissions tab (users and roles) and the sign-in help have zero axe violations`, async () => {
      const t = tFor(locale);
      await renderScreen(locale, theme);
      await screen.findByRole('table', {}, { timeout: 10_000 });
      await userEvent.click(screen.getByRole('button', { name: t('userEditor.trigger') }));
      const editor = await screen.findByRole('dialog', { name: t('userEditor.title.create') }, { timeout: 10_000 });
      await within(editor).findByRole('textbox', { name: t('userEditor.fields.firstName') }, { timeout: 10_000 });
      expect(await axeViolations()).toEqual([]);
      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

      const menus = await screen.findAllByRole('button', { name: new RegExp(t('actions.moreActions', { name: '' }).trim()) });
      await userEvent.click(menus[0]!);
      await userEvent.click(await screen.findByRole('menuitem', { name: t('userList.rowActions.signInHelp') }));
      const guide = await screen.findByRole('dialog', {}, { timeout: 10_000 });
      await within(guide).findByRole('textbox', { name: t('signInGuide.paste.label') }, { timeout: 10_000 });
      expect(await axeViolations()).toEqual([]);
      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

      await userEvent.click(within(screen.getByRole('tablist', { name: t('userAdmin.tabsLabel') })).getAllByRole('tab')[2]!);
      await screen.findByRole('grid', { name: t('permissionMatrix.usersLabel') }, { timeout: 10_000 });
      expect(await axeViolations()).toEqual([]);
      await userEvent.click(screen.getByRole('radio', { name: t('userAdmin.permissionSource.roles') }));
      await screen.findByRole('grid', { name: t('permissionMatrix.rolesLabel') }, { timeout: 10_000 });
      expect(await axeViolations()).toEqual([]);
    }, 60_000);
  }

  it('with the keyboard alone: Tab to New user, Enter opens the editor on its first field, Escape closes it and focus returns', async () => {
    const t = tFor('en');
    await renderScreen('en', 'light');
    await screen.findByRole('table', {}, { timeout: 10_000 });
    const newUser = screen.getByRole('button', { name: t('userEditor.trigger') });
    await waitFor(() => expect(newUser).not.toHaveAttribute('aria-disabled'));
    for (let i = 0; i < 10 && document.activeElement !== newUser; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(newUser);
    await userEvent.keyboard('{Enter}');
    const editor = await screen.findByRole('dialog', { name: t('userEditor.title.create') }, { timeout: 10_000 });
    await waitFor(() => expect(editor.contains(document.activeElement)).toBe(true));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(newUser));
  }, 30_000);

  it('with the keyboard alone: a row menu opens sign-in help, Escape closes it and focus returns to that row menu', async () => {
    const t = tFor('en');
    await renderScreen('en', 'light');
    await screen.findByRole('table', {}, { timeout: 10_000 });
    const menu = (await screen.findAllByRole('button', { name: new RegExp(t('actions.moreActions', { name: '' }).trim()) }))[0]!;
    menu.focus();
    await userEvent.keyboard('{Enter}');
    const item = await screen.findByRole('menuitem', { name: t('userList.rowActions.signInHelp') });
    while (document.activeElement !== item) await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{Enter}');
    await screen.findByRole('dialog', {}, { timeout: 10_000 });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(menu));
  }, 30_000);
});

describe('theming through nested roots', () => {
  it('given a colour set inline on the host root, the invite dialog inside its own nested root uses it too', async () => {
    const t = tFor('en');
    await renderStory(storiesIn(stories).HostColours);
    await screen.findByRole('table', {}, { timeout: 10_000 });
    await userEvent.click(screen.getByRole('button', { name: t('invite.trigger') }));
    const dialog = await screen.findByRole('dialog');
    // The story's host root sets --uak-color-bg to a warm white.
    expect(getComputedStyle(dialog).backgroundColor).toBe('rgb(255, 250, 240)');
  });
});
