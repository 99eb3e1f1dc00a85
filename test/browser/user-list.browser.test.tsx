/**
 * The UserList screen in real Chromium: axe with zero violations in every locale and theme for the
 * loaded list, an open confirmation, a bulk result, the empty and error states; and the main flow
 * with the keyboard alone (real key presses through the browser). Each state is a story of
 * stories/UserList.stories.tsx, rendered with its backend, providers, locale and theme.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import * as stories from '../../stories/UserList.stories';
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

const { Default, ThousandRowsVirtualized } = storiesIn(stories);

describe('UserList in Chromium', { timeout: 40_000 }, () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme: the list, an open confirmation and a bulk result have zero axe violations`, async () => {
        // The seven fixed users: one page, the current admin among them.
        const t = tFor(locale);
        const { FixtureUsers } = storiesIn(stories, { locale, theme });
        const { container } = await renderStory(FixtureUsers);
        const table = await loadedTable();
        await waitFor(() => expect(screen.getByRole('tab', { selected: true })).toHaveTextContent('7'), TIMEOUT);
        expect(await axeViolations(container)).toEqual([]);

        // The remove confirmation, open.
        const row = bodyRows(table).find((r) => !within(r).queryByText(t('userList.you')))!;
        await userEvent.click(within(row).getByRole('button', { name: t('actions.moreActions', { name: nameOf(row) }) }));
        await userEvent.click(await screen.findByRole('menuitem', { name: t('actions.remove') }, TIMEOUT));
        const dialog = await screen.findByRole('alertdialog', { name: t('userList.confirm.removeTitle', { name: nameOf(row) }) }, TIMEOUT);
        expect(await axeViolations(container)).toEqual([]);
        await userEvent.click(within(dialog).getByRole('button', { name: t('common.cancel') }));
        await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);

        // A bulk deactivation of the page, in which the current admin fails.
        await userEvent.click(within(table).getByRole('checkbox', { name: t('userList.selectPage') }));
        await userEvent.click(within(screen.getByRole('group', { name: t('userList.bulk.label') })).getByRole('button', { name: t('userList.bulk.deactivate') }));
        const bulk = await screen.findByRole('alertdialog', {}, TIMEOUT);
        expect(await axeViolations(container)).toEqual([]);
        await userEvent.click(within(bulk).getByRole('button', { name: t('userList.bulk.deactivate') }));
        await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
        const results = await screen.findByRole('region', { name: t('userList.bulk.failedTitle', { count: 1, formatted: '1' }) }, TIMEOUT);
        expect(results).toHaveTextContent('Alice Martin');
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme: the empty and error states have zero axe violations`, async () => {
        const t = tFor(locale);
        const { NoUsers, LoadError } = storiesIn(stories, { locale, theme });
        const empty = await renderStory(NoUsers);
        expect(await screen.findByText(t('userList.empty.title'), {}, TIMEOUT)).toBeTruthy();
        expect(await axeViolations(empty.container)).toEqual([]);
        empty.unmount();

        const error = await renderStory(LoadError);
        const alert = await screen.findByRole('alert', {}, TIMEOUT);
        expect(alert).toHaveTextContent(t('users.loadError'));
        expect(await axeViolations(error.container)).toEqual([]);
      });
    }
  }

  it('with the keyboard alone, a person tabs to a row’s menu, opens it with Enter, deactivates and confirms', async () => {
    const t = tFor('en');
    const { store } = await renderStory(Default);
    const table = await loadedTable();
    const first = bodyRows(table)[0]!;
    const name = nameOf(first);
    expect(name).not.toBe('Alice Martin');
    const trigger = within(first).getByRole('button', { name: t('actions.moreActions', { name }) });

    // Tab from the top of the page until the first row's menu button has the focus.
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 40 && document.activeElement !== trigger; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(trigger);
    // The rows below are not in the tab order: one more Tab leaves the table.
    await userEvent.keyboard('{Enter}');
    const menu = await screen.findByRole('menu', {}, TIMEOUT);
    const deactivate = within(menu).getByRole('menuitem', { name: t('actions.deactivate') });
    for (let i = 0; i < 6 && document.activeElement !== deactivate; i++) await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(deactivate);
    await userEvent.keyboard('{Enter}');

    const dialog = await screen.findByRole('alertdialog', { name: t('userList.confirm.deactivateTitle', { name }) }, TIMEOUT);
    const confirm = within(dialog).getByRole('button', { name: t('actions.deactivate') });
    for (let i = 0; i < 6 && document.activeElement !== confirm; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(confirm);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
    await waitFor(() => expect(first.getAttribute('data-state')).toBe('deactivated'), TIMEOUT);
    const id = store.listUsers({ pageIndex: 0, pageSize: 1, search: name }).items[0]!.id;
    expect(store.getUser({ id }).status).toBe('deactivated');
  });

  it('after removing a user with the keyboard, the focus lands on the menu of the row that took its place', async () => {
    const t = tFor('en');
    await renderStory(Default);
    const table = await loadedTable();
    const [first, second] = bodyRows(table);
    const name = nameOf(first!);
    const nextName = nameOf(second!);
    within(first!).getByRole('button', { name: t('actions.moreActions', { name }) }).focus();
    await userEvent.keyboard('{Enter}');
    const menu = await screen.findByRole('menu', {}, TIMEOUT);
    const remove = within(menu).getByRole('menuitem', { name: t('actions.remove') });
    for (let i = 0; i < 6 && document.activeElement !== remove; i++) await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('alertdialog', {}, TIMEOUT);
    within(dialog).getByRole('button', { name: t('actions.remove') }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe(t('actions.moreActions', { name: nextName })), TIMEOUT);
  });

  it('a page of 500 renders only the rows in view, and Ctrl+End / Ctrl+Home reach the last and first rows with the focus kept', async () => {
    // The virtualized story, with a page of 500 rather than 1,000.
    const { container } = await renderStory(ThousandRowsVirtualized, { args: { defaultState: { pageSize: 500 } } });
    const table = await loadedTable();
    expect(container.querySelector('[data-virtual]')).not.toBeNull();
    // Rows in view plus the overscan, and spacer rows standing for the others.
    expect(bodyRows(table).length).toBeLessThan(100);
    expect(table.querySelectorAll('[data-slot="user-list-spacer"]').length).toBeGreaterThan(0);
    within(bodyRows(table)[0]!).getByRole('checkbox').focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    await waitFor(() => expect(document.activeElement?.closest('tr')?.getAttribute('data-index')).toBe('499'), TIMEOUT);
    expect(table.querySelector('tr[data-index="0"]')).toBeNull();
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() => expect(document.activeElement?.closest('tr')?.getAttribute('data-index')).toBe('498'), TIMEOUT);
    await userEvent.keyboard('{Control>}{Home}{/Control}');
    await waitFor(() => expect(document.activeElement?.closest('tr')?.getAttribute('data-index')).toBe('0'), TIMEOUT);
    expect(document.activeElement?.getAttribute('type')).toBe('checkbox');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('arrow keys move the tab stop between rows and keep the focused control', async () => {
    const t = tFor('en');
    await renderStory(Default);
    const table = await loadedTable();
    const rows = bodyRows(table);
    within(rows[0]!).getByRole('checkbox').focus();
    await userEvent.keyboard('{ArrowDown}');
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(rows[2]!).getByRole('checkbox'));
    await userEvent.keyboard('{Tab}');
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe(t('actions.moreActions', { name: nameOf(rows[2]!) }));
  });
  it('a row is small and mounts no menu until asked: few DOM nodes, a named trigger per row, the menu built on open and closed back to its trigger', async () => {
    const t = tFor('en');
    await renderStory(Default);
    const table = await loadedTable();
    const rows = bodyRows(table);
    const nodesOf = (row: HTMLElement) => {
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      let count = 1;
      while (walker.nextNode()) count++;
      return count;
    };
    const perRow = rows.reduce((sum, row) => sum + nodesOf(row), 0) / rows.length;
    // Seven columns (selection, name, email, role, entities, status, last sign-in) and the menu;
    // 35 before the cells lost their empty wrappers and the menus their per-row Radix tree.
    expect(perRow).toBeLessThanOrEqual(26);
    expect(document.querySelector('[role="menu"]')).toBeNull();
    for (const row of rows) {
      const trigger = within(row).getByRole('button', { name: t('actions.moreActions', { name: nameOf(row) }) });
      expect(trigger).toHaveAttribute('aria-haspopup', 'menu');
      expect(trigger).toHaveAttribute('aria-expanded', 'false');
    }
    const row = rows[3]!;
    const trigger = within(row).getByRole('button', { name: t('actions.moreActions', { name: nameOf(row) }) });
    await userEvent.click(trigger);
    const menu = await screen.findByRole('menu', {}, TIMEOUT);
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    expect(within(menu).getByRole('menuitem', { name: t('actions.deactivate') })).toBeTruthy();
    expect(document.querySelectorAll('[role="menu"]')).toHaveLength(1);
    // Where a per-row Radix trigger would put it: below the button, right edges aligned.
    await waitFor(() => {
      const [m, b] = [menu.getBoundingClientRect(), trigger.getBoundingClientRect()];
      expect(Math.abs(m.right - b.right)).toBeLessThanOrEqual(2);
      expect(m.top).toBeGreaterThanOrEqual(b.bottom);
    }, TIMEOUT);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull(), TIMEOUT);
    // The focus is back on the same button (it was never replaced).
    await waitFor(() => expect(document.activeElement).toBe(trigger), TIMEOUT);
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    // With the keyboard, Enter opens it on its first item.
    await userEvent.keyboard('{Enter}');
    const again = await screen.findByRole('menu', {}, TIMEOUT);
    await waitFor(() => expect(document.activeElement).toBe(within(again).getAllByRole('menuitem')[0]), TIMEOUT);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(trigger), TIMEOUT);
  });
});
