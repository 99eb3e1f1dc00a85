/**
 * The rules the better-auth adapter enforces, all through the domain core (src/core), with the
 * facts better-auth gives: who acts (the session user, every entity: no per-user scope), self and
 * the last active admin, access changes, admin-only modules, the invite classification, the email
 * change and reactivation outcomes, SSO; and the input checks (email, allowed domains, disposable
 * addresses, role and entities known, no per-user permissions). better-auth enforces none of them
 * (it only refuses to ban or remove oneself): the adapter must. Writes call the core only through here.
 */
import type { ModulePermissions, Role, Settings, User } from '../../contract/types';
import { refuse } from './errors';
import { isValidEmail } from '../../contract/schemas';
import {
  ALL_ENTITIES,
  actorOf,
  ancestryFromParents,
  checkAccessChange,
  checkActOnUser,
  checkAdminOnlyModules,
  checkGrant,
  checkLoginEmail as coreCheckLoginEmail,
  checkPasswordReset,
  checkRoleEdit,
  classifyInvitee,
  emailChangeOutcome,
  emailDomain,
  enforce,
  isActiveAdminUser,
  reactivationOutcome,
  screenInvitees,
  ssoRefusal,
  type Grant,
  type RuleContext,
  type RuleTarget,
  type UserAction,
} from '../../core';
import { normalizeLevels, parseRoleList } from './mapping';
import type { BetterAuthConfig } from './options';
import type { Signal, Structure } from './snapshot';
import type { BetterAuthReads } from './reads';

export { emailKey } from '../../core';


/** What the rules are built on. */
export interface RuleDeps {
  config: BetterAuthConfig;
  reads: Pick<BetterAuthReads, 'roster'>;
}

/**
 * The rules of one adapter.
 * @example
 * const rules = createRules({ config, reads });
 * await rules.enforceActOn(structure, user, 'remove', signal);
 */
export function createRules({ config, reads }: RuleDeps) {
  const { modules, adminRoleIds, allowedDomains, isDisposable } = config;
  const { roster } = reads;

  /** The current admin as the core's rules see them: the session user, every entity (no per-user scope in better-auth). */
  function currentUser(s: Pick<Structure, 'sessionUser'>): Settings['currentUser'] {
    const isAdmin = parseRoleList(s.sessionUser.role).includes('admin');
    return { id: s.sessionUser.id, name: s.sessionUser.name, isAdmin, adminScope: isAdmin ? ALL_ENTITIES : null };
  }

  function ruleContext(s: Structure): RuleContext {
    return { actor: actorOf({ currentUser: currentUser(s), workspace: { level: 'group' } }), ancestry: ancestryFromParents(s.entities) };
  }

  /** Whether `target` is the only active holder of an admin role among our users (read only when it may be). */
  async function isLastActiveAdmin(target: User, signal: Signal): Promise<boolean> {
    if (!isActiveAdminUser(target, isAdminRole)) return false;
    // Status and role of every user of ours, from the roster: no record read.
    const { mapped } = await roster(signal);
    return !mapped.some((u) => u.id !== target.id && isActiveAdminUser(u, isAdminRole));
  }

  /** Throws unless the current admin may run `action` on `target` (self, scope, last active admin). */
  async function enforceActOn(s: Structure, target: User, action: UserAction, signal: Signal): Promise<void> {
    const ctx = ruleContext(s);
    // Self and scope first, so a refused action costs no read of every user.
    enforce(checkActOnUser(ctx, target, action));
    enforce(checkActOnUser(ctx, target, action, { lastActiveAdmin: await isLastActiveAdmin(target, signal) }));
  }

  /** Throws unless the current admin may run `action` on `target` as to self and scope (an action the last-admin rule does not guard). */
  function enforceSelfAndScope(s: Structure, target: RuleTarget, action: UserAction): void {
    enforce(checkActOnUser(ruleContext(s), target, action));
  }

  /** Throws unless the current admin may grant this (core `checkGrant`): only an admin grants; better-auth has no admin scope, so an admin grants every entity. */
  function enforceGrant(s: Structure, grant: Grant): void {
    enforce(checkGrant(ruleContext(s), grant));
  }

  /** Throws unless the current admin may change a role preset (core `checkRoleEdit`): an admin of every entity, which every better-auth admin is. */
  function enforceRoleEdit(s: Structure): void {
    enforce(checkRoleEdit(ruleContext(s)));
  }

  /**
   * Who may change whose access (core): no self-demotion, never the last active admin's (read
   * only when the change demotes).
   */
  async function enforceAccessChange(s: Structure, target: User, change: Parameters<typeof checkAccessChange>[2], signal: Signal): Promise<void> {
    const ctx = ruleContext(s);
    enforce(checkAccessChange(ctx, target, change));
    if (change.wasAdmin && !change.staysAdmin) enforce(checkAccessChange(ctx, target, { ...change, lastActiveAdmin: await isLastActiveAdmin(target, signal) }));
  }

  /**
   * Throws unless the current admin may send `target` a password reset (core `checkPasswordReset`):
   * not under enforced SSO, only an active login user (not invited, not banned), within the scope.
   */
  function enforcePasswordReset(s: Structure, target: User, ssoEnforced: boolean): void {
    enforce(checkPasswordReset(ruleContext(s), target, { ssoEnforced }));
  }

  /** Throws when enforced SSO forbids `action` (core): users then sign in through the identity provider. */
  function enforceSso(ssoEnforced: boolean, action: Parameters<typeof ssoRefusal>[1]): void {
    enforce(ssoRefusal(ssoEnforced, action));
  }

  const isAdminRole = (roleId: string | null | undefined) => roleId !== null && roleId !== undefined && adminRoleIds.includes(roleId);

  function mustRole(s: Structure, roleId: string): Role {
    const role = s.roles.find((r) => r.id === roleId);
    if (!role) throw refuse('validation', `Unknown role ${roleId}`, 'role_not_found', { roleId: 'not_found' });
    return role;
  }

  /** The admin-only module rule (core), then: better-auth has no per-user permissions, a user's are their role's. */
  function checkPermissions(role: Role, permissions: ModulePermissions | undefined): void {
    if (permissions === undefined) return;
    enforce(checkAdminOnlyModules(role, permissions, modules));
    const want = normalizeLevels(permissions, modules);
    const have = normalizeLevels(role.defaultPermissions, modules);
    const same = Object.keys(want).length === Object.keys(have).length && Object.entries(want).every(([k, v]) => have[k] === v);
    if (!same) {
      throw refuse('validation', `better-auth has no per-user permissions: a user has the permissions of their role ${role.id}`, undefined, { permissions: 'not_allowed' });
    }
  }

  /** A role's new default permissions: known modules and levels, then the admin-only module rule (core), its field errors named after the role's field. */
  function checkRoleDefaults(role: Role, defaultPermissions: ModulePermissions): void {
    for (const [moduleId, level] of Object.entries(defaultPermissions)) {
      const m = modules.find((x) => x.id === moduleId);
      if (!m) throw refuse('validation', `Unknown module ${moduleId}`, undefined, { [`defaultPermissions.${moduleId}`]: 'not_found' });
      if (!m.levels.includes(level)) throw refuse('validation', `Unknown level ${level} of ${moduleId}`, undefined, { [`defaultPermissions.${moduleId}`]: 'invalid_format' });
    }
    const adminOnly = checkAdminOnlyModules(role, defaultPermissions, modules);
    if (adminOnly) {
      const fieldErrors = Object.fromEntries(Object.entries(adminOnly.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^permissions\./, 'defaultPermissions.'), v]));
      enforce({ ...adminOnly, fieldErrors });
    }
  }

  /** The organizations and teams of a list of entity ids, checked. */
  function resolveEntities(s: Structure, entityIds: readonly string[]): Map<string, string[]> {
    if (entityIds.length === 0) throw refuse('validation', 'At least one organization is required', undefined, { entityIds: 'required' });
    const byOrg = new Map<string, string[]>();
    for (const id of entityIds) {
      const org = s.orgs.find((o) => o.id === id);
      const team = s.teams.find((t) => t.id === id);
      if (org) byOrg.set(org.id, byOrg.get(org.id) ?? []);
      else if (team) byOrg.set(team.organizationId, [...(byOrg.get(team.organizationId) ?? []), team.id]);
      else throw refuse('validation', `Unknown entity ${id}`, 'entity_not_found', { entityIds: 'not_found' });
    }
    return byOrg;
  }

  const domainAllowed = (email: string) => !allowedDomains || allowedDomains.has(emailDomain(email));

  /**
   * A login user's address (`email`, normalized from `given`): valid (this adapter's check), then
   * the core's login-email rule (the invitees' domain rules: allowed domains, then disposable
   * providers, the lookup made only when the domain is allowed; `email_not_allowed`).
   */
  async function checkLoginEmail(email: string, given: string): Promise<void> {
    if (!isValidEmail(email)) throw refuse('validation', `Invalid email ${given}`, undefined, { email: 'invalid_email' });
    enforce(coreCheckLoginEmail(email, { domainAllowed: domainAllowed(email) }));
    enforce(coreCheckLoginEmail(email, { disposable: await isDisposable(email) }));
  }

  return {
    currentUser,
    ruleContext,
    isAdminRole,
    isLastActiveAdmin,
    enforceActOn,
    enforceSelfAndScope,
    enforceGrant,
    enforceRoleEdit,
    enforceAccessChange,
    enforceSso,
    enforcePasswordReset,
    mustRole,
    checkPermissions,
    checkRoleDefaults,
    resolveEntities,
    domainAllowed,
    checkLoginEmail,
    // The core's outcomes and invite classification, as they are.
    emailChangeOutcome,
    reactivationOutcome,
    screenInvitees,
    classifyInvitee,
  };
}

/** The rules of one adapter. */
export type BetterAuthRules = ReturnType<typeof createRules>;
