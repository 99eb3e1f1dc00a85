/**
 * Pure helpers over an entity access selection: the entities granted (`entityIds`) and, of those,
 * the ones granted with all their sub-accounts, present and future (`subtreeEntityIds`).
 * No React, no adapter: the picker and any host form can share them.
 */

/** The entities a person reaches: `subtreeEntityIds` is always a subset of `entityIds`. */
export interface EntityAccessValue {
  entityIds: string[];
  subtreeEntityIds: string[];
}

/**
 * The empty selection.
 * @example
 * const [value, setValue] = useState<EntityAccessValue>(EMPTY_ENTITY_ACCESS);
 */
export const EMPTY_ENTITY_ACCESS: EntityAccessValue = Object.freeze({ entityIds: [], subtreeEntityIds: [] }) as EntityAccessValue;

/** An entity's parent id (`null` for a root, `undefined` when not known yet). */
export type ParentOf = (id: string) => string | null | undefined;

/**
 * Makes a selection consistent: no duplicates, and subtree grants only of granted entities.
 * @example
 * normalizeEntityAccess({ entityIds: ['a', 'a'], subtreeEntityIds: ['a', 'b'] }); // { entityIds: ['a'], subtreeEntityIds: ['a'] }
 */
export function normalizeEntityAccess(value: Partial<EntityAccessValue> | null | undefined): EntityAccessValue {
  const entityIds = [...new Set(value?.entityIds ?? [])];
  const granted = new Set(entityIds);
  const subtreeEntityIds = [...new Set(value?.subtreeEntityIds ?? [])].filter((id) => granted.has(id));
  return { entityIds, subtreeEntityIds };
}

/**
 * The ids of an entity's known ancestors, nearest first (stops where a parent is not known).
 * @example
 * ancestorIds('sub', (id) => ({ sub: 'company', company: 'group', group: null })[id]); // ['company', 'group']
 */
export function ancestorIds(id: string, parentOf: ParentOf): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  let parent = parentOf(id);
  while (parent && !seen.has(parent)) {
    out.push(parent);
    seen.add(parent);
    parent = parentOf(parent);
  }
  return out;
}

/**
 * The nearest ancestor whose subtree is granted, which makes this entity included; `null` when
 * none (as far as the known ancestors tell).
 * @example
 * isIncludedBySubtree('sub', { entityIds: ['company'], subtreeEntityIds: ['company'] }, parentOf); // 'company'
 */
export function isIncludedBySubtree(id: string, value: EntityAccessValue, parentOf: ParentOf): string | null {
  if (value.subtreeEntityIds.length === 0) return null;
  const subtrees = new Set(value.subtreeEntityIds);
  return ancestorIds(id, parentOf).find((ancestor) => subtrees.has(ancestor)) ?? null;
}

/**
 * Whether an entity is reached: granted itself or included by an ancestor's subtree grant.
 * @example
 * isEntityReached('sub', value, parentOf); // true when 'sub' or one of its ancestors' subtrees is granted
 */
export function isEntityReached(id: string, value: EntityAccessValue, parentOf: ParentOf): boolean {
  return value.entityIds.includes(id) || isIncludedBySubtree(id, value, parentOf) !== null;
}

/**
 * Selects or clears one entity. In `single` mode the entity replaces the selection (choosing it
 * again clears it). Clearing an entity also drops its subtree grant.
 * @example
 * toggleEntity({ entityIds: [], subtreeEntityIds: [] }, 'a'); // { entityIds: ['a'], subtreeEntityIds: [] }
 * toggleEntity(value, 'b', 'single'); // { entityIds: ['b'], subtreeEntityIds: [] }
 */
export function toggleEntity(value: EntityAccessValue, id: string, mode: 'multiple' | 'single' = 'multiple'): EntityAccessValue {
  const selected = value.entityIds.includes(id);
  if (mode === 'single') return { entityIds: selected ? [] : [id], subtreeEntityIds: [] };
  if (selected) return removeEntity(value, id);
  return { entityIds: [...value.entityIds, id], subtreeEntityIds: [...value.subtreeEntityIds] };
}

/**
 * Grants or withdraws an entity with all its sub-accounts (including future ones). Granting
 * selects the entity too, and drops the known descendants picked one by one (they are included
 * now); withdrawing keeps the entity itself selected.
 * @example
 * toggleSubtree(EMPTY_ENTITY_ACCESS, 'company'); // { entityIds: ['company'], subtreeEntityIds: ['company'] }
 */
export function toggleSubtree(value: EntityAccessValue, id: string, parentOf: ParentOf = () => undefined): EntityAccessValue {
  if (value.subtreeEntityIds.includes(id)) {
    return { entityIds: [...value.entityIds], subtreeEntityIds: value.subtreeEntityIds.filter((s) => s !== id) };
  }
  const keep = value.entityIds.filter((e) => e !== id && !ancestorIds(e, parentOf).includes(id));
  const subtrees = value.subtreeEntityIds.filter((s) => keep.includes(s));
  return { entityIds: [...keep, id], subtreeEntityIds: [...subtrees, id] };
}

/**
 * Removes an entity and its subtree grant.
 * @example
 * removeEntity({ entityIds: ['a', 'b'], subtreeEntityIds: ['a'] }, 'a'); // { entityIds: ['b'], subtreeEntityIds: [] }
 */
export function removeEntity(value: EntityAccessValue, id: string): EntityAccessValue {
  return { entityIds: value.entityIds.filter((e) => e !== id), subtreeEntityIds: value.subtreeEntityIds.filter((s) => s !== id) };
}

/**
 * Adds entities (those already selected or included by a subtree grant are skipped).
 * @example
 * addEntities({ entityIds: ['a'], subtreeEntityIds: [] }, ['a', 'b']); // { entityIds: ['a', 'b'], subtreeEntityIds: [] }
 */
export function addEntities(value: EntityAccessValue, ids: readonly string[], parentOf: ParentOf = () => undefined): EntityAccessValue {
  const selected = new Set(value.entityIds);
  const added = ids.filter((id) => {
    if (selected.has(id) || isIncludedBySubtree(id, value, parentOf) !== null) return false;
    selected.add(id);
    return true;
  });
  return { entityIds: [...value.entityIds, ...added], subtreeEntityIds: [...value.subtreeEntityIds] };
}
