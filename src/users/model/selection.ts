import type { User, UserAdminAdapter } from '../../contract/types';
import { mapWithConcurrency } from '../../query/concurrency';
import type { UsersListParams } from '../../query/keys';
import { callAdapter } from '../../query/normalize';

/**
 * The selection of the users table: explicit ids (kept across pages), or every user matching the
 * list's search and filter ("select all 1,240 matching"), whose ids are collected page by page
 * when a bulk action runs.
 * @example
 * const [selection, setSelection] = useState<UserSelection>(EMPTY_USER_SELECTION);
 * <UserList selection={selection} onSelectionChange={setSelection} />
 */
export interface UserSelection {
  /** The selected ids; ignored while `allMatching`. */
  ids: readonly string[];
  /** Every user matching the current search and filter, over all pages. */
  allMatching: boolean;
}

/**
 * Nothing selected.
 * @example
 * table.setSelection(EMPTY_USER_SELECTION);
 */
export const EMPTY_USER_SELECTION: UserSelection = { ids: [], allMatching: false };

/**
 * The page size used to collect the users of an "all matching" selection.
 * @example
 * collectMatchingUsers(adapter, params, { pageSize: COLLECT_PAGE_SIZE });
 */
export const COLLECT_PAGE_SIZE = 500;

/** Options of {@link collectMatchingUsers}. */
export interface CollectMatchingUsersOptions {
  /** At most this many page requests in flight. Defaults to 4. */
  concurrency?: number;
  /** Users per page request. Defaults to {@link COLLECT_PAGE_SIZE} (500). */
  pageSize?: number;
  /** Aborts the page requests. Defaults to none. */
  signal?: AbortSignal;
}

/**
 * Every user matching a list's search, filter and sort: the first page gives the total, the
 * remaining pages are fetched with bounded concurrency. Duplicates (a user moving between pages
 * while collecting) are dropped.
 * @example
 * const users = await collectMatchingUsers(adapter, { search: 'acme', filter: { status: ['active'] } });
 */
export async function collectMatchingUsers(
  adapter: UserAdminAdapter,
  params: Omit<UsersListParams, 'pageIndex' | 'pageSize'>,
  options: CollectMatchingUsersOptions = {},
): Promise<User[]> {
  const pageSize = options.pageSize ?? COLLECT_PAGE_SIZE;
  const fetchPage = (pageIndex: number) =>
    callAdapter(() => adapter.listUsers({ ...params, pageIndex, pageSize, ...(options.signal ? { signal: options.signal } : {}) }));
  const first = await fetchPage(0);
  const pageCount = Math.ceil(first.total / pageSize);
  const rest = await mapWithConcurrency(
    Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 1),
    options.concurrency ?? 4,
    (pageIndex) => fetchPage(pageIndex),
  );
  const byId = new Map<string, User>();
  for (const page of [first, ...rest]) for (const user of page.items) if (!byId.has(user.id)) byId.set(user.id, user);
  return [...byId.values()];
}
