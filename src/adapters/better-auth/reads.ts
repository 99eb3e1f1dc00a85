/**
 * The better-auth adapter's reads over the snapshot (./snapshot.ts): our users (members of the
 * admin's organizations and addresses invited to one, never the rest of the platform), one user,
 * the contract invitations, and the query plan of `listUsers`, `getUserCounts`, `listInvitations`
 * and `listEntities`: no page of the platform's `list-users` can stand for a page of ours, so
 * every query is filtered, sorted and paged in memory over the roster (members with the names and
 * emails `list-members` joins, banned ids, invitees' accounts), and only the page's records are
 * read; a sort by creation date (or `nameFields`) reads every record.
 */
import type { Invitation, ListUsersParams, Page, User, UserAdminAdapter, UserCounts } from '../../adapter/types';
import { throwIfAborted } from '../../adapter/errors';
import { foldText, matchesUserFilter, matchesUserSearch, queryUsers } from '../shared';
import { primaryInvitation, toInvitation, toUser, type BaInvitation, type BaUser, type MappingContext, type MembershipIndex } from './mapping';
import type { BetterAuthCall } from './transport';
import type { BetterAuthConfig } from './options';
import type { BetterAuthSnapshots, Signal, Snapshot, Structure } from './snapshot';
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
  const { options, modules, adminRoleIds, ttlMs } = config;
  const { loadStructure, loadSnapshot, loadRoster, usersWhere } = snapshots;

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

  /**
   * Our users as far as a list needs them, without reading every record: members from
   * `list-members` (id, name, email joined; status from the banned ids), invitees from their
   * accounts (full records). Each user's status, role, entities and names are exact (names only
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

  /** Whether a query can be answered from the {@link roster} (and one read of the page's records). */
  function rosterAnswers(sort: ListUsersParams['sort']): boolean {
    return !options.nameFields && sort?.field !== 'createdAt';
  }

  /** The complete users of a page computed over the roster: the records of its members read by id (one request for a page of up to 100). */
  async function completePage(page: Page<User>, snapshot: Snapshot, records: Map<string, BaUser>, signal: Signal): Promise<Page<User>> {
    const missing = page.items.filter((u) => !records.has(u.id)).map((u) => u.id);
    const read = missing.length > 0 ? await usersWhere('id', missing, signal) : [];
    const byId = new Map(read.map((u) => [u.id, u]));
    const ctx = mappingContext(snapshot);
    const items = page.items.map((u) => {
      const record = byId.get(u.id);
      return record ? toUser(record, snapshot, ctx) : u;
    });
    return { items, total: page.total };
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

  /** better-auth's `name` of our users: members' from `list-members`, the records' over them. */
  function rawNames(snapshot: Snapshot, records: Map<string, BaUser>): Map<string, string> {
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
      if (rosterAnswers(sort)) {
        // Search, filter, sort and paging over the roster (no record read), then the page's records.
        const { snapshot, mapped, records } = await roster(signal);
        const page = queryUsers(mapped, { pageIndex, pageSize: size, sort, search, filter }, { roles: snapshot.roles });
        return completePage(page, snapshot, records, signal);
      }
      const { snapshot, mapped } = await everyone(signal);
      return queryUsers(mapped, { pageIndex, pageSize: size, sort, search, filter }, { roles: snapshot.roles });
    },

    async getUser({ id, signal }) {
      return (await readUser(id, signal)).user;
    },

    async listInvitations({ signal, pageIndex, pageSize: size, search, status }) {
      checkPaging(pageIndex, size);
      // The roster holds every invitee's record and every member's name: no other record is read.
      const { snapshot, mapped, records } = rosterAnswers(undefined) ? await roster(signal) : await everyone(signal).then((e) => ({ ...e, records: new Map(e.users.map((u) => [u.id, u])) }));
      const ctx = mappingContext(snapshot);
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
      return (await loadStructure(params?.signal)).roles;
    },

    async listModules(params) {
      throwIfAborted(params?.signal);
      return modules.map((m) => ({ ...m, levels: [...m.levels] }));
    },

    async listEntities({ signal, search, parentId, ids, pageIndex, pageSize: size }) {
      checkPaging(pageIndex, size);
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
      const { snapshot, mapped } = rosterAnswers(undefined) ? await roster(signal) : await everyone(signal);
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
