/**
 * The query plan of the reference backend (see `./store`): sorting (incrementally kept views),
 * matching, paging, counts, and the listings of users, invitations and entities.
 */
import { checkPaging } from '../src/adapters/shared/input';
import type {
  AccessDiagnostics, Entity, Invitation, ListEntitiesParams, ListInvitationsParams, ListUsersParams, Page, SignInFailureCode,
  SortDirection, User, UserCounts, UserFilter, UserSortField,
} from '../src/contract/types';
import { ALL_ENTITIES, entityInScope, scopeRoots } from '../src/core';
import { SIGN_IN_USER_AGENTS } from './fixtures';
import { createRandom, hashSeed } from './random';
import {
  cmp, invitationStatus, iso, mustUser, summaryOf, toEntity, toInvitation, toUser, type StoreState, type UserRec,
} from './store-records';
import { ctx } from './store-rules';
import { foldText } from './text';

type Plain<P> = Omit<P, 'signal'>;

const STATUS_RANK = { active: 0, invited: 1, deactivated: 2 } as const;

function sortKey(state: StoreState, rec: UserRec, field: UserSortField): string | number | null {
  const u = rec.user;
  switch (field) {
    case 'name': return rec.nameKey;
    case 'email': return u.email;
    case 'status': return STATUS_RANK[u.status];
    case 'role': return u.roleId === null ? null : (state.roleKeys.get(u.roleId) ?? null);
    case 'lastSignInAt': return rec.lastSignInMs;
    case 'createdAt': return rec.createdMs;
  }
}

/** Key in the direction, ties by id in the direction; users without a key last, by id. */
function comparator(state: StoreState, field: UserSortField, direction: SortDirection): (a: UserRec, b: UserRec) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const ka = sortKey(state, a, field);
    const kb = sortKey(state, b, field);
    if (ka === null || kb === null) {
      if (ka === kb) return cmp(a.user.id, b.user.id);
      return ka === null ? 1 : -1;
    }
    return sign * (cmp(ka, kb) || cmp(a.user.id, b.user.id));
  };
}

function insertSorted(list: UserRec[], rec: UserRec, compare: (a: UserRec, b: UserRec) => number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid] as UserRec, rec) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, rec);
}

/**
 * All users in the given order. Views are built once per order, then patched with the users
 * changed since (a removal and a binary insertion each), so a mutation does not cost a full sort.
 */
function sorted(state: StoreState, field: UserSortField, direction: SortDirection): UserRec[] {
  const { views, dirty, users } = state;
  if (dirty.size > 0) {
    if (dirty.size > 2000) views.clear();
    for (const [key, list] of views) {
      const [f, d] = key.split(':') as [UserSortField, SortDirection];
      const compare = comparator(state, f, d);
      for (const rec of dirty) {
        const index = list.indexOf(rec);
        if (index >= 0) list.splice(index, 1);
      }
      for (const rec of dirty) if (users.get(rec.user.id) === rec) insertSorted(list, rec, compare);
    }
    dirty.clear();
  }
  const key = `${field}:${direction}`;
  let list = views.get(key);
  if (!list) {
    // Keys computed once per user (not per comparison): same order as `comparator`.
    const sign = direction === 'asc' ? 1 : -1;
    const keyed: { r: UserRec; k: string | number; id: string }[] = [];
    const nulls: UserRec[] = [];
    for (const r of users.values()) {
      const k = sortKey(state, r, field);
      if (k === null) nulls.push(r);
      else keyed.push({ r, k, id: r.user.id });
    }
    keyed.sort((a, b) => sign * (a.k < b.k ? -1 : a.k > b.k ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    nulls.sort((a, b) => cmp(a.user.id, b.user.id));
    list = keyed.map((x) => x.r);
    for (const n of nulls) list.push(n);
    views.set(key, list);
  }
  return list;
}

function matcher(state: StoreState, search: string | undefined, filter: UserFilter | undefined): (rec: UserRec) => boolean {
  const q = search ? foldText(search.trim()) : '';
  const status = filter?.status && filter.status.length > 0 ? new Set(filter.status) : null;
  const roleIds = filter?.roleIds && filter.roleIds.length > 0 ? new Set(filter.roleIds) : null;
  const entityIds = filter?.entityIds && filter.entityIds.length > 0 ? new Set(filter.entityIds) : null;
  // A user granted a subtree reaches every entity under it, including ones created after the grant.
  const { ancestry } = state;
  const subtreeRoots = entityIds ? new Set([...entityIds].flatMap((id) => [id, ...(ancestry(id) ?? [])])) : null;
  const kind = filter?.kind;
  const scope = filter?.scope;
  return (rec) => {
    const u = rec.user;
    if (status && !status.has(u.status)) return false;
    if (kind && u.kind !== kind) return false;
    if (scope && u.scope !== scope) return false;
    if (roleIds && (u.roleId === null || !roleIds.has(u.roleId))) return false;
    if (entityIds && !u.entityIds.some((id) => entityIds.has(id)) && !(u.subtreeEntityIds ?? []).some((id) => subtreeRoots?.has(id))) return false;
    if (q && !rec.hay.includes(q)) return false;
    return true;
  };
}

/** One page of the matching items; the paging is checked first (`checkPaging`: a size from 1 to `MAX_PAGE_SIZE`). */
function page<T, R>(items: Iterable<T>, match: (item: T) => boolean, pageIndex: number, pageSize: number, map: (item: T) => R): Page<R> {
  checkPaging(pageIndex, pageSize);
  const start = pageIndex * pageSize;
  const end = start + pageSize;
  const out: R[] = [];
  let total = 0;
  for (const item of items) {
    if (!match(item)) continue;
    if (total >= start && total < end) out.push(map(item));
    total++;
  }
  return { items: out, total };
}

// ---------------------------------------------------------------------------
// Listings
// ---------------------------------------------------------------------------

export function listUsers(state: StoreState, params: Plain<ListUsersParams>): Page<User> {
  const sort = params.sort ?? { field: 'name', direction: 'asc' };
  const list = sorted(state, sort.field, sort.direction);
  const out = (rec: UserRec) => toUser(state, rec);
  const unfiltered = !params.search?.trim() && !params.filter?.status?.length && !params.filter?.kind && !params.filter?.roleIds?.length
    && !params.filter?.entityIds?.length && !params.filter?.scope;
  if (unfiltered) {
    checkPaging(params.pageIndex, params.pageSize);
    const start = params.pageIndex * params.pageSize;
    return { items: list.slice(start, start + params.pageSize).map(out), total: list.length };
  }
  return page(list, matcher(state, params.search, params.filter), params.pageIndex, params.pageSize, out);
}

export function listInvitations(state: StoreState, params: Plain<ListInvitationsParams>): Page<Invitation> {
  const q = params.search ? foldText(params.search.trim()) : '';
  const all = [...state.invitations.values()].sort((a, b) => b.sentAt - a.sentAt || cmp(a.id, b.id));
  return page(all, (inv) => {
    if (params.status && invitationStatus(state, inv) !== params.status) return false;
    if (!q) return true;
    const rec = state.users.get(inv.userId);
    return !!rec && rec.hay.includes(q);
  }, params.pageIndex, params.pageSize, (inv) => toInvitation(state, inv));
}

export function listEntities(state: StoreState, params: Plain<ListEntitiesParams>): Page<Entity> {
  const { ancestry, entityKeys } = state;
  const q = params.search ? foldText(params.search.trim()) : '';
  const ids = params.ids ? new Set(params.ids) : null;
  // A scoped admin's tree starts at the roots of their acting scope, and shows only what lies in it;
  // a lookup by ids answers any entity (to name it).
  // (A non-admin administers nothing: no roots, nothing in scope.)
  const scope = ids ? ALL_ENTITIES : ctx(state).actor.adminScope;
  const roots = scopeRoots(scope, ancestry);
  const inScope = (e: Entity) => entityInScope(scope, e.id, ancestry) === true;
  const rootsListing = roots !== null && (params.parentId === null || (params.parentId === undefined && !q));
  const rootIds = rootsListing ? new Set(roots) : null;
  return page(state.entities, (e) => {
    if (rootIds) return rootIds.has(e.id) && (!q || (entityKeys.get(e.id) ?? '').includes(q));
    if (params.parentId !== undefined && e.parentId !== params.parentId) return false;
    if (ids && !ids.has(e.id)) return false;
    if (q && !(entityKeys.get(e.id) ?? '').includes(q)) return false;
    return inScope(e);
  }, params.pageIndex, params.pageSize, (e) => toEntity(state, e));
}

export function getUserCounts(state: StoreState, params: { search?: string; filter?: Omit<UserFilter, 'status' | 'kind'> }): UserCounts {
  const match = matcher(state, params.search, { roleIds: params.filter?.roleIds, entityIds: params.filter?.entityIds, scope: params.filter?.scope });
  const counts: UserCounts = { active: 0, invited: 0, deactivated: 0, contacts: 0, all: 0 };
  for (const rec of state.users.values()) {
    if (!match(rec)) continue;
    counts.all++;
    if (rec.user.kind === 'contact') counts.contacts++;
    else counts[rec.user.status]++;
  }
  return counts;
}

/** Simulated sign-in failures, deterministic per seed and user. */
export function diagnostics(state: StoreState, userId: string): AccessDiagnostics {
  const rec = mustUser(state, userId);
  const u = rec.user;
  if (u.kind === 'contact') return { userId, failures: [] };
  const rng = createRandom(hashSeed(`${state.seed}:${userId}`));
  const count = rng.chance(0.4) ? 0 : rng.int(1, 4);
  const pool: SignInFailureCode[] =
    u.status === 'deactivated' ? ['account_deactivated', 'invalid_credentials']
      : u.status === 'invited' ? [summaryOf(state, rec)?.status === 'expired' ? 'invitation_expired' : 'invitation_pending']
        : state.settings.sso.enforced ? ['sso_required', 'sso_error', 'entity_not_granted']
          : ['invalid_credentials', 'invalid_credentials', 'locked', 'mfa_failed', 'entity_not_granted'];
  const failures: AccessDiagnostics['failures'] = [];
  let at = state.startMs;
  for (let i = 0; i < count; i++) {
    at -= rng.int(1, 72) * 60 * 60 * 1000;
    failures.push({
      at: iso(at),
      code: rng.pick(pool),
      requestId: `req_${hashSeed(`${userId}:${i}`).toString(16).padStart(8, '0')}`,
      ip: rng.chance(0.9) ? `203.0.113.${rng.int(1, 254)}` : null,
      userAgent: rng.chance(0.9) ? rng.pick(SIGN_IN_USER_AGENTS) : null,
    });
  }
  return { userId, failures };
}
