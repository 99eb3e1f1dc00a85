import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type {
  AccessDiagnostics,
  Entity,
  Invitation,
  Module,
  Page,
  Role,
  Settings,
  User,
  UserAdminAdapter,
  UserCounts,
} from '../contract/types';
import {
  userAdminKeys,
  type EntitiesListParams,
  type InvitationsListParams,
  type UserCountsParams,
  type UsersListParams,
} from './keys';
import { MAX_PAGE_SIZE } from '../core';
import { callAdapter } from './normalize';
import { userAdminRetryDelay } from './retry';

/**
 * The page size of the users and invitations lists when none is given.
 * @example
 * usersListQueryOptions(adapter, { pageIndex: 0, pageSize: DEFAULT_PAGE_SIZE });
 */
export const DEFAULT_PAGE_SIZE = 25;

/**
 * The organisation settings query. Every `...QueryOptions` helper passes the query's `signal`
 * to the adapter, so a cancelled query aborts its request.
 * @example
 * await queryClient.prefetchQuery(settingsQueryOptions(adapter));
 */
export function settingsQueryOptions(adapter: UserAdminAdapter) {
  return queryOptions<Settings, UserAdminError>({
    queryKey: userAdminKeys.settings(),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) => callAdapter(() => adapter.getSettings({ signal })),
  });
}

/**
 * One page of users.
 * @example
 * await queryClient.prefetchQuery(usersListQueryOptions(adapter, { pageIndex: 0, pageSize: 25 }));
 */
export function usersListQueryOptions(adapter: UserAdminAdapter, params: UsersListParams) {
  return queryOptions<Page<User>, UserAdminError>({
    queryKey: userAdminKeys.users.list(params),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) => callAdapter(() => adapter.listUsers({ ...params, signal })),
  });
}

/**
 * One user by id.
 * @example
 * const user = await queryClient.fetchQuery(userQueryOptions(adapter, 'u1'));
 */
export function userQueryOptions(adapter: UserAdminAdapter, id: string) {
  return queryOptions<User, UserAdminError>({
    queryKey: userAdminKeys.users.detail(id),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) => callAdapter(() => adapter.getUser({ id, signal })),
  });
}

/** The views of the users list that have a count. */
export type UserCountView = keyof UserCounts;

/**
 * The users-list filter that selects one counts view, on top of the list's own filter.
 * @example
 * countViewFilter('invited', { roleIds: ['r1'] }); // { roleIds: ['r1'], kind: 'login', status: ['invited'] }
 */
export function countViewFilter(view: UserCountView, filter: UserCountsParams['filter']) {
  const base = { ...filter };
  switch (view) {
    case 'active':
    case 'invited':
    case 'deactivated':
      return { ...base, kind: 'login' as const, status: [view] };
    case 'contacts':
      return { ...base, kind: 'contact' as const };
    case 'all':
      return base;
  }
}

/**
 * The five views, in the order of {@link UserCounts}.
 * @example
 * USER_COUNT_VIEWS.map((view) => <Tab key={view}>{counts?.[view]}</Tab>);
 */
export const USER_COUNT_VIEWS: readonly UserCountView[] = ['active', 'invited', 'deactivated', 'contacts', 'all'];

/**
 * The counts of the list's views through `adapter.getUserCounts`. Throws when the adapter lacks
 * it: use {@link userCountViewQueryOptions} per view instead (what `useUserCounts` does).
 * @example
 * if (adapter.getUserCounts) await queryClient.prefetchQuery(userCountsQueryOptions(adapter, { search: 'ann' }));
 */
export function userCountsQueryOptions(adapter: UserAdminAdapter, params: UserCountsParams) {
  return queryOptions<UserCounts, UserAdminError>({
    queryKey: userAdminKeys.users.counts(params),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) =>
      callAdapter(() => {
        if (!adapter.getUserCounts) throw new Error('The adapter has no getUserCounts; use userCountViewQueryOptions.');
        return adapter.getUserCounts({ ...params, signal });
      }),
  });
}

/**
 * The count of one view without `getUserCounts`: `listUsers` with `pageSize: 1`, read as its total.
 * @example
 * await queryClient.prefetchQuery(userCountViewQueryOptions(adapter, {}, 'invited'));
 */
export function userCountViewQueryOptions(adapter: UserAdminAdapter, params: UserCountsParams, view: UserCountView) {
  return queryOptions<number, UserAdminError>({
    queryKey: [...userAdminKeys.users.counts(params), view] as const,
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) =>
      callAdapter(async () => {
        const page = await adapter.listUsers({
          pageIndex: 0,
          pageSize: 1,
          ...(params.search ? { search: params.search } : {}),
          filter: countViewFilter(view, params.filter),
          signal,
        });
        return page.total;
      }),
  });
}

/**
 * A user's recent sign-in failures. Throws when the adapter lacks `getAccessDiagnostics`.
 * @example
 * const diagnostics = await queryClient.fetchQuery(accessDiagnosticsQueryOptions(adapter, 'u1'));
 */
export function accessDiagnosticsQueryOptions(adapter: UserAdminAdapter, userId: string) {
  return queryOptions<AccessDiagnostics, UserAdminError>({
    queryKey: userAdminKeys.users.diagnostics(userId),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) =>
      callAdapter(() => {
        if (!adapter.getAccessDiagnostics) throw new Error('The adapter has no getAccessDiagnostics.');
        return adapter.getAccessDiagnostics({ userId, signal });
      }),
  });
}

/**
 * All roles.
 * @example
 * await queryClient.prefetchQuery(rolesQueryOptions(adapter));
 */
export function rolesQueryOptions(adapter: UserAdminAdapter) {
  return queryOptions<Role[], UserAdminError>({
    queryKey: userAdminKeys.roles(),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) => callAdapter(() => adapter.listRoles({ signal })),
  });
}

/**
 * All modules.
 * @example
 * await queryClient.prefetchQuery(modulesQueryOptions(adapter));
 */
export function modulesQueryOptions(adapter: UserAdminAdapter) {
  return queryOptions<Module[], UserAdminError>({
    queryKey: userAdminKeys.modules(),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) => callAdapter(() => adapter.listModules({ signal })),
  });
}

/**
 * One page of invitations.
 * @example
 * await queryClient.prefetchQuery(invitationsListQueryOptions(adapter, { pageIndex: 0, pageSize: 25 }));
 */
export function invitationsListQueryOptions(adapter: UserAdminAdapter, params: InvitationsListParams) {
  return queryOptions<Page<Invitation>, UserAdminError>({
    queryKey: userAdminKeys.invitations.list(params),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) => callAdapter(() => adapter.listInvitations({ ...params, signal })),
  });
}

/**
 * Entities of the hierarchy, page after page (an infinite query): a search, or a node's children.
 * @example
 * await queryClient.prefetchInfiniteQuery(entitiesQueryOptions(adapter, { parentId: null, pageSize: 50 }));
 */
export function entitiesQueryOptions(adapter: UserAdminAdapter, params: EntitiesListParams) {
  return infiniteQueryOptions({
    queryKey: userAdminKeys.entities.list(params),
    retryDelay: userAdminRetryDelay,
    initialPageParam: 0,
    queryFn: ({ signal, pageParam }): Promise<Page<Entity>> =>
      callAdapter(() => adapter.listEntities({ ...params, pageIndex: pageParam, signal })),
    getNextPageParam: (lastPage: Page<Entity>, allPages: Page<Entity>[], lastPageParam: number) => {
      const loaded = allPages.reduce((sum, page) => sum + page.items.length, 0);
      return loaded < lastPage.total && lastPage.items.length > 0 ? lastPageParam + 1 : undefined;
    },
  });
}

/**
 * Given entities by id, to label a selection. The ids are sorted in the key.
 * @example
 * const entities = await queryClient.fetchQuery(entitiesByIdsQueryOptions(adapter, ['e1', 'e2']));
 */
export function entitiesByIdsQueryOptions(adapter: UserAdminAdapter, ids: readonly string[]) {
  const sorted = [...ids].sort();
  return queryOptions<Entity[], UserAdminError>({
    queryKey: userAdminKeys.entities.byIds(sorted),
    retryDelay: userAdminRetryDelay,
    queryFn: ({ signal }) =>
      callAdapter(async () => {
        if (sorted.length === 0) return [];
        // One request per MAX_PAGE_SIZE ids: a backend refuses a larger page.
        const chunks: string[][] = [];
        for (let i = 0; i < sorted.length; i += MAX_PAGE_SIZE) chunks.push(sorted.slice(i, i + MAX_PAGE_SIZE));
        const pages = await Promise.all(chunks.map((ids) => adapter.listEntities({ ids, pageIndex: 0, pageSize: ids.length, signal })));
        return pages.flatMap((page) => page.items);
      }),
  });
}
