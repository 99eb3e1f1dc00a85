/**
 * Right to left in real Chromium (issue 15), over stories/Rtl.stories.tsx: Arabic added by the
 * host through `messages` alone. The roots carry dir="rtl" and lang="ar", the layout mirrors (the
 * logical CSS), axe finds nothing in the users tab, the invite dialog and the pending
 * invitations, and the arrow keys follow the reading direction: ArrowLeft selects the next tab,
 * opens a tree item (ArrowRight closes it), and moves to the next grid column. The direction is
 * read from the closest [dir] attribute: no getComputedStyle on a key press.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ar } from '../../docs/examples/locale-ar';
import { createUserAdminI18n, getUserAdminT } from '../../src/i18n';
import * as stories from '../../stories/Rtl.stories';
import { axeViolations } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

// Real browser events: React's act() environment does not apply here.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const WAIT = { timeout: 10_000 };
const t = getUserAdminT(createUserAdminI18n({ locale: 'ar', messages: { ar } }));
const active = () => document.activeElement as HTMLElement;
const x = (element: Element) => element.getBoundingClientRect().left;
/** Style reads during key presses (Testing Library's role queries read styles too, so only the presses count). */
let styleReads = 0;
async function press(keys: string) {
  const spy = vi.spyOn(window, 'getComputedStyle');
  await userEvent.keyboard(keys);
  styleReads += spy.mock.calls.length;
  spy.mockRestore();
}

afterEach(() => {
  vi.restoreAllMocks();
  styleReads = 0;
});

describe('right to left, in Arabic added through messages alone', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`with the ${theme} theme, the users tab, the invite dialog and the pending invitations are in Arabic, right to left, with zero axe violations`, async () => {
      const { UserAdminInArabic, PendingInvitationsInArabic } = storiesIn(stories, { theme });
      const view = await renderStory(UserAdminInArabic);
      const root = view.container.querySelector<HTMLElement>('[data-slot="user-admin"]')!;
      expect(root).toHaveAttribute('dir', 'rtl');
      expect(root).toHaveAttribute('lang', 'ar');
      expect(getComputedStyle(root).direction).toBe('rtl');
      const table = await screen.findByRole('table', {}, WAIT);
      await waitFor(() => expect(table.querySelectorAll('tbody tr').length).toBeGreaterThan(1), WAIT);
      expect(screen.getByRole('heading', { level: 2, name: t('userAdmin.title') })).toBeTruthy();
      expect(screen.getByRole('searchbox', { name: t('userList.searchLabel') })).toBeTruthy();
      // Mirrored: the first column (selection) is on the right, the title before the actions.
      const [first, second] = [...table.querySelectorAll('thead th')];
      expect(x(first!)).toBeGreaterThan(x(second!));
      expect(await axeViolations(view.container)).toEqual([]);

      // The invite dialog, open.
      await userEvent.click(screen.getByRole('button', { name: t('invite.trigger') }));
      const dialog = await screen.findByRole('dialog', { name: t('invite.title') }, WAIT);
      await within(dialog).findByRole('button', { name: t('invite.submit') }, WAIT);
      expect(dialog.closest('[dir]')).toHaveAttribute('dir', 'rtl');
      // Centred in either direction: the dialog sits inside the viewport.
      const box = dialog.getBoundingClientRect();
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(window.innerWidth);
      expect(Math.abs(box.left - (window.innerWidth - box.right))).toBeLessThan(2);
      expect(await axeViolations(view.container)).toEqual([]);
      await userEvent.keyboard('{Escape}');
      view.unmount();

      // The pending invitations.
      const pending = await renderStory(PendingInvitationsInArabic);
      const panel = screen.getByRole('tabpanel', { name: new RegExp(t('userAdmin.tabs.invitations')) });
      const invitations = await within(panel).findByRole('table', {}, WAIT);
      await waitFor(() => expect(invitations.querySelectorAll('tbody tr').length).toBeGreaterThan(0), WAIT);
      expect(within(panel).getByRole('searchbox', { name: t('invitations.search') })).toBeTruthy();
      expect(await axeViolations(pending.container)).toEqual([]);
    });
  }

  it('tabs: ArrowLeft selects the next tab, ArrowRight the previous, without reading computed styles', async () => {
    const { UserAdminInArabic } = storiesIn(stories);
    await renderStory(UserAdminInArabic);
    const tablist = screen.getByRole('tablist', { name: t('userAdmin.tabsLabel') });
    const [users, invitations] = within(tablist).getAllByRole('tab');
    // The tabs run right to left: the first one is the rightmost.
    expect(x(users!)).toBeGreaterThan(x(invitations!));
    users!.focus();
    await press('{ArrowLeft}');
    await waitFor(() => expect(invitations).toHaveAttribute('aria-selected', 'true'));
    expect(active()).toBe(invitations);
    await press('{ArrowRight}');
    await waitFor(() => expect(users).toHaveAttribute('aria-selected', 'true'));
    expect(active()).toBe(users);
    expect(styleReads).toBe(0);
  });

  it('entity tree: ArrowLeft opens an entity and moves into it, ArrowRight goes back to its parent and closes it', async () => {
    const { EntityTreeInArabic } = storiesIn(stories);
    await renderStory(EntityTreeInArabic);
    const tree = await screen.findByRole('tree', { name: t('invite.entities.label') }, WAIT);
    expect(tree.closest('[dir]')).toHaveAttribute('dir', 'rtl');
    expect(screen.getByText(t('entityPicker.hintSubtrees'))).toBeTruthy();
    const france = await within(tree).findByRole('treeitem', { name: /^Acme France SAS/ }, WAIT);
    france.focus();
    await press('{ArrowLeft}');
    await waitFor(() => expect(france).toHaveAttribute('aria-expanded', 'true'), WAIT);
    const paris = await within(tree).findByRole('treeitem', { name: /^Acme Paris/ }, WAIT);
    // A child is indented from the right: its checkbox sits further left than its parent's.
    const check = (item: HTMLElement) => item.querySelector('.uak-entity-picker-check')!.getBoundingClientRect().right;
    expect(check(paris)).toBeLessThan(check(france));
    await press('{ArrowLeft}');
    expect(active().getAttribute('data-parent-key')).toBe('entity-acme-france');
    await press('{ArrowRight}');
    expect(active()).toBe(france);
    await press('{ArrowRight}');
    await waitFor(() => expect(france).toHaveAttribute('aria-expanded', 'false'));
    expect(styleReads).toBe(0);
  });

  it('permission grid: ArrowLeft moves to the next column and ArrowRight back; Home and End go to the row start and end', async () => {
    const { PermissionGridInArabic } = storiesIn(stories);
    await renderStory(PermissionGridInArabic);
    const grid = await screen.findByRole('grid', { name: t('permissionMatrix.usersLabel') }, WAIT);
    await waitFor(() => expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeGreaterThan(0), WAIT);
    const col = () => Number(active().closest('[data-grid-col]')?.getAttribute('data-grid-col'));
    const firstRow = grid.querySelector<HTMLElement>('tbody tr[data-grid-row="1"]')!;
    const cell = (n: number) => firstRow.querySelector<HTMLElement>(`[data-grid-col="${n}"]`)!;
    // The columns run right to left: the user, the role, then the modules.
    expect(x(cell(0))).toBeGreaterThan(x(cell(1)));
    expect(x(cell(2))).toBeGreaterThan(x(cell(3)));
    cell(2).querySelector<HTMLElement>('button')!.focus();
    expect(col()).toBe(2);
    await press('{ArrowLeft}');
    await waitFor(() => expect(col()).toBe(3));
    await press('{ArrowLeft}');
    await waitFor(() => expect(col()).toBe(4));
    await press('{ArrowRight}');
    await waitFor(() => expect(col()).toBe(3));
    await press('{Home}');
    await waitFor(() => expect(col()).toBe(0));
    await press('{ArrowRight}');
    await waitFor(() => expect(col()).toBe(0));
    await press('{End}');
    const last = Number([...firstRow.querySelectorAll('[data-grid-col]')].pop()!.getAttribute('data-grid-col'));
    await waitFor(() => expect(col()).toBe(last));
    expect(styleReads).toBe(0);
  });
});
