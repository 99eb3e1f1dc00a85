/**
 * The EntityAccessPicker in real Chromium: axe with zero violations in en/fr/pt × light/dark
 * (popover open, inline, inline with a search and a subtree grant), and keyboard-only use with
 * real key presses.
 */
import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createFaultInjector, createMemoryAdapter, createMockStore } from '../../mocks';
import { EntityAccessPicker, type EntityAccessPickerProps } from '../../src/entities/components';
import type { EntityAccessValue } from '../../src/entities';
import { UserAdminProvider } from '../../src/headless';
import '../../src/styles.css';
import { axeViolations, tFor } from '../utils/browser';

const LABEL = 'Entity access';
const FRANCE = 'entity-acme-france';

function renderPicker(options: { locale?: string; theme?: 'light' | 'dark'; entityCount?: number } & Partial<EntityAccessPickerProps> & { initial?: EntityAccessValue } = {}) {
  const { locale = 'en', theme = 'light', entityCount = 12, initial, ...props } = options;
  const store = createMockStore({ userCount: 10, entityCount });
  const adapter = createMemoryAdapter(store, { latencyMs: 5, faults: createFaultInjector() });
  const values: EntityAccessValue[] = [];
  function Harness() {
    const [value, setValue] = useState<EntityAccessValue>(initial ?? { entityIds: [], subtreeEntityIds: [] });
    return (
      <EntityAccessPicker
        label={LABEL}
        value={value}
        onValueChange={(next) => {
          values.push(next);
          setValue(next);
        }}
        {...props}
      />
    );
  }
  const view = render(
    <UserAdminProvider adapter={adapter} locale={locale} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <div className="uak-root" data-theme={theme} style={{ minHeight: '40rem' }}>
        <main><Harness /></main>
      </div>
    </UserAdminProvider>,
  );
  return { ...view, store, values, last: () => values[values.length - 1] };
}

const item = (name: string) => screen.findByRole('treeitem', { name: new RegExp(`^${name}`) }, { timeout: 10_000 });

describe('EntityAccessPicker in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme, the open popover, the inline tree and a search with a subtree grant have zero axe violations`, async () => {
        const t = tFor(locale);
        const popover = renderPicker({ locale, theme, initial: { entityIds: ['entity-acme-paris'], subtreeEntityIds: [] } });
        await userEvent.click(screen.getByRole('button', { name: new RegExp(LABEL) }));
        const panel = await screen.findByRole('dialog', { name: LABEL });
        await within(panel).findByRole('treeitem', { name: /^Acme France SAS/ }, { timeout: 10_000 });
        expect(within(panel).getByText(t('entityPicker.hintSubtrees'))).toBeTruthy();
        expect(await axeViolations(popover.container)).toEqual([]);
        popover.unmount();

        const inline = renderPicker({ locale, theme, variant: 'inline', initial: { entityIds: [FRANCE], subtreeEntityIds: [FRANCE] } });
        const france = await item('Acme France SAS');
        france.focus();
        await userEvent.keyboard('{ArrowRight}');
        expect((await item('Acme Paris')).textContent).toContain(t('entityPicker.includedWith', { name: 'Acme France SAS' }));
        expect(await axeViolations(inline.container)).toEqual([]);

        await userEvent.type(screen.getByRole('searchbox', { name: t('entityPicker.search') }), 'Acme Ly{Enter}');
        await item('Acme Lyon');
        await screen.findByRole('button', { name: t('entityPicker.selectAll', { count: 1, formatted: '1' }) }, { timeout: 10_000 });
        expect(await axeViolations(inline.container)).toEqual([]);
      });
    }
  }

  it('with the keyboard alone: opens the popover, moves through the tree, opens a company, selects with Space and with Shift+Space, closes with Escape', async () => {
    const { last } = renderPicker();
    const trigger = screen.getByRole('button', { name: new RegExp(LABEL) });
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(trigger);
    await userEvent.keyboard('{Enter}');
    const search = await screen.findByRole('searchbox');
    await waitFor(() => expect(document.activeElement).toBe(search));
    await item('Acme France SAS');
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(await item('Acme Group'));
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const france = await item('Acme France SAS');
    expect(document.activeElement).toBe(france);
    await userEvent.keyboard('{ArrowRight}');
    await item('Acme Lyon');
    await userEvent.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(await item('Acme Lyon'));
    await userEvent.keyboard(' ');
    expect(last()).toEqual({ entityIds: ['entity-acme-lyon'], subtreeEntityIds: [] });
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(france);
    await userEvent.keyboard('{Shift>} {/Shift}');
    // The company with all its sub-accounts; Lyon, picked alone before, is now included.
    expect(last()).toEqual({ entityIds: [FRANCE], subtreeEntityIds: [FRANCE] });
    expect((await item('Acme Lyon')).getAttribute('aria-disabled')).toBe('true');
    await userEvent.keyboard('{End}');
    expect(document.activeElement).toBe(await item('Acme UK Ltd'));
    await userEvent.keyboard('{Home}');
    expect(document.activeElement).toBe(await item('Acme Group'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
    // The chip of the grant is reachable and removable with the keyboard.
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe(tFor('en')('entityPicker.remove', { name: 'Acme France SAS' }));
    await userEvent.keyboard('{Enter}');
    expect(last()).toEqual({ entityIds: [], subtreeEntityIds: [] });
  });

  it('with 2,000 entities, "Show more" loads the next page and keeps focus in the tree', async () => {
    renderPicker({ variant: 'inline', entityCount: 2000, pageSize: 20 });
    const tree = await screen.findByRole('tree', {}, { timeout: 10_000 });
    const more = await waitFor(() => {
      const node = tree.querySelector<HTMLElement>('[data-kind="load-more"]');
      expect(node).not.toBeNull();
      return node!;
    }, { timeout: 10_000 });
    more.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(tree).getAllByRole('treeitem').length).toBe(42), { timeout: 10_000 });
    // Focus went to the first newly loaded company.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-posinset')).toBe('21'));
  });
});
