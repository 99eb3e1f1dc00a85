/**
 * The composed screen in real Chromium: axe with zero violations in every locale and both themes,
 * with the invite dialog open too, and the sections reachable with the keyboard alone.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { UserAdmin, UserAdminProvider, createUserAdminI18n, getUserAdminT } from '../../src';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import '../../src/styles.css';
import { axeViolations } from '../utils/browser';

function renderScreen(locale: string, theme: 'light' | 'dark') {
  const store = createMockStore({ userCount: 40 });
  const adapter = createMemoryAdapter(store, { latencyMs: 5 });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <UserAdminProvider adapter={adapter} locale={locale} queryClient={queryClient}>
      {/* The host page gives the landmark; axe's region rule checks the whole body. */}
      <main data-theme={theme} lang={locale}>
        <UserAdmin now={store.clock.now} />
      </main>
    </UserAdminProvider>,
  );
}


describe('UserAdmin in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme, the screen and the open invite dialog have zero axe violations`, async () => {
        const t = getUserAdminT(createUserAdminI18n({ locale }));
        renderScreen(locale, theme);
        await screen.findByRole('table', {}, { timeout: 10_000 });
        const root = document.querySelector('[data-slot="user-admin"]')!;
        expect(getComputedStyle(root).backgroundColor).toBe(theme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expect(await axeViolations()).toEqual([]);
        await userEvent.click(screen.getByRole('button', { name: t('invite.trigger') }));
        const dialog = await screen.findByRole('dialog');
        await within(dialog).findByRole('listbox', {}, { timeout: 10_000 });
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
    const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
    renderScreen('en', 'light');
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

describe('theming through nested roots', () => {
  it('given a colour set inline on the host root, the invite dialog inside its own nested root uses it too', async () => {
    const store = createMockStore({ userCount: 10 });
    const adapter = createMemoryAdapter(store, { latencyMs: 5 });
    const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
    render(
      <UserAdminProvider adapter={adapter} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <main className="uak-root" style={{ ['--uak-color-bg' as string]: 'rgb(1, 2, 3)' }}>
          <UserAdmin now={store.clock.now} />
        </main>
      </UserAdminProvider>,
    );
    await screen.findByRole('table', {}, { timeout: 10_000 });
    await userEvent.click(screen.getByRole('button', { name: t('invite.trigger') }));
    const dialog = await screen.findByRole('dialog');
    expect(getComputedStyle(dialog).backgroundColor).toBe('rgb(1, 2, 3)');
  });
});
