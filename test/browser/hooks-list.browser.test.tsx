/**
 * The hooks example (stories/examples/PlainUserList) in real Chromium: axe with zero violations in
 * every locale and theme, and keyboard-only use (real key presses through the browser, not jsdom).
 * Each state is a story of stories/HooksUserList.stories.tsx, rendered with its backend, providers,
 * locale and theme.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, within, waitFor } from '@testing-library/react';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';
import pt from '../../src/i18n/locales/pt.json';
import * as stories from '../../stories/HooksUserList.stories';
import { axeViolations } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const messages = { en, fr, pt } as const;

describe('the hooks example in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme, the loaded list has zero axe violations`, async () => {
        const { container } = await renderStory(storiesIn(stories, { locale, theme }).Default);
        await screen.findByRole('table', {}, { timeout: 10_000 });
        expect(screen.getByRole('button', { name: messages[locale].common.nextPage })).toBeTruthy();
        // The theme really applies: --uak-color-bg is light-dark(#ffffff, #14171c).
        const root = container.querySelector('.uak-root')!;
        expect(getComputedStyle(root).backgroundColor).toBe(theme === 'dark' ? 'rgb(20, 23, 28)' : 'rgb(255, 255, 255)');
        expect(await axeViolations(container)).toEqual([]);
      });
    }
  }

  it('given a failing server, the error state has zero axe violations and retry recovers', async () => {
    // The story's backend fails the first listing, once.
    const { container } = await renderStory(storiesIn(stories).ServerUnavailable);
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain(en.errors.unavailable);
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(within(alert).getByRole('button', { name: en.common.retry }));
    await screen.findByRole('table', {}, { timeout: 10_000 });
  });

  it('with the keyboard alone, a person can search, filter by status and page', async () => {
    await renderStory(storiesIn(stories).Default);
    await screen.findByRole('table', {}, { timeout: 10_000 });

    // Tab into the search box and type.
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
    // Tab to the status filter and pick "Deactivated" with arrow keys.
    await userEvent.keyboard('{Tab}');
    const select = screen.getByRole('combobox') as HTMLSelectElement;
    expect(document.activeElement).toBe(select);
    await userEvent.selectOptions(select, 'deactivated');
    await waitFor(() => {
      const rows = screen.getAllByRole('row').slice(1);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.getAttribute('data-state')).toBe('deactivated');
    }, { timeout: 10_000 });

    await userEvent.selectOptions(select, '');
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(11), { timeout: 10_000 });
    // From the filter, Tab reaches the scrollable table region, then (Previous is disabled) Next.
    select.focus();
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement?.getAttribute('role')).toBe('region');
    await userEvent.keyboard('{Tab}');
    const next = screen.getByRole('button', { name: en.common.nextPage });
    expect(document.activeElement).toBe(next);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText(/^Page 2 /)).toBeTruthy(), { timeout: 10_000 });
  });
});
