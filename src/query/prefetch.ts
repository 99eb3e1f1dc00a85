import type { QueryClient } from '@tanstack/react-query';
import { getAdapterCapabilities, type UserAdminAdapter } from '../contract/types';
import type { UsersListParams } from './keys';
import {
  DEFAULT_PAGE_SIZE,
  modulesQueryOptions,
  rolesQueryOptions,
  settingsQueryOptions,
  USER_COUNT_VIEWS,
  userCountsQueryOptions,
  userCountViewQueryOptions,
  usersListQueryOptions,
} from './options';

/**
 * Starts every request of the first screen at once (settings, roles, modules, the first users
 * page, the counts) and resolves when all have settled. It never rejects: a failed query is
 * cached as an error and the hook shows it. Pass the same list params the screen's `useUserList`
 * starts with (defaults to page 0 of 25, no sort, search or filter), so the hook finds the page
 * in the cache.
 *
 * @example
 * const queryClient = createUserAdminQueryClient();
 * void prefetchUserAdmin(queryClient, adapter); // in a route loader
 */
export async function prefetchUserAdmin(
  queryClient: QueryClient,
  adapter: UserAdminAdapter,
  params: UsersListParams = { pageIndex: 0, pageSize: DEFAULT_PAGE_SIZE },
): Promise<void> {
  const { status: _status, kind: _kind, ...countFilter } = params.filter ?? {};
  const countParams = {
    ...(params.search ? { search: params.search } : {}),
    ...(Object.keys(countFilter).length > 0 ? { filter: countFilter } : {}),
  };
  const counts = getAdapterCapabilities(adapter).userCounts
    ? [queryClient.prefetchQuery(userCountsQueryOptions(adapter, countParams))]
    : USER_COUNT_VIEWS.map((view) => queryClient.prefetchQuery(userCountViewQueryOptions(adapter, countParams, view)));
  await Promise.all([
    queryClient.prefetchQuery(settingsQueryOptions(adapter)),
    queryClient.prefetchQuery(rolesQueryOptions(adapter)),
    queryClient.prefetchQuery(modulesQueryOptions(adapter)),
    queryClient.prefetchQuery(usersListQueryOptions(adapter, params)),
    ...counts,
  ]);
}
