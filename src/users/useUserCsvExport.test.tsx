import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { UserAdminError } from '../contract/errors';
import type { ListUsersParams, UserAdminAdapter } from '../contract/types';
import { parseCsv } from '../csv/csv';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserCsvExport, type UseUserCsvExportOptions } from './useUserCsvExport';
import { useUserTable, type UseUserTableOptions } from './useUserTable';

function setup(wrap: (adapter: UserAdminAdapter) => UserAdminAdapter = (a) => a) {
  const store = createMockStore({ userCount: 60 });
  const adapter = spyOnAdapter(wrap(createMemoryAdapter(store, { latencyMs: 0 })));
  const files: { blob: Blob; name: string }[] = [];
  const download = (blob: Blob, name: string) => void files.push({ blob, name });
  return { store, adapter, files, download, wrapper: createWrapper(adapter) };
}

async function renderExport(
  context: ReturnType<typeof setup>,
  table: UseUserTableOptions = {},
  options: Omit<UseUserCsvExportOptions, 'users'> = {},
) {
  const view = renderHook(
    () => {
      const users = useUserTable({ defaultState: { pageSize: 10 }, now: () => Date.UTC(2026, 11, 3, 12), ...table });
      return { users, csv: useUserCsvExport({ users, download: context.download, pageSize: 7, ...options }) };
    },
    { wrapper: context.wrapper },
  );
  await waitFor(() => expect(view.result.current.users.list.items.length).toBeGreaterThan(0));
  await waitFor(() => expect(view.result.current.users.roles).toBeDefined());
  return view;
}

/** Export `listUsers` calls (the page size the test gives), not the list's or the counts'. */
const exportReads = (adapter: ReturnType<typeof setup>['adapter']) =>
  adapter.listUsers.mock.calls.map(([params]) => params).filter((params: ListUsersParams) => params.pageSize === 7);

const rowsOf = async (blob: Blob) => parseCsv(await blob.text()).map((record) => record.cells);

describe('useUserCsvExport', { timeout: 20_000 }, () => {
  it('with no selection, exports every user of the current view (search and filter), page by page, visible columns in order, headers as shown', async () => {
    const context = setup();
    const { result } = await renderExport(context, {
      defaultState: { pageSize: 10, filter: { status: ['active'] } },
      columns: ['email', 'name', 'role', 'status', { id: 'phone', header: 'Phone', cell: (user) => user.phone ?? '' }],
      defaultColumnVisibility: { status: false },
    });
    const total = result.current.users.list.total;
    expect(total).toBeGreaterThan(7);
    let outcome;
    await act(async () => void (outcome = await result.current.csv.start()));
    expect(outcome).toMatchObject({ status: 'done', exported: total, fileName: 'users-2026-12-03.csv' });
    expect(result.current.csv.status).toBe('done');
    expect(result.current.csv.exported).toBe(total);

    const reads = exportReads(context.adapter);
    expect(reads.length).toBe(Math.ceil(total / 7));
    expect(new Set(reads.map((params) => params.pageIndex)).size).toBe(reads.length);
    for (const params of reads) {
      expect(params.filter).toEqual({ status: ['active'] });
      expect(params.signal).toBeInstanceOf(AbortSignal);
    }
    const [file] = context.files;
    expect(file!.name).toBe('users-2026-12-03.csv');
    expect(file!.blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await file!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await file!.blob.text();
    expect(text.includes('\r\n')).toBe(true);
    const [header, ...rows] = await rowsOf(file!.blob);
    expect(header).toEqual(['Email', 'Name', 'Role', 'Phone']);
    expect(rows).toHaveLength(total);
    // The rows are the store's active users, each once, with the role by name.
    const active = context.store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { status: ['active'] } }).items;
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(active.map((user) => user.email)));
    const roles = result.current.users.rolesById;
    const first = active.find((user) => user.email === rows[0]![0])!;
    expect(rows[0]![2]).toBe(first.roleId ? roles.get(first.roleId)!.name : 'No role');
  });

  it('with a few users selected, exports only them (those on the page without a read), entities by name', async () => {
    const context = setup();
    const { result } = await renderExport(context, { columns: ['email', 'entities'] });
    const onPage = result.current.users.list.items[0]!;
    const other = context.store.listUsers({ pageIndex: 0, pageSize: 1000 }).items.find((user) => !result.current.users.list.items.some((item) => item.id === user.id) && user.entityIds.length > 0)!;
    act(() => result.current.users.setSelection({ ids: [onPage.id, other.id], allMatching: false }));
    await act(async () => void (await result.current.csv.start()));
    expect(exportReads(context.adapter)).toHaveLength(0);
    expect(context.adapter.getUser.mock.calls.map(([params]) => params.id)).toEqual([other.id]);
    const [header, ...rows] = await rowsOf(context.files[0]!.blob);
    expect(header).toEqual(['Email', 'Entities']);
    expect(rows.map((row) => row[0])).toEqual([onPage.email, other.email]);
    const names = context.store.listEntities({ ids: other.entityIds, pageIndex: 0, pageSize: 100 }).items;
    expect(rows[1]![1]).toBe(other.entityIds.map((id) => names.find((entity) => entity.id === id)!.name).join('; '));
  });

  it('with every matching user selected, exports them all through the paged reads', async () => {
    const context = setup();
    const { result } = await renderExport(context, { columns: ['email'] });
    act(() => result.current.users.selectAllMatching());
    await act(async () => void (await result.current.csv.start()));
    const rows = (await rowsOf(context.files[0]!.blob)).slice(1);
    expect(rows).toHaveLength(result.current.users.list.total);
    expect(exportReads(context.adapter).length).toBe(Math.ceil(result.current.users.list.total / 7));
  });

  it('neutralises a formula in a custom column and falls back to empty for a cell that is an element', async () => {
    const context = setup();
    const { result } = await renderExport(context, {
      columns: [
        'email',
        { id: 'note', header: 'Note', cell: () => '=HYPERLINK("http://evil")' },
        { id: 'badge', header: () => 'Badge', cell: () => <b>x</b> },
        { id: 'team', header: 'Team', cell: () => <b>x</b>, csv: () => '+team' },
      ],
    });
    act(() => result.current.users.setSelection({ ids: [result.current.users.list.items[0]!.id], allMatching: false }));
    await act(async () => void (await result.current.csv.start()));
    const text = await context.files[0]!.blob.text();
    expect(text.split('\r\n')[1]).toMatch(/,"'=HYPERLINK\(""http:\/\/evil""\)",,'\+team$/);
    expect(text.split('\r\n')[0]).toBe('Email,Note,Badge,Team');
  });

  it('cancel aborts the reads in flight, offers nothing and says cancelled', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const signals: AbortSignal[] = [];
    const context = setup((adapter) => ({
      ...adapter,
      listUsers: async (params) => {
        if (params.pageSize === 7 && params.pageIndex > 0) {
          signals.push(params.signal!);
          await Promise.race([gate, new Promise((_, reject) => params.signal!.addEventListener('abort', () => reject(params.signal!.reason)))]);
        }
        return adapter.listUsers(params);
      },
    }));
    const { result } = await renderExport(context, { columns: ['email'] }, { concurrency: 2 });
    let done: Promise<unknown> = Promise.resolve();
    act(() => void (done = result.current.csv.start()));
    await waitFor(() => expect(signals.length).toBe(2));
    expect(result.current.csv.status).toBe('exporting');
    expect(result.current.csv.total).toBe(result.current.users.list.total);
    expect(result.current.csv.exported).toBe(7);
    act(() => result.current.csv.cancel());
    await act(async () => void (await done));
    release();
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(result.current.csv.status).toBe('cancelled');
    expect(context.files).toHaveLength(0);
  });

  it('a second start replaces the running export: the first, aborted, no longer writes the state; one file is offered', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let held = 0;
    const context = setup((adapter) => ({
      ...adapter,
      listUsers: async (params) => {
        if (params.pageSize === 7 && params.pageIndex > 0) {
          held++;
          await Promise.race([gate, new Promise((_, reject) => params.signal!.addEventListener('abort', () => reject(params.signal!.reason)))]);
        }
        return adapter.listUsers(params);
      },
    }));
    const { result } = await renderExport(context, { columns: ['email'] }, { concurrency: 2 });
    let first: Promise<{ status: string }> = Promise.resolve({ status: '' });
    act(() => void (first = result.current.csv.start()));
    await waitFor(() => expect(held).toBe(2));
    let second: Promise<{ status: string }> = Promise.resolve({ status: '' });
    act(() => void (second = result.current.csv.start()));
    await act(async () => { expect((await first).status).toBe('cancelled'); });
    await waitFor(() => expect(held).toBe(4));
    // The first run's end did not overwrite the running one.
    expect(result.current.csv.status).toBe('exporting');
    release();
    await act(async () => { expect((await second).status).toBe('done'); });
    expect(result.current.csv.status).toBe('done');
    expect(result.current.csv.exported).toBe(result.current.users.list.total);
    expect(context.files).toHaveLength(1);
  });

  it('writes each built-in column as the list shows it: an active contact is "Contact", never "Active"', async () => {
    const context = setup();
    const contact = context.store.listUsers({ pageIndex: 0, pageSize: 1000, filter: { kind: 'contact', status: ['active'] } }).items[0]!;
    const { result } = await renderExport(context, { columns: ['email', 'status'], defaultSelection: { ids: [contact.id], allMatching: false } });
    await act(async () => void (await result.current.csv.start()));
    const rows = await rowsOf(context.files[0]!.blob);
    expect(rows[1]).toEqual([contact.email, 'Contact']);
  });

  it('a read failing mid-way offers nothing and says why', async () => {
    const context = setup((adapter) => ({
      ...adapter,
      listUsers: async (params) => {
        if (params.pageSize === 7 && params.pageIndex === 3) throw new UserAdminError('network', 'offline');
        return adapter.listUsers(params);
      },
    }));
    const { result } = await renderExport(context, { columns: ['email'] });
    let outcome;
    await act(async () => void (outcome = await result.current.csv.start()));
    expect(outcome).toMatchObject({ status: 'failed', fileName: null });
    expect(result.current.csv.status).toBe('failed');
    expect(result.current.csv.error?.code).toBe('network');
    expect(context.files).toHaveLength(0);
    act(() => result.current.csv.dismiss());
    expect(result.current.csv.status).toBe('idle');
  });

  it('the default download uses an object URL on an <a download> named by date', async () => {
    const context = setup();
    const createObjectURL = vi.fn(() => 'blob:csv');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(`${this.download} ${this.getAttribute('href')}`);
    });
    const { result } = await renderExport(context, { columns: ['email'] }, { download: undefined as never });
    act(() => result.current.users.setSelection({ ids: [result.current.users.list.items[0]!.id], allMatching: false }));
    await act(async () => void (await result.current.csv.start()));
    expect(clicks).toEqual(['users-2026-12-03.csv blob:csv']);
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    click.mockRestore();
  });
});
