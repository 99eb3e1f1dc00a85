import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR_ID, createFaultInjector, createMemoryAdapter, createMockStore, MODULE_IDS, ROLE_IDS, type MockStoreOptions } from '../../../mocks';
import type { UserAdminAdapter } from '../../contract/types';
import en from '../../i18n/locales/en.json';
import { UserAdminProvider } from '../../provider/UserAdminProvider';
import { createTestQueryClient, spyOnAdapter } from '../../../test/utils/test-adapter';
import type { PermissionValues } from './helpers';
import { PermissionMatrix, type PermissionMatrixProps } from './PermissionMatrix';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), text);
const L = en.permissionMatrix;
const level = (id: string) => (L.level as Record<string, string>)[id] ?? id;
const cellName = (module: string, row: string, lvl: string, kind: '' | 'Changed' | 'Locked' = '') =>
  fill(L.cell[`label${kind}`], { module, row, level: level(lvl) });
const pendingText = (count: number) => fill(count === 1 ? L.pending_one : L.pending_other, { count });
const focus = (element: HTMLElement) => act(() => element.focus());

function setup(options: { store?: MockStoreOptions; withoutUpdateRole?: boolean; actAs?: string } = {}) {
  const store = createMockStore({ userCount: 7, ...options.store });
  const faults = createFaultInjector();
  let base: UserAdminAdapter = createMemoryAdapter(options.actAs ? store.as(options.actAs) : store, { latencyMs: 0, faults });
  if (options.withoutUpdateRole) {
    const { updateRole: _u, ...rest } = base;
    base = rest;
  }
  const adapter = spyOnAdapter(base);
  return { store, faults, adapter };
}

function renderMatrix(context: ReturnType<typeof setup>, props: Partial<PermissionMatrixProps> = {}) {
  const user = userEvent.setup();
  const view = render(
    <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
      <main><PermissionMatrix searchDebounceMs={20} {...props} /></main>
    </UserAdminProvider>,
  );
  return { ...view, user };
}

async function loadedGrid(name = L.usersLabel) {
  const grid = await screen.findByRole('grid', { name }, { timeout: 10_000 });
  await waitFor(() => expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeGreaterThan(0));
  return grid;
}
const rowOf = (grid: HTMLElement, name: string) =>
  within(grid).getAllByRole('row').find((row) => within(row).queryByRole('rowheader', { name: new RegExp(name) }))!;
const roleSelect = (name: string) => screen.getByRole('combobox', { name: fill(L.roleLabel, { name }) }) as HTMLSelectElement;
const announcer = (container: HTMLElement) => container.querySelector('[data-slot="announcer"]')!;

describe('PermissionMatrix', { timeout: 20_000 }, () => {
  it('given users, lists the login users (no contacts) with their role and module access, and nothing pending', async () => {
    const context = setup();
    renderMatrix(context);
    const grid = await loadedGrid();
    const labels = within(grid).getAllByRole('rowheader').map((h) => h.querySelector('.uak-permission-grid-row-label')?.textContent);
    expect(labels).toEqual(['Karim Benali', 'José García', 'Françoise Lefèvre', 'Alice Martin', 'Søren Østergaard', 'João Silva']);
    expect(roleSelect('José García').value).toBe(ROLE_IDS.user);
    expect(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'view') })).toBeInTheDocument();
    expect(screen.getByText(L.noPending)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.common.save })).toBeDisabled();
  });

  it('given edits, counts the unsaved changes and marks each changed cell; discard puts everything back', async () => {
    const context = setup();
    const { user, container } = renderMatrix(context);
    const grid = await loadedGrid();
    focus(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'view') }));
    await user.keyboard(' ');
    await user.keyboard('{ArrowRight} ');
    expect(screen.getByText(pendingText(2))).toBeInTheDocument();
    expect(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'edit', 'Changed') })).toBeInTheDocument();
    expect(within(grid).getByRole('button', { name: cellName('Communication', 'José García', 'on', 'Changed') })).toBeInTheDocument();
    expect(grid.querySelectorAll('td[data-state="changed"]')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: en.common.discard }));
    expect(screen.getByText(L.noPending)).toBeInTheDocument();
    expect(grid.querySelectorAll('td[data-state="changed"]')).toHaveLength(0);
    expect(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'view') })).toBeInTheDocument();
    expect(announcer(container).textContent).toContain(L.discarded);
    expect(context.adapter.updateUser).not.toHaveBeenCalled();
  });

  it('saving sends one updateUser per changed user, with the role and permissions, clears the marks and announces it', async () => {
    const context = setup();
    const saved: unknown[] = [];
    const { user, container } = renderMatrix(context, { onSaved: (result) => saved.push(result) });
    const grid = await loadedGrid();
    // Two cells of José, one of Françoise, the whole Documents column is not touched.
    focus(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'view') }));
    await user.keyboard(' {ArrowRight} {ArrowDown} ');
    expect(screen.getByText(pendingText(3))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => expect(screen.getByText(L.noPending)).toBeInTheDocument());
    expect(context.adapter.updateUser).toHaveBeenCalledTimes(2);
    const ids = context.adapter.updateUser.mock.calls.map(([params]) => params.id).sort();
    expect(ids).toEqual(['user-francoise', 'user-jose']);
    expect(context.store.getUser({ id: 'user-jose' }).permissions).toMatchObject({ [MODULE_IDS.documents]: 'edit', [MODULE_IDS.communication]: 'on' });
    expect(context.store.getUser({ id: 'user-francoise' }).permissions[MODULE_IDS.communication]).toBe('off');
    expect(saved).toEqual([{ saved: ['user-jose', 'user-francoise'], failed: [] }]);
    expect(grid.querySelectorAll('td[data-state="changed"]')).toHaveLength(0);
    expect(announcer(container).textContent).toContain(fill(L.saved_other, { count: 2 }));
  });

  it('given one update failing, keeps that row marked with the translated reason and its edits, and saves the rest', async () => {
    const context = setup();
    const { user, container } = renderMatrix(context, { concurrency: 1 });
    const grid = await loadedGrid();
    focus(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'view') }));
    await user.keyboard(' {ArrowDown} ');
    context.faults.failNext('conflict', { count: 1, methods: ['updateUser'] });
    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => expect(screen.getByText(pendingText(1))).toBeInTheDocument());
    // José was first (the failure), Françoise was saved.
    const jose = rowOf(grid, 'José García');
    expect(jose).toHaveAttribute('data-state', 'error');
    expect(within(jose).getByText(fill(L.rowError, { reason: en.errors.conflict }))).toBeInTheDocument();
    expect(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'edit', 'Changed') })).toBeInTheDocument();
    expect(context.store.getUser({ id: 'user-jose' }).permissions[MODULE_IDS.documents]).toBe('view');
    expect(context.store.getUser({ id: 'user-francoise' }).permissions[MODULE_IDS.documents]).toBe('edit');
    expect(rowOf(grid, 'Françoise Lefèvre')).toHaveAttribute('data-state', 'saved');
    expect(announcer(container).textContent).toContain(fill(L.saved_one, { count: 1 }));
    expect(announcer(container).textContent).toContain(fill(L.failed_one, { count: 1 }));
    // Saving again sends only the failed row.
    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => expect(screen.getByText(L.noPending)).toBeInTheDocument());
    expect(context.adapter.updateUser).toHaveBeenCalledTimes(3);
    expect(context.store.getUser({ id: 'user-jose' }).permissions[MODULE_IDS.documents]).toBe('edit');
  });

  it('promoting a user to an admin role unlocks the admin-only modules; demoting clears them; saving sends the role', async () => {
    const context = setup();
    const { user } = renderMatrix(context);
    const grid = await loadedGrid();
    expect(within(grid).getByRole('button', { name: cellName('Pricing', 'José García', 'none', 'Locked') })).toHaveAttribute('aria-disabled', 'true');
    await user.selectOptions(roleSelect('José García'), ROLE_IDS.admin);
    const pricing = within(grid).getByRole('button', { name: cellName('Pricing', 'José García', 'none') });
    expect(pricing).not.toHaveAttribute('aria-disabled');
    focus(pricing);
    await user.keyboard(' ');
    expect(within(grid).getByRole('button', { name: cellName('Pricing', 'José García', 'view', 'Changed') })).toBeInTheDocument();
    expect(screen.getByText(pendingText(2))).toBeInTheDocument();
    // Demoting again: Pricing goes back to no access, locked; only the role change... none: back to the saved role.
    await user.selectOptions(roleSelect('José García'), ROLE_IDS.communication);
    expect(within(grid).getByRole('button', { name: cellName('Pricing', 'José García', 'none', 'Locked') })).toBeInTheDocument();
    expect(screen.getByText(pendingText(1))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => expect(screen.getByText(L.noPending)).toBeInTheDocument());
    expect(context.adapter.updateUser).toHaveBeenCalledTimes(1);
    expect(context.adapter.updateUser.mock.calls[0]![0].patch.roleId).toBe(ROLE_IDS.communication);
    expect(context.store.getUser({ id: 'user-jose' }).roleId).toBe(ROLE_IDS.communication);
  });

  it('given an admin demoted, their admin-only modules are set back to no access as pending changes', async () => {
    const context = setup();
    const { user } = renderMatrix(context);
    const grid = await loadedGrid();
    await user.selectOptions(roleSelect('Karim Benali'), ROLE_IDS.user);
    expect(within(grid).getByRole('button', { name: cellName('Pricing', 'Karim Benali', 'none', 'Locked') })).toBeInTheDocument();
    expect(rowOf(grid, 'Karim Benali').querySelectorAll('td[data-state="changed"]')).toHaveLength(3);
    // The role change and the three cleared modules.
    expect(screen.getByText(pendingText(4))).toBeInTheDocument();
  });

  it('refuses demoting yourself before saving: the non-admin roles are disabled with the reason, and nothing changes', async () => {
    const context = setup();
    const { user } = renderMatrix(context);
    await loadedGrid();
    const select = roleSelect('Alice Martin');
    expect(within(select).getByRole('option', { name: 'User' })).toBeDisabled();
    expect(within(select).getByRole('option', { name: 'Administrator' })).not.toBeDisabled();
    expect(select).toHaveAccessibleDescription(en.errors.reason.self_action);
    await user.selectOptions(select, ROLE_IDS.user).catch(() => undefined);
    expect(roleSelect('Alice Martin').value).toBe(ROLE_IDS.admin);
    expect(screen.getByText(L.noPending)).toBeInTheDocument();
  });

  it('refuses demoting the last active admin before saving, with the reason', async () => {
    // The matrix acts as the operator (no user); Alice is no admin any more: Karim is the last one.
    const context = setup({ actAs: SYSTEM_ACTOR_ID });
    context.store.as(SYSTEM_ACTOR_ID).updateUser({ id: 'user-admin', patch: { roleId: ROLE_IDS.user } });
    const { user } = renderMatrix(context);
    const grid = await loadedGrid();
    await waitFor(() => expect(context.adapter.getUserCounts).toHaveBeenCalled());
    await waitFor(() => expect(roleSelect('Karim Benali')).toHaveAccessibleDescription(en.errors.reason.last_admin));
    expect(within(roleSelect('Karim Benali')).getByRole('option', { name: 'User' })).toBeDisabled();
    await user.selectOptions(roleSelect('Karim Benali'), ROLE_IDS.user).catch(() => undefined);
    expect(roleSelect('Karim Benali').value).toBe(ROLE_IDS.admin);
    expect(rowOf(grid, 'Karim Benali')).toBeInTheDocument();
    expect(context.adapter.updateUser).not.toHaveBeenCalled();
  });

  it('keeps pending edits across pages (keyed by user id) and saves them all', async () => {
    const context = setup({ store: { userCount: 30 } });
    const { user } = renderMatrix(context, { pageSize: 10 });
    const grid = await loadedGrid();
    const firstRow = grid.querySelector('tbody tr[data-grid-row="1"]')!;
    focus(within(firstRow as HTMLElement).getAllByRole('button').find((b) => b.closest('td')?.getAttribute('data-column') === MODULE_IDS.signature)!);
    await user.keyboard(' ');
    expect(screen.getByText(pendingText(1))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.common.nextPage }));
    await waitFor(() => expect(screen.getByText(fill(en.common.pageOf, { page: 2, pageCount: 3 }))).toBeInTheDocument());
    await waitFor(() => expect(grid.querySelector('tbody tr[data-grid-row="1"]')).not.toBe(firstRow));
    const second = grid.querySelector<HTMLElement>('tbody tr[data-grid-row="1"]')!;
    focus(within(second).getAllByRole('button').find((b) => b.closest('td')?.getAttribute('data-column') === MODULE_IDS.signature)!);
    await user.keyboard(' ');
    expect(screen.getByText(pendingText(2))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.common.previousPage }));
    await waitFor(() => expect(grid.querySelectorAll('td[data-state="changed"]')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => expect(screen.getByText(L.noPending)).toBeInTheDocument());
    expect(context.adapter.updateUser).toHaveBeenCalledTimes(2);
  });

  it('Page Down on the last row turns to the next page and Page Up on the first row back, keeping the column and the focus in the grid', async () => {
    const context = setup({ store: { userCount: 30 } });
    const { user } = renderMatrix(context, { pageSize: 10 });
    const grid = await loadedGrid();
    const lastRow = () => grid.querySelector<HTMLElement>(`tbody tr[data-grid-row="${grid.querySelectorAll('tbody tr[data-grid-row]').length}"]`)!;
    const firstName = grid.querySelector('tbody tr[data-grid-row="1"] .uak-permission-grid-row-label')!.textContent;
    focus(lastRow().querySelector<HTMLElement>(`td[data-column="${MODULE_IDS.signature}"] button`)!);
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(screen.getByText(fill(en.common.pageOf, { page: 2, pageCount: 3 }))).toBeInTheDocument());
    await waitFor(() => expect(document.activeElement?.closest('tr')).toHaveAttribute('data-grid-row', '1'));
    expect(document.activeElement?.closest('td')).toHaveAttribute('data-column', MODULE_IDS.signature);
    expect(grid.querySelector('tbody tr[data-grid-row="1"] .uak-permission-grid-row-label')!.textContent).not.toBe(firstName);
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(screen.getByText(fill(en.common.pageOf, { page: 1, pageCount: 3 }))).toBeInTheDocument());
    await waitFor(() => expect(document.activeElement?.closest('tr')).toBe(lastRow()));
    expect(document.activeElement?.closest('td')).toHaveAttribute('data-column', MODULE_IDS.signature);
  });

  it('given a host owning the pending edits (value / onValueChange), shows its edits and reports every change', async () => {
    const context = setup();
    const changes: PermissionValues[] = [];
    function Host() {
      const [value, setValue] = useState<PermissionValues>({ 'user-jose': { [MODULE_IDS.documents]: 'edit', [MODULE_IDS.reports]: 'view' } });
      return <PermissionMatrix value={value} onValueChange={(next) => { changes.push(next); setValue(next); }} />;
    }
    const user = userEvent.setup();
    render(<UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en"><Host /></UserAdminProvider>);
    const grid = await loadedGrid();
    expect(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'edit', 'Changed') })).toBeInTheDocument();
    expect(screen.getByText(pendingText(1))).toBeInTheDocument();
    focus(within(grid).getByRole('button', { name: cellName('Documents', 'José García', 'edit', 'Changed') }));
    await user.keyboard(' ');
    expect(changes.at(-1)?.['user-jose']?.[MODULE_IDS.documents]).toBe('none');
  });

  it('given roles, edits the presets and saves each changed role with updateRole', async () => {
    const context = setup();
    const { user } = renderMatrix(context, { source: 'roles' });
    const grid = await loadedGrid(L.rolesLabel);
    expect(within(grid).getByRole('button', { name: cellName('Pricing', 'User', 'none', 'Locked') })).toHaveAccessibleDescription(L.lockedRoleReason);
    focus(within(grid).getByRole('button', { name: cellName('Signature', 'User', 'off') }));
    await user.keyboard(' ');
    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => expect(screen.getByText(L.noPending)).toBeInTheDocument());
    expect(context.adapter.updateRole).toHaveBeenCalledTimes(1);
    expect(context.adapter.updateUser).not.toHaveBeenCalled();
    expect(context.store.listRoles().find((r) => r.id === ROLE_IDS.user)!.defaultPermissions[MODULE_IDS.signature]).toBe('on');
    expect(within(grid).getByRole('button', { name: cellName('Signature', 'User', 'on') })).toBeInTheDocument();
  });

  it('given roles and an adapter without updateRole, the grid is read-only and says why', async () => {
    const context = setup({ withoutUpdateRole: true });
    const { user } = renderMatrix(context, { source: 'roles' });
    const grid = await loadedGrid(L.rolesLabel);
    expect(screen.getByText(L.readOnly)).toBeInTheDocument();
    expect(grid).toHaveAttribute('aria-readonly', 'true');
    const cell = within(grid).getByRole('button', { name: cellName('Signature', 'User', 'off') });
    focus(cell);
    await user.keyboard(' ');
    expect(within(grid).getByRole('button', { name: cellName('Signature', 'User', 'off') })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.queryByRole('button', { name: en.common.save })).toBeNull();
  });

  it('given the users failing to load, shows the error with a retry that brings the grid', async () => {
    const context = setup();
    context.faults.failNext('unavailable', { count: 1, methods: ['listUsers'] });
    const { user } = renderMatrix(context);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(L.loadError);
    expect(alert).toHaveTextContent(en.errors.unavailable);
    await user.click(within(alert).getByRole('button', { name: en.common.retry }));
    await loadedGrid();
  });

  it('given a search matching nobody, shows the empty state', async () => {
    const context = setup();
    const { user } = renderMatrix(context);
    await loadedGrid();
    await user.type(screen.getByRole('searchbox', { name: L.search }), 'zzzz-nobody');
    expect(await screen.findByText(L.empty, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('grid')).toBeNull();
  });
});
