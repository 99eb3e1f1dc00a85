/**
 * The sign-in error guide in real Chromium: axe with zero violations in every locale and theme for
 * the user path, the paste path, an unknown message and the dialog; and keyboard-only use (paste a
 * message, reach the copy button, copy). Each state is a story of
 * stories/SignInErrorGuide.stories.tsx, rendered with its backend, providers, locale and theme.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { fn } from 'storybook/test';
import * as stories from '../../stories/SignInErrorGuide.stories';
import { axeViolations, tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const cause = () => document.querySelector('[data-slot="sign-in-guide-cause"]');

afterEach(() => {
  cleanup();
  delete (navigator as { clipboard?: unknown }).clipboard;
});

const { PasteMessage, ForUser } = storiesIn(stories);

describe('the sign-in error guide in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const t = tFor(locale);
      const { ForDeactivatedUser, PastedWithoutDiagnostics, UnknownMessage, DialogWithFailures } = storiesIn(stories, { locale, theme });
      it(`in ${locale} with the ${theme} theme, the user path has zero axe violations`, async () => {
        const { container } = await renderStory(ForDeactivatedUser);
        await waitFor(() => expect(cause()?.textContent).toBe(t('signInFailure.account_deactivated')), { timeout: 10_000 });
        expect(screen.getAllByRole('radio').length).toBeGreaterThan(0);
        // The theme really applies: --uak-color-bg is light-dark(#ffffff, #14171c).
        expect(getComputedStyle(container.querySelector('.uak-root')!).backgroundColor).toBe(theme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme, the paste path without diagnostics has zero axe violations`, async () => {
        const { container } = await renderStory(PastedWithoutDiagnostics);
        expect(await screen.findByText(t('signInGuide.failures.unsupported', { name: 'João Silva' }))).toBeTruthy();
        expect(cause()?.textContent).toBe(t('signInFailure.invitation_expired'));
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme, an unknown message and the copy-by-hand box have zero axe violations`, async () => {
        const { container } = await renderStory(UnknownMessage);
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
        expect(cause()?.textContent).toBe(t('signInGuide.diagnosis.unknownCause'));
        await userEvent.click(screen.getByRole('button', { name: t('signInGuide.copy.button') }));
        await screen.findByRole('textbox', { name: t('signInGuide.copy.manualLabel') });
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme, the open dialog has zero axe violations`, async () => {
        await renderStory(DialogWithFailures);
        const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 });
        await waitFor(() => expect(cause()?.textContent).toBe(t('signInFailure.mfa_failed')), { timeout: 10_000 });
        expect(within(dialog).getByRole('textbox', { name: t('signInGuide.paste.label') })).toBeTruthy();
        expect(await axeViolations(document.body)).toEqual([]);
      });
    }
  }

  it('with the keyboard alone, a person can paste a message, reach the copy button and copy the details', async () => {
    const t = tFor('en');
    await renderStory(PasteMessage);
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
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
    // The story's own spy (storybook/test's fn, the type its args take).
    const onEditUser = fn();
    await renderStory(ForUser, { args: { onEditUser } });
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
