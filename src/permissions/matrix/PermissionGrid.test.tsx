import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { createMemoryAdapter, createMockStore, FIXTURE_MODULES, FIXTURE_ROLES, MODULE_IDS, ROLE_IDS } from '../../../mocks';
import type { ModulePermissions, Role } from '../../contract/types';
import en from '../../i18n/locales/en.json';
import { UserAdminProvider } from '../../provider/UserAdminProvider';
import { createTestQueryClient } from '../../../test/utils/test-adapter';
import { UserAdminRoot } from '../../ui';
import type { PermissionValues } from './helpers';
import { ModulePermissionsField } from './ModulePermissionsField';
import { PermissionGrid, type PermissionGridRow } from './PermissionGrid';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), text);
const modules = [...FIXTURE_MODULES];
const role = (id: string) => FIXTURE_ROLES.find((r) => r.id === id) as Role;
const admin = role(ROLE_IDS.admin);
const basic = role(ROLE_IDS.user);
const documents = modules.find((m) => m.id === MODULE_IDS.documents)!;
const L = en.permissionMatrix;
const focus = (element: HTMLElement) => act(() => element.focus());
const level = (id: string) => (L.level as Record<string, string>)[id] ?? id;
const cellName = (module: string, row: string, lvl: string, kind: '' | 'Changed' | 'Locked' = '') =>
  fill(L.cell[`label${kind}`], { module, row, level: level(lvl) });

function Providers({ children }: { children: React.ReactNode }) {
  const adapter = createMemoryAdapter(createMockStore({ userCount: 7 }), { latencyMs: 0 });
  return (
    <UserAdminProvider adapter={adapter} queryClient={createTestQueryClient()} locale="en">
      <UserAdminRoot>{children}</UserAdminRoot>
    </UserAdminProvider>
  );
}

const ROWS: PermissionGridRow[] = [
  { id: 'ana', label: 'Ana Lima', role: admin },
  { id: 'bob', label: 'Bob Stone', role: basic },
  { id: 'cy', label: 'Cy Young', role: basic },
];

function Grid({ initial, onValue }: { initial?: PermissionValues; onValue?: (v: PermissionValues) => void }) {
  const start = initial ?? { ana: { ...admin.defaultPermissions }, bob: { ...basic.defaultPermissions }, cy: {} };
  const [value, setValue] = useState<PermissionValues>(start);
  return (
    <PermissionGrid
      label="Access"
      rows={ROWS}
      modules={modules}
      value={value}
      baseline={start}
      onValueChange={(next) => {
        setValue(next);
        onValue?.(next);
      }}
    />
  );
}

function renderGrid(initial?: PermissionValues) {
  const values: PermissionValues[] = [];
  const user = userEvent.setup();
  render(<Providers><Grid initial={initial} onValue={(v) => values.push(v)} /></Providers>);
  return { user, values, grid: screen.getByRole('grid', { name: 'Access' }) };
}

describe('PermissionGrid', () => {
  it('given a non-admin row, its admin-only cells are locked: focusable, named locked, described by the reason, and never change', async () => {
    const { user, values, grid } = renderGrid();
    const cell = within(grid).getByRole('button', { name: cellName('Pricing', 'Bob Stone', 'none', 'Locked') });
    expect(cell).toHaveAttribute('aria-disabled', 'true');
    expect(cell).toHaveAccessibleDescription(en.errors.reason.admin_only_module);
    focus(cell);
    await user.keyboard(' ');
    await user.keyboard('{Enter}');
    await user.click(cell);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(values).toEqual([]);
    // The admin row's Pricing is not locked.
    expect(within(grid).getByRole('button', { name: cellName('Pricing', 'Ana Lima', 'edit') })).not.toHaveAttribute('aria-disabled');
  });

  it('given a locked cell, its padlock is an inline SVG hidden from assistive technology (no emoji, which needs an emoji font), and the cell still says locked', () => {
    const { grid } = renderGrid();
    const cell = within(grid).getByRole('button', { name: cellName('Pricing', 'Bob Stone', 'none', 'Locked') });
    const icon = cell.querySelector('[data-slot="permission-grid-lock"]')!;
    expect(icon.tagName.toLowerCase()).toBe('svg');
    expect(icon).toHaveAttribute('aria-hidden', 'true');
    expect(icon).toHaveAttribute('focusable', 'false');
    expect(grid.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(cell).toHaveAccessibleDescription(en.errors.reason.admin_only_module);
  });

  it('given a cell, Space sets the next level (back to the first after the last) and marks it as an unsaved change', async () => {
    const { user, values, grid } = renderGrid();
    const cell = within(grid).getByRole('button', { name: cellName('Documents', 'Bob Stone', 'view') });
    focus(cell);
    await user.keyboard(' ');
    expect(values.at(-1)?.bob?.[MODULE_IDS.documents]).toBe('edit');
    const changed = within(grid).getByRole('button', { name: cellName('Documents', 'Bob Stone', 'edit', 'Changed') });
    expect(changed.closest('td')).toHaveAttribute('data-state', 'changed');
    expect(changed.querySelector('[data-slot="permission-grid-mark"]')).not.toBeNull();
    expect(changed).toHaveFocus();
    await user.keyboard(' ');
    expect(values.at(-1)?.bob?.[MODULE_IDS.documents]).toBe('none');
  });

  it('given a cell, Enter opens the list of levels and choosing one sets it', async () => {
    const { user, values, grid } = renderGrid();
    focus(within(grid).getByRole('button', { name: cellName('Documents', 'Cy Young', 'none') }));
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    await user.click(within(menu).getByRole('menuitemradio', { name: level('edit') }));
    expect(values.at(-1)?.cy?.[MODULE_IDS.documents]).toBe('edit');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
  });

  it('moves with the grid keys: arrows, Home/End, Ctrl+Home/Ctrl+End, Page Up/Page Down, with one tab stop', async () => {
    const { user, grid } = renderGrid();
    const start = within(grid).getByRole('button', { name: cellName('Documents', 'Ana Lima', 'edit') });
    focus(start);
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(cellName('Documents', 'Bob Stone', 'view'));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(cellName('Communication', 'Bob Stone', 'off'));
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toHaveAccessibleName(cellName('User Management', 'Bob Stone', 'none', 'Locked'));
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveAccessibleName(cellName('Contacts', 'Bob Stone', 'none'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toHaveAccessibleName(fill(L.rowMenu.label, { name: 'Bob Stone' }));
    // On a row menu's trigger, arrows move too (they do not open the menu).
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(fill(L.rowMenu.label, { name: 'Cy Young' }));
    expect(screen.queryByRole('menu')).toBeNull();
    await user.keyboard('{ArrowUp}');
    await user.keyboard('{PageDown}');
    expect(document.activeElement).toHaveAccessibleName(fill(L.rowMenu.label, { name: 'Cy Young' }));
    await user.keyboard('{PageUp}');
    expect(document.activeElement?.closest('th')).toHaveAttribute('data-slot', 'permission-grid-header');
    await user.keyboard('{Control>}{End}{/Control}');
    expect(document.activeElement).toHaveAccessibleName(cellName('Contacts', 'Cy Young', 'none'));
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(document.activeElement?.closest('th')).toHaveAttribute('data-grid-col', '0');
    expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    // Tab leaves the grid: one tab stop.
    await user.tab();
    expect(grid.contains(document.activeElement)).toBe(false);
  });

  it('given the row menu, sets the whole row to no access or to the highest levels (locked modules stay at no access), or applies the role preset', async () => {
    const { user, values, grid } = renderGrid();
    await user.click(within(grid).getByRole('button', { name: fill(L.rowMenu.label, { name: 'Cy Young' }) }));
    await user.click(await screen.findByRole('menuitem', { name: L.rowMenu.setAllHighest }));
    const cy = values.at(-1)!.cy!;
    expect(cy[MODULE_IDS.documents]).toBe('edit');
    expect(cy[MODULE_IDS.reports]).toBe('export');
    expect(cy[MODULE_IDS.pricing]).toBe('none');
    await user.click(within(grid).getByRole('button', { name: fill(L.rowMenu.label, { name: 'Cy Young' }) }));
    await user.click(await screen.findByRole('menuitem', { name: fill(L.rowMenu.applyPreset, { role: basic.name }) }));
    expect(values.at(-1)!.cy).toMatchObject({ [MODULE_IDS.documents]: 'view', [MODULE_IDS.reports]: 'view', [MODULE_IDS.communication]: 'off' });
    await user.click(within(grid).getByRole('button', { name: fill(L.rowMenu.label, { name: 'Ana Lima' }) }));
    await user.click(await screen.findByRole('menuitem', { name: L.rowMenu.setAllNone }));
    expect(Object.values(values.at(-1)!.ana!).every((l) => l === 'none' || l === 'off')).toBe(true);
  });

  it('given the column menu, sets every row of a module to a level, skipping rows for which it is locked', async () => {
    const { user, values, grid } = renderGrid();
    await user.click(within(grid).getByRole('button', { name: fill(L.columnMenu.label, { module: 'Pricing' }) }));
    await user.click(await screen.findByRole('menuitem', { name: fill(L.columnMenu.setAll, { level: level('view') }) }));
    expect(values.at(-1)!.ana![MODULE_IDS.pricing]).toBe('view');
    expect(values.at(-1)!.bob![MODULE_IDS.pricing] ?? 'none').toBe('none');
    await user.click(within(grid).getByRole('button', { name: fill(L.columnMenu.label, { module: 'Documents' }) }));
    await user.click(await screen.findByRole('menuitem', { name: fill(L.columnMenu.setAll, { level: level('edit') }) }));
    expect(['ana', 'bob', 'cy'].map((id) => values.at(-1)![id]![MODULE_IDS.documents])).toEqual(['edit', 'edit', 'edit']);
    // Two cells of Documents changed (Bob, Cy) and Ana's Pricing: three marks.
    expect(grid.querySelectorAll('td[data-state="changed"]')).toHaveLength(3);
  });

  it('given readOnly, no cell changes and there are no row or column menus', async () => {
    const user = userEvent.setup();
    const values: PermissionValues[] = [];
    render(
      <Providers>
        <PermissionGrid label="Access" rows={ROWS} modules={modules} value={{ bob: {} }} onValueChange={(v) => values.push(v)} readOnly />
      </Providers>,
    );
    const grid = screen.getByRole('grid', { name: 'Access' });
    expect(grid).toHaveAttribute('aria-readonly', 'true');
    const cell = within(grid).getByRole('button', { name: cellName('Documents', 'Bob Stone', 'none') });
    focus(cell);
    await user.keyboard(' ');
    await user.keyboard('{Enter}');
    expect(values).toEqual([]);
    expect(within(grid).queryByRole('button', { name: fill(L.rowMenu.label, { name: 'Bob Stone' }) })).toBeNull();
  });
});

function Field({ initialRole, initial = {} }: { initialRole: Role | null; initial?: ModulePermissions }) {
  const [value, setValue] = useState<ModulePermissions>(initial);
  const [currentRole, setRole] = useState<Role | null>(initialRole);
  return (
    <>
      <ModulePermissionsField label="Module access" role={currentRole} value={value} onValueChange={setValue} modules={modules} />
      <button type="button" onClick={() => setRole(basic)}>demote</button>
      <button type="button" onClick={() => setRole(admin)}>promote</button>
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}

describe('ModulePermissionsField', () => {
  const current = () => JSON.parse(screen.getByTestId('value').textContent ?? '{}') as ModulePermissions;
  const short = (module: string, lvl: string, kind: '' | 'Changed' | 'Locked' = '') =>
    fill(L.cell[`labelShort${kind}`], { module, level: level(lvl) });

  it('renders one row with the modules as column headers and applies the role preset from its button', async () => {
    const user = userEvent.setup();
    render(<Providers><Field initialRole={basic} /></Providers>);
    const grid = screen.getByRole('grid', { name: 'Module access' });
    expect(within(grid).getAllByRole('columnheader').map((h) => h.getAttribute('aria-label') ?? h.textContent)).toEqual([
      L.fieldRow, ...modules.map((m) => m.name),
    ]);
    expect(within(grid).getAllByRole('row')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: fill(L.applyPreset, { role: basic.name }) }));
    expect(current()).toMatchObject({ [MODULE_IDS.documents]: 'view', [MODULE_IDS.reports]: 'view' });
  });

  it('given a non-admin role, locks admin-only modules with the reason; promotion unlocks them and demotion clears them', async () => {
    const user = userEvent.setup();
    render(<Providers><Field initialRole={basic} /></Providers>);
    const grid = screen.getByRole('grid', { name: 'Module access' });
    const locked = within(grid).getByRole('button', { name: short('Pricing', 'none', 'Locked') });
    expect(locked).toHaveAccessibleDescription(en.errors.reason.admin_only_module);
    await user.click(screen.getByRole('button', { name: 'promote' }));
    const unlocked = within(grid).getByRole('button', { name: short('Pricing', 'none') });
    focus(unlocked);
    await user.keyboard(' ');
    expect(current()[MODULE_IDS.pricing]).toBe('view');
    await user.click(screen.getByRole('button', { name: 'demote' }));
    await waitFor(() => expect(current()[MODULE_IDS.pricing]).toBe('none'));
    expect(within(grid).getByRole('button', { name: short('Pricing', 'none', 'Locked') })).toBeInTheDocument();
    void documents;
  });
});
