import { mapWithConcurrency } from './concurrency';
import { callAdapter } from './normalize';
import type { Page } from '../contract/types';

/**
 * The selection of a paged list (users, pending invitations): explicit ids, kept across pages, or
 * every item matching the list's search and filter ("select all 1,240 matching"), whose ids are
 * collected page by page when a bulk action runs. One shape for every list.
 * @example
 * const [selection, setSelection] = useState<ListSelection>({ ids: [], allMatching: false });
 * <UserList selection={selection} onSelectionChange={setSelection} />
 */
export interface ListSelection {
  /** The selected ids; ignored while `allMatching`. */
  ids: readonly string[];
  /** Every item matching the current search and filter, over all pages. */
  allMatching: boolean;
}

/** Nothing selected. */
export const EMPTY_LIST_SELECTION: ListSelection = Object.freeze({ ids: Object.freeze([]) as readonly string[], allMatching: false });

/** The page size used to collect the items of an "all matching" selection. */
export const COLLECT_PAGE_SIZE = 500;

/** Options of {@link collectAllPages}. */
export interface CollectAllPagesOptions {
  /** At most this many page requests in flight. Defaults to 4. */
  concurrency?: number;
  /** Items per page request. Defaults to {@link COLLECT_PAGE_SIZE} (500). */
  pageSize?: number;
}

/**
 * Internal: every item of a paged read. The first page gives the total, the remaining pages are
 * fetched with bounded concurrency; duplicates (an item moving between pages while collecting)
 * are dropped.
 */
export async function collectAllPages<T extends { id: string }>(
  fetchPage: (pageIndex: number, pageSize: number) => Promise<Page<T>>,
  options: CollectAllPagesOptions = {},
): Promise<T[]> {
  const pageSize = options.pageSize ?? COLLECT_PAGE_SIZE;
  const read = (pageIndex: number) => callAdapter(() => fetchPage(pageIndex, pageSize));
  const first = await read(0);
  const pageCount = Math.ceil(first.total / pageSize);
  const rest = await mapWithConcurrency(
    Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 1),
    options.concurrency ?? 4,
    read,
  );
  const byId = new Map<string, T>();
  for (const page of [first, ...rest]) for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}

/** How many items a selection covers, given the list's total. */
export function selectionCount(selection: ListSelection, total: number): number {
  return selection.allMatching ? total : selection.ids.length;
}
