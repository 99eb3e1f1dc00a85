import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { FIXTURE_ROLES, MODULE_IDS, ROLE_IDS } from '../mocks/fixtures';
import type { ModulePermissions, Role } from '../src/contract/types';
import { ModulePermissionsField, PermissionMatrix } from '../src/permissions/components';
import { useUserAdminTranslation, type UserAdminT } from '../src/i18n';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The permission matrix over the REST adapter and the reference backend behind MSW: users or
 * roles by modules. Keyboard: arrows, Home/End, Ctrl+Home/Ctrl+End, Page Up/Page Down; Space sets
 * the next level, Enter opens the list of levels. Play functions assert the story locale's texts;
 * axe runs on the final state of each story.
 */
const meta = {
  title: 'Screens/PermissionMatrix',
  component: PermissionMatrix,
  args: { onSaved: fn(), pageSize: 10 },
} satisfies Meta<typeof PermissionMatrix>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ctx = Pick<StoryContext, 'globals'>;

const levelText = (t: UserAdminT, level: string) => t(`permissionMatrix.level.${level}` as Parameters<UserAdminT>[0]);
const cellName = (t: UserAdminT, module: string, row: string, level: string, kind: '' | 'Changed' | 'Locked' = '') =>
  t(`permissionMatrix.cell.label${kind}`, { module, row, level: levelText(t, level) });

async function loadedGrid(canvasElement: HTMLElement, context: Ctx, source: 'users' | 'roles' = 'users') {
  const t = storyT(context);
  const grid = await within(canvasElement).findByRole('grid', { name: t(source === 'users' ? 'permissionMatrix.usersLabel' : 'permissionMatrix.rolesLabel') }, TIMEOUT);
  await waitFor(() => expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeGreaterThan(0), TIMEOUT);
  return grid;
}

const rowNamed = (grid: HTMLElement, name: string) =>
  [...grid.querySelectorAll<HTMLElement>('tbody tr[data-grid-row]')].find((row) => row.querySelector('.uak-permission-grid-row-label')?.textContent === name)!;

/** Users by modules: José's admin-only modules are locked with the reason; Space changes a level. */
export const Users: Story = {
  parameters: backend({ store: { userCount: 40 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const grid = await loadedGrid(canvasElement, context);
    expect(within(grid).queryByText('Zoë Müller')).toBeNull();
    const locked = within(grid).getByRole('button', { name: cellName(t, 'Pricing', 'José García', 'none', 'Locked') });
    expect(locked).toHaveAccessibleDescription(t('errors.reason.admin_only_module'));
    await userEvent.click(within(grid).getByRole('button', { name: cellName(t, 'Documents', 'José García', 'view') }));
    await userEvent.keyboard('{Escape}');
    await userEvent.keyboard(' ');
    expect(within(canvasElement).getByText(t('permissionMatrix.pending', { count: 1 }))).toBeInTheDocument();
    await userEvent.keyboard(' ');
    await userEvent.keyboard(' ');
    expect(within(canvasElement).getByText(t('permissionMatrix.noPending'))).toBeInTheDocument();
  },
};

/** Three unsaved changes: a cell, a whole column set from its menu, and a role promotion. */
export const PendingChanges: Story = {
  parameters: backend({ store: { userCount: 7 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const grid = await loadedGrid(canvasElement, context);
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: t('permissionMatrix.roleLabel', { name: 'José García' }) }), ROLE_IDS.admin);
    // A promotion unlocks Pricing for José.
    const pricing = within(grid).getByRole('button', { name: cellName(t, 'Pricing', 'José García', 'none') });
    pricing.focus();
    await userEvent.keyboard(' ');
    await userEvent.keyboard('{ArrowRight}{Enter}');
    const menu = await canvas.findByRole('menu', {}, TIMEOUT);
    await userEvent.click(within(menu).getByRole('menuitemradio', { name: levelText(t, 'edit') }));
    await waitFor(() => expect(canvas.getByText(t('permissionMatrix.pending', { count: 3 }))).toBeInTheDocument());
    expect(grid.querySelectorAll('td[data-state="changed"]')).toHaveLength(2);
    expect(canvas.getByRole('button', { name: t('common.save') })).toBeEnabled();
  },
};

/**
 * Seven users, with the keyboard alone: Space sets José's Documents to the next level, Enter opens
 * the list of levels on Communication (arrows, Enter), Tab leaves the grid for Save. The whole
 * flow with real key presses (Tab in, Home/End, Ctrl+Home/Ctrl+End, Page Up/Page Down) is tested
 * in Chromium.
 */
export const KeyboardOnly: Story = {
  parameters: backend({ store: { userCount: 7 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const grid = await loadedGrid(canvasElement, context);
    const active = () => document.activeElement as HTMLElement;
    within(grid).getByRole('button', { name: cellName(t, 'Documents', 'José García', 'view') }).focus();
    await userEvent.keyboard(' ');
    expect(active()).toHaveAccessibleName(cellName(t, 'Documents', 'José García', 'edit', 'Changed'));
    await userEvent.keyboard('{ArrowRight}{Enter}');
    const menu = await canvas.findByRole('menu', {}, TIMEOUT);
    await waitFor(() => expect(menu.contains(active())).toBe(true), TIMEOUT);
    const on = within(menu).getByRole('menuitemradio', { name: levelText(t, 'on') });
    for (let i = 0; i < 4 && active() !== on; i++) await userEvent.keyboard('{ArrowDown}');
    expect(active()).toBe(on);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.queryByRole('menu')).toBeNull(), TIMEOUT);
    await waitFor(() => expect(active()).toHaveAccessibleName(cellName(t, 'Communication', 'José García', 'on', 'Changed')), TIMEOUT);
    expect(canvas.getByText(t('permissionMatrix.pending', { count: 2 }))).toBeInTheDocument();
    const save = canvas.getByRole('button', { name: t('common.save') });
    for (let i = 0; i < 10 && active() !== save; i++) await userEvent.tab();
    expect(active()).toBe(save);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.getByText(t('permissionMatrix.noPending'))).toBeInTheDocument(), TIMEOUT);
    expect(storyBackend(context).store.getUser({ id: 'user-jose' }).permissions).toMatchObject({
      [MODULE_IDS.documents]: 'edit',
      [MODULE_IDS.communication]: 'on',
    });
  },
};

/** Saving two rows while the backend refuses the first: that row stays marked with the reason. */
export const PartialFailure: Story = {
  args: { concurrency: 1 },
  parameters: backend({ store: { userCount: 7 }, setup: ({ faults }) => faults.failNext('conflict', { count: 1, methods: ['updateUser'] }) }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const grid = await loadedGrid(canvasElement, context);
    within(grid).getByRole('button', { name: cellName(t, 'Documents', 'José García', 'view') }).focus();
    await userEvent.keyboard(' {ArrowDown} ');
    await userEvent.click(canvas.getByRole('button', { name: t('common.save') }));
    await waitFor(() => expect(canvas.getByText(t('permissionMatrix.pending', { count: 1 }))).toBeInTheDocument(), TIMEOUT);
    const jose = rowNamed(grid, 'José García');
    expect(jose).toHaveAttribute('data-state', 'error');
    expect(within(jose).getByText(t('permissionMatrix.rowError', { reason: t('errors.conflict') }))).toBeInTheDocument();
    expect(rowNamed(grid, 'Françoise Lefèvre')).toHaveAttribute('data-state', 'saved');
    await waitFor(() => expect(args.onSaved).toHaveBeenCalledTimes(1));
  },
};

/** Roles by modules: the presets, saved with updateRole. */
export const Roles: Story = {
  args: { source: 'roles' },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const grid = await loadedGrid(canvasElement, context, 'roles');
    expect(within(grid).getByRole('button', { name: cellName(t, 'Pricing', 'User', 'none', 'Locked') })).toHaveAccessibleDescription(t('permissionMatrix.lockedRoleReason'));
    within(grid).getByRole('button', { name: cellName(t, 'Signature', 'User', 'off') }).focus();
    await userEvent.keyboard(' ');
    await userEvent.click(canvas.getByRole('button', { name: t('common.save') }));
    await waitFor(() => expect(canvas.getByText(t('permissionMatrix.noPending'))).toBeInTheDocument(), TIMEOUT);
    const role = storyBackend(context).store.listRoles().find((r) => r.id === ROLE_IDS.user)!;
    expect(role.defaultPermissions[MODULE_IDS.signature]).toBe('on');
  },
};

/** Roles with an adapter lacking updateRole: read-only, and the note says why. */
export const RolesReadOnly: Story = {
  args: { source: 'roles' },
  parameters: backend({ capabilities: { roleEditing: false } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const grid = await loadedGrid(canvasElement, context, 'roles');
    expect(canvas.getByText(t('permissionMatrix.readOnly'))).toBeInTheDocument();
    expect(grid).toHaveAttribute('aria-readonly', 'true');
    expect(canvas.queryByRole('button', { name: t('common.save') })).toBeNull();
  },
};

export const Loading: Story = {
  parameters: backend({ latencyMs: 60_000 }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    expect(await within(canvasElement).findByRole('status', { name: t('common.loading') })).toBeInTheDocument();
    expect(within(canvasElement).queryByRole('grid')).toBeNull();
  },
};

/** A search that matches nobody. */
export const Empty: Story = {
  parameters: backend({ store: { userCount: 7 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await loadedGrid(canvasElement, context);
    await userEvent.type(canvas.getByRole('searchbox', { name: t('permissionMatrix.search') }), 'zzzz-nobody{Enter}');
    expect(await canvas.findByText(t('permissionMatrix.empty'), {}, TIMEOUT)).toBeInTheDocument();
    expect(canvas.queryByRole('grid')).toBeNull();
  },
};

export const Error: Story = {
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { count: 1, methods: ['listUsers'] }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const alert = await within(canvasElement).findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('permissionMatrix.loadError'));
    expect(alert).toHaveTextContent(t('errors.unavailable'));
  },
};

/** 1,000 users on one page: the rows are virtualized (the keyboard over it is tested in Chromium). */
export const LongList: Story = {
  args: { pageSize: 1000 },
  parameters: backend({ store: { userCount: 1000 } }),
  play: async ({ canvasElement, ...context }) => {
    const grid = await loadedGrid(canvasElement, context);
    await waitFor(() => expect(Number(grid.getAttribute('aria-rowcount'))).toBeGreaterThan(800), TIMEOUT);
    expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeLessThan(100);
    expect(grid.closest('[data-slot="permission-grid-scroll"]')).toHaveAttribute('data-virtual');
  },
};

function FieldStory() {
  const { t } = useUserAdminTranslation();
  const [role, setRole] = useState<Role>(FIXTURE_ROLES.find((r) => r.id === ROLE_IDS.communication)!);
  const [value, setValue] = useState<ModulePermissions>(() => ({ ...role.defaultPermissions }));
  return (
    <div style={{ maxWidth: '60rem' }}>
      <label>
        {t('permissionMatrix.columns.role')}{' '}
        <select value={role.id} onChange={(e) => setRole(FIXTURE_ROLES.find((r) => r.id === e.target.value)!)}>
          {FIXTURE_ROLES.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
      </label>
      <ModulePermissionsField label={t('permissionMatrix.fieldLabel')} role={role} value={value} onValueChange={setValue} />
    </div>
  );
}

/** ModulePermissionsField: one row for forms, with the role preset button. */
export const SingleRow: Story = {
  parameters: backend({}),
  render: () => <FieldStory />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole('grid', { name: t('permissionMatrix.fieldLabel') }, TIMEOUT);
    const short = (module: string, level: string, kind: '' | 'Changed' | 'Locked' = '') =>
      t(`permissionMatrix.cell.labelShort${kind}`, { module, level: levelText(t, level) });
    expect(within(grid).getByRole('button', { name: short('Pricing', 'none', 'Locked') })).toHaveAccessibleDescription(t('errors.reason.admin_only_module'));
    within(grid).getByRole('button', { name: short('Signature', 'off') }).focus();
    await userEvent.keyboard(' ');
    expect(within(grid).getByRole('button', { name: short('Signature', 'on') })).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: t('permissionMatrix.applyPreset', { role: 'Communication' }) }));
    expect(within(grid).getByRole('button', { name: short('Signature', 'off') })).toBeInTheDocument();
  },
};
