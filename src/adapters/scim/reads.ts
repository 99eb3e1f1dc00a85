/**
 * The SCIM adapter's reads: the provider's capabilities, the role groups and the current user's
 * id (read once and shared), users by id, by query (the query plan, else every matching page
 * queried in memory), by userName and by invitation id.
 */
import type { AdminScope, ListUsersParams, Page, Role, User } from '../../contract/types';
import { UserAdminError, isUserAdminError, throwIfAborted } from '../../contract/errors';
import { queryUsers } from '../shared';
import {
  SCIM_USER_EXTENSION,
  capabilitiesOf,
  scimString,
  type ScimGroup,
  type ScimListResponse,
  type ScimServiceProviderConfig,
  type ScimUser,
} from './protocol';
import { adminScopeFromScim, roleFromGroup, userFromScim } from './mapping';
import { resolve, type ScimAdapterOptions, type ScimSsoSettings } from './options';
import { sharedRead, type ScimRequest } from './transport';
import { ALL_OPERATORS, SORT_ATTRIBUTE, createQueryPlan, filterShape } from './query-plan';
import { checkPaging } from '../shared/input';

const X = SCIM_USER_EXTENSION;

/** What the reads are built on. */
export interface ReadDeps {
  options: ScimAdapterOptions;
  request: ScimRequest;
  /** The adapter's clock (ms). */
  now: () => number;
  ancestorsOf: (entityId: string) => string[];
}

/**
 * The reads of one adapter.
 * @example
 * const reads = createReads({ options, request, now: Date.now, ancestorsOf });
 * const user = await reads.toUser(await reads.getScimUser('user-1'));
 */
export function createReads({ options, request, now, ancestorsOf }: ReadDeps) {
  /**
   * The shapes of the filters the provider refused (filterShape: attributes and operators, each
   * value by its class). A filter of one of these shapes is answered in memory; any other still
   * goes to the provider, so one odd search does not make every later list read the whole directory.
   */
  const refusedShapes = new Set<string>();
  const filterRefused = (filter: string) => refusedShapes.has(filterShape(filter));
  /** Whether a request with this filter was refused for it (a 400 from the provider). */
  const refusedFilter = (e: unknown, filter: string | undefined): filter is string =>
    filter !== undefined && isUserAdminError(e) && e.code === 'validation' && e.status === 400 && !filterRefused(filter);
  const operators = new Set((options.filterOperators ?? ALL_OPERATORS).map((o) => o.toLowerCase()));
  const { can, plan } = createQueryPlan({ operators, ancestorsOf, filterRefused });

  /** Every user matching `filter`, or, when the provider refuses that filter (now or before), everyone. */
  async function fetchFiltered(filter: string | undefined, signal?: AbortSignal): Promise<ScimUser[]> {
    if (filter === undefined || filterRefused(filter)) return fetchAll(undefined, signal);
    try {
      return await fetchAll(filter, signal);
    } catch (e) {
      if (!refusedFilter(e, filter)) throw e;
      refusedShapes.add(filterShape(filter));
      return fetchAll(undefined, signal);
    }
  }

  /** The provider's capabilities, read once (a failed read is retried next time). */
  const provider = sharedRead(
    async (signal) => capabilitiesOf(await request<ScimServiceProviderConfig>({ path: '/ServiceProviderConfig', signal })),
    options.serviceProviderConfig ? capabilitiesOf(options.serviceProviderConfig) : undefined,
  );

  /** Every role group, without any caller's signal (the read is shared). */
  async function fetchRoles(signal: AbortSignal): Promise<Role[]> {
    const caps = await provider(signal);
    const groups: ScimGroup[] = [];
    for (let startIndex = 1; startIndex < 100_000; ) {
      const page = await request<ScimListResponse<ScimGroup>>({ path: '/Groups', query: { startIndex, count: caps.maxResults, excludedAttributes: 'members' }, signal });
      const items = page.Resources ?? [];
      groups.push(...items);
      startIndex += items.length;
      if (items.length === 0 || startIndex > page.totalResults) break;
    }
    return groups.map(roleFromGroup).filter((r): r is Role => r !== null);
  }
  /** The roles, read once and shared; `fresh` reads them again (listRoles). */
  const roles = sharedRead(fetchRoles);
  const roleMap = async (signal?: AbortSignal) => new Map((await roles(signal)).map((r) => [r.id, r]));

  /** The current administrator's id (the option, else `/Me`, read once and shared). */
  const currentUserId = sharedRead(async (signal) => (await request<ScimUser>({ path: '/Me', signal })).id, options.currentUserId || undefined);

  /**
   * The admin scope the current administrator's entity tree is cut to: the extension's
   * `adminScope` of their resource; `null` for every entity (`all`, or none recorded). Read from
   * the resource alone (no role lookup), so browsing the tree costs one request.
   */
  async function viewerScope(signal?: AbortSignal): Promise<AdminScope | null> {
    const values = (await getScimUser(await currentUserId(signal), signal))[X]?.adminScope;
    const scope = values === undefined ? null : adminScopeFromScim(values);
    return scope?.type === 'entities' ? scope : null;
  }

  async function ssoSettings(): Promise<ScimSsoSettings> {
    return options.sso === undefined ? { enforced: false, providerName: null } : await resolve(options.sso);
  }

  async function getScimUser(id: string, signal?: AbortSignal): Promise<ScimUser> {
    return request<ScimUser>({ path: `/Users/${encodeURIComponent(id)}`, signal });
  }

  async function toUser(r: ScimUser, signal?: AbortSignal): Promise<User> {
    return userFromScim(r, await roleMap(signal), now());
  }

  /** Every user matching a server filter (or everyone), page by page at the provider's maxResults. */
  async function fetchAll(filter: string | undefined, signal?: AbortSignal): Promise<ScimUser[]> {
    const caps = await provider(signal);
    const out: ScimUser[] = [];
    for (let startIndex = 1; startIndex < 10_000_000; ) {
      const page = await request<ScimListResponse<ScimUser>>({ path: '/Users', query: { filter, startIndex, count: caps.maxResults }, signal });
      const items = page.Resources ?? [];
      out.push(...items);
      startIndex += items.length;
      if (items.length === 0 || startIndex > page.totalResults) break;
    }
    return out;
  }

  async function listUsers(params: ListUsersParams): Promise<Page<User>> {
    const { signal, pageIndex, pageSize } = params;
    throwIfAborted(signal);
    checkPaging(pageIndex, pageSize); // at most MAX_PAGE_SIZE rows (`pageSize: too_long`)
    const caps = await provider(signal);
    const sort = params.sort ?? { field: 'name', direction: 'asc' };
    const sortBy = caps.sort ? SORT_ATTRIBUTE[sort.field] : undefined;
    const server = plan(params, caps, true);
    /** The filter of the request in flight (the one a 400 refuses). */
    let sending = server.filter;
    try {
      if (!server.residual && sortBy && pageSize <= caps.maxResults) {
        const page = await request<ScimListResponse<ScimUser>>({
          path: '/Users',
          query: { filter: server.filter, sortBy, sortOrder: sort.direction === 'asc' ? 'ascending' : 'descending', startIndex: pageIndex * pageSize + 1, count: pageSize },
          signal,
        });
        const map = await roleMap(signal);
        return { items: (page.Resources ?? []).slice(0, pageSize).map((r) => userFromScim(r, map, now())), total: page.totalResults };
      }
      // In memory: the exact parts narrow the fetch; search (accent-insensitive here) stays in memory.
      const narrow = plan({ filter: params.filter }, caps, false);
      sending = narrow.filter;
      const all = await fetchAll(narrow.filter, signal);
      const map = await roleMap(signal);
      return queryUsers(all.map((r) => userFromScim(r, map, now())), params, { roles: [...map.values()], ancestorsOf });
    } catch (e) {
      if (refusedFilter(e, sending)) {
        // The provider refused this filter: this list and later ones of the same shape are answered in memory.
        refusedShapes.add(filterShape(sending));
        return listUsers(params);
      }
      throw e;
    }
  }

  /** Users whose userName is one of these (lower-cased keys). */
  async function usersByUserName(emails: string[], signal?: AbortSignal): Promise<Map<string, ScimUser>> {
    const caps = await provider(signal);
    const found = new Map<string, ScimUser>();
    const wanted = new Set(emails.map((e) => e.toLowerCase()));
    if (wanted.size === 0) return found;
    const keep = (list: ScimUser[]) => {
      for (const u of list) if (wanted.has(u.userName.toLowerCase())) found.set(u.userName.toLowerCase(), u);
    };
    if (caps.filter && can('eq')) {
      const list = [...wanted];
      for (let i = 0; i < list.length; i += 20) {
        const chunk = list.slice(i, i + 20);
        keep(await fetchFiltered(chunk.map((e) => `userName eq ${scimString(e)}`).join(' or '), signal));
      }
    } else {
      keep(await fetchAll(undefined, signal));
    }
    return found;
  }

  async function userByInvitationId(id: string, signal?: AbortSignal): Promise<ScimUser> {
    const caps = await provider(signal);
    const list = await fetchFiltered(caps.filter && can('eq') ? `${X}:invitation.id eq ${scimString(id)}` : undefined, signal);
    const hit = list.find((u) => u[X]?.invitation?.id === id);
    if (!hit) throw new UserAdminError('not_found', `No invitation ${id}`, { status: 404 });
    return hit;
  }

  async function invitedUsers(signal?: AbortSignal): Promise<{ user: User; r: ScimUser }[]> {
    const caps = await provider(signal);
    const list = await fetchFiltered(caps.filter && can('pr') ? `${X}:invitation pr` : undefined, signal);
    const map = await roleMap(signal);
    return list.filter((r) => r[X]?.invitation && r[X]?.kind !== 'contact').map((r) => ({ r, user: userFromScim(r, map, now()) }));
  }

  return { provider, roles, roleMap, currentUserId, viewerScope, ssoSettings, getScimUser, toUser, fetchAll, listUsers, usersByUserName, userByInvitationId, invitedUsers, can };
}

/** The reads of one adapter. */
export type ScimReads = ReturnType<typeof createReads>;
