/**
 * The adapter conformance checks, as data. Each check receives a fresh backend (a
 * {@link ConformanceHarness}), drives it only through the adapter and the harness controls,
 * and throws a {@link ConformanceError} on the first broken expectation.
 */
import {
  REQUIRED_ADAPTER_METHODS,
  type AdminScope,
  type BulkItemResult,
  type CreateContactInput,
  type CreateLoginUserInput,
  type Entity,
  type Invitation,
  type InviteSkipReason,
  type ListUsersParams,
  type Module,
  type OptionalAdapterMethod,
  type Role,
  type Settings,
  type SignInFailureCode,
  type User,
  type UserAdminAdapter,
  type UserFilter,
  type UserSortField,
} from '../contract/types';
import { USER_ADMIN_ERROR_CODES, isUserAdminError, type DomainErrorReason, type UserAdminErrorCode } from '../contract/errors';
import type { ConformanceHarness } from './harness';
import { ensure, ensureEqual, expectAbort, expectRejection, show } from './assert';

/**
 * A harness control a check needs; without it the check is skipped.
 * @example
 * const needs: ConformanceControl[] = ['advanceTime']; // the invitation-expiry check
 */
export type ConformanceControl =
  | 'advanceTime' | 'setSsoEnforced' | 'failNext' | 'failInvite' | 'failWriteOf' | 'setLatency' | 'actAs' | 'disallowedDomainEmail'
  | 'disallowedDomainMemberEmail';

/** The controls that are values (addresses), not functions. */
const VALUE_CONTROLS: readonly ConformanceControl[] = ['disallowedDomainEmail', 'disallowedDomainMemberEmail'];

/**
 * A backend feature (`settings.features`) a check needs; the check is skipped when the backend
 * declares it `false`, as the UI then hides what the check exercises. `versions` is not declared
 * but found (see {@link detectFeatures}): a backend has it when its users carry a `version`.
 * @example
 * const needs: ConformanceFeature[] = ['contacts']; // the contact checks
 */
export type ConformanceFeature = 'contacts' | 'invitations' | 'adminScope' | 'versions';

/**
 * What a backend supports, as the kit reads it: `settings.features`, plus `versions` (whether its
 * users carry a `version`, found from the first user `listUsers` gives).
 * @example
 * const features: BackendFeatures = { contacts: false, versions: false };
 */
export type BackendFeatures = NonNullable<Settings['features']> & { versions?: boolean };

/**
 * One conformance check.
 * @example
 * const check: ConformanceCheck = {
 *   id: 'users.get-not-found', title: 'getUser of an unknown id rejects with not_found', group: 'users',
 *   run: async (h) => { await h.adapter.getUser({ id: 'nope' }).then(() => { throw new Error('resolved'); }, () => {}); },
 * };
 */
export interface ConformanceCheck {
  /** Stable id, for `only` / `skip` (e.g. `sort.name.asc`). */
  id: string;
  /** What the check proves, as a sentence. */
  title: string;
  /** Groups the checks in reports (`paging`, `sort`, `invitations`, ...). */
  group: string;
  /** Harness controls the check needs; it is skipped when the harness lacks one. */
  requires?: ConformanceControl[];
  /** The optional adapter method the check exercises; it is skipped when the adapter lacks it. */
  uses?: OptionalAdapterMethod;
  /** Backend features the check exercises; it is skipped when `settings.features` declares one `false`. */
  features?: ConformanceFeature[];
  /** Throws on failure. */
  run(h: ConformanceHarness): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_DISPOSABLE = 'someone@mailinator.com';
const SIGN_IN_FAILURE_CODES: readonly SignInFailureCode[] = [
  'invalid_credentials', 'account_deactivated', 'invitation_expired', 'invitation_pending', 'sso_required', 'sso_error',
  'locked', 'mfa_failed', 'entity_not_granted',
];
/** Codes a domain-rule refusal may carry. */
const REFUSAL_CODES: readonly UserAdminErrorCode[] = ['conflict', 'forbidden', 'validation'];

// ---------------------------------------------------------------------------
// Fixtures read from the backend
// ---------------------------------------------------------------------------

let tokenCounter = 0;
/** A lower-case alphanumeric token no seeded user contains. */
function token(): string {
  tokenCounter += 1;
  return `zq${tokenCounter.toString(36)}${Math.random().toString(36).slice(2, 8)}`.replace(/[^a-z0-9]/g, '');
}

interface Ctx {
  h: ConformanceHarness;
  a: UserAdminAdapter;
  settings: Settings;
  current: User;
  domain: string;
  roles: Role[];
  adminRole: Role;
  userRole: Role;
  modules: Module[];
  adminOnlyModule: Module;
  entityId: string;
}

async function context(h: ConformanceHarness): Promise<Ctx> {
  const a = h.adapter;
  const settings = await a.getSettings();
  const current = await a.getUser({ id: settings.currentUser.id });
  const roles = await a.listRoles();
  const modules = await a.listModules();
  const adminRole = roles.find((r) => r.isAdmin);
  const userRole = roles.find((r) => !r.isAdmin);
  const adminOnlyModule = modules.find((m) => m.adminOnly);
  ensure(adminRole, 'listRoles()', 'at least one admin role (harness precondition)', roles);
  ensure(userRole, 'listRoles()', 'at least one non-admin role (harness precondition)', roles);
  ensure(adminOnlyModule, 'listModules()', 'at least one admin-only module (harness precondition)', modules);
  const entities = await a.listEntities({ pageIndex: 0, pageSize: 50 });
  // An entity a new entity-scoped user can live in: one the current user reaches, a non-group one if possible.
  const reachable = entities.items.filter((e) => current.entityIds.includes(e.id));
  const pool = reachable.length > 0 ? reachable : entities.items;
  const entity = pool.find((e) => e.kind !== 'group') ?? pool[0];
  ensure(entity, 'listEntities({ pageIndex: 0, pageSize: 50 })', 'at least one entity', entities);
  const domain = h.emailDomain ?? current.email.split('@')[1] ?? 'example.com';
  return { h, a, settings, current, domain, roles, adminRole, userRole, modules, adminOnlyModule, entityId: entity.id };
}

/** Whether the backend has contacts (`settings.features.contacts` is not `false`). */
const hasContacts = (c: Ctx) => c.settings.features?.contacts !== false;

function freshEmail(c: Ctx, prefix = 'conf'): string {
  return `${prefix}.${token()}@${c.domain}`;
}

function usernameFor(c: Ctx): string | null {
  const policy = c.settings.username;
  if (policy.mode === 'none') return null;
  return `u${token()}`.padEnd(policy.minLength, '0');
}

/** Creates a login user through `a` (the main admin's adapter unless given). */
async function createLogin(c: Ctx, over: Partial<CreateLoginUserInput> = {}, a: UserAdminAdapter = c.a) {
  const input: CreateLoginUserInput = {
    kind: 'login',
    email: freshEmail(c),
    firstName: 'Conf',
    lastName: `Login ${token()}`,
    roleId: c.userRole.id,
    scope: 'entity',
    entityIds: [c.entityId],
    ...(c.settings.username.mode === 'required' ? { username: usernameFor(c) } : {}),
    ...over,
  };
  return a.createUser({ input });
}

async function createContact(c: Ctx, over: Partial<CreateContactInput> = {}) {
  const input: CreateContactInput = {
    kind: 'contact',
    email: freshEmail(c, 'contact'),
    firstName: 'Conf',
    lastName: `Contact ${token()}`,
    entityId: c.entityId,
    ...over,
  };
  return c.a.createUser({ input });
}

/** Every user matching the params, page by page. Checks that each page agrees on `total`. */
async function listAll(
  a: UserAdminAdapter,
  params: Omit<ListUsersParams, 'pageIndex' | 'pageSize'> = {},
  pageSize = 50,
): Promise<{ items: User[]; total: number }> {
  const items: User[] = [];
  let total = -1;
  for (let pageIndex = 0; pageIndex < 1000; pageIndex++) {
    const op = `listUsers(${show({ ...params, pageIndex, pageSize })})`;
    const page = await a.listUsers({ ...params, pageIndex, pageSize });
    ensure(Array.isArray(page.items) && typeof page.total === 'number', op, 'a page { items, total }', page);
    if (total === -1) total = page.total;
    else ensure(page.total === total, op, `the same total as page 0 (${total})`, page.total);
    ensure(page.items.length <= pageSize, op, `at most ${pageSize} items`, page.items.length);
    items.push(...page.items);
    if (page.items.length < pageSize || items.length >= total) break;
  }
  return { items, total };
}

/** Active login users other than the current one, non-admins first. */
async function otherActiveUsers(c: Ctx): Promise<User[]> {
  const { items } = await listAll(c.a, { filter: { status: ['active'], kind: 'login' } });
  const adminIds = new Set(c.roles.filter((r) => r.isAdmin).map((r) => r.id));
  const others = items.filter((u) => u.id !== c.current.id && u.status === 'active' && u.kind === 'login');
  return [...others.filter((u) => !adminIds.has(u.roleId ?? '')), ...others.filter((u) => adminIds.has(u.roleId ?? ''))];
}

async function oneOtherActiveUser(c: Ctx, count = 1): Promise<User[]> {
  const others = await otherActiveUsers(c);
  ensure(others.length >= count, 'listUsers({ filter: { status: [active], kind: login } })', `at least ${count} active login user(s) besides the current user (harness precondition)`, others.length);
  return others.slice(0, count);
}

const ids = (users: { id: string }[]) => users.map((u) => u.id);
/** A user without its `version`, which every write changes: to compare the data of a user before and after writes. */
const unversioned = ({ version: _version, ...rest }: User): Omit<User, 'version'> => rest;
const sameIds = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
const lower = (s: string) => s.toLowerCase();

async function getRemoved(c: Ctx, id: string, operation: string): Promise<void> {
  await expectRejection(c.a.getUser({ id }), `${operation}, then getUser({ id: '${id}' })`, { codes: ['not_found'] });
}

// ---------------------------------------------------------------------------
// Sort helpers
// ---------------------------------------------------------------------------

/** `a` may precede `b` in ascending order, by plain or locale collation (lenient about collation). */
function inOrder(a: string, b: string): boolean {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la <= lb || a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }) <= 0 || la.localeCompare(lb) <= 0;
}

function checkMonotoneStrings(items: User[], key: (u: User) => string, dir: 'asc' | 'desc'): number {
  for (let i = 1; i < items.length; i++) {
    const prev = key(items[i - 1]!);
    const next = key(items[i]!);
    if (!(dir === 'asc' ? inOrder(prev, next) : inOrder(next, prev))) return i;
  }
  return -1;
}

/** The sequence of distinct keys, failing when a key appears in two separate runs. */
function runsOf(items: User[], key: (u: User) => string, operation: string): string[] {
  const seen: string[] = [];
  for (const u of items) {
    const k = key(u);
    if (seen[seen.length - 1] === k) continue;
    ensure(!seen.includes(k), operation, `all items with ${show(k)} next to each other`, items.map(key));
    seen.push(k);
  }
  return seen;
}

const NAME_KEYS: ((u: User) => string)[] = [
  (u) => `${u.firstName} ${u.lastName}`,
  (u) => `${u.lastName} ${u.firstName}`,
  (u) => `${u.lastName}, ${u.firstName}`,
  (u) => u.lastName,
  (u) => u.firstName,
];

async function checkSortOrder(c: Ctx, field: UserSortField, dir: 'asc' | 'desc', items: User[]): Promise<void> {
  const op = `listUsers({ sort: { field: '${field}', direction: '${dir}' } })`;
  const roleOf = (u: User) => u.roleId ?? '(none)';
  switch (field) {
    case 'name': {
      const ok = NAME_KEYS.some((key) => checkMonotoneStrings(items, key, dir) === -1);
      ensure(ok, op, `users ordered by name ${dir} (first/last name in either order)`, items.map((u) => `${u.firstName} ${u.lastName}`));
      return;
    }
    case 'email': {
      const at = checkMonotoneStrings(items, (u) => u.email, dir);
      ensure(at === -1, op, `emails ${dir}`, items.slice(Math.max(0, at - 1), at + 1).map((u) => u.email));
      return;
    }
    case 'createdAt':
    case 'lastSignInAt': {
      const values = items.map((u) => u[field]);
      const nonNull = values.filter((v): v is string => v !== null);
      for (let i = 1; i < nonNull.length; i++) {
        const d = Date.parse(nonNull[i]!) - Date.parse(nonNull[i - 1]!);
        ensure(dir === 'asc' ? d >= 0 : d <= 0, op, `${field} ${dir}`, [nonNull[i - 1], nonNull[i]]);
      }
      // Nulls (never signed in) may sort first or last, but together.
      runsOf(items, (u) => (u[field] === null ? 'null' : 'set'), op);
      return;
    }
    case 'status':
    case 'role': {
      const key = field === 'status' ? (u: User) => u.status : roleOf;
      const seq = runsOf(items, key, op);
      if (dir === 'desc') {
        const asc = await listAll(c.a, { sort: { field, direction: 'asc' } });
        const ascSeq = runsOf(asc.items, key, op.replace('desc', 'asc'));
        const strip = (s: string[]) => s.filter((k) => k !== '(none)');
        ensureEqual(strip(seq), strip(ascSeq).reverse(), `${op} groups ${field} values in the reverse order of 'asc'`);
      }
      return;
    }
  }
}

const SORT_FIELDS: readonly UserSortField[] = ['name', 'email', 'status', 'role', 'lastSignInAt', 'createdAt'];

function sortCheck(field: UserSortField, direction: 'asc' | 'desc'): ConformanceCheck {
  return {
    id: `sort.${field}.${direction}`,
    group: 'sort',
    title: `sorting by ${field} ${direction} is stable across identical requests and page sizes, and follows ${field}`,
    async run(h) {
      const c = await context(h);
      // Two users tied on name (and likely on createdAt), so the tie-break is exercised.
      const last = `Tie ${token()}`;
      const twin = hasContacts(c) ? createContact : createLogin;
      await twin(c, { firstName: 'Same', lastName: last });
      await twin(c, { firstName: 'Same', lastName: last });
      const sort = { field, direction };
      const op = `listUsers({ sort: ${show(sort)} })`;
      const first = await listAll(c.a, { sort }, 7);
      const again = await listAll(c.a, { sort }, 7);
      const wide = await listAll(c.a, { sort }, 50);
      const dup = duplicates(ids(first.items));
      ensure(dup.length === 0, `${op} paged by 7`, 'no user on two pages', dup);
      ensure(first.items.length === first.total, `${op} paged by 7`, `${first.total} users over all pages (the total)`, first.items.length);
      ensureEqual(ids(again.items), ids(first.items), `${op} paged by 7, asked twice, gives the same order`);
      ensureEqual(ids(wide.items), ids(first.items), `${op} paged by 50 gives the order of pages of 7`);
      await checkSortOrder(c, field, direction, first.items);
    },
  };
}

// ---------------------------------------------------------------------------
// Filter helpers
// ---------------------------------------------------------------------------

async function checkFilter(c: Ctx, everyone: User[], filter: UserFilter, predicate: (u: User) => boolean): Promise<number> {
  const op = `listUsers({ filter: ${show(filter)} })`;
  const got = await listAll(c.a, { filter });
  const expected = everyone.filter(predicate);
  const stray = got.items.filter((u) => !predicate(u));
  ensure(stray.length === 0, op, 'only matching users', stray.map((u) => ({ id: u.id, status: u.status, kind: u.kind, roleId: u.roleId, scope: u.scope, entityIds: u.entityIds })));
  ensure(got.total === expected.length, op, `total ${expected.length} (matching users in the unfiltered list)`, got.total);
  ensure(sameIds(ids(got.items), ids(expected)), op, 'exactly the matching users of the unfiltered list', { missing: ids(expected).filter((id) => !ids(got.items).includes(id)) });
  return got.total;
}

async function skipCheck(
  h: ConformanceHarness,
  reason: 'invalid' | 'duplicate' | 'already_member' | 'already_invited' | 'disposable' | 'domain_not_allowed',
  problem: (c: Ctx) => Promise<string[]>,
): Promise<void> {
  const c = await context(h);
  const valid = freshEmail(c, 'invitee');
  const bad = await problem(c);
  const emails = [valid, ...bad];
  const op = `inviteUsers({ emails: ${show(emails)} })`;
  const result = await c.a.inviteUsers({ input: { emails, roleId: c.userRole.id, entityIds: [c.entityId], scope: 'entity' } });
  const skipped = result.skipped.filter((s) => s.reason === reason);
  const badEmail = bad[bad.length - 1]!;
  ensure(skipped.length === 1 && lower(skipped[0]!.email) === lower(badEmail.trim()), op, `${show(badEmail)} skipped once with reason '${reason}'`, result.skipped);
  ensure(result.skipped.length === 1, op, 'exactly one skipped address', result.skipped);
  ensure((result.failed ?? []).length === 0, op, 'no failed address', result.failed);
  // A duplicate's first occurrence is invited; any other problem address is not.
  const expected = reason === 'duplicate' ? [valid, lower(badEmail)] : [valid];
  ensureEqual(result.invited.map((i) => lower(i.email)).sort(), expected.sort(), `${op} invited ${show(expected)} alongside the skipped one`);
}

// ---------------------------------------------------------------------------
// Admin scope, self-protection and SSO helpers
// ---------------------------------------------------------------------------

const HOUR = 60 * 60 * 1000;
const domainOf = (email: string) => lower(email.trim()).slice(email.trim().lastIndexOf('@') + 1);

/** Every entity, page by page. */
async function allEntities(a: UserAdminAdapter): Promise<Entity[]> {
  const out: Entity[] = [];
  for (let pageIndex = 0; pageIndex < 200; pageIndex++) {
    const page = await a.listEntities({ pageIndex, pageSize: 100 });
    out.push(...page.items);
    if (page.items.length < 100 || out.length >= page.total) break;
  }
  return out;
}

/**
 * Two siblings (same parent) neither of which contains the other, by `parentId` and, when given,
 * `ancestorIds`; non-group entities first, and a first one with sub-accounts if possible.
 */
function siblingPair(entities: Entity[]): [Entity, Entity] | null {
  const contains = (outer: Entity, inner: Entity) => inner.ancestorIds?.includes(outer.id) ?? false;
  const rank = (e: Entity) => (e.kind === 'group' ? 2 : e.childCount > 0 ? 0 : 1);
  const ordered = [...entities].sort((x, y) => rank(x) - rank(y));
  for (const e1 of ordered) {
    for (const e2 of ordered) {
      if (e1.id !== e2.id && e1.parentId === e2.parentId && !contains(e1, e2) && !contains(e2, e1)) return [e1, e2];
    }
  }
  return null;
}

interface ScopedCtx extends Ctx {
  /** The entity of the scoped admin's scope. */
  e1: Entity;
  /** A sibling of `e1`, outside the scope. */
  e2: Entity;
  /** The scoped admin, as the main admin reads them after they signed in. */
  admin: User;
  /** The adapter acting as the scoped admin. */
  as: UserAdminAdapter;
}

/**
 * Creates, as the main admin, an admin limited to one entity E1 (`adminScope` and `entityIds`
 * `[E1]`) with a sibling E2 outside the scope, and acts as them through `actAs`.
 */
async function scopedAdmin(c: Ctx): Promise<ScopedCtx> {
  const entities = await allEntities(c.a);
  const pair = siblingPair(entities);
  ensure(pair, 'listEntities()', 'two sibling entities, neither containing the other (harness precondition of the scope checks)', entities.map((e) => ({ id: e.id, parentId: e.parentId })));
  const [e1, e2] = pair;
  const adminScope: AdminScope = { type: 'entities', entityIds: [e1.id] };
  const op = `createUser({ roleId: '${c.adminRole.id}' (admin), adminScope: ${show(adminScope)}, entityIds: ['${e1.id}'] })`;
  const { user } = await createLogin(c, { roleId: c.adminRole.id, adminScope, scope: 'entity', entityIds: [e1.id] });
  ensureEqual(user.adminScope, adminScope, `${op} adminScope`);
  const as = await c.h.actAs!(user.id);
  const s = await as.getSettings();
  const acting = `actAs('${user.id}'), then getSettings()`;
  ensure(s.currentUser.id === user.id && s.currentUser.isAdmin === true, acting, `currentUser '${user.id}', an admin (the harness acts as the scoped admin)`, s.currentUser);
  ensureEqual(s.currentUser.adminScope, adminScope, `${acting} currentUser.adminScope`);
  const admin = await c.a.getUser({ id: user.id });
  ensure(admin.status === 'active', `actAs('${user.id}'), then getUser as the main admin`, 'status active (actAs accepts the invitation)', admin.status);
  return { ...c, e1, e2, admin, as };
}

/** A fresh login user on these entities, signed in once through `actAs` (so active), as the main admin reads them. */
async function activeLogin(c: Ctx, entityIds: string[]): Promise<User> {
  const { user } = await createLogin(c, { scope: entityIds.length > 1 ? 'group' : 'entity', entityIds });
  await c.h.actAs!(user.id);
  const active = await c.a.getUser({ id: user.id });
  ensure(active.status === 'active', `actAs('${user.id}'), then getUser`, 'status active (actAs accepts the invitation)', active.status);
  return active;
}

/** Rejects with one of these codes and one of these reasons. */
async function expectRefusal(promise: Promise<unknown>, operation: string, codes: readonly UserAdminErrorCode[], reasons: readonly DomainErrorReason[]): Promise<void> {
  const error = await expectRejection(promise, operation, { codes });
  const reason = isUserAdminError(error) ? error.reason : undefined;
  ensure(reason !== undefined && reasons.includes(reason), operation, `a UserAdminError with code ${codes.join(' or ')} and reason ${reasons.map((r) => `'${r}'`).join(' or ')}`, error);
}

/** Fails when a user or an invitation exists for this address (a refused call created nothing). */
async function nothingFor(c: Ctx, email: string, after: string): Promise<void> {
  const users = await c.a.listUsers({ pageIndex: 0, pageSize: 5, search: email });
  ensure(users.total === 0, `listUsers({ search: '${email}' }) after ${after}`, 'no user (the refused call created nothing)', users.items.map((u) => ({ id: u.id, email: u.email, status: u.status })));
  if (hasInvitations(c)) {
    const invitations = await c.a.listInvitations({ pageIndex: 0, pageSize: 5, search: email });
    ensure(invitations.total === 0, `listInvitations({ search: '${email}' }) after ${after}`, 'no invitation (the refused call created nothing)', invitations.items);
  }
}

/** Whether the backend has invitations (`settings.features.invitations` is not `false`). */
const hasInvitations = (c: Ctx) => c.settings.features?.invitations !== false;

/** The invitation of this id as `listInvitations` lists it, searched by its address. */
async function listedInvitation(c: Ctx, email: string, id: string): Promise<Invitation | undefined> {
  const page = await c.a.listInvitations({ pageIndex: 0, pageSize: 20, search: email });
  return page.items.find((i) => i.id === id);
}

/** Invites one fresh address as the main admin; returns the invitation. */
async function inviteOne(c: Ctx, prefix: string): Promise<Invitation> {
  const email = freshEmail(c, prefix);
  const op = `inviteUsers({ emails: ['${email}'] })`;
  const result = await c.a.inviteUsers({ input: { emails: [email], roleId: c.userRole.id, entityIds: [c.entityId], scope: 'entity' } });
  ensure(result.invited.length === 1 && result.skipped.length === 0, op, 'one invitation, nothing skipped', result);
  return result.invited[0]!;
}

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

/**
 * Every conformance check, in report order.
 * @example
 * import { conformanceChecks } from 'user-admin-kit/testing';
 * for (const check of conformanceChecks.filter((c) => c.group === 'paging')) await check.run(harness);
 */
export const conformanceChecks: ConformanceCheck[] = [
  {
    id: 'contract.methods',
    group: 'contract',
    title: 'every required method is a function, and optional methods are functions when present',
    async run(h) {
      const a = h.adapter as unknown as Record<string, unknown>;
      const missing = REQUIRED_ADAPTER_METHODS.filter((m) => typeof a[m] !== 'function');
      ensure(missing.length === 0, 'adapter', 'every required method to be a function', { missing });
      const optional: readonly OptionalAdapterMethod[] = ['getUserCounts', 'getAccessDiagnostics', 'setUsersStatus', 'removeUsers', 'updateRole', 'sendPasswordReset'];
      for (const m of optional) {
        ensure(a[m] === undefined || typeof a[m] === 'function', `adapter.${m}`, 'a function or absent', typeof a[m]);
      }
    },
  },
  {
    id: 'settings.shape',
    group: 'settings',
    title: 'getSettings returns an admin current user, a positive invitation validity, an expiry policy and a username policy',
    async run(h) {
      const s = await h.adapter.getSettings();
      const op = 'getSettings()';
      ensure(typeof s.currentUser?.id === 'string' && s.currentUser.id !== '', op, 'currentUser.id', s.currentUser);
      ensure(typeof s.currentUser.name === 'string', op, 'currentUser.name as a string', s.currentUser);
      ensure(s.currentUser.isAdmin === true, op, 'currentUser.isAdmin true', s.currentUser);
      ensure(typeof s.invitation?.ttlDays === 'number' && s.invitation.ttlDays > 0, op, 'invitation.ttlDays > 0', s.invitation);
      ensure(s.invitation.onExpiry === 'expire' || s.invitation.onExpiry === 'deactivate', op, "invitation.onExpiry 'expire' or 'deactivate'", s.invitation);
      ensure(typeof s.sso?.enforced === 'boolean', op, 'sso.enforced as a boolean', s.sso);
      ensure(typeof s.multiEntity === 'boolean', op, 'multiEntity as a boolean', s.multiEntity);
      const u = s.username;
      ensure(
        u?.mode === 'none' || (u?.mode === 'required' && u.minLength > 0 && u.charset === 'alphanumeric'),
        op,
        "username { mode: 'none' } or { mode: 'required', minLength > 0, charset: 'alphanumeric' }",
        u,
      );
      const current = await h.adapter.getUser({ id: s.currentUser.id });
      ensure(current.status === 'active', `getUser({ id: currentUser.id })`, 'the current user to be active', current.status);
    },
  },

  // Paging ------------------------------------------------------------------
  {
    id: 'paging.totals',
    group: 'paging',
    title: 'concatenating every page gives total distinct users, full pages then one partial last page',
    async run(h) {
      const a = h.adapter;
      const { total } = await a.listUsers({ pageIndex: 0, pageSize: 1 });
      ensure(total >= 3, 'listUsers({ pageIndex: 0, pageSize: 1 })', 'a total of at least 3 (harness precondition: 25 users)', total);
      const pageSize = [7, 8, 9, 10, 11, 12, 13].find((p) => p < total && total % p !== 0) ?? total - 1;
      const pages = Math.ceil(total / pageSize);
      const seen: string[] = [];
      for (let pageIndex = 0; pageIndex < pages; pageIndex++) {
        const op = `listUsers({ pageIndex: ${pageIndex}, pageSize: ${pageSize} })`;
        const page = await a.listUsers({ pageIndex, pageSize });
        ensure(page.total === total, op, `total ${total}`, page.total);
        const want = pageIndex < pages - 1 ? pageSize : total - pageSize * (pages - 1);
        ensure(page.items.length === want, op, `${want} items${pageIndex === pages - 1 ? ' (the partial last page)' : ''}`, page.items.length);
        seen.push(...ids(page.items));
      }
      const dup = duplicates(seen);
      ensure(dup.length === 0, `listUsers paged by ${pageSize}`, 'no user on two pages', dup);
      ensure(seen.length === total, `listUsers paged by ${pageSize}`, `${total} distinct users`, seen.length);
    },
  },
  {
    id: 'paging.beyond-end',
    group: 'paging',
    title: 'a page index beyond the end gives no items and the same total',
    async run(h) {
      const a = h.adapter;
      const { total } = await a.listUsers({ pageIndex: 0, pageSize: 10 });
      const last = Math.ceil(total / 10);
      for (const pageIndex of [last, last + 3]) {
        const page = await a.listUsers({ pageIndex, pageSize: 10 });
        ensureEqual({ items: page.items, total: page.total }, { items: [], total }, `listUsers({ pageIndex: ${pageIndex}, pageSize: 10 })`);
      }
    },
  },

  // Sort --------------------------------------------------------------------
  ...SORT_FIELDS.flatMap((f) => [sortCheck(f, 'asc'), sortCheck(f, 'desc')]),

  // Search ------------------------------------------------------------------
  {
    id: 'search.name-and-email',
    group: 'search',
    title: 'search finds a user by a token of its name and of its email, case-insensitively',
    async run(h) {
      const c = await context(h);
      const nameToken = token();
      const mailToken = token();
      const { user } = await createLogin(c, { firstName: `Nm${nameToken}`, email: `ml${mailToken}@${c.domain}` });
      for (const search of [nameToken.toUpperCase(), `Nm${nameToken}`.toLowerCase(), `Ml${mailToken.toUpperCase()}`]) {
        const op = `listUsers({ search: '${search}' })`;
        const page = await c.a.listUsers({ pageIndex: 0, pageSize: 10, search });
        ensure(ids(page.items).includes(user.id), op, `the user created with ${show({ firstName: user.firstName, email: user.email })}`, page.items.map((u) => u.email));
        ensure(page.total === 1, op, 'total 1', page.total);
      }
    },
  },
  {
    id: 'search.no-match',
    group: 'search',
    title: 'a search that matches nobody gives no items and total 0',
    async run(h) {
      const search = `nobody${token()}`;
      const page = await h.adapter.listUsers({ pageIndex: 0, pageSize: 10, search });
      ensureEqual({ items: page.items, total: page.total }, { items: [], total: 0 }, `listUsers({ search: '${search}' })`);
    },
  },

  // Filters -----------------------------------------------------------------
  {
    id: 'filter.status',
    group: 'filter',
    title: 'the status filter returns only users of those statuses, with a matching total',
    async run(h) {
      const c = await context(h);
      await createLogin(c);
      const [victim] = await oneOtherActiveUser(c);
      await c.a.setUserStatus({ id: victim!.id, status: 'deactivated' });
      const everyone = (await listAll(c.a)).items;
      for (const status of [['active'], ['invited'], ['deactivated'], ['invited', 'deactivated']] as const) {
        const n = await checkFilter(c, everyone, { status: [...status] }, (u) => (status as readonly string[]).includes(u.status));
        ensure(n > 0, `listUsers({ filter: { status: ${show(status)} } })`, 'at least one user (one was just made so)', n);
      }
    },
  },
  {
    id: 'filter.kind',
    group: 'filter',
    title: 'the kind filter returns only login users or only contacts (none without contacts), with a matching total',
    async run(h) {
      const c = await context(h);
      if (hasContacts(c)) await createContact(c);
      const everyone = (await listAll(c.a)).items;
      for (const kind of ['login', 'contact'] as const) {
        const n = await checkFilter(c, everyone, { kind }, (u) => u.kind === kind);
        if (kind === 'contact' && !hasContacts(c)) ensure(n === 0, "listUsers({ filter: { kind: 'contact' } }) with features.contacts false", 'no user', n);
        else ensure(n > 0, `listUsers({ filter: { kind: '${kind}' } })`, 'at least one user', n);
      }
    },
  },
  {
    id: 'filter.roleIds',
    group: 'filter',
    title: 'the role filter returns only users with one of those roles, with a matching total',
    async run(h) {
      const c = await context(h);
      const everyone = (await listAll(c.a)).items;
      await checkFilter(c, everyone, { roleIds: [c.userRole.id] }, (u) => u.roleId === c.userRole.id);
      const both = [c.adminRole.id, c.userRole.id];
      const n = await checkFilter(c, everyone, { roleIds: both }, (u) => both.includes(u.roleId ?? ''));
      ensure(n > 0, `listUsers({ filter: { roleIds: ${show(both)} } })`, 'at least one user (the current admin)', n);
    },
  },
  {
    id: 'filter.entityIds',
    group: 'filter',
    title: 'the entity filter returns only users reaching one of those entities, with a matching total',
    async run(h) {
      const c = await context(h);
      const everyone = (await listAll(c.a)).items;
      const reached = [...new Set(everyone.flatMap((u) => u.entityIds))];
      ensure(reached.length >= 1, 'listUsers()', 'users reaching at least one entity', everyone.length);
      const one = [reached[reached.length - 1]!];
      const n = await checkFilter(c, everyone, { entityIds: one }, (u) => u.entityIds.includes(one[0]!));
      ensure(n > 0, `listUsers({ filter: { entityIds: ${show(one)} } })`, 'at least one user', n);
      const two = reached.slice(0, 2);
      await checkFilter(c, everyone, { entityIds: two }, (u) => u.entityIds.some((e) => two.includes(e)));
    },
  },
  {
    id: 'filter.scope',
    group: 'filter',
    title: 'the scope filter returns only group or only entity users, with a matching total',
    async run(h) {
      const c = await context(h);
      const everyone = (await listAll(c.a)).items;
      let sum = 0;
      for (const scope of ['group', 'entity'] as const) sum += await checkFilter(c, everyone, { scope }, (u) => u.scope === scope);
      ensure(sum === everyone.length, "listUsers({ filter: { scope } }) for 'group' and 'entity'", `totals adding up to everyone (${everyone.length})`, sum);
    },
  },

  // Users -------------------------------------------------------------------
  {
    id: 'users.get',
    group: 'users',
    title: 'getUser returns the user as listUsers lists it',
    async run(h) {
      const page = await h.adapter.listUsers({ pageIndex: 0, pageSize: 5 });
      ensure(page.items.length > 0, 'listUsers({ pageIndex: 0, pageSize: 5 })', 'some users', page);
      for (const listed of page.items) {
        ensureEqual(await h.adapter.getUser({ id: listed.id }), listed, `getUser({ id: '${listed.id}' }) equals the listed user`);
      }
    },
  },
  {
    id: 'users.get-not-found',
    group: 'users',
    title: 'getUser of an unknown id rejects with not_found',
    async run(h) {
      await expectRejection(h.adapter.getUser({ id: `missing-${token()}` }), 'getUser({ id: <unknown> })', { codes: ['not_found'] });
    },
  },
  {
    id: 'users.create-login',
    group: 'users',
    features: ['invitations'],
    title: 'creating a login user invites it: status invited, with a pending invitation valid for ttlDays',
    async run(h) {
      const c = await context(h);
      const result = await createLogin(c);
      const { user, invitation } = result;
      const op = 'createUser({ input: { kind: login } })';
      ensure(user.kind === 'login' && user.status === 'invited', op, 'a login user with status invited', { kind: user.kind, status: user.status });
      ensure(invitation !== null, op, 'an invitation in the result', result);
      ensure(invitation.status === 'pending' && invitation.kind === 'invitation', op, "an invitation of kind 'invitation', pending", invitation);
      ensure(invitation.userId === user.id, op, `invitation.userId ${user.id}`, invitation.userId);
      ensure(user.invitation?.id === invitation.id && user.invitation.status === 'pending', op, 'user.invitation to be that pending invitation', user.invitation);
      // The backend's clock may differ from ours: measure against the backend's own "now".
      const now = Date.parse(user.createdAt);
      const expires = Date.parse(invitation.expiresAt);
      const want = now + c.settings.invitation.ttlDays * DAY;
      ensure(Math.abs(expires - want) <= DAY, op, `expiresAt ≈ createdAt + ${c.settings.invitation.ttlDays} days (±1 day) = ${new Date(want).toISOString()}`, invitation.expiresAt);
      ensure(Math.abs(Date.parse(invitation.sentAt) - now) <= DAY, op, `sentAt ≈ createdAt ${user.createdAt}`, invitation.sentAt);
      ensureEqual(await c.a.getUser({ id: user.id }), user, `getUser({ id: '${user.id}' }) equals the created user`);
    },
  },
  {
    id: 'users.create-contact',
    group: 'users',
    features: ['contacts'],
    title: 'creating a contact gives kind contact in exactly one entity, without invitation or role',
    async run(h) {
      const c = await context(h);
      const result = await createContact(c);
      const op = 'createUser({ input: { kind: contact } })';
      ensure(result.user.kind === 'contact', op, 'kind contact', result.user.kind);
      ensureEqual(result.user.entityIds, [c.entityId], `${op} entityIds`);
      ensure(result.invitation === null && result.user.invitation === null, op, 'no invitation', { invitation: result.invitation, userInvitation: result.user.invitation });
      ensure(result.user.roleId === null, op, 'roleId null', result.user.roleId);
    },
  },
  {
    id: 'users.update-profile',
    group: 'users',
    title: 'updateUser changes the profile fields, and getUser reads them back',
    async run(h) {
      const c = await context(h);
      const { user } = await createLogin(c);
      const patch = {
        firstName: 'Renamed',
        lastName: `Person ${token()}`,
        ...(c.settings.features?.phone === false ? {} : { phone: '+33 1 23 45 67 89' }),
        ...(c.settings.username.mode === 'required' ? { username: usernameFor(c) } : {}),
      };
      const op = `updateUser({ patch: ${show(patch)} })`;
      const result = await c.a.updateUser({ id: user.id, patch });
      ensure(result.emailChange === 'none', op, "emailChange 'none'", result.emailChange);
      // A backend may reformat a phone number: compare its digits.
      const norm = (k: string, v: unknown) => (k === 'phone' && typeof v === 'string' ? v.replace(/\D/g, '') : v);
      for (const [k, v] of Object.entries(patch)) {
        const got = result.user[k as keyof User];
        ensure(norm(k, got) === norm(k, v), op, `${k} ${show(v)}`, got);
      }
      ensureEqual(await c.a.getUser({ id: user.id }), result.user, `getUser after ${op}`);
    },
  },
  {
    id: 'users.email-change-login',
    group: 'users',
    title: "changing a login user's email sends a registration request and sets pendingEmail (or, with features.emailChangeConfirmation false, applies at once)",
    async run(h) {
      const c = await context(h);
      const [user] = await oneOtherActiveUser(c);
      const email = freshEmail(c, 'moved');
      const op = `updateUser({ id: active login user, patch: { email: '${email}' } })`;
      const result = await c.a.updateUser({ id: user!.id, patch: { email } });
      if (c.settings.features?.emailChangeConfirmation === false) {
        ensure(result.emailChange === 'none', `${op} with features.emailChangeConfirmation false`, "emailChange 'none'", result.emailChange);
        ensure(lower(result.user.email) === email && result.user.pendingEmail === null, op, `email '${email}' at once and pendingEmail null`, { email: result.user.email, pendingEmail: result.user.pendingEmail });
        ensureEqual(await c.a.getUser({ id: user!.id }), result.user, `getUser after ${op}`);
        return;
      }
      ensure(result.emailChange === 'registration_request_sent', op, "emailChange 'registration_request_sent'", result.emailChange);
      ensure(lower(result.user.pendingEmail ?? '') === email, op, `pendingEmail '${email}'`, result.user.pendingEmail);
      ensure(result.user.invitation?.kind === 'registration_request', op, "user.invitation of kind 'registration_request'", result.user.invitation);
    },
  },
  {
    id: 'users.email-change-contact',
    group: 'users',
    features: ['contacts'],
    title: "changing a contact's email applies at once, without a registration request",
    async run(h) {
      const c = await context(h);
      const { user } = await createContact(c);
      const email = freshEmail(c, 'contactmoved');
      const op = `updateUser({ id: contact, patch: { email: '${email}' } })`;
      const result = await c.a.updateUser({ id: user.id, patch: { email } });
      ensure(result.emailChange === 'none', op, "emailChange 'none'", result.emailChange);
      ensure(lower(result.user.email) === email && result.user.pendingEmail === null, op, `email '${email}' and pendingEmail null`, { email: result.user.email, pendingEmail: result.user.pendingEmail });
    },
  },
  {
    id: 'users.admin-only-module-refused',
    group: 'users',
    title: 'an admin-only module is refused for a user with a non-admin role, on create and on update',
    async run(h) {
      const c = await context(h);
      const m = c.adminOnlyModule;
      const granted = { [m.id]: m.levels[m.levels.length - 1]! };
      await expectRejection(createLogin(c, { permissions: granted }), `createUser(non-admin role, permissions ${show(granted)})`, { codes: ['validation', 'forbidden'], reason: 'admin_only_module' });
      const { user } = await createLogin(c);
      await expectRejection(c.a.updateUser({ id: user.id, patch: { permissions: granted } }), `updateUser(non-admin user, permissions ${show(granted)})`, { codes: ['validation', 'forbidden'], reason: 'admin_only_module' });
      const after = await c.a.getUser({ id: user.id });
      ensure((after.permissions[m.id] ?? m.levels[0]) === m.levels[0], 'getUser after the refused update', `permissions.${m.id} unchanged (no access)`, after.permissions);
    },
  },
  {
    id: 'users.demotion-clears-admin-only',
    group: 'users',
    title: 'demoting an admin to a non-admin role clears its admin-only modules and its admin scope',
    async run(h) {
      const c = await context(h);
      const m = c.adminOnlyModule;
      const top = m.levels[m.levels.length - 1]!;
      const { user } = await createLogin(c, { roleId: c.adminRole.id, adminScope: { type: 'all' }, permissions: { ...c.adminRole.defaultPermissions, [m.id]: top } });
      ensure(user.permissions[m.id] === top, 'createUser(admin role, admin-only module granted)', `permissions.${m.id} '${top}'`, user.permissions);
      const op = `updateUser({ patch: { roleId: '${c.userRole.id}' } }) of an admin`;
      const { user: demoted } = await c.a.updateUser({ id: user.id, patch: { roleId: c.userRole.id } });
      ensure(demoted.roleId === c.userRole.id, op, `roleId '${c.userRole.id}'`, demoted.roleId);
      for (const mod of c.modules.filter((x) => x.adminOnly)) {
        const level = demoted.permissions[mod.id];
        ensure(level === undefined || level === mod.levels[0], op, `admin-only module ${mod.id} cleared`, demoted.permissions);
      }
      ensure(demoted.adminScope === null, op, 'adminScope null', demoted.adminScope);
    },
  },

  // Lifecycle ---------------------------------------------------------------
  {
    id: 'lifecycle.deactivate-reactivate',
    group: 'lifecycle',
    title: 'deactivating then reactivating a user keeps every datum',
    async run(h) {
      const c = await context(h);
      const [user] = await oneOtherActiveUser(c);
      const before = await c.a.getUser({ id: user!.id });
      // Each write gives the user a new `version` (when the backend has versions): every other datum stays.
      const off = await c.a.setUserStatus({ id: before.id, status: 'deactivated' });
      ensureEqual(unversioned(off), unversioned({ ...before, status: 'deactivated' }), "setUserStatus('deactivated') returns the user unchanged but for status (and version)");
      ensureEqual(await c.a.getUser({ id: before.id }), off, "getUser after setUserStatus('deactivated')");
      const on = await c.a.setUserStatus({ id: before.id, status: 'active' });
      ensureEqual(unversioned(on), unversioned(before), "setUserStatus('active') gives back the user as before (but for version)");
    },
  },
  {
    id: 'lifecycle.remove-reinvite',
    group: 'lifecycle',
    features: ['invitations'],
    title: 'a removed user is gone, and its email can be invited again',
    async run(h) {
      const c = await context(h);
      const [user] = await oneOtherActiveUser(c);
      await c.a.removeUser({ id: user!.id });
      await getRemoved(c, user!.id, 'removeUser');
      const list = await listAll(c.a, { search: user!.email });
      ensure(!ids(list.items).includes(user!.id), `listUsers({ search: '${user!.email}' }) after removeUser`, 'the removed user absent', ids(list.items));
      const op = `inviteUsers({ emails: ['${user!.email}'] }) after removeUser`;
      const result = await c.a.inviteUsers({ input: { emails: [user!.email], roleId: c.userRole.id, entityIds: [c.entityId], scope: 'entity' } });
      ensure(result.invited.length === 1 && result.skipped.length === 0, op, 'the address invited, none skipped', result);
      const again = await c.a.getUser({ id: result.invited[0]!.userId });
      ensure(again.status === 'invited' && lower(again.email) === lower(user!.email), op, `an invited user with email ${user!.email}`, { status: again.status, email: again.email });
    },
  },
  {
    id: 'protections.self-action',
    group: 'protections',
    title: 'the current user can neither deactivate nor remove themself (reason self_action)',
    async run(h) {
      const c = await context(h);
      const id = c.current.id;
      await expectRejection(c.a.setUserStatus({ id, status: 'deactivated' }), "setUserStatus({ id: currentUser.id, status: 'deactivated' })", { codes: REFUSAL_CODES, reason: 'self_action' });
      await expectRejection(c.a.removeUser({ id }), 'removeUser({ id: currentUser.id })', { codes: REFUSAL_CODES, reason: 'self_action' });
      const after = await c.a.getUser({ id });
      ensure(after.status === 'active', 'getUser({ id: currentUser.id }) after the refusals', 'status active', after.status);
    },
  },
  {
    id: 'protections.last-admin',
    group: 'protections',
    title: 'the last admin cannot be demoted (reason last_admin, or self_action since the last admin is the current user)',
    async run(h) {
      const c = await context(h);
      const adminRoles = c.roles.filter((r) => r.isAdmin).map((r) => r.id);
      const admins = (await listAll(c.a, { filter: { roleIds: adminRoles } })).items.filter((u) => u.id !== c.current.id);
      for (const u of admins) await c.a.removeUser({ id: u.id });
      const left = await listAll(c.a, { filter: { roleIds: adminRoles } });
      ensureEqual(ids(left.items), [c.current.id], 'after removing the other admins, listUsers({ filter: { roleIds: admin roles } }) gives only the current user');
      // The current user is the last admin: the self rule comes first in the core's order, so either reason keeps them admin.
      await expectRefusal(c.a.updateUser({ id: c.current.id, patch: { roleId: c.userRole.id } }), 'updateUser(last admin, { roleId: non-admin role })', REFUSAL_CODES, ['last_admin', 'self_action']);
      const after = await c.a.getUser({ id: c.current.id });
      ensure(adminRoles.includes(after.roleId ?? ''), 'getUser({ id: currentUser.id }) after the refused demotion', 'an admin role still', after.roleId);
    },
  },
  {
    id: 'protections.self-demote',
    group: 'protections',
    title: 'the current admin cannot demote themself (forbidden, reason self_action) even with another active admin, and keeps their role',
    async run(h) {
      const c = await context(h);
      const self = c.current.id;
      const adminRoles = c.roles.filter((r) => r.isAdmin).map((r) => r.id);
      const others = (await listAll(c.a, { filter: { roleIds: adminRoles, status: ['active'], kind: 'login' } })).items.filter((u) => u.id !== self && u.status === 'active');
      if (others.length === 0) {
        // Another active admin, so last_admin cannot be the reason: invited, then signed in through actAs.
        ensure(h.actAs, "listUsers({ filter: { roleIds: admin roles, status: ['active'] } })", 'another active admin, or the actAs control to make one (harness precondition)', others.length);
        const { user } = await createLogin(c, { roleId: c.adminRole.id });
        await h.actAs(user.id);
        const made = await c.a.getUser({ id: user.id });
        ensure(made.status === 'active', `actAs('${user.id}'), then getUser`, 'a second active admin (actAs accepts the invitation)', made.status);
      }
      const before = await c.a.getUser({ id: self });
      const op = `updateUser({ id: currentUser.id, patch: { roleId: '${c.userRole.id}' (non-admin) } }) with another active admin`;
      await expectRejection(c.a.updateUser({ id: self, patch: { roleId: c.userRole.id } }), op, { codes: ['forbidden'], reason: 'self_action' });
      ensureEqual(await c.a.getUser({ id: self }), before, `getUser({ id: currentUser.id }) after the refused ${op}: unchanged`);
      const settings = await c.a.getSettings();
      ensure(settings.currentUser.isAdmin === true, `getSettings() after the refused ${op}`, 'currentUser.isAdmin still true', settings.currentUser);
    },
  },
  {
    id: 'protections.self-deactivate',
    group: 'protections',
    title: 'the current user cannot deactivate or remove themself, alone or in bulk (forbidden, reason self_action), and stays as they were',
    async run(h) {
      const c = await context(h);
      const self = c.current.id;
      const before = await c.a.getUser({ id: self });
      await expectRejection(c.a.setUserStatus({ id: self, status: 'deactivated' }), "setUserStatus({ id: currentUser.id, status: 'deactivated' })", { codes: ['forbidden'], reason: 'self_action' });
      await expectRejection(c.a.removeUser({ id: self }), 'removeUser({ id: currentUser.id })', { codes: ['forbidden'], reason: 'self_action' });
      if (c.a.setUsersStatus) {
        const [other] = await oneOtherActiveUser(c);
        const op = "setUsersStatus({ ids: [currentUser, other], status: 'deactivated' })";
        const { results } = await c.a.setUsersStatus({ ids: [self, other!.id], status: 'deactivated' });
        ensure(sameIds(results.map((r) => r.id), [self, other!.id]), op, 'one result per id', results);
        const mine = results.find((r) => r.id === self);
        ensure(mine && !mine.ok && mine.error.code === 'forbidden' && mine.error.reason === 'self_action', op, "ok:false for the current user, with code forbidden and reason 'self_action'", mine);
        ensure(results.find((r) => r.id === other!.id)?.ok === true, op, `ok:true for '${other!.id}'`, results);
        const theirs = await c.a.getUser({ id: other!.id });
        ensure(theirs.status === 'deactivated', `getUser('${other!.id}') after ${op}`, 'deactivated', theirs.status);
      }
      ensureEqual(await c.a.getUser({ id: self }), before, 'getUser({ id: currentUser.id }) after the refusals: unchanged');
    },
  },

  // Invitations -------------------------------------------------------------
  {
    id: 'invitations.flow',
    group: 'invitations',
    features: ['invitations'],
    title: 'invited addresses are listed pending; resending extends the expiry; revoking removes the invitation and its user',
    async run(h) {
      const c = await context(h);
      const tok = token();
      const emails = [`inv1.${tok}@${c.domain}`, `inv2.${tok}@${c.domain}`];
      const result = await c.a.inviteUsers({ input: { emails, roleId: c.userRole.id, entityIds: [c.entityId], scope: 'entity' } });
      const op = `inviteUsers({ emails: ${show(emails)} })`;
      ensure(result.invited.length === 2 && result.skipped.length === 0 && (result.failed ?? []).length === 0, op, 'two invitations, none skipped or failed', result);
      for (const inv of result.invited) ensure(inv.status === 'pending' && inv.kind === 'invitation' && emails.includes(lower(inv.email)), op, 'pending invitations for those addresses', inv);
      const listed = await c.a.listInvitations({ pageIndex: 0, pageSize: 20, search: tok, status: 'pending' });
      ensure(sameIds(ids(listed.items), ids(result.invited)) && listed.total === 2, `listInvitations({ search: '${tok}', status: 'pending' })`, 'the two invitations, total 2', listed);
      const [first, second] = result.invited as [typeof result.invited[0] & {}, typeof result.invited[0] & {}];
      if (h.advanceTime) await h.advanceTime(DAY);
      const resent = await c.a.resendInvitation({ id: first.id });
      ensure(Date.parse(resent.expiresAt) >= Date.parse(first.expiresAt), `resendInvitation({ id: '${first.id}' })`, `expiresAt ≥ ${first.expiresAt}`, resent.expiresAt);
      if (h.advanceTime) ensure(Date.parse(resent.expiresAt) > Date.parse(first.expiresAt), `resendInvitation one day later`, `expiresAt > ${first.expiresAt}`, resent.expiresAt);
      ensure(resent.status === 'pending', `resendInvitation({ id: '${first.id}' })`, 'status pending', resent.status);
      await c.a.revokeInvitation({ id: second.id });
      const after = await c.a.listInvitations({ pageIndex: 0, pageSize: 20, search: tok });
      ensure(sameIds(ids(after.items), [first.id]) && after.total === 1, `listInvitations({ search: '${tok}' }) after revoking '${second.id}'`, `only '${first.id}'`, after);
      await getRemoved(c, second.userId, 'revokeInvitation');
    },
  },
  {
    id: 'invitations.skip-invalid',
    group: 'invitations',
    features: ['invitations'],
    title: "an invalid address is skipped with reason 'invalid'",
    run: (h) => skipCheck(h, 'invalid', async () => ['not an email']),
  },
  {
    id: 'invitations.skip-duplicate',
    group: 'invitations',
    features: ['invitations'],
    title: "an address given twice in one request is invited once and skipped once with reason 'duplicate'",
    run: (h) =>
      skipCheck(h, 'duplicate', async (c) => {
        const e = freshEmail(c, 'twice');
        return [e, e];
      }),
  },
  {
    id: 'invitations.skip-already-member',
    group: 'invitations',
    features: ['invitations'],
    title: "a member's address is skipped with reason 'already_member'",
    run: (h) => skipCheck(h, 'already_member', async (c) => [(await oneOtherActiveUser(c))[0]!.email]),
  },
  {
    id: 'invitations.skip-already-invited',
    group: 'invitations',
    features: ['invitations'],
    title: "an address with a pending invitation is skipped with reason 'already_invited'",
    run: (h) => skipCheck(h, 'already_invited', async (c) => [(await createLogin(c)).user.email]),
  },
  {
    id: 'invitations.skip-disposable',
    group: 'invitations',
    features: ['invitations'],
    title: "a disposable address is skipped with reason 'disposable'",
    run: (h) => skipCheck(h, 'disposable', async () => [h.disposableEmail ?? DEFAULT_DISPOSABLE]),
  },
  {
    id: 'invitations.skip-domain-not-allowed',
    group: 'invitations',
    features: ['invitations'],
    title: "an address outside the allowed domains is skipped with reason 'domain_not_allowed'",
    requires: ['disallowedDomainEmail'],
    run: (h) => skipCheck(h, 'domain_not_allowed', async () => [h.disallowedDomainEmail!]),
  },
  {
    id: 'invitations.sso-enforced',
    group: 'invitations',
    features: ['invitations'],
    title: "under enforced SSO, invitations are skipped with reason 'sso_enforced' and login users cannot be created",
    requires: ['setSsoEnforced'],
    async run(h) {
      await h.setSsoEnforced!(true);
      const c = await context(h);
      ensure(c.settings.sso.enforced === true, 'getSettings() after setSsoEnforced(true)', 'sso.enforced true', c.settings.sso);
      const email = freshEmail(c, 'sso');
      const op = `inviteUsers({ emails: ['${email}'] }) under SSO`;
      const result = await c.a.inviteUsers({ input: { emails: [email], roleId: c.userRole.id, entityIds: [c.entityId], scope: 'entity' } });
      ensure(result.invited.length === 0, op, 'no invitation', result.invited);
      ensureEqual(result.skipped.map((s) => ({ email: lower(s.email), reason: s.reason })), [{ email, reason: 'sso_enforced' }], `${op} skipped`);
      await expectRejection(createLogin(c), 'createUser({ kind: login }) under SSO', { codes: REFUSAL_CODES, reason: 'sso_enforced' });
    },
  },
  {
    id: 'invitations.partial-failure',
    group: 'invitations',
    features: ['invitations'],
    title: "an address the backend fails to invite comes back in 'failed' with a known code while the others are invited, nothing is left for it, and sending it again invites it",
    requires: ['failInvite'],
    async run(h) {
      const c = await context(h);
      const [first, failing, last] = ['part1', 'part2', 'part3'].map((p) => freshEmail(c, p)) as [string, string, string];
      await h.failInvite!(failing);
      const emails = [first, failing, last];
      const op = `inviteUsers({ emails: ${show(emails)} }) with failInvite('${failing}')`;
      const input = { roleId: c.userRole.id, entityIds: [c.entityId], scope: 'entity' as const };
      const result = await c.a.inviteUsers({ input: { emails, ...input } });
      const failed = result.failed ?? [];
      ensureEqual(failed.map((f) => lower(f.email)), [failing], `${op} failed`);
      ensure((USER_ADMIN_ERROR_CODES as readonly string[]).includes(failed[0]!.code), op, 'a known error code', failed[0]);
      ensureEqual(result.invited.map((i) => lower(i.email)).sort(), [first, last].sort(), `${op} invited`);
      ensure(result.skipped.length === 0, op, 'nothing skipped', result.skipped);
      const left = await c.a.listUsers({ pageIndex: 0, pageSize: 5, search: failing });
      ensure(left.total === 0, `listUsers({ search: '${failing}' }) after the failure`, 'no user for the failed address', left.items.map((u) => ({ id: u.id, email: u.email, status: u.status })));
      const again = await c.a.inviteUsers({ input: { emails: [failing], ...input } });
      ensureEqual(again.invited.map((i) => lower(i.email)), [failing], `inviteUsers({ emails: ['${failing}'] }) sent again`);
    },
  },
  {
    id: 'invitations.expiry',
    group: 'invitations',
    features: ['invitations'],
    title: 'an invitation outlives ttlDays - 1 days, and after ttlDays + 1 days it expires (or deactivates its user, by policy)',
    requires: ['advanceTime'],
    async run(h) {
      const c = await context(h);
      const { ttlDays, onExpiry } = c.settings.invitation;
      const { user, invitation } = await createLogin(c);
      ensure(invitation, 'createUser({ kind: login })', 'an invitation', invitation);
      if (ttlDays > 1) {
        await h.advanceTime!((ttlDays - 1) * DAY);
        const early = await c.a.getUser({ id: user.id });
        ensure(early.status === 'invited' && early.invitation?.status === 'pending', `getUser after ${ttlDays - 1} days`, 'still invited with a pending invitation', { status: early.status, invitation: early.invitation });
        await h.advanceTime!(2 * DAY);
      } else {
        await h.advanceTime!((ttlDays + 1) * DAY);
      }
      const late = await c.a.getUser({ id: user.id });
      const op = `getUser after ${ttlDays + 1} days (policy '${onExpiry}')`;
      if (onExpiry === 'deactivate') {
        ensure(late.status === 'deactivated', op, 'status deactivated', late.status);
      } else {
        ensure(late.invitation?.status === 'expired', op, "invitation status 'expired'", late.invitation);
        const expired = await c.a.listInvitations({ pageIndex: 0, pageSize: 50, search: user.email, status: 'expired' });
        ensure(ids(expired.items).includes(invitation.id), `listInvitations({ search: '${user.email}', status: 'expired' })`, `invitation '${invitation.id}'`, expired.items);
      }
    },
  },

  {
    id: 'invitations.classification-order',
    group: 'invitations',
    features: ['invitations'],
    title: 'one invitation call classifies each address by the first reason that applies (invalid, duplicate, already_member before domain_not_allowed, disposable); under enforced SSO every address is sso_enforced',
    requires: ['disallowedDomainMemberEmail'],
    async run(h) {
      const c = await context(h);
      const member = h.disallowedDomainMemberEmail!;
      const found = await c.a.listUsers({ pageIndex: 0, pageSize: 10, search: member });
      ensure(found.items.some((u) => lower(u.email) === lower(member)), `listUsers({ search: '${member}' })`, 'the user whose address is disallowedDomainMemberEmail (harness precondition)', found.items.map((u) => u.email));
      const input = { roleId: c.userRole.id, entityIds: [c.entityId], scope: 'entity' as const };
      // Without a refused domain the member's already_member proves no order: a new address at that
      // same domain must be refused first, or the harness is misconfigured.
      const sameDomain = `fresh.${token()}@${domainOf(member)}`;
      const probeOp = `inviteUsers({ emails: ['${sameDomain}'] })`;
      const probe = await c.a.inviteUsers({ input: { emails: [sameDomain], ...input } });
      ensure(
        probe.invited.length === 0 && probe.skipped.length === 1 && probe.skipped[0]!.reason === 'domain_not_allowed',
        probeOp,
        `'${sameDomain}' skipped with reason 'domain_not_allowed' (harness precondition: the domain of disallowedDomainMemberEmail must be refused for new users)`,
        probe,
      );
      const valid = freshEmail(c, 'order');
      const twice = freshEmail(c, 'twice');
      const invalid = 'not an email';
      const selfUpper = c.current.email.toUpperCase();
      const foreign = h.disallowedDomainEmail ? `fresh.${token()}@${domainOf(h.disallowedDomainEmail)}` : null;
      const disposable = h.disposableEmail ?? DEFAULT_DISPOSABLE;
      const expected: { email: string; reason: InviteSkipReason }[] = [
        { email: invalid, reason: 'invalid' },
        { email: twice.toUpperCase(), reason: 'duplicate' },
        ...(lower(member) === lower(c.current.email) ? [] : [{ email: selfUpper, reason: 'already_member' as const }]),
        { email: member, reason: 'already_member' },
        ...(foreign ? [{ email: foreign, reason: 'domain_not_allowed' as const }] : []),
        { email: disposable, reason: 'disposable' },
      ];
      const emails = [valid, invalid, twice, ...expected.slice(1).map((e) => e.email)];
      const op = `inviteUsers({ emails: ${show(emails)} })`;
      const result = await c.a.inviteUsers({ input: { emails, ...input } });
      const key = (s: { email: string; reason: string }) => `${lower(s.email.trim())} → ${s.reason}`;
      for (const e of expected) {
        const got = result.skipped.filter((s) => lower(s.email.trim()) === lower(e.email));
        ensure(got.length === 1 && got[0]!.reason === e.reason, op, `${show(e.email)} skipped once with reason '${e.reason}'`, got.length ? got : result.skipped);
      }
      ensureEqual(result.skipped.map(key).sort(), expected.map(key).sort(), `${op} skipped exactly`);
      ensureEqual(result.invited.map((i) => lower(i.email)).sort(), [valid, twice].sort(), `${op} invited (a duplicate's first occurrence is invited)`);
      ensure((result.failed ?? []).length === 0, op, 'no failed address', result.failed);
      if (!h.setSsoEnforced) return;

      const invitationsBefore = (await c.a.listInvitations({ pageIndex: 0, pageSize: 1 })).total;
      const usersBefore = (await c.a.listUsers({ pageIndex: 0, pageSize: 1 })).total;
      await h.setSsoEnforced(true);
      const fresh = freshEmail(c, 'ssoorder');
      const ssoEmails = [fresh, invalid, fresh, selfUpper, member, ...(foreign ? [foreign] : []), disposable];
      const ssoOp = `inviteUsers({ emails: ${show(ssoEmails)} }) under SSO`;
      const sso = await c.a.inviteUsers({ input: { emails: ssoEmails, ...input } });
      ensure(sso.invited.length === 0 && (sso.failed ?? []).length === 0, ssoOp, 'nothing invited or failed', sso);
      ensureEqual(sso.skipped.map(key).sort(), ssoEmails.map((email) => key({ email, reason: 'sso_enforced' })).sort(), `${ssoOp} skipped every address, even the invalid one and the repeat, with reason 'sso_enforced'`);
      ensure((await c.a.listInvitations({ pageIndex: 0, pageSize: 1 })).total === invitationsBefore, `listInvitations() after ${ssoOp}`, `total ${invitationsBefore} (no new invitation)`, 'another total');
      ensure((await c.a.listUsers({ pageIndex: 0, pageSize: 1 })).total === usersBefore, `listUsers() after ${ssoOp}`, `total ${usersBefore} (no new user)`, 'another total');
    },
  },

  // SSO ---------------------------------------------------------------------
  {
    id: 'sso.no-resend',
    group: 'sso',
    features: ['invitations'],
    title: "under enforced SSO, resending a pending invitation is refused (forbidden, reason sso_enforced) and the invitation is unchanged",
    requires: ['setSsoEnforced'],
    async run(h) {
      const c = await context(h);
      const inv = await inviteOne(c, 'ssoresend');
      const listed = await listedInvitation(c, inv.email, inv.id);
      ensure(listed, `listInvitations({ search: '${inv.email}' })`, `invitation '${inv.id}'`, listed);
      const user = await c.a.getUser({ id: inv.userId });
      await h.setSsoEnforced!(true);
      // A resend that went through would move sentAt and expiresAt.
      if (h.advanceTime) await h.advanceTime(HOUR);
      const op = `resendInvitation({ id: '${inv.id}' }) under SSO`;
      await expectRejection(c.a.resendInvitation({ id: inv.id }), op, { codes: ['forbidden'], reason: 'sso_enforced' });
      ensureEqual(await listedInvitation(c, inv.email, inv.id), listed, `listInvitations({ search: '${inv.email}' }) after the refused ${op}: the invitation unchanged (same sentAt and expiresAt)`);
      ensureEqual((await c.a.getUser({ id: inv.userId })).invitation, user.invitation, `getUser('${inv.userId}').invitation after the refused ${op}: unchanged`);
    },
  },
  {
    id: 'sso.no-invite-on-reactivate',
    group: 'sso',
    features: ['invitations'],
    title: 'under enforced SSO, reactivating a user who never accepted their invitation makes them active without any pending invitation',
    requires: ['setSsoEnforced'],
    async run(h) {
      const c = await context(h);
      const inv = await inviteOne(c, 'ssoreact');
      const off = await c.a.setUserStatus({ id: inv.userId, status: 'deactivated' });
      ensure(off.status === 'deactivated', `setUserStatus({ id: invited user, status: 'deactivated' })`, 'status deactivated', off.status);
      await h.setSsoEnforced!(true);
      const op = `setUserStatus({ id: '${inv.userId}' (never accepted), status: 'active' }) under SSO`;
      const on = await c.a.setUserStatus({ id: inv.userId, status: 'active' });
      ensure(on.status === 'active' && on.invitation === null, op, 'status active and invitation null', { status: on.status, invitation: on.invitation });
      const again = await c.a.getUser({ id: inv.userId });
      ensure(again.status === 'active' && again.invitation === null, `getUser after ${op}`, 'status active and invitation null', { status: again.status, invitation: again.invitation });
      const pending = await c.a.listInvitations({ pageIndex: 0, pageSize: 20, search: inv.email, status: 'pending' });
      ensure(!pending.items.some((i) => i.userId === inv.userId), `listInvitations({ search: '${inv.email}', status: 'pending' }) after ${op}`, 'no pending invitation for that user', pending.items);
    },
  },

  // Admin scope -------------------------------------------------------------
  {
    id: 'scope.grant-outside',
    group: 'scope',
    features: ['adminScope'],
    title: 'an admin limited to entity E1 cannot create or invite a user on a sibling E2 (forbidden, reason outside_scope; nothing created), and can on E1',
    requires: ['actAs'],
    async run(h) {
      const s = await scopedAdmin(await context(h));
      const who = `as the admin scoped to '${s.e1.id}'`;
      const outside = freshEmail(s, 'outside');
      const createOp = `${who}, createUser({ email: '${outside}', entityIds: ['${s.e2.id}'] })`;
      await expectRejection(createLogin(s, { email: outside, scope: 'entity', entityIds: [s.e2.id] }, s.as), createOp, { codes: ['forbidden'], reason: 'outside_scope' });
      await nothingFor(s, outside, `the refused ${createOp}`);
      const input = { roleId: s.userRole.id, scope: 'entity' as const };
      if (hasInvitations(s)) {
        const invitee = freshEmail(s, 'outside');
        const inviteOp = `${who}, inviteUsers({ emails: ['${invitee}'], entityIds: ['${s.e2.id}'] })`;
        await expectRejection(s.as.inviteUsers({ input: { emails: [invitee], entityIds: [s.e2.id], ...input } }), inviteOp, { codes: ['forbidden'], reason: 'outside_scope' });
        await nothingFor(s, invitee, `the refused ${inviteOp}`);
      }
      // The control: the same on E1 goes through, so the refusals above are about the scope.
      const inside = freshEmail(s, 'inside');
      const { user } = await createLogin(s, { email: inside, scope: 'entity', entityIds: [s.e1.id] }, s.as);
      ensureEqual((await s.a.getUser({ id: user.id })).entityIds, [s.e1.id], `${who}, createUser({ entityIds: ['${s.e1.id}'] }), then getUser as the main admin: entityIds`);
      if (hasInvitations(s)) {
        const invitee = freshEmail(s, 'inside');
        const inviteOp = `${who}, inviteUsers({ emails: ['${invitee}'], entityIds: ['${s.e1.id}'] })`;
        const result = await s.as.inviteUsers({ input: { emails: [invitee], entityIds: [s.e1.id], ...input } });
        ensure(result.invited.length === 1 && result.skipped.length === 0 && (result.failed ?? []).length === 0, inviteOp, 'one invitation, nothing skipped or failed', result);
        const invited = await s.a.getUser({ id: result.invited[0]!.userId });
        ensure(invited.status === 'invited' && sameIds(invited.entityIds, [s.e1.id]), `getUser after ${inviteOp}`, `an invited user on ['${s.e1.id}']`, { status: invited.status, entityIds: invited.entityIds });
      }
    },
  },
  {
    id: 'scope.broader-admin',
    group: 'scope',
    features: ['adminScope'],
    title: 'an admin limited to E1 cannot give an admin scope broader than their own (forbidden, reason scope_too_broad; nothing created), and can give E1',
    requires: ['actAs'],
    async run(h) {
      const s = await scopedAdmin(await context(h));
      const who = `as the admin scoped to '${s.e1.id}'`;
      const admin = { roleId: s.adminRole.id, scope: 'entity' as const, entityIds: [s.e1.id] };
      for (const adminScope of [{ type: 'all' }, { type: 'entities', entityIds: [s.e2.id] }] as AdminScope[]) {
        const email = freshEmail(s, 'broad');
        const op = `${who}, createUser({ roleId: admin, adminScope: ${show(adminScope)}, entityIds: ['${s.e1.id}'] })`;
        await expectRejection(createLogin(s, { email, adminScope, ...admin }, s.as), op, { codes: ['forbidden'], reason: 'scope_too_broad' });
        await nothingFor(s, email, `the refused ${op}`);
      }
      if (hasInvitations(s)) {
        const invitee = freshEmail(s, 'broad');
        const op = `${who}, inviteUsers({ roleId: admin, adminScope: { type: 'all' }, entityIds: ['${s.e1.id}'] })`;
        await expectRejection(s.as.inviteUsers({ input: { emails: [invitee], adminScope: { type: 'all' }, ...admin } }), op, { codes: ['forbidden'], reason: 'scope_too_broad' });
        await nothingFor(s, invitee, `the refused ${op}`);
      }
      const own: AdminScope = { type: 'entities', entityIds: [s.e1.id] };
      const op = `${who}, createUser({ roleId: admin, adminScope: ${show(own)} })`;
      const { user } = await createLogin(s, { adminScope: own, ...admin }, s.as);
      ensureEqual((await s.a.getUser({ id: user.id })).adminScope, own, `${op}, then getUser as the main admin: adminScope`);
      if (hasInvitations(s)) {
        const invitee = freshEmail(s, 'narrow');
        const inviteOp = `${who}, inviteUsers({ roleId: admin, adminScope: ${show(own)} })`;
        const result = await s.as.inviteUsers({ input: { emails: [invitee], adminScope: own, ...admin } });
        ensure(result.invited.length === 1 && result.skipped.length === 0, inviteOp, 'one invitation, nothing skipped', result);
        ensureEqual((await s.a.getUser({ id: result.invited[0]!.userId })).adminScope, own, `${inviteOp}, then getUser as the main admin: adminScope`);
      }
    },
  },
  {
    id: 'scope.act-on-outside-user',
    group: 'scope',
    features: ['adminScope'],
    title: 'an admin limited to E1 cannot edit, deactivate or remove a user reaching E2 (forbidden, reason outside_scope; user unchanged), and can a user reaching only E1 or its sub-accounts',
    requires: ['actAs'],
    async run(h) {
      const s = await scopedAdmin(await context(h));
      const who = `as the admin scoped to '${s.e1.id}'`;
      const outsiders = [await activeLogin(s, [s.e2.id])];
      if (s.settings.multiEntity) outsiders.push(await activeLogin(s, [s.e1.id, s.e2.id]));
      for (const before of outsiders) {
        const target = `user '${before.id}' reaching ${show(before.entityIds)}`;
        await expectRejection(s.as.updateUser({ id: before.id, patch: { firstName: 'Outside' } }), `${who}, updateUser(${target})`, { codes: ['forbidden'], reason: 'outside_scope' });
        await expectRejection(s.as.setUserStatus({ id: before.id, status: 'deactivated' }), `${who}, setUserStatus(${target}, 'deactivated')`, { codes: ['forbidden'], reason: 'outside_scope' });
        await expectRejection(s.as.removeUser({ id: before.id }), `${who}, removeUser(${target})`, { codes: ['forbidden'], reason: 'outside_scope' });
        ensureEqual(await s.a.getUser({ id: before.id }), before, `getUser(${target}) as the main admin after the refusals: unchanged`);
      }
      // The control: the same on a user reaching only E1 goes through.
      const insider = await activeLogin(s, [s.e1.id]);
      const target = `user '${insider.id}' reaching ['${s.e1.id}']`;
      const edited = await s.as.updateUser({ id: insider.id, patch: { firstName: 'Inside' } });
      ensure(edited.user.firstName === 'Inside', `${who}, updateUser(${target}, { firstName: 'Inside' })`, "firstName 'Inside'", edited.user.firstName);
      const off = await s.as.setUserStatus({ id: insider.id, status: 'deactivated' });
      ensure(off.status === 'deactivated' && (await s.a.getUser({ id: insider.id })).status === 'deactivated', `${who}, setUserStatus(${target}, 'deactivated')`, 'status deactivated', off.status);
      await s.as.removeUser({ id: insider.id });
      await getRemoved(s, insider.id, `${who}, removeUser(${target})`);
      // A sub-account of E1 lies in the scope too.
      const child = (await s.a.listEntities({ parentId: s.e1.id, pageIndex: 0, pageSize: 1 })).items[0];
      if (child) {
        const sub = await activeLogin(s, [child.id]);
        const op = `${who}, updateUser(user reaching sub-account '${child.id}' of '${s.e1.id}', { firstName: 'Sub' })`;
        const result = await s.as.updateUser({ id: sub.id, patch: { firstName: 'Sub' } });
        ensure(result.user.firstName === 'Sub', op, "firstName 'Sub'", result.user.firstName);
      }
    },
  },
  {
    id: 'scope.widen-own',
    group: 'scope',
    features: ['adminScope'],
    title: 'an admin limited to E1 cannot widen their own admin scope (forbidden), which stays as it was',
    requires: ['actAs'],
    async run(h) {
      const s = await scopedAdmin(await context(h));
      const who = `as the admin scoped to '${s.e1.id}'`;
      for (const adminScope of [{ type: 'all' }, { type: 'entities', entityIds: [s.e1.id, s.e2.id] }] as AdminScope[]) {
        const op = `${who}, updateUser(self, { adminScope: ${show(adminScope)} })`;
        await expectRefusal(s.as.updateUser({ id: s.admin.id, patch: { adminScope } }), op, ['forbidden'], ['self_action', 'scope_too_broad', 'outside_scope']);
        ensureEqual(await s.a.getUser({ id: s.admin.id }), s.admin, `getUser(the scoped admin) as the main admin after the refused ${op}: unchanged`);
      }
      const settings = await s.as.getSettings();
      ensureEqual(settings.currentUser.adminScope, { type: 'entities', entityIds: [s.e1.id] }, `${who}, getSettings() after the refusals: currentUser.adminScope`);
    },
  },

  // Reference data ----------------------------------------------------------
  {
    id: 'reference.roles',
    group: 'reference',
    title: 'listRoles gives at least one admin and one non-admin role, with distinct ids',
    async run(h) {
      const roles = await h.adapter.listRoles();
      ensure(Array.isArray(roles) && roles.some((r) => r.isAdmin) && roles.some((r) => !r.isAdmin), 'listRoles()', 'an admin and a non-admin role', roles);
      ensure(duplicates(ids(roles)).length === 0, 'listRoles()', 'distinct ids', ids(roles));
      for (const r of roles) ensure(typeof r.name === 'string' && r.name !== '' && typeof r.defaultPermissions === 'object', 'listRoles()', 'a name and defaultPermissions on every role', r);
    },
  },
  {
    id: 'reference.modules',
    group: 'reference',
    title: 'listModules gives at least one admin-only module, every module with levels; non-admin roles grant no admin-only module',
    async run(h) {
      const modules = await h.adapter.listModules();
      ensure(modules.some((m) => m.adminOnly), 'listModules()', 'an admin-only module', modules);
      for (const m of modules) ensure(Array.isArray(m.levels) && m.levels.length > 0 && m.levels.every((l) => typeof l === 'string'), 'listModules()', 'non-empty levels on every module', m);
      ensure(duplicates(ids(modules)).length === 0, 'listModules()', 'distinct ids', ids(modules));
      const roles = await h.adapter.listRoles();
      for (const r of roles.filter((x) => !x.isAdmin)) {
        for (const m of modules.filter((x) => x.adminOnly)) {
          const level = r.defaultPermissions[m.id];
          ensure(level === undefined || level === m.levels[0], `listRoles() role '${r.id}'`, `no default access to admin-only module '${m.id}'`, r.defaultPermissions);
        }
      }
    },
  },
  {
    id: 'reference.entities',
    group: 'reference',
    title: 'listEntities gives roots, children by parent, search matches, given ids, and consistent paging totals',
    async run(h) {
      const a = h.adapter;
      const roots = await a.listEntities({ parentId: null, pageIndex: 0, pageSize: 50 });
      ensure(roots.items.length > 0 && roots.items.every((e) => e.parentId === null), 'listEntities({ parentId: null })', 'roots only, at least one', roots);
      const parent = roots.items.find((e) => e.childCount > 0);
      ensure(parent, 'listEntities({ parentId: null })', 'a root with children (harness precondition: at least two entities)', roots.items);
      const children = await a.listEntities({ parentId: parent.id, pageIndex: 0, pageSize: 50 });
      ensure(children.items.every((e) => e.parentId === parent.id), `listEntities({ parentId: '${parent.id}' })`, `only children of '${parent.id}'`, children.items);
      ensure(children.total === parent.childCount && children.items.length === Math.min(50, parent.childCount), `listEntities({ parentId: '${parent.id}' })`, `childCount ${parent.childCount} children`, { total: children.total, items: children.items.length });

      const all: Entity[] = [];
      let total = -1;
      for (let pageIndex = 0; pageIndex < 500; pageIndex++) {
        const page = await a.listEntities({ pageIndex, pageSize: 2 });
        if (total === -1) total = page.total;
        ensure(page.total === total, `listEntities({ pageIndex: ${pageIndex}, pageSize: 2 })`, `total ${total}`, page.total);
        all.push(...page.items);
        if (page.items.length < 2) break;
      }
      ensure(all.length === total && duplicates(ids(all)).length === 0, 'listEntities paged by 2', `${total} distinct entities`, ids(all));

      // A search on three ASCII letters of a word of a name, in the opposite case.
      const fold = (v: string) => v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      const named = all.map((e) => ({ e, word: e.name.split(/\s+/).reverse().find((w) => /^[A-Za-z]{3,}$/.test(w)) })).find((x) => x.word && x.e.parentId !== null) ??
        all.map((e) => ({ e, word: e.name.split(/\s+/).find((w) => /^[A-Za-z]{3,}$/.test(w)) })).find((x) => x.word);
      ensure(named?.word, 'listEntities()', 'an entity with a word of three ASCII letters in its name', all.map((e) => e.name));
      const target = named.e;
      const search = named.word.slice(0, 3) === named.word.slice(0, 3).toUpperCase() ? named.word.slice(0, 3).toLowerCase() : named.word.slice(0, 3).toUpperCase();
      const found = await a.listEntities({ search, pageIndex: 0, pageSize: 100 });
      ensure(ids(found.items).includes(target.id), `listEntities({ search: '${search}' })`, `'${target.name}' found case-insensitively`, found.items.map((e) => e.name));
      ensure(found.items.every((e) => fold(e.name).includes(fold(search))), `listEntities({ search: '${search}' })`, 'only matching names', found.items.map((e) => e.name));

      const some = [all[all.length - 1]!.id, all[0]!.id];
      const byIds = await a.listEntities({ ids: some, pageIndex: 0, pageSize: 10 });
      ensure(sameIds(ids(byIds.items), some) && byIds.total === 2, `listEntities({ ids: ${show(some)} })`, 'exactly those entities', byIds);
    },
  },

  // Optional methods --------------------------------------------------------
  {
    id: 'bulk.status',
    group: 'bulk',
    title: 'bulk deactivation answers per item: the current user fails, the others are deactivated',
    uses: 'setUsersStatus',
    async run(h) {
      const c = await context(h);
      const [u1, u2] = await oneOtherActiveUser(c, 2);
      const request = [u1!.id, c.current.id, u2!.id];
      const op = `setUsersStatus({ ids: [other, currentUser, other], status: 'deactivated' })`;
      const { results } = await c.a.setUsersStatus!({ ids: request, status: 'deactivated' });
      ensure(sameIds(results.map((r) => r.id), request), op, 'one result per id', results);
      for (const r of results) {
        const mine = r.id === c.current.id;
        ensure(r.ok === !mine, op, mine ? 'ok:false for the current user' : `ok:true for '${r.id}'`, r);
        if (!r.ok) ensure(typeof r.error?.code === 'string' && (USER_ADMIN_ERROR_CODES as readonly string[]).includes(r.error.code), op, 'an error shape with a known code', r.error);
      }
      for (const u of [u1!, u2!]) ensure((await c.a.getUser({ id: u.id })).status === 'deactivated', `getUser('${u.id}') after ${op}`, 'deactivated', 'another status');
      ensure((await c.a.getUser({ id: c.current.id })).status === 'active', `getUser(currentUser) after ${op}`, 'still active', 'another status');
    },
  },
  {
    id: 'bulk.remove',
    group: 'bulk',
    title: 'bulk removal answers per item: the current user fails, the other is removed',
    uses: 'removeUsers',
    async run(h) {
      const c = await context(h);
      const [u1] = await oneOtherActiveUser(c);
      const op = 'removeUsers({ ids: [currentUser, other] })';
      const { results } = await c.a.removeUsers!({ ids: [c.current.id, u1!.id] });
      ensure(sameIds(results.map((r) => r.id), [c.current.id, u1!.id]), op, 'one result per id', results);
      ensure(results.find((r) => r.id === u1!.id)?.ok === true, op, `ok:true for '${u1!.id}'`, results);
      ensure(results.find((r) => r.id === c.current.id)?.ok === false, op, 'ok:false for the current user', results);
      await getRemoved(c, u1!.id, op);
      await c.a.getUser({ id: c.current.id });
    },
  },
  {
    id: 'bulk.per-item-truth',
    group: 'bulk',
    title: 'a bulk call whose first item fails answers each item under its own id: the failed user is unchanged, the others changed (setUsersStatus when present, then removeUsers)',
    uses: 'removeUsers',
    requires: ['failWriteOf'],
    async run(h) {
      const c = await context(h);
      const users = await oneOtherActiveUser(c, 3);
      const request = ids(users);
      const [first, ...rest] = request as [string, ...string[]];
      /** One result per id; `first` failed with a known code, every other id ok. */
      const ensurePerItem = (op: string, results: BulkItemResult[]) => {
        ensure(sameIds(results.map((r) => r.id), request), op, 'one result per id', results);
        const failed = results.find((r) => r.id === first);
        ensure(failed?.ok === false, op, `ok:false for '${first}', the user whose write failed (results matched by id, not by position)`, results);
        ensure(typeof failed.error?.code === 'string' && (USER_ADMIN_ERROR_CODES as readonly string[]).includes(failed.error.code), op, 'an error shape with a known code', failed.error);
        for (const id of rest) ensure(results.find((r) => r.id === id)?.ok === true, op, `ok:true for '${id}'`, results);
      };
      const before = await c.a.getUser({ id: first });
      if (typeof c.a.setUsersStatus === 'function') {
        const op = `setUsersStatus({ ids: ${show(request)}, status: 'deactivated' }) with the write to '${first}' failing`;
        await h.failWriteOf!(first);
        ensurePerItem(op, (await c.a.setUsersStatus({ ids: request, status: 'deactivated' })).results);
        ensureEqual(await c.a.getUser({ id: first }), before, `getUser('${first}') after ${op} (unchanged)`);
        for (const id of rest) ensure((await c.a.getUser({ id })).status === 'deactivated', `getUser('${id}') after ${op}`, 'deactivated', 'another status');
      }
      const op = `removeUsers({ ids: ${show(request)} }) with the write to '${first}' failing`;
      await h.failWriteOf!(first);
      ensurePerItem(op, (await c.a.removeUsers!({ ids: request })).results);
      ensureEqual(await c.a.getUser({ id: first }), before, `getUser('${first}') after ${op} (still there, unchanged)`);
      for (const id of rest) await getRemoved(c, id, op);
    },
  },
  {
    id: 'roles.update-preset',
    group: 'roles',
    title: 'updateRole changes a role preset that listRoles then returns, and refuses an admin-only module for a non-admin role, changing nothing',
    uses: 'updateRole',
    async run(h) {
      const c = await context(h);
      const role = c.roles.find((r) => r.id === h.editableRoleId && !r.isAdmin) ?? c.userRole;
      const grantable = c.modules.find((m) => !m.adminOnly && m.levels.length > 1);
      ensure(grantable, 'listModules()', 'a module a non-admin role can hold (harness precondition)', c.modules);
      const top = grantable.levels[grantable.levels.length - 1]!;
      const next = { ...role.defaultPermissions, [grantable.id]: top };
      const op = `updateRole({ id: '${role.id}', patch: { defaultPermissions: { ${grantable.id}: '${top}' } } })`;
      try {
        const updated = await c.a.updateRole!({ id: role.id, patch: { defaultPermissions: next } });
        ensure(updated.defaultPermissions[grantable.id] === top, op, `the returned role has ${grantable.id}: '${top}'`, updated);
        const listed = (await c.a.listRoles()).find((r) => r.id === role.id);
        ensure(listed?.defaultPermissions[grantable.id] === top, `${op}, then listRoles()`, `the listed role has ${grantable.id}: '${top}'`, listed);
        const bad = { ...next, [c.adminOnlyModule.id]: c.adminOnlyModule.levels[c.adminOnlyModule.levels.length - 1]! };
        await expectRejection(c.a.updateRole!({ id: role.id, patch: { defaultPermissions: bad } }), `updateRole with admin-only ${c.adminOnlyModule.id} on '${role.id}'`, { codes: [...REFUSAL_CODES] });
        const after = (await c.a.listRoles()).find((r) => r.id === role.id);
        ensureEqual(after?.defaultPermissions, updated.defaultPermissions, 'listRoles() after the refused updateRole');
      } finally {
        await c.a.updateRole!({ id: role.id, patch: { defaultPermissions: role.defaultPermissions } });
      }
    },
  },
  {
    id: 'counts.agree',
    group: 'counts',
    title: 'getUserCounts agrees with listUsers totals for the same search and filter',
    uses: 'getUserCounts',
    async run(h) {
      const c = await context(h);
      if (hasContacts(c)) await createContact(c);
      const [victim] = await oneOtherActiveUser(c);
      await c.a.setUserStatus({ id: victim!.id, status: 'deactivated' });
      const total = async (p: Omit<ListUsersParams, 'pageIndex' | 'pageSize'>) => (await c.a.listUsers({ ...p, pageIndex: 0, pageSize: 1 })).total;
      const cases: { search?: string; filter?: Omit<UserFilter, 'status' | 'kind'> }[] = [
        {},
        { filter: { roleIds: [c.userRole.id] } },
        { filter: { entityIds: [c.entityId] } },
        { search: c.domain.slice(0, 3) },
      ];
      for (const q of cases) {
        const counts = await c.a.getUserCounts!(q);
        const f = q.filter ?? {};
        const want = {
          active: await total({ ...q, filter: { ...f, status: ['active'], kind: 'login' } }),
          invited: await total({ ...q, filter: { ...f, status: ['invited'], kind: 'login' } }),
          deactivated: await total({ ...q, filter: { ...f, status: ['deactivated'], kind: 'login' } }),
          contacts: await total({ ...q, filter: { ...f, kind: 'contact' } }),
          all: await total({ ...q, filter: f }),
        };
        ensureEqual(counts, want, `getUserCounts(${show(q)}) equals listUsers totals`);
      }
    },
  },
  {
    id: 'diagnostics.shape',
    group: 'diagnostics',
    title: 'getAccessDiagnostics gives the user id and well-formed sign-in failures',
    uses: 'getAccessDiagnostics',
    async run(h) {
      const page = await h.adapter.listUsers({ pageIndex: 0, pageSize: 10 });
      for (const u of page.items) {
        const op = `getAccessDiagnostics({ userId: '${u.id}' })`;
        const d = await h.adapter.getAccessDiagnostics!({ userId: u.id });
        ensure(d.userId === u.id && Array.isArray(d.failures), op, `{ userId: '${u.id}', failures: [] }`, d);
        for (const f of d.failures) {
          ensure(
            SIGN_IN_FAILURE_CODES.includes(f.code) && !Number.isNaN(Date.parse(f.at)) && typeof f.requestId === 'string' && f.requestId !== '',
            op,
            'failures with a known code, an ISO date and a request id',
            f,
          );
        }
      }
    },
  },

  // Password reset ----------------------------------------------------------
  {
    id: 'password-reset.sends',
    group: 'password-reset',
    title: 'sendPasswordReset of an active login user answers the address the link went to (theirs) and a valid expiry or null, and changes nothing about them',
    uses: 'sendPasswordReset',
    async run(h) {
      const c = await context(h);
      const [user] = await oneOtherActiveUser(c);
      const before = await c.a.getUser({ id: user!.id });
      const op = `sendPasswordReset({ id: '${before.id}' }) (an active login user)`;
      const result = await c.a.sendPasswordReset!({ id: before.id });
      ensure(typeof result?.sentTo === 'string' && lower(result.sentTo) === lower(before.email), op, `sentTo '${before.email}' (the user's address)`, result);
      ensure(result.expiresAt === null || (typeof result.expiresAt === 'string' && !Number.isNaN(Date.parse(result.expiresAt))), op, 'expiresAt an ISO date or null', result.expiresAt);
      if (result.expiresAt !== null) {
        ensure(Date.parse(result.expiresAt) > Date.parse(before.createdAt), op, `expiresAt after the user's createdAt ${before.createdAt}`, result.expiresAt);
      }
      const after = await c.a.getUser({ id: before.id });
      ensureEqual(unversioned(after), unversioned(before), `getUser({ id: '${before.id}' }) after ${op}: unchanged (status, email, access)`);
    },
  },
  {
    id: 'password-reset.refuses-invited',
    group: 'password-reset',
    features: ['invitations'],
    title: 'sendPasswordReset of an invited user is refused (conflict, reason password_reset_not_applicable: their invitation sets the password) and the invitation is unchanged',
    uses: 'sendPasswordReset',
    async run(h) {
      const c = await context(h);
      const { user } = await createLogin(c);
      ensure(user.status === 'invited', 'createUser({ kind: login })', 'an invited user', user.status);
      const op = `sendPasswordReset({ id: '${user.id}' }) (invited)`;
      await expectRejection(c.a.sendPasswordReset!({ id: user.id }), op, { codes: ['conflict'], reason: 'password_reset_not_applicable' });
      const after = await c.a.getUser({ id: user.id });
      ensure(after.status === 'invited', `getUser after the refused ${op}`, 'still invited', after.status);
      ensureEqual(after.invitation, user.invitation, `getUser('${user.id}').invitation after the refused ${op}: unchanged`);
    },
  },
  {
    id: 'password-reset.refuses-deactivated',
    group: 'password-reset',
    title: 'sendPasswordReset of a deactivated user is refused (conflict, reason password_reset_not_applicable: reactivate them first), and goes through once reactivated',
    uses: 'sendPasswordReset',
    async run(h) {
      const c = await context(h);
      const [user] = await oneOtherActiveUser(c);
      const off = await c.a.setUserStatus({ id: user!.id, status: 'deactivated' });
      ensure(off.status === 'deactivated', `setUserStatus({ id: '${user!.id}', status: 'deactivated' })`, 'status deactivated', off.status);
      const op = `sendPasswordReset({ id: '${user!.id}' }) (deactivated)`;
      await expectRejection(c.a.sendPasswordReset!({ id: user!.id }), op, { codes: ['conflict'], reason: 'password_reset_not_applicable' });
      ensure((await c.a.getUser({ id: user!.id })).status === 'deactivated', `getUser after the refused ${op}`, 'still deactivated', 'another status');
      const on = await c.a.setUserStatus({ id: user!.id, status: 'active' });
      ensure(on.status === 'active', `setUserStatus({ id: '${user!.id}', status: 'active' })`, 'status active', on.status);
      const result = await c.a.sendPasswordReset!({ id: user!.id });
      ensure(lower(result.sentTo) === lower(on.email), `sendPasswordReset({ id: '${user!.id}' }) once reactivated`, `sentTo '${on.email}'`, result);
    },
  },
  {
    id: 'password-reset.refuses-contact',
    group: 'password-reset',
    features: ['contacts'],
    title: 'sendPasswordReset of a contact is refused (conflict, reason password_reset_not_applicable: a contact never signs in)',
    uses: 'sendPasswordReset',
    async run(h) {
      const c = await context(h);
      const { user } = await createContact(c);
      const op = `sendPasswordReset({ id: '${user.id}' }) (a contact)`;
      await expectRejection(c.a.sendPasswordReset!({ id: user.id }), op, { codes: ['conflict'], reason: 'password_reset_not_applicable' });
      ensureEqual(await c.a.getUser({ id: user.id }), user, `getUser('${user.id}') after the refused ${op}: unchanged`);
    },
  },
  {
    id: 'password-reset.sso',
    group: 'password-reset',
    title: 'under enforced SSO, sendPasswordReset of an active login user is refused (forbidden, reason sso_enforced: the identity provider owns passwords)',
    uses: 'sendPasswordReset',
    requires: ['setSsoEnforced'],
    async run(h) {
      const c = await context(h);
      const [user] = await oneOtherActiveUser(c);
      const before = await c.a.getUser({ id: user!.id });
      await h.setSsoEnforced!(true);
      const op = `sendPasswordReset({ id: '${before.id}' }) under SSO`;
      await expectRejection(c.a.sendPasswordReset!({ id: before.id }), op, { codes: ['forbidden'], reason: 'sso_enforced' });
      ensureEqual(await c.a.getUser({ id: before.id }), before, `getUser('${before.id}') after the refused ${op}: unchanged`);
      await h.setSsoEnforced!(false);
      const result = await c.a.sendPasswordReset!({ id: before.id });
      ensure(lower(result.sentTo) === lower(before.email), `${op.replace('under SSO', 'once SSO is no longer enforced')}`, `sentTo '${before.email}'`, result);
    },
  },
  {
    id: 'password-reset.outside-scope',
    group: 'password-reset',
    features: ['adminScope'],
    title: 'an admin limited to E1 cannot send a password reset to a user reaching E2 (forbidden, reason outside_scope), and can to a user reaching only E1',
    uses: 'sendPasswordReset',
    requires: ['actAs'],
    async run(h) {
      const s = await scopedAdmin(await context(h));
      const who = `as the admin scoped to '${s.e1.id}'`;
      ensure(typeof s.as.sendPasswordReset === 'function', `actAs('${s.admin.id}')`, 'an adapter with sendPasswordReset, as the main one', typeof s.as.sendPasswordReset);
      const outsider = await activeLogin(s, [s.e2.id]);
      await expectRejection(s.as.sendPasswordReset!({ id: outsider.id }), `${who}, sendPasswordReset(user '${outsider.id}' reaching ['${s.e2.id}'])`, { codes: ['forbidden'], reason: 'outside_scope' });
      const insider = await activeLogin(s, [s.e1.id]);
      const op = `${who}, sendPasswordReset(user '${insider.id}' reaching ['${s.e1.id}'])`;
      const result = await s.as.sendPasswordReset!({ id: insider.id });
      ensure(lower(result.sentTo) === lower(insider.email), op, `sentTo '${insider.email}'`, result);
    },
  },

  // Errors ------------------------------------------------------------------
  ...USER_ADMIN_ERROR_CODES.map(
    (code): ConformanceCheck => ({
      id: `errors.${code}`,
      group: 'errors',
      title: `a backend failure '${code}' rejects the call with a UserAdminError of code '${code}'`,
      requires: ['failNext'],
      async run(h) {
        await h.failNext!(code);
        await expectRejection(h.adapter.listUsers({ pageIndex: 0, pageSize: 5 }), `listUsers after failNext('${code}')`, { codes: [code] });
        const next = await h.adapter.listUsers({ pageIndex: 0, pageSize: 5 });
        ensure(next.items.length > 0, `the listUsers call after the failing one`, 'to succeed with users', next);
      },
    }),
  ),
  {
    id: 'errors.validation-field',
    group: 'errors',
    title: 'an invalid email on create rejects with validation and fieldErrors.email',
    async run(h) {
      const c = await context(h);
      await expectRejection(createLogin(c, { email: 'not-an-email' }), "createUser({ email: 'not-an-email' })", { codes: ['validation'], field: 'email' });
    },
  },
  {
    id: 'concurrency.stale-write',
    group: 'concurrency',
    title: 'a write given the version read applies and changes the version; updateUser, setUserStatus and removeUser given a stale one reject with conflict/stale and change nothing',
    features: ['versions'],
    async run(h) {
      const c = await context(h);
      // A user whose profile the admin owns (an SSO user's names may belong to the identity provider).
      const others = await otherActiveUsers(c);
      const user = others.find((u) => u.source !== 'sso') ?? others[0];
      ensure(user, 'listUsers({ filter: { status: [active], kind: login } })', 'an active login user besides the current user (harness precondition)', others.length);
      const { id } = user;
      const v1 = (await c.a.getUser({ id })).version;
      ensure(typeof v1 === 'string' && v1 !== '', `getUser({ id: '${id}' })`, 'a version (a non-empty string)', v1);
      const applied = `updateUser({ id: '${id}', patch: { lastName }, expectedVersion: '${v1}' })`;
      const first = await c.a.updateUser({ id, patch: { lastName: `Versioned ${token()}` }, expectedVersion: v1 });
      ensure(typeof first.user.version === 'string' && first.user.version !== v1, applied, `a user whose version is no longer '${v1}'`, first.user.version);
      const current = await c.a.getUser({ id });
      const stale = (name: string, call: Promise<unknown>) =>
        expectRejection(call, `${name} with the stale expectedVersion '${v1}', after ${applied}`, { codes: ['conflict'], reason: 'stale' });
      const unchanged = async (name: string) => ensureEqual(await c.a.getUser({ id }), current, `getUser({ id: '${id}' }) after the refused ${name} (unchanged)`);
      await stale('updateUser', c.a.updateUser({ id, patch: { lastName: `Lost ${token()}` }, expectedVersion: v1 }));
      await unchanged('updateUser');
      await stale('setUserStatus', c.a.setUserStatus({ id, status: 'deactivated', expectedVersion: v1 }));
      await unchanged('setUserStatus');
      await stale('removeUser', c.a.removeUser({ id, expectedVersion: v1 }));
      await unchanged('removeUser');
    },
  },
  {
    id: 'abort.pre-aborted',
    group: 'abort',
    title: 'an already-aborted signal makes listUsers reject with an AbortError',
    async run(h) {
      const controller = new AbortController();
      controller.abort();
      await expectAbort(h.adapter.listUsers({ pageIndex: 0, pageSize: 5, signal: controller.signal }), 'listUsers({ signal: aborted })');
    },
  },
  {
    id: 'abort.in-flight',
    group: 'abort',
    title: 'aborting a slow listUsers call mid-flight rejects it with an AbortError',
    requires: ['setLatency'],
    async run(h) {
      await h.setLatency!(200);
      try {
        const controller = new AbortController();
        const call = h.adapter.listUsers({ pageIndex: 0, pageSize: 5, signal: controller.signal });
        setTimeout(() => controller.abort(), 30);
        await expectAbort(call, 'listUsers aborted 30 ms into a 200 ms call');
      } finally {
        await h.setLatency!(0);
      }
    },
  },
];

/** What a backend declaring a feature `false` means, for skip messages. */
const FEATURE_NOTES: Partial<Record<ConformanceFeature, string>> = {
  adminScope: 'it has no per-user admin scope, every admin administers every entity',
};

/** Why a feature counts as missing, for skip messages: found, not declared, for `versions`. */
function featureMissing(f: ConformanceFeature): string {
  if (f === 'versions') {
    return 'features.versions (the first user listUsers gives carries no `version`: the backend has no optimistic concurrency, its writes are last-write-wins, so a stale write cannot be refused)';
  }
  return `features.${f} (the backend declares it false${FEATURE_NOTES[f] ? `: ${FEATURE_NOTES[f]}` : ''})`;
}

/**
 * The features a check depends on, as the backend has them: `settings.features`, plus `versions`
 * when the check needs it (`false` when the first user `listUsers` gives has no `version`).
 * @example
 * missingRequirements(check, harness, await detectFeatures(harness.adapter, check));
 */
export async function detectFeatures(adapter: UserAdminAdapter, check?: ConformanceCheck): Promise<BackendFeatures> {
  const features: BackendFeatures = { ...(await adapter.getSettings()).features };
  if (!check || check.features?.includes('versions')) {
    const [first] = (await adapter.listUsers({ pageIndex: 0, pageSize: 1 })).items;
    features.versions = first?.version !== undefined;
  }
  return features;
}

/**
 * What a harness lacks for a check: missing controls, a missing optional method, and features the
 * backend declares `false` (pass `settings.features`), named.
 * @example
 * missingRequirements(check, harness, settings.features); // ['advanceTime'], ['adapter.setUsersStatus'] or ['features.contacts (...)']
 */
export function missingRequirements(check: ConformanceCheck, h: ConformanceHarness, features?: BackendFeatures): string[] {
  const missing: string[] = (check.requires ?? []).filter((r) => (VALUE_CONTROLS.includes(r) ? !h[r] : typeof h[r] !== 'function'));
  if (check.uses && typeof h.adapter[check.uses] !== 'function') missing.push(`adapter.${check.uses}`);
  for (const f of check.features ?? []) {
    if (features?.[f] === false) missing.push(featureMissing(f));
  }
  return missing;
}

/**
 * The checks to run for `only` / `skip` lists of ids or groups (`'sort'` selects every `sort.*`).
 * @example
 * selectChecks({ skip: ['sort', 'errors.network'] });
 */
export function selectChecks(options: { only?: string[]; skip?: string[] } = {}): ConformanceCheck[] {
  const matches = (check: ConformanceCheck, keys: string[]) =>
    keys.some((k) => check.id === k || check.group === k || check.id.startsWith(`${k}.`));
  return conformanceChecks.filter(
    (check) => (!options.only || matches(check, options.only)) && !(options.skip && matches(check, options.skip)),
  );
}
