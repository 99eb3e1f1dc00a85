import type { InvitationStatus, ListUsersParams, UserFilter } from '../contract/types';

/** The params of a users-list query, as they appear in its key (no signal). */
export type UsersListParams = Omit<ListUsersParams, 'signal'>;

/** The params of a counts query: the list's search and filter (its status and kind are the views). */
export interface UserCountsParams {
  search?: string;
  filter?: Omit<UserFilter, 'status' | 'kind'>;
}

/** The params of an invitations-list query, as they appear in its key. */
export interface InvitationsListParams {
  pageIndex: number;
  pageSize: number;
  search?: string;
  status?: InvitationStatus;
}

/** The params of an entity query (always infinite: pages are appended). */
export interface EntitiesListParams {
  search?: string;
  /** `null` for the roots; an id for that node's children; omitted for no parent filter. */
  parentId?: string | null;
  pageSize: number;
}

const ROOT = ['user-admin'] as const;
const USERS = [...ROOT, 'users'] as const;
const INVITATIONS = [...ROOT, 'invitations'] as const;
const ENTITIES = [...ROOT, 'entities'] as const;

/**
 * The one query-key factory of the library. Every key starts with `['user-admin']`, so a host
 * can invalidate everything with `queryClient.invalidateQueries({ queryKey: userAdminKeys.all })`,
 * and mutations invalidate by prefix (`userAdminKeys.users.lists()` matches every list page).
 *
 * `entities.list(...)` keys hold infinite-query data (`{ pages, pageParams }`).
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
 * queryClient.getQueryData(userAdminKeys.users.detail('u1'));
 */
export const userAdminKeys = {
  all: ROOT,
  settings: () => [...ROOT, 'settings'] as const,
  users: {
    all: USERS,
    lists: () => [...USERS, 'list'] as const,
    list: (params: UsersListParams) => [...USERS, 'list', params] as const,
    /** Prefix of every counts query. */
    allCounts: () => [...USERS, 'counts'] as const,
    counts: (params: UserCountsParams) => [...USERS, 'counts', params] as const,
    details: () => [...USERS, 'detail'] as const,
    detail: (id: string) => [...USERS, 'detail', id] as const,
    diagnostics: (id: string) => [...USERS, 'diagnostics', id] as const,
  },
  invitations: {
    all: INVITATIONS,
    lists: () => [...INVITATIONS, 'list'] as const,
    list: (params: InvitationsListParams) => [...INVITATIONS, 'list', params] as const,
  },
  roles: () => [...ROOT, 'roles'] as const,
  modules: () => [...ROOT, 'modules'] as const,
  entities: {
    all: ENTITIES,
    list: (params: EntitiesListParams) => [...ENTITIES, 'list', params] as const,
    /** The ids are sorted, so `['b', 'a']` and `['a', 'b']` share one cache entry. */
    byIds: (ids: readonly string[]) => [...ENTITIES, 'by-ids', [...ids].sort()] as const,
  },
} as const;
