import type { DomainErrorReason, UserAdminErrorCode, UserAdminErrorShape } from './errors';

/**
 * The adapter contract: what user-admin-kit needs from a host's backend.
 *
 * An adapter is a plain object of async functions. Every function takes one
 * params object that carries an optional `AbortSignal`; the hooks abort it when
 * a query is cancelled or a component unmounts. Optional methods are feature
 * switches: the UI reads them through {@link getAdapterCapabilities}.
 *
 * All dates cross the contract as ISO 8601 strings, so a REST adapter passes
 * JSON through untouched.
 */

/**
 * A write that may carry the version of the record as the caller read it (`User.version`,
 * `Role.version`): the backend refuses it with `conflict` and reason `stale` when the record changed
 * since. Without it (or on a backend without versions) the write applies to whatever is there.
 */
export interface VersionedWrite {
  /** The `version` the caller read. Defaults to none (no check). */
  expectedVersion?: string;
}

/** Every adapter call accepts an abort signal. */
export interface CallOptions {
  /** Aborted when the caller no longer needs the answer (unmount, cancelled query). */
  signal?: AbortSignal;
}

// ---------------------------------------------------------------------------
// Domain
// ---------------------------------------------------------------------------

/** Lifecycle of a user: invited → active → deactivated (or removed, which deletes). */
export type UserStatus = 'invited' | 'active' | 'deactivated';
/** A login user signs in; a contact cannot and lives in one entity. */
export type UserKind = 'login' | 'contact';
/** A group (multi-entity) user reaches several entities; an entity user reaches one. */
export type UserScope = 'group' | 'entity';
/** How the user came to exist. `sso` users were created at their first SSO sign-in. */
export type UserSource = 'manual' | 'invitation' | 'sso';

/** Module id → access level id (one of the module's `levels`). A missing module means its first level (no access). */
export type ModulePermissions = Record<string, string>;

/** Which entities an administrator administers. */
export type AdminScope = { type: 'all' } | { type: 'entities'; entityIds: string[] };

/** A user, login user or contact. */
export interface User {
  id: string;
  kind: UserKind;
  status: UserStatus;
  /** The login identifier of a login user; a contact's address. */
  email: string;
  /** Present only when the organisation's username policy has usernames. */
  username: string | null;
  firstName: string;
  lastName: string;
  phone: string | null;
  /** Contacts have no role. */
  roleId: string | null;
  /** Set only for users whose role is an admin role. */
  adminScope: AdminScope | null;
  scope: UserScope;
  /** Entities the user reaches. A contact has exactly one; an entity user one. */
  entityIds: string[];
  /**
   * Of `entityIds`, those whose sub-accounts the user also reaches, including sub-accounts created
   * later. Defaults to none (a backend without subtree grants leaves it out).
   */
  subtreeEntityIds?: string[];
  permissions: ModulePermissions;
  source: UserSource;
  createdAt: string;
  lastSignInAt: string | null;
  /** The pending invitation or registration request of an invited user, or of a user whose email change awaits confirmation. */
  invitation: InvitationSummary | null;
  /** A new email awaiting confirmation through a registration request. */
  pendingEmail: string | null;
  /**
   * An opaque token that changes on every change of the user (an ETag, SCIM's `meta.version`).
   * Sent back on a write (`expectedVersion`), it makes the backend refuse the write with
   * `conflict`/`stale` when someone changed the user since it was read. Defaults to none: a
   * backend without versions (better-auth) leaves it out and writes are last-write-wins.
   */
  version?: string;
}

export interface InvitationSummary {
  id: string;
  kind: InvitationKind;
  status: InvitationStatus;
  sentAt: string;
  expiresAt: string;
}

/** `invitation` for a new user, `registration_request` after a login user's email changed. */
export type InvitationKind = 'invitation' | 'registration_request';
export type InvitationStatus = 'pending' | 'expired';

/** An invitation (or registration request) waiting for its user to set a password. */
export interface Invitation {
  id: string;
  kind: InvitationKind;
  status: InvitationStatus;
  email: string;
  /** The invited user, whose status is `invited` (or active, for a registration request). */
  userId: string;
  roleId: string | null;
  entityIds: string[];
  /** Of `entityIds`, those granted with all their sub-accounts, present and future. Defaults to none. */
  subtreeEntityIds?: string[];
  permissions: ModulePermissions;
  invitedBy: { id: string; name: string } | null;
  sentAt: string;
  expiresAt: string;
}

/** A role (profile), such as Administrator or Communication. */
export interface Role {
  id: string;
  name: string;
  description: string | null;
  /** Admin roles may hold admin-only modules and an admin scope. */
  isAdmin: boolean;
  /** The module access a user gets when given this role. */
  defaultPermissions: ModulePermissions;
  /** An opaque token that changes on every change of the role; see {@link User.version}. Defaults to none. */
  version?: string;
}

/** A module (menu) whose access is granted per user. */
export interface Module {
  id: string;
  name: string;
  /** Admin-only modules can never be granted to a user with a non-admin role. */
  adminOnly: boolean;
  /** Access levels in increasing order; the first means no access (e.g. `['none', 'view', 'edit']` or `['off', 'on']`). */
  levels: string[];
}

export type EntityKind = 'group' | 'company' | 'sub_account';

/** A node of the entity hierarchy: the group, its companies, their sub-accounts. */
export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  parentId: string | null;
  /** Number of direct children, so a tree can show an expander without loading them. */
  childCount: number;
  /**
   * The ids of the entity's ancestors, nearest first (`[]` for a root), so the screen can tell
   * whether it lies in an admin scope without loading the tree (`core/scope.ts`). Defaults to
   * unknown: the screen then lets the backend decide.
   */
  ancestorIds?: string[];
}

/** Username policy: none when the email is the identifier. */
export type UsernamePolicy =
  | { mode: 'none' }
  | { mode: 'required'; minLength: number; charset: 'alphanumeric' };

/** Profile fields an identity provider can own for the users it created. */
export type IdentityProviderField = 'email' | 'firstName' | 'lastName' | 'username' | 'phone';

/**
 * Where the current administrator works: at group level (every entity) or inside one entity.
 * At entity level the profile of a group user is read-only: it is edited at group level.
 */
export type AdminWorkspace = { level: 'group' } | { level: 'entity'; entityId: string };

/** What a user created by hand must do at expiry of their invitation. */
export type InvitationExpiryPolicy = 'expire' | 'deactivate';

/** Organisation-wide settings and the current administrator. */
export interface Settings {
  currentUser: { id: string; name: string; isAdmin: boolean; adminScope: AdminScope | null };
  sso: {
    enforced: boolean;
    providerName: string | null;
    /**
     * Fields of users created by SSO (`source: 'sso'`) that the identity provider owns: read-only
     * in the editor, refused by the backend. Defaults to `['email', 'firstName', 'lastName']`.
     */
    managedFields?: IdentityProviderField[];
  };
  invitation: { ttlDays: number; onExpiry: InvitationExpiryPolicy };
  username: UsernamePolicy;
  /** Whether the organisation has several entities (a group). */
  multiEntity: boolean;
  /** Where the current administrator works. Defaults to `{ level: 'group' }`. */
  workspace?: AdminWorkspace;
  /**
   * What the backend supports. Defaults to all `true`; a backend without contacts
   * (SCIM, better-auth) sets `contacts: false` and the UI hides them.
   */
  features?: {
    contacts?: boolean;
    invitations?: boolean;
    phone?: boolean;
    lastSignIn?: boolean;
    modulePermissions?: boolean;
    /** Whether an entity can be granted with all its sub-accounts, including future ones (`subtreeEntityIds`). */
    entitySubtrees?: boolean;
    /**
     * Whether a login user's new email must be confirmed through a registration request
     * (`pendingEmail`, `emailChange: 'registration_request_sent'`). `false` for a backend where the
     * address changes at once (better-auth's admin update, SCIM): the editor then says so.
     */
    emailChangeConfirmation?: boolean;
    /**
     * Whether admins can be limited to some entities (`adminScope: { type: 'entities' }`), and the
     * backend enforces that scope (`core/scope.ts`). `false` for a backend without per-user scope
     * (better-auth): every admin administers every entity, and the editor offers no scope.
     */
    adminScope?: boolean;
  };
}

// ---------------------------------------------------------------------------
// Params and results
// ---------------------------------------------------------------------------

export interface Page<T> {
  items: T[];
  /** Number of items matching the query, over all pages. */
  total: number;
}

export type SortDirection = 'asc' | 'desc';
export type UserSortField = 'name' | 'email' | 'status' | 'role' | 'lastSignInAt' | 'createdAt';

export interface UserFilter {
  status?: UserStatus[];
  kind?: UserKind;
  roleIds?: string[];
  /** Users reaching any of these entities. */
  entityIds?: string[];
  scope?: UserScope;
}

export interface ListUsersParams extends CallOptions {
  /** Zero-based. */
  pageIndex: number;
  pageSize: number;
  /** Ties are broken by id, so paging is stable. Defaults to name ascending. */
  sort?: { field: UserSortField; direction: SortDirection };
  /** Case-insensitive match on name, email and username. */
  search?: string;
  filter?: UserFilter;
}

/** Counts for the list's views, for the same search and filter. */
export interface UserCounts {
  active: number;
  invited: number;
  deactivated: number;
  contacts: number;
  all: number;
}

export interface CreateLoginUserInput {
  kind: 'login';
  email: string;
  firstName: string;
  lastName: string;
  username?: string | null;
  phone?: string | null;
  roleId: string;
  adminScope?: AdminScope | null;
  scope: UserScope;
  entityIds: string[];
  /** Of `entityIds`, those granted with all their sub-accounts, present and future. Defaults to none. */
  subtreeEntityIds?: string[];
  permissions?: ModulePermissions;
}

export interface CreateContactInput {
  kind: 'contact';
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  /** Contacts are created in one entity. */
  entityId: string;
}

export type CreateUserInput = CreateLoginUserInput | CreateContactInput;

export interface CreateUserResult {
  user: User;
  /** The invitation sent to a new login user; `null` for a contact. */
  invitation: Invitation | null;
}

export interface UserPatch {
  firstName?: string;
  lastName?: string;
  email?: string;
  username?: string | null;
  phone?: string | null;
  roleId?: string;
  adminScope?: AdminScope | null;
  scope?: UserScope;
  entityIds?: string[];
  /** Of `entityIds` (the new ones when given, else the current ones), those granted with all their sub-accounts. */
  subtreeEntityIds?: string[];
  permissions?: ModulePermissions;
}

export interface UpdateUserResult {
  user: User;
  /** `registration_request_sent` when a login user's email changed: the new address must be confirmed. */
  emailChange: 'none' | 'registration_request_sent';
}

export interface InviteUsersInput {
  emails: string[];
  roleId: string;
  entityIds: string[];
  /** Of `entityIds`, those granted with all their sub-accounts, present and future. Defaults to none. */
  subtreeEntityIds?: string[];
  permissions?: ModulePermissions;
  adminScope?: AdminScope | null;
  scope?: UserScope;
  /**
   * Names the admin gave with the addresses (`Ana Lima <ana@acme.fr>`), keyed by address
   * (matched case-insensitively). The invited user starts with them; without a name, the UI shows
   * the email until the user sets their name. Defaults to none.
   */
  names?: Record<string, { firstName?: string; lastName?: string }>;
}

/** Why an address was not invited. */
export type InviteSkipReason =
  | 'invalid'
  | 'duplicate'
  | 'already_member'
  | 'already_invited'
  | 'disposable'
  | 'domain_not_allowed'
  | 'sso_enforced';

/**
 * An address the backend tried to invite and could not (for example, its request failed midway
 * through a call that invited the others). Nothing is left on the backend for it: sending it
 * again is safe.
 * @example
 * const failure: InviteFailure = { email: 'ana@acme.fr', code: 'unavailable' };
 */
export interface InviteFailure {
  email: string;
  /** Why, as for a thrown {@link UserAdminError}. */
  code: UserAdminErrorCode;
  /** The domain reason, when one applies. Defaults to none. */
  reason?: DomainErrorReason;
}

/**
 * What one `inviteUsers` call did: every address given is in exactly one of the three lists
 * (a duplicate's first occurrence counts once, its repeats are skipped).
 * @example
 * const { invited, skipped, failed = [] } = await adapter.inviteUsers({ input });
 */
export interface InviteUsersResult {
  invited: Invitation[];
  /** Addresses not invited by rule (invalid, already a member, disposable...), with the reason. */
  skipped: { email: string; reason: InviteSkipReason }[];
  /**
   * Addresses that could not be invited because something failed for them, with the error (all
   * of them, if each was tried and each failed). A call that cannot try any (the backend is down,
   * the admin lacks the right) rejects instead. Defaults to none (an adapter that never reports
   * partial failures may omit it).
   */
  failed?: InviteFailure[];
}

export interface ListInvitationsParams extends CallOptions {
  pageIndex: number;
  pageSize: number;
  search?: string;
  /** Defaults to both. */
  status?: InvitationStatus;
}

export interface ListEntitiesParams extends CallOptions {
  /** Matches names anywhere in the hierarchy. */
  search?: string;
  /** `null` for the roots; an id for that node's children; omitted for no parent filter. */
  parentId?: string | null;
  /** Only these entities (to label a selection). */
  ids?: string[];
  pageIndex: number;
  pageSize: number;
}

/** Why a sign-in failed, for the sign-in error guide. */
export type SignInFailureCode =
  | 'invalid_credentials'
  | 'account_deactivated'
  | 'invitation_expired'
  | 'invitation_pending'
  | 'sso_required'
  | 'sso_error'
  | 'locked'
  | 'mfa_failed'
  | 'entity_not_granted';

export interface AccessDiagnostics {
  userId: string;
  failures: {
    at: string;
    code: SignInFailureCode;
    /** An id to quote to support. */
    requestId: string;
    ip: string | null;
    userAgent: string | null;
  }[];
}

export type BulkItemResult =
  | { id: string; ok: true; user?: User }
  | { id: string; ok: false; error: UserAdminErrorShape };

export interface BulkResult {
  results: BulkItemResult[];
}

// ---------------------------------------------------------------------------
// The adapter
// ---------------------------------------------------------------------------

/**
 * What a host implements. Every method throws a {@link UserAdminError} on failure.
 *
 * @example
 * const adapter: UserAdminAdapter = {
 *   getSettings: ({ signal }) => api('/settings', { signal }),
 *   listUsers: ({ signal, ...params }) => api('/users', { signal, query: params }),
 *   // ...
 * };
 */
export interface UserAdminAdapter {
  /** The current admin, SSO, invitation and username policies, and whether there are several entities. */
  getSettings(params?: CallOptions): Promise<Settings>;
  /** One page of users matching search and filter, with the total over all pages. */
  listUsers(params: ListUsersParams): Promise<Page<User>>;
  /** One user; throws `not_found` when it does not exist. */
  getUser(params: { id: string } & CallOptions): Promise<User>;
  /** Creates a login user (who is invited) or a contact (who is not, and lives in one entity). */
  createUser(params: { input: CreateUserInput } & CallOptions): Promise<CreateUserResult>;
  /** Updates profile, role, admin scope, entities and permissions. Changing a login user's email issues a registration request. */
  updateUser(params: { id: string; patch: UserPatch } & VersionedWrite & CallOptions): Promise<UpdateUserResult>;
  /** Activates or deactivates. Deactivation keeps every datum; the user cannot sign in. */
  setUserStatus(params: { id: string; status: 'active' | 'deactivated' } & VersionedWrite & CallOptions): Promise<User>;
  /** Removes the user for good; the email can be invited again. */
  removeUser(params: { id: string } & VersionedWrite & CallOptions): Promise<void>;
  /** Invites several addresses at once; those not invited come back in `skipped` with the reason. */
  inviteUsers(params: { input: InviteUsersInput } & CallOptions): Promise<InviteUsersResult>;
  /** One page of invitations and registration requests. */
  listInvitations(params: ListInvitationsParams): Promise<Page<Invitation>>;
  /** Sends the invitation again with a new validity; returns it with its new `expiresAt`. */
  resendInvitation(params: { id: string } & CallOptions): Promise<Invitation>;
  /** Revokes an invitation; the invited user is removed. */
  revokeInvitation(params: { id: string } & CallOptions): Promise<void>;
  /** All roles. */
  listRoles(params?: CallOptions): Promise<Role[]>;
  /** All modules. */
  listModules(params?: CallOptions): Promise<Module[]>;
  /** A page of the entity hierarchy: roots, a node's children, a search, or given ids. */
  listEntities(params: ListEntitiesParams): Promise<Page<Entity>>;

  /** Optional: counts for the list's views. Without it the hooks ask `listUsers` with `pageSize: 1` per view. */
  getUserCounts?(params: { search?: string; filter?: Omit<UserFilter, 'status' | 'kind'> } & CallOptions): Promise<UserCounts>;
  /** Optional: recent sign-in failures of a user, for the sign-in error guide. */
  getAccessDiagnostics?(params: { userId: string } & CallOptions): Promise<AccessDiagnostics>;
  /** Optional: bulk status change with per-item results. Without it the hooks loop over `setUserStatus`. */
  setUsersStatus?(params: { ids: string[]; status: 'active' | 'deactivated' } & CallOptions): Promise<BulkResult>;
  /** Optional: bulk removal with per-item results. Without it the hooks loop over `removeUser`. */
  removeUsers?(params: { ids: string[] } & CallOptions): Promise<BulkResult>;
  /** Optional: changes a role's preset module access. Without it the role grid is read-only. */
  updateRole?(params: { id: string; patch: RolePatch } & VersionedWrite & CallOptions): Promise<Role>;
  /**
   * Optional: emails an active login user a link to choose a new password (core
   * `checkPasswordReset`: not a contact, not invited, not deactivated, within the acting admin's
   * scope, never under enforced SSO). Without it the UI offers no password reset.
   */
  sendPasswordReset?(params: { id: string } & CallOptions): Promise<PasswordResetResult>;
}

/** What {@link UserAdminAdapter.sendPasswordReset} answers: where the link went and until when it works. */
export interface PasswordResetResult {
  /** The address the link was sent to: the user's login email. */
  sentTo: string;
  /** When the link stops working (ISO 8601); `null` when the backend does not say. */
  expiresAt: string | null;
}

/** What {@link UserAdminAdapter.updateRole} changes. */
export interface RolePatch {
  defaultPermissions: ModulePermissions;
}

/** The names of the optional methods. */
export type OptionalAdapterMethod =
  | 'getUserCounts' | 'getAccessDiagnostics' | 'setUsersStatus' | 'removeUsers' | 'updateRole' | 'sendPasswordReset';
/** The names of the required methods. */
export type RequiredAdapterMethod = Exclude<keyof UserAdminAdapter, OptionalAdapterMethod>;

/** What an adapter can do beyond the required contract. */
export interface AdapterCapabilities {
  userCounts: boolean;
  accessDiagnostics: boolean;
  bulkStatus: boolean;
  bulkRemove: boolean;
  roleEditing: boolean;
  /** `sendPasswordReset`: the row menu and the sign-in guide offer "Send password reset". */
  passwordReset: boolean;
}

/**
 * Reads an adapter's optional methods once, so the UI never guesses with `typeof`.
 * @example
 * if (getAdapterCapabilities(adapter).accessDiagnostics) showGuide();
 */
export function getAdapterCapabilities(adapter: UserAdminAdapter): AdapterCapabilities {
  return {
    userCounts: typeof adapter.getUserCounts === 'function',
    accessDiagnostics: typeof adapter.getAccessDiagnostics === 'function',
    bulkStatus: typeof adapter.setUsersStatus === 'function',
    bulkRemove: typeof adapter.removeUsers === 'function',
    roleEditing: typeof adapter.updateRole === 'function',
    passwordReset: typeof adapter.sendPasswordReset === 'function',
  };
}

/** The list of required method names, for runtime checks of a host's adapter. */
export const REQUIRED_ADAPTER_METHODS: readonly RequiredAdapterMethod[] = [
  'getSettings', 'listUsers', 'getUser', 'createUser', 'updateUser', 'setUserStatus', 'removeUser',
  'inviteUsers', 'listInvitations', 'resendInvitation', 'revokeInvitation', 'listRoles', 'listModules', 'listEntities',
];
