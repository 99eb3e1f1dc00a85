/**
 * The reference backend: an in-memory store that enforces every domain rule of the adapter
 * contract. The memory adapter and the MSW handlers are thin layers over it.
 *
 * The rules themselves live in the domain core (`src/core`), and the store only calls them with
 * the facts it holds: who acts on whom (self, admin scope, last active admin: `checkActOnUser`,
 * `checkAccessChange`, `checkGrant`), admin-only modules (`checkAdminOnlyModules`), the invite
 * classification and its order (`screenInvitees`, `classifyInvitee`), the email change
 * (`emailChangeOutcome`), reactivation (`reactivationOutcome`) and enforced SSO (`ssoRefusal`).
 * Every call acts as a user: the current admin, or the one given to {@link MockStore.as}, with the
 * core's acting scope (`actorOf`: their admin scope, narrowed to the workspace entity at entity
 * level). What is left here is this backend's own validation (shapes, unknown ids, modules and
 * levels, taken emails and usernames, status transitions) and its data.
 *
 * Decisions the contract leaves open, made here once:
 * - **Invitation validity** is evaluated against the clock on every read: an invitation is
 *   `pending` until its `expiresAt` (`sentAt + ttlDays` when sent), `expired` after. Under the
 *   policy `onExpiry: 'deactivate'` an invited user whose invitation expired becomes `deactivated`
 *   (their invitation stays, `expired`, so the admin can resend it).
 * - **Resending** an invitation gives it a new `sentAt`/`expiresAt` from now; a user who is
 *   `deactivated` but never accepted (deactivated by the policy or by hand) becomes `invited` again.
 * - **Reactivating** (`setUserStatus('active')`) a deactivated user who never accepted their
 *   invitation does the same: the invitation is resent and the user is `invited`, not `active`
 *   (they still have to set a password); under enforced SSO nothing is sent and they become
 *   `active` (their old invitation goes). An `invited` user cannot be set `active` by an admin
 *   (`conflict`, `invalid_status_transition`). Under enforced SSO, resending is refused.
 * - **Contacts** can be deactivated and reactivated like login users (active ⇄ deactivated); they
 *   are never invited. Allowed domains and the disposable-address check apply to login users only.
 * - **Changing the email** of an active or deactivated login user sets `pendingEmail` and sends a
 *   registration request (the user keeps the old address until it is confirmed, see
 *   {@link MockStore.acceptInvitation}). An invited user has not confirmed any address yet: their
 *   email changes at once and their invitation is resent to it (`emailChange: 'none'`). With
 *   `features.emailChangeConfirmation: false`, or under enforced SSO, every login user's email
 *   changes at once and nothing is sent (a pending invitation or registration request goes).
 * - **Admin scope**: users outside the acting scope are listed (the screen shows them read-only)
 *   but every write on them is refused (`outside_scope`). A new admin created, invited or promoted
 *   without `adminScope` gets the acting admin's scope. `listEntities` without `ids` starts a
 *   scoped admin's tree at their scope's roots and shows only what lies in it; `ids` answer any
 *   entity. Every entity carries `ancestorIds`. A role preset (`updateRole`) reaches every entity,
 *   so only an admin whose acting scope holds the whole tree may change it.
 * - **Counts** (`getUserCounts`): `active`, `invited` and `deactivated` count login users only;
 *   `contacts` counts contacts of any status; `all` counts everyone.
 * - **Sort** orders: `name` is last name then first name (accent- and case-insensitive); `status`
 *   is active, invited, deactivated; `role` is the role name with contacts (no role) last;
 *   `lastSignInAt` puts users who never signed in last in both directions. Ties are broken by id.
 * - **Emails** are compared lower-cased; a pending new address is reserved like a current one.
 */
import * as z from 'zod/mini';
import { UserAdminError, type DomainErrorReason, type FieldErrorCode, type FieldErrors } from '../src/adapter/errors';
import { VALIDATION_KEYS, createUserSchema, inviteUsersSchema, modulePermissionsSchema, userPatchSchema } from '../src/adapter/schemas';
import type {
  AccessDiagnostics, AdminScope, BulkResult, CreateUserInput, CreateUserResult, Entity, EntityKind, Invitation, InvitationKind,
  InvitationStatus, InvitationSummary, InviteUsersInput, InviteUsersResult, ListEntitiesParams,
  ListInvitationsParams, ListUsersParams, Module, ModulePermissions, Page, Role, RolePatch, Settings, SignInFailureCode, User,
  UserCounts, UserFilter, UserPatch, UserScope, UserSortField, SortDirection, UpdateUserResult,
} from '../src/adapter/types';
import {
  ALL_ENTITIES, actorOf, ancestryFromParents, checkAccessChange, checkActOnUser, checkAdminOnlyModules, checkGrant, classifyInvitee, clearAdminOnly,
  defaultAdminScope, emailChangeOutcome, emailDomain, emailKey, enforce, entityInScope, isActiveAdminUser, reactivationOutcome,
  screenInvitees, scopeRoots, ssoRefusal, type EntityAncestry, type RuleContext,
} from '../src/core';
import { DAY_MS, createClock, type Clock } from './clock';
import { isDisposableDomain } from './disposable';
import {
  CURRENT_ADMIN_ID, DEFAULT_SEED, DEFAULT_SETTINGS, DEFAULT_USER_COUNT, FIXTURE_MODULES, FIXTURE_ROLES, ROLE_IDS, ROOT_ENTITY_ID,
  SIGN_IN_USER_AGENTS, generateEntities, generateUsers,
} from './fixtures';
import { createRandom, hashSeed } from './random';
import { foldText } from './text';

/** Options of {@link createMockStore}. */
export interface MockStoreOptions {
  /** Seed of the fixtures. Defaults to 42. */
  seed?: number;
  /** Number of users. Defaults to 200 (at least the 7 fixed users). */
  userCount?: number;
  /** Number of entities. Defaults to 12. */
  entityCount?: number;
  /** The clock the store reads time from. Defaults to a new clock at 2026-01-15T09:00:00Z. */
  clock?: Clock;
  /** Settings overrides (the current user is always Alice Martin). Defaults to {@link DEFAULT_SETTINGS}. */
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

/**
 * The id {@link MockStore.as} accepts for an operator outside any session (test set-up): an admin
 * of every entity who is no user, so the self rules never apply to them (the last-admin rule still
 * does), whatever the workspace.
 * @example
 * store.as(SYSTEM_ACTOR_ID).updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } }); // Alice steps down
 */
export const SYSTEM_ACTOR_ID = 'system';

/** Settings a store accepts in {@link MockStore.updateSettings}. */
export type MockSettingsPatch = Partial<Omit<Settings, 'currentUser'>>;

type Plain<P> = Omit<P, 'signal'>;

/**
 * The in-memory backend: every adapter operation, synchronous, plus test controls. Every call is
 * made by an acting user: the current admin (Alice Martin, {@link CURRENT_ADMIN_ID}) unless the
 * store was obtained from {@link MockStore.as}.
 */
export interface MockStore {
  /** The clock every rule reads time from. */
  readonly clock: Clock;
  /** The id of the user this view acts as. */
  readonly actorId: string;
  /**
   * The same backend seen by another user: `getSettings().currentUser` is that user, and every
   * rule (self, admin scope, workspace) is checked against them. Writes go to the shared data.
   * Throws `not_found` for an unknown user. {@link SYSTEM_ACTOR_ID} gives an operator view for test set-up.
   * @example
   * const karim = store.as('user-admin-2');
   * karim.updateUser({ id: 'user-jose', patch: { entityIds: ['entity-acme-uk'] } }); // forbidden, outside_scope
   * createMemoryAdapter(karim); // an adapter acting as Karim
   */
  as(userId: string): MockStore;
  getSettings(): Settings;
  listUsers(params: Plain<ListUsersParams>): Page<User>;
  getUser(params: { id: string }): User;
  createUser(params: { input: CreateUserInput }): CreateUserResult;
  updateUser(params: { id: string; patch: UserPatch }): UpdateUserResult;
  setUserStatus(params: { id: string; status: 'active' | 'deactivated' }): User;
  removeUser(params: { id: string }): void;
  inviteUsers(params: { input: InviteUsersInput }): InviteUsersResult;
  listInvitations(params: Plain<ListInvitationsParams>): Page<Invitation>;
  resendInvitation(params: { id: string }): Invitation;
  revokeInvitation(params: { id: string }): void;
  listRoles(): Role[];
  listModules(): Module[];
  listEntities(params: Plain<ListEntitiesParams>): Page<Entity>;
  getUserCounts(params?: { search?: string; filter?: Omit<UserFilter, 'status' | 'kind'> }): UserCounts;
  getAccessDiagnostics(params: { userId: string }): AccessDiagnostics;
  setUsersStatus(params: { ids: string[]; status: 'active' | 'deactivated' }): BulkResult;
  removeUsers(params: { ids: string[] }): BulkResult;
  /** Changes settings (shallow merge; `sso.providerName` defaults to 'Okta' when SSO is enforced). */
  updateSettings(partial: MockSettingsPatch): Settings;
  /** Changes a role's preset module access (the optional `updateRole`). */
  updateRole(params: { id: string; patch: RolePatch }): Role;
  /** Test control: adds an entity under a parent, as when a sub-account is created after access was granted. */
  addEntity(params: { id?: string; name: string; kind: EntityKind; parentId: string }): Entity;
  /** Simulates the invitee setting a password (invitation) or confirming a new address (registration request). */
  acceptInvitation(params: { id: string }): User;
  /** Back to the fixtures of creation, and the clock back to its instant of creation. */
  reset(): void;
}

interface UserRec {
  user: User;
  invitationId: string | null;
  /** Folded `last\u0001first`, for the name sort. */
  nameKey: string;
  createdMs: number;
  lastSignInMs: number | null;
  /** Folded text the search looks in. */
  hay: string;
}

interface InvitationRec {
  id: string;
  kind: InvitationKind;
  userId: string;
  sentAt: number;
  expiresAt: number;
  invitedBy: { id: string; name: string } | null;
}

const STATUS_RANK = { active: 0, invited: 1, deactivated: 2 } as const;

const MESSAGE_CODES: Record<string, FieldErrorCode> = {
  [VALIDATION_KEYS.required]: 'required',
  [VALIDATION_KEYS.email]: 'invalid_email',
  [VALIDATION_KEYS.usernameTooShort]: 'too_short',
  [VALIDATION_KEYS.usernameCharset]: 'invalid_format',
  [VALIDATION_KEYS.phone]: 'invalid_format',
  [VALIDATION_KEYS.tooLong]: 'too_long',
  [VALIDATION_KEYS.emailsRequired]: 'required',
  [VALIDATION_KEYS.entityRequired]: 'required',
  [VALIDATION_KEYS.roleRequired]: 'required',
};

function validation(fieldErrors: FieldErrors, reason?: DomainErrorReason, message = 'Invalid input'): UserAdminError {
  const detail = Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v}`).join(', ');
  return new UserAdminError('validation', detail ? `${message} (${detail})` : message, { fieldErrors, ...(reason ? { reason } : {}) });
}

function parseOrThrow<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fieldErrors[path]) continue;
    const known = MESSAGE_CODES[issue.message];
    fieldErrors[path] = known ?? (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined ? 'required' : 'invalid_format');
  }
  throw validation(fieldErrors);
}

const iso = (ms: number) => new Date(ms).toISOString();
const fullName = (u: User) => `${u.firstName} ${u.lastName}`.trim() || u.email;

function copyUserFields(u: User): User {
  return {
    ...u,
    entityIds: [...u.entityIds],
    subtreeEntityIds: [...(u.subtreeEntityIds ?? [])],
    permissions: { ...u.permissions },
    adminScope: u.adminScope === null ? null : u.adminScope.type === 'all' ? { type: 'all' } : { type: 'entities', entityIds: [...u.adminScope.entityIds] },
    invitation: u.invitation ? { ...u.invitation } : null,
  };
}

/**
 * Creates the in-memory reference backend, filled with deterministic fixtures.
 * @example
 * const store = createMockStore({ userCount: 1000, settings: { invitation: { ttlDays: 30, onExpiry: 'deactivate' } } });
 * store.listUsers({ pageIndex: 0, pageSize: 20, search: 'jose' }).items[0]?.lastName; // 'García'
 * store.clock.advance(31 * DAY_MS); // invited users are now deactivated
 */
export function createMockStore(options: MockStoreOptions = {}): MockStore {
  const clock = options.clock ?? createClock();
  const startMs = clock.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const allowedDomains = options.allowedDomains ? new Set(options.allowedDomains.map((d) => d.trim().toLowerCase())) : null;
  const roles = new Map<string, Role>(FIXTURE_ROLES.map((r) => [r.id, structuredClone(r)]));
  const modules = new Map<string, Module>(FIXTURE_MODULES.map((m) => [m.id, structuredClone(m)]));
  const roleKeys = new Map<string, string>([...roles.values()].map((r) => [r.id, foldText(r.name)]));

  let settings: Omit<Settings, 'currentUser'>;
  let entities: Entity[];
  let entityById: Map<string, Entity>;
  let entityKeys: Map<string, string>;
  /** The ancestors of each entity, nearest first (rebuilt when the tree changes). */
  let ancestry: EntityAncestry;
  /** The user the running call acts as (set by each view before it runs an operation). */
  let actorId = CURRENT_ADMIN_ID;
  let users: Map<string, UserRec>;
  let invitations: Map<string, InvitationRec>;
  let emails: Map<string, string>;
  let usernames: Map<string, string>;
  let seq: number;
  /** Sorted views of all users, by `field:direction`, kept up to date incrementally. */
  let views: Map<string, UserRec[]>;
  /** Users changed (or removed) since the views were last brought up to date. */
  let dirty: Set<UserRec>;

  function withSettingsDefaults(s: MockSettingsPatch, base: Omit<Settings, 'currentUser'>): Omit<Settings, 'currentUser'> {
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

  function load(): void {
    settings = withSettingsDefaults(options.settings ?? {}, structuredClone(DEFAULT_SETTINGS));
    entities = generateEntities(options.entityCount ?? 12);
    entityById = new Map(entities.map((e) => [e.id, e]));
    entityKeys = new Map(entities.map((e) => [e.id, foldText(e.name)]));
    entities.sort((a, b) => cmp(entityKeys.get(a.id) ?? '', entityKeys.get(b.id) ?? '') || cmp(a.id, b.id));
    ancestry = ancestryFromParents(entities);
    users = new Map();
    invitations = new Map();
    emails = new Map();
    usernames = new Map();
    seq = 0;
    views = new Map();
    dirty = new Set();
    const generated = generateUsers(options.userCount ?? DEFAULT_USER_COUNT, seed, {
      entities,
      now: clock.now(),
      ttlDays: settings.invitation.ttlDays,
      usernames: settings.username.mode === 'required',
    });
    const admin = generated.find((u) => u.id === CURRENT_ADMIN_ID);
    const invitedBy = admin ? { id: admin.id, name: fullName(admin) } : null;
    for (const u of generated) {
      const summary = u.invitation;
      const rec: UserRec = { user: { ...u, invitation: null }, invitationId: null, nameKey: '', createdMs: 0, lastSignInMs: null, hay: '' };
      indexKeys(rec);
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
      insertUser({
        id: `user-member-${i + 1}`, kind: 'login', status: 'active', email, username: null, firstName: m.firstName, lastName: m.lastName,
        phone: null, roleId: role.id, adminScope: role.isAdmin ? { type: 'all' } : null, scope: entityIds.length === 1 ? 'entity' : 'group',
        entityIds, permissions: { ...role.defaultPermissions }, source: 'manual', createdAt: iso(clock.now() - 30 * DAY_MS),
        lastSignInAt: iso(clock.now() - DAY_MS), invitation: null, pendingEmail: null,
      });
    }
  }

  function cmp(a: string | number, b: string | number): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // Names repeat a lot among 100k users: fold each distinct one once.
  const folded = new Map<string, string>();
  const foldName = (value: string): string => {
    let f = folded.get(value);
    if (f === undefined) {
      f = foldText(value);
      if (folded.size < 50_000) folded.set(value, f);
    }
    return f;
  };

  function indexKeys(rec: UserRec): void {
    const u = rec.user;
    const first = foldName(u.firstName);
    const last = foldName(u.lastName);
    rec.nameKey = `${last}\u0001${first}`;
    rec.createdMs = Date.parse(u.createdAt);
    rec.lastSignInMs = u.lastSignInAt === null ? null : Date.parse(u.lastSignInAt);
    rec.hay = `${first} ${last}\n${last} ${first}\n${u.email}\n${u.username ? foldText(u.username) : ''}\n${u.pendingEmail ?? ''}`;
  }

  /** Marks a user as changed, created or removed, so the sorted views take it into account. */
  function touch(rec: UserRec): void {
    dirty.add(rec);
  }

  const nextId = (prefix: string) => `${prefix}-${(++seq).toString(36)}-${clock.now().toString(36)}`;

  // ---------------------------------------------------------------------------
  // Time
  // ---------------------------------------------------------------------------

  const invitationStatus = (inv: InvitationRec): InvitationStatus => (clock.now() >= inv.expiresAt ? 'expired' : 'pending');

  /** Applies the `deactivate` expiry policy to invitations that expired since the last read. */
  function sweep(): void {
    if (settings.invitation.onExpiry !== 'deactivate') return;
    const now = clock.now();
    for (const inv of invitations.values()) {
      if (inv.kind !== 'invitation' || now < inv.expiresAt) continue;
      const rec = users.get(inv.userId);
      if (rec && rec.user.status === 'invited') {
        rec.user.status = 'deactivated';
        touch(rec);
      }
    }
  }

  // ---------------------------------------------------------------------------
  // Output (always fresh copies)
  // ---------------------------------------------------------------------------

  function summaryOf(rec: UserRec): InvitationSummary | null {
    const inv = rec.invitationId ? invitations.get(rec.invitationId) : undefined;
    if (!inv) return null;
    return { id: inv.id, kind: inv.kind, status: invitationStatus(inv), sentAt: iso(inv.sentAt), expiresAt: iso(inv.expiresAt) };
  }

  function toUser(rec: UserRec): User {
    const copy = copyUserFields(rec.user);
    copy.invitation = summaryOf(rec);
    return copy;
  }

  function toInvitation(inv: InvitationRec): Invitation {
    const u = mustUser(inv.userId).user;
    return {
      id: inv.id,
      kind: inv.kind,
      status: invitationStatus(inv),
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

  /** The acting user (see {@link MockStore.as}); a user removed since acts as nobody (not an admin). */
  function currentUser(): Settings['currentUser'] {
    if (actorId === SYSTEM_ACTOR_ID) return { id: SYSTEM_ACTOR_ID, name: 'System', isAdmin: true, adminScope: { type: 'all' } };
    const rec = users.get(actorId);
    const u = rec?.user;
    const role = u?.roleId ? roles.get(u.roleId) : undefined;
    return {
      id: actorId,
      name: u ? fullName(u) : actorId === CURRENT_ADMIN_ID ? 'Alice Martin' : actorId,
      isAdmin: role?.isAdmin ?? false,
      adminScope: u ? copyUserFields(u).adminScope : null,
    };
  }

  /** What the core's rules need: the acting admin with their acting scope (workspace applied), and the entity tree. */
  function ctx(): RuleContext {
    const workspace = actorId === SYSTEM_ACTOR_ID ? undefined : settings.workspace;
    return { actor: actorOf({ workspace, currentUser: currentUser() }), ancestry };
  }

  /** An entity as it goes out: a copy carrying its ancestors. */
  const toEntity = (e: Entity): Entity => ({ ...e, ancestorIds: [...(ancestry(e.id) ?? [])] });

  // ---------------------------------------------------------------------------
  // Rules
  // ---------------------------------------------------------------------------

  function mustUser(id: string): UserRec {
    const rec = users.get(id);
    if (!rec) throw new UserAdminError('not_found', `User ${id} does not exist`);
    return rec;
  }

  function mustInvitation(id: string): InvitationRec {
    const inv = invitations.get(id);
    if (!inv) throw new UserAdminError('not_found', `Invitation ${id} does not exist`);
    return inv;
  }

  function mustRole(roleId: string): Role {
    const role = roles.get(roleId);
    if (!role) throw validation({ roleId: 'not_found' }, 'role_not_found', `Role ${roleId} does not exist`);
    return role;
  }

  function checkEntities(ids: readonly string[], field: string): void {
    const missing = ids.filter((id) => !entityById.has(id));
    if (missing.length > 0) throw validation({ [field]: 'not_found' }, 'entity_not_found', `Unknown entities: ${missing.join(', ')}`);
  }

  /** The subtree grants, checked: a subset of the entities granted, on a backend that has them. */
  function checkSubtrees(subtreeEntityIds: readonly string[] | undefined, entityIds: readonly string[]): string[] {
    const ids = [...new Set(subtreeEntityIds ?? [])];
    if (ids.length === 0) return [];
    if (settings.features?.entitySubtrees === false) throw validation({ subtreeEntityIds: 'not_allowed' }, undefined, 'Subtree grants are off');
    const granted = new Set(entityIds);
    if (ids.some((id) => !granted.has(id))) throw validation({ subtreeEntityIds: 'invalid_format' }, undefined, 'A subtree grant must be one of the entities granted');
    return ids;
  }

  function checkScope(scope: UserScope, entityIds: readonly string[]): void {
    if (entityIds.length === 0) throw validation({ entityIds: 'required' });
    if (scope === 'entity' && entityIds.length !== 1) {
      throw validation({ entityIds: 'invalid_format' }, undefined, 'An entity user reaches exactly one entity');
    }
  }

  function checkAdminScope(adminScope: AdminScope | null | undefined, role: Role): void {
    if (adminScope && !role.isAdmin) throw validation({ adminScope: 'not_allowed' }, undefined, 'Only admin roles have an admin scope');
    if (adminScope?.type === 'entities') checkEntities(adminScope.entityIds, 'adminScope.entityIds');
  }

  /** Unknown modules and levels (this backend's validation), then the core's admin-only module rule. */
  function checkPermissions(permissions: ModulePermissions, role: Role): void {
    const fieldErrors: FieldErrors = {};
    for (const [moduleId, level] of Object.entries(permissions)) {
      const mod = modules.get(moduleId);
      if (!mod) fieldErrors[`permissions.${moduleId}`] = 'not_found';
      else if (!mod.levels.includes(level)) fieldErrors[`permissions.${moduleId}`] = 'invalid_format';
    }
    if (Object.keys(fieldErrors).length > 0) throw validation(fieldErrors, undefined, 'Invalid permissions');
    enforce(checkAdminOnlyModules(role, permissions, [...modules.values()]));
  }

  /** What this backend knows of an address's domain, for the invite classification and the login-email check. */
  function domainFacts(email: string): { domainAllowed: boolean; disposable: boolean } {
    const domain = emailDomain(email);
    return { domainAllowed: !allowedDomains || allowedDomains.has(domain), disposable: isDisposableDomain(domain) };
  }

  /** A login user's address: refused (validation) when the invite classification would skip its domain. */
  function checkLoginEmail(email: string, field = 'email'): void {
    const reason = classifyInvitee({ existing: null, ...domainFacts(email) });
    if (reason) throw validation({ [field]: 'not_allowed' }, undefined, `Domain ${emailDomain(email)} is refused (${reason})`);
  }

  function checkEmailFree(email: string, selfId: string | null): void {
    const owner = emails.get(email);
    if (owner !== undefined && owner !== selfId) {
      throw new UserAdminError('conflict', `${email} is already used`, { reason: 'email_taken', fieldErrors: { email: 'taken' } });
    }
  }

  function checkUsername(username: string | null | undefined, selfId: string | null): string | null {
    if (settings.username.mode === 'none') return null;
    if (!username) throw validation({ username: 'required' });
    const owner = usernames.get(foldText(username));
    if (owner !== undefined && owner !== selfId) {
      throw new UserAdminError('conflict', `Username ${username} is already used`, { reason: 'username_taken', fieldErrors: { username: 'taken' } });
    }
    return username;
  }

  const isAdminRole = (roleId: string) => roles.get(roleId)?.isAdmin;

  /** Whether this user is the only active administrator left (the fact the core's last-admin rule needs). */
  function lastActiveAdmin(rec: UserRec): boolean {
    if (!isActiveAdminUser(rec.user, isAdminRole)) return false;
    for (const other of users.values()) if (other !== rec && isActiveAdminUser(other.user, isAdminRole)) return false;
    return true;
  }

  function ttlMs(): number {
    return settings.invitation.ttlDays * DAY_MS;
  }

  function sendInvitation(rec: UserRec, kind: InvitationKind): InvitationRec {
    dropInvitation(rec);
    const now = clock.now();
    const inv: InvitationRec = { id: nextId('inv'), kind, userId: rec.user.id, sentAt: now, expiresAt: now + ttlMs(), invitedBy: { id: actorId, name: currentUser().name } };
    invitations.set(inv.id, inv);
    rec.invitationId = inv.id;
    return inv;
  }

  function dropInvitation(rec: UserRec): void {
    if (!rec.invitationId) return;
    const inv = invitations.get(rec.invitationId);
    invitations.delete(rec.invitationId);
    rec.invitationId = null;
    if (inv?.kind === 'registration_request' && rec.user.pendingEmail) {
      if (emails.get(rec.user.pendingEmail) === rec.user.id) emails.delete(rec.user.pendingEmail);
      rec.user.pendingEmail = null;
      indexKeys(rec);
    }
  }

  /** The address changes at once (nothing is sent). */
  function changeEmail(rec: UserRec, email: string): void {
    emails.delete(rec.user.email);
    rec.user.email = email;
    emails.set(email, rec.user.id);
  }

  function deleteUser(rec: UserRec): void {
    dropInvitation(rec);
    emails.delete(rec.user.email);
    if (rec.user.username) usernames.delete(foldText(rec.user.username));
    users.delete(rec.user.id);
    touch(rec);
  }

  function insertUser(user: User): UserRec {
    const rec: UserRec = { user, invitationId: null, nameKey: '', createdMs: 0, lastSignInMs: null, hay: '' };
    indexKeys(rec);
    users.set(user.id, rec);
    emails.set(user.email, user.id);
    if (user.username) usernames.set(foldText(user.username), user.id);
    touch(rec);
    return rec;
  }

  const neverAccepted = (rec: UserRec) => {
    const inv = rec.invitationId ? invitations.get(rec.invitationId) : undefined;
    return inv?.kind === 'invitation';
  };

  // ---------------------------------------------------------------------------
  // Listing
  // ---------------------------------------------------------------------------

  function sortKey(rec: UserRec, field: UserSortField): string | number | null {
    const u = rec.user;
    switch (field) {
      case 'name': return rec.nameKey;
      case 'email': return u.email;
      case 'status': return STATUS_RANK[u.status];
      case 'role': return u.roleId === null ? null : (roleKeys.get(u.roleId) ?? null);
      case 'lastSignInAt': return rec.lastSignInMs;
      case 'createdAt': return rec.createdMs;
    }
  }

  /** Key in the direction, ties by id in the direction; users without a key last, by id. */
  function comparator(field: UserSortField, direction: SortDirection): (a: UserRec, b: UserRec) => number {
    const sign = direction === 'asc' ? 1 : -1;
    return (a, b) => {
      const ka = sortKey(a, field);
      const kb = sortKey(b, field);
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
  function sorted(field: UserSortField, direction: SortDirection): UserRec[] {
    if (dirty.size > 0) {
      if (dirty.size > 2000) views.clear();
      for (const [key, list] of views) {
        const [f, d] = key.split(':') as [UserSortField, SortDirection];
        const compare = comparator(f, d);
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
        const k = sortKey(r, field);
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

  function matcher(search: string | undefined, filter: UserFilter | undefined): (rec: UserRec) => boolean {
    const q = search ? foldText(search.trim()) : '';
    const status = filter?.status && filter.status.length > 0 ? new Set(filter.status) : null;
    const roleIds = filter?.roleIds && filter.roleIds.length > 0 ? new Set(filter.roleIds) : null;
    const entityIds = filter?.entityIds && filter.entityIds.length > 0 ? new Set(filter.entityIds) : null;
    // A user granted a subtree reaches every entity under it, including ones created after the grant.
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

  function checkPaging(pageIndex: number, pageSize: number): void {
    const fieldErrors: FieldErrors = {};
    if (!Number.isInteger(pageIndex) || pageIndex < 0) fieldErrors.pageIndex = 'invalid_format';
    if (!Number.isInteger(pageSize) || pageSize < 1) fieldErrors.pageSize = 'invalid_format';
    if (Object.keys(fieldErrors).length > 0) throw validation(fieldErrors, undefined, 'Invalid paging');
  }

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
  // Operations
  // ---------------------------------------------------------------------------

  function setStatus(id: string, status: 'active' | 'deactivated'): User {
    const rec = mustUser(id);
    const u = rec.user;
    if (status === 'deactivated') {
      enforce(checkActOnUser(ctx(), u, 'deactivate', { lastActiveAdmin: lastActiveAdmin(rec) }));
      if (u.status === 'deactivated') return toUser(rec);
      u.status = 'deactivated';
      touch(rec);
      return toUser(rec);
    }
    enforce(checkActOnUser(ctx(), u, 'reactivate'));
    if (u.status === 'active') return toUser(rec);
    if (u.status === 'invited') {
      throw new UserAdminError('conflict', 'An invited user becomes active by accepting the invitation', { reason: 'invalid_status_transition' });
    }
    const never = neverAccepted(rec);
    if (reactivationOutcome({ kind: u.kind, neverAccepted: never, ssoEnforced: settings.sso.enforced }) === 'invited') {
      sendInvitation(rec, 'invitation');
      u.status = 'invited';
    } else {
      // Under enforced SSO a user who never accepted signs in through the identity provider: no invitation.
      if (never) dropInvitation(rec);
      u.status = 'active';
    }
    touch(rec);
    return toUser(rec);
  }

  function remove(id: string): void {
    const rec = mustUser(id);
    enforce(checkActOnUser(ctx(), rec.user, 'remove', { lastActiveAdmin: lastActiveAdmin(rec) }));
    deleteUser(rec);
  }

  function bulk(ids: string[], run: (id: string) => User | undefined): BulkResult {
    return {
      results: ids.map((id) => {
        try {
          const user = run(id);
          return user ? { id, ok: true as const, user } : { id, ok: true as const };
        } catch (error) {
          if (!(error instanceof UserAdminError)) throw error;
          return { id, ok: false as const, error: error.toJSON() };
        }
      }),
    };
  }

  function createUser(input: CreateUserInput): CreateUserResult {
    if (input?.kind === 'login') enforce(ssoRefusal(settings.sso.enforced, 'createLoginUser'));
    const parsed = parseOrThrow(createUserSchema(settings.username), input);
    const now = clock.now();
    const context = ctx();
    if (parsed.kind === 'contact') {
      checkEntities([parsed.entityId], 'entityId');
      enforce(checkGrant(context, { entityIds: [parsed.entityId] }));
      checkEmailFree(parsed.email, null);
      const rec = insertUser({
        id: nextId('user'), kind: 'contact', status: 'active', email: parsed.email, username: null,
        firstName: parsed.firstName, lastName: parsed.lastName, phone: parsed.phone || null, roleId: null, adminScope: null,
        scope: 'entity', entityIds: [parsed.entityId], permissions: {}, source: 'manual', createdAt: iso(now),
        lastSignInAt: null, invitation: null, pendingEmail: null,
      });
      return { user: toUser(rec), invitation: null };
    }
    const role = mustRole(parsed.roleId);
    checkEntities(parsed.entityIds, 'entityIds');
    checkScope(parsed.scope, parsed.entityIds);
    const subtreeEntityIds = checkSubtrees(parsed.subtreeEntityIds, parsed.entityIds);
    checkAdminScope(parsed.adminScope, role);
    const adminScope = role.isAdmin ? (parsed.adminScope ?? defaultAdminScope(context.actor.adminScope)) : null;
    enforce(checkGrant(context, { isAdminRole: role.isAdmin, entityIds: parsed.entityIds, ...(adminScope ? { adminScope } : {}) }));
    const permissions = parsed.permissions ?? { ...role.defaultPermissions };
    checkPermissions(permissions, role);
    checkLoginEmail(parsed.email);
    checkEmailFree(parsed.email, null);
    const username = checkUsername(parsed.username, null);
    const rec = insertUser({
      id: nextId('user'), kind: 'login', status: 'invited', email: parsed.email, username,
      firstName: parsed.firstName, lastName: parsed.lastName, phone: parsed.phone || null, roleId: role.id,
      adminScope, scope: parsed.scope,
      entityIds: [...new Set(parsed.entityIds)], subtreeEntityIds, permissions, source: 'manual', createdAt: iso(now),
      lastSignInAt: null, invitation: null, pendingEmail: null,
    });
    const inv = sendInvitation(rec, 'invitation');
    return { user: toUser(rec), invitation: toInvitation(inv) };
  }

  function updateUser(id: string, rawPatch: UserPatch): UpdateUserResult {
    const rec = mustUser(id);
    const u = rec.user;
    const patch = parseOrThrow(userPatchSchema(settings.username), rawPatch ?? {});
    let emailChange: UpdateUserResult['emailChange'] = 'none';
    const changed = (field: 'email' | 'firstName' | 'lastName' | 'username' | 'phone') =>
      patch[field] !== undefined && (patch[field] || null) !== (u[field] || null) && !(field === 'email' && patch.email === u.pendingEmail);
    const profileFields = ['email', 'firstName', 'lastName', 'username', 'phone'] as const;
    if (settings.workspace?.level === 'entity' && u.scope === 'group' && profileFields.some(changed)) {
      throw new UserAdminError('forbidden', 'A group user\'s profile is edited at group level', { reason: 'group_profile_read_only' });
    }
    if (u.source === 'sso') {
      const managed = settings.sso.managedFields ?? ['email', 'firstName', 'lastName'];
      const refused: FieldErrors = {};
      for (const field of managed) if (changed(field)) refused[field] = 'managed_by_idp';
      if (Object.keys(refused).length > 0) throw validation(refused, 'managed_by_idp', 'The identity provider owns these fields');
    }

    if (u.kind === 'contact') {
      if (patch.entityIds !== undefined && patch.entityIds.length !== 1) {
        throw validation({ entityIds: 'invalid_format' }, 'contact_single_entity', 'A contact lives in exactly one entity');
      }
      const notAllowed: FieldErrors = {};
      if (patch.roleId !== undefined) notAllowed.roleId = 'not_allowed';
      if (patch.adminScope) notAllowed.adminScope = 'not_allowed';
      if (patch.scope === 'group') notAllowed.scope = 'not_allowed';
      if (patch.username) notAllowed.username = 'not_allowed';
      if (patch.permissions && Object.keys(patch.permissions).length > 0) notAllowed.permissions = 'not_allowed';
      if (Object.keys(notAllowed).length > 0) throw validation(notAllowed, undefined, 'Contacts have no role, scope, username or permissions');
      if (patch.entityIds) checkEntities(patch.entityIds, 'entityIds');
      enforce(checkAccessChange(ctx(), u, { wasAdmin: false, staysAdmin: false, ...(patch.entityIds ? { entityIds: patch.entityIds } : {}) }));
      if (patch.email !== undefined && patch.email !== u.email) checkEmailFree(patch.email, u.id);
      // A contact never signs in: the address changes at once (emailChangeOutcome: 'replace').
      if (patch.email !== undefined && patch.email !== u.email) changeEmail(rec, patch.email);
      if (patch.entityIds) u.entityIds = [...patch.entityIds];
    } else {
      const context = ctx();
      const currentRole = u.roleId ? roles.get(u.roleId) : undefined;
      const role = patch.roleId !== undefined ? mustRole(patch.roleId) : currentRole;
      if (!role) throw validation({ roleId: 'required' });
      const wasAdmin = currentRole?.isAdmin ?? false;
      const scope = patch.scope ?? u.scope;
      const entityIds = patch.entityIds ? [...new Set(patch.entityIds)] : u.entityIds;
      checkEntities(entityIds, 'entityIds');
      checkScope(scope, entityIds);
      const subtreeEntityIds = checkSubtrees(patch.subtreeEntityIds ?? (u.subtreeEntityIds ?? []).filter((id) => entityIds.includes(id)), entityIds);
      checkAdminScope(patch.adminScope, role);
      // A new admin without a scope given gets the granting admin's own (never more).
      const adminScope: AdminScope | null = role.isAdmin
        ? (patch.adminScope ?? (wasAdmin ? u.adminScope : null) ?? defaultAdminScope(context.actor.adminScope))
        : null;
      enforce(checkAccessChange(context, u, {
        wasAdmin,
        staysAdmin: role.isAdmin,
        ...(adminScope ? { adminScope } : {}),
        ...(patch.entityIds ? { entityIds } : {}),
        lastActiveAdmin: lastActiveAdmin(rec),
      }));
      const permissions = patch.permissions ?? (role.isAdmin ? u.permissions : clearAdminOnly(u.permissions, [...modules.values()]));
      checkPermissions(permissions, role);
      let username = u.username;
      if (patch.username !== undefined && settings.username.mode !== 'none') username = checkUsername(patch.username, u.id);
      const newEmail = patch.email !== undefined && patch.email !== u.email ? patch.email : null;
      if (newEmail && newEmail !== u.pendingEmail) {
        checkLoginEmail(newEmail);
        checkEmailFree(newEmail, u.id);
      }

      // Everything is valid: apply.
      u.roleId = role.id;
      u.adminScope = adminScope === null ? null : structuredClone(adminScope);
      u.scope = scope;
      u.entityIds = [...entityIds];
      u.subtreeEntityIds = subtreeEntityIds;
      u.permissions = { ...permissions };
      if (username !== u.username) {
        if (u.username) usernames.delete(foldText(u.username));
        if (username) usernames.set(foldText(username), u.id);
        u.username = username;
      }
      if (newEmail) {
        const outcome = emailChangeOutcome({
          kind: u.kind, status: u.status, ssoEnforced: settings.sso.enforced, confirmation: settings.features?.emailChangeConfirmation !== false,
        });
        if (outcome === 'reinvite') {
          changeEmail(rec, newEmail);
          sendInvitation(rec, 'invitation');
        } else if (outcome === 'replace') {
          // Nothing is sent: a pending invitation or registration request goes (it named the old address).
          dropInvitation(rec);
          changeEmail(rec, newEmail);
        } else if (newEmail !== u.pendingEmail) {
          dropInvitation(rec);
          u.pendingEmail = newEmail;
          emails.set(newEmail, u.id);
          sendInvitation(rec, 'registration_request');
          emailChange = 'registration_request_sent';
        }
      } else if (patch.email !== undefined && patch.email === u.email && u.pendingEmail) {
        // Changing back to the current address cancels the pending change.
        dropInvitation(rec);
      }
    }
    if (patch.firstName !== undefined) u.firstName = patch.firstName;
    if (patch.lastName !== undefined) u.lastName = patch.lastName;
    if (patch.phone !== undefined) u.phone = patch.phone || null;
    indexKeys(rec);
    touch(rec);
    return { user: toUser(rec), emailChange };
  }

  function inviteUsers(input: InviteUsersInput): InviteUsersResult {
    const parsed = parseOrThrow(inviteUsersSchema, input);
    // Steps 1-3 of the classification (SSO, invalid, duplicate); with nobody left to invite, nothing is written or checked.
    const screened = screenInvitees(parsed.emails, { ssoEnforced: settings.sso.enforced });
    if (screened.candidates.length === 0) return { invited: [], skipped: screened.skipped };
    const context = ctx();
    const role = mustRole(parsed.roleId);
    let entityIds = [...new Set(parsed.entityIds)];
    if (entityIds.length === 0 && !settings.multiEntity && entityById.has(ROOT_ENTITY_ID)) entityIds = [ROOT_ENTITY_ID];
    checkEntities(entityIds, 'entityIds');
    const scope: UserScope = parsed.scope ?? (entityIds.length === 1 ? 'entity' : 'group');
    checkScope(scope, entityIds);
    const subtreeEntityIds = checkSubtrees(parsed.subtreeEntityIds, entityIds);
    checkAdminScope(parsed.adminScope, role);
    const adminScope = role.isAdmin ? (parsed.adminScope ?? defaultAdminScope(context.actor.adminScope)) : null;
    enforce(checkGrant(context, { isAdminRole: role.isAdmin, entityIds, ...(adminScope ? { adminScope } : {}) }));
    const permissions = parsed.permissions ?? { ...role.defaultPermissions };
    checkPermissions(permissions, role);

    const invited: Invitation[] = [];
    const skipped: InviteUsersResult['skipped'] = [...screened.skipped];
    const typed = new Map<string, string>();
    for (const raw of parsed.emails) if (!typed.has(emailKey(raw))) typed.set(emailKey(raw), raw.trim());
    const names = new Map(Object.entries(parsed.names ?? {}).map(([k, v]) => [emailKey(k), v]));
    const now = clock.now();
    for (const email of screened.candidates) {
      // Steps 4-6: an existing person first, then the rules for new addresses.
      const owner = users.get(emails.get(email) ?? '');
      const existing = !owner ? null : owner.user.status === 'invited' || owner.user.pendingEmail === email ? 'invited' : 'member';
      const reason = classifyInvitee({ existing, ...domainFacts(email) });
      if (reason) { skipped.push({ email: typed.get(email) ?? email, reason }); continue; }
      const rec = insertUser({
        id: nextId('user'), kind: 'login', status: 'invited', email, username: null,
        firstName: names.get(email)?.firstName?.trim() ?? '', lastName: names.get(email)?.lastName?.trim() ?? '', phone: null,
        roleId: role.id, adminScope: adminScope && structuredClone(adminScope), scope, entityIds: [...entityIds],
        subtreeEntityIds: [...subtreeEntityIds], permissions: { ...permissions }, source: 'invitation', createdAt: iso(now), lastSignInAt: null, invitation: null, pendingEmail: null,
      });
      invited.push(toInvitation(sendInvitation(rec, 'invitation')));
    }
    return { invited, skipped };
  }

  function diagnostics(userId: string): AccessDiagnostics {
    const rec = mustUser(userId);
    const u = rec.user;
    if (u.kind === 'contact') return { userId, failures: [] };
    const rng = createRandom(hashSeed(`${seed}:${userId}`));
    const count = rng.chance(0.4) ? 0 : rng.int(1, 4);
    const pool: SignInFailureCode[] =
      u.status === 'deactivated' ? ['account_deactivated', 'invalid_credentials']
        : u.status === 'invited' ? [summaryOf(rec)?.status === 'expired' ? 'invitation_expired' : 'invitation_pending']
          : settings.sso.enforced ? ['sso_required', 'sso_error', 'entity_not_granted']
            : ['invalid_credentials', 'invalid_credentials', 'locked', 'mfa_failed', 'entity_not_granted'];
    const failures: AccessDiagnostics['failures'] = [];
    let at = startMs;
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

  function listEntities(params: Plain<ListEntitiesParams>): Page<Entity> {
    const q = params.search ? foldText(params.search.trim()) : '';
    const ids = params.ids ? new Set(params.ids) : null;
    // A scoped admin's tree starts at the roots of their acting scope, and shows only what lies in it;
    // a lookup by ids answers any entity (to name it).
    // (A non-admin administers nothing: no roots, nothing in scope.)
    const scope = ids ? ALL_ENTITIES : ctx().actor.adminScope;
    const roots = scopeRoots(scope, ancestry);
    const inScope = (e: Entity) => entityInScope(scope, e.id, ancestry) === true;
    const rootsListing = roots !== null && (params.parentId === null || (params.parentId === undefined && !q));
    const rootIds = rootsListing ? new Set(roots) : null;
    return page(entities, (e) => {
      if (rootIds) return rootIds.has(e.id) && (!q || (entityKeys.get(e.id) ?? '').includes(q));
      if (params.parentId !== undefined && e.parentId !== params.parentId) return false;
      if (ids && !ids.has(e.id)) return false;
      if (q && !(entityKeys.get(e.id) ?? '').includes(q)) return false;
      return inScope(e);
    }, params.pageIndex, params.pageSize, toEntity);
  }

  function resendInvitation(id: string): Invitation {
    enforce(ssoRefusal(settings.sso.enforced, 'resendInvitation'));
    const inv = mustInvitation(id);
    const rec = mustUser(inv.userId);
    enforce(checkActOnUser(ctx(), rec.user, 'resendInvitation'));
    const now = clock.now();
    inv.sentAt = now;
    inv.expiresAt = now + ttlMs();
    inv.invitedBy = { id: actorId, name: currentUser().name };
    if (inv.kind === 'invitation' && rec.user.status === 'deactivated') rec.user.status = 'invited';
    touch(rec);
    return toInvitation(inv);
  }

  function revokeInvitation(id: string): void {
    const inv = mustInvitation(id);
    const rec = mustUser(inv.userId);
    // Revoking an invitation removes the user who never accepted; revoking a registration request edits them.
    enforce(checkActOnUser(ctx(), rec.user, inv.kind === 'invitation' ? 'remove' : 'edit'));
    if (inv.kind === 'invitation') deleteUser(rec);
    else dropInvitation(rec);
  }

  load();

  /** A view of the store acting as `viewerId`: every operation runs as them, after applying time-based rules. */
  function view(viewerId: string): MockStore {
    const op = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
      actorId = viewerId;
      sweep();
      return fn(...args);
    };
    return {
    clock,
    actorId: viewerId,
    as: op((userId: string) => view(userId === SYSTEM_ACTOR_ID ? userId : mustUser(userId).user.id)),
    getSettings: op(() => ({ ...structuredClone(settings), currentUser: currentUser() })),
    listUsers: op((params) => {
      const sort = params.sort ?? { field: 'name', direction: 'asc' };
      const list = sorted(sort.field, sort.direction);
      const unfiltered = !params.search?.trim() && !params.filter?.status?.length && !params.filter?.kind && !params.filter?.roleIds?.length
        && !params.filter?.entityIds?.length && !params.filter?.scope;
      if (unfiltered) {
        checkPaging(params.pageIndex, params.pageSize);
        const start = params.pageIndex * params.pageSize;
        return { items: list.slice(start, start + params.pageSize).map(toUser), total: list.length };
      }
      return page(list, matcher(params.search, params.filter), params.pageIndex, params.pageSize, toUser);
    }),
    getUser: op(({ id }) => toUser(mustUser(id))),
    createUser: op(({ input }) => createUser(input)),
    updateUser: op(({ id, patch }) => updateUser(id, patch)),
    setUserStatus: op(({ id, status }) => setStatus(id, status)),
    removeUser: op(({ id }) => remove(id)),
    inviteUsers: op(({ input }) => inviteUsers(input)),
    listInvitations: op((params) => {
      const q = params.search ? foldText(params.search.trim()) : '';
      const all = [...invitations.values()].sort((a, b) => b.sentAt - a.sentAt || cmp(a.id, b.id));
      return page(all, (inv) => {
        if (params.status && invitationStatus(inv) !== params.status) return false;
        if (!q) return true;
        const rec = users.get(inv.userId);
        return !!rec && rec.hay.includes(q);
      }, params.pageIndex, params.pageSize, toInvitation);
    }),
    resendInvitation: op(({ id }) => resendInvitation(id)),
    revokeInvitation: op(({ id }) => revokeInvitation(id)),
    listRoles: op(() => [...roles.values()].map((r) => structuredClone(r))),
    listModules: op(() => [...modules.values()].map((m) => structuredClone(m))),
    listEntities: op((params) => listEntities(params)),
    getUserCounts: op((params = {}) => {
      const match = matcher(params.search, { roleIds: params.filter?.roleIds, entityIds: params.filter?.entityIds, scope: params.filter?.scope });
      const counts: UserCounts = { active: 0, invited: 0, deactivated: 0, contacts: 0, all: 0 };
      for (const rec of users.values()) {
        if (!match(rec)) continue;
        counts.all++;
        if (rec.user.kind === 'contact') counts.contacts++;
        else counts[rec.user.status]++;
      }
      return counts;
    }),
    getAccessDiagnostics: op(({ userId }) => diagnostics(userId)),
    setUsersStatus: op(({ ids, status }) => bulk(ids, (id) => setStatus(id, status))),
    removeUsers: op(({ ids }) => bulk(ids, (id) => {
      remove(id);
      return undefined;
    })),
    updateRole: op(({ id, patch }) => {
      const role = roles.get(id);
      if (!role) throw new UserAdminError('not_found', `Role ${id} does not exist`, { reason: 'role_not_found' });
      // A role's preset reaches users of every entity: only an admin whose acting scope holds the whole tree changes it.
      enforce(checkGrant(ctx(), { entityIds: entities.filter((e) => e.parentId === null).map((e) => e.id) }));
      const parsed = parseOrThrow(z.object({ defaultPermissions: modulePermissionsSchema }), patch ?? {});
      checkPermissions(parsed.defaultPermissions, role);
      role.defaultPermissions = { ...parsed.defaultPermissions };
      return structuredClone(role);
    }),
    addEntity: op(({ id, name, kind, parentId }) => {
      const parent = entityById.get(parentId);
      if (!parent) throw validation({ parentId: 'not_found' }, 'entity_not_found', `Unknown entity ${parentId}`);
      const entity: Entity = { id: id ?? nextId('entity'), name, kind, parentId, childCount: 0 };
      if (entityById.has(entity.id)) throw new UserAdminError('conflict', `Entity ${entity.id} exists`);
      parent.childCount++;
      entities.push(entity);
      entityById.set(entity.id, entity);
      entityKeys.set(entity.id, foldText(name));
      entities.sort((a, b) => cmp(entityKeys.get(a.id) ?? '', entityKeys.get(b.id) ?? '') || cmp(a.id, b.id));
      ancestry = ancestryFromParents(entities);
      return toEntity(entity);
    }),
    updateSettings: op((partial) => {
      settings = withSettingsDefaults(partial, settings);
      return { ...structuredClone(settings), currentUser: currentUser() };
    }),
    acceptInvitation: op(({ id }) => {
      const inv = mustInvitation(id);
      const rec = mustUser(inv.userId);
      if (invitationStatus(inv) !== 'pending' || (inv.kind === 'invitation' && rec.user.status !== 'invited')) {
        throw new UserAdminError('conflict', 'This invitation can no longer be accepted', { reason: 'invitation_not_pending' });
      }
      const u = rec.user;
      if (inv.kind === 'invitation') {
        u.status = 'active';
        u.lastSignInAt = iso(clock.now());
        dropInvitation(rec);
      } else if (u.pendingEmail) {
        const next = u.pendingEmail;
        emails.delete(u.email);
        invitations.delete(inv.id);
        rec.invitationId = null;
        u.email = next;
        u.pendingEmail = null;
        emails.set(next, u.id);
      }
      indexKeys(rec);
      touch(rec);
      return toUser(rec);
    }),
    reset: () => {
      clock.set(startMs);
      load();
    },
    };
  }

  return view(CURRENT_ADMIN_ID);
}
