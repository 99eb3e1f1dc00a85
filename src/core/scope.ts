import type { AdminScope, Entity, User } from '../contract/types';

/**
 * Admin scope: which entities an administrator administers.
 *
 * - An admin whose scope is `{ type: 'all' }` administers every entity.
 * - A scoped admin (`{ type: 'entities', entityIds }`) administers those entities and all their
 *   sub-accounts, present and future: an entity lies in the scope when it, or one of its
 *   ancestors, is one of `entityIds`.
 * - A non-admin (scope `null`) administers nothing.
 */

/**
 * The ancestors of an entity, nearest first (`[]` for a root), or `undefined` when unknown (an
 * entity the caller has not loaded). Backends answer from their tree; the UI from the loaded
 * entities' `ancestorIds`.
 * @example
 * const ancestry: EntityAncestry = (id) => byId.get(id)?.ancestorIds;
 */
export type EntityAncestry = (entityId: string) => readonly string[] | undefined;

/** The scope of an admin with every entity. */
export const ALL_ENTITIES: AdminScope = { type: 'all' };

/**
 * An {@link EntityAncestry} over a list of entities that carry `parentId` (a whole tree, as a
 * backend holds it). Unknown ids give `undefined`; a cycle stops.
 * @example
 * const ancestry = ancestryFromParents(allEntities);
 * ancestry('sub-1'); // ['company-1', 'group']
 */
export function ancestryFromParents(entities: Iterable<Pick<Entity, 'id' | 'parentId'>>): EntityAncestry {
  const parentOf = new Map<string, string | null>();
  for (const e of entities) parentOf.set(e.id, e.parentId);
  return (id) => {
    if (!parentOf.has(id)) return undefined;
    const out: string[] = [];
    let parent = parentOf.get(id) ?? null;
    while (parent !== null && !out.includes(parent)) {
      out.push(parent);
      parent = parentOf.get(parent) ?? null;
    }
    return out;
  };
}

/**
 * Whether an entity lies in an admin scope (the entity itself or one of its ancestors is in the
 * scope). `undefined` when it cannot be told (the entity's ancestry is unknown and the entity is
 * not itself in the scope).
 * @example
 * entityInScope({ type: 'entities', entityIds: ['fr'] }, 'fr-sub', ancestry); // true
 */
export function entityInScope(scope: AdminScope | null, entityId: string, ancestry: EntityAncestry): boolean | undefined {
  if (scope === null) return false;
  if (scope.type === 'all') return true;
  if (scope.entityIds.includes(entityId)) return true;
  const ancestors = ancestry(entityId);
  if (ancestors === undefined) return undefined;
  return ancestors.some((id) => scope.entityIds.includes(id));
}

/**
 * The entities of `entityIds` that lie outside the scope (unknown ones count as outside).
 * @example
 * entitiesOutsideScope(actor.adminScope, input.entityIds, ancestry); // ['de']
 */
export function entitiesOutsideScope(scope: AdminScope | null, entityIds: readonly string[], ancestry: EntityAncestry): string[] {
  return entityIds.filter((id) => entityInScope(scope, id, ancestry) !== true);
}

/**
 * Whether `granted` is no broader than `own`: `all` only from an admin with all; a list of
 * entities only when each lies in `own`. A `null` grant (no admin scope) is always narrower.
 * @example
 * scopeWithin({ type: 'all' }, { type: 'entities', entityIds: ['fr'] }, ancestry); // false
 */
export function scopeWithin(granted: AdminScope | null | undefined, own: AdminScope | null, ancestry: EntityAncestry): boolean {
  if (!granted) return true;
  if (own === null) return false;
  if (own.type === 'all') return true;
  if (granted.type === 'all') return false;
  return entitiesOutsideScope(own, granted.entityIds, ancestry).length === 0;
}

/**
 * Whether an admin with this scope administers a user: every entity the user reaches lies in the
 * scope, and the user's own admin scope is no broader. `undefined` when an entity's ancestry is
 * unknown (the UI then lets the backend decide).
 * @example
 * userInScope(actor.adminScope, user, ancestry); // false: the user also reaches Germany
 */
export function userInScope(
  scope: AdminScope | null,
  user: Pick<User, 'entityIds' | 'adminScope'>,
  ancestry: EntityAncestry,
): boolean | undefined {
  if (scope === null) return false;
  if (scope.type === 'all') return true;
  let unknown = false;
  for (const id of user.entityIds) {
    const inside = entityInScope(scope, id, ancestry);
    if (inside === false) return false;
    if (inside === undefined) unknown = true;
  }
  if (user.adminScope) {
    if (user.adminScope.type === 'all') return false;
    for (const id of user.adminScope.entityIds) {
      const inside = entityInScope(scope, id, ancestry);
      if (inside === false) return false;
      if (inside === undefined) unknown = true;
    }
  }
  return unknown ? undefined : true;
}

/**
 * The admin scope a new admin gets when none is given: the granting admin's own, so a scoped
 * admin never hands out more than they hold.
 * @example
 * const adminScope = input.adminScope ?? defaultAdminScope(actor.adminScope);
 */
export function defaultAdminScope(own: AdminScope | null): AdminScope {
  return own && own.type === 'entities' ? { type: 'entities', entityIds: [...own.entityIds] } : { type: 'all' };
}

/**
 * The entities a scoped admin sees at the top of an entity tree: the roots of the scope (those of
 * its entities that no other scope entity contains). `null` for an admin with all entities (the
 * tree's own roots apply).
 * @example
 * scopeRoots({ type: 'entities', entityIds: ['fr', 'fr-sub'] }, ancestry); // ['fr']
 */
export function scopeRoots(scope: AdminScope | null, ancestry: EntityAncestry): string[] | null {
  if (scope === null) return [];
  if (scope.type === 'all') return null;
  return scope.entityIds.filter((id) => !(ancestry(id) ?? []).some((a) => scope.entityIds.includes(a)));
}
