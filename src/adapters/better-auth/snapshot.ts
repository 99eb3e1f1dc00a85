/**
 * The better-auth adapter's snapshot of the admin's organizations, with a short cache that every
 * write clears: the structure (session user, organizations, teams, entities, static and dynamic
 * roles) and the memberships and pending invitations over it; and the filtered `list-users`
 * lookups by id or address.
 */
import type { Entity, Role } from '../../adapter/types';
import { UserAdminError, throwIfAborted } from '../../adapter/errors';
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

export interface Structure {
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

export interface Snapshot extends Structure, MembershipIndex {}

export type Signal = AbortSignal | undefined;

/** The snapshot and what a list reads beyond it (see `loadRoster`). */
export interface Roster {
  snapshot: Snapshot;
  /** Banned platform users (ours or not). */
  bannedIds: Set<string>;
  /** The platform accounts of every address with a pending invitation to one of our organizations. */
  invitationAccounts: BaUser[];
}

/** What the snapshot is built on. */
export interface SnapshotDeps {
  config: BetterAuthConfig;
  call: BetterAuthCall;
}

/**
 * The cached reads of one adapter.
 * @example
 * const snapshots = createSnapshots({ config, call });
 * const { membersByUser } = await snapshots.loadSnapshot(signal);
 */
export function createSnapshots({ config, call }: SnapshotDeps) {
  const { adminRoleIds, modules, dynamicRoles, teamsEnabled, requestConcurrency, cacheMs, pageSize, lookupChunk, statics } = config;

  // Two generations: the structure's (organizations, teams, roles, session user) and the
  // memberships' (members, invitations, banned users). A write of users changes the second only.
  let structureGeneration = 0;
  let generation = 0;
  let structureCache: { at: number; generation: number; value: Structure } | null = null;
  let snapshotCache: { at: number; generation: number; value: Snapshot } | null = null;
  let rosterCache: { at: number; generation: number; value: Roster } | null = null;
  const fresh = (entry: { at: number; generation: number } | null, current = generation) => entry !== null && entry.generation === current && Date.now() - entry.at < cacheMs && Date.now() >= entry.at;
  /** Drops the memberships, invitations and banned users (every write of users). */
  const invalidateMemberships = () => {
    generation += 1;
    snapshotCache = null;
    rosterCache = null;
  };
  /** Drops everything, the structure included (a role, or the session user's own record, changed). */
  const invalidate = () => {
    structureGeneration += 1;
    structureCache = null;
    invalidateMemberships();
  };

  async function loadStructure(signal: Signal): Promise<Structure> {
    // An aborted call rejects even when the answer is cached.
    throwIfAborted(signal);
    if (fresh(structureCache, structureGeneration)) return structureCache!.value;
    const started = structureGeneration;
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
    if (started === structureGeneration) structureCache = { at: Date.now(), generation: structureGeneration, value };
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

  /**
   * The snapshot, plus what a list needs beyond it without reading every record: the ids of the
   * banned platform users (`list-users` filtered on `banned`, usually one request) and the
   * accounts of the invited addresses (filtered on their emails). Members' names and emails come
   * with `list-members`; only the records of a page are read afterwards.
   */
  async function loadRoster(signal: Signal): Promise<Roster> {
    throwIfAborted(signal);
    if (fresh(rosterCache) && rosterCache!.value.snapshot === snapshotCache?.value) return rosterCache!.value;
    const started = generation;
    const snapshot = await loadSnapshot(signal);
    const [bannedIds, invitationAccounts] = await Promise.all([
      bannedUserIds(signal),
      usersWhere('email', [...snapshot.invitationsByEmail.keys()], signal),
    ]);
    const value: Roster = { snapshot, bannedIds, invitationAccounts };
    if (started === generation) rosterCache = { at: Date.now(), generation, value };
    return value;
  }

  /** The ids of every banned platform user: `list-users` filtered on `banned`, by pages of 1,000. */
  async function bannedUserIds(signal: Signal): Promise<Set<string>> {
    const ids = new Set<string>();
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await call<{ users: BaUser[]; total: number }>({
        path: '/admin/list-users',
        query: { filterField: 'banned', filterOperator: 'eq', filterValue: 'true', limit, ...(offset > 0 ? { offset } : {}) },
        signal,
      });
      for (const u of page?.users ?? []) if (u.banned) ids.add(u.id);
      if (!page || page.users.length < limit || offset + limit >= page.total) return ids;
    }
  }

  return { invalidate, invalidateMemberships, loadStructure, loadSnapshot, loadRoster, usersWhere };
}

/** The cached reads of one adapter. */
export type BetterAuthSnapshots = ReturnType<typeof createSnapshots>;
