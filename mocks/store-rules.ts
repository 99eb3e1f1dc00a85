/**
 * The rule context of the reference backend (see `./store`): who acts (the acting user and the
 * core's acting scope), the facts the core's rules need (last active admin, domain facts), and
 * this backend's own validation (shapes, unknown ids, modules and levels, taken emails and
 * usernames). The domain rules themselves are `src/core`'s: this module only calls them.
 */
import { parseInput } from '../src/adapters/shared/input';
import { UserAdminError, type DomainErrorReason, type FieldErrors } from '../src/contract/errors';
import type { AdminScope, ModulePermissions, Role, Settings, UserScope } from '../src/contract/types';
import {
  actorOf, checkAdminOnlyModules, checkLoginEmail as coreCheckLoginEmail, emailDomain, enforce, isActiveAdminUser, type RuleContext,
} from '../src/core';
import { isDisposableDomain } from './disposable';
import { CURRENT_ADMIN_ID } from './fixtures';
import { copyUserFields, fullName, type StoreState, type UserRec } from './store-records';
import { foldText } from './text';

/**
 * The id {@link MockStore.as} accepts for an operator outside any session (test set-up): an admin
 * of every entity who is no user, so the self rules never apply to them (the last-admin rule still
 * does), whatever the workspace.
 * @example
 * store.as(SYSTEM_ACTOR_ID).updateUser({ id: CURRENT_ADMIN_ID, patch: { roleId: ROLE_IDS.user } }); // Alice steps down
 */
export const SYSTEM_ACTOR_ID = 'system';


export function validation(fieldErrors: FieldErrors, reason?: DomainErrorReason, message = 'Invalid input'): UserAdminError {
  const detail = Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v}`).join(', ');
  return new UserAdminError('validation', detail ? `${message} (${detail})` : message, { fieldErrors, ...(reason ? { reason } : {}) });
}

/** The input parsed by the shared schemas, as every backend parses it (`adapters/shared/input.ts`). */
export const parseOrThrow = parseInput;

// ---------------------------------------------------------------------------
// Who acts
// ---------------------------------------------------------------------------

/** The acting user (see {@link MockStore.as}); a user removed since acts as nobody (not an admin). */
export function currentUser(state: StoreState): Settings['currentUser'] {
  const { actorId } = state;
  if (actorId === SYSTEM_ACTOR_ID) return { id: SYSTEM_ACTOR_ID, name: 'System', isAdmin: true, adminScope: { type: 'all' } };
  const rec = state.users.get(actorId);
  const u = rec?.user;
  const role = u?.roleId ? state.roles.get(u.roleId) : undefined;
  return {
    id: actorId,
    name: u ? fullName(u) : actorId === CURRENT_ADMIN_ID ? 'Alice Martin' : actorId,
    isAdmin: role?.isAdmin ?? false,
    adminScope: u ? copyUserFields(u).adminScope : null,
  };
}

/** What the core's rules need: the acting admin with their acting scope (workspace applied), and the entity tree. */
export function ctx(state: StoreState): RuleContext {
  const workspace = state.actorId === SYSTEM_ACTOR_ID ? undefined : state.settings.workspace;
  return { actor: actorOf({ workspace, currentUser: currentUser(state) }), ancestry: state.ancestry };
}

/** Whether this user is the only active administrator left (the fact the core's last-admin rule needs). */
export function lastActiveAdmin(state: StoreState, rec: UserRec): boolean {
  const isAdminRole = (roleId: string) => state.roles.get(roleId)?.isAdmin;
  if (!isActiveAdminUser(rec.user, isAdminRole)) return false;
  for (const other of state.users.values()) if (other !== rec && isActiveAdminUser(other.user, isAdminRole)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// This backend's validation
// ---------------------------------------------------------------------------

export function mustRole(state: StoreState, roleId: string): Role {
  const role = state.roles.get(roleId);
  if (!role) throw validation({ roleId: 'not_found' }, 'role_not_found', `Role ${roleId} does not exist`);
  return role;
}

export function checkEntities(state: StoreState, ids: readonly string[], field: string): void {
  const missing = ids.filter((id) => !state.entityById.has(id));
  if (missing.length > 0) throw validation({ [field]: 'not_found' }, 'entity_not_found', `Unknown entities: ${missing.join(', ')}`);
}

/** The subtree grants, checked: a subset of the entities granted, on a backend that has them. */
export function checkSubtrees(state: StoreState, subtreeEntityIds: readonly string[] | undefined, entityIds: readonly string[]): string[] {
  const ids = [...new Set(subtreeEntityIds ?? [])];
  if (ids.length === 0) return [];
  if (state.settings.features?.entitySubtrees === false) throw validation({ subtreeEntityIds: 'not_allowed' }, undefined, 'Subtree grants are off');
  const granted = new Set(entityIds);
  if (ids.some((id) => !granted.has(id))) throw validation({ subtreeEntityIds: 'invalid_format' }, undefined, 'A subtree grant must be one of the entities granted');
  return ids;
}

export function checkScope(scope: UserScope, entityIds: readonly string[]): void {
  if (entityIds.length === 0) throw validation({ entityIds: 'required' });
  if (scope === 'entity' && entityIds.length !== 1) {
    throw validation({ entityIds: 'invalid_format' }, undefined, 'An entity user reaches exactly one entity');
  }
}

export function checkAdminScope(state: StoreState, adminScope: AdminScope | null | undefined, role: Role): void {
  if (adminScope && !role.isAdmin) throw validation({ adminScope: 'not_allowed' }, undefined, 'Only admin roles have an admin scope');
  if (adminScope?.type === 'entities') checkEntities(state, adminScope.entityIds, 'adminScope.entityIds');
}

/** Unknown modules and levels (this backend's validation), then the core's admin-only module rule. */
export function checkPermissions(state: StoreState, permissions: ModulePermissions, role: Role): void {
  const fieldErrors: FieldErrors = {};
  for (const [moduleId, level] of Object.entries(permissions)) {
    const mod = state.modules.get(moduleId);
    if (!mod) fieldErrors[`permissions.${moduleId}`] = 'not_found';
    else if (!mod.levels.includes(level)) fieldErrors[`permissions.${moduleId}`] = 'invalid_format';
  }
  if (Object.keys(fieldErrors).length > 0) throw validation(fieldErrors, undefined, 'Invalid permissions');
  enforce(checkAdminOnlyModules(role, permissions, [...state.modules.values()]));
}

/** What this backend knows of an address's domain, for the invite classification and the login-email check. */
export function domainFacts(state: StoreState, email: string): { domainAllowed: boolean; disposable: boolean } {
  const domain = emailDomain(email);
  return { domainAllowed: !state.allowedDomains || state.allowedDomains.has(domain), disposable: isDisposableDomain(domain) };
}

/** A login user's address: refused by the core's login-email rule (the invitees' domain rules) with this backend's domain facts. */
export function checkLoginEmail(state: StoreState, email: string, field = 'email'): void {
  enforce(coreCheckLoginEmail(email, domainFacts(state, email), field));
}

export function checkEmailFree(state: StoreState, email: string, selfId: string | null): void {
  const owner = state.emails.get(email);
  if (owner !== undefined && owner !== selfId) {
    throw new UserAdminError('conflict', `${email} is already used`, { reason: 'email_taken', fieldErrors: { email: 'taken' } });
  }
}

export function checkUsername(state: StoreState, username: string | null | undefined, selfId: string | null): string | null {
  if (state.settings.username.mode === 'none') return null;
  if (!username) throw validation({ username: 'required' });
  const owner = state.usernames.get(foldText(username));
  if (owner !== undefined && owner !== selfId) {
    throw new UserAdminError('conflict', `Username ${username} is already used`, { reason: 'username_taken', fieldErrors: { username: 'taken' } });
  }
  return username;
}
