import type { ReactNode } from 'react';
import { isAbortError, toUserAdminError } from '../contract/errors';
import { MAX_PAGE_SIZE } from '../contract/limits';
import type { Entity, User, UserAdminAdapter } from '../contract/types';
import { CSV_BOM, csvLine } from '../csv/csv';
import type { UserAdminT } from '../i18n/i18n';
import { mapWithConcurrency } from '../query/concurrency';
import { callAdapter } from '../query/normalize';
import { COLLECT_PAGE_SIZE, streamAllPages } from '../query/selection';
import { builtinText, isBuiltinColumn, USER_LIST_ACTIONS_COLUMN, USER_LIST_SELECT_COLUMN, type UserListBuiltinColumnId, type UserListCustomColumn } from './model/columns';
import type { UseUserCsvExportOptions, UserCsvExportOutcome } from './useUserCsvExport';
import type { UseUserTableResult } from './useUserTable';

// The CSV export's work, loaded on demand by useUserCsvExport (when the export starts, or when
// its button is hovered or focused): off the list's first screen.

/** One column of the export: its header as shown and its text per user. */
export interface UserCsvColumn {
  id: string;
  header: string;
  text: (user: User, entityNames: ReadonlyMap<string, string>) => string;
}

/** The text of a React node when it has one (a string or a number), else `''`. */
function nodeText(node: ReactNode): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'bigint') return String(node);
  // An element, a list, a boolean, nothing: no text to export without the column's `csv`.
  return '';
}

function customHeader(column: UserListCustomColumn): string {
  try {
    return nodeText(typeof column.header === 'function' ? column.header() : column.header) || column.id;
  } catch {
    // A header render function that needs to render (hooks): its id stands in.
    return column.id;
  }
}

/**
 * Internal: the export's columns, as the table shows them: the visible data columns in their
 * order, headers in the active locale. Built-in cells are plain text (entities by name, separated
 * by `; `); a custom column uses its `csv` accessor, else its cell when that is text.
 */
export function userCsvColumns(users: Pick<UseUserTableResult, 'table' | 'rolesById' | 'customColumns'>, t: UserAdminT): UserCsvColumn[] {
  const ids = users.table.getVisibleLeafColumns().map((column) => column.id).filter((id) => id !== USER_LIST_SELECT_COLUMN && id !== USER_LIST_ACTIONS_COLUMN);
  const columns: UserCsvColumn[] = [];
  for (const id of ids) {
    if (isBuiltinColumn(id)) {
      columns.push({ id, header: t(`users.columns.${id}`), text: (user, entityNames) => builtinCsvText(id, user, users.rolesById, entityNames, t) });
      continue;
    }
    const custom = users.customColumns.get(id);
    if (!custom) continue;
    columns.push({
      id,
      header: customHeader(custom),
      text: (user) => {
        if (custom.csv) return custom.csv(user);
        try {
          return nodeText(custom.cell(user));
        } catch {
          // A cell that can only render inside React (hooks): no text without the column's `csv`.
          return '';
        }
      },
    });
  }
  return columns;
}

function builtinCsvText(
  id: UserListBuiltinColumnId, user: User, rolesById: UseUserTableResult['rolesById'], entityNames: ReadonlyMap<string, string>, t: UserAdminT,
): string {
  // The list's own text for every column (one rule: an active contact reads "Contact"), but the
  // entities, which the file names (the list shows their count).
  if (id === 'entities') return user.entityIds.map((entityId) => entityNames.get(entityId) ?? entityId).join('; ');
  return builtinText(id, user, rolesById, t);
}

/** `users-2026-12-03.csv`, in local time. */
export function defaultUserCsvFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `users-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.csv`;
}

/** Offers a file for download: an object URL on a hidden `<a download>`, clicked. */
export function downloadFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked once the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The names of the entities not known yet, read by id (in pages the backend accepts). */
async function loadEntityNames(adapter: UserAdminAdapter, users: readonly User[], names: Map<string, string>, signal: AbortSignal) {
  const missing = [...new Set(users.flatMap((user) => user.entityIds))].filter((id) => !names.has(id));
  for (let i = 0; i < missing.length; i += MAX_PAGE_SIZE) {
    const ids = missing.slice(i, i + MAX_PAGE_SIZE);
    const page = await callAdapter(() => adapter.listEntities({ ids, pageIndex: 0, pageSize: ids.length, signal }));
    for (const entity of page.items) names.set(entity.id, entity.name);
    // An entity the backend does not show (outside a scoped admin's reach) is written by id.
    for (const id of ids) if (!names.has(id)) names.set(id, id);
  }
}

/** Internal: what one export needs and reports. */
export interface UserCsvExportRun {
  options: UseUserCsvExportOptions;
  t: UserAdminT;
  adapter: UserAdminAdapter;
  controller: AbortController;
  onTotal: (total: number | null) => void;
  onProgress: (exported: number) => void;
}

/**
 * Internal: runs one export and offers the file when complete. Never rejects: resolves with how it
 * ended (done, cancelled through the controller, or failed and why).
 */
export async function runUserCsvExport({ options: opts, t: translate, adapter: api, controller, onTotal, onProgress }: UserCsvExportRun): Promise<UserCsvExportOutcome> {
  const { users } = opts;
  const { signal } = controller;
  const pageSize = opts.pageSize ?? COLLECT_PAGE_SIZE;
  const concurrency = opts.concurrency ?? 4;
  const columns = userCsvColumns(users, translate);
  const entityNames = new Map<string, string>([...users.entitiesById.values()].map((entity: Entity) => [entity.id, entity.name]));
  const needsEntities = columns.some((column) => column.id === 'entities');
  const parts: string[] = [CSV_BOM + csvLine(columns.map((column) => column.header))];
  const write = async (page: readonly User[]) => {
    if (needsEntities) await loadEntityNames(api, page, entityNames, signal);
    parts.push(page.map((user) => csvLine(columns.map((column) => column.text(user, entityNames)))).join(''));
  };
  const { selection, list } = users;
  const { state } = list;
  onTotal(selection.allMatching || selection.ids.length === 0 ? list.total || null : selection.ids.length);
  let count = 0;
  // A write that fails (an entity read) stops the reads, and its error is the one reported.
  let writeFailure: unknown = null;
  try {
    if (!selection.allMatching && selection.ids.length > 0) {
      // Explicit users: those on the page as shown, the others read one by one.
      const onPage = new Map(list.items.map((user) => [user.id, user]));
      const ids = selection.ids;
      for (let i = 0; i < ids.length; i += pageSize) {
        const batch = await mapWithConcurrency(ids.slice(i, i + pageSize), concurrency, async (id) => {
          signal.throwIfAborted();
          const shown = onPage.get(id);
          if (shown) return shown;
          try {
            return await callAdapter(() => api.getUser({ id, signal }));
          } catch (readError) {
            // Removed since it was selected: nothing to export for it.
            if (!isAbortError(readError) && toUserAdminError(readError).code === 'not_found') return null;
            throw readError;
          }
        });
        const found = batch.filter((user): user is User => user !== null);
        await write(found);
        count += found.length;
        onProgress(count);
      }
    } else {
      const search = state.search.trim();
      // Pages are written in order; the entity names of a page are read before it is written.
      let chain = Promise.resolve();
      await streamAllPages(
        (pageIndex, size, pageSignal) => api.listUsers({
          pageIndex, pageSize: size, signal: pageSignal,
          ...(state.sort ? { sort: state.sort } : {}),
          ...(search ? { search } : {}),
          ...(Object.keys(state.filter).length > 0 ? { filter: state.filter } : {}),
        }),
        (page) => {
          onTotal(page.total);
          chain = chain.then(async () => {
            await write(page.items);
            count += page.items.length;
            onProgress(count);
          });
          chain.catch((writeError: unknown) => {
            if (writeFailure === null && !signal.aborted) {
              writeFailure = writeError;
              controller.abort(writeError);
            }
          });
        },
        { pageSize, concurrency, signal },
      );
      await chain;
    }
    signal.throwIfAborted();
    const name = typeof opts.fileName === 'function' ? opts.fileName(new Date(users.now())) : (opts.fileName ?? defaultUserCsvFileName(new Date(users.now())));
    (opts.download ?? downloadFile)(new Blob(parts, { type: 'text/csv;charset=utf-8' }), name);
    return { status: 'done', exported: count, fileName: name, error: null };
  } catch (failure) {
    if (writeFailure === null && signal.aborted) return { status: 'cancelled', exported: count, fileName: null, error: null };
    // The entity read that failed is the reason, not the abort it caused.
    return { status: 'failed', exported: count, fileName: null, error: toUserAdminError(writeFailure ?? failure) };
  }
}
