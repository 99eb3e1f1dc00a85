import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Internal: writes into every cached query under `queryKey` (as `setQueriesData`; `exact` for one
 * query) while keeping a refresh that was due. TanStack counts `setQueryData` as fresh data: it
 * clears a query's invalidated mark, and a refetch cancelled afterwards (the admin pages away)
 * reverts to the written data, so a list waiting for new rows (an invitation just sent) would keep
 * its old ones for good. Here a query that was being fetched is fetched again (its answer may
 * predate this write), and one that was only marked invalidated stays marked (it refetches when
 * next shown). The updater returns the data as it was to leave a query untouched.
 */
export function writeQueries<T>(
  queryClient: QueryClient,
  filter: { queryKey: QueryKey; exact?: boolean },
  update: (data: T | undefined) => T | undefined,
): void {
  const cache = queryClient.getQueryCache();
  for (const query of cache.findAll(filter)) {
    const before = query.state.data as T | undefined;
    const next = update(before);
    if (next === before) continue;
    const fetching = query.state.fetchStatus === 'fetching';
    const due = query.state.isInvalidated;
    queryClient.setQueryData<T>(query.queryKey, next);
    if (fetching) void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    else if (due) query.invalidate();
  }
}
