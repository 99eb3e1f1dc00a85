/**
 * The reference backend: an in-memory store that enforces every domain rule of the adapter
 * contract. The memory adapter and the MSW handlers are thin layers over it.
 *
 * The rules themselves live in the domain core (`src/core`), and the store only calls them with
 * the facts it holds: who acts on whom (self, admin scope, last active admin: `checkActOnUser`,
 * `checkAccessChange`, `checkGrant`), admin-only modules (`checkAdminOnlyModules`), the invite
 * classification and its order (`screenInvitees`, `classifyInvitee`), the email change
 * (`emailChangeOutcome`), reactivation (`reactivationOutcome`), enforced SSO (`ssoRefusal`), who owns
 * profile fields (`checkProfileChange`), a login user's address (`checkLoginEmail`) and who changes a
 * role preset (`checkRoleEdit`).
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
 * - **Password reset** (`sendPasswordReset`): only an active login user, in the acting scope, never
 *   under enforced SSO (core `checkPasswordReset`). The link is valid one hour and goes to the
 *   store's outbox (`sentPasswordResets`); nothing about the user changes (no new `version`).
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
 *   so only an admin whose acting scope is all entities (`checkRoleEdit`) may change it.
 * - **Counts** (`getUserCounts`): `active`, `invited` and `deactivated` count login users only;
 *   `contacts` counts contacts of any status; `all` counts everyone.
 * - **Sort** orders: `name` is last name then first name (accent- and case-insensitive); `status`
 *   is active, invited, deactivated; `role` is the role name with contacts (no role) last;
 *   `lastSignInAt` puts users who never signed in last in both directions. Ties are broken by id.
 * - **Emails** are compared lower-cased; a pending new address is reserved like a current one.
 * - **Versions**: every user and role carries a `version` (one store-wide counter, as a string) that
 *   changes on every write to it, its invitation included (sent, resent, dropped, expired under the
 *   `deactivate` policy). `updateUser`, `setUserStatus`, `removeUser` and `updateRole` given an
 *   `expectedVersion` that is not the current one refuse with `conflict`/`stale` (core `checkVersion`)
 *   and change nothing. The bulk methods take no versions.
 * - **Bounds** (`src/contract/limits.ts`, `docs/limits.md`): a list page holds at most `MAX_PAGE_SIZE`
 *   rows (`pageSize` over it: `validation`, `pageSize: too_long`), a bulk call at most `MAX_BULK_IDS`
 *   ids (`ids: too_long`; none: `ids: required`), through the shared schemas like every input.
 */
import type {
  AccessDiagnostics, BulkResult, CreateUserInput, CreateUserResult, Entity, EntityKind, Invitation, InviteUsersInput, InviteUsersResult,
  ListEntitiesParams, ListInvitationsParams, ListUsersParams, Module, Page, PasswordResetResult, Role, RolePatch, Settings, UpdateUserResult, User, UserCounts,
  UserFilter, UserPatch, VersionedWrite,
} from '../src/contract/types';
import { bulkIdsSchema } from '../src/contract/schemas';
import type { Clock } from './clock';
import { CURRENT_ADMIN_ID } from './fixtures';
import { acceptInvitation, inviteUsers, resendInvitation, revokeInvitation } from './store-invites';
import { diagnostics, getUserCounts, listEntities, listInvitations, listUsers } from './store-query';
import {
  createState, load, mustUser, sweep, toUser, withSettingsDefaults, type MockSettingsPatch, type MockStoreOptions, type StoreState,
} from './store-records';
import { SYSTEM_ACTOR_ID, currentUser, parseOrThrow } from './store-rules';
import { addEntity, bulk, createUser, remove, setStatus, updateRole, updateUser } from './store-writes';
import { sendPasswordReset, sentPasswordResets, type SentPasswordReset } from './store-password';

// The store is split along its seams, all sharing one `StoreState`: `./store-records` (records,
// indexes, fixtures, copies out), `./store-query` (sorting, matching, paging, counts, listings),
// `./store-rules` (the acting user, the core's rule context, this backend's validation),
// `./store-writes` and `./store-invites` (the writes). This module is the public face.

export { SYSTEM_ACTOR_ID };

export type { MockSettingsPatch, MockStoreOptions, SentPasswordReset };

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
  /** Refuses with `conflict`/`stale`, changing nothing, when `expectedVersion` is given and is not the user's `version`. */
  updateUser(params: { id: string; patch: UserPatch } & VersionedWrite): UpdateUserResult;
  /** Refuses with `conflict`/`stale`, changing nothing, when `expectedVersion` is given and is not the user's `version`. */
  setUserStatus(params: { id: string; status: 'active' | 'deactivated' } & VersionedWrite): User;
  /** Refuses with `conflict`/`stale`, removing nothing, when `expectedVersion` is given and is not the user's `version`. */
  removeUser(params: { id: string } & VersionedWrite): void;
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
  /**
   * Sends an active login user a link to choose a new password (core `checkPasswordReset`: not a
   * contact, not invited, not deactivated, in the acting scope, not under enforced SSO), valid one
   * hour; the user record does not change. The link goes to {@link MockStore.sentPasswordResets}.
   */
  sendPasswordReset(params: { id: string }): PasswordResetResult;
  /** Test control: the password reset links sent so far, oldest first (the outbox). */
  sentPasswordResets(): SentPasswordReset[];
  /** Changes settings (shallow merge; `sso.providerName` defaults to 'Okta' when SSO is enforced). */
  updateSettings(partial: MockSettingsPatch): Settings;
  /** Changes a role's preset module access (the optional `updateRole`); refuses a stale `expectedVersion` with `conflict`/`stale`. */
  updateRole(params: { id: string; patch: RolePatch } & VersionedWrite): Role;
  /** Test control: adds an entity under a parent, as when a sub-account is created after access was granted. */
  addEntity(params: { id?: string; name: string; kind: EntityKind; parentId: string }): Entity;
  /** Simulates the invitee setting a password (invitation) or confirming a new address (registration request). */
  acceptInvitation(params: { id: string }): User;
  /** Back to the fixtures of creation, and the clock back to its instant of creation. */
  reset(): void;
}

/**
 * Creates the in-memory reference backend, filled with deterministic fixtures.
 * @example
 * const store = createMockStore({ userCount: 1000, settings: { invitation: { ttlDays: 30, onExpiry: 'deactivate' } } });
 * store.listUsers({ pageIndex: 0, pageSize: 20, search: 'jose' }).items[0]?.lastName; // 'García'
 * store.clock.advance(31 * DAY_MS); // invited users are now deactivated
 */
export function createMockStore(options: MockStoreOptions = {}): MockStore {
  const state = createState(options);
  return view(state, CURRENT_ADMIN_ID);
}

/** A view of the store acting as `viewerId`: every operation runs as them, after applying time-based rules. */
function view(state: StoreState, viewerId: string): MockStore {
  const op = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    state.actorId = viewerId;
    sweep(state);
    return fn(...args);
  };
  return {
    clock: state.clock,
    actorId: viewerId,
    as: op((userId: string) => view(state, userId === SYSTEM_ACTOR_ID ? userId : mustUser(state, userId).user.id)),
    getSettings: op(() => ({ ...structuredClone(state.settings), currentUser: currentUser(state) })),
    listUsers: op((params) => listUsers(state, params)),
    getUser: op(({ id }) => toUser(state, mustUser(state, id))),
    createUser: op(({ input }) => createUser(state, input)),
    updateUser: op(({ id, patch, expectedVersion }) => updateUser(state, id, patch, expectedVersion)),
    setUserStatus: op(({ id, status, expectedVersion }) => setStatus(state, id, status, expectedVersion)),
    removeUser: op(({ id, expectedVersion }) => remove(state, id, expectedVersion)),
    inviteUsers: op(({ input }) => inviteUsers(state, input)),
    listInvitations: op((params) => listInvitations(state, params)),
    resendInvitation: op(({ id }) => resendInvitation(state, id)),
    revokeInvitation: op(({ id }) => revokeInvitation(state, id)),
    listRoles: op(() => [...state.roles.values()].map((r) => structuredClone(r))),
    listModules: op(() => [...state.modules.values()].map((m) => structuredClone(m))),
    listEntities: op((params) => listEntities(state, params)),
    getUserCounts: op((params = {}) => getUserCounts(state, params)),
    getAccessDiagnostics: op(({ userId }) => diagnostics(state, userId)),
    setUsersStatus: op(({ ids, status }) => bulk(parseOrThrow(bulkIdsSchema, ids, 'ids'), (id) => setStatus(state, id, status))),
    removeUsers: op(({ ids }) => bulk(parseOrThrow(bulkIdsSchema, ids, 'ids'), (id) => {
      remove(state, id);
      return undefined;
    })),
    updateRole: op(({ id, patch, expectedVersion }) => updateRole(state, id, patch, expectedVersion)),
    sendPasswordReset: op(({ id }) => sendPasswordReset(state, id)),
    sentPasswordResets: () => sentPasswordResets(state),
    addEntity: op((params) => addEntity(state, params)),
    updateSettings: op((partial) => {
      state.settings = withSettingsDefaults(partial, state.settings);
      return { ...structuredClone(state.settings), currentUser: currentUser(state) };
    }),
    acceptInvitation: op(({ id }) => acceptInvitation(state, id)),
    reset: () => {
      state.clock.set(state.startMs);
      load(state);
    },
  };
}
