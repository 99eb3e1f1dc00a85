/**
 * The better-auth adapter's reads of the admin's organizations, each cached until a write (or
 * `cacheMs`) and each read only when a call needs it:
 *
 * - the **frame**: the organizations (`organization/list`), and for each one
 *   `get-full-organization`, which carries its teams, its invitations and up to `membershipLimit`
 *   members in one request (invitations and members are kept for the memberships of the same
 *   generation: an organization smaller than the limit needs no `list-members`);
 * - the **session user** (`get-session`): only the settings and the writes need it;
 * - the **roles** (`list-roles` per organization): read organization by organization, in the
 *   entities' order, until the roles asked for are found (every organization for the full list);
 * - the **memberships**: the members (`list-members` per organization at or above the limit,
 *   names and emails joined) and the pending invitations; the **team members** (`list-team-members` per team), the **banned
 *   users** (one filtered `list-users`) and the **invitees' accounts** (`list-users` on their
 *   addresses), each read apart.
 *
 * {@link Structure} and {@link Snapshot} put them all together for the writes.
 */
import type { Entity, Role } from '../../contract/types';
import { UserAdminError, isAbortError, throwIfAborted } from '../../contract/errors';
import { mapWithConcurrency } from '../../query/concurrency';
import type { BetterAuthCall } from './transport';
import type { BetterAuthConfig } from './options';
import {
  buildEntities,
  titleCase,
  toRole,
  type BaInvitation,
  type BaMember,
  type BaOrganization,
  type BaTeam,
  type BaUser,
  type MembershipIndex,
  type RoleDef,
  type Statements,
} from './mapping';

/** The organizations and their teams. */
export interface Frame {
  orgs: BaOrganization[];
  teams: BaTeam[];
  entities: Entity[];
}

/** The roles known: the static ones and the dynamic ones read so far. */
export interface RoleSet {
  roleDefs: RoleDef[];
  roles: Role[];
  /** Dynamic role name → organization ids holding it. */
  dynamicRoleOrgs: Map<string, string[]>;
  /** Dynamic role name → organization id → its permission there (to put back after a failed update). */
  dynamicRolePermissions: Map<string, Map<string, Statements>>;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: string | null;
}

export interface Structure extends Frame, RoleSet {
  sessionUser: SessionUser;
}

/** The members and pending invitations of the admin's organizations. */
export interface Memberships {
  membersByUser: Map<string, BaMember[]>;
  /** Pending better-auth invitations (expired ones included: better-auth leaves them `pending`), by lower-cased email. */
  invitationsByEmail: Map<string, BaInvitation[]>;
}

export interface Snapshot extends Structure, MembershipIndex {}

export type Signal = AbortSignal | undefined;

/** What one `get-full-organization` says of an organization's memberships. */
export interface OrganizationRead {
  /** Every invitation (pending or not). */
  invitations: BaInvitation[];
  /** Every member (user joined) when the organization is smaller than the members asked, else `null`. */
  members: BaMember[] | null;
}

/** The frame, with the invitations and members read with it when they are still current. */
export interface FrameRead {
  frame: Frame;
  /** Per organization (in `frame.orgs` order), from the same read; `null` when they must be read again. */
  organizations: OrganizationRead[] | null;
  /** The memberships' generation they belong to. */
  generation: number;
}

/** The snapshot and what a list reads beyond it (see `loadRoster`). */
export interface Roster {
  snapshot: Snapshot;
  /** Banned platform users (ours or not). */
  bannedIds: Set<string>;
  /** The platform accounts of every address with a pending invitation to one of our organizations. */
  invitationAccounts: BaUser[];
}

/** Reads the roles of one call: each organization's at most once. */
export interface RoleReader {
  /** The roles, with the dynamic ones of these ids (or of every organization for `'all'`) read. */
  resolve(want: 'all' | Iterable<string>): Promise<RoleSet>;
}

/** What the snapshot is built on. */
export interface SnapshotDeps {
  config: BetterAuthConfig;
  call: BetterAuthCall;
}

type RoleRow = { role: string; permission: Statements | null };
type Entry<T> = { at: number; generation: number; value: T } | null;

/**
 * The cached reads of one adapter.
 * @example
 * const snapshots = createSnapshots({ config, call });
 * const { membersByUser } = await snapshots.loadSnapshot(signal);
 */
export function createSnapshots({ config, call }: SnapshotDeps) {
  const { adminRoleIds, modules, dynamicRoles, teamsEnabled, requestConcurrency, cacheMs, pageSize, lookupChunk, statics, membershipLimit } = config;

  // Two generations: the structure's (organizations, teams, roles, session user) and the
  // memberships' (members, invitations, team members, banned users). A write of users changes the second only.
  let structureGeneration = 0;
  let generation = 0;
  let frameCache: Entry<Frame> = null;
  let sessionCache: Entry<SessionUser> = null;
  const roleCache = new Map<string, NonNullable<Entry<RoleRow[]>>>();
  let invitationStash: Entry<OrganizationRead[]> = null;
  let membershipCache: Entry<Memberships> = null;
  let teamMemberCache: Entry<Map<string, Set<string>>> = null;
  let bannedCache: Entry<Set<string>> = null;
  let accountsCache: Entry<BaUser[]> = null;
  /** The generation each memberships value was read in: what is derived from it is kept for that generation only. */
  const membershipGenerations = new WeakMap<Memberships, number>();
  /**
   * Reads in flight, by what they read and the generation they read it in: a call that needs the
   * same thing while it is being read waits for that read (the screen's page, counts, settings and
   * roles start together) instead of sending it again. A write starts a new generation, so a read
   * begun before it is never shared with a call begun after it.
   */
  const inflight = new Map<string, Promise<unknown>>();
  async function shared<T>(key: string, signal: Signal, run: () => Promise<T>): Promise<T> {
    const running = inflight.get(key) as Promise<T> | undefined;
    if (!running) {
      const started = run();
      inflight.set(key, started);
      const clear = () => {
        if (inflight.get(key) === started) inflight.delete(key);
      };
      started.then(clear, clear);
      return started;
    }
    try {
      return await untilAborted(running, signal);
    } catch (e) {
      // The read was the first caller's and that caller gave up: read again for this one.
      if (isAbortError(e) && !signal?.aborted) return shared(key, signal, run);
      throw e;
    }
  }
  const fresh = <T>(entry: Entry<T>, current = generation): entry is NonNullable<Entry<T>> =>
    entry !== null && entry.generation === current && Date.now() - entry.at < cacheMs && Date.now() >= entry.at;
  /** Drops the memberships, invitations, team members, banned users and invitees' accounts (every write of users). */
  const invalidateMemberships = () => {
    generation += 1;
    invitationStash = null;
    membershipCache = null;
    teamMemberCache = null;
    bannedCache = null;
    accountsCache = null;
  };
  /** Drops everything, the structure included (a role, or the session user's own record, changed). */
  const invalidate = () => {
    structureGeneration += 1;
    frameCache = null;
    sessionCache = null;
    roleCache.clear();
    invalidateMemberships();
  };

  /** The current user (`get-session`): the settings and the writes need it, no list does. */
  async function loadSession(signal: Signal): Promise<SessionUser> {
    throwIfAborted(signal);
    if (fresh(sessionCache, structureGeneration)) return sessionCache.value;
    const started = structureGeneration;
    return shared(`session@${started}`, signal, () => readSession(signal, started));
  }

  async function readSession(signal: Signal, started: number): Promise<SessionUser> {
    const session = await call<{ user: { id: string; name: string; email: string; role?: string | null } } | null>({ path: '/get-session', signal });
    if (!session?.user) throw new UserAdminError('unauthorized', '/get-session: no session (sign in, or pass a bearer token)');
    const value: SessionUser = { id: session.user.id, name: session.user.name, email: session.user.email, role: session.user.role ?? null };
    if (started === structureGeneration) sessionCache = { at: Date.now(), generation: started, value };
    return value;
  }

  /**
   * The organizations and teams: `organization/list`, then `get-full-organization` per
   * organization, which returns its teams, its invitations and its first `membershipLimit` members
   * together (asking more fails: the server's user lookup stops at that limit).
   */
  async function readFrame(signal: Signal): Promise<FrameRead> {
    throwIfAborted(signal);
    if (fresh(frameCache, structureGeneration)) {
      return fresh(invitationStash)
        ? { frame: frameCache.value, organizations: invitationStash.value, generation: invitationStash.generation }
        : { frame: frameCache.value, organizations: null, generation };
    }
    const startedStructure = structureGeneration;
    const started = generation;
    return shared(`frame@${startedStructure}.${started}`, signal, () => readFrameNow(signal, startedStructure, started));
  }

  async function readFrameNow(signal: Signal, startedStructure: number, started: number): Promise<FrameRead> {
    const orgs = (await call<BaOrganization[] | null>({ path: '/organization/list', signal })) ?? [];
    // One task per request, so at most `requestConcurrency` are in flight.
    const fulls = await mapWithConcurrency(orgs, requestConcurrency, (org) => fullOrganization(org.id, signal));
    const teams = teamsEnabled ? fulls.flatMap((f) => f.teams) : [];
    const frame: Frame = { orgs, teams, entities: buildEntities(orgs, teams) };
    const organizations = fulls.map(({ invitations, members }) => ({ invitations, members }));
    const now = Date.now();
    if (startedStructure === structureGeneration) frameCache = { at: now, generation: startedStructure, value: frame };
    if (started !== generation) return { frame, organizations: null, generation };
    invitationStash = { at: now, generation: started, value: organizations };
    return { frame, organizations, generation: started };
  }

  /** One organization's teams, invitations and, when it has fewer than `membershipLimit`, members (`get-full-organization`). */
  async function fullOrganization(organizationId: string, signal: Signal): Promise<OrganizationRead & { teams: BaTeam[] }> {
    const full = await call<{ teams?: BaTeam[] | null; invitations?: BaInvitation[] | null; members?: BaMember[] | null } | null>({
      path: '/organization/get-full-organization',
      query: { organizationId, membersLimit: membershipLimit },
      signal,
    });
    const members = full?.members ?? [];
    return { teams: full?.teams ?? [], invitations: full?.invitations ?? [], members: members.length < membershipLimit ? members : null };
  }

  /** A reader of the roles for one call (see {@link RoleReader}). */
  function roleReader(frame: Frame, signal: Signal): RoleReader {
    const started = structureGeneration;
    const lists = new Map<string, RoleRow[]>();
    // Dynamic roles are per organization: merged by name, the permissions of the first organization (by name) that has it.
    const ordered = frame.entities.filter((e) => e.parentId === null).map((e) => frame.orgs.find((o) => o.id === e.id)!).filter(Boolean);
    const isStatic = (id: string) => statics.some((s) => s.id === id);

    async function rolesOf(org: BaOrganization): Promise<RoleRow[]> {
      const known = lists.get(org.id);
      if (known) return known;
      const cached = roleCache.get(org.id) ?? null;
      let rows: RoleRow[];
      if (fresh(cached, structureGeneration)) rows = cached.value;
      else {
        rows = await shared(`roles:${org.id}@${started}`, signal, async () => {
          const read = (await call<RoleRow[] | null>({ path: '/organization/list-roles', query: { organizationId: org.id }, signal })) ?? [];
          if (started === structureGeneration) roleCache.set(org.id, { at: Date.now(), generation: started, value: read });
          return read;
        });
      }
      lists.set(org.id, rows);
      return rows;
    }

    function build(): RoleSet {
      const dynamicRoleOrgs = new Map<string, string[]>();
      const dynamicRolePermissions = new Map<string, Map<string, Statements>>();
      const dynamicDefs = new Map<string, RoleDef>();
      for (const org of ordered) {
        for (const r of lists.get(org.id) ?? []) {
          if (isStatic(r.role)) continue;
          dynamicRoleOrgs.set(r.role, [...(dynamicRoleOrgs.get(r.role) ?? []), org.id]);
          dynamicRolePermissions.set(r.role, (dynamicRolePermissions.get(r.role) ?? new Map()).set(org.id, r.permission ?? {}));
          if (!dynamicDefs.has(r.role)) dynamicDefs.set(r.role, { id: r.role, name: titleCase(r.role), description: null, permissions: r.permission ?? {}, dynamic: true });
        }
      }
      const roleDefs = [...statics, ...dynamicDefs.values()];
      const roles = roleDefs.map((d) => toRole(d, { adminRoleIds, modules })).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
      return { roleDefs, roles, dynamicRoleOrgs, dynamicRolePermissions };
    }

    return {
      async resolve(want) {
        throwIfAborted(signal);
        if (!dynamicRoles) return build();
        if (want === 'all') {
          await mapWithConcurrency(ordered, requestConcurrency, rolesOf);
          return build();
        }
        const missing = new Set([...want].filter((id) => !isStatic(id)));
        // In the entities' order, so the first organization holding a role is the one whose permissions count.
        for (const org of ordered) {
          if (missing.size === 0) break;
          for (const r of await rolesOf(org)) missing.delete(r.role);
        }
        return build();
      },
    };
  }

  /**
   * The members and the pending invitations: from the frame's read when no write came since, else
   * `get-full-organization` per organization; `list-members` for an organization of
   * `membershipLimit` members or more.
   */
  async function loadMemberships(signal: Signal, read: FrameRead): Promise<Memberships> {
    throwIfAborted(signal);
    if (fresh(membershipCache)) return membershipCache.value;
    const started = generation;
    return shared(`memberships@${started}`, signal, () => readMemberships(signal, read, started));
  }

  async function readMemberships(signal: Signal, read: FrameRead, started: number): Promise<Memberships> {
    const { orgs } = read.frame;
    // The frame's reads only when no write came since they were made.
    const reads = (read.generation === started ? read.organizations : null) ?? await mapWithConcurrency(orgs, requestConcurrency, (org) => fullOrganization(org.id, signal));
    const memberLists = await mapWithConcurrency(orgs, requestConcurrency, (org, i) => {
      const complete = reads[i]?.members;
      return complete ? Promise.resolve(complete) : listAllMembers(org.id, signal);
    });
    const invitationLists = reads.map((r) => r.invitations);
    const membersByUser = new Map<string, BaMember[]>();
    for (const m of memberLists.flat()) membersByUser.set(m.userId, [...(membersByUser.get(m.userId) ?? []), m]);
    // Invitations also come canceled, accepted and rejected: only pending ones count.
    const invitationsByEmail = new Map<string, BaInvitation[]>();
    for (const inv of invitationLists.flatMap((list) => list ?? [])) {
      if (inv.status !== 'pending') continue;
      const email = inv.email.toLowerCase();
      invitationsByEmail.set(email, [...(invitationsByEmail.get(email) ?? []), inv]);
    }
    const value: Memberships = { membersByUser, invitationsByEmail };
    membershipGenerations.set(value, started);
    if (started === generation) membershipCache = { at: Date.now(), generation: started, value };
    return value;
  }

  /** The teams of each user: `list-team-members` per team. */
  async function loadTeamMembers(signal: Signal, frame: Frame): Promise<Map<string, Set<string>>> {
    throwIfAborted(signal);
    if (fresh(teamMemberCache)) return teamMemberCache.value;
    const started = generation;
    return shared(`teams@${started}`, signal, () => readTeamMembers(signal, frame, started));
  }

  async function readTeamMembers(signal: Signal, frame: Frame, started: number): Promise<Map<string, Set<string>>> {
    const lists = await mapWithConcurrency(frame.teams, requestConcurrency, async (team) => ({
      team,
      members: (await call<{ userId: string; teamId: string }[] | null>({ path: '/organization/list-team-members', query: { teamId: team.id }, signal })) ?? [],
    }));
    const teamIdsByUser = new Map<string, Set<string>>();
    for (const { team, members } of lists) {
      for (const m of members) {
        const set = teamIdsByUser.get(m.userId) ?? new Set<string>();
        set.add(team.id);
        teamIdsByUser.set(m.userId, set);
      }
    }
    if (started === generation) teamMemberCache = { at: Date.now(), generation: started, value: teamIdsByUser };
    return teamIdsByUser;
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

  /** The whole structure, for the writes: the session user, the frame and every role. */
  async function readStructure(signal: Signal): Promise<{ structure: Structure; read: FrameRead }> {
    throwIfAborted(signal);
    const sessionUser = await loadSession(signal);
    const read = await readFrame(signal);
    const roles = await roleReader(read.frame, signal).resolve('all');
    return { structure: { sessionUser, ...read.frame, ...roles }, read };
  }

  async function loadStructure(signal: Signal): Promise<Structure> {
    return (await readStructure(signal)).structure;
  }

  /** Everything: the structure, the memberships and the team members. */
  async function loadSnapshot(signal: Signal): Promise<Snapshot> {
    const { structure, read } = await readStructure(signal);
    const memberships = await loadMemberships(signal, read);
    const teamIdsByUser = await loadTeamMembers(signal, read.frame);
    const snapshot: Snapshot = { ...structure, ...memberships, teamIdsByUser };
    const started = membershipGenerations.get(memberships);
    if (started !== undefined) membershipGenerations.set(snapshot, started);
    return snapshot;
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

  /** The accounts of the invited addresses when they are cached, else `null`. */
  function cachedInvitationAccounts(): BaUser[] | null {
    return fresh(accountsCache) ? accountsCache.value : null;
  }

  /**
   * The platform accounts of every address with a pending invitation (filtered `list-users`).
   * `lookup` reads them instead (with other records in the same requests). They are kept only
   * when no write came since `memberships` were read (the addresses come from them).
   */
  async function loadInvitationAccounts(signal: Signal, memberships: Memberships, lookup?: (emails: string[]) => Promise<BaUser[]>): Promise<BaUser[]> {
    throwIfAborted(signal);
    const cached = cachedInvitationAccounts();
    if (cached) return cached;
    const started = membershipGenerations.get(memberships) ?? -1;
    const emails = [...memberships.invitationsByEmail.keys()];
    if (!lookup && started >= 0) return shared(`accounts@${started}`, signal, () => readInvitationAccounts(emails, started, (e) => usersWhere('email', e, signal)));
    return readInvitationAccounts(emails, started, lookup ?? ((e) => usersWhere('email', e, signal)));
  }

  async function readInvitationAccounts(emails: string[], started: number, lookup: (emails: string[]) => Promise<BaUser[]>): Promise<BaUser[]> {
    const accounts = emails.length === 0 ? [] : await lookup(emails);
    const wanted = new Set(emails);
    const value = accounts.filter((u) => wanted.has(u.email.toLowerCase()));
    if (started === generation) accountsCache = { at: Date.now(), generation: started, value };
    return value;
  }

  /** The ids of every banned platform user: `list-users` filtered on `banned`, by pages of 1,000. */
  async function loadBanned(signal: Signal): Promise<Set<string>> {
    throwIfAborted(signal);
    if (fresh(bannedCache)) return bannedCache.value;
    const started = generation;
    return shared(`banned@${started}`, signal, () => readBanned(signal, started));
  }

  async function readBanned(signal: Signal, started: number): Promise<Set<string>> {
    const ids = new Set<string>();
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await call<{ users: BaUser[]; total: number }>({
        path: '/admin/list-users',
        query: { filterField: 'banned', filterOperator: 'eq', filterValue: 'true', limit, ...(offset > 0 ? { offset } : {}) },
        signal,
      });
      for (const u of page?.users ?? []) if (u.banned) ids.add(u.id);
      if (!page || page.users.length < limit || offset + limit >= page.total) break;
    }
    if (started === generation) bannedCache = { at: Date.now(), generation: started, value: ids };
    return ids;
  }

  /**
   * The snapshot, plus what the writes' checks and the invitations read beyond it without
   * reading every record: the banned users and the invitees' accounts.
   */
  async function loadRoster(signal: Signal): Promise<Roster> {
    const snapshot = await loadSnapshot(signal);
    const [bannedIds, invitationAccounts] = await Promise.all([loadBanned(signal), loadInvitationAccounts(signal, snapshot)]);
    return { snapshot, bannedIds, invitationAccounts };
  }

  return {
    invalidate,
    invalidateMemberships,
    loadSession,
    readFrame,
    roleReader,
    loadMemberships,
    loadTeamMembers,
    loadBanned,
    loadInvitationAccounts,
    cachedInvitationAccounts,
    loadStructure,
    loadSnapshot,
    loadRoster,
    usersWhere,
  };
}

/** `promise`, or an AbortError as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: Signal): Promise<T> {
  throwIfAborted(signal);
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('The operation was aborted.', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The cached reads of one adapter. */
export type BetterAuthSnapshots = ReturnType<typeof createSnapshots>;
