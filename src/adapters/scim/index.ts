/**
 * `user-admin-kit/adapters/scim`: a {@link UserAdminAdapter} over a SCIM 2.0 service provider
 * (RFC 7643 / 7644) carrying the user-admin extension schemas (docs/adapters/scim.md). Plain
 * `fetch`, no dependency on any SCIM package.
 *
 * Query plan: the adapter reads `/ServiceProviderConfig` once and sends what the provider can do
 * as a SCIM `filter`, `sortBy` and `startIndex`/`count`; anything else (sort by status, role or
 * last sign-in, multi-word or accent-insensitive search, filters on operators the provider lacks)
 * is answered by fetching every matching page and querying in memory with the reference semantics.
 */
import type {
  AdminScope,
  BulkItemResult,
  BulkResult,
  CreateUserInput,
  CreateUserResult,
  Entity,
  Invitation,
  InviteFailure,
  InviteSkipReason,
  InviteUsersResult,
  ListEntitiesParams,
  ListUsersParams,
  Module,
  ModulePermissions,
  Page,
  Role,
  Settings,
  UpdateUserResult,
  User,
  UserAdminAdapter,
  UserFilter,
  UserPatch,
} from '../../adapter/types';
import { UserAdminError, isAbortError, isUserAdminError, throwIfAborted, type FieldErrors } from '../../adapter/errors';
import { sendRequest } from '../shared/http';
import { withUndo } from '../shared/undo';
import { isValidEmail } from '../../adapter/schemas';
import {
  actorOf,
  ancestryFromParents,
  checkAccessChange,
  checkActOnUser,
  checkAdminOnlyModules,
  checkGrant,
  classifyInvitee,
  clearAdminOnly,
  defaultAdminScope,
  emailChangeOutcome,
  emailDomain,
  enforce,
  entityInScope,
  isActiveAdminUser,
  reactivationOutcome,
  scopeRoots,
  screenInvitees,
  ssoRefusal,
  type RuleContext,
  type UserAction,
} from '../../core';
import { foldText, isCommonDisposableEmail, type DisposableEmailCheck, matchesUserSearch, queryUsers } from '../shared';
import { mapWithConcurrency } from '../../query/concurrency';
import {
  SCIM_BULK_REQUEST,
  SCIM_GROUP_SCHEMA,
  SCIM_PATCH_OP,
  SCIM_USER_EXTENSION,
  SCIM_USER_SCHEMA,
  capabilitiesOf,
  errorFromScim,
  scimString,
  type ProviderCapabilities,
  type ScimGroup,
  type ScimListResponse,
  type ScimServiceProviderConfig,
  type ScimUser,
  type ScimUserExtension,
} from './protocol';
import { adminScopeFromScim, adminScopeToScim, invitationOf, permissionsToScim, roleFromGroup, userFromScim, writableUser } from './mapping';

export { SCIM_USER_EXTENSION, SCIM_GROUP_EXTENSION, capabilitiesOf, type ScimServiceProviderConfig, type ProviderCapabilities } from './protocol';

const DAY = 24 * 60 * 60 * 1000;
const ALL_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le', 'pr'];
/** Most OR-terms the adapter puts in one filter before answering part of a query in memory. */
const MAX_FILTER_TERMS = 48;

/**
 * A value, or a function giving it (called at each use, so a host can toggle it).
 * @example
 * const sso: ValueOrGetter<ScimSsoSettings> = () => ({ enforced: flags.sso, providerName: 'Okta' });
 */
export type ValueOrGetter<T> = T | (() => T | Promise<T>);

/**
 * The SSO settings the adapter reports (SCIM has none).
 * @example
 * const sso: ScimSsoSettings = { enforced: true, providerName: 'Okta' };
 */
export type ScimSsoSettings = Settings['sso'];

/**
 * Options of {@link createScimAdapter}.
 * @example
 * const options: ScimAdapterOptions = {
 *   baseUrl: 'https://idp.example.com/scim/v2',
 *   token: () => auth.getScimToken(),
 *   modules, entities,
 * };
 */
export interface ScimAdapterOptions {
  /** The SCIM base URL, without a trailing slash (`https://example.com/scim/v2`). */
  baseUrl: string;
  /** The bearer token, or a function returning it before each request. Defaults to none (use `headers`). */
  token?: ValueOrGetter<string>;
  /** Extra headers for every request. Defaults to none. */
  headers?: ValueOrGetter<Record<string, string>>;
  /** The fetch to use. Defaults to `globalThis.fetch`, read at each call. */
  fetch?: typeof globalThis.fetch;
  /** Modules (not SCIM resources): what permissions are granted on. */
  modules: Module[];
  /** The entity hierarchy (not SCIM resources). Defaults to none; give this or `listEntities`. */
  entities?: Entity[];
  /** Serves `listEntities` from the host instead of `entities`. Defaults to an in-memory query over `entities`. */
  listEntities?: (params: ListEntitiesParams) => Promise<Page<Entity>>;
  /** The current administrator's user id. Defaults to the id `/Me` gives. */
  currentUserId?: string;
  /** SSO settings. Defaults to `{ enforced: false, providerName: null }`. */
  sso?: ValueOrGetter<ScimSsoSettings>;
  /** Invitation validity in days. Defaults to 7. */
  invitationTtlDays?: number;
  /** Whether contacts (users with extension `kind: contact`) are offered. Defaults to `true`. */
  contacts?: boolean;
  /** When set, only these email domains can be given to login users or invited. Defaults to any domain. */
  allowedDomains?: string[];
  /**
   * How an address is found disposable: such an address is skipped by `inviteUsers` (`disposable`)
   * and refused for a new login user (`createUser`) or a login user's new email (`validation`,
   * `fieldErrors.email: 'not_allowed'`); contacts are not checked. Defaults to
   * {@link isCommonDisposableEmail}: a bundled list of 212 widely used providers. Pass
   * `isDisposableEmail` from `user-admin-kit/disposable-domains` for the complete list (672.5 KB
   * gzip, loaded on first use), your own check (for example a call to your server), or
   * `() => false` to accept every domain.
   */
  isDisposableEmail?: DisposableEmailCheck;
  /** Whether there are several entities. Defaults to `entities.length > 1` (true with `listEntities`). */
  multiEntity?: boolean;
  /** The clock invitation expiry is read against, in ms. Defaults to `Date.now`. */
  now?: () => number;
  /** Invitations sent at once when the provider has no `/Bulk`. Defaults to 4. */
  inviteConcurrency?: number;
  /** Filter operators the provider accepts (SCIM cannot say). Defaults to every RFC 7644 operator. */
  filterOperators?: string[];
  /**
   * The provider's `/ServiceProviderConfig`, when already known: it decides whether the optional
   * bulk methods exist. Defaults to none: they are left out, unless {@link connectScimAdapter} fetched it.
   */
  serviceProviderConfig?: ScimServiceProviderConfig;
}

interface Req {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

type Part = string[][];

const resolve = async <T>(v: ValueOrGetter<T>): Promise<T> => (typeof v === 'function' ? await (v as () => T | Promise<T>)() : v);
const conflict = (message: string, reason: UserAdminError['reason'], fieldErrors?: FieldErrors) =>
  new UserAdminError('conflict', message, { reason, ...(fieldErrors ? { fieldErrors } : {}) });
const invalid = (message: string, fieldErrors: FieldErrors, reason?: UserAdminError['reason']) =>
  new UserAdminError('validation', message, { fieldErrors, ...(reason ? { reason } : {}) });
const X = SCIM_USER_EXTENSION;

/** An address inviteUsers could not invite, with the error's code and reason. */
const inviteFailure = (email: string, e: unknown): InviteFailure =>
  isUserAdminError(e) ? { email, code: e.code, ...(e.reason ? { reason: e.reason } : {}) } : { email, code: 'unknown' };

/** A random id (`crypto.randomUUID` is missing outside secure contexts). */
const randomId = (): string =>
  typeof globalThis.crypto?.randomUUID === 'function'
    ? globalThis.crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

/**
 * A read shared by concurrent callers and kept once it succeeded. The shared request has its own
 * signal, so one caller aborting never fails the others: each caller races its own signal, and
 * only when every caller still waiting has aborted is the shared request aborted and forgotten
 * (a stalled request never blocks the calls that come after). A failed read is not kept either.
 */
function sharedRead<T>(load: (signal: AbortSignal) => Promise<T>, known?: T): (signal?: AbortSignal, fresh?: boolean) => Promise<T> {
  interface Entry { promise: Promise<T>; controller: AbortController | null; waiters: number; settled: boolean }
  let cached: Entry | null = known === undefined ? null : { promise: Promise.resolve(known), controller: null, waiters: 0, settled: true };
  return (signal, fresh = false) => {
    if (signal?.aborted) return Promise.reject(abortError());
    if (!cached || fresh) {
      const controller = new AbortController();
      const entry: Entry = { promise: load(controller.signal), controller, waiters: 0, settled: false };
      cached = entry;
      entry.promise.then(
        () => { entry.settled = true; },
        () => {
          entry.settled = true;
          if (cached === entry) cached = null;
        },
      );
    }
    const entry = cached;
    if (entry.settled) return entry.promise;
    entry.waiters += 1;
    // A caller without a signal never aborts: it keeps the shared request alive until it settles.
    if (!signal) return entry.promise.finally(() => { entry.waiters -= 1; });
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        entry.waiters -= 1;
        reject(abortError());
        if (entry.waiters === 0 && !entry.settled) {
          if (cached === entry) cached = null;
          entry.controller?.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters -= 1;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters -= 1;
          reject(error);
        },
      );
    });
  };
}

/** AND of OR-parts → one flat OR of AND-terms (SCIM precedence: `and` binds tighter). */
function dnf(parts: Part[]): string[][] {
  let terms: string[][] = [[]];
  for (const part of parts) terms = terms.flatMap((t) => part.map((p) => [...t, ...p]));
  return terms;
}

/**
 * Creates the SCIM adapter. The optional bulk methods exist only when `serviceProviderConfig`
 * advertises `/Bulk`; {@link connectScimAdapter} fetches it first.
 *
 * @example
 * const adapter = createScimAdapter({
 *   baseUrl: 'https://idp.example.com/scim/v2',
 *   token: () => getScimToken(),
 *   modules: [{ id: 'billing', name: 'Billing', adminOnly: true, levels: ['none', 'view', 'edit'] }],
 *   entities: [{ id: 'acme', name: 'Acme', kind: 'group', parentId: null, childCount: 0 }],
 *   currentUserId: session.userId,
 * });
 */
export function createScimAdapter(options: ScimAdapterOptions): UserAdminAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const ttlDays = options.invitationTtlDays ?? 7;
  const operators = new Set((options.filterOperators ?? ALL_OPERATORS).map((o) => o.toLowerCase()));
  const entities = options.entities ?? [];
  const entityById = new Map(entities.map((e) => [e.id, e]));
  /** The entity tree the rules read (core/scope.ts): the `entities` option; unknown ids have no ancestry. */
  const ancestry = ancestryFromParents(entities);
  const ancestorsOf = (id: string): string[] => [...(ancestry(id) ?? [])];
  /** Set when the provider refused one of our filters: every list is then answered in memory. */
  let filterRefused = false;

  // ---------------------------------------------------------------- transport

  async function request<T>({ method = 'GET', path, query, body, signal }: Req): Promise<T> {
    throwIfAborted(signal);
    const headers = new Headers({ Accept: 'application/scim+json, application/json' });
    if (body !== undefined) headers.set('Content-Type', 'application/scim+json');
    try {
      if (options.headers) for (const [k, v] of Object.entries(await resolve(options.headers))) headers.set(k, v);
      if (options.token !== undefined) headers.set('Authorization', `Bearer ${await resolve(options.token)}`);
    } catch (e) {
      if (isUserAdminError(e) || isAbortError(e)) throw e;
      throw new UserAdminError('unauthorized', `Could not get the SCIM credentials: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    throwIfAborted(signal);
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) search.set(k, String(v));
    const qs = search.toString();
    const response = await sendRequest(options.fetch, `${baseUrl}${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw new UserAdminError('network', e instanceof Error ? e.message : String(e), { cause: e, status: response.status });
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (e) {
      if (!response.ok) throw errorFromScim(response.status, undefined, response.headers.get('Retry-After'));
      throw new UserAdminError('unknown', `Invalid JSON from ${method} ${path}`, { cause: e, status: response.status });
    }
    if (!response.ok) throw errorFromScim(response.status, json, response.headers.get('Retry-After'));
    return json as T;
  }

  // ---------------------------------------------------------------- cached reads

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

  // ---------------------------------------------------------------- users

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

  const can = (...ops: string[]) => ops.every((o) => operators.has(o));

  /** The filter parts the provider can answer for a query, and whether anything is left for memory. */
  function plan(params: Pick<ListUsersParams, 'search' | 'filter'>, caps: ProviderCapabilities, allowSearch: boolean) {
    const parts: Part[] = [];
    let residual = false;
    const f: UserFilter = params.filter ?? {};
    const serverFilter = caps.filter && !filterRefused;
    const add = (possible: boolean, part: () => Part) => {
      if (serverFilter && possible) parts.push(part());
      else residual = true;
    };
    const search = params.search?.trim() ?? '';
    if (search !== '') {
      add(allowSearch && can('co') && !/\s/.test(search), () =>
        ['userName', 'name.givenName', 'name.familyName', 'emails.value'].map((a) => [`${a} co ${scimString(search)}`]),
      );
    }
    if (f.status?.length) {
      add(can('eq', 'pr'), () =>
        [...new Set(f.status)].map((s) =>
          s === 'deactivated' ? ['active eq false'] : s === 'invited' ? ['active eq true', `${X}:invitation pr`] : ['active eq true', `not (${X}:invitation pr)`],
        ),
      );
    }
    if (f.kind) add(can('eq'), () => [[`${X}:kind eq ${scimString(f.kind!)}`]]);
    if (f.scope) add(can('eq'), () => [[`${X}:scope eq ${scimString(f.scope!)}`]]);
    if (f.roleIds?.length) add(can('eq'), () => f.roleIds!.map((id) => [`groups.value eq ${scimString(id)}`]));
    if (f.entityIds?.length) {
      add(can('eq'), () => {
        const direct = f.entityIds!.map((id) => [`${X}:entityIds eq ${scimString(id)}`]);
        const subtrees = [...new Set(f.entityIds!.flatMap(ancestorsOf))].map((id) => [`${X}:subtreeEntityIds eq ${scimString(id)}`]);
        return [...direct, ...subtrees];
      });
    }
    // Over budget: the biggest parts go to memory.
    parts.sort((a, b) => a.length - b.length);
    while (parts.length > 0 && dnf(parts).length > MAX_FILTER_TERMS) {
      parts.pop();
      residual = true;
    }
    const terms = parts.length ? dnf(parts) : [];
    return { filter: terms.length ? terms.map((t) => t.join(' and ')).join(' or ') : undefined, residual };
  }

  const SORT_ATTRIBUTE: Partial<Record<string, string>> = { name: 'name.familyName', email: 'userName', createdAt: 'meta.created' };

  async function listUsers(params: ListUsersParams): Promise<Page<User>> {
    const { signal, pageIndex, pageSize } = params;
    throwIfAborted(signal);
    if (!Number.isInteger(pageIndex) || pageIndex < 0 || !Number.isInteger(pageSize) || pageSize < 1) return queryUsers([], params);
    const caps = await provider(signal);
    const sort = params.sort ?? { field: 'name', direction: 'asc' };
    const sortBy = caps.sort ? SORT_ATTRIBUTE[sort.field] : undefined;
    const server = plan(params, caps, true);
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
      const all = await fetchAll(narrow.filter, signal);
      const map = await roleMap(signal);
      return queryUsers(all.map((r) => userFromScim(r, map, now())), params, { roles: [...map.values()], ancestorsOf });
    } catch (e) {
      if (isUserAdminError(e) && e.code === 'validation' && e.status === 400 && !filterRefused && (server.filter !== undefined)) {
        // The provider refused our filter: answer this and later lists in memory.
        filterRefused = true;
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
    if (caps.filter && !filterRefused && can('eq')) {
      const list = [...wanted];
      for (let i = 0; i < list.length; i += 20) {
        const chunk = list.slice(i, i + 20);
        keep(await fetchAll(chunk.map((e) => `userName eq ${scimString(e)}`).join(' or '), signal));
      }
    } else {
      keep(await fetchAll(undefined, signal));
    }
    return found;
  }

  async function userByInvitationId(id: string, signal?: AbortSignal): Promise<ScimUser> {
    const caps = await provider(signal);
    const list = caps.filter && !filterRefused && can('eq') ? await fetchAll(`${X}:invitation.id eq ${scimString(id)}`, signal) : await fetchAll(undefined, signal);
    const hit = list.find((u) => u[X]?.invitation?.id === id);
    if (!hit) throw new UserAdminError('not_found', `No invitation ${id}`, { status: 404 });
    return hit;
  }

  /** PATCH when the provider has it, else GET + PUT. Returns the resource after the change. */
  async function patchUser(id: string, operations: { op: string; path?: string; value?: unknown }[], apply: (r: ScimUser) => ScimUser, signal?: AbortSignal): Promise<ScimUser> {
    const caps = await provider(signal);
    if (caps.patch) {
      const out = await request<ScimUser | undefined>({ method: 'PATCH', path: `/Users/${encodeURIComponent(id)}`, body: { schemas: [SCIM_PATCH_OP], Operations: operations }, signal });
      return out ?? getScimUser(id, signal);
    }
    const current = await getScimUser(id, signal);
    return request<ScimUser>({ method: 'PUT', path: `/Users/${encodeURIComponent(id)}`, body: writableUser(apply(current)), signal });
  }

  async function putUser(r: ScimUser, signal?: AbortSignal): Promise<ScimUser> {
    return request<ScimUser>({ method: 'PUT', path: `/Users/${encodeURIComponent(r.id)}`, body: writableUser(r), signal });
  }

  /** Adds and removes members of a group (PATCH, or GET + PUT without PATCH). */
  async function changeMembers(groupId: string, add: string[], remove: string[], signal?: AbortSignal): Promise<void> {
    if (add.length === 0 && remove.length === 0) return;
    const caps = await provider(signal);
    const path = `/Groups/${encodeURIComponent(groupId)}`;
    if (caps.patch) {
      const Operations = [
        ...remove.map((id) => ({ op: 'remove', path: `members[value eq ${scimString(id)}]` })),
        ...(add.length ? [{ op: 'add', path: 'members', value: add.map((value) => ({ value })) }] : []),
      ];
      await request({ method: 'PATCH', path, body: { schemas: [SCIM_PATCH_OP], Operations }, signal });
      return;
    }
    const group = await request<ScimGroup>({ path, signal });
    const members = (group.members ?? []).filter((m) => !remove.includes(m.value)).concat(add.map((value) => ({ value })));
    const { members: _old, ...rest } = group as ScimGroup & { meta?: unknown };
    void _old;
    delete (rest as { meta?: unknown }).meta;
    await request({ method: 'PUT', path, body: { ...rest, schemas: [SCIM_GROUP_SCHEMA], members }, signal });
  }

  // ---------------------------------------------------------------- rules the adapter enforces
  // A SCIM provider is a directory: it stores what it is sent. Every rule of user administration
  // is enforced here, by the domain core (src/core), before the request goes out.

  /** The current administrator's resource and whether their role is an admin role. */
  async function currentAdmin(signal?: AbortSignal): Promise<{ me: User; isAdmin: boolean }> {
    const id = await currentUserId(signal);
    const me = await toUser(await getScimUser(id, signal), signal);
    const role = me.roleId ? (await roleMap(signal)).get(me.roleId) : undefined;
    return { me, isAdmin: role?.isAdmin === true };
  }

  /** Who acts (`/Me`, with the extension's adminScope) and the entity tree: what the core's rules read. */
  async function ruleContext(signal?: AbortSignal): Promise<RuleContext> {
    const { me, isAdmin } = await currentAdmin(signal);
    const actor = actorOf({ currentUser: { id: me.id, name: '', isAdmin, adminScope: isAdmin ? me.adminScope : null }, workspace: { level: 'group' } });
    return { actor, ancestry };
  }

  const isAdminRoleIn = (map: ReadonlyMap<string, Role>) => (roleId: string) => map.get(roleId)?.isAdmin;

  async function activeAdminIds(signal?: AbortSignal): Promise<string[]> {
    const adminRoles = (await roles(signal)).filter((r) => r.isAdmin).map((r) => r.id);
    if (adminRoles.length === 0) return [];
    const page = await listUsers({ pageIndex: 0, pageSize: 10_000, filter: { roleIds: adminRoles, status: ['active'] }, signal });
    return page.items.map((u) => u.id);
  }

  /**
   * Whether `user` is the only active administrator left (the core's `lastActiveAdmin`).
   * `leaving`: admins the same batch already deactivates or removes, who do not count as remaining.
   */
  async function isLastActiveAdmin(user: User, signal?: AbortSignal, leaving: ReadonlySet<string> = new Set()): Promise<boolean> {
    if (!isActiveAdminUser(user, isAdminRoleIn(await roleMap(signal)))) return false;
    const others = (await activeAdminIds(signal)).filter((id) => id !== user.id && !leaving.has(id));
    return others.length === 0;
  }

  /** Refuses `action` on `user` as the core says (self, admin scope, last active admin). */
  async function enforceActOn(ctx: RuleContext, user: User, action: UserAction, signal?: AbortSignal, leaving?: ReadonlySet<string>): Promise<void> {
    const guarded = action === 'deactivate' || action === 'remove';
    enforce(checkActOnUser(ctx, user, action, { lastActiveAdmin: guarded && (await isLastActiveAdmin(user, signal, leaving)) }));
  }

  /** The admin scope a new admin gets: the one given, else the granting admin's own (core `defaultAdminScope`). */
  function grantedAdminScope(ctx: RuleContext, role: Role, given: Settings['currentUser']['adminScope'] | undefined) {
    return role.isAdmin ? (given ?? defaultAdminScope(ctx.actor.adminScope)) : undefined;
  }

  const domainAllowed = (email: string) => !options.allowedDomains || options.allowedDomains.map((d) => d.toLowerCase()).includes(emailDomain(email));

  function checkEmail(email: string, login: boolean): void {
    if (!isValidEmail(email)) throw invalid(`Invalid email ${email}`, { email: 'invalid_email' });
    if (login && !domainAllowed(email)) throw invalid(`The domain of ${email} is not allowed`, { email: 'not_allowed' });
  }

  const isDisposable = options.isDisposableEmail ?? isCommonDisposableEmail;
  /** A new login user's address, or a login user's new address, must not be disposable (contacts may have one, as in the reference store). */
  async function checkNotDisposable(email: string): Promise<void> {
    if (await isDisposable(email)) throw invalid(`Domain ${emailDomain(email)} is a disposable-address provider`, { email: 'not_allowed' });
  }

  async function roleOrThrow(roleId: string, signal?: AbortSignal): Promise<Role> {
    const role = (await roleMap(signal)).get(roleId);
    if (!role) throw invalid(`No role ${roleId}`, { roleId: 'not_found' }, 'role_not_found');
    return role;
  }

  function checkEntities(ids: string[]): void {
    if (entities.length === 0) return;
    const unknown = ids.filter((id) => !entityById.has(id));
    if (unknown.length) throw invalid(`Unknown entities ${unknown.join(', ')}`, { entityIds: 'not_found' }, 'entity_not_found');
  }

  function newInvitation(by: { value: string; display?: string }): NonNullable<ScimUserExtension['invitation']> {
    const sent = now();
    return { id: `inv-${randomId()}`, kind: 'invitation', sentAt: new Date(sent).toISOString(), expiresAt: new Date(sent + ttlDays * DAY).toISOString(), invitedBy: by };
  }

  /** The same invitation sent again now: new dates, same id. */
  function renewedInvitation(inv: NonNullable<ScimUserExtension['invitation']>): NonNullable<ScimUserExtension['invitation']> {
    const sent = now();
    return { ...inv, sentAt: new Date(sent).toISOString(), expiresAt: new Date(sent + ttlDays * DAY).toISOString() };
  }

  interface LoginSpec {
    email: string;
    firstName: string;
    lastName: string;
    phone?: string | null;
    role: Role;
    scope: 'group' | 'entity';
    entityIds: string[];
    subtreeEntityIds?: string[];
    permissions?: ModulePermissions;
    adminScope?: Settings['currentUser']['adminScope'];
  }

  function loginResource(spec: LoginSpec, invitation: NonNullable<ScimUserExtension['invitation']>): Omit<ScimUser, 'id'> {
    const permissions = spec.permissions ?? (spec.role.isAdmin ? spec.role.defaultPermissions : clearAdminOnly(spec.role.defaultPermissions, options.modules));
    const ext: ScimUserExtension = {
      kind: 'login',
      scope: spec.scope,
      entityIds: [...spec.entityIds],
      ...(spec.subtreeEntityIds?.length ? { subtreeEntityIds: spec.subtreeEntityIds.filter((id) => spec.entityIds.includes(id)) } : {}),
      permissions: permissionsToScim(permissions),
      // The caller resolved the default (core `defaultAdminScope`): never broader than the granting admin's.
      ...(spec.role.isAdmin && spec.adminScope ? { adminScope: adminScopeToScim(spec.adminScope) } : {}),
      source: 'invitation',
      invitation,
    };
    return {
      schemas: [SCIM_USER_SCHEMA, X],
      userName: spec.email,
      name: { givenName: spec.firstName, familyName: spec.lastName, formatted: `${spec.firstName} ${spec.lastName}`.trim() },
      displayName: `${spec.firstName} ${spec.lastName}`.trim() || spec.email,
      emails: [{ value: spec.email, type: 'work', primary: true }],
      ...(spec.phone ? { phoneNumbers: [{ value: spec.phone, type: 'work' }] } : {}),
      active: true,
      [X]: ext,
    };
  }

  async function createUser({ input, signal }: { input: CreateUserInput; signal?: AbortSignal }): Promise<CreateUserResult> {
    throwIfAborted(signal);
    const email = input.email.trim().toLowerCase();
    if (!input.firstName?.trim() && input.kind === 'contact') throw invalid('First name required', { firstName: 'required' });
    if (input.kind === 'contact') {
      if (options.contacts === false) throw new UserAdminError('forbidden', 'Contacts are not enabled');
      checkEmail(email, false);
      checkEntities([input.entityId]);
      enforce(checkGrant(await ruleContext(signal), { entityIds: [input.entityId] }));
      const body: Omit<ScimUser, 'id'> = {
        schemas: [SCIM_USER_SCHEMA, X],
        userName: email,
        name: { givenName: input.firstName.trim(), familyName: input.lastName.trim(), formatted: `${input.firstName} ${input.lastName}`.trim() },
        displayName: `${input.firstName} ${input.lastName}`.trim(),
        emails: [{ value: email, type: 'work', primary: true }],
        ...(input.phone ? { phoneNumbers: [{ value: input.phone, type: 'work' }] } : {}),
        active: true,
        [X]: { kind: 'contact', scope: 'entity', entityIds: [input.entityId], permissions: [], source: 'manual' },
      };
      const created = await request<ScimUser>({ method: 'POST', path: '/Users', body, signal });
      return { user: await toUser(created, signal), invitation: null };
    }
    enforce(ssoRefusal((await ssoSettings()).enforced, 'createLoginUser'));
    checkEmail(email, true);
    await checkNotDisposable(email);
    const role = await roleOrThrow(input.roleId, signal);
    if (!input.entityIds?.length) throw invalid('At least one entity', { entityIds: 'required' });
    checkEntities(input.entityIds);
    const ctx = await ruleContext(signal);
    const adminScope = grantedAdminScope(ctx, role, input.adminScope);
    enforce(
      checkAdminOnlyModules(role, input.permissions ?? {}, options.modules),
      checkGrant(ctx, { isAdminRole: role.isAdmin, adminScope, entityIds: input.entityIds }),
    );
    const body = loginResource(
      { ...input, email, firstName: input.firstName.trim(), lastName: input.lastName.trim(), role, adminScope },
      newInvitation({ value: ctx.actor.id }),
    );
    const created = await request<ScimUser>({ method: 'POST', path: '/Users', body, signal });
    try {
      await changeMembers(role.id, [created.id], [], signal);
    } catch (e) {
      await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(created.id)}` }).catch(() => undefined);
      throw e;
    }
    const user = await toUser({ ...created, groups: [{ value: role.id }] }, signal);
    return { user, invitation: invitationOf(user, created) };
  }

  async function updateUser({ id, patch, signal }: { id: string; patch: UserPatch; signal?: AbortSignal }): Promise<UpdateUserResult> {
    throwIfAborted(signal);
    const current = await getScimUser(id, signal);
    const before = await toUser(current, signal);
    const map = await roleMap(signal);
    const ctx = await ruleContext(signal);
    const next: ScimUser = structuredClone(current);
    const ext: ScimUserExtension = { ...(next[X] ?? {}) };
    const fieldErrors: FieldErrors = {};
    if (before.source === 'sso') {
      const managed = ['email', 'firstName', 'lastName'] as const;
      const touched = managed.filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
      if (touched.length) throw invalid('Fields owned by the identity provider', Object.fromEntries(touched.map((k) => [k, 'managed_by_idp'])), 'managed_by_idp');
    }
    if (patch.entityIds !== undefined) {
      checkEntities(patch.entityIds);
      if (before.kind === 'contact' && patch.entityIds.length !== 1) throw invalid('A contact lives in one entity', { entityIds: 'invalid_format' }, 'contact_single_entity');
    }

    // Who may change what (core checkAccessChange): not one's own demotion or admin scope, only a
    // user in the acting admin's scope, only what they may grant, never the last admin's demotion.
    const oldRole = before.kind === 'login' && before.roleId ? map.get(before.roleId) : undefined;
    const newRole = before.kind === 'login' ? (patch.roleId !== undefined ? await roleOrThrow(patch.roleId, signal) : oldRole) : undefined;
    const wasAdmin = oldRole?.isAdmin === true;
    const staysAdmin = newRole?.isAdmin === true;
    // An admin keeps their scope unless the patch sets one; a new admin gets the one given, else the granting admin's own.
    const adminScope = staysAdmin ? (patch.adminScope ?? (wasAdmin ? before.adminScope : null) ?? defaultAdminScope(ctx.actor.adminScope)) : null;
    const demotes = wasAdmin && !staysAdmin;
    enforce(
      checkAccessChange(ctx, before, {
        wasAdmin,
        staysAdmin,
        ...(staysAdmin && (patch.adminScope != null || !wasAdmin) ? { adminScope } : {}),
        ...(patch.entityIds !== undefined ? { entityIds: patch.entityIds } : {}),
        lastActiveAdmin: demotes && (await isLastActiveAdmin(before, signal)),
      }),
    );
    if (newRole && !newRole.isAdmin && patch.permissions) enforce(checkAdminOnlyModules(newRole, patch.permissions, options.modules));

    if (patch.email !== undefined) {
      const email = patch.email.trim().toLowerCase();
      checkEmail(email, before.kind === 'login');
      if (email !== before.email.toLowerCase()) {
        if (before.kind === 'login') await checkNotDisposable(email);
        // SCIM has no confirmation flow; an invited user's invitation goes again to the new address,
        // except under enforced SSO (they sign in through the identity provider: nothing is sent).
        const outcome = emailChangeOutcome({ kind: before.kind, status: before.status, ssoEnforced: (await ssoSettings()).enforced, confirmation: false });
        if (outcome === 'reinvite' && ext.invitation) ext.invitation = renewedInvitation(ext.invitation);
      }
      next.userName = email;
      next.emails = [{ value: email, type: 'work', primary: true }, ...(next.emails ?? []).filter((e) => !e.primary && e.value.toLowerCase() !== email)];
    }
    if (patch.firstName !== undefined || patch.lastName !== undefined) {
      const givenName = (patch.firstName ?? before.firstName).trim();
      const familyName = (patch.lastName ?? before.lastName).trim();
      if (!givenName) fieldErrors.firstName = 'required';
      next.name = { ...next.name, givenName, familyName, formatted: `${givenName} ${familyName}`.trim() };
      next.displayName = `${givenName} ${familyName}`.trim();
    }
    if (patch.phone !== undefined) {
      if (patch.phone === null || patch.phone.trim() === '') delete next.phoneNumbers;
      else next.phoneNumbers = [{ value: patch.phone.trim(), type: 'work' }];
    }
    if (Object.keys(fieldErrors).length) throw invalid('Invalid input', fieldErrors);

    let groupChange: { from: string | null; to: string } | null = null;
    if (before.kind === 'login') {
      if (newRole && newRole.id !== before.roleId) groupChange = { from: before.roleId, to: newRole.id };
      let permissions = patch.permissions ?? before.permissions;
      if (newRole && !newRole.isAdmin) permissions = clearAdminOnly(permissions, options.modules);
      ext.permissions = permissionsToScim(permissions);
      if (staysAdmin && adminScope) ext.adminScope = adminScopeToScim(adminScope);
      else delete ext.adminScope;
      if (patch.scope !== undefined) ext.scope = patch.scope;
    }
    if (patch.entityIds !== undefined) ext.entityIds = [...patch.entityIds];
    if (patch.subtreeEntityIds !== undefined || patch.entityIds !== undefined) {
      const within = ext.entityIds ?? [];
      const subtrees = (patch.subtreeEntityIds ?? ext.subtreeEntityIds ?? []).filter((e) => within.includes(e));
      if (subtrees.length) ext.subtreeEntityIds = subtrees;
      else delete ext.subtreeEntityIds;
    }
    next[X] = ext;
    // The role groups change before the PUT; a failed PUT (or second group change) puts the
    // previous groups back (best effort: a failed undo leaves the original error to the caller).
    const saved = await withUndo(async (undo) => {
      if (groupChange) {
        const { from, to } = groupChange;
        await changeMembers(to, [id], [], signal);
        undo.add(() => changeMembers(to, [], [id]));
        if (from) {
          await changeMembers(from, [], [id], signal);
          undo.add(() => changeMembers(from, [id], []));
        }
      }
      return putUser(next, signal);
    });
    return { user: await toUser(saved, signal), emailChange: 'none' };
  }

  /**
   * The resource after a status change. Reactivating a login user who never accepted their
   * invitation sends it again (fresh dates), or under enforced SSO drops it: they become active
   * and sign in through the identity provider (core `reactivationOutcome`). `null`: only `active` changes.
   */
  async function statusChange(r: ScimUser, before: User, status: 'active' | 'deactivated'): Promise<ScimUser | null> {
    const invitation = r[X]?.invitation;
    if (status !== 'active' || before.status !== 'deactivated' || before.kind !== 'login' || invitation?.kind !== 'invitation') return null;
    const outcome = reactivationOutcome({ kind: before.kind, neverAccepted: true, ssoEnforced: (await ssoSettings()).enforced });
    const ext: ScimUserExtension = { ...r[X] };
    if (outcome === 'invited') ext.invitation = renewedInvitation(invitation);
    else delete ext.invitation;
    return { ...r, active: true, [X]: ext };
  }

  async function setUserStatus({ id, status, signal }: { id: string; status: 'active' | 'deactivated'; signal?: AbortSignal }): Promise<User> {
    throwIfAborted(signal);
    const current = await getScimUser(id, signal);
    const before = await toUser(current, signal);
    const ctx = await ruleContext(signal);
    if (status === 'deactivated') await enforceActOn(ctx, before, 'deactivate', signal);
    else await enforceActOn(ctx, before, 'reactivate', signal);
    const whole = await statusChange(current, before, status);
    if (whole) return toUser(await putUser(whole, signal), signal);
    const active = status === 'active';
    const saved = await patchUser(id, [{ op: 'replace', path: 'active', value: active }], (r) => ({ ...r, active }), signal);
    return toUser(saved, signal);
  }

  async function removeUser({ id, signal }: { id: string; signal?: AbortSignal }): Promise<void> {
    throwIfAborted(signal);
    const before = await toUser(await getScimUser(id, signal), signal);
    await enforceActOn(await ruleContext(signal), before, 'remove', signal);
    await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(id)}`, signal });
  }

  // ---------------------------------------------------------------- invitations

  async function inviteUsers({ input, signal }: Parameters<UserAdminAdapter['inviteUsers']>[0]): Promise<InviteUsersResult> {
    throwIfAborted(signal);
    const role = await roleOrThrow(input.roleId, signal);
    if (!input.entityIds?.length) throw invalid('At least one entity', { entityIds: 'required' });
    checkEntities(input.entityIds);
    // What the invitations grant is checked once for the call: a refusal rejects it whole.
    const ctx = await ruleContext(signal);
    const adminScope = grantedAdminScope(ctx, role, input.adminScope);
    enforce(
      checkAdminOnlyModules(role, input.permissions ?? {}, options.modules),
      checkGrant(ctx, { isAdminRole: role.isAdmin, adminScope, entityIds: input.entityIds }),
    );
    // The core's classification, in its order (INVITE_SKIP_ORDER): SSO, invalid, duplicate, then
    // an existing user (already_member / already_invited) before the domain and disposable rules.
    const { candidates, skipped } = screenInvitees(input.emails, { ssoEnforced: (await ssoSettings()).enforced });
    const skip = (email: string, reason: InviteSkipReason) => skipped.push({ email, reason });
    const existing = await usersByUserName(candidates, signal);
    const map = await roleMap(signal);
    const toCreate: string[] = [];
    for (const email of candidates) {
      const found = existing.get(email);
      const facts = { existing: found ? (userFromScim(found, map, now()).status === 'invited' ? 'invited' as const : 'member' as const) : null, domainAllowed: domainAllowed(email) };
      // The disposable lookup (possibly a host call) only for an address every earlier rule let through.
      const reason = classifyInvitee(facts) ?? classifyInvitee({ ...facts, disposable: await isDisposable(email) });
      if (reason) skip(email, reason);
      else toCreate.push(email);
    }
    const by = { value: ctx.actor.id };
    const names = new Map(Object.entries(input.names ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
    const bodies = toCreate.map((email) =>
      loginResource(
        {
          email,
          firstName: names.get(email)?.firstName?.trim() ?? '',
          lastName: names.get(email)?.lastName?.trim() ?? '',
          role,
          scope: input.scope ?? (input.entityIds.length > 1 ? 'group' : 'entity'),
          entityIds: input.entityIds,
          ...(input.subtreeEntityIds ? { subtreeEntityIds: input.subtreeEntityIds } : {}),
          ...(input.permissions ? { permissions: input.permissions } : {}),
          ...(adminScope ? { adminScope } : {}),
        },
        newInvitation(by),
      ),
    );
    // Each address is created on its own (or as its own /Bulk operation): one that fails is
    // reported in `failed` with nothing left for it, and the others go through. An abort, or a
    // refusal of the whole call (401, 403: the token may read but not write), deletes the users
    // already created (they have no role group yet) and rejects the call.
    const created: ScimUser[] = [];
    const failed: InviteFailure[] = [];
    const fail = (email: string, e: unknown) => failed.push(inviteFailure(email, e));
    const refusesCall = (e: unknown) => isAbortError(e) || (isUserAdminError(e) && (e.code === 'unauthorized' || e.code === 'forbidden'));
    let aborted: unknown = null;
    // Created by /Bulk, but the provider gave no location nor id: found by userName afterwards.
    const createdWithoutId: string[] = [];
    const caps = await provider(signal);
    if (caps.bulk && bodies.length > 1) {
      for (let i = 0; i < bodies.length && !aborted; i += caps.maxOperations) {
        const chunk = bodies.slice(i, i + caps.maxOperations);
        let response: { Operations?: { status: string | number; location?: string; response?: unknown; bulkId?: string }[] };
        try {
          response = await request({
            method: 'POST',
            path: '/Bulk',
            body: { schemas: [SCIM_BULK_REQUEST], failOnErrors: chunk.length + 1, Operations: chunk.map((data, k) => ({ method: 'POST', path: '/Users', bulkId: `u${i + k}`, data })) },
            signal,
          });
        } catch (e) {
          if (refusesCall(e)) aborted = e;
          else for (const data of chunk) fail(data.userName, e);
          continue;
        }
        const ops = response.Operations ?? [];
        chunk.forEach((data, k) => {
          const op = ops.find((o) => o.bulkId === `u${i + k}`) ?? ops[k];
          const status = Number(op?.status ?? 500);
          const id = op?.location?.split('/').pop() || (op?.response as ScimUser | undefined)?.id;
          if (status >= 200 && status < 300) {
            if (id) created.push({ ...(data as ScimUser), id, meta: { created: new Date(now()).toISOString() } });
            else createdWithoutId.push(data.userName);
          } else if (status === 409) skip(data.userName, 'already_member');
          else {
            const error = errorFromScim(status, op?.response);
            if (refusesCall(error)) aborted ??= error;
            else fail(data.userName, error);
          }
        });
      }
    } else {
      const results = await mapWithConcurrency(bodies, Math.max(1, options.inviteConcurrency ?? 4), async (body) => {
        try {
          return await request<ScimUser>({ method: 'POST', path: '/Users', body, signal });
        } catch (e) {
          if (isUserAdminError(e) && e.code === 'conflict') skip(body.userName, 'already_member');
          else if (refusesCall(e)) aborted ??= e;
          else fail(body.userName, e);
          return null;
        }
      });
      for (const r of results) if (r) created.push(r);
    }
    // Without the caller's signal (an abort may be what failed); a failed delete is not reported.
    const deleteCreated = async () => {
      for (const u of created) await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(u.id)}` }).catch(() => undefined);
    };
    if (createdWithoutId.length) {
      try {
        const found = await usersByUserName(createdWithoutId, undefined);
        for (const email of createdWithoutId) {
          const user = found.get(email);
          if (user) created.push(user);
          else fail(email, new UserAdminError('unknown', `The provider created ${email} without saying where`));
        }
      } catch (e) {
        for (const email of createdWithoutId) fail(email, e);
      }
    }
    if (aborted) {
      await deleteCreated();
      throw aborted;
    }
    if (created.length) {
      try {
        await changeMembers(role.id, created.map((u) => u.id), [], signal);
      } catch (e) {
        // As createUser: nothing is left of an address whose role could not be given.
        await deleteCreated();
        if (refusesCall(e)) throw e;
        for (const u of created) fail(u.userName, e);
        created.length = 0;
      }
    }
    const invited: Invitation[] = [];
    for (const r of created) {
      const user = userFromScim({ ...r, groups: [{ value: role.id }] }, map, now());
      const invitation = invitationOf(user, r);
      if (invitation) invited.push(invitation);
    }
    return { invited, skipped, failed };
  }

  async function invitedUsers(signal?: AbortSignal): Promise<{ user: User; r: ScimUser }[]> {
    const caps = await provider(signal);
    const list = await fetchAll(caps.filter && !filterRefused && can('pr') ? `${X}:invitation pr` : undefined, signal);
    const map = await roleMap(signal);
    return list.filter((r) => r[X]?.invitation && r[X]?.kind !== 'contact').map((r) => ({ r, user: userFromScim(r, map, now()) }));
  }

  // ---------------------------------------------------------------- bulk (when /Bulk is advertised)

  async function bulk(
    ids: string[],
    signal: AbortSignal | undefined,
    check: (id: string, allowed: ReadonlySet<string>) => Promise<void>,
    operation: (id: string) => { method: string; path: string; data?: unknown },
    fallback: (id: string) => Promise<User | void>,
  ): Promise<BulkResult> {
    const results = new Map<string, BulkItemResult>();
    const allowed: string[] = [];
    for (const id of ids) {
      try {
        // In order: each check sees the ids already let through, so one batch cannot take away every admin.
        await check(id, new Set(allowed));
        allowed.push(id);
      } catch (e) {
        if (isAbortError(e)) throw e;
        const err = isUserAdminError(e) ? e : new UserAdminError('unknown', String(e));
        results.set(id, { id, ok: false, error: err.toJSON() });
      }
    }
    const caps = await provider(signal);
    if (!caps.bulk) {
      for (const id of allowed) {
        try {
          const user = await fallback(id);
          results.set(id, user ? { id, ok: true, user } : { id, ok: true });
        } catch (e) {
          if (isAbortError(e)) throw e;
          results.set(id, { id, ok: false, error: (isUserAdminError(e) ? e : new UserAdminError('unknown', String(e))).toJSON() });
        }
      }
    } else {
      for (let i = 0; i < allowed.length; i += caps.maxOperations) {
        const chunk = allowed.slice(i, i + caps.maxOperations);
        const response = await request<{ Operations?: { status: string | number; response?: unknown }[] }>({
          method: 'POST',
          path: '/Bulk',
          body: { schemas: [SCIM_BULK_REQUEST], failOnErrors: chunk.length + 1, Operations: chunk.map(operation) },
          signal,
        });
        chunk.forEach((id, k) => {
          const op = response.Operations?.[k];
          const status = Number(op?.status ?? 500);
          results.set(id, status >= 200 && status < 300 ? { id, ok: true } : { id, ok: false, error: errorFromScim(status, op?.response).toJSON() });
        });
      }
    }
    return { results: ids.map((id) => results.get(id) ?? { id, ok: false, error: { code: 'unknown', message: 'No result' } }) };
  }

  // ---------------------------------------------------------------- the adapter

  const adapter: UserAdminAdapter = {
    async getSettings(params) {
      const signal = params?.signal;
      throwIfAborted(signal);
      await provider(signal);
      const { me, isAdmin } = await currentAdmin(signal);
      const features = {
        contacts: options.contacts !== false,
        invitations: true,
        phone: true,
        lastSignIn: true,
        modulePermissions: true,
        entitySubtrees: entities.length > 0,
        // An email change applies at once: SCIM has no confirmation flow.
        emailChangeConfirmation: false,
        // The extension's adminScope, enforced by this adapter (core/scope.ts) over the `entities` tree.
        adminScope: true,
      };
      return {
        currentUser: { id: me.id, name: `${me.firstName} ${me.lastName}`.trim() || me.email, isAdmin, adminScope: isAdmin ? me.adminScope : null },
        sso: await ssoSettings(),
        invitation: { ttlDays, onExpiry: 'expire' },
        username: { mode: 'none' },
        multiEntity: options.multiEntity ?? (options.listEntities ? true : entities.length > 1),
        workspace: { level: 'group' },
        features,
      };
    },

    listUsers,

    async getUser({ id, signal }) {
      throwIfAborted(signal);
      return toUser(await getScimUser(id, signal), signal);
    },

    createUser,
    updateUser,
    setUserStatus,
    removeUser,
    inviteUsers,

    async listInvitations({ signal, pageIndex, pageSize, search, status }) {
      throwIfAborted(signal);
      const rows = (await invitedUsers(signal))
        .filter(({ user }) => (!status || user.invitation?.status === status) && matchesUserSearch(user, search))
        .map(({ user, r }) => invitationOf(user, r))
        .filter((i): i is Invitation => i !== null)
        .sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { items: rows.slice(pageIndex * pageSize, pageIndex * pageSize + pageSize), total: rows.length };
    },

    async resendInvitation({ id, signal }) {
      throwIfAborted(signal);
      enforce(ssoRefusal((await ssoSettings()).enforced, 'resendInvitation'));
      const r = await userByInvitationId(id, signal);
      await enforceActOn(await ruleContext(signal), await toUser(r, signal), 'resendInvitation', signal);
      const next: ScimUser = { ...r, active: true, [X]: { ...r[X], invitation: renewedInvitation(r[X]!.invitation!) } };
      const saved = await putUser(next, signal);
      const user = await toUser(saved, signal);
      return invitationOf(user, saved)!;
    },

    async revokeInvitation({ id, signal }) {
      throwIfAborted(signal);
      const r = await userByInvitationId(id, signal);
      // Revoking deletes the invited user: the rules of a removal.
      await enforceActOn(await ruleContext(signal), await toUser(r, signal), 'remove', signal);
      await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(r.id)}`, signal });
    },

    async listRoles(params) {
      throwIfAborted(params?.signal);
      return roles(params?.signal, true);
    },

    async listModules(params) {
      throwIfAborted(params?.signal);
      return options.modules.map((m) => ({ ...m, levels: [...m.levels] }));
    },

    async listEntities(params) {
      throwIfAborted(params.signal);
      if (options.listEntities) return options.listEntities(params);
      const q = params.search ? foldText(params.search.trim()) : '';
      const ids = params.ids ? new Set(params.ids) : null;
      // A scoped admin sees the roots of their scope (at `parentId: null`) and their subtrees;
      // a lookup by ids answers any id (a user may reach entities outside the viewer's scope).
      const scope = ids ? null : await viewerScope(params.signal);
      const roots = scope ? new Set(scopeRoots(scope, ancestry)) : null;
      const visible = (e: Entity) => !scope || entityInScope(scope, e.id, ancestry) === true;
      const underParent = (e: Entity) =>
        params.parentId === undefined || (params.parentId === null && roots ? roots.has(e.id) : e.parentId === params.parentId);
      const rows = entities.filter((e) => (ids ? ids.has(e.id) : visible(e) && underParent(e)) && (!q || foldText(e.name).includes(q)));
      const start = params.pageIndex * params.pageSize;
      return { items: rows.slice(start, start + params.pageSize).map((e) => ({ ...e, ancestorIds: ancestorsOf(e.id) })), total: rows.length };
    },
  };

  if (options.serviceProviderConfig?.bulk?.supported === true) {
    adapter.setUsersStatus = async ({ ids, status, signal }) => {
      throwIfAborted(signal);
      const active = status === 'active';
      const ctx = await ruleContext(signal);
      // A reactivated user who never accepted gets their invitation again (or, under SSO, none): a PUT of the whole resource.
      const whole = new Map<string, ScimUser>();
      const check = async (id: string, leaving: ReadonlySet<string>) => {
        const r = await getScimUser(id, signal);
        const user = await toUser(r, signal);
        await enforceActOn(ctx, user, active ? 'reactivate' : 'deactivate', signal, leaving);
        const next = await statusChange(r, user, status);
        if (next) whole.set(id, next);
      };
      return bulk(
        ids,
        signal,
        check,
        (id) => {
          const next = whole.get(id);
          if (next) return { method: 'PUT', path: `/Users/${encodeURIComponent(id)}`, data: writableUser(next) };
          return { method: 'PATCH', path: `/Users/${encodeURIComponent(id)}`, data: { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: active }] } };
        },
        (id) => setUserStatus({ id, status, signal }),
      );
    };
    adapter.removeUsers = async ({ ids, signal }) => {
      throwIfAborted(signal);
      const ctx = await ruleContext(signal);
      const check = async (id: string, leaving: ReadonlySet<string>) => {
        await enforceActOn(ctx, await toUser(await getScimUser(id, signal), signal), 'remove', signal, leaving);
      };
      return bulk(ids, signal, check, (id) => ({ method: 'DELETE', path: `/Users/${encodeURIComponent(id)}` }), (id) => removeUser({ id, signal }));
    };
  }
  return adapter;
}

/**
 * Options of {@link connectScimAdapter}.
 * @example
 * const options: ConnectScimAdapterOptions = { baseUrl, token, modules, entities, signal: AbortSignal.timeout(5000) };
 */
export interface ConnectScimAdapterOptions extends ScimAdapterOptions {
  /** Aborts the `/ServiceProviderConfig` read. Defaults to none. */
  signal?: AbortSignal;
}

/**
 * Reads the provider's `/ServiceProviderConfig`, then creates the adapter with it: the bulk
 * methods exist when the provider advertises `/Bulk`.
 * @example
 * const adapter = await connectScimAdapter({ baseUrl, token, modules, entities });
 */
export async function connectScimAdapter(options: ConnectScimAdapterOptions): Promise<UserAdminAdapter> {
  if (options.serviceProviderConfig) return createScimAdapter(options);
  const probe = createScimAdapterTransport(options);
  const spc = await probe<ScimServiceProviderConfig>('/ServiceProviderConfig', options.signal);
  return createScimAdapter({ ...options, serviceProviderConfig: spc });
}

/** A minimal GET for {@link connectScimAdapter}, with the adapter's headers and error mapping. */
function createScimAdapterTransport(options: ScimAdapterOptions) {
  return async <T>(path: string, signal?: AbortSignal): Promise<T> => {
    const headers = new Headers({ Accept: 'application/scim+json, application/json' });
    if (options.headers) for (const [k, v] of Object.entries(await resolve(options.headers))) headers.set(k, v);
    if (options.token !== undefined) headers.set('Authorization', `Bearer ${await resolve(options.token)}`);
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(`${options.baseUrl.replace(/\/+$/, '')}${path}`, { headers, signal });
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw new UserAdminError('network', e instanceof Error ? e.message : String(e), { cause: e });
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw errorFromScim(response.status, json, response.headers.get('Retry-After'));
    return json as T;
  };
}
