/**
 * `user-admin-kit/adapters/better-auth`: a {@link UserAdminAdapter} over a better-auth server
 * with the organization (teams, dynamic access control), admin and, for Node callers, bearer
 * plugins. Plain `fetch`, no dependency on the `better-auth` package. See
 * docs/adapters/better-auth.md for the server configuration and the mapping.
 *
 * The source follows the adapter's seams: `options.ts` (the options and their defaults),
 * `transport.ts` (the authenticated request, `signInForToken`), `snapshot.ts` (organizations,
 * teams, roles, memberships and invitations, each read when needed and cached until a write), `reads.ts` (our users and the
 * in-memory query plan), `rules.ts` (every domain rule, through src/core), `operations.ts` (the
 * undoable requests), `writes.ts` (create, update, status, remove, invite, resend, revoke, roles),
 * `mapping.ts` (better-auth's records to the contract's); this file composes them.
 */
import type { UserAdminAdapter } from '../../contract/types';
import { createBetterAuthCall } from './transport';
import { resolveOptions, type BetterAuthAdapterOptions } from './options';
import { createSnapshots } from './snapshot';
import { createReads } from './reads';
import { createRules } from './rules';
import { createOperations } from './operations';
import { createWrites } from './writes';

// The public API (docs/api.md): `createBetterAuthAdapter` below with its options; signing in from
// Node for a bearer token; how a better-auth `name` maps to first and last names.
export { signInForToken, type SignInForTokenOptions, type BetterAuthHeaders, type BetterAuthTransportOptions } from './transport';
export { splitName, joinName } from './mapping';
export type {
  BetterAuthModuleOption,
  BetterAuthStaticRoleOption,
  BetterAuthStaticRoles,
  BetterAuthSsoOption,
  BetterAuthAdapterOptions,
  BetterAuthMemberRestore,
  BetterAuthPasswordResetOption,
} from './options';

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
  const config = resolveOptions(options);
  const { ttlDays, sso, dynamicRoles } = config;

  // Transport → snapshot (cached reads, cleared by every write) → reads (our users, the query
  // plan) → rules (the domain core) → operations (undoable requests) → writes.
  const snapshots = createSnapshots({ config, call });
  const reads = createReads({ config, call, snapshots });
  const rules = createRules({ config, reads });
  const ops = createOperations({ config, call, rules });
  const writes = createWrites({ config, call, snapshots, reads, rules, ops });
  const { loadSession, readFrame } = snapshots;
  const { currentUser } = rules;
  const { listUsers, getUser, listInvitations, listRoles, listModules, listEntities, getUserCounts } = reads.methods;
  const { createUser, updateUser, setUserStatus, removeUser, inviteUsers, resendInvitation, revokeInvitation } = writes.methods;

  const adapter: UserAdminAdapter = {
    async getSettings(params) {
      // The session user and the organizations: no role, membership or user read.
      const sessionUser = await loadSession(params?.signal);
      const { frame } = await readFrame(params?.signal);
      return {
        // The admin plugin's role opens the admin routes the screen needs; no per-user scope: every entity.
        currentUser: currentUser({ sessionUser }),
        sso: { ...sso(), managedFields: [] },
        invitation: { ttlDays, onExpiry: 'expire' },
        username: { mode: 'none' },
        multiEntity: frame.orgs.length > 1,
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

    listUsers,
    getUser,
    createUser,
    updateUser,
    setUserStatus,
    removeUser,
    inviteUsers,
    listInvitations,
    resendInvitation,
    revokeInvitation,
    listRoles,
    listModules,
    listEntities,
    getUserCounts,
  };

  if (dynamicRoles) adapter.updateRole = writes.updateRole;
  if (options.passwordReset) adapter.sendPasswordReset = writes.sendPasswordReset;

  return adapter;
}
