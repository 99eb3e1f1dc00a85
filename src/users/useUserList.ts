import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SortDirection, User, UserFilter, UserSortField } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import type { UsersListParams } from '../query/keys';
import type { LandTogether } from '../query/landTogether';
import { DEFAULT_PAGE_SIZE, usersListQueryOptions } from '../query/options';
import { useListState, type ListStateOptions, type PagedListResult, usePagedListResult } from '../query/useListState';

/** A users-list sort. */
export interface UserSort {
  field: UserSortField;
  direction: SortDirection;
}

/** The state of the users list. */
export interface UserListState {
  /** Zero-based. Defaults to 0. */
  pageIndex: number;
  /** Defaults to 25. */
  pageSize: number;
  /** Defaults to `null`: the adapter's order (name ascending). */
  sort: UserSort | null;
  /** Defaults to `''`. Debounce it in the UI; every value is a request. */
  search: string;
  /** Defaults to `{}`. */
  filter: UserFilter;
}

export interface UseUserListOptions extends ListStateOptions<UserListState> {
  /** Whether to fetch. Defaults to `true`. */
  enabled?: boolean;
}

export interface UseUserListResult extends PagedListResult<User, UserListState> {
  /** Resets to the first page. */
  setSort: (sort: UserSort | null) => void;
  /** Resets to the first page. */
  setFilter: (filter: UserFilter) => void;
}

/**
 * The defaults of {@link UserListState}.
 * @example
 * const [state, setState] = useState(DEFAULT_USER_LIST_STATE);
 * useUserList({ state, onStateChange: setState });
 */
export const DEFAULT_USER_LIST_STATE: UserListState = {
  pageIndex: 0,
  pageSize: DEFAULT_PAGE_SIZE,
  sort: null,
  search: '',
  filter: {},
};

const RESET_KEYS = ['pageSize', 'sort', 'search', 'filter'] as const;

/** The page query's fields the result reads (`usePagedListResult`): nothing else causes a render. */
const LIST_PROPS = ['data', 'error', 'isLoading', 'isFetching', 'isPlaceholderData', 'failureReason', 'failureCount'] as const;

/**
 * The `listUsers` params (and query-key params) for a list state: the page the hook will ask for.
 * @example
 * await prefetchUserAdmin(queryClient, adapter, userListParams({ ...DEFAULT_USER_LIST_STATE, pageSize: 50 }));
 */
export function userListParams(state: UserListState): UsersListParams {
  return {
    pageIndex: state.pageIndex,
    pageSize: state.pageSize,
    ...(state.sort ? { sort: state.sort } : {}),
    ...(state.search.trim() ? { search: state.search.trim() } : {}),
    ...(Object.keys(state.filter).length > 0 ? { filter: state.filter } : {}),
  };
}

/**
 * The users list: one page, with paging, sort, search and filter. Uncontrolled by default
 * (`defaultState`); pass `state` + `onStateChange` to own any part of it. Changing sort, search,
 * filter or page size goes back to the first page. While a new page loads, the previous one stays
 * (`isPlaceholderData`), so the table does not flash empty.
 *
 * @example
 * const list = useUserList({ defaultState: { filter: { status: ['active'] } } });
 * list.items.map((user) => <Row key={user.id} user={user} />);
 * <Pager page={list.state.pageIndex} pageCount={list.pageCount} onChange={list.setPageIndex} />
 */
export function useUserList(options: UseUserListOptions = {}): UseUserListResult {
  return useUserListLanding(options, undefined);
}

/**
 * Internal (not in the entries): {@link useUserList} whose page reaches React in the same commit
 * as the other queries of `landing` (`useUserTable`'s view counts).
 * @example
 * const landing = useLandTogether(queryClient);
 * const list = useUserListLanding(options, landing);
 */
export function useUserListLanding(options: UseUserListOptions, landing: LandTogether | undefined): UseUserListResult {
  const { adapter } = useUserAdminContext('useUserList');
  const { state, update } = useListState(DEFAULT_USER_LIST_STATE, options, RESET_KEYS);
  const params = userListParams(state);
  const queryOptions = usersListQueryOptions(adapter, params);

  const query = useQuery({
    ...queryOptions,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    // In useUserTable, the page lands in the same commit as the counts asked with it.
    ...(landing ? { notifyOnChangeProps: landing.member('list', [queryOptions.queryKey], LIST_PROPS)(0) } : {}),
  });

  const setters = useMemo(
    () => ({
      setPageIndex: (pageIndex: number) => update({ pageIndex }),
      setPageSize: (pageSize: number) => update({ pageSize }),
      setSort: (sort: UserSort | null) => update({ sort }),
      setSearch: (search: string) => update({ search }),
      setFilter: (filter: UserFilter) => update({ filter }),
    }),
    [update],
  );
  return { ...usePagedListResult(query, state), ...setters };
}
