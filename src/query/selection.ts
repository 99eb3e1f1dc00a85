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
  // One failed page fails the whole: the pages not started yet are not read.
  let failed = false;
  const read = async (pageIndex: number) => {
    if (failed) throw new Error('collectAllPages: stopped after a failed page');
    try {
      return await callAdapter(() => fetchPage(pageIndex, pageSize));
    } catch (error) {
      failed = true;
      throw error;
    }
  };
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

/** Options of {@link streamAllPages}. */
export interface StreamAllPagesOptions extends CollectAllPagesOptions {
  /** Stops the reads: no page is asked for after it, the reads in flight get it, and the call rejects with the abort. Defaults to none. */
  signal?: AbortSignal;
}

/** What {@link streamAllPages} reports after each page. */
export interface StreamedPage<T> {
  /** The page's items not seen on an earlier page, in order. */
  items: T[];
  /** How many items have been handed over so far, these included. */
  done: number;
  /** The total the first page announced. */
  total: number;
}

/**
 * Internal: every item of a paged read, handed over page by page in page order (for an export
 * that writes as it reads): the first page gives the total, the others are read with bounded
 * concurrency; an item moving between pages while reading is handed over once. A failed read
 * stops the others (they get an abort) and rejects with its error.
 */
export async function streamAllPages<T extends { id: string }>(
  fetchPage: (pageIndex: number, pageSize: number, signal: AbortSignal) => Promise<Page<T>>,
  onPage: (page: StreamedPage<T>) => void,
  options: StreamAllPagesOptions = {},
): Promise<{ total: number; done: number }> {
  const pageSize = options.pageSize ?? COLLECT_PAGE_SIZE;
  const stop = new AbortController();
  const outer = options.signal;
  const onOuterAbort = () => stop.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  outer?.addEventListener('abort', onOuterAbort);
  const seen = new Set<string>();
  let done = 0;
  let total = 0;
  const waiting = new Map<number, T[]>();
  let nextToHand = 0;
  const hand = (pageIndex: number, items: T[]) => {
    waiting.set(pageIndex, items);
    while (waiting.has(nextToHand)) {
      const fresh = waiting.get(nextToHand)!.filter((item) => !seen.has(item.id));
      waiting.delete(nextToHand);
      nextToHand++;
      for (const item of fresh) seen.add(item.id);
      done += fresh.length;
      onPage({ items: fresh, done, total });
    }
  };
  const read = async (pageIndex: number) => {
    stop.signal.throwIfAborted();
    const page = await callAdapter(() => fetchPage(pageIndex, pageSize, stop.signal));
    stop.signal.throwIfAborted();
    return page;
  };
  try {
    const first = await read(0);
    total = first.total;
    hand(0, first.items);
    const pageCount = Math.ceil(first.total / pageSize);
    await mapWithConcurrency(
      Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 1),
      options.concurrency ?? 4,
      async (pageIndex) => {
        try {
          hand(pageIndex, (await read(pageIndex)).items);
        } catch (error) {
          // One failure ends the whole read: the other pages in flight are not waited for.
          if (!stop.signal.aborted) stop.abort(error);
          throw error;
        }
      },
    );
    return { total, done };
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** How many items a selection covers, given the list's total. */
export function selectionCount(selection: ListSelection, total: number): number {
  return selection.allMatching ? total : selection.ids.length;
}
