import { useMemo } from 'react';
import type { AdminScope, Entity, Settings } from '../contract/types';
import { actingScope, actorOf, ancestryFromParents, entityInScope, type EntityAncestry, type RuleContext } from '../core';
import { useSettings } from '../settings/useSettings';

/**
 * An {@link EntityAncestry} over the entities the screen has loaded: an entity's `ancestorIds`
 * (every backend of the kit fills them); for an entity without them (a host's own backend), the
 * core's {@link ancestryFromParents} over the loaded entities, completed by the first loaded
 * ancestor that has `ancestorIds`, and unknown when the chain leaves the loaded entities. `hidden`
 * are ids the screen asked the backend for and did not get back: a backend shows a scoped admin
 * only the entities of their scope, so those lie outside it (they answer `[]`, a root the scope
 * does not hold).
 * @example
 * const ancestry = ancestryFromEntities(entitiesById.values());
 * entityInScope(scope, 'fr-sub', ancestry); // true when 'fr' is in the scope
 */
export function ancestryFromEntities(entities: Iterable<Entity>, hidden: Iterable<string> = []): EntityAncestry {
  const byId = new Map<string, Entity>();
  for (const entity of entities) byId.set(entity.id, entity);
  const hiddenIds = new Set(hidden);
  const fromParents = ancestryFromParents(byId.values());
  return (id) => {
    const entity = byId.get(id);
    if (!entity) return hiddenIds.has(id) ? [] : undefined;
    if (entity.ancestorIds) return entity.ancestorIds;
    // The core's chain treats a parent it does not hold as a root: here that ancestry is unknown.
    const chain = fromParents(id) ?? [];
    for (let i = 0; i < chain.length; i += 1) {
      const ancestor = byId.get(chain[i]!);
      if (!ancestor) return undefined;
      if (ancestor.ancestorIds) return [...chain.slice(0, i + 1), ...ancestor.ancestorIds];
    }
    return chain;
  };
}

/** What {@link useActingRules} returns. */
export interface ActingRules {
  /** The rule context of the core (`actorOf(settings)` and the ancestry); `undefined` until the settings load. */
  rules: RuleContext | undefined;
  /** The scope the admin acts with (`actingScope`); `undefined` until the settings load. */
  scope: AdminScope | null | undefined;
  /** Whether the acting scope is limited to some entities (a scoped admin, or an entity-level workspace). */
  scoped: boolean;
  /** Whether an entity may be offered: `false` only when the core says it lies outside the acting scope. */
  offers: (entity: Entity) => boolean;
}

/**
 * The core's rule context for the acting admin (`actorOf(settings)`: the admin scope narrowed to
 * the workspace entity at entity level), over the entities given (see {@link ancestryFromEntities}).
 * @example
 * const { rules } = useActingRules(entitiesById.values());
 * checkActOnUser(rules, user, 'remove');
 */
export function useActingRules(
  entities: ReadonlyMap<string, Entity> | readonly Entity[] | undefined,
  hidden: readonly string[] = NONE,
): ActingRules {
  const { data: settings } = useSettings();
  return useMemo(
    () => actingRulesOf(settings, entities ? ('values' in entities && !Array.isArray(entities) ? (entities as ReadonlyMap<string, Entity>).values() : (entities as readonly Entity[])) : [], hidden),
    [settings, entities, hidden],
  );
}

const NONE: readonly string[] = [];

/**
 * {@link useActingRules} without React.
 * @example
 * const { rules } = actingRulesOf(settings, entities);
 */
export function actingRulesOf(settings: Settings | undefined, entities: Iterable<Entity>, hidden: Iterable<string> = []): ActingRules {
  const ancestry = ancestryFromEntities(entities, hidden);
  const scope = settings ? actingScope(settings) : undefined;
  const scoped = scope?.type === 'entities';
  return {
    rules: settings ? { actor: actorOf(settings), ancestry } : undefined,
    scope,
    scoped,
    offers: (entity) => {
      if (!scope || scope.type === 'all') return true;
      // The entity offered may not be among those loaded: its own ancestorIds (or being a root) answer for it.
      return entityInScope(scope, entity.id, (id) => (id === entity.id ? (entity.ancestorIds ?? (entity.parentId === null ? [] : ancestry(id))) : ancestry(id))) !== false;
    },
  };
}
