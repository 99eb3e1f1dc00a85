/**
 * The EntityAccessPicker in real Chromium: axe with zero violations in en/fr/pt × light/dark
 * (popover open over a selection, inline with a subtree grant, inline with a search), and
 * keyboard-only use with real key presses; "Show more" over 2,000 entities. Each state is a story
 * of stories/EntityAccessPicker.stories.tsx, rendered with its backend, providers, locale and
 * theme; the picker's value is the one the story shows under it.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { EntityAccessValue } from '../../src/entities';
import * as stories from '../../stories/EntityAccessPicker.stories';
import { axeViolations, tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const FRANCE = 'entity-acme-france';
const WAIT = { timeout: 10_000 };

/** The picker's label in a locale: the stories use the invite dialog's. */
const labelIn = (locale: string) => tFor(locale)('invite.entities.label');
/** The picker's current value, as the story shows it under the picker. */
const value = () => JSON.parse(screen.getByTestId('value').textContent!) as EntityAccessValue;

const item = (name: string) => screen.findByRole('treeitem', { name: new RegExp(`^${name}`) }, WAIT);

describe('EntityAccessPicker in Chromium', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme, the open popover, the inline tree and a search with a subtree grant have zero axe violations`, async () => {
        const t = tFor(locale);
        const label = labelIn(locale);
        const { WithSelection, Subtree } = storiesIn(stories, { locale, theme });

        // The popover, open over a selection (Paris, Lyon, Madrid, and the UK with its sub-accounts).
        const popover = await renderStory(WithSelection);
        await userEvent.click(screen.getByRole('button', { name: new RegExp(label) }));
        const panel = await screen.findByRole('dialog', { name: label }, WAIT);
        await within(panel).findByRole('treeitem', { name: /^Acme France SAS/ }, WAIT);
        expect(within(panel).getByText(t('entityPicker.hintSubtrees'))).toBeTruthy();
        expect(await axeViolations(popover.container)).toEqual([]);
        popover.unmount();

        // Inline, Acme France granted with its sub-accounts.
        const inline = await renderStory(Subtree);
        const france = await item('Acme France SAS');
        france.focus();
        await userEvent.keyboard('{ArrowRight}');
        expect((await item('Acme Paris')).textContent).toContain(t('entityPicker.includedWith', { name: 'Acme France SAS' }));
        expect(await axeViolations(inline.container)).toEqual([]);

        await userEvent.type(screen.getByRole('searchbox', { name: t('entityPicker.search') }), 'Acme Ly{Enter}');
        await item('Acme Lyon');
        await screen.findByRole('button', { name: t('entityPicker.selectAll', { count: 1, formatted: '1' }) }, WAIT);
        expect(await axeViolations(inline.container)).toEqual([]);
      });
    }
  }

  it('with the keyboard alone: opens the popover, moves through the tree, opens a company, selects with Space and with Shift+Space, closes with Escape', async () => {
    await renderStory(storiesIn(stories).Popover);
    const trigger = screen.getByRole('button', { name: new RegExp(labelIn('en')) });
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(trigger);
    await userEvent.keyboard('{Enter}');
    const search = await screen.findByRole('searchbox', {}, WAIT);
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
    await waitFor(() => expect(value()).toEqual({ entityIds: ['entity-acme-lyon'], subtreeEntityIds: [] }));
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(france);
    await userEvent.keyboard('{Shift>} {/Shift}');
    // The company with all its sub-accounts; Lyon, picked alone before, is now included.
    await waitFor(() => expect(value()).toEqual({ entityIds: [FRANCE], subtreeEntityIds: [FRANCE] }));
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
    await waitFor(() => expect(value()).toEqual({ entityIds: [], subtreeEntityIds: [] }));
  });

  it('with 2,000 entities, "Show more" loads the next page and keeps focus in the tree', async () => {
    await renderStory(storiesIn(stories).ThousandsOfEntities);
    const tree = await screen.findByRole('tree', {}, WAIT);
    const more = await waitFor(() => {
      const node = tree.querySelector<HTMLElement>('[data-kind="load-more"]');
      expect(node).not.toBeNull();
      return node!;
    }, WAIT);
    more.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(within(tree).getAllByRole('treeitem').length).toBe(42), WAIT);
    // Focus went to the first newly loaded company.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-posinset')).toBe('21'));
  });
});
