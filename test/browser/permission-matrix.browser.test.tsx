/**
 * The PermissionMatrix in real Chromium: axe with zero violations in every locale and theme with
 * a locked cell focused (its reason shown), with pending changes and an open level list, and with
 * a row whose save failed; the roles grid (editable and read-only) and ModulePermissionsField too.
 * And the grid with the keyboard alone (real key presses): Tab in, arrows, Home/End,
 * Ctrl+Home/Ctrl+End, Page Up/Page Down, Space, Enter, then Save; and Ctrl+End / Page Up over 1,000
 * virtualized rows. Each state is a story of stories/PermissionMatrix.stories.tsx, rendered with its
 * backend, providers, locale and theme.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MODULE_IDS } from '../../mocks';
import type { UserAdminT } from '../../src/i18n';
import * as stories from '../../stories/PermissionMatrix.stories';
import { axeViolations, tFor } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 15_000 };

/** The host page's landmark around the screen. */
const Main = ({ children }: { children: ReactNode }) => <main>{children}</main>;

const level = (t: UserAdminT, id: string) => t(`permissionMatrix.level.${id}` as Parameters<UserAdminT>[0]);
const cellName = (t: UserAdminT, module: string, row: string, lvl: string, kind: '' | 'Changed' | 'Locked' = '') =>
  t(`permissionMatrix.cell.label${kind}`, { module, row, level: level(t, lvl) });
const active = () => document.activeElement as HTMLElement;

async function loadedGrid(t: UserAdminT, name: 'usersLabel' | 'rolesLabel' = 'usersLabel') {
  const grid = await screen.findByRole('grid', { name: t(`permissionMatrix.${name}`) }, TIMEOUT);
  await waitFor(() => expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeGreaterThan(0), TIMEOUT);
  return grid;
}

describe('PermissionMatrix in Chromium', { timeout: 90_000 }, () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`in ${locale} with the ${theme} theme: a focused locked cell, pending changes with the level list open, and a failed row have zero axe violations`, async () => {
        const t = tFor(locale);
        // Seven users, saved one row at a time; the backend refuses the first save (a conflict).
        const { container } = await renderStory(storiesIn(stories, { locale, theme }).PartialFailure, { wrapper: Main });
        const grid = await loadedGrid(t);

        // A locked cell, focused by keyboard: its reason shows and is its description.
        within(grid).getByRole('button', { name: cellName(t, 'Documents', 'José García', 'view') }).focus();
        await userEvent.keyboard('{Home}{ArrowRight}{ArrowRight}');
        expect(active()).toHaveAccessibleName(cellName(t, 'Pricing', 'José García', 'none', 'Locked'));
        const reason = active().closest('td')!.querySelector<HTMLElement>('[data-slot="permission-grid-locked-reason"]')!;
        expect(getComputedStyle(reason).display).not.toBe('none');
        expect(active()).toHaveAccessibleDescription(t('errors.reason.admin_only_module'));
        expect(await axeViolations(container)).toEqual([]);

        // Pending changes, and the level list open.
        await userEvent.keyboard('{End}');
        await userEvent.keyboard(' ');
        await userEvent.keyboard('{ArrowDown} ');
        expect(screen.getByText(t('permissionMatrix.pending', { count: 2 }))).toBeInTheDocument();
        await userEvent.keyboard('{Enter}');
        const menu = await screen.findByRole('menu', {}, TIMEOUT);
        expect(within(menu).getAllByRole('menuitemradio')).toHaveLength(3);
        expect(await axeViolations(container)).toEqual([]);
        await userEvent.keyboard('{Escape}');
        await waitFor(() => expect(screen.queryByRole('menu')).toBeNull(), TIMEOUT);

        // A save in which the first row fails: it stays marked with the reason.
        await userEvent.click(screen.getByRole('button', { name: t('common.save') }));
        await waitFor(() => expect(grid.querySelector('tr[data-state="error"]')).not.toBeNull(), TIMEOUT);
        expect(screen.getByText(t('permissionMatrix.pending', { count: 1 }))).toBeInTheDocument();
        expect(grid.querySelector('tr[data-state="error"]')).toHaveTextContent(t('permissionMatrix.rowError', { reason: t('errors.conflict') }));
        expect(await axeViolations(container)).toEqual([]);
      });

      it(`in ${locale} with the ${theme} theme: the roles grid, the read-only roles grid and ModulePermissionsField have zero axe violations`, async () => {
        const t = tFor(locale);
        const { Roles, RolesReadOnly, SingleRow } = storiesIn(stories, { locale, theme });
        const roles = await renderStory(Roles, { wrapper: Main });
        await loadedGrid(t, 'rolesLabel');
        expect(await axeViolations(roles.container)).toEqual([]);
        roles.unmount();

        const readOnly = await renderStory(RolesReadOnly, { wrapper: Main });
        const grid = await loadedGrid(t, 'rolesLabel');
        expect(grid).toHaveAttribute('aria-readonly', 'true');
        expect(await axeViolations(readOnly.container)).toEqual([]);
        readOnly.unmount();

        const field = await renderStory(SingleRow, { wrapper: Main });
        await screen.findByRole('grid', { name: t('permissionMatrix.fieldLabel') }, TIMEOUT);
        expect(await axeViolations(field.container)).toEqual([]);
      });
    }
  }

  it('with the keyboard alone, a person tabs into the grid, moves with the grid keys, changes levels with Space and Enter, and saves', async () => {
    const t = tFor('en');
    const { store } = await renderStory(storiesIn(stories).KeyboardOnly, { wrapper: Main });
    const grid = await loadedGrid(t);
    // Tab from the page top until the focus is in the grid: one tab stop, on the first header cell.
    for (let i = 0; i < 10 && !grid.contains(active()); i++) await userEvent.keyboard('{Tab}');
    expect(grid.contains(active())).toBe(true);
    expect(active().closest('[data-grid-row]')).toHaveAttribute('data-grid-row', '0');
    // Down to Karim (first row), right to the role, then to the first module.
    await userEvent.keyboard('{ArrowDown}');
    expect(active()).toHaveAccessibleName(t('permissionMatrix.rowMenu.label', { name: 'Karim Benali' }));
    await userEvent.keyboard('{ArrowRight}');
    expect(active()).toHaveAccessibleName(t('permissionMatrix.roleLabel', { name: 'Karim Benali' }));
    await userEvent.keyboard('{ArrowRight}');
    expect(active()).toHaveAccessibleName(cellName(t, 'Pricing', 'Karim Benali', 'edit'));
    await userEvent.keyboard('{End}');
    expect(active()).toHaveAccessibleName(cellName(t, 'Contacts', 'Karim Benali', 'edit'));
    await userEvent.keyboard('{Home}');
    expect(active()).toHaveAccessibleName(t('permissionMatrix.rowMenu.label', { name: 'Karim Benali' }));
    await userEvent.keyboard('{PageDown}');
    expect(active()).toHaveAccessibleName(t('permissionMatrix.rowMenu.label', { name: 'João Silva' }));
    await userEvent.keyboard('{PageUp}');
    expect(active().closest('[data-grid-row]')).toHaveAttribute('data-grid-row', '0');
    await userEvent.keyboard('{Control>}{End}{/Control}');
    expect(active()).toHaveAccessibleName(cellName(t, 'Contacts', 'João Silva', 'view'));
    await userEvent.keyboard('{Control>}{Home}{/Control}');
    expect(active().closest('[data-grid-col]')).toHaveAttribute('data-grid-col', '0');

    // José's Documents: Space to the next level, then Enter and the list to "no access".
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(active()).toHaveAccessibleName(cellName(t, 'Documents', 'José García', 'view'));
    await userEvent.keyboard(' ');
    expect(active()).toHaveAccessibleName(cellName(t, 'Documents', 'José García', 'edit', 'Changed'));
    await userEvent.keyboard('{ArrowRight}{Enter}');
    const menu = await screen.findByRole('menu', {}, TIMEOUT);
    await waitFor(() => expect(menu.contains(active())).toBe(true), TIMEOUT);
    for (let i = 0; i < 4 && active().textContent?.trim() !== `✓${level(t, 'on')}` && !active().textContent?.endsWith(level(t, 'on')); i++) {
      await userEvent.keyboard('{ArrowDown}');
    }
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull(), TIMEOUT);
    await waitFor(() => expect(active()).toHaveAccessibleName(cellName(t, 'Communication', 'José García', 'on', 'Changed')), TIMEOUT);
    // A locked cell never changes.
    await userEvent.keyboard('{Home}{ArrowRight}{ArrowRight}');
    expect(active()).toHaveAccessibleName(cellName(t, 'Pricing', 'José García', 'none', 'Locked'));
    await userEvent.keyboard(' ');
    await userEvent.keyboard('{Enter}');
    expect(active()).toHaveAccessibleName(cellName(t, 'Pricing', 'José García', 'none', 'Locked'));
    expect(screen.getByText(t('permissionMatrix.pending', { count: 2 }))).toBeInTheDocument();

    // Tab out of the grid to Save.
    const save = screen.getByRole('button', { name: t('common.save') });
    for (let i = 0; i < 10 && active() !== save; i++) await userEvent.keyboard('{Tab}');
    expect(active()).toBe(save);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText(t('permissionMatrix.noPending'))).toBeInTheDocument(), TIMEOUT);
    expect(store.getUser({ id: 'user-jose' }).permissions).toMatchObject({ [MODULE_IDS.documents]: 'edit', [MODULE_IDS.communication]: 'on' });
  });

  it('over 1,000 virtualized users, Ctrl+End reaches the last row and Page Up moves 10 rows up, keeping the focus', async () => {
    const t = tFor('en');
    await renderStory(storiesIn(stories).LongList, { wrapper: Main });
    const grid = await loadedGrid(t);
    await waitFor(() => expect(Number(grid.getAttribute('aria-rowcount'))).toBeGreaterThan(800), TIMEOUT);
    expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeLessThan(100);
    grid.querySelector<HTMLElement>('tbody tr[data-grid-row="1"] td[data-column="module-documents"] button')!.focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    const total = Number(grid.getAttribute('aria-rowcount'));
    await waitFor(() => expect(active().closest('tr')?.getAttribute('aria-rowindex')).toBe(String(total)), TIMEOUT);
    await userEvent.keyboard('{PageUp}');
    await waitFor(() => expect(active().closest('tr')?.getAttribute('aria-rowindex')).toBe(String(total - 10)), TIMEOUT);
    expect(active().closest('td')).toHaveAttribute('data-column', MODULE_IDS.contacts);
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
  });
});
