/**
 * The better-auth adapter's reads over the snapshot (./snapshot.ts): our users (members of the
 * admin's organizations and addresses invited to one, never the rest of the platform), one user,
 * the contract invitations, and the query plan of `listUsers`, `getUserCounts`, `listInvitations`
 * and `listEntities`: no page of the platform's `list-users` can stand for a page of ours, so
 * every query is filtered, sorted and paged in memory over the members `list-members` returns
 * (names and emails joined) and the invitees' accounts, and only the page's records are read.
 * A list reads only what its query needs: the banned users for a status filter or sort and for
 * the counts, the team members for a team filter or a page with members of an organization with
 * teams, the dynamic roles of the page's users (of every user for a role filter or sort). A sort
 * by creation date (or `nameFields`) reads every record.
 */
import type { Invitation, ListUsersParams, Page, User, UserAdminAdapter, UserCounts } from '../../contract/types';
import { throwIfAborted } from '../../contract/errors';
import { foldText, matchesUserFilter, matchesUserSearch, queryUsers } from '../shared';
import { parseRoleList, primaryInvitation, toInvitation, toUser, type BaInvitation, type BaUser, type MappingContext, type MembershipIndex } from './mapping';
import type { BetterAuthCall } from './transport';
import type { BetterAuthConfig } from './options';
import type { BetterAuthSnapshots, Frame, Memberships, RoleReader, RoleSet, Signal, Snapshot } from './snapshot';
import { refuse } from './errors';
import { checkPaging } from '../shared/input';

/** The `createdAt` of a member whose record was not read (never returned: a page's records are read). */
const STAND_IN_DATE = '1970-01-01T00:00:00.000Z';

/** What the reads are built on. */
export interface ReadDeps {
  config: BetterAuthConfig;
  call: BetterAuthCall;
  snapshots: BetterAuthSnapshots;
}

/** The read methods of the adapter. */
type ReadMethods = Pick<UserAdminAdapter, 'listUsers' | 'getUser' | 'listInvitations' | 'listRoles' | 'listModules' | 'listEntities' | 'getUserCounts'>;

/**
 * The reads of one adapter.
 * @example
 * const reads = createReads({ config, call, snapshots });
 * const { user } = await reads.readUser('u1', signal);
 */
export function createReads({ config, call, snapshots }: ReadDeps) {
  const { options, modules, adminRoleIds, ttlMs, teamsEnabled, lookupChunk } = config;
  const { loadSnapshot, loadRoster, usersWhere, readFrame, roleReader, loadMemberships, loadTeamMembers, loadBanned, loadInvitationAccounts, cachedInvitationAccounts } = snapshots;

  function mappingContext(s: Pick<Snapshot, 'roles' | 'entities'>): MappingContext {
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

  /**
   * Our users as the writes' checks and the created invitations need them (the lists read less:
   * {@link lightRoster}), without reading every record: members from `list-members` (id, name,
   * email joined; status from the banned ids), invitees from their accounts (full records). Each user's status, role, entities and names are exact (names only
   * without `nameFields`); `createdAt` of a member is a stand-in, and other record fields are
   * absent: sort by `createdAt` or names from `nameFields` need {@link everyone}. `records` holds
   * the records read (the invitees'): their mapped users are already complete.
   */
  async function roster(signal: Signal): Promise<{ snapshot: Snapshot; mapped: User[]; records: Map<string, BaUser> }> {
    const { snapshot, bannedIds, invitationAccounts } = await loadRoster(signal);
    const ctx = mappingContext(snapshot);
    const records = new Map<string, BaUser>();
    for (const u of invitationAccounts) if (isOurs(snapshot, u)) records.set(u.id, u);
    const byId = new Map<string, User>();
    for (const [userId, members] of snapshot.membersByUser) {
      const record = records.get(userId);
      if (record) {
        byId.set(userId, toUser(record, snapshot, ctx));
        continue;
      }
      const joined = members.find((m) => m.user)?.user;
      if (!joined) continue;
      const light: BaUser = { id: userId, email: joined.email, name: joined.name, createdAt: STAND_IN_DATE, banned: bannedIds.has(userId) };
      byId.set(userId, toUser(light, snapshot, ctx));
    }
    for (const u of records.values()) if (!byId.has(u.id)) byId.set(u.id, toUser(u, snapshot, ctx));
    return { snapshot, mapped: [...byId.values()], records };
  }

  /** Whether a query can be answered over the members `list-members` joins (and one read of the page's records), not {@link everyone}'s records. */
  function rosterAnswers(sort: ListUsersParams['sort']): boolean {
    return !options.nameFields && sort?.field !== 'createdAt';
  }

  /** What a light list reads beyond the organizations and memberships. */
  interface LightNeeds {
    /** The banned users (a status filter or sort, the counts). */
    status: boolean;
    /** The entities a filter names: every team's members are read when one is a team. */
    entityIds: readonly string[] | undefined;
    /** The dynamic roles of every user (a role filter or sort). */
    roles: boolean;
  }

  /** Our members as far as a list needs them, with what the query asked for read (see {@link LightNeeds}). */
  interface LightRoster {
    frame: Frame;
    memberships: Memberships;
    index: MembershipIndex;
    /** Whether `index.teamIdsByUser` holds every team's members. */
    teamsRead: boolean;
    roles: RoleReader;
    roleSet: RoleSet;
    /** The members mapped from what `list-members` joins: status (when `status` was asked), role, entities and names exact; `createdAt` a stand-in. */
    members: User[];
    /** Lower-cased addresses of the members. */
    memberEmails: Set<string>;
  }

  /** The role ids a user holds or is invited with. */
  function roleIdsOf(index: MembershipIndex, u: Pick<User, 'id' | 'email'>): string[] {
    return [
      ...(index.membersByUser.get(u.id) ?? []).flatMap((m) => parseRoleList(m.role)),
      ...(index.invitationsByEmail.get(u.email.toLowerCase()) ?? []).flatMap((i) => parseRoleList(i.role)),
    ];
  }

  /**
   * The members of our organizations without reading any record: the organizations (with their
   * teams and invitations), `list-members` per organization, and only what `needs` asks beyond.
   */
  async function lightRoster(signal: Signal, needs: LightNeeds): Promise<LightRoster> {
    const banned = needs.status ? loadBanned(signal) : Promise.resolve(null);
    // Read alongside; awaited below (a failure before then is not left unhandled).
    banned.catch(() => undefined);
    const read = await readFrame(signal);
    const memberships = await loadMemberships(signal, read);
    const teamsRead = (needs.entityIds ?? []).some((id) => read.frame.teams.some((t) => t.id === id));
    const teamIdsByUser = teamsRead ? await loadTeamMembers(signal, read.frame) : new Map<string, Set<string>>();
    const roles = roleReader(read.frame, signal);
    const wanted = new Set<string>();
    if (needs.roles) {
      for (const list of memberships.membersByUser.values()) for (const m of list) for (const r of parseRoleList(m.role)) wanted.add(r);
      for (const list of memberships.invitationsByEmail.values()) for (const i of list) for (const r of parseRoleList(i.role)) wanted.add(r);
    }
    const roleSet = await roles.resolve(wanted);
    const bannedIds = await banned;
    const index: MembershipIndex = { ...memberships, teamIdsByUser };
    const ctx = mappingContext({ roles: roleSet.roles, entities: read.frame.entities });
    const members: User[] = [];
    const memberEmails = new Set<string>();
    for (const [userId, list] of memberships.membersByUser) {
      const joined = list.find((m) => m.user)?.user;
      if (!joined) continue;
      memberEmails.add(joined.email.toLowerCase());
      const light: BaUser = { id: userId, email: joined.email, name: joined.name, createdAt: STAND_IN_DATE, banned: bannedIds?.has(userId) ?? false };
      members.push(toUser(light, index, ctx));
    }
    return { frame: read.frame, memberships, index, teamsRead, roles, roleSet, members, memberEmails };
  }

  /** The invitees who are our users (an account, no membership), mapped from their records. */
  function inviteeUsers(r: LightRoster, accounts: readonly BaUser[]): User[] {
    const ctx = mappingContext({ roles: r.roleSet.roles, entities: r.frame.entities });
    return accounts.filter((u) => !r.memberships.membersByUser.has(u.id) && isOurs(r.index, u)).map((u) => toUser(u, r.index, ctx));
  }

  /**
   * A page computed over the members and the invitees, then completed: the records of its users,
   * their dynamic roles and, when one of them is a member of an organization with teams, the team
   * members. With the invitees' accounts not cached, they are read in the same `list-users` as the
   * records of the members who can be on the page (the page's window widened by the invitees).
   */
  async function lightPage(params: ListUsersParams): Promise<Page<User>> {
    const { signal, pageIndex, pageSize: size, sort, search, filter } = params;
    const needs: LightNeeds = {
      status: (filter?.status?.length ?? 0) > 0 || sort?.field === 'status',
      entityIds: filter?.entityIds,
      roles: (filter?.roleIds?.length ?? 0) > 0 || sort?.field === 'role',
    };
    const r = await lightRoster(signal, needs);
    const query = { sort, search, filter };
    const queryContext = { roles: r.roleSet.roles };
    const records = new Map<string, BaUser>();
    let accounts = cachedInvitationAccounts();
    if (!accounts) {
      const start = pageIndex * size;
      const invitees = [...r.memberships.invitationsByEmail.keys()].filter((email) => !r.memberEmails.has(email)).length;
      // An invitee comes before at most one more member: the members who can be on the page.
      const head = queryUsers(r.members, { pageIndex: 0, pageSize: start + size, ...query }, queryContext).items;
      const candidates = head.slice(Math.max(0, start - invitees)).map((u) => u.email);
      const together = candidates.length > 0 && r.memberships.invitationsByEmail.size + candidates.length <= lookupChunk;
      accounts = await loadInvitationAccounts(signal, r.memberships, together
        ? async (emails) => {
            const found = await usersWhere('email', [...new Set([...emails, ...candidates])], signal);
            for (const u of found) records.set(u.id, u);
            return found;
          }
        : undefined);
    }
    for (const u of accounts) records.set(u.id, u);
    const page = queryUsers([...r.members, ...inviteeUsers(r, accounts)], { pageIndex, pageSize: size, ...query }, queryContext);
    const missing = page.items.filter((u) => !records.has(u.id)).map((u) => u.id);
    const orgsWithTeams = new Set(r.frame.teams.map((t) => t.organizationId));
    const teamsShown = teamsEnabled && !r.teamsRead && page.items.some((u) => (r.memberships.membersByUser.get(u.id) ?? []).some((m) => orgsWithTeams.has(m.organizationId)));
    const [read, teamIdsByUser, roleSet] = await Promise.all([
      missing.length > 0 ? usersWhere('id', missing, signal) : Promise.resolve([]),
      teamsShown ? loadTeamMembers(signal, r.frame) : Promise.resolve(r.index.teamIdsByUser),
      r.roles.resolve(page.items.flatMap((u) => roleIdsOf(r.index, u))),
    ]);
    for (const u of read) records.set(u.id, u);
    const index: MembershipIndex = { ...r.memberships, teamIdsByUser };
    const ctx = mappingContext({ roles: roleSet.roles, entities: r.frame.entities });
    const items = page.items.map((u) => {
      const record = records.get(u.id);
      return record ? toUser(record, index, ctx) : u;
    });
    return { items, total: page.total };
  }

  /** The counts over the members (with the banned users) and the invitees' accounts; roles and teams only when the filter names them. */
  async function lightCounts(signal: Signal, search: string | undefined, filter: ListUsersParams['filter']): Promise<UserCounts> {
    const r = await lightRoster(signal, { status: true, entityIds: filter?.entityIds, roles: (filter?.roleIds?.length ?? 0) > 0 });
    const accounts = await loadInvitationAccounts(signal, r.memberships);
    const context = { roles: r.roleSet.roles };
    const matching = [...r.members, ...inviteeUsers(r, accounts)].filter((u) => matchesUserSearch(u, search) && matchesUserFilter(u, filter, context));
    const count = (status: User['status']) => matching.filter((u) => u.status === status).length;
    return { active: count('active'), invited: count('invited'), deactivated: count('deactivated'), contacts: 0, all: matching.length };
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

  /** The platform account of each address, for those that have one (an account outside our organizations is invited as it is, never created again). */
  async function accountsByEmail(emails: readonly string[], signal: Signal): Promise<Map<string, BaUser>> {
    return new Map((await usersWhere('email', emails, signal)).map((u) => [u.email.toLowerCase(), u]));
  }

  /** The contract invitations of these emails (one read of the server for all). */
  async function mergedInvitations(emails: readonly string[], signal: Signal): Promise<Invitation[]> {
    if (emails.length === 0) return [];
    // The invitees' records and the members' names (the inviters) come with the roster.
    const { snapshot, records } = await roster(signal);
    const ctx = mappingContext(snapshot);
    const byEmail = new Map([...records.values()].map((u) => [u.email.toLowerCase(), u]));
    const names = rawNames(snapshot, records);
    return emails.map((email) => {
      const pending = snapshot.invitationsByEmail.get(email.toLowerCase()) ?? [];
      if (pending.length === 0) throw refuse('not_found', `No pending invitation for ${email}`, 'invitation_not_pending');
      const inviterId = primaryInvitation(pending)?.inviterId;
      const inviterName = inviterId ? names.get(inviterId) : undefined;
      return toInvitation(pending, byEmail.get(email.toLowerCase()), inviterId && inviterName !== undefined ? { id: inviterId, name: inviterName } : null, ctx);
    });
  }

  /** What `listInvitations` reads: the members (light), the invitees' accounts, the roles of the invitations. */
  async function invitationRoster(signal: Signal): Promise<{ snapshot: MembershipIndex & Pick<Snapshot, 'entities'>; mapped: User[]; records: Map<string, BaUser>; roles: RoleSet['roles'] }> {
    const r = await lightRoster(signal, { status: false, entityIds: undefined, roles: false });
    const accounts = await loadInvitationAccounts(signal, r.memberships);
    const { roles } = await r.roles.resolve([...r.memberships.invitationsByEmail.values()].flat().flatMap((i) => parseRoleList(i.role)));
    const records = new Map(accounts.filter((u) => isOurs(r.index, u)).map((u) => [u.id, u]));
    const invitees = inviteeUsers(r, accounts);
    return { snapshot: { ...r.index, entities: r.frame.entities }, mapped: [...r.members, ...invitees], records, roles };
  }

  /** better-auth's `name` of our users: members' from `list-members`, the records' over them. */
  function rawNames(snapshot: Pick<MembershipIndex, 'membersByUser'>, records: Map<string, BaUser>): Map<string, string> {
    const names = new Map<string, string>();
    for (const [userId, members] of snapshot.membersByUser) {
      const joined = members.find((m) => m.user)?.user;
      if (joined) names.set(userId, joined.name);
    }
    for (const u of records.values()) names.set(u.id, u.name);
    return names;
  }

  async function mergedInvitation(email: string, signal: Signal): Promise<Invitation> {
    return (await mergedInvitations([email], signal))[0]!;
  }

  /**
   * The pending invitations of the contract invitation `id` (any of its better-auth ids), with the
   * snapshot read and the invitee as one of our users (`null` for an address with no account), for the rules.
   */
  async function invitationGroup(id: string, signal: Signal): Promise<{ email: string; pending: BaInvitation[]; snapshot: Snapshot; invitee: User | null }> {
    const snapshot = await loadSnapshot(signal);
    for (const [email, pending] of snapshot.invitationsByEmail) {
      if (!pending.some((i) => i.id === id)) continue;
      const raw = (await accountsByEmail([email], signal)).get(email);
      return { email, pending, snapshot, invitee: raw ? toUser(raw, snapshot, mappingContext(snapshot)) : null };
    }
    throw refuse('not_found', `No pending invitation ${id}`, 'invitation_not_pending');
  }

  // ---------------------------------------------------------------------------
  // The query plan: every query answered in memory over our users
  // ---------------------------------------------------------------------------

  const methods: ReadMethods = {
    async listUsers(params: ListUsersParams): Promise<Page<User>> {
      const { signal, pageIndex, pageSize: size, sort, search, filter } = params;
      throwIfAborted(signal);
      checkPaging(pageIndex, size); // at most MAX_PAGE_SIZE rows (`pageSize: too_long`)
      if (filter?.kind === 'contact') return { items: [], total: 0 };
      // Our users only (memberships and invitations of our organizations), so no page of the
      // platform's list-users can stand for a page of ours: filtered, sorted and paged in memory.
      // Search, filter, sort and paging over the members and invitees (no record read), then the page's records.
      if (rosterAnswers(sort)) return lightPage(params);
      const { snapshot, mapped } = await everyone(signal);
      return queryUsers(mapped, { pageIndex, pageSize: size, sort, search, filter }, { roles: snapshot.roles });
    },

    async getUser({ id, signal }) {
      return (await readUser(id, signal)).user;
    },

    async listInvitations({ signal, pageIndex, pageSize: size, search, status }) {
      checkPaging(pageIndex, size);
      // The members (their names), the invitees' accounts and the invitations' roles: no other
      // record, no team member, no banned user is read.
      const { snapshot, mapped, records, roles } = rosterAnswers(undefined) ? await invitationRoster(signal) : await everyone(signal).then((e) => ({ ...e, records: new Map(e.users.map((u) => [u.id, u])), roles: e.snapshot.roles }));
      const ctx = mappingContext({ roles, entities: snapshot.entities });
      const usersByEmail = new Map([...records.values()].map((u) => [u.email.toLowerCase(), u]));
      const mappedById = new Map(mapped.map((u) => [u.id, u]));
      const names = rawNames(snapshot, records);
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

    async listRoles(params) {
      const { frame } = await readFrame(params?.signal);
      return (await roleReader(frame, params?.signal).resolve('all')).roles;
    },

    async listModules(params) {
      throwIfAborted(params?.signal);
      return modules.map((m) => ({ ...m, levels: [...m.levels] }));
    },

    async listEntities({ signal, search, parentId, ids, pageIndex, pageSize: size }) {
      checkPaging(pageIndex, size);
      const { entities } = (await readFrame(signal)).frame;
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
      if (rosterAnswers(undefined)) return lightCounts(signal, search, filter);
      const { snapshot, mapped } = await everyone(signal);
      const context = { roles: snapshot.roles };
      const matching = mapped.filter((u) => matchesUserSearch(u, search) && matchesUserFilter(u, filter, context));
      const count = (status: User['status']) => matching.filter((u) => u.status === status).length;
      return { active: count('active'), invited: count('invited'), deactivated: count('deactivated'), contacts: 0, all: matching.length };
    },
  };

  return { mappingContext, everyone, roster, isOurs, readUser, accountsByEmail, mergedInvitations, mergedInvitation, invitationGroup, methods };
}

/** The reads of one adapter. */
export type BetterAuthReads = ReturnType<typeof createReads>;
