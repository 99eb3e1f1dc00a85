/**
 * What the users list costs to render, as behaviour (no timings): one translation subscription per
 * table whatever the rows, row menus built only when opened, one counts request at load, and
 * entity names already known in the session shown in the first render of a new page.
 */
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import type { Entity } from '../contract/types';
import { useEntitiesByIds } from '../entities/useEntities';
import en from '../i18n/locales/en.json';
import * as translation from '../i18n/useUserAdminTranslation';
import { createTestQueryClient, createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { LazyActionMenu } from '../ui/LazyActionMenu';
import { UserList } from './UserList';

vi.mock('../i18n/useUserAdminTranslation', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../i18n/useUserAdminTranslation')>();
  return { ...actual, useUserAdminTranslation: vi.fn(actual.useUserAdminTranslation) };
});
const useTranslationSpy = vi.mocked(translation.useUserAdminTranslation);

function setup(userCount = 60) {
  const store = createMockStore({ userCount, entityCount: 12 });
  const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: 0 }));
  return { store, adapter };
}

function renderList(context: ReturnType<typeof setup>, pageSize: number) {
  const user = userEvent.setup();
  const view = render(
    <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
      <UserList defaultState={{ pageSize }} searchDebounceMs={0} now={() => context.store.clock.now()} />
    </UserAdminProvider>,
  );
  return { ...view, user };
}

const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').filter((row) => row.hasAttribute('data-index'));

async function loaded(rows: number) {
  const table = await screen.findByRole('table', {}, { timeout: 10_000 });
  await waitFor(() => expect(bodyRows(table)).toHaveLength(rows), { timeout: 10_000 });
  return table;
}

describe('UserList rendering cost', { timeout: 30_000 }, () => {
  it('subscribes to the translations the same number of times for 10 rows as for 50: cells and row menus take the table’s translation', async () => {
    const callsOnSelect = async (pageSize: number) => {
      const view = renderList(setup(), pageSize);
      const table = await loaded(pageSize);
      await waitFor(() => expect(screen.getByRole('tab', { selected: true })).toHaveTextContent('60'));
      useTranslationSpy.mockClear();
      // Selecting a row re-renders the whole table, every row and cell.
      await view.user.click(within(bodyRows(table)[1]!).getByRole('checkbox'));
      await waitFor(() => expect(bodyRows(table)[1]).toHaveAttribute('data-selected'));
      const calls = useTranslationSpy.mock.calls.length;
      view.unmount();
      return calls;
    };
    const ten = await callsOnSelect(10);
    const fifty = await callsOnSelect(50);
    expect(ten).toBeGreaterThan(0);
    // Before: one hook per cell and per header (250 more for 50 rows of 5 built-in cells).
    expect(fifty).toBe(ten);
  });

  it('asks getUserCounts once at load; the active-admin count is asked only when a row menu needs it', async () => {
    const context = setup();
    const { user } = renderList(context, 10);
    const table = await loaded(10);
    await waitFor(() => expect(screen.getByRole('tab', { selected: true })).toHaveTextContent('60'));
    // Settle: nothing else is on its way.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(context.adapter.getUserCounts).toHaveBeenCalledTimes(1);
    expect(context.adapter.getUserCounts).toHaveBeenCalledWith(expect.not.objectContaining({ filter: expect.anything() }));
    expect(document.querySelector('[role="menu"]')).toBeNull();

    const row = bodyRows(table)[2]!;
    within(row).getByRole('button', { name: new RegExp(en.actions.moreActions.replace('{{name}}', '')) }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    await waitFor(() => expect(context.adapter.getUserCounts).toHaveBeenCalledTimes(2));
    expect(context.adapter.getUserCounts).toHaveBeenLastCalledWith(expect.objectContaining({ filter: { roleIds: expect.any(Array) } }));
  });

  it('builds a row menu’s items only when it opens', async () => {
    const items = vi.fn(() => [{ key: 'edit', label: 'Edit', onSelect: () => {} }]);
    const user = userEvent.setup();
    render(
      <UserAdminProvider adapter={setup(5).adapter} queryClient={createTestQueryClient()} locale="en">
        <LazyActionMenu label="More actions for Ana" items={items} />
      </UserAdminProvider>,
    );
    const trigger = screen.getByRole('button', { name: 'More actions for Ana' });
    expect(trigger).toHaveAttribute('aria-haspopup', 'menu');
    expect(items).not.toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
    await user.click(trigger);
    expect(await screen.findByRole('menuitem', { name: 'Edit' })).toBeTruthy();
    expect(items).toHaveBeenCalled();
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    // The open menu is the button's: named by it, and found from it (focus-return helpers look it up so).
    const menu = screen.getByRole('menu', { name: 'More actions for Ana' });
    expect(trigger).toHaveAttribute('aria-controls', menu.id);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(document.activeElement).toBe(trigger);
  });
});

describe('useEntitiesByIds and the entities known in the session', () => {
  function entitiesSetup() {
    const store = createMockStore({ userCount: 5, entityCount: 12 });
    const adapter = spyOnAdapter(createMemoryAdapter(store, { latencyMs: 0 }));
    const all = store.listEntities({ pageIndex: 0, pageSize: 100 }).items as Entity[];
    // The provider's own default: answers are fresh for 30 s.
    const queryClient = createTestQueryClient();
    queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, staleTime: 30_000 } });
    return { adapter, all, wrapper: createWrapper(adapter, queryClient) };
  }

  it('names entities already fetched in the first render of a new set of ids, without a request', async () => {
    const { adapter, all, wrapper } = entitiesSetup();
    const [a, b, c] = all as [Entity, Entity, Entity];
    const view = renderHook(({ ids }: { ids: string[] }) => useEntitiesByIds(ids), { wrapper, initialProps: { ids: [a.id, b.id, c.id] } });
    await waitFor(() => expect(view.result.current.byId.size).toBe(3));
    expect(adapter.listEntities).toHaveBeenCalledTimes(1);

    // A new page whose entities are all known: named in its first render, no request.
    const renders: number[] = [];
    view.rerender({ ids: [c.id, a.id] });
    renders.push(view.result.current.byId.size);
    expect(view.result.current.byId.get(a.id)?.name).toBe(a.name);
    expect(view.result.current.byId.get(c.id)?.name).toBe(c.name);
    expect(view.result.current.isSuccess).toBe(true);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(adapter.listEntities).toHaveBeenCalledTimes(1);
    expect(renders).toEqual([2]);
  });

  it('given some ids unknown, names the known ones at once and fetches the set for the others', async () => {
    const { adapter, all, wrapper } = entitiesSetup();
    const [a, b, , d] = all as [Entity, Entity, Entity, Entity];
    const view = renderHook(({ ids }: { ids: string[] }) => useEntitiesByIds(ids), { wrapper, initialProps: { ids: [a.id, b.id] } });
    await waitFor(() => expect(view.result.current.byId.size).toBe(2));

    view.rerender({ ids: [a.id, d.id] });
    expect(view.result.current.byId.get(a.id)?.name).toBe(a.name);
    expect(view.result.current.byId.has(d.id)).toBe(false);
    // The query itself is the new set's: not successful until it answers.
    expect(view.result.current.isSuccess).toBe(false);
    await waitFor(() => expect(view.result.current.byId.get(d.id)?.name).toBe(d.name));
    expect(adapter.listEntities).toHaveBeenCalledTimes(2);
  });
});
