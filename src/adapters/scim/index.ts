/**
 * `user-admin-kit/adapters/scim`: a {@link UserAdminAdapter} over a SCIM 2.0 service provider
 * (RFC 7643 / 7644) carrying the user-admin extension schemas (docs/adapters/scim.md). Plain
 * `fetch`, no dependency on any SCIM package.
 *
 * Query plan: the adapter reads `/ServiceProviderConfig` once and sends what the provider can do
 * as a SCIM `filter`, `sortBy` and `startIndex`/`count`; anything else (sort by status, role or
 * last sign-in, multi-word or accent-insensitive search, filters on operators the provider lacks)
 * is answered by fetching every matching page and querying in memory with the reference semantics.
 */
import type { Entity, Invitation, UserAdminAdapter } from '../../contract/types';
import { throwIfAborted } from '../../contract/errors';
import { ancestryFromParents, enforce, entityInScope, scopeRoots, ssoRefusal } from '../../core';
import { foldText, matchesUserSearch } from '../shared';
import { SCIM_USER_EXTENSION, type ScimServiceProviderConfig, type ScimUser } from './protocol';
import { invitationOf } from './mapping';
import type { ScimAdapterOptions } from './options';
import { createScimAdapterTransport, createTransport } from './transport';
import { createReads } from './reads';
import { createRules } from './rules';
import { createWrites } from './writes';
import { checkPaging } from '../shared/input';

// The public API (docs/api.md): the factories `createScimAdapter` and `connectScimAdapter` below, with
// their options; the extension schema URNs the adapter reads and writes, and what a provider's
// ServiceProviderConfig enables.
export { SCIM_USER_EXTENSION, SCIM_GROUP_EXTENSION, capabilitiesOf, type ScimServiceProviderConfig, type ProviderCapabilities } from './protocol';
export type { ScimAdapterOptions, ScimSsoSettings, ValueOrGetter } from './options';

const X = SCIM_USER_EXTENSION;

/**
 * Creates the SCIM adapter. The optional bulk methods exist only when `serviceProviderConfig`
 * advertises `/Bulk`; {@link connectScimAdapter} fetches it first.
 *
 * @example
 * const adapter = createScimAdapter({
 *   baseUrl: 'https://idp.example.com/scim/v2',
 *   token: () => getScimToken(),
 *   modules: [{ id: 'billing', name: 'Billing', adminOnly: true, levels: ['none', 'view', 'edit'] }],
 *   entities: [{ id: 'acme', name: 'Acme', kind: 'group', parentId: null, childCount: 0 }],
 *   currentUserId: session.userId,
 * });
 */
export function createScimAdapter(options: ScimAdapterOptions): UserAdminAdapter {
  const now = options.now ?? Date.now;
  const ttlDays = options.invitationTtlDays ?? 7;
  const entities = options.entities ?? [];
  /** The entity tree the rules read (core/scope.ts): the `entities` option; unknown ids have no ancestry. */
  const ancestry = ancestryFromParents(entities);
  const ancestorsOf = (id: string): string[] => [...(ancestry(id) ?? [])];

  // Transport → reads (capabilities, roles, /Me, users, the query plan) → rules (the domain core) → writes.
  const request = createTransport(options);
  const reads = createReads({ options, request, now, ancestorsOf });
  const rules = createRules({ options, reads, ancestry });
  const writes = createWrites({ options, request, reads, rules, now });
  const { provider, roles, ssoSettings, viewerScope, getScimUser, toUser, listUsers, userByInvitationId, invitedUsers } = reads;
  const { currentAdmin, ruleContext, enforceActOn } = rules;
  const { writeUser, renewedInvitation, createUser, updateUser, setUserStatus, removeUser, inviteUsers } = writes;

  const adapter: UserAdminAdapter = {
    async getSettings(params) {
      const signal = params?.signal;
      throwIfAborted(signal);
      await provider(signal);
      const { me, isAdmin } = await currentAdmin(signal);
      const features = {
        contacts: options.contacts !== false,
        invitations: true,
        phone: true,
        lastSignIn: true,
        modulePermissions: true,
        entitySubtrees: entities.length > 0,
        // An email change applies at once: SCIM has no confirmation flow.
        emailChangeConfirmation: false,
        // The extension's adminScope, enforced by this adapter (core/scope.ts) over the `entities` tree.
        adminScope: true,
      };
      return {
        currentUser: { id: me.id, name: `${me.firstName} ${me.lastName}`.trim() || me.email, isAdmin, adminScope: isAdmin ? me.adminScope : null },
        sso: await ssoSettings(),
        invitation: { ttlDays, onExpiry: 'expire' },
        username: { mode: 'none' },
        multiEntity: options.multiEntity ?? (options.listEntities ? true : entities.length > 1),
        workspace: { level: 'group' },
        features,
      };
    },

    listUsers,

    async getUser({ id, signal }) {
      throwIfAborted(signal);
      return toUser(await getScimUser(id, signal), signal);
    },

    createUser,
    updateUser,
    setUserStatus,
    removeUser,
    inviteUsers,

    async listInvitations({ signal, pageIndex, pageSize, search, status }) {
      throwIfAborted(signal);
      checkPaging(pageIndex, pageSize);
      const rows = (await invitedUsers(signal))
        .filter(({ user }) => (!status || user.invitation?.status === status) && matchesUserSearch(user, search))
        .map(({ user, r }) => invitationOf(user, r))
        .filter((i): i is Invitation => i !== null)
        .sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return { items: rows.slice(pageIndex * pageSize, pageIndex * pageSize + pageSize), total: rows.length };
    },

    async resendInvitation({ id, signal }) {
      throwIfAborted(signal);
      enforce(ssoRefusal((await ssoSettings()).enforced, 'resendInvitation'));
      const r = await userByInvitationId(id, signal);
      await enforceActOn(await ruleContext(signal), await toUser(r, signal), 'resendInvitation', signal);
      const next: ScimUser = { ...r, active: true, [X]: { ...r[X], invitation: renewedInvitation(r[X]!.invitation!) } };
      const saved = await writeUser(r, next, undefined, signal);
      const user = await toUser(saved, signal);
      return invitationOf(user, saved)!;
    },

    async revokeInvitation({ id, signal }) {
      throwIfAborted(signal);
      const r = await userByInvitationId(id, signal);
      // Revoking deletes the invited user: the rules of a removal.
      await enforceActOn(await ruleContext(signal), await toUser(r, signal), 'remove', signal);
      await request({ method: 'DELETE', path: `/Users/${encodeURIComponent(r.id)}`, signal });
    },

    async listRoles(params) {
      throwIfAborted(params?.signal);
      return roles(params?.signal, true);
    },

    async listModules(params) {
      throwIfAborted(params?.signal);
      return options.modules.map((m) => ({ ...m, levels: [...m.levels] }));
    },

    async listEntities(params) {
      throwIfAborted(params.signal);
      checkPaging(params.pageIndex, params.pageSize);
      if (options.listEntities) return options.listEntities(params);
      const q = params.search ? foldText(params.search.trim()) : '';
      const ids = params.ids ? new Set(params.ids) : null;
      // A scoped admin sees the roots of their scope (at `parentId: null`) and their subtrees;
      // a lookup by ids answers any id (a user may reach entities outside the viewer's scope).
      const scope = ids ? null : await viewerScope(params.signal);
      const roots = scope ? new Set(scopeRoots(scope, ancestry)) : null;
      const visible = (e: Entity) => !scope || entityInScope(scope, e.id, ancestry) === true;
      const underParent = (e: Entity) =>
        params.parentId === undefined || (params.parentId === null && roots ? roots.has(e.id) : e.parentId === params.parentId);
      const rows = entities.filter((e) => (ids ? ids.has(e.id) : visible(e) && underParent(e)) && (!q || foldText(e.name).includes(q)));
      const start = params.pageIndex * params.pageSize;
      return { items: rows.slice(start, start + params.pageSize).map((e) => ({ ...e, ancestorIds: ancestorsOf(e.id) })), total: rows.length };
    },
  };

  if (options.serviceProviderConfig?.bulk?.supported === true) {
    adapter.setUsersStatus = writes.setUsersStatus;
    adapter.removeUsers = writes.removeUsers;
  }
  return adapter;
}

/**
 * Options of {@link connectScimAdapter}.
 * @example
 * const options: ConnectScimAdapterOptions = { baseUrl, token, modules, entities, signal: AbortSignal.timeout(5000) };
 */
export interface ConnectScimAdapterOptions extends ScimAdapterOptions {
  /** Aborts the `/ServiceProviderConfig` read. Defaults to none. */
  signal?: AbortSignal;
}

/**
 * Reads the provider's `/ServiceProviderConfig`, then creates the adapter with it: the bulk
 * methods exist when the provider advertises `/Bulk`.
 * @example
 * const adapter = await connectScimAdapter({ baseUrl, token, modules, entities });
 */
export async function connectScimAdapter(options: ConnectScimAdapterOptions): Promise<UserAdminAdapter> {
  if (options.serviceProviderConfig) return createScimAdapter(options);
  const probe = createScimAdapterTransport(options);
  const spc = await probe<ScimServiceProviderConfig>('/ServiceProviderConfig', options.signal);
  return createScimAdapter({ ...options, serviceProviderConfig: spc });
}
