/**
 * The rules the SCIM adapter enforces, all through the domain core (src/core): who acts (`/Me`
 * and the extension's adminScope, over the `entities` tree), the last active admin, the admin
 * scope a new admin gets, and the input checks (email, allowed domains, disposable addresses,
 * role and entities known).
 */
import type { Role, Settings, User } from '../../contract/types';
import { UserAdminError, type FieldErrors } from '../../contract/errors';
import { isValidEmail } from '../../contract/schemas';
import {
  MAX_PAGE_SIZE,
  actorOf,
  checkActOnUser,
  checkLoginEmail as coreCheckLoginEmail,
  defaultAdminScope,
  emailDomain,
  enforce,
  isActiveAdminUser,
  type EntityAncestry,
  type RuleContext,
  type UserAction,
} from '../../core';
import { isCommonDisposableEmail } from '../shared';
import type { ScimAdapterOptions } from './options';
import type { ScimReads } from './reads';

/**
 * A validation error with field codes.
 * @example
 * throw invalid('First name required', { firstName: 'required' });
 */
export const invalid = (message: string, fieldErrors: FieldErrors, reason?: UserAdminError['reason']) =>
  new UserAdminError('validation', message, { fieldErrors, ...(reason ? { reason } : {}) });

/** What the rules are built on. */
export interface RuleDeps {
  options: ScimAdapterOptions;
  reads: ScimReads;
  /** The entity tree (the `entities` option). */
  ancestry: EntityAncestry;
}

/**
 * The rules of one adapter.
 * @example
 * const rules = createRules({ options, reads, ancestry });
 * await rules.enforceActOn(await rules.ruleContext(), user, 'remove');
 */
export function createRules({ options, reads, ancestry }: RuleDeps) {
  const { currentUserId, getScimUser, toUser, roleMap, roles, listUsers } = reads;
  const entities = options.entities ?? [];
  const entityById = new Map(entities.map((e) => [e.id, e]));

  // ---------------------------------------------------------------- rules the adapter enforces
  // A SCIM provider is a directory: it stores what it is sent. Every rule of user administration
  // is enforced here, by the domain core (src/core), before the request goes out.

  /** The current administrator's resource and whether their role is an admin role. */
  async function currentAdmin(signal?: AbortSignal): Promise<{ me: User; isAdmin: boolean }> {
    const id = await currentUserId(signal);
    const me = await toUser(await getScimUser(id, signal), signal);
    const role = me.roleId ? (await roleMap(signal)).get(me.roleId) : undefined;
    return { me, isAdmin: role?.isAdmin === true };
  }

  /** Who acts (`/Me`, with the extension's adminScope) and the entity tree: what the core's rules read. */
  async function ruleContext(signal?: AbortSignal): Promise<RuleContext> {
    const { me, isAdmin } = await currentAdmin(signal);
    const actor = actorOf({ currentUser: { id: me.id, name: '', isAdmin, adminScope: isAdmin ? me.adminScope : null }, workspace: { level: 'group' } });
    return { actor, ancestry };
  }

  const isAdminRoleIn = (map: ReadonlyMap<string, Role>) => (roleId: string) => map.get(roleId)?.isAdmin;

  async function activeAdminIds(signal?: AbortSignal): Promise<string[]> {
    const adminRoles = (await roles(signal)).filter((r) => r.isAdmin).map((r) => r.id);
    if (adminRoles.length === 0) return [];
    // By pages of the largest size a list serves (MAX_PAGE_SIZE), until the total is read.
    const ids: string[] = [];
    for (let pageIndex = 0; ; pageIndex++) {
      const page = await listUsers({ pageIndex, pageSize: MAX_PAGE_SIZE, filter: { roleIds: adminRoles, status: ['active'] }, signal });
      for (const u of page.items) ids.push(u.id);
      if (page.items.length < MAX_PAGE_SIZE || ids.length >= page.total) return ids;
    }
  }

  /**
   * Whether `user` is the only active administrator left (the core's `lastActiveAdmin`).
   * `leaving`: admins the same batch already deactivates or removes, who do not count as remaining.
   */
  async function isLastActiveAdmin(user: User, signal?: AbortSignal, leaving: ReadonlySet<string> = new Set()): Promise<boolean> {
    if (!isActiveAdminUser(user, isAdminRoleIn(await roleMap(signal)))) return false;
    const others = (await activeAdminIds(signal)).filter((id) => id !== user.id && !leaving.has(id));
    return others.length === 0;
  }

  /** Refuses `action` on `user` as the core says (self, admin scope, last active admin). */
  async function enforceActOn(ctx: RuleContext, user: User, action: UserAction, signal?: AbortSignal, leaving?: ReadonlySet<string>): Promise<void> {
    const guarded = action === 'deactivate' || action === 'remove';
    enforce(checkActOnUser(ctx, user, action, { lastActiveAdmin: guarded && (await isLastActiveAdmin(user, signal, leaving)) }));
  }

  /** The admin scope a new admin gets: the one given, else the granting admin's own (core `defaultAdminScope`). */
  function grantedAdminScope(ctx: RuleContext, role: Role, given: Settings['currentUser']['adminScope'] | undefined) {
    return role.isAdmin ? (given ?? defaultAdminScope(ctx.actor.adminScope)) : undefined;
  }

  const domainAllowed = (email: string) => !options.allowedDomains || options.allowedDomains.map((d) => d.toLowerCase()).includes(emailDomain(email));
  const isDisposable = options.isDisposableEmail ?? isCommonDisposableEmail;

  /** An address's shape (this adapter's validation); contacts, who never sign in, stop here. */
  function checkEmail(email: string): void {
    if (!isValidEmail(email)) throw invalid(`Invalid email ${email}`, { email: 'invalid_email' });
  }

  /**
   * A new login user's address, or a login user's new address: the core's login-email rule (the
   * invitees' domain rules: allowed domains, then disposable providers; `email_not_allowed`).
   */
  async function checkLoginEmail(email: string): Promise<void> {
    enforce(coreCheckLoginEmail(email, { domainAllowed: domainAllowed(email) }));
    enforce(coreCheckLoginEmail(email, { disposable: await isDisposable(email) }));
  }

  async function roleOrThrow(roleId: string, signal?: AbortSignal): Promise<Role> {
    const role = (await roleMap(signal)).get(roleId);
    if (!role) throw invalid(`No role ${roleId}`, { roleId: 'not_found' }, 'role_not_found');
    return role;
  }

  function checkEntities(ids: string[]): void {
    if (entities.length === 0) return;
    const unknown = ids.filter((id) => !entityById.has(id));
    if (unknown.length) throw invalid(`Unknown entities ${unknown.join(', ')}`, { entityIds: 'not_found' }, 'entity_not_found');
  }

  return { currentAdmin, ruleContext, isLastActiveAdmin, enforceActOn, grantedAdminScope, domainAllowed, checkEmail, isDisposable, checkLoginEmail, roleOrThrow, checkEntities };
}

/** The rules of one adapter. */
export type ScimRules = ReturnType<typeof createRules>;
