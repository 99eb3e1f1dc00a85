import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { UserAdminError } from '../contract/errors';
import type { UserCounts, UserFilter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import type { UserCountsParams } from '../query/keys';
import type { LandTogether } from '../query/landTogether';
import { USER_COUNT_VIEWS, userCountsQueryOptions, userCountViewQueryOptions } from '../query/options';

export interface UseUserCountsOptions {
  /** The list's search. Defaults to none. */
  search?: string;
  /** The list's filter; its `status` and `kind` are ignored (they are the views). Defaults to none. */
  filter?: UserFilter;
  /** Whether to fetch. Defaults to `true`. */
  enabled?: boolean;
}

export interface UseUserCountsResult {
  /** `undefined` until every count is known. */
  counts: UserCounts | undefined;
  isLoading: boolean;
  isFetching: boolean;
  /** The first failure among the counts requests. */
  error: UserAdminError | null;
  refetch: () => void;
}

/** The counts queries' fields the result reads: nothing else causes a render. */
const COUNTS_PROPS = ['data', 'error', 'isLoading', 'isFetching'] as const;

/**
 * The counts-query params for a list's search and filter (status and kind dropped: they are the views).
 * @example
 * queryClient.getQueryData(userAdminKeys.users.counts(userCountsParams(state.search, state.filter)));
 */
export function userCountsParams(search: string | undefined, filter: UserFilter | undefined): UserCountsParams {
  const { status: _status, kind: _kind, ...rest } = filter ?? {};
  const trimmed = search?.trim();
  return {
    ...(trimmed ? { search: trimmed } : {}),
    ...(Object.keys(rest).length > 0 ? { filter: rest } : {}),
  };
}

/**
 * Counts of the list's views (active, invited, deactivated, contacts, all) for its search and filter.
 * Uses `adapter.getUserCounts` when the adapter has it, else asks `listUsers` with `pageSize: 1`
 * per view, the five requests in parallel. While new counts load, the previous ones stay.
 *
 * @example
 * const { counts } = useUserCounts({ search: list.state.search, filter: list.state.filter });
 * <Tab>{counts?.invited ?? '…'}</Tab>
 */
export function useUserCounts(options: UseUserCountsOptions = {}): UseUserCountsResult {
  return useUserCountsLanding(options, undefined);
}

/**
 * Internal (not in the entries): {@link useUserCounts} whose counts reach React in the same commit
 * as the other queries of `landing` (`useUserTable`'s page).
 * @example
 * const counts = useUserCountsLanding({ search: state.search, filter: state.filter }, landing);
 */
export function useUserCountsLanding(options: UseUserCountsOptions, landing: LandTogether | undefined): UseUserCountsResult {
  const { adapter, capabilities } = useUserAdminContext('useUserCounts');
  const params = userCountsParams(options.search, options.filter);
  const enabled = options.enabled ?? true;
  const direct = capabilities.userCounts;

  const singleOptions = userCountsQueryOptions(adapter, params);
  const viewOptions = direct ? [] : USER_COUNT_VIEWS.map((view) => userCountViewQueryOptions(adapter, params, view));
  // In useUserTable, the counts land in the same commit as the page asked with them.
  const notify = landing
    ? landing.member('counts', direct ? [singleOptions.queryKey] : viewOptions.map((o) => o.queryKey), COUNTS_PROPS)
    : undefined;
  const single = useQuery({
    ...singleOptions,
    placeholderData: keepPreviousData,
    enabled: enabled && direct,
    ...(notify && direct ? { notifyOnChangeProps: notify(0) } : {}),
  });
  const views = useQueries({
    queries: viewOptions.map((viewQuery, index) => ({
      ...viewQuery,
      placeholderData: keepPreviousData,
      enabled,
      ...(notify ? { notifyOnChangeProps: notify(index) } : {}),
    })),
  });

  const refetchSingle = single.refetch;
  const refetch = useCallback(() => {
    if (direct) void refetchSingle();
    else for (const view of views) void view.refetch();
  }, [direct, refetchSingle, views]);

  if (direct) {
    return {
      counts: single.data,
      isLoading: single.isLoading,
      isFetching: single.isFetching,
      error: single.error,
      refetch,
    };
  }
  const totals = views.map((view) => view.data);
  const known = totals.every((total) => total !== undefined);
  return {
    counts: known
      ? (Object.fromEntries(USER_COUNT_VIEWS.map((view, i) => [view, totals[i]])) as unknown as UserCounts)
      : undefined,
    isLoading: views.some((view) => view.isLoading),
    isFetching: views.some((view) => view.isFetching),
    error: views.find((view) => view.error)?.error ?? null,
    refetch,
  };
}
