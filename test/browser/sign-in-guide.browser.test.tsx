/**
 * The sign-in error guide in real Chromium: axe with zero violations in every locale and theme for
 * the user path, the paste path, an unknown message and the dialog; and keyboard-only use (paste a
 * message, reach the copy button, copy).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { UserAdminProvider } from '../../src/headless';
import type { UserAdminAdapter } from '../../src/contract/types';
import { SignInErrorGuide, SignInErrorGuideDialog } from '../../src/sign-in-guide/components';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import '../../src/styles.css';
import { axeViolations, tFor } from '../utils/browser';

type Locale = 'en' | 'fr' | 'pt';
type Theme = 'light' | 'dark';

function renderWith(children: (store: ReturnType<typeof createMockStore>) => ReactNode, options: { locale?: Locale; theme?: Theme; withoutDiagnostics?: boolean } = {}) {
  const store = createMockStore({ userCount: 20 });
  let adapter: UserAdminAdapter = createMemoryAdapter(store, { latencyMs: 5 });
  if (options.withoutDiagnostics) {
    const { getAccessDiagnostics: _, ...rest } = adapter;
    adapter = rest;
  }
  const view = render(
    <UserAdminProvider adapter={adapter} locale={options.locale ?? 'en'} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <main className="uak-root" data-theme={options.theme ?? 'light'}>{children(store)}</main>
    </UserAdminProvider>,
  );
  return { ...view, store };
}

const cause = () => document.querySelector('[data-slot="sign-in-guide-cause"]');

afterEach(() => {
  cleanup();
  delete (navigator as { clipboard?: unknown }).clipboard;
});

describe('the sign-in error guide in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const t = tFor(locale);
      it(`in ${locale} with the ${theme} theme, the user path has zero axe violations`, async () => {
        const { container } = renderWith((store) => <SignInErrorGuide user={store.getUser({ id: 'user-12' })} />, { locale, theme });
        await waitFor(() => expect(cause()?.textContent).toBe(t('signInFailure.account_deactivated')), { timeout: 10_000 });
        expect(screen.getAllByRole('radio').length).toBeGreaterThan(0);
        // The theme really applies: --uak-color-bg is light-dark(#ffffff, #14171c).
        expect(getComputedStyle(container.querySelector('main')!).backgroundColor).toBe(theme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme, the paste path without diagnostics has zero axe violations`, async () => {
        const { container } = renderWith((store) => <SignInErrorGuide user={store.getUser({ id: 'user-joao' })} defaultMessage="Invitation expired" />, {
          locale, theme, withoutDiagnostics: true,
        });
        expect(await screen.findByText(t('signInGuide.failures.unsupported', { name: 'João Silva' }))).toBeTruthy();
        expect(cause()?.textContent).toBe(t('signInFailure.invitation_expired'));
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme, an unknown message and the copy-by-hand box have zero axe violations`, async () => {
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
        const { container } = renderWith(() => <SignInErrorGuide defaultMessage="Unexpected response 0x80070005" />, { locale, theme });
        expect(cause()?.textContent).toBe(t('signInGuide.diagnosis.unknownCause'));
        await userEvent.click(screen.getByRole('button', { name: t('signInGuide.copy.button') }));
        await screen.findByRole('textbox', { name: t('signInGuide.copy.manualLabel') });
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme, the open dialog has zero axe violations`, async () => {
        renderWith((store) => <SignInErrorGuideDialog open onOpenChange={() => {}} user={store.getUser({ id: 'user-18' })} />, { locale, theme });
        const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 });
        await waitFor(() => expect(cause()?.textContent).toBe(t('signInFailure.mfa_failed')), { timeout: 10_000 });
        expect(within(dialog).getByRole('textbox', { name: t('signInGuide.paste.label') })).toBeTruthy();
        expect(await axeViolations(document.body)).toEqual([]);
      });
    }
  }

  it('with the keyboard alone, a person can paste a message, reach the copy button and copy the details', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const t = tFor('en');
    renderWith(() => <SignInErrorGuide />);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: t('signInGuide.paste.label') }));
    await userEvent.keyboard('Conta bloqueada');
    expect(cause()?.textContent).toBe(t('signInFailure.locked'));
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: t('signInGuide.copy.button') }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText.mock.calls[0]![0]).toContain(`${t('signInGuide.details.message')}: Conta bloqueada`);
    expect(await screen.findByText(t('signInGuide.copy.copied'))).toBeTruthy();
  });

  it('with the keyboard alone, a person can choose an older failure with the arrow keys and act on it', async () => {
    const t = tFor('en');
    const onEditUser = vi.fn();
    renderWith((store) => <SignInErrorGuide user={store.getUser({ id: 'user-18' })} onEditUser={onEditUser} />);
    const radios = await screen.findAllByRole('radio', {}, { timeout: 10_000 });
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(radios[0]);
    await userEvent.keyboard('{ArrowDown}');
    expect(radios[1]).toBeChecked();
    expect(cause()?.textContent).toBe(t('signInFailure.entity_not_granted'));
    // Past the message box to the action.
    await userEvent.keyboard('{Tab}{Tab}');
    expect(document.activeElement?.textContent).toBe(t('signInGuide.action.editEntities', { name: 'Jürgen Haddad' }));
    await userEvent.keyboard('{Enter}');
    expect(onEditUser).toHaveBeenCalledWith(expect.objectContaining({ id: 'user-18' }));
  });
});
