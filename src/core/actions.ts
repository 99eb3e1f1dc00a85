import type { AdminScope, Settings, User } from '../contract/types';
import type { Refusal } from './refusal';
import { entitiesOutsideScope, scopeWithin, userInScope, type EntityAncestry } from './scope';

/**
 * Who may act on whom. One place for: the current admin acting on themself, the last active
 * administrator, and the admin scope. Backends call these to refuse; the hooks call the same
 * functions to disable an action and say why before anyone clicks.
 *
 * Order of the checks, the first that refuses wins:
 * 1. self (`self_action`, forbidden): no self-deactivation, self-removal, self-demotion or change
 *    of one's own admin scope, whatever the route (single, bulk, editor, matrix);
 * 2. scope (`outside_scope`, forbidden): a scoped admin acts only on users all of whose entities
 *    lie in their scope, and grants only entities in it;
 * 3. breadth (`scope_too_broad`, forbidden): a role's admin scope no broader than the granting
 *    admin's own;
 * 4. last admin (`last_admin`, conflict): the last active administrator is never deactivated,
 *    removed or demoted.
 */

/** The administrator acting: `settings.currentUser`. */
export type Actor = Pick<Settings['currentUser'], 'id' | 'isAdmin' | 'adminScope'>;

/**
 * What the rules need to know about the world.
 * @example
 * const ctx: RuleContext = { actor: settings.currentUser, ancestry: ancestryFromParents(entities) };
 */
export interface RuleContext {
  actor: Actor;
  /** The ancestors of an entity; see {@link EntityAncestry}. */
  ancestry: EntityAncestry;
}

/** An action on one user, as a row menu, a bulk bar or a backend route names it. */
export type UserAction = 'edit' | 'deactivate' | 'reactivate' | 'remove' | 'resendInvitation' | 'sendPasswordReset';

/** The target of an action, as the rules need it. */
export type RuleTarget = Pick<User, 'id' | 'entityIds' | 'adminScope'>;

const SELF_REFUSED: ReadonlySet<UserAction> = new Set(['deactivate', 'remove']);
const LAST_ADMIN_REFUSED: ReadonlySet<UserAction> = new Set(['deactivate', 'remove']);

function selfRefusal(what: string): Refusal {
  return { code: 'forbidden', reason: 'self_action', message: `You cannot ${what} yourself` };
}

function outsideScope(message: string, fieldErrors?: Refusal['fieldErrors']): Refusal {
  return { code: 'forbidden', reason: 'outside_scope', message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/**
 * Whether the acting admin administers this user (see {@link userInScope}); `undefined` when the
 * ancestry of one of the user's entities is unknown.
 * @example
 * if (administers(ctx, user) === false) showReadOnly(t('errors.reason.outside_scope'));
 */
export function administers(ctx: RuleContext, target: Pick<User, 'entityIds' | 'adminScope'>): boolean | undefined {
  if (!ctx.actor.isAdmin) return false;
  return userInScope(ctx.actor.adminScope ?? { type: 'all' }, target, ctx.ancestry);
}

/**
 * Whether the acting admin may run `action` on `target`, or why not. `lastActiveAdmin` says
 * whether the target is the only active administrator left (a backend knows; the UI counts).
 * A target whose scope is unknown is let through: the backend decides.
 * @example
 * enforce(checkActOnUser(ctx, target, 'remove', { lastActiveAdmin: isOnlyActiveAdmin(target) }));
 */
export function checkActOnUser(
  ctx: RuleContext,
  target: RuleTarget,
  action: UserAction,
  options: { lastActiveAdmin?: boolean } = {},
): Refusal | null {
  if (target.id === ctx.actor.id && SELF_REFUSED.has(action)) return selfRefusal(action);
  if (administers(ctx, target) === false) return outsideScope(`User ${target.id} reaches entities outside your admin scope`);
  if (options.lastActiveAdmin && LAST_ADMIN_REFUSED.has(action)) {
    return { code: 'conflict', reason: 'last_admin', message: `Cannot ${action} the last active administrator` };
  }
  return null;
}

/**
 * What a new user, an invitation or a change grants: the role's admin-ness, the admin scope and
 * the entities. Fields left `undefined` are not granted by this change.
 */
export interface Grant {
  /** Whether the role given is an admin role. */
  isAdminRole?: boolean;
  /** The admin scope given (only for an admin role). */
  adminScope?: AdminScope | null;
  /** The entities given. */
  entityIds?: readonly string[];
}

/**
 * Whether the acting admin may grant this: every entity in their scope, and an admin scope no
 * broader than their own.
 * @example
 * enforce(checkGrant(ctx, { isAdminRole: role.isAdmin, adminScope: input.adminScope, entityIds: input.entityIds }));
 */
export function checkGrant(ctx: RuleContext, grant: Grant): Refusal | null {
  const own = ctx.actor.isAdmin ? (ctx.actor.adminScope ?? { type: 'all' }) : null;
  if (grant.entityIds) {
    const outside = entitiesOutsideScope(own, grant.entityIds, ctx.ancestry);
    if (outside.length > 0) return outsideScope(`Entities outside your admin scope: ${outside.join(', ')}`, { entityIds: 'not_allowed' });
  }
  if (grant.isAdminRole && grant.adminScope !== undefined && !scopeWithin(grant.adminScope, own, ctx.ancestry)) {
    return { code: 'forbidden', reason: 'scope_too_broad', message: 'An admin scope broader than your own cannot be granted', fieldErrors: { adminScope: 'not_allowed' } };
  }
  return null;
}

/** Whether two admin scopes are the same (order of entities aside). */
export function sameAdminScope(a: AdminScope | null | undefined, b: AdminScope | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  if (a.type !== b.type) return false;
  if (a.type === 'all' || b.type === 'all') return true;
  const left = [...new Set(a.entityIds)].sort();
  const right = [...new Set(b.entityIds)].sort();
  return left.length === right.length && left.every((id, i) => id === right[i]);
}

/**
 * A change to a login user's access, as the rules need it: the role before and after, and the
 * new admin scope and entities when they change.
 */
export interface AccessChange {
  /** Whether the user's role is an admin role now. */
  wasAdmin: boolean;
  /** Whether their role is an admin role after the change. */
  staysAdmin: boolean;
  /** The admin scope after the change, when the change sets it. */
  adminScope?: AdminScope | null;
  /** The entities after the change, when the change sets them. */
  entityIds?: readonly string[];
  /** Whether the user is the only active administrator left. */
  lastActiveAdmin?: boolean;
}

/**
 * Whether the acting admin may make this change to `target` (editor, matrix, bulk role change):
 * not their own demotion or admin scope, only a user they administer, only what they may grant,
 * never the last active administrator's demotion.
 * @example
 * enforce(checkAccessChange(ctx, user, { wasAdmin, staysAdmin: role.isAdmin, adminScope: patch.adminScope, entityIds: patch.entityIds }));
 */
export function checkAccessChange(ctx: RuleContext, target: RuleTarget, change: AccessChange): Refusal | null {
  const demotes = change.wasAdmin && !change.staysAdmin;
  const scopeChanges = change.adminScope !== undefined && change.staysAdmin && !sameAdminScope(change.adminScope, target.adminScope);
  if (target.id === ctx.actor.id) {
    if (demotes) return selfRefusal('demote');
    if (scopeChanges) return selfRefusal('change the admin scope of');
  }
  const act = checkActOnUser(ctx, target, 'edit');
  if (act) return act;
  const grant = checkGrant(ctx, {
    isAdminRole: change.staysAdmin,
    ...(scopeChanges ? { adminScope: change.adminScope } : {}),
    ...(change.entityIds ? { entityIds: change.entityIds.filter((id) => !target.entityIds.includes(id)) } : {}),
  });
  if (grant) return grant;
  if (demotes && change.lastActiveAdmin) return { code: 'conflict', reason: 'last_admin', message: 'Cannot demote the last active administrator' };
  return null;
}

/**
 * Whether a user is an active holder of an admin role (the users the last-admin rule counts).
 * @example
 * const activeAdmins = users.filter((u) => isActiveAdminUser(u, (id) => rolesById.get(id)?.isAdmin));
 */
export function isActiveAdminUser(user: Pick<User, 'kind' | 'status' | 'roleId'>, isAdminRole: (roleId: string) => boolean | undefined): boolean {
  return user.kind === 'login' && user.status === 'active' && user.roleId !== null && isAdminRole(user.roleId) === true;
}
