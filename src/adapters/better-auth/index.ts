/**
 * `user-admin-kit/adapters/better-auth`: a {@link UserAdminAdapter} over a better-auth server
 * with the organization (teams, dynamic access control), admin and, for Node callers, bearer
 * plugins. Plain `fetch`, no dependency on the `better-auth` package. See
 * docs/adapters/better-auth.md for the server configuration and the mapping.
 */
import type {
  CreateUserResult,
  Entity,
  Invitation,
  InviteFailure,
  InviteUsersResult,
  ListUsersParams,
  Module,
  ModulePermissions,
  Page,
  Role,
  Settings,
  User,
  UserAdminAdapter,
  UserCounts,
} from '../../adapter/types';
import { UserAdminError, isAbortError, isUserAdminError, throwIfAborted, type FieldErrors } from '../../adapter/errors';
import { isValidEmail } from '../../adapter/schemas';
import {
  ALL_ENTITIES,
  actorOf,
  ancestryFromParents,
  checkAccessChange,
  checkActOnUser,
  checkAdminOnlyModules,
  classifyInvitee,
  emailChangeOutcome,
  emailDomain,
  emailKey,
  enforce,
  isActiveAdminUser,
  reactivationOutcome,
  screenInvitees,
  ssoRefusal,
  type RuleContext,
  type UserAction,
} from '../../core';
import { isCommonDisposableEmail, type DisposableEmailCheck, matchesUserFilter, matchesUserSearch, queryUsers, foldText } from '../shared';
import { withUndo, type UndoLog } from '../shared/undo';
import { mapWithConcurrency } from '../../query/concurrency';
import { createBetterAuthCall, type BetterAuthTransportOptions } from './transport';
import {
  buildEntities,
  joinName,
  normalizeLevels,
  parseRoleList,
  primaryInvitation,
  statementsFromLevels,
  titleCase,
  toInvitation,
  toRole,
  toUser,
  type BaInvitation,
  type BaMember,
  type BaOrganization,
  type BaTeam,
  type BaUser,
  type MappingContext,
  type MembershipIndex,
  type RoleDef,
  type Statements,
} from './mapping';

export { signInForToken, type SignInForTokenOptions, type BetterAuthHeaders, type BetterAuthTransportOptions } from './transport';
export { splitName, joinName } from './mapping';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A module: one resource of the server's access-control statements, its actions as levels.
 * @example
 * const billing: BetterAuthModuleOption = { id: 'billing', name: 'Billing', adminOnly: true, levels: ['none', 'view', 'edit'] };
 */
export interface BetterAuthModuleOption {
  /** The `ac` resource (`billing`). */
  id: string;
  name: string;
  /** Whether only admin roles may hold it. Defaults to `false`. */
  adminOnly?: boolean;
  /** `['none', ...actions in increasing order]`: a role's level is the highest action its statements grant. */
  levels: string[];
}

/**
 * A static role of the organization plugin (the `roles` given to `organization()`), described for the adapter.
 * @example
 * const member: BetterAuthStaticRoleOption = { id: 'member', name: 'Member', permissions: { documents: ['view'] } };
 */
export interface BetterAuthStaticRoleOption {
  /** The role name better-auth stores on members (`member`). */
  id: string;
  /** The name shown. Defaults to the id, capitalized. */
  name?: string;
  /** Defaults to `null`. */
  description?: string | null;
  /** Its statements (`role.statements` of `ac.newRole(...)`). Defaults to none. */
  permissions?: Statements;
}

/**
 * The static roles: descriptions, or the very `roles` object given to `organization()` (each with `statements`).
 * @example
 * const roles: BetterAuthStaticRoles = { owner, admin, member }; // from ac.newRole(...)
 */
export type BetterAuthStaticRoles = readonly BetterAuthStaticRoleOption[] | Record<string, { statements: Statements }>;

/**
 * The SSO policy the screen shows (better-auth does not say), or a function that reads it.
 * @example
 * const sso: BetterAuthSsoOption = () => ({ enforced: tenant.ssoOnly, providerName: 'Okta' });
 */
export type BetterAuthSsoOption = Settings['sso'] | (() => Settings['sso']);

/**
 * Options of {@link createBetterAuthAdapter}.
 * @example
 * const options: BetterAuthAdapterOptions = { baseURL: '/api/auth', modules, roles: staticRoles, invitationTtlDays: 7 };
 */
export interface BetterAuthAdapterOptions extends BetterAuthTransportOptions {
  /** The modules (resources of the `ac` statements). Defaults to none. */
  modules?: BetterAuthModuleOption[];
  /** The static roles. Defaults to better-auth's `owner`, `admin` and `member` without module access. */
  roles?: BetterAuthStaticRoles;
  /** Roles that are admin roles (may hold admin-only modules; their holders count for the last-admin rule). Defaults to `['owner', 'admin']`. */
  adminRoles?: string[];
  /** Whether the server has dynamic access control (`dynamicAccessControl.enabled`): dynamic roles are listed and `updateRole` exists. Defaults to `true`. */
  dynamicRoles?: boolean;
  /** Whether the server has teams (`teams.enabled`): teams are listed as sub-accounts. Defaults to `true`. */
  teams?: boolean;
  /** Invitation validity in days: must match the server's `invitationExpiresIn`. Defaults to 2 (better-auth's default, 48 hours). */
  invitationTtlDays?: number;
  /** At most this many invitation requests in flight in `inviteUsers`. Defaults to 4. */
  inviteConcurrency?: number;
  /** At most this many requests in flight when reading every organization. Defaults to 4. */
  requestConcurrency?: number;
  /** Only these email domains can be invited. Defaults to any domain. */
  allowedDomains?: string[];
  /**
   * How an address is found disposable: such an address is skipped by `inviteUsers` (`disposable`)
   * and refused for a new login user (`createUser`) or a login user's new email (`validation`,
   * `fieldErrors.email: 'not_allowed'`). Defaults to {@link isCommonDisposableEmail}: a bundled
   * list of 212 widely used providers. Pass `isDisposableEmail` from
   * `user-admin-kit/disposable-domains` for the complete list (672.5 KB gzip, loaded on first use),
   * your own check (for example a call to your server), or `() => false` to accept every domain.
   */
  isDisposableEmail?: DisposableEmailCheck;
  /** The SSO policy. Defaults to `{ enforced: false, providerName: null }`. */
  sso?: BetterAuthSsoOption;
  /** User fields holding the first and last name (additional fields on the server). Defaults to none: `name` is split at its first space. */
  nameFields?: { firstName: string; lastName: string };
  /** The user field holding a phone number (the phone-number plugin's `phoneNumber`). Defaults to none: `features.phone` is false. */
  phoneField?: string;
  /**
   * Whether giving an organization admin role also sets the admin plugin's platform role to
   * `admin` (and taking it away sets `user`). A platform admin may list, ban and delete every user
   * of the platform, far beyond the organizations administered here, so this is opt-in. Defaults
   * to `false`: a promotion changes the organization role only.
   */
  syncPlatformRole?: boolean;
  /** How long organizations, memberships and invitations read from the server are reused, in ms; every write through the adapter clears them. Defaults to 2000. */
  cacheMs?: number;
  /** Members per `list-members` request, and users per `list-users` request reading them by id or address. Defaults to 200 and 100. */
  listPageSize?: number;
  /**
   * Puts back a membership the adapter removed when a later request of the same action failed
   * (`removeUser`, or `updateUser` taking organizations away), and makes a user who never accepted
   * a member when reactivated under enforced SSO (their invitations become memberships, nothing is
   * sent; without this option that reactivation is refused). better-auth's `addMember` is
   * server-only: over HTTP a removed membership cannot come back, so give a call to your server
   * running `auth.api.addMember` (and `addTeamMember` for the teams). Defaults to none: such a
   * membership stays removed (the action still rejects with its error).
   * @example
   * addMember: (m) => fetch('/internal/restore-member', { method: 'POST', body: JSON.stringify(m) }).then(() => undefined)
   */
  addMember?: (member: BetterAuthMemberRestore) => Promise<void>;
}

/**
 * A membership to put back (see the `addMember` option).
 * @example
 * const member: BetterAuthMemberRestore = { userId: 'u1', organizationId: 'org1', role: 'member', teamIds: ['team1'] };
 */
export interface BetterAuthMemberRestore {
  userId: string;
  organizationId: string;
  /** The member's role as better-auth stored it (a comma-separated list when several). */
  role: string;
  /** The teams of that organization the user was in. */
  teamIds: string[];
}

const DEFAULT_STATIC_ROLES: BetterAuthStaticRoleOption[] = [
  { id: 'owner', name: 'Owner' },
  { id: 'admin', name: 'Admin' },
  { id: 'member', name: 'Member' },
];

function staticRoleDefs(roles: BetterAuthStaticRoles | undefined): RoleDef[] {
  if (!roles) return DEFAULT_STATIC_ROLES.map((r) => ({ id: r.id, name: r.name!, description: null, permissions: {}, dynamic: false }));
  if (Array.isArray(roles)) {
    return (roles as readonly BetterAuthStaticRoleOption[]).map((r) => ({
      id: r.id, name: r.name ?? titleCase(r.id), description: r.description ?? null, permissions: r.permissions ?? {}, dynamic: false,
    }));
  }
  return Object.entries(roles as Record<string, { statements: Statements }>).map(([id, r]) => ({
    id, name: titleCase(id), description: null, permissions: r.statements ?? {}, dynamic: false,
  }));
}

interface Structure {
  sessionUser: { id: string; name: string; email: string; role: string | null };
  orgs: BaOrganization[];
  teams: BaTeam[];
  entities: Entity[];
  roleDefs: RoleDef[];
  roles: Role[];
  /** Dynamic role name → organization ids holding it. */
  dynamicRoleOrgs: Map<string, string[]>;
  /** Dynamic role name → organization id → its permission there (to put back after a failed update). */
  dynamicRolePermissions: Map<string, Map<string, Statements>>;
}

interface Snapshot extends Structure, MembershipIndex {}

type Signal = AbortSignal | undefined;

/** An address inviteUsers could not invite, with the error's code and reason. */
const inviteFailure = (email: string, e: unknown): InviteFailure =>
  isUserAdminError(e) ? { email, code: e.code, ...(e.reason ? { reason: e.reason } : {}) } : { email, code: 'unknown' };

const refuse = (code: UserAdminError['code'], message: string, reason?: UserAdminError['reason'], fieldErrors?: FieldErrors) =>
  new UserAdminError(code, message, { reason, fieldErrors });

/**
 * Creates an adapter over a better-auth server. Organizations are the top entities (kind
 * `company`) and their teams the sub-accounts; users are the better-auth users who are members
 * of those organizations or invited to one, never the rest of the platform (all login users);
 * a banned user is `deactivated`; a user with pending invitations to them and no membership in
 * them is `invited`; removal never deletes an account (see `removeUser`); every rule is the
 * domain core's (src/core), better-auth enforcing none; no per-user admin scope
 * (`features.adminScope: false`); roles are organization roles (static from the options, dynamic from the server);
 * modules are `ac` resources. The current user must have the admin plugin's `admin` role and be a
 * member of every organization (and team) they administer.
 *
 * @example
 * // Browser, same site as the auth server: the session cookie is sent.
 * const adapter = createBetterAuthAdapter({ baseURL: '/api/auth', modules, roles: staticRoles });
 *
 * // Node (tests, scripts): a bearer token and the Origin better-auth expects.
 * const token = await signInForToken({ baseURL: 'http://127.0.0.1:3000/api/auth', email, password, origin: 'http://127.0.0.1:3000' });
 * const nodeAdapter = createBetterAuthAdapter({ baseURL: 'http://127.0.0.1:3000/api/auth', token, origin: 'http://127.0.0.1:3000' });
 */
export function createBetterAuthAdapter(options: BetterAuthAdapterOptions): UserAdminAdapter {
  const call = createBetterAuthCall(options);
  const modules: Module[] = (options.modules ?? []).map((m) => ({ id: m.id, name: m.name, adminOnly: m.adminOnly ?? false, levels: [...m.levels] }));
  const adminRoleIds = options.adminRoles ?? ['owner', 'admin'];
  const dynamicRoles = options.dynamicRoles ?? true;
  const teamsEnabled = options.teams ?? true;
  const ttlDays = options.invitationTtlDays ?? 2;
  const ttlMs = ttlDays * DAY_MS;
  const inviteConcurrency = options.inviteConcurrency ?? 4;
  const requestConcurrency = options.requestConcurrency ?? 4;
  const allowedDomains = options.allowedDomains ? new Set(options.allowedDomains.map((d) => d.toLowerCase())) : null;
  const syncPlatformRole = options.syncPlatformRole ?? false;
  const cacheMs = options.cacheMs ?? 2000;
  const pageSize = options.listPageSize ?? 200;
  // Ids or addresses per filtered list-users request: a URL stays well under Node's 16 KB header limit.
  const lookupChunk = Math.min(options.listPageSize ?? 100, 100);
  const statics = staticRoleDefs(options.roles);
  const isDisposable = options.isDisposableEmail ?? isCommonDisposableEmail;
  const sso = (): Settings['sso'] => (typeof options.sso === 'function' ? options.sso() : (options.sso ?? { enforced: false, providerName: null }));

  // ---------------------------------------------------------------------------
  // Reads, with a short cache that every write clears
  // ---------------------------------------------------------------------------

  let generation = 0;
  let structureCache: { at: number; generation: number; value: Structure } | null = null;
  let snapshotCache: { at: number; generation: number; value: Snapshot } | null = null;
  const fresh = (entry: { at: number; generation: number } | null) => entry !== null && entry.generation === generation && Date.now() - entry.at < cacheMs && Date.now() >= entry.at;
  const invalidate = () => {
    generation += 1;
    structureCache = null;
    snapshotCache = null;
  };

  async function loadStructure(signal: Signal): Promise<Structure> {
    // An aborted call rejects even when the answer is cached.
    throwIfAborted(signal);
    if (fresh(structureCache)) return structureCache!.value;
    const started = generation;
    const session = await call<{ user: { id: string; name: string; email: string; role?: string | null } } | null>({ path: '/get-session', signal });
    if (!session?.user) throw new UserAdminError('unauthorized', '/get-session: no session (sign in, or pass a bearer token)');
    const orgs = (await call<BaOrganization[]>({ path: '/organization/list', signal })) ?? [];
    // One task per request, so at most `requestConcurrency` are in flight.
    const teamLists = teamsEnabled
      ? await mapWithConcurrency(orgs, requestConcurrency, (org) => call<BaTeam[]>({ path: '/organization/list-teams', query: { organizationId: org.id }, signal }))
      : orgs.map(() => [] as BaTeam[]);
    const roleLists = dynamicRoles
      ? await mapWithConcurrency(orgs, requestConcurrency, (org) =>
          call<{ role: string; permission: Statements | null }[]>({ path: '/organization/list-roles', query: { organizationId: org.id }, signal }))
      : orgs.map(() => [] as { role: string; permission: Statements | null }[]);
    const perOrg = orgs.map((org, i) => ({ org, teams: teamLists[i] ?? [], dynamic: roleLists[i] ?? [] }));
    const teams = perOrg.flatMap((p) => p.teams);
    const entities = buildEntities(orgs, teams);
    // Dynamic roles are per organization: merged by name, the permissions of the first organization (by name) that has it.
    const dynamicRoleOrgs = new Map<string, string[]>();
    const dynamicRolePermissions = new Map<string, Map<string, Statements>>();
    const dynamicDefs = new Map<string, RoleDef>();
    const orgOrder = new Map(entities.map((e, i) => [e.id, i]));
    for (const p of [...perOrg].sort((a, b) => (orgOrder.get(a.org.id) ?? 0) - (orgOrder.get(b.org.id) ?? 0))) {
      for (const r of p.dynamic) {
        if (statics.some((s) => s.id === r.role)) continue;
        dynamicRoleOrgs.set(r.role, [...(dynamicRoleOrgs.get(r.role) ?? []), p.org.id]);
        dynamicRolePermissions.set(r.role, (dynamicRolePermissions.get(r.role) ?? new Map()).set(p.org.id, r.permission ?? {}));
        if (!dynamicDefs.has(r.role)) dynamicDefs.set(r.role, { id: r.role, name: titleCase(r.role), description: null, permissions: r.permission ?? {}, dynamic: true });
      }
    }
    const roleDefs = [...statics, ...dynamicDefs.values()];
    const roles = roleDefs.map((d) => toRole(d, { adminRoleIds, modules })).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    const value: Structure = {
      sessionUser: { id: session.user.id, name: session.user.name, email: session.user.email, role: session.user.role ?? null },
      orgs, teams, entities, roleDefs, roles, dynamicRoleOrgs, dynamicRolePermissions,
    };
    if (started === generation) structureCache = { at: Date.now(), generation, value };
    return value;
  }

  async function loadSnapshot(signal: Signal): Promise<Snapshot> {
    throwIfAborted(signal);
    if (fresh(snapshotCache)) return snapshotCache!.value;
    const started = generation;
    const structure = await loadStructure(signal);
    const memberLists = await mapWithConcurrency(structure.orgs, requestConcurrency, (org) => listAllMembers(org.id, signal));
    const invitationLists = await mapWithConcurrency(structure.orgs, requestConcurrency, (org) =>
      call<BaInvitation[]>({ path: '/organization/list-invitations', query: { organizationId: org.id }, signal }));
    const perOrg = structure.orgs.map((_, i) => ({ members: memberLists[i] ?? [], invitations: invitationLists[i] ?? [] }));
    const teamMembers = await mapWithConcurrency(structure.teams, requestConcurrency, async (team) => ({
      team,
      members: (await call<{ userId: string; teamId: string }[]>({ path: '/organization/list-team-members', query: { teamId: team.id }, signal })) ?? [],
    }));
    const membersByUser = new Map<string, BaMember[]>();
    for (const m of perOrg.flatMap((p) => p.members)) membersByUser.set(m.userId, [...(membersByUser.get(m.userId) ?? []), m]);
    const teamIdsByUser = new Map<string, Set<string>>();
    for (const { team, members } of teamMembers) {
      for (const m of members) {
        const set = teamIdsByUser.get(m.userId) ?? new Set<string>();
        set.add(team.id);
        teamIdsByUser.set(m.userId, set);
      }
    }
    // list-invitations also returns canceled, accepted and rejected invitations: only pending ones count.
    const invitationsByEmail = new Map<string, BaInvitation[]>();
    for (const inv of perOrg.flatMap((p) => p.invitations)) {
      if (inv.status !== 'pending') continue;
      const email = inv.email.toLowerCase();
      invitationsByEmail.set(email, [...(invitationsByEmail.get(email) ?? []), inv]);
    }
    const value: Snapshot = { ...structure, membersByUser, teamIdsByUser, invitationsByEmail };
    if (started === generation) snapshotCache = { at: Date.now(), generation, value };
    return value;
  }

  async function listAllMembers(organizationId: string, signal: Signal): Promise<BaMember[]> {
    const out: BaMember[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await call<{ members: BaMember[]; total: number }>({
        path: '/organization/list-members',
        query: { organizationId, limit: pageSize, offset, sortBy: 'createdAt', sortDirection: 'asc' },
        signal,
      });
      out.push(...(page?.members ?? []));
      if (!page || page.members.length < pageSize || out.length >= page.total) return out;
    }
  }

  /**
   * The platform records of the users whose `field` (`id` or `email`) is one of `values`, and of
   * no one else: `list-users` filtered with `in`, by chunks. Never an unfiltered list.
   */
  async function usersWhere(field: 'id' | 'email', values: readonly string[], signal: Signal): Promise<BaUser[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < values.length; i += lookupChunk) chunks.push(values.slice(i, i + lookupChunk));
    const pages = await mapWithConcurrency(chunks, requestConcurrency, (chunk) =>
      call<{ users: BaUser[] }>({
        path: '/admin/list-users',
        query: chunk.length === 1
          ? { filterField: field, filterOperator: 'eq', filterValue: chunk[0], limit: 1 }
          : { filterField: field, filterOperator: 'in', filterValue: chunk, limit: chunk.length },
        signal,
      }));
    return pages.flatMap((page) => page?.users ?? []);
  }

  function mappingContext(s: Structure): MappingContext {
    return { roles: s.roles, adminRoleIds, entities: s.entities, modules, ttlMs, now: Date.now(), nameFields: options.nameFields, phoneField: options.phoneField };
  }

  /**
   * The users of the admin's organizations, never the platform's: the members of those
   * organizations (`list-members`) and the addresses with a pending invitation to one of them
   * (`list-invitations`) that have an account. A user who also belongs to organizations the admin
   * is not in shows only what they hold in ours (an invitation to ours reads as `invited`).
   */
  async function everyone(signal: Signal): Promise<{ snapshot: Snapshot; users: BaUser[]; mapped: User[] }> {
    const snapshot = await loadSnapshot(signal);
    const memberEmails = new Set([...snapshot.membersByUser.values()].flat().map((m) => (m.user?.email ?? '').toLowerCase()));
    const inviteeEmails = [...snapshot.invitationsByEmail.keys()].filter((email) => !memberEmails.has(email));
    const [members, invitees] = await Promise.all([
      usersWhere('id', [...snapshot.membersByUser.keys()], signal),
      usersWhere('email', inviteeEmails, signal),
    ]);
    const byId = new Map<string, BaUser>();
    for (const u of [...members, ...invitees]) if (isOurs(snapshot, u)) byId.set(u.id, u);
    const users = [...byId.values()];
    const ctx = mappingContext(snapshot);
    return { snapshot, users, mapped: users.map((u) => toUser(u, snapshot, ctx)) };
  }

  /** Whether a platform user is one of ours: a member of one of the admin's organizations, or invited to one. */
  function isOurs(s: MembershipIndex, u: Pick<BaUser, 'id' | 'email'>): boolean {
    return (s.membersByUser.get(u.id) ?? []).length > 0 || (s.invitationsByEmail.get(u.email.toLowerCase()) ?? []).length > 0;
  }

  async function fetchUser(id: string, signal: Signal): Promise<BaUser> {
    return call<BaUser>({ path: '/admin/get-user', query: { id }, signal });
  }

  /** One of our users (see {@link everyone}); a platform user who is not one is `not_found`. */
  async function readUser(id: string, signal: Signal): Promise<{ snapshot: Snapshot; raw: BaUser; user: User }> {
    const snapshot = await loadSnapshot(signal);
    const raw = await fetchUser(id, signal);
    if (!isOurs(snapshot, raw)) throw refuse('not_found', `User ${id} is neither a member of your organizations nor invited to one`);
    return { snapshot, raw, user: toUser(raw, snapshot, mappingContext(snapshot)) };
  }

  // ---------------------------------------------------------------------------
  // Rules: the core's (src/core), with the facts better-auth gives. better-auth enforces none of
  // them (it only refuses to ban or remove oneself): the adapter must.
  // ---------------------------------------------------------------------------

  /** The current admin as the core's rules see them: the session user, every entity (no per-user scope in better-auth). */
  function currentUser(s: Structure): Settings['currentUser'] {
    const isAdmin = parseRoleList(s.sessionUser.role).includes('admin');
    return { id: s.sessionUser.id, name: s.sessionUser.name, isAdmin, adminScope: isAdmin ? ALL_ENTITIES : null };
  }

  function ruleContext(s: Structure): RuleContext {
    return { actor: actorOf({ currentUser: currentUser(s), workspace: { level: 'group' } }), ancestry: ancestryFromParents(s.entities) };
  }

  /** Whether `target` is the only active holder of an admin role among our users (read only when it may be). */
  async function isLastActiveAdmin(target: User, signal: Signal): Promise<boolean> {
    if (!isActiveAdminUser(target, isAdminRole)) return false;
    const { mapped } = await everyone(signal);
    return !mapped.some((u) => u.id !== target.id && isActiveAdminUser(u, isAdminRole));
  }

  /** Throws unless the current admin may run `action` on `target` (self, scope, last active admin). */
  async function enforceActOn(s: Structure, target: User, action: UserAction, signal: Signal): Promise<void> {
    const ctx = ruleContext(s);
    // Self and scope first, so a refused action costs no read of every user.
    enforce(checkActOnUser(ctx, target, action));
    enforce(checkActOnUser(ctx, target, action, { lastActiveAdmin: await isLastActiveAdmin(target, signal) }));
  }

  const isAdminRole = (roleId: string | null | undefined) => roleId !== null && roleId !== undefined && adminRoleIds.includes(roleId);

  function mustRole(s: Structure, roleId: string): Role {
    const role = s.roles.find((r) => r.id === roleId);
    if (!role) throw refuse('validation', `Unknown role ${roleId}`, 'role_not_found', { roleId: 'not_found' });
    return role;
  }

  /** The admin-only module rule (core), then: better-auth has no per-user permissions, a user's are their role's. */
  function checkPermissions(role: Role, permissions: ModulePermissions | undefined): void {
    if (permissions === undefined) return;
    enforce(checkAdminOnlyModules(role, permissions, modules));
    const want = normalizeLevels(permissions, modules);
    const have = normalizeLevels(role.defaultPermissions, modules);
    const same = Object.keys(want).length === Object.keys(have).length && Object.entries(want).every(([k, v]) => have[k] === v);
    if (!same) {
      throw refuse('validation', `better-auth has no per-user permissions: a user has the permissions of their role ${role.id}`, undefined, { permissions: 'not_allowed' });
    }
  }

  /** The organizations and teams of a list of entity ids, checked. */
  function resolveEntities(s: Structure, entityIds: readonly string[]): Map<string, string[]> {
    if (entityIds.length === 0) throw refuse('validation', 'At least one organization is required', undefined, { entityIds: 'required' });
    const byOrg = new Map<string, string[]>();
    for (const id of entityIds) {
      const org = s.orgs.find((o) => o.id === id);
      const team = s.teams.find((t) => t.id === id);
      if (org) byOrg.set(org.id, byOrg.get(org.id) ?? []);
      else if (team) byOrg.set(team.organizationId, [...(byOrg.get(team.organizationId) ?? []), team.id]);
      else throw refuse('validation', `Unknown entity ${id}`, 'entity_not_found', { entityIds: 'not_found' });
    }
    return byOrg;
  }

  const domainAllowed = (email: string) => !allowedDomains || allowedDomains.has(emailDomain(email));

  function checkDomain(email: string): void {
    if (!domainAllowed(email)) throw refuse('validation', `Domain ${emailDomain(email)} is not allowed`, undefined, { email: 'not_allowed' });
  }

  /** A new login user's address, or a login user's new address, must not be disposable (as in the reference store). */
  async function checkNotDisposable(email: string): Promise<void> {
    if (await isDisposable(email)) throw refuse('validation', `Domain ${emailDomain(email)} is a disposable-address provider`, undefined, { email: 'not_allowed' });
  }

  /** The platform account of each address, for those that have one (an account outside our organizations is invited as it is, never created again). */
  async function accountsByEmail(emails: readonly string[], signal: Signal): Promise<Map<string, BaUser>> {
    return new Map((await usersWhere('email', emails, signal)).map((u) => [u.email.toLowerCase(), u]));
  }

  // ---------------------------------------------------------------------------
  // Writes
  // ---------------------------------------------------------------------------

  // A write of several requests runs under withUndo: each request that succeeded records its
  // undo (sent without the caller's signal), and when a later one fails they run newest first
  // before the original error is rethrown. An undo that fails itself is skipped: the caller gets
  // the original error, never the undo's.

  const post = (path: string, body: unknown, signal?: Signal) => call({ method: 'POST', path, body, signal });

  /** The invite-member body that sends `inv` again (same email, role, organization and teams). */
  function reinviteBody(inv: BaInvitation, extra: Record<string, unknown> = {}) {
    const teamIds = (inv.teamId ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    return { email: inv.email, role: parseRoleList(inv.role), organizationId: inv.organizationId, ...extra, ...(teamIds.length > 0 ? { teamId: teamIds } : {}) };
  }

  /** Invites an email into each organization (with its teams) sequentially; each one sent is canceled on undo. */
  async function inviteInto(email: string, roleId: string, byOrg: Map<string, string[]>, signal: Signal, undo: UndoLog): Promise<void> {
    for (const [organizationId, teamIds] of byOrg) {
      const invitation = await call<BaInvitation>({
        method: 'POST',
        path: '/organization/invite-member',
        body: { email, role: roleId, organizationId, ...(teamIds.length > 0 ? { teamId: teamIds } : {}) },
        signal,
      });
      if (invitation) undo.add(() => post('/organization/cancel-invitation', { invitationId: invitation.id }));
    }
  }

  /** Cancels invitations; each one canceled is sent again on undo (a new id, and a fresh expiry for an expired one). */
  async function cancelAll(invitations: readonly BaInvitation[], signal: Signal, undo: UndoLog): Promise<void> {
    for (const inv of invitations) {
      await post('/organization/cancel-invitation', { invitationId: inv.id }, signal);
      undo.add(() => post('/organization/invite-member', reinviteBody(inv)));
    }
  }

  /** Removes a membership; on undo it comes back through the host's `addMember` (better-auth's is server-only). */
  async function removeMember(m: BaMember, teamIds: readonly string[], signal: Signal, undo: UndoLog): Promise<void> {
    await post('/organization/remove-member', { memberIdOrEmail: m.id, organizationId: m.organizationId }, signal);
    const restore = options.addMember;
    if (restore) undo.add(() => restore({ userId: m.userId, organizationId: m.organizationId, role: m.role, teamIds: [...teamIds] }));
  }

  /**
   * Invites an address: an existing platform account (a user of other organizations, or one
   * removed from ours) is invited as it is; otherwise a user without password is created first.
   * On a failed invitation the ones sent, and the user created, are removed again.
   */
  async function createInvited(
    email: string,
    names: { firstName: string; lastName: string },
    roleId: string,
    byOrg: Map<string, string[]>,
    extra: Record<string, unknown>,
    signal: Signal,
    account?: BaUser,
  ): Promise<BaUser> {
    if (account) {
      await withUndo((undo) => inviteInto(email, roleId, byOrg, signal, undo));
      return account;
    }
    const data: Record<string, unknown> = { ...extra };
    if (options.nameFields) {
      data[options.nameFields.firstName] = names.firstName;
      data[options.nameFields.lastName] = names.lastName;
    }
    return withUndo(async (undo) => {
      const created = await call<{ user: BaUser }>({
        method: 'POST',
        path: '/admin/create-user',
        body: { email, name: joinName(names.firstName, names.lastName), ...(Object.keys(data).length > 0 ? { data } : {}) },
        signal,
      });
      undo.add(() => post('/admin/remove-user', { userId: created.user.id }));
      await inviteInto(email, roleId, byOrg, signal, undo);
      return created.user;
    });
  }

  async function setPlatformRole(user: BaUser, oldRoleId: string | null, newRoleId: string, signal: Signal, undo: UndoLog): Promise<void> {
    if (!syncPlatformRole || isAdminRole(oldRoleId) === isAdminRole(newRoleId)) return;
    await post('/admin/set-role', { userId: user.id, role: isAdminRole(newRoleId) ? 'admin' : 'user' }, signal);
    const previous = parseRoleList(user.role ?? null);
    undo.add(() => post('/admin/set-role', { userId: user.id, role: previous.length > 1 ? previous : (previous[0] ?? 'user') }));
  }

  /** The contract invitations of these emails (one read of the server for all). */
  async function mergedInvitations(emails: readonly string[], signal: Signal): Promise<Invitation[]> {
    if (emails.length === 0) return [];
    const { snapshot, users } = await everyone(signal);
    const ctx = mappingContext(snapshot);
    const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
    const byId = new Map(users.map((u) => [u.id, u]));
    return emails.map((email) => {
      const pending = snapshot.invitationsByEmail.get(email.toLowerCase()) ?? [];
      if (pending.length === 0) throw refuse('not_found', `No pending invitation for ${email}`, 'invitation_not_pending');
      const inviterId = primaryInvitation(pending)?.inviterId;
      const inviter = inviterId ? byId.get(inviterId) : undefined;
      return toInvitation(pending, byEmail.get(email.toLowerCase()), inviter ? { id: inviter.id, name: inviter.name } : null, ctx);
    });
  }

  async function mergedInvitation(email: string, signal: Signal): Promise<Invitation> {
    return (await mergedInvitations([email], signal))[0]!;
  }

  /** The pending invitations of the contract invitation `id` (any of its better-auth ids). */
  async function invitationGroup(id: string, signal: Signal): Promise<{ email: string; pending: BaInvitation[] }> {
    const snapshot = await loadSnapshot(signal);
    for (const [email, pending] of snapshot.invitationsByEmail) if (pending.some((i) => i.id === id)) return { email, pending };
    throw refuse('not_found', `No pending invitation ${id}`, 'invitation_not_pending');
  }

  const adapter: UserAdminAdapter = {
    async getSettings(params) {
      const s = await loadStructure(params?.signal);
      return {
        // The admin plugin's role opens the admin routes the screen needs; no per-user scope: every entity.
        currentUser: currentUser(s),
        sso: { ...sso(), managedFields: [] },
        invitation: { ttlDays, onExpiry: 'expire' },
        username: { mode: 'none' },
        multiEntity: s.orgs.length > 1,
        workspace: { level: 'group' },
        features: {
          contacts: false,
          invitations: true,
          phone: options.phoneField !== undefined,
          lastSignIn: false,
          modulePermissions: false,
          entitySubtrees: false,
          emailChangeConfirmation: false,
          // better-auth has no per-user admin scope: an admin administers every organization listed.
          adminScope: false,
        },
      };
    },

    async listUsers(params: ListUsersParams): Promise<Page<User>> {
      const { signal, pageIndex, pageSize: size, sort, search, filter } = params;
      throwIfAborted(signal);
      if (filter?.kind === 'contact') return { items: [], total: 0 };
      // Our users only (memberships and invitations of our organizations), so no page of the
      // platform's list-users can stand for a page of ours: filtered, sorted and paged in memory.
      const { snapshot, mapped } = await everyone(signal);
      return queryUsers(mapped, { pageIndex, pageSize: size, sort, search, filter }, { roles: snapshot.roles });
    },

    async getUser({ id, signal }) {
      return (await readUser(id, signal)).user;
    },

    async createUser({ input, signal }): Promise<CreateUserResult> {
      throwIfAborted(signal);
      if (input.kind === 'contact') throw refuse('validation', 'better-auth has no contacts (features.contacts is false)', undefined, { kind: 'not_allowed' });
      enforce(ssoRefusal(sso().enforced, 'createLoginUser'));
      const email = emailKey(input.email);
      if (!isValidEmail(email)) throw refuse('validation', `Invalid email ${input.email}`, undefined, { email: 'invalid_email' });
      checkDomain(email);
      await checkNotDisposable(email);
      const s = await loadStructure(signal);
      const role = mustRole(s, input.roleId);
      checkPermissions(role, input.permissions);
      const byOrg = resolveEntities(s, input.entityIds);
      const extra = options.phoneField && input.phone ? { [options.phoneField]: input.phone } : {};
      if (!options.phoneField && input.phone) throw refuse('validation', 'This server has no phone field (phoneField option)', undefined, { phone: 'not_allowed' });
      // An address of ours is taken; an account outside our organizations is invited as it is (its profile is not ours to set).
      const account = (await accountsByEmail([email], signal)).get(email);
      if (account && isOurs(await loadSnapshot(signal), account)) throw refuse('conflict', `${email} is already a user`, 'email_taken', { email: 'taken' });
      try {
        const created = await createInvited(email, { firstName: input.firstName, lastName: input.lastName }, role.id, byOrg, extra, signal, account);
        invalidate();
        const { user } = await readUser(created.id, signal);
        return { user, invitation: await mergedInvitation(email, signal) };
      } finally {
        invalidate();
      }
    },

    async updateUser({ id, patch, signal }) {
      const { snapshot: s, raw, user } = await readUser(id, signal);
      const newRoleId = patch.roleId ?? user.roleId;
      const role = newRoleId ? mustRole(s, newRoleId) : null;
      if (patch.permissions !== undefined) {
        if (!role) throw refuse('validation', 'A user without a role has no permissions', undefined, { permissions: 'not_allowed' });
        checkPermissions(role, patch.permissions);
      }
      const roleChanges = patch.roleId !== undefined && patch.roleId !== user.roleId;
      const entitiesChange = patch.entityIds !== undefined && [...patch.entityIds].sort().join() !== [...user.entityIds].sort().join();
      // Who may change whose access (core): no self-demotion, never the last active admin's.
      // The admin scope given is not passed: better-auth has none (features.adminScope false).
      const change = {
        wasAdmin: isAdminRole(user.roleId),
        staysAdmin: isAdminRole(newRoleId),
        ...(entitiesChange ? { entityIds: patch.entityIds } : {}),
      };
      const ctx = ruleContext(s);
      enforce(checkAccessChange(ctx, user, change));
      if (change.wasAdmin && !change.staysAdmin) enforce(checkAccessChange(ctx, user, { ...change, lastActiveAdmin: await isLastActiveAdmin(user, signal) }));
      const members = s.membersByUser.get(id) ?? [];
      const pending = s.invitationsByEmail.get(user.email.toLowerCase()) ?? [];
      const invited = user.status === 'invited' || (members.length === 0 && pending.length > 0);
      const byOrg = entitiesChange ? resolveEntities(s, patch.entityIds!) : null;
      if (byOrg && !invited) {
        const current = new Set(members.map((m) => m.organizationId));
        const added = [...byOrg.keys()].filter((o) => !current.has(o));
        if (added.length > 0) {
          throw refuse('validation', 'better-auth cannot add an existing user to an organization over HTTP (addMember is server-only): invite them from that organization instead', undefined, { entityIds: 'not_allowed' });
        }
      }
      let email = user.email;
      if (patch.email !== undefined && emailKey(patch.email) !== user.email.toLowerCase()) {
        email = emailKey(patch.email);
        if (!isValidEmail(email)) throw refuse('validation', `Invalid email ${patch.email}`, undefined, { email: 'invalid_email' });
        checkDomain(email);
        await checkNotDisposable(email);
      }
      if (patch.phone && !options.phoneField) throw refuse('validation', 'This server has no phone field (phoneField option)', undefined, { phone: 'not_allowed' });
      // An invitation's role, organizations and address cannot be edited in better-auth: changing
      // one cancels the invitations and invites again, which sends an invitation. The email-change
      // rule (core) says an invited user is re-invited, except under enforced SSO, where nothing is
      // sent: better-auth cannot move an invitation without sending it, so that change is refused.
      const emailChanges = email !== user.email;
      const reinvites = invited && (roleChanges || entitiesChange || emailChanges);
      const ssoEnforced = sso().enforced;
      // emailChangeOutcome: 'reinvite' for an invited user, 'replace' (nothing sent) under SSO or
      // for anyone else (no confirmation in better-auth's admin update).
      const emailOutcome = emailChanges ? emailChangeOutcome({ kind: 'login', status: invited ? 'invited' : user.status, ssoEnforced, confirmation: false }) : null;
      if (reinvites && (emailOutcome === 'replace' || ssoEnforced)) enforce(ssoRefusal(ssoEnforced, 'invite'));
      const teamsNow = s.teamIdsByUser.get(id) ?? new Set<string>();
      const teamsOf = (organizationId: string) => s.teams.filter((t) => t.organizationId === organizationId && teamsNow.has(t.id)).map((t) => t.id);

      try {
        await withUndo(async (undo) => {
          const data: Record<string, unknown> = {};
          if (patch.firstName !== undefined || patch.lastName !== undefined) {
            const firstName = patch.firstName ?? user.firstName;
            const lastName = patch.lastName ?? user.lastName;
            data.name = joinName(firstName, lastName);
            if (options.nameFields) {
              data[options.nameFields.firstName] = firstName;
              data[options.nameFields.lastName] = lastName;
            }
          }
          if (email !== user.email) data.email = email;
          if (options.phoneField && patch.phone !== undefined) data[options.phoneField] = patch.phone ?? null;
          if (Object.keys(data).length > 0) {
            await post('/admin/update-user', { userId: id, data }, signal);
            const previous = Object.fromEntries(Object.keys(data).map((key) => [key, raw[key] ?? null]));
            undo.add(() => post('/admin/update-user', { userId: id, data: previous }));
          }

          if (reinvites) {
            // An invitation's role and organizations cannot be edited: cancel and invite again.
            await cancelAll(pending, signal, undo);
            await inviteInto(email, newRoleId!, byOrg ?? resolveEntities(s, user.entityIds), signal, undo);
          } else if (!invited) {
            if (roleChanges) {
              for (const m of members) {
                await post('/organization/update-member-role', { memberId: m.id, role: patch.roleId, organizationId: m.organizationId }, signal);
                undo.add(() => post('/organization/update-member-role', { memberId: m.id, role: parseRoleList(m.role), organizationId: m.organizationId }));
              }
            }
            if (byOrg) {
              for (const m of members.filter((x) => byOrg.has(x.organizationId))) {
                const wanted = new Set(byOrg.get(m.organizationId));
                for (const team of s.teams.filter((t) => t.organizationId === m.organizationId)) {
                  const body = { teamId: team.id, userId: id, organizationId: m.organizationId };
                  if (wanted.has(team.id) && !teamsNow.has(team.id)) {
                    await post('/organization/add-team-member', body, signal);
                    undo.add(() => post('/organization/remove-team-member', body));
                  } else if (!wanted.has(team.id) && teamsNow.has(team.id)) {
                    await post('/organization/remove-team-member', body, signal);
                    undo.add(() => post('/organization/add-team-member', body));
                  }
                }
              }
            }
          }
          if (roleChanges) await setPlatformRole(raw, user.roleId, patch.roleId!, signal, undo);
          // Last: a removed membership comes back only through the host's addMember.
          if (byOrg && !invited) {
            for (const m of members.filter((x) => !byOrg.has(x.organizationId))) await removeMember(m, teamsOf(m.organizationId), signal, undo);
          }
        });
      } finally {
        invalidate();
      }
      return { user: (await readUser(id, signal)).user, emailChange: 'none' };
    },

    async setUserStatus({ id, status, signal }) {
      const { snapshot: s, raw, user } = await readUser(id, signal);
      if (status === 'deactivated') {
        await enforceActOn(s, user, 'deactivate', signal);
        if (user.status === 'deactivated') return user;
        try {
          await call({ method: 'POST', path: '/admin/ban-user', body: { userId: id }, signal });
        } finally {
          invalidate();
        }
      } else {
        if (!raw.banned) {
          if (user.status === 'invited') throw refuse('conflict', 'An invited user becomes active by accepting their invitation', 'invalid_status_transition');
          return user;
        }
        enforce(checkActOnUser(ruleContext(s), user, 'reactivate'));
        const pending = s.invitationsByEmail.get(raw.email.toLowerCase()) ?? [];
        const neverAccepted = (s.membersByUser.get(id) ?? []).length === 0 && pending.length > 0;
        // reactivationOutcome (core): a user who never accepted is invited again (their pending
        // invitations stand; unbanning sends nothing), except under enforced SSO, where they become
        // active with no invitation: they sign in through the identity provider.
        const outcome = reactivationOutcome({ kind: 'login', neverAccepted, ssoEnforced: sso().enforced });
        const restore = options.addMember;
        if (neverAccepted && outcome === 'active' && !restore) {
          throw refuse('conflict', 'Under enforced SSO a user who never accepted becomes a member when reactivated, and better-auth adds members only server-side: give the addMember option', 'invalid_status_transition');
        }
        try {
          if (neverAccepted && outcome === 'active') {
            // The invitations become memberships (host's addMember, nothing sent), then are canceled.
            for (const inv of pending) {
              await restore!({ userId: id, organizationId: inv.organizationId, role: inv.role, teamIds: (inv.teamId ?? '').split(',').map((t) => t.trim()).filter(Boolean) });
            }
            for (const inv of pending) await post('/organization/cancel-invitation', { invitationId: inv.id }, signal);
          }
          await call({ method: 'POST', path: '/admin/unban-user', body: { userId: id }, signal });
        } finally {
          invalidate();
        }
      }
      return (await readUser(id, signal)).user;
    },

    /**
     * Removal policy: the user leaves OUR organizations (their pending invitations to them are
     * canceled, their memberships and teams in them removed); the platform account is never
     * deleted. The admin administers these organizations, not the person's account: the same
     * account may own or belong to organizations the admin is not in, and better-auth gives no
     * HTTP route listing a user's memberships outside the caller's own organizations, so "no other
     * membership remains" cannot be established; deleting the account (`/admin/remove-user`) would
     * take the person out of those too, irreversibly. An account left without membership is no
     * longer one of our users (`getUser` → `not_found`); invited again, the same account is invited.
     */
    async removeUser({ id, signal }) {
      const { snapshot: s, user } = await readUser(id, signal);
      await enforceActOn(s, user, 'remove', signal);
      const teamsNow = s.teamIdsByUser.get(id) ?? new Set<string>();
      try {
        await withUndo(async (undo) => {
          // Invitations first: canceling them can be undone over HTTP, removing a membership cannot (addMember option).
          await cancelAll(s.invitationsByEmail.get(user.email.toLowerCase()) ?? [], signal, undo);
          for (const m of s.membersByUser.get(id) ?? []) {
            await removeMember(m, s.teams.filter((t) => t.organizationId === m.organizationId && teamsNow.has(t.id)).map((t) => t.id), signal, undo);
          }
        });
      } finally {
        invalidate();
      }
    },

    async inviteUsers({ input, signal }): Promise<InviteUsersResult> {
      throwIfAborted(signal);
      // The classification and its order are the core's: SSO, invalid, duplicate (screenInvitees),
      // then already a user of ours, domain, disposable (classifyInvitee).
      const screened = screenInvitees(input.emails, { ssoEnforced: sso().enforced });
      if (sso().enforced) return { invited: [], skipped: screened.skipped };
      const s = await loadStructure(signal);
      const role = mustRole(s, input.roleId);
      checkPermissions(role, input.permissions);
      const byOrg = resolveEntities(s, input.entityIds);
      const { mapped } = await everyone(signal);
      const byEmail = new Map(mapped.map((u) => [u.email.toLowerCase(), u]));
      const names = new Map(Object.entries(input.names ?? {}).map(([k, v]) => [emailKey(k), v]));
      const skipped: InviteUsersResult['skipped'] = [...screened.skipped];
      const toInvite: string[] = [];
      for (const email of screened.candidates) {
        const owner = byEmail.get(email);
        const facts = { existing: owner ? (owner.status === 'invited' ? 'invited' as const : 'member' as const) : null, domainAllowed: domainAllowed(email) };
        // The disposable check may be a request: made only when nothing before it applies.
        const reason = classifyInvitee(facts) ?? classifyInvitee({ ...facts, disposable: await isDisposable(email) });
        if (reason) skipped.push({ email, reason });
        else toInvite.push(email);
      }
      // Accounts outside our organizations (a user of other organizations, one removed from ours): invited as they are.
      const accounts = await accountsByEmail(toInvite, signal);
      // Each address is created and invited on its own: one that fails is undone (createInvited)
      // and reported in `failed`; the others go through. An abort, or a refusal of the whole call
      // (401, 403: the session expired, the admin may not invite), still rejects the call.
      const failed: InviteFailure[] = [];
      const done: string[] = [];
      let aborted: unknown = null;
      try {
        await mapWithConcurrency(toInvite, inviteConcurrency, async (email) => {
          const given = names.get(email);
          try {
            await createInvited(email, { firstName: given?.firstName?.trim() ?? '', lastName: given?.lastName?.trim() ?? '' }, role.id, byOrg, {}, signal, accounts.get(email));
            done.push(email);
          } catch (e) {
            if (isAbortError(e) || (isUserAdminError(e) && (e.code === 'unauthorized' || e.code === 'forbidden'))) aborted ??= e;
            else if (isUserAdminError(e) && e.reason === 'email_taken') skipped.push({ email, reason: 'already_member' });
            else if (isUserAdminError(e) && /ALREADY_INVITED/.test(e.message)) skipped.push({ email, reason: 'already_invited' });
            else failed.push(inviteFailure(email, e));
          }
        });
      } finally {
        invalidate();
      }
      if (aborted) throw aborted;
      const invited = await mergedInvitations(toInvite.filter((e) => done.includes(e)), signal);
      return { invited, skipped, failed };
    },

    async listInvitations({ signal, pageIndex, pageSize: size, search, status }) {
      const { snapshot, users, mapped } = await everyone(signal);
      const ctx = mappingContext(snapshot);
      const usersByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
      const mappedById = new Map(mapped.map((u) => [u.id, u]));
      const names = new Map(users.map((u) => [u.id, u.name]));
      const all = [...snapshot.invitationsByEmail.entries()].map(([email, pending]) => {
        const user = usersByEmail.get(email);
        const inviterId = primaryInvitation(pending)?.inviterId;
        const inviter = inviterId ? { id: inviterId, name: names.get(inviterId) ?? '' } : null;
        return { invitation: toInvitation(pending, user, inviter, ctx), user: user ? mappedById.get(user.id) : undefined };
      });
      const q = search?.trim() ?? '';
      const matching = all
        .filter(({ invitation, user }) => (!status || invitation.status === status) && (!q || (user ? matchesUserSearch(user, q) : foldText(invitation.email).includes(foldText(q)))))
        .map(({ invitation }) => invitation)
        .sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt) || (a.id < b.id ? -1 : 1));
      return { items: matching.slice(pageIndex * size, pageIndex * size + size), total: matching.length };
    },

    async resendInvitation({ id, signal }) {
      throwIfAborted(signal);
      // Under enforced SSO users sign in through the identity provider: nothing is sent (core).
      enforce(ssoRefusal(sso().enforced, 'resendInvitation'));
      const { email, pending } = await invitationGroup(id, signal);
      try {
        await withUndo(async (undo) => {
          for (const inv of pending) {
            const expired = Date.parse(inv.expiresAt) <= Date.now();
            // better-auth renews an unexpired invitation in place; it ignores an expired one (and
            // would create a second): cancel that and invite again.
            if (expired) await cancelAll([inv], signal, undo);
            await post('/organization/invite-member', reinviteBody({ ...inv, email }, { resend: true }), signal);
          }
        });
      } finally {
        invalidate();
      }
      return mergedInvitation(email, signal);
    },

    async revokeInvitation({ id, signal }) {
      const { pending } = await invitationGroup(id, signal);
      try {
        // Revoking cancels the invitations to our organizations, nothing more: the account is
        // never deleted (see removeUser). Without an invitation or membership left it is no
        // longer one of our users.
        await withUndo((undo) => cancelAll(pending, signal, undo));
      } finally {
        invalidate();
      }
    },

    async listRoles(params) {
      return (await loadStructure(params?.signal)).roles;
    },

    async listModules(params) {
      throwIfAborted(params?.signal);
      return modules.map((m) => ({ ...m, levels: [...m.levels] }));
    },

    async listEntities({ signal, search, parentId, ids, pageIndex, pageSize: size }) {
      const { entities } = await loadStructure(signal);
      const q = search?.trim() ? foldText(search.trim()) : '';
      const matching = entities.filter(
        (e) =>
          (!ids || ids.includes(e.id)) &&
          (parentId === undefined || e.parentId === parentId) &&
          (!q || foldText(e.name).includes(q)),
      );
      return { items: matching.slice(pageIndex * size, pageIndex * size + size), total: matching.length };
    },

    async getUserCounts({ signal, search, filter }): Promise<UserCounts> {
      const { snapshot, mapped } = await everyone(signal);
      const context = { roles: snapshot.roles };
      const matching = mapped.filter((u) => matchesUserSearch(u, search) && matchesUserFilter(u, filter, context));
      const count = (status: User['status']) => matching.filter((u) => u.status === status).length;
      return { active: count('active'), invited: count('invited'), deactivated: count('deactivated'), contacts: 0, all: matching.length };
    },
  };

  if (dynamicRoles) {
    adapter.updateRole = async ({ id, patch, signal }) => {
      const s = await loadStructure(signal);
      const def = s.roleDefs.find((r) => r.id === id);
      if (!def) throw refuse('not_found', `Unknown role ${id}`, 'role_not_found');
      if (!def.dynamic) throw refuse('forbidden', `${id} is a static role: it is defined in the server's code (organization({ roles })) and cannot be changed here`);
      const role = mustRole(s, id);
      for (const [moduleId, level] of Object.entries(patch.defaultPermissions)) {
        const m = modules.find((x) => x.id === moduleId);
        if (!m) throw refuse('validation', `Unknown module ${moduleId}`, undefined, { [`defaultPermissions.${moduleId}`]: 'not_found' });
        if (!m.levels.includes(level)) throw refuse('validation', `Unknown level ${level} of ${moduleId}`, undefined, { [`defaultPermissions.${moduleId}`]: 'invalid_format' });
      }
      // The admin-only module rule (core), its field errors named after the role's field.
      const adminOnly = checkAdminOnlyModules(role, patch.defaultPermissions, modules);
      if (adminOnly) {
        const fieldErrors = Object.fromEntries(Object.entries(adminOnly.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^permissions\./, 'defaultPermissions.'), v]));
        enforce({ ...adminOnly, fieldErrors });
      }
      const moduleIds = new Set(modules.map((m) => m.id));
      const kept = Object.fromEntries(Object.entries(def.permissions).filter(([resource]) => !moduleIds.has(resource)));
      const permission = { ...kept, ...statementsFromLevels(patch.defaultPermissions, modules) };
      try {
        await withUndo(async (undo) => {
          // The role is per organization: the same name is updated in every organization that has it.
          for (const organizationId of s.dynamicRoleOrgs.get(id) ?? []) {
            await post('/organization/update-role', { roleName: id, organizationId, data: { permission } }, signal);
            const before = s.dynamicRolePermissions.get(id)?.get(organizationId) ?? {};
            undo.add(() => post('/organization/update-role', { roleName: id, organizationId, data: { permission: before } }));
          }
        });
      } finally {
        invalidate();
      }
      return mustRole(await loadStructure(signal), id);
    };
  }

  return adapter;
}
