import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ROOT_ENTITY_ID, createFaultInjector, createMemoryAdapter, createMockStore, type MockStoreOptions } from '../../../mocks';
import en from '../../i18n/locales/en.json';
import { UserAdminProvider } from '../../provider/UserAdminProvider';
import { createTestQueryClient, spyOnAdapter } from '../../../test/utils/test-adapter';
import { Dialog, DialogContent } from '../../ui';
import { EntityAccessPicker, type EntityAccessPickerProps } from './EntityAccessPicker';
import { EMPTY_ENTITY_ACCESS, type EntityAccessValue } from './selection';

const FRANCE = 'entity-acme-france';
const PARIS = 'entity-acme-paris';
const LYON = 'entity-acme-lyon';
const LABEL = 'Entity access';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), text);

function setup(store: MockStoreOptions = {}) {
  const mockStore = createMockStore({ userCount: 10, ...store });
  const faults = createFaultInjector();
  const adapter = spyOnAdapter(createMemoryAdapter(mockStore, { latencyMs: 0, faults }));
  return { store: mockStore, faults, adapter };
}

type Context = ReturnType<typeof setup>;

function renderPicker(context: Context, props: Partial<EntityAccessPickerProps> & { initial?: EntityAccessValue } = {}) {
  const onChange = vi.fn<(value: EntityAccessValue) => void>();
  const { initial, ...rest } = props;
  function Harness() {
    const [value, setValue] = useState<EntityAccessValue>(initial ?? EMPTY_ENTITY_ACCESS);
    return (
      <EntityAccessPicker
        label={LABEL}
        value={value}
        onValueChange={(next) => {
          setValue(next);
          onChange(next);
        }}
        {...rest}
      />
    );
  }
  const user = userEvent.setup();
  const view = render(
    <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
      <main><Harness /></main>
    </UserAdminProvider>,
  );
  const last = () => onChange.mock.lastCall?.[0];
  return { ...view, user, onChange, last };
}

const tree = () => screen.findByRole('tree', { name: LABEL }, { timeout: 5000 });
const item = (name: string | RegExp) => screen.findByRole('treeitem', { name: typeof name === 'string' ? new RegExp(`^${name}`) : name }, { timeout: 5000 });
const entityCalls = (context: Context, match: (p: Record<string, unknown>) => boolean) =>
  context.adapter.listEntities.mock.calls.filter(([p]) => match(p as unknown as Record<string, unknown>)).length;

describe('EntityAccessPicker', { timeout: 20_000 }, () => {
  it('given a controlled open, shows the panel as the host says and asks it to close on Escape', async () => {
    const context = setup();
    const onOpenChange = vi.fn();
    const { user, rerender } = renderPicker(context, { open: true, onOpenChange });
    await tree();
    await user.keyboard('{Escape}');
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    // The host keeps it open.
    expect(screen.getByRole('tree', { name: LABEL })).toBeInTheDocument();
    rerender(
      <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
        <main><EntityAccessPicker label={LABEL} value={EMPTY_ENTITY_ACCESS} onValueChange={() => {}} open={false} onOpenChange={onOpenChange} /></main>
      </UserAdminProvider>,
    );
    await waitFor(() => expect(screen.queryByRole('tree')).toBeNull());
  });

  it('given defaultOpen, starts open, and the trigger closes it and tells onOpenChange', async () => {
    const context = setup();
    const onOpenChange = vi.fn();
    const { user } = renderPicker(context, { defaultOpen: true, onOpenChange });
    await tree();
    await user.click(screen.getByRole('button', { name: new RegExp(LABEL) }));
    await waitFor(() => expect(screen.queryByRole('tree')).toBeNull());
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
  });

  it('given an inline tree, loads the roots and opens the one group, and fetches a company’s children only when it opens', async () => {
    const context = setup();
    const { user } = renderPicker(context, { variant: 'inline' });
    await tree();
    const france = await item('Acme France SAS');
    expect(france).toHaveAttribute('aria-expanded', 'false');
    expect(entityCalls(context, (p) => p.parentId === null)).toBe(1);
    expect(entityCalls(context, (p) => p.parentId === ROOT_ENTITY_ID)).toBe(1);
    expect(entityCalls(context, (p) => p.parentId === FRANCE)).toBe(0);
    expect(screen.queryByRole('treeitem', { name: /^Acme Paris/ })).toBeNull();

    france.focus();
    await user.keyboard('{ArrowRight}');
    expect(await item('Acme Paris')).toHaveAttribute('aria-level', '3');
    expect(france).toHaveAttribute('aria-expanded', 'true');
    expect(entityCalls(context, (p) => p.parentId === FRANCE)).toBe(1);
    // Only the opened company's children were asked for.
    expect(entityCalls(context, (p) => typeof p.parentId === 'string' && p.parentId !== ROOT_ENTITY_ID && p.parentId !== FRANCE)).toBe(0);
  });

  it('given a search, asks the server once with it and lists the matches', async () => {
    const context = setup();
    const { user } = renderPicker(context, { variant: 'inline' });
    await tree();
    await user.type(screen.getByRole('searchbox', { name: en.entityPicker.search }), 'Lyon{Enter}');
    expect(await item('Acme Lyon')).toHaveAttribute('aria-level', '1');
    await waitFor(() => expect(screen.getAllByRole('treeitem')).toHaveLength(1));
    expect(entityCalls(context, (p) => p.search === 'Lyon')).toBe(1);
    expect(context.adapter.listEntities).toHaveBeenCalledWith(expect.objectContaining({ search: 'Lyon', pageIndex: 0 }));
  });

  it('given 2,000 entities and a search matching more than a page, "select all matching" selects every match over all pages', async () => {
    const context = setup({ entityCount: 2000 });
    const total = context.store.listEntities({ search: 'Porto', pageIndex: 0, pageSize: 1 }).total;
    expect(total).toBeGreaterThan(25);
    const { user, last } = renderPicker(context, { variant: 'inline' });
    await tree();
    await user.type(screen.getByRole('searchbox', { name: en.entityPicker.search }), 'Porto{Enter}');
    const selectAll = await screen.findByRole('button', { name: fill(en.entityPicker.selectAll_other, { formatted: total }) }, { timeout: 5000 });
    // Only the first page is shown.
    await waitFor(() => expect(screen.getAllByRole('treeitem').filter((i) => i.dataset.entityId)).toHaveLength(25));
    await user.click(selectAll);
    await screen.findByText(fill(en.entityPicker.selectedAll_other, { formatted: total }));
    expect(new Set(last()!.entityIds).size).toBe(total);
    expect(screen.getByText(fill(en.entityPicker.summary_other, { formatted: total }))).toBeInTheDocument();
  });

  it('given a limit below the matches, "select all matching" stops at the limit and says so', async () => {
    const context = setup({ entityCount: 2000 });
    const total = context.store.listEntities({ search: 'Porto', pageIndex: 0, pageSize: 1 }).total;
    const { user, last } = renderPicker(context, { variant: 'inline', selectAllLimit: 30 });
    await tree();
    await user.type(screen.getByRole('searchbox', { name: en.entityPicker.search }), 'Porto{Enter}');
    await user.click(await screen.findByRole('button', { name: fill(en.entityPicker.selectAllCapped, { limit: 30, total }) }, { timeout: 5000 }));
    expect(await screen.findByText(fill(en.entityPicker.selectedCapped, { limit: 30, total }))).toBeInTheDocument();
    expect(last()!.entityIds).toHaveLength(30);
  });

  it('granting a company with its sub-accounts sets both arrays and shows its sub-accounts as included', async () => {
    const context = setup();
    const { user, last } = renderPicker(context, { variant: 'inline' });
    await tree();
    const france = await item('Acme France SAS');
    france.focus();
    await user.keyboard('{Shift>} {/Shift}');
    expect(last()).toEqual({ entityIds: [FRANCE], subtreeEntityIds: [FRANCE] });
    expect(france).toHaveAttribute('aria-checked', 'true');
    expect(france).toHaveTextContent(en.entityPicker.subtreeOn);
    await user.keyboard('{ArrowRight}');
    const paris = await item('Acme Paris');
    expect(paris).toHaveAttribute('aria-checked', 'true');
    expect(paris).toHaveAttribute('aria-disabled', 'true');
    expect(paris).toHaveTextContent(fill(en.entityPicker.includedWith, { name: 'Acme France SAS' }));
    // An included entity cannot be cleared on its own.
    await user.click(paris);
    expect(last()).toEqual({ entityIds: [FRANCE], subtreeEntityIds: [FRANCE] });
    // The chip says the grant covers the sub-accounts.
    const chips = screen.getByRole('list', { name: en.entityPicker.selection });
    expect(within(chips).getByText(en.entityPicker.subtreeOn)).toBeInTheDocument();
  });

  it('given a subtree grant, a sub-account created later shows as included', async () => {
    const context = setup();
    const added = context.store.addEntity({ name: 'Acme Marseille', kind: 'sub_account', parentId: FRANCE });
    const { user } = renderPicker(context, { variant: 'inline', initial: { entityIds: [FRANCE], subtreeEntityIds: [FRANCE] } });
    await tree();
    (await item('Acme France SAS')).focus();
    await user.keyboard('{ArrowRight}');
    const marseille = await item('Acme Marseille');
    expect(marseille.dataset.entityId).toBe(added.id);
    expect(marseille).toHaveAttribute('data-state', 'included');
    expect(marseille).toHaveAttribute('aria-checked', 'true');
  });

  it('given a selection, shows it as chips named once loaded, and removing a chip clears that entity', async () => {
    const context = setup();
    const { user, last } = renderPicker(context, { initial: { entityIds: [PARIS, LYON], subtreeEntityIds: [] } });
    const chips = screen.getByRole('list', { name: en.entityPicker.selection });
    // Names load through the adapter: a loading label meanwhile, never the raw id.
    expect(chips).not.toHaveTextContent(PARIS);
    await within(chips).findByText('Acme Paris');
    expect(screen.getByRole('button', { name: new RegExp(fill(en.entityPicker.summary_other, { formatted: 2 })) })).toBeInTheDocument();
    await user.click(within(chips).getByRole('button', { name: fill(en.entityPicker.remove, { name: 'Acme Paris' }) }));
    expect(last()).toEqual({ entityIds: [LYON], subtreeEntityIds: [] });
    expect(within(chips).queryByText('Acme Paris')).toBeNull();
  });

  it('in single mode, choosing an entity replaces the choice, closes the popover and shows it on the trigger', async () => {
    const context = setup();
    const { user, last } = renderPicker(context, { selectionMode: 'single', initial: { entityIds: [LYON], subtreeEntityIds: [] } });
    const trigger = screen.getByRole('button', { name: new RegExp(LABEL) });
    await user.click(trigger);
    const panel = await screen.findByRole('dialog', { name: LABEL });
    const t = await tree();
    expect(t).not.toHaveAttribute('aria-multiselectable');
    expect(within(panel).queryByText(en.entityPicker.subtreeOffer)).toBeNull();
    await user.type(within(panel).getByRole('searchbox'), 'Paris{Enter}');
    const paris = await item('Acme Paris');
    expect(paris).toHaveAttribute('aria-selected', 'false');
    await user.click(paris);
    expect(last()).toEqual({ entityIds: [PARIS], subtreeEntityIds: [] });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    await waitFor(() => expect(trigger).toHaveTextContent('Acme Paris'));
    expect(document.activeElement).toBe(trigger);
  });

  it('given a backend without subtree grants, offers no subtree option and Shift+Space selects the entity alone', async () => {
    const context = setup({ settings: { features: { entitySubtrees: false } } });
    const { user, last } = renderPicker(context, { variant: 'inline' });
    await tree();
    const france = await item('Acme France SAS');
    expect(screen.queryByText(en.entityPicker.subtreeOffer)).toBeNull();
    expect(screen.getByText(en.entityPicker.hint)).toBeInTheDocument();
    france.focus();
    await user.keyboard('{Shift>} {/Shift}');
    expect(last()).toEqual({ entityIds: [FRANCE], subtreeEntityIds: [] });
  });

  it('with the keyboard: opens, moves through the tree, opens and closes a node, selects with Space and closes with Escape', async () => {
    const context = setup();
    const { user, last } = renderPicker(context);
    const trigger = screen.getByRole('button', { name: new RegExp(LABEL) });
    trigger.focus();
    await user.keyboard('{Enter}');
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    const search = screen.getByRole('searchbox', { name: en.entityPicker.search });
    await waitFor(() => expect(document.activeElement).toBe(search));
    await item('Acme France SAS');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(await item('Acme Group'));
    await user.keyboard('{ArrowDown}');
    // Companies come sorted by name: Deutschland first, then France.
    expect(document.activeElement).toBe(await item('Acme Deutschland GmbH'));
    await user.keyboard('{ArrowDown}');
    const france = await item('Acme France SAS');
    expect(document.activeElement).toBe(france);
    await user.keyboard('{ArrowRight}');
    await item('Acme Lyon');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(await item('Acme Lyon'));
    await user.keyboard(' ');
    expect(last()).toEqual({ entityIds: [LYON], subtreeEntityIds: [] });
    expect(document.activeElement).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(france);
    await user.keyboard('{ArrowLeft}');
    expect(france).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('treeitem', { name: /^Acme Lyon/ })).toBeNull();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(await item('Acme UK Ltd'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(await item('Acme Group'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('given the server fails, the tree shows the translated error and retrying loads it', async () => {
    const context = setup();
    context.faults.failNext('unavailable', { methods: ['listEntities'] });
    const { user } = renderPicker(context, { variant: 'inline' });
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(en.errors.unavailable);
    await user.click(within(alert).getByRole('button', { name: en.common.retry }));
    await item('Acme France SAS');
  });

  it('forwards id, aria-describedby, aria-invalid to the trigger, calls onBlur when focus leaves, and its ref focuses the trigger', async () => {
    const context = setup();
    const onBlur = vi.fn();
    const ref = { current: null as HTMLElement | null };
    const { user } = renderPicker(context, { id: 'access', 'aria-describedby': 'access-error', 'aria-invalid': true, onBlur, ref });
    const trigger = screen.getByRole('button', { name: new RegExp(LABEL) });
    expect(trigger).toHaveAttribute('id', 'access');
    expect(trigger).toHaveAttribute('aria-describedby', 'access-error');
    expect(trigger).toHaveAttribute('aria-invalid', 'true');
    ref.current!.focus();
    expect(document.activeElement).toBe(trigger);
    await user.tab();
    expect(onBlur).toHaveBeenCalled();
  });

  it('inside a dialog, Escape closes the popover and returns to its trigger, and leaves the dialog open', async () => {
    const context = setup();
    const user = userEvent.setup();
    function InDialog() {
      const [value, setValue] = useState<EntityAccessValue>(EMPTY_ENTITY_ACCESS);
      return (
        <Dialog open onOpenChange={() => undefined}>
          <DialogContent title="Edit">
            <EntityAccessPicker label={LABEL} value={value} onValueChange={setValue} />
          </DialogContent>
        </Dialog>
      );
    }
    render(
      <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
        <InDialog />
      </UserAdminProvider>,
    );
    const trigger = await screen.findByRole('button', { name: new RegExp(LABEL) });
    await user.click(trigger);
    await item('Acme France SAS');
    (await item('Acme Group')).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: LABEL })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Edit' })).toBeInTheDocument();
    expect(document.activeElement).toBe(trigger);
  });
});
