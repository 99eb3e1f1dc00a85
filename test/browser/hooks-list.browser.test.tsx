/**
 * The hooks example (stories/examples/PlainUserList) in real Chromium: axe with zero violations in
 * every locale and theme, and keyboard-only use (real key presses through the browser, not jsdom).
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render, screen, within, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { UserAdminProvider } from '../../src/headless';
import { createMemoryAdapter, createMockStore, createFaultInjector } from '../../mocks';
import { PlainUserList } from '../../stories/examples/PlainUserList';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';
import pt from '../../src/i18n/locales/pt.json';
import '../../src/styles.css';
import { axeViolations } from '../utils/browser';

const messages = { en, fr, pt } as const;
type Locale = keyof typeof messages;

function renderList(options: { locale?: Locale; theme?: 'light' | 'dark'; userCount?: number } = {}) {
  const store = createMockStore({ userCount: options.userCount ?? 40 });
  const faults = createFaultInjector();
  const adapter = createMemoryAdapter(store, { latencyMs: 5, faults });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <UserAdminProvider adapter={adapter} locale={options.locale ?? 'en'} queryClient={queryClient}>
      <div className="uak-root" data-theme={options.theme ?? 'light'}>
        <PlainUserList pageSize={10} />
      </div>
    </UserAdminProvider>,
  );
  return { ...view, store, faults };
}


describe('the hooks example in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme, the loaded list has zero axe violations`, async () => {
        const { container } = renderList({ locale, theme });
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
    const store = createMockStore({ userCount: 20 });
    const faults = createFaultInjector();
    faults.failNext('unavailable', { count: 1, methods: ['listUsers'] });
    const adapter = createMemoryAdapter(store, { latencyMs: 5, faults });
    const { container } = render(
      <UserAdminProvider adapter={adapter} locale="en" queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <div className="uak-root"><PlainUserList /></div>
      </UserAdminProvider>,
    );
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain(en.errors.unavailable);
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(within(alert).getByRole('button', { name: en.common.retry }));
    await screen.findByRole('table', {}, { timeout: 10_000 });
  });

  it('with the keyboard alone, a person can search, filter by status and page', async () => {
    renderList({ userCount: 60 });
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
