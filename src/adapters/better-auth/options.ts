/**
 * The options of the better-auth adapter (what a host gives {@link createBetterAuthAdapter}) and
 * their defaults, resolved once per adapter.
 */
import type { Module, Settings } from '../../contract/types';
import { isCommonDisposableEmail, type DisposableEmailCheck } from '../shared';
import type { BetterAuthTransportOptions } from './transport';
import { titleCase, type RoleDef, type Statements } from './mapping';

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
  /**
   * The organization plugin's `membershipLimit` when the server sets a number: the adapter reads an
   * organization's teams, invitations and up to this many members in one `get-full-organization`
   * (the server's user lookup stops at that limit: asking more fails), and calls `list-members`
   * only for an organization of this many members or more. Defaults to 100, the plugin's default.
   */
  membershipLimit?: number;
  /** How long organizations, memberships and invitations read from the server are reused, in ms; every write through the adapter clears them. Defaults to 2000. */
  cacheMs?: number;
  /**
   * Members per `list-members` request, and users per `list-users` request reading them by id or
   * address (at most 100). Defaults to 10,000 and 100: better-auth's `list-members` takes any
   * `limit`, so an organization of up to 10,000 members is one request.
   */
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
  /**
   * Sends password resets (the adapter's `sendPasswordReset`, "Send password reset" in the users
   * list and the sign-in guide) through better-auth's `POST /request-password-reset`; the server
   * must have `emailAndPassword.sendResetPassword`, which emails the link. Defaults to none: the
   * adapter has no `sendPasswordReset` and the screen offers no reset.
   */
  passwordReset?: BetterAuthPasswordResetOption;
}

/**
 * How the adapter sends a password reset (see the `passwordReset` option): better-auth's
 * `POST /request-password-reset`, which needs `emailAndPassword.sendResetPassword` on the server.
 * @example
 * const passwordReset: BetterAuthPasswordResetOption = { redirectTo: 'https://app.example.com/reset-password', expiresIn: 3600 };
 */
export interface BetterAuthPasswordResetOption {
  /**
   * The page of yours where the person chooses the new password (it receives `?token=…` and calls
   * `/reset-password`): better-auth's `redirectTo`, which must be a trusted origin of the server.
   */
  redirectTo: string;
  /** How long the link works, in seconds: must match the server's `emailAndPassword.resetPasswordTokenExpiresIn`. Defaults to 3600 (better-auth's default). */
  expiresIn?: number;
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

/**
 * The options with their defaults, read once when the adapter is created.
 * @example
 * const config = resolveOptions({ baseURL: '/api/auth' });
 * config.adminRoleIds; // ['owner', 'admin']
 */
export function resolveOptions(options: BetterAuthAdapterOptions) {
  const ttlDays = options.invitationTtlDays ?? 2;
  return {
    options,
    modules: (options.modules ?? []).map((m): Module => ({ id: m.id, name: m.name, adminOnly: m.adminOnly ?? false, levels: [...m.levels] })),
    adminRoleIds: options.adminRoles ?? ['owner', 'admin'],
    dynamicRoles: options.dynamicRoles ?? true,
    teamsEnabled: options.teams ?? true,
    ttlDays,
    ttlMs: ttlDays * DAY_MS,
    inviteConcurrency: options.inviteConcurrency ?? 4,
    requestConcurrency: options.requestConcurrency ?? 4,
    allowedDomains: options.allowedDomains ? new Set(options.allowedDomains.map((d) => d.toLowerCase())) : null,
    syncPlatformRole: options.syncPlatformRole ?? false,
    cacheMs: options.cacheMs ?? 2000,
    membershipLimit: Math.max(1, Math.floor(options.membershipLimit ?? 100)),
    pageSize: options.listPageSize ?? 10_000,
    // Ids or addresses per filtered list-users request: a URL stays well under Node's 16 KB header limit.
    lookupChunk: Math.min(options.listPageSize ?? 100, 100),
    statics: staticRoleDefs(options.roles),
    isDisposable: options.isDisposableEmail ?? isCommonDisposableEmail,
    /** The SSO policy now (the option may be a function, read at each use). */
    sso: (): Settings['sso'] => (typeof options.sso === 'function' ? options.sso() : (options.sso ?? { enforced: false, providerName: null })),
  };
}

/** The options with their defaults. */
export type BetterAuthConfig = ReturnType<typeof resolveOptions>;
