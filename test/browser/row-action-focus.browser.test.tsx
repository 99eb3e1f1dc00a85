/**
 * Where the focus goes after a row confirmation, with the keyboard alone (issue 12): after
 * confirming Deactivate, or dismissing the Remove confirmation with Escape, it returns to the row's
 * menu button instead of dropping to the page body. The list is the Default story of
 * stories/UserList.stories.tsx.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import * as stories from '../../stories/UserList.stories';
import { tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };
const t = tFor('en');
const { Default } = storiesIn(stories);

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));
const nameOf = (row: HTMLElement) => row.querySelector('[data-slot="user-list-name"] > span')!.textContent!;

async function openRowAction(action: 'deactivate' | 'remove') {
  const table = await screen.findByRole('table', {}, TIMEOUT);
  await waitFor(() => expect(bodyRows(table).length).toBeGreaterThan(1), TIMEOUT);
  const row = bodyRows(table)[0]!;
  const name = nameOf(row);
  const trigger = within(row).getByRole('button', { name: t('actions.moreActions', { name }) });
  // Keyboard only: Tab from the top of the page until the first row's menu button.
  (document.activeElement as HTMLElement | null)?.blur();
  for (let i = 0; i < 40 && document.activeElement !== trigger; i++) await userEvent.keyboard('{Tab}');
  expect(document.activeElement).toBe(trigger);
  await userEvent.keyboard('{Enter}');
  const menu = await screen.findByRole('menu', {}, TIMEOUT);
  const item = within(menu).getByRole('menuitem', { name: t(`actions.${action}`) });
  for (let i = 0; i < 6 && document.activeElement !== item; i++) await userEvent.keyboard('{ArrowDown}');
  expect(document.activeElement).toBe(item);
  await userEvent.keyboard('{Enter}');
  const dialog = await screen.findByRole('alertdialog', {}, TIMEOUT);
  return { row, name, trigger, dialog };
}

describe('row confirmations give the focus back to the row', { timeout: 40_000 }, () => {
  it('after confirming Deactivate with the keyboard, the focus is on the row\'s menu button, not the page body', async () => {
    const { store } = await renderStory(Default);
    const { row, name, dialog } = await openRowAction('deactivate');
    const confirm = within(dialog).getByRole('button', { name: t('actions.deactivate') });
    for (let i = 0; i < 6 && document.activeElement !== confirm; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(confirm);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
    await waitFor(() => expect(row.getAttribute('data-state')).toBe('deactivated'), TIMEOUT);
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe(t('actions.moreActions', { name })), TIMEOUT);
    expect(document.activeElement).not.toBe(document.body);
    const id = store.listUsers({ pageIndex: 0, pageSize: 1, search: name }).items[0]!.id;
    expect(store.getUser({ id }).status).toBe('deactivated');
  });

  it('after dismissing the Remove confirmation with Escape, the focus is on the row\'s menu button and nothing is removed', async () => {
    const { store } = await renderStory(Default);
    const { name, trigger } = await openRowAction('remove');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
    await waitFor(() => expect(document.activeElement).toBe(trigger), TIMEOUT);
    expect(store.listUsers({ pageIndex: 0, pageSize: 5, search: name }).items.length).toBeGreaterThan(0);
  });
});
