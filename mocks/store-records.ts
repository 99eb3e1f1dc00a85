/**
 * The records and indexes of the reference backend (see `./store`): the state every module of the
 * store shares (users, invitations, the email and username indexes, the entity tree with its
 * ancestry, the sorted views), loading the fixtures into it, time-based reads, and the copies
 * that go out. Nothing here checks a rule: that is `./store-rules` (and `src/core`).
 */
import type { Entity, Invitation, InvitationKind, InvitationStatus, InvitationSummary, Module, Role, Settings, User } from '../src/contract/types';
import { ancestryFromParents, emailKey, type EntityAncestry } from '../src/core';
import { UserAdminError } from '../src/contract/errors';
import { DAY_MS, createClock, type Clock } from './clock';
import {
  CURRENT_ADMIN_ID, DEFAULT_SEED, DEFAULT_SETTINGS, DEFAULT_USER_COUNT, FIXTURE_MODULES, FIXTURE_ROLES, ROLE_IDS, ROOT_ENTITY_ID,
  generateEntities, generateUsers,
} from './fixtures';
import { foldText } from './text';

/** Options of `createMockStore` (`./store`). */
export interface MockStoreOptions {
  /** Seed of the fixtures. Defaults to 42. */
  seed?: number;
  /** Number of users. Defaults to 200 (at least the 7 fixed users). */
  userCount?: number;
  /** Number of entities. Defaults to 12. */
  entityCount?: number;
  /** The clock the store reads time from. Defaults to a new clock at 2026-01-15T09:00:00Z. */
  clock?: Clock;
  /** Settings overrides (the current user is always Alice Martin). Defaults to `DEFAULT_SETTINGS`. */
  settings?: Partial<Omit<Settings, 'currentUser'>>;
  /** When set, only these email domains can be invited or given to login users. Defaults to any domain. */
  allowedDomains?: string[];
  /**
   * Active login users added to the fixtures whatever `allowedDomains` says, as people who joined
   * before their domain was taken off the list. Each gets the role User (unless `roleId` says
   * otherwise) in the first company by name. Defaults to none.
   * @example
   * createMockStore({ allowedDomains: ['acme.fr'], seedMembers: [{ email: 'old.timer@legacy.test', firstName: 'Old', lastName: 'Timer' }] });
   */
  seedMembers?: Array<{ email: string; firstName: string; lastName: string; roleId?: string; entityIds?: string[] }>;
}

/** Settings a store accepts in `MockStore.updateSettings` (`./store`). */
export type MockSettingsPatch = Partial<Omit<Settings, 'currentUser'>>;

export interface UserRec {
  user: User;
  invitationId: string | null;
  /** Folded `last\u0001first`, for the name sort. */
  nameKey: string;
  createdMs: number;
  lastSignInMs: number | null;
  /** Folded text the search looks in. */
  hay: string;
  /** Changes on every write to the user (see {@link bumpVersion}); goes out as `User.version`. */
  version: number;
}

export interface InvitationRec {
  id: string;
  kind: InvitationKind;
  userId: string;
  sentAt: number;
  expiresAt: number;
  invitedBy: { id: string; name: string } | null;
}

/**
 * Everything one store holds, shared by its modules and by every view of it (`MockStore.as`):
 * the fixed part (options, clock, roles, modules) and the data {@link load} (re)fills.
 */
export interface StoreState {
  readonly options: MockStoreOptions;
  readonly clock: Clock;
  /** The clock's instant at creation (`reset` goes back to it). */
  readonly startMs: number;
  readonly seed: number;
  readonly allowedDomains: Set<string> | null;
  readonly roles: Map<string, Role>;
  readonly modules: Map<string, Module>;
  readonly roleKeys: Map<string, string>;
  /** Distinct names folded once (see {@link foldName}); kept across resets. */
  readonly folded: Map<string, string>;
  settings: Omit<Settings, 'currentUser'>;
  entities: Entity[];
  entityById: Map<string, Entity>;
  entityKeys: Map<string, string>;
  /** The ancestors of each entity, nearest first (rebuilt when the tree changes). */
  ancestry: EntityAncestry;
  /** The user the running call acts as (set by each view before it runs an operation). */
  actorId: string;
  users: Map<string, UserRec>;
  invitations: Map<string, InvitationRec>;
  emails: Map<string, string>;
  usernames: Map<string, string>;
  seq: number;
  /** Sorted views of all users, by `field:direction`, kept up to date incrementally. */
  views: Map<string, UserRec[]>;
  /** Users changed (or removed) since the views were last brought up to date. */
  dirty: Set<UserRec>;
  /**
   * The last version given to a user record: one counter for all users, so a version is never given
   * twice. `reset` restarts it with the fixtures (every user is back to its version of creation).
   */
  versionSeq: number;
  /** Password reset links sent, oldest first: this backend's outbox (see `./store-password`). */
  passwordResets: PasswordResetRec[];
}

/** A password reset link the store sent (its outbox): to whom, when, until when, by whom. */
export interface PasswordResetRec {
  userId: string;
  sentTo: string;
  sentAt: number;
  expiresAt: number;
  sentBy: string;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const fullName = (u: User) => `${u.firstName} ${u.lastName}`.trim() || u.email;

export function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function copyUserFields(u: User): User {
  return {
    ...u,
    entityIds: [...u.entityIds],
    subtreeEntityIds: [...(u.subtreeEntityIds ?? [])],
    permissions: { ...u.permissions },
    adminScope: u.adminScope === null ? null : u.adminScope.type === 'all' ? { type: 'all' } : { type: 'entities', entityIds: [...u.adminScope.entityIds] },
    invitation: u.invitation ? { ...u.invitation } : null,
  };
}

export function withSettingsDefaults(s: MockSettingsPatch, base: Omit<Settings, 'currentUser'>): Omit<Settings, 'currentUser'> {
  const next = { ...base, ...structuredClone(s) };
  if (s.sso) {
    next.sso = {
      enforced: s.sso.enforced,
      providerName: s.sso.providerName ?? (s.sso.enforced ? 'Okta' : null),
      ...(s.sso.managedFields ? { managedFields: [...s.sso.managedFields] } : base.sso.managedFields ? { managedFields: [...base.sso.managedFields] } : {}),
    };
  }
  return next;
}

/** A new store's state, filled with the fixtures of `options`. */
export function createState(options: MockStoreOptions): StoreState {
  const clock = options.clock ?? createClock();
  const roles = new Map<string, Role>(FIXTURE_ROLES.map((r) => [r.id, structuredClone(r)]));
  const state: StoreState = {
    options,
    clock,
    startMs: clock.now(),
    seed: options.seed ?? DEFAULT_SEED,
    allowedDomains: options.allowedDomains ? new Set(options.allowedDomains.map((d) => d.trim().toLowerCase())) : null,
    roles,
    modules: new Map<string, Module>(FIXTURE_MODULES.map((m) => [m.id, structuredClone(m)])),
    roleKeys: new Map<string, string>([...roles.values()].map((r) => [r.id, foldText(r.name)])),
    folded: new Map(),
    // Filled by load() below.
    settings: DEFAULT_SETTINGS,
    entities: [],
    entityById: new Map(),
    entityKeys: new Map(),
    ancestry: ancestryFromParents([]),
    actorId: CURRENT_ADMIN_ID,
    users: new Map(),
    invitations: new Map(),
    emails: new Map(),
    usernames: new Map(),
    seq: 0,
    views: new Map(),
    dirty: new Set(),
    versionSeq: 0,
    passwordResets: [],
  };
  for (const role of roles.values()) role.version = '1';
  load(state);
  return state;
}

/** Sorts the entities by folded name, then id, and rebuilds their ancestry. */
export function sortEntities(state: StoreState): void {
  const keys = state.entityKeys;
  state.entities.sort((a, b) => cmp(keys.get(a.id) ?? '', keys.get(b.id) ?? '') || cmp(a.id, b.id));
  state.ancestry = ancestryFromParents(state.entities);
}

/** (Re)fills the data with the fixtures of the options (the clock is left as it is). */
export function load(state: StoreState): void {
  const { options, clock, roles } = state;
  state.settings = withSettingsDefaults(options.settings ?? {}, structuredClone(DEFAULT_SETTINGS));
  const entities = generateEntities(options.entityCount ?? 12);
  state.entities = entities;
  state.entityById = new Map(entities.map((e) => [e.id, e]));
  state.entityKeys = new Map(entities.map((e) => [e.id, foldText(e.name)]));
  sortEntities(state);
  state.users = new Map();
  state.invitations = new Map();
  state.emails = new Map();
  state.usernames = new Map();
  state.seq = 0;
  state.versionSeq = 0;
  state.passwordResets = [];
  state.views = new Map();
  state.dirty = new Set();
  const { users, invitations, emails, usernames } = state;
  const generated = generateUsers(options.userCount ?? DEFAULT_USER_COUNT, state.seed, {
    entities,
    now: clock.now(),
    ttlDays: state.settings.invitation.ttlDays,
    usernames: state.settings.username.mode === 'required',
  });
  const admin = generated.find((u) => u.id === CURRENT_ADMIN_ID);
  const invitedBy = admin ? { id: admin.id, name: fullName(admin) } : null;
  for (const u of generated) {
    const summary = u.invitation;
    const rec: UserRec = {
      user: { ...u, invitation: null }, invitationId: null, nameKey: '', createdMs: 0, lastSignInMs: null, hay: '', version: ++state.versionSeq,
    };
    indexKeys(state, rec);
    users.set(u.id, rec);
    emails.set(u.email, u.id);
    if (u.username) usernames.set(foldText(u.username), u.id);
    if (summary) {
      invitations.set(summary.id, {
        id: summary.id, kind: summary.kind, userId: u.id, sentAt: Date.parse(summary.sentAt), expiresAt: Date.parse(summary.expiresAt), invitedBy,
      });
      rec.invitationId = summary.id;
    }
  }
  const firstCompany = entities.find((e) => e.kind === 'company')?.id ?? entities[0]?.id ?? ROOT_ENTITY_ID;
  for (const [i, m] of (options.seedMembers ?? []).entries()) {
    const email = emailKey(m.email);
    if (emails.has(email)) continue;
    const role = roles.get(m.roleId ?? ROLE_IDS.user) ?? (roles.get(ROLE_IDS.user) as Role);
    const entityIds = m.entityIds && m.entityIds.length > 0 ? [...m.entityIds] : [firstCompany];
    insertUser(state, {
      id: `user-member-${i + 1}`, kind: 'login', status: 'active', email, username: null, firstName: m.firstName, lastName: m.lastName,
      phone: null, roleId: role.id, adminScope: role.isAdmin ? { type: 'all' } : null, scope: entityIds.length === 1 ? 'entity' : 'group',
      entityIds, permissions: { ...role.defaultPermissions }, source: 'manual', createdAt: iso(clock.now() - 30 * DAY_MS),
      lastSignInAt: iso(clock.now() - DAY_MS), invitation: null, pendingEmail: null,
    });
  }
}

// Names repeat a lot among 100k users: fold each distinct one once.
function foldName(state: StoreState, value: string): string {
  let f = state.folded.get(value);
  if (f === undefined) {
    f = foldText(value);
    if (state.folded.size < 50_000) state.folded.set(value, f);
  }
  return f;
}

export function indexKeys(state: StoreState, rec: UserRec): void {
  const u = rec.user;
  const first = foldName(state, u.firstName);
  const last = foldName(state, u.lastName);
  rec.nameKey = `${last}\u0001${first}`;
  rec.createdMs = Date.parse(u.createdAt);
  rec.lastSignInMs = u.lastSignInAt === null ? null : Date.parse(u.lastSignInAt);
  rec.hay = `${first} ${last}\n${last} ${first}\n${u.email}\n${u.username ? foldText(u.username) : ''}\n${u.pendingEmail ?? ''}`;
}

/** Marks a user as changed, created or removed, so the sorted views take it into account, and gives it a new version. */
export function touch(state: StoreState, rec: UserRec): void {
  state.dirty.add(rec);
  bumpVersion(state, rec);
}

/** Gives a user a new version: every write to a user calls it (through {@link touch}, or directly for its invitation). */
export function bumpVersion(state: StoreState, rec: UserRec): void {
  rec.version = ++state.versionSeq;
}

/** Gives a role a new version, on every write to it (a counter per role; roles are not reset). */
export function bumpRoleVersion(role: Role): void {
  role.version = String(Number(role.version ?? '0') + 1);
}

export const nextId = (state: StoreState, prefix: string) => `${prefix}-${(++state.seq).toString(36)}-${state.clock.now().toString(36)}`;

export function mustUser(state: StoreState, id: string): UserRec {
  const rec = state.users.get(id);
  if (!rec) throw new UserAdminError('not_found', `User ${id} does not exist`);
  return rec;
}

export function mustInvitation(state: StoreState, id: string): InvitationRec {
  const inv = state.invitations.get(id);
  if (!inv) throw new UserAdminError('not_found', `Invitation ${id} does not exist`);
  return inv;
}

export function insertUser(state: StoreState, user: User): UserRec {
  const rec: UserRec = { user, invitationId: null, nameKey: '', createdMs: 0, lastSignInMs: null, hay: '', version: ++state.versionSeq };
  indexKeys(state, rec);
  state.users.set(user.id, rec);
  state.emails.set(user.email, user.id);
  if (user.username) state.usernames.set(foldText(user.username), user.id);
  touch(state, rec);
  return rec;
}

export function deleteUser(state: StoreState, rec: UserRec): void {
  dropInvitation(state, rec);
  state.emails.delete(rec.user.email);
  if (rec.user.username) state.usernames.delete(foldText(rec.user.username));
  state.users.delete(rec.user.id);
  touch(state, rec);
}

/** The address changes at once (nothing is sent). */
export function changeEmail(state: StoreState, rec: UserRec, email: string): void {
  state.emails.delete(rec.user.email);
  rec.user.email = email;
  state.emails.set(email, rec.user.id);
}

export function dropInvitation(state: StoreState, rec: UserRec): void {
  if (!rec.invitationId) return;
  const inv = state.invitations.get(rec.invitationId);
  state.invitations.delete(rec.invitationId);
  rec.invitationId = null;
  // The user's invitation summary (and maybe pendingEmail) changes: a write to the user.
  bumpVersion(state, rec);
  if (inv?.kind === 'registration_request' && rec.user.pendingEmail) {
    if (state.emails.get(rec.user.pendingEmail) === rec.user.id) state.emails.delete(rec.user.pendingEmail);
    rec.user.pendingEmail = null;
    indexKeys(state, rec);
  }
}

export const neverAccepted = (state: StoreState, rec: UserRec) => {
  const inv = rec.invitationId ? state.invitations.get(rec.invitationId) : undefined;
  return inv?.kind === 'invitation';
};

// ---------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------

export const invitationStatus = (state: StoreState, inv: InvitationRec): InvitationStatus => (state.clock.now() >= inv.expiresAt ? 'expired' : 'pending');

export function ttlMs(state: StoreState): number {
  return state.settings.invitation.ttlDays * DAY_MS;
}

/** Applies the `deactivate` expiry policy to invitations that expired since the last read. */
export function sweep(state: StoreState): void {
  if (state.settings.invitation.onExpiry !== 'deactivate') return;
  const now = state.clock.now();
  for (const inv of state.invitations.values()) {
    if (inv.kind !== 'invitation' || now < inv.expiresAt) continue;
    const rec = state.users.get(inv.userId);
    if (rec && rec.user.status === 'invited') {
      rec.user.status = 'deactivated';
      touch(state, rec);
    }
  }
}

// ---------------------------------------------------------------------------
// Output (always fresh copies)
// ---------------------------------------------------------------------------

export function summaryOf(state: StoreState, rec: UserRec): InvitationSummary | null {
  const inv = rec.invitationId ? state.invitations.get(rec.invitationId) : undefined;
  if (!inv) return null;
  return { id: inv.id, kind: inv.kind, status: invitationStatus(state, inv), sentAt: iso(inv.sentAt), expiresAt: iso(inv.expiresAt) };
}

export function toUser(state: StoreState, rec: UserRec): User {
  const copy = copyUserFields(rec.user);
  copy.invitation = summaryOf(state, rec);
  copy.version = String(rec.version);
  return copy;
}

export function toInvitation(state: StoreState, inv: InvitationRec): Invitation {
  const u = mustUser(state, inv.userId).user;
  return {
    id: inv.id,
    kind: inv.kind,
    status: invitationStatus(state, inv),
    email: inv.kind === 'registration_request' ? (u.pendingEmail ?? u.email) : u.email,
    userId: u.id,
    roleId: u.roleId,
    entityIds: [...u.entityIds],
    subtreeEntityIds: [...(u.subtreeEntityIds ?? [])],
    permissions: { ...u.permissions },
    invitedBy: inv.invitedBy ? { ...inv.invitedBy } : null,
    sentAt: iso(inv.sentAt),
    expiresAt: iso(inv.expiresAt),
  };
}

/** An entity as it goes out: a copy carrying its ancestors. */
export const toEntity = (state: StoreState, e: Entity): Entity => ({ ...e, ancestorIds: [...(state.ancestry(e.id) ?? [])] });
