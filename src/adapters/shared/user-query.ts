/**
 * Search, filter, sort and paging of users in memory, with the reference store's semantics, for
 * adapters whose backend cannot answer a query itself (better-auth's single search field, a SCIM
 * provider without `sort`). Fetch what the backend can give, then ask this for the page.
 */
import type { ListUsersParams, Page, Role, SortDirection, User, UserFilter, UserSortField, UserStatus } from '../../contract/types';
import { UserAdminError } from '../../contract/errors';
import { foldText } from './text';

const STATUS_RANK: Record<UserStatus, number> = { active: 0, invited: 1, deactivated: 2 };

/**
 * What {@link queryUsers} needs beyond the users.
 * @example
 * const context: UserQueryContext = { roles: await adapter.listRoles() };
 */
export interface UserQueryContext {
  /** Roles, so the `role` sort follows role names (not ids). Defaults to none: the ids are compared. */
  roles?: readonly Pick<Role, 'id' | 'name'>[];
  /**
   * The ancestors of an entity (nearest first), so a user granted a subtree (`subtreeEntityIds`)
   * matches an entity filter on a descendant. Defaults to none: only direct grants match.
   */
  ancestorsOf?: (entityId: string) => readonly string[];
}

interface Keyed {
  user: User;
  hay: string;
  key: string | number | null;
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The text a search looks in: both name orders, email, username and the pending email, folded. */
function haystack(u: User): string {
  const first = foldText(u.firstName);
  const last = foldText(u.lastName);
  return `${first} ${last}\n${last} ${first}\n${foldText(u.email)}\n${u.username ? foldText(u.username) : ''}\n${u.pendingEmail ? foldText(u.pendingEmail) : ''}`;
}

function sortKey(u: User, field: UserSortField, roleNames: Map<string, string>): string | number | null {
  switch (field) {
    case 'name': return `${foldText(u.lastName)}\u0001${foldText(u.firstName)}`;
    case 'email': return foldText(u.email);
    case 'status': return STATUS_RANK[u.status];
    case 'role': return u.roleId === null ? null : (roleNames.get(u.roleId) ?? u.roleId);
    case 'lastSignInAt': return u.lastSignInAt === null ? null : Date.parse(u.lastSignInAt);
    case 'createdAt': return Date.parse(u.createdAt);
  }
}

/**
 * Whether a user matches a list filter (every given criterion; within one, any value).
 * @example
 * users.filter((u) => matchesUserFilter(u, { status: ['active'], roleIds: ['admin'] }));
 */
export function matchesUserFilter(user: User, filter: UserFilter | undefined, context: UserQueryContext = {}): boolean {
  if (!filter) return true;
  if (filter.status?.length && !filter.status.includes(user.status)) return false;
  if (filter.kind && user.kind !== filter.kind) return false;
  if (filter.scope && user.scope !== filter.scope) return false;
  if (filter.roleIds?.length && (user.roleId === null || !filter.roleIds.includes(user.roleId))) return false;
  if (filter.entityIds?.length) {
    const wanted = new Set(filter.entityIds);
    if (user.entityIds.some((id) => wanted.has(id))) return true;
    const subtrees = user.subtreeEntityIds ?? [];
    if (subtrees.length === 0 || !context.ancestorsOf) return false;
    const roots = new Set(filter.entityIds.flatMap((id) => [id, ...context.ancestorsOf!(id)]));
    return subtrees.some((id) => roots.has(id));
  }
  return true;
}

/**
 * Whether a user matches a search: every folded character sequence of the query inside the user's
 * first and last name (either order), email, username or pending email; case and accents ignored.
 * @example
 * matchesUserSearch(user, 'jose'); // true for José García
 */
export function matchesUserSearch(user: User, search: string | undefined): boolean {
  const q = search ? foldText(search.trim()) : '';
  return q === '' || haystack(user).includes(q);
}

/**
 * One page of `users` for a `listUsers` query, as the reference store answers it: search, filter,
 * sort (ties by id in the sort's direction; users without a value last, by id), then the page and
 * the total over all pages. Throws a `validation` UserAdminError for a negative page index or a
 * page size below 1.
 *
 * @example
 * const all = await fetchEveryUser(signal);              // what the backend can give
 * return queryUsers(all, params, { roles: await roles() });
 */
export function queryUsers(users: readonly User[], params: Omit<ListUsersParams, 'signal'>, context: UserQueryContext = {}): Page<User> {
  const { pageIndex, pageSize } = params;
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || !Number.isInteger(pageSize) || pageSize < 1) {
    throw new UserAdminError('validation', 'Invalid paging', {
      fieldErrors: {
        ...(!Number.isInteger(pageIndex) || pageIndex < 0 ? { pageIndex: 'invalid_format' } : {}),
        ...(!Number.isInteger(pageSize) || pageSize < 1 ? { pageSize: 'invalid_format' } : {}),
      },
    });
  }
  const q = params.search ? foldText(params.search.trim()) : '';
  const sort: { field: UserSortField; direction: SortDirection } = params.sort ?? { field: 'name', direction: 'asc' };
  const roleNames = new Map((context.roles ?? []).map((r) => [r.id, foldText(r.name)]));
  const matching: Keyed[] = [];
  for (const user of users) {
    if (!matchesUserFilter(user, params.filter, context)) continue;
    const hay = q ? haystack(user) : '';
    if (q && !hay.includes(q)) continue;
    matching.push({ user, hay, key: sortKey(user, sort.field, roleNames) });
  }
  const sign = sort.direction === 'asc' ? 1 : -1;
  matching.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key === b.key) return cmp(a.user.id, b.user.id);
      return a.key === null ? 1 : -1;
    }
    return sign * (cmp(a.key, b.key) || cmp(a.user.id, b.user.id));
  });
  const start = pageIndex * pageSize;
  return { items: matching.slice(start, start + pageSize).map((k) => k.user), total: matching.length };
}
