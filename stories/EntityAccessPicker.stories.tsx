import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { EntityAccessPicker, type EntityAccessPickerProps } from '../src/entities/components';
import type { EntityAccessValue } from '../src/entities';
import { useUserAdminTranslation } from '../src/i18n';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The entity access picker over the REST adapter and the reference backend behind MSW: a lazy
 * tree (children load when an entity opens), a server search with "select all matching", subtree
 * grants, chips. Entity names come from the backend's fixtures; every other text from the story's
 * locale. The current value shows under the picker.
 */
type DemoProps = Omit<EntityAccessPickerProps, 'value' | 'onValueChange' | 'label'> & { initial?: EntityAccessValue };

function PickerDemo({ initial, ...props }: DemoProps) {
  const { t } = useUserAdminTranslation();
  const [value, setValue] = useState<EntityAccessValue>(initial ?? { entityIds: [], subtreeEntityIds: [] });
  return (
    <main style={{ maxWidth: '36rem', minHeight: '32rem' }}>
      <EntityAccessPicker {...props} label={t('invite.entities.label')} value={value} onValueChange={setValue} />
      <pre data-testid="value" style={{ marginTop: '20rem', fontSize: '0.75rem' }}>{JSON.stringify(value)}</pre>
    </main>
  );
}

const meta = {
  title: 'Components/EntityAccessPicker',
  component: PickerDemo,
  args: {},
} satisfies Meta<typeof PickerDemo>;
export default meta;
type Story = StoryObj<typeof meta>;

const valueOf = (canvasElement: HTMLElement) => JSON.parse(within(canvasElement).getByTestId('value').textContent!) as EntityAccessValue;
const label = (context: Parameters<typeof storyT>[0]) => storyT(context)('invite.entities.label');

async function openPopover(canvasElement: HTMLElement, context: Parameters<typeof storyT>[0]) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('button', { name: new RegExp(label(context)) }));
  const panel = await canvas.findByRole('dialog', { name: label(context) }, TIMEOUT);
  await within(panel).findByRole('tree', {}, TIMEOUT);
  return within(panel);
}

export const Popover: Story = {
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const panel = await openPopover(canvasElement, context);
    expect(await panel.findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT)).toHaveAttribute('aria-expanded', 'false');
    expect(panel.getByText(t('entityPicker.hintSubtrees'))).toBeInTheDocument();
  },
};

export const Inline: Story = {
  args: { variant: 'inline' },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const canvas = within(canvasElement);
    const tree = await canvas.findByRole('tree', { name: label(context) }, TIMEOUT);
    const france = await within(tree).findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT);
    await userEvent.click(france);
    expect(france).toHaveAttribute('aria-checked', 'true');
    expect(valueOf(canvasElement).entityIds).toEqual(['entity-acme-france']);
  },
};

export const WithSelection: Story = {
  args: { initial: { entityIds: ['entity-acme-paris', 'entity-acme-lyon', 'entity-acme-madrid', 'entity-acme-uk'], subtreeEntityIds: ['entity-acme-uk'] } },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(canvas.getByRole('button', { name: new RegExp(t('entityPicker.summary', { count: 4, formatted: '4' })) })).toBeInTheDocument();
    const chips = canvas.getByRole('list', { name: t('entityPicker.selection') });
    await within(chips).findByText('Acme Madrid', {}, TIMEOUT);
    await userEvent.click(within(chips).getByRole('button', { name: t('entityPicker.remove', { name: 'Acme Madrid' }) }));
    await waitFor(() => expect(valueOf(canvasElement).entityIds).toHaveLength(3));
  },
};

export const Subtree: Story = {
  args: { variant: 'inline', initial: { entityIds: ['entity-acme-france'], subtreeEntityIds: ['entity-acme-france'] } },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const france = await canvas.findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT);
    expect(france).toHaveTextContent(t('entityPicker.subtreeOn'));
    france.focus();
    await userEvent.keyboard('{ArrowRight}');
    const paris = await canvas.findByRole('treeitem', { name: /^Acme Paris/ }, TIMEOUT);
    expect(paris).toHaveAttribute('aria-disabled', 'true');
    expect(paris).toHaveTextContent(t('entityPicker.includedWith', { name: 'Acme France SAS' }));
  },
};

export const SearchSelectAll: Story = {
  args: { variant: 'inline' },
  parameters: backend({ store: { entityCount: 2000 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await canvas.findByRole('tree', {}, TIMEOUT);
    await userEvent.type(canvas.getByRole('searchbox', { name: t('entityPicker.search') }), 'Porto{Enter}');
    const total = storyBackend(context).store.listEntities({ search: 'Porto', pageIndex: 0, pageSize: 1 }).total;
    const selectAll = await canvas.findByRole('button', { name: t('entityPicker.selectAll', { count: total, formatted: String(total) }) }, TIMEOUT);
    await userEvent.click(selectAll);
    await waitFor(() => expect(valueOf(canvasElement).entityIds).toHaveLength(total), TIMEOUT);
    expect(await canvas.findByText(t('entityPicker.selectedAll', { count: total, formatted: String(total) }), {}, TIMEOUT)).toBeInTheDocument();
  },
};

export const Single: Story = {
  args: { selectionMode: 'single', initial: { entityIds: ['entity-acme-lyon'], subtreeEntityIds: [] } },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const canvas = within(canvasElement);
    const trigger = canvas.getByRole('button', { name: new RegExp(label(context)) });
    await waitFor(() => expect(trigger).toHaveTextContent('Acme Lyon'), TIMEOUT);
    const panel = await openPopover(canvasElement, context);
    expect(panel.getByRole('tree')).not.toHaveAttribute('aria-multiselectable');
    const uk = await panel.findByRole('treeitem', { name: /^Acme UK Ltd/ }, TIMEOUT);
    await userEvent.click(uk);
    await waitFor(() => expect(trigger).toHaveTextContent('Acme UK Ltd'), TIMEOUT);
    expect(valueOf(canvasElement)).toEqual({ entityIds: ['entity-acme-uk'], subtreeEntityIds: [] });
  },
};

export const ThousandsOfEntities: Story = {
  args: { variant: 'inline', pageSize: 20 },
  parameters: backend({ store: { entityCount: 2000 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const tree = await canvas.findByRole('tree', {}, TIMEOUT);
    // The group opens by itself; its 45 companies come 20 at a time, their sub-accounts only when opened.
    const more = await waitFor(() => {
      const item = tree.querySelector<HTMLElement>('[data-kind="load-more"]');
      expect(item).not.toBeNull();
      return item!;
    }, TIMEOUT);
    expect(more).toHaveTextContent(t('entityPicker.loadMore', { shown: '20', total: '49' }));
    const before = within(tree).getAllByRole('treeitem').length;
    expect(before).toBe(22);
    await userEvent.click(more);
    await waitFor(() => expect(within(tree).getAllByRole('treeitem').length).toBe(42), TIMEOUT);
  },
};

export const SubtreesUnsupported: Story = {
  args: { variant: 'inline' },
  parameters: backend({ store: { settings: { features: { entitySubtrees: false } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await canvas.findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT);
    expect(canvas.getByText(t('entityPicker.hint'))).toBeInTheDocument();
    expect(canvas.queryByText(t('entityPicker.subtreeOffer'))).toBeNull();
  },
};

export const Loading: Story = {
  args: { variant: 'inline' },
  parameters: backend({ latencyMs: 60_000 }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('status', { name: t('entityPicker.loading') }, TIMEOUT)).toBeInTheDocument();
  },
};

export const Error: Story = {
  args: { variant: 'inline' },
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { methods: ['listEntities'] }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    await userEvent.click(within(alert).getByRole('button', { name: t('common.retry') }));
    expect(await canvas.findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT)).toBeInTheDocument();
  },
};

/**
 * A scoped admin: the admin works at entity level, in Acme France's workspace. The picker offers
 * only Acme France and its sub-accounts, in the tree and in a search, and says so.
 */
export const ScopedAdmin: Story = {
  args: { variant: 'inline' },
  parameters: backend({ setup: ({ store }) => store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const offered = () => canvas.getAllByRole('treeitem').map((item) => item.getAttribute('data-entity-id'));
    expect(await canvas.findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT)).toBeInTheDocument();
    expect(canvas.getByText(t('entityPicker.scopedHint'), { exact: false })).toBeInTheDocument();
    expect(await canvas.findByRole('treeitem', { name: /^Acme Paris/ }, TIMEOUT)).toBeInTheDocument();
    expect(offered()).not.toContain('entity-acme-group');
    await userEvent.type(canvas.getByRole('searchbox', { name: t('entityPicker.search') }), 'Acme');
    // The search matches every Acme entity; only those in the scope are offered.
    expect(await canvas.findByRole('treeitem', { name: /^Acme Lyon/ }, TIMEOUT)).toBeInTheDocument();
    for (const id of offered()) expect(['entity-acme-france', 'entity-acme-paris', 'entity-acme-lyon']).toContain(id);
  },
};
