import { describe, expect, it } from 'vitest';
import {
  EMPTY_ENTITY_ACCESS, addEntities, ancestorIds, isEntityReached, isIncludedBySubtree, normalizeEntityAccess, removeEntity,
  toggleEntity, toggleSubtree, type ParentOf,
} from './selection';

// group ─ france ─ paris, lyon ; group ─ uk ─ london
const parents: Record<string, string | null> = { group: null, france: 'group', uk: 'group', paris: 'france', lyon: 'france', london: 'uk' };
const parentOf: ParentOf = (id) => parents[id];

describe('entity access selection helpers', () => {
  it('toggleEntity adds an entity, and clearing it drops its subtree grant too', () => {
    const one = toggleEntity(EMPTY_ENTITY_ACCESS, 'paris');
    expect(one).toEqual({ entityIds: ['paris'], subtreeEntityIds: [] });
    expect(toggleEntity({ entityIds: ['france', 'paris'], subtreeEntityIds: ['france'] }, 'france')).toEqual({ entityIds: ['paris'], subtreeEntityIds: [] });
  });

  it('in single mode, toggleEntity replaces the choice, and choosing it again clears it', () => {
    const chosen = toggleEntity({ entityIds: ['lyon'], subtreeEntityIds: [] }, 'paris', 'single');
    expect(chosen).toEqual({ entityIds: ['paris'], subtreeEntityIds: [] });
    expect(toggleEntity(chosen, 'paris', 'single')).toEqual({ entityIds: [], subtreeEntityIds: [] });
  });

  it('toggleSubtree grants the entity in both arrays and drops descendants picked one by one; again withdraws only the subtree', () => {
    const granted = toggleSubtree({ entityIds: ['paris', 'london'], subtreeEntityIds: [] }, 'france', parentOf);
    expect(granted).toEqual({ entityIds: ['london', 'france'], subtreeEntityIds: ['france'] });
    expect(toggleSubtree(granted, 'france', parentOf)).toEqual({ entityIds: ['london', 'france'], subtreeEntityIds: [] });
  });

  it('isIncludedBySubtree names the nearest granted ancestor, and nothing for the granted entity itself or another branch', () => {
    const value = { entityIds: ['group', 'france'], subtreeEntityIds: ['group', 'france'] };
    expect(isIncludedBySubtree('paris', value, parentOf)).toBe('france');
    expect(isIncludedBySubtree('london', value, parentOf)).toBe('group');
    expect(isIncludedBySubtree('group', value, parentOf)).toBeNull();
    expect(isIncludedBySubtree('london', { entityIds: ['france'], subtreeEntityIds: ['france'] }, parentOf)).toBeNull();
  });

  it('given an entity unknown to the tree (created later), reaches it only once its parent is known', () => {
    const value = { entityIds: ['france'], subtreeEntityIds: ['france'] };
    expect(isEntityReached('marseille', value, parentOf)).toBe(false);
    expect(isEntityReached('marseille', value, (id) => (id === 'marseille' ? 'france' : parentOf(id)))).toBe(true);
  });

  it('ancestorIds lists ancestors nearest first and survives a cycle', () => {
    expect(ancestorIds('paris', parentOf)).toEqual(['france', 'group']);
    expect(ancestorIds('a', (id) => (id === 'a' ? 'b' : 'a'))).toEqual(['b']);
  });

  it('addEntities skips those already selected or included by a subtree grant', () => {
    const value = { entityIds: ['france', 'london'], subtreeEntityIds: ['france'] };
    expect(addEntities(value, ['paris', 'london', 'uk', 'uk'], parentOf)).toEqual({ entityIds: ['france', 'london', 'uk'], subtreeEntityIds: ['france'] });
  });

  it('removeEntity and normalizeEntityAccess keep subtree grants a subset of the entities', () => {
    expect(removeEntity({ entityIds: ['a', 'b'], subtreeEntityIds: ['a'] }, 'a')).toEqual({ entityIds: ['b'], subtreeEntityIds: [] });
    expect(normalizeEntityAccess({ entityIds: ['a', 'a'], subtreeEntityIds: ['a', 'b'] })).toEqual({ entityIds: ['a'], subtreeEntityIds: ['a'] });
    expect(normalizeEntityAccess(undefined)).toEqual({ entityIds: [], subtreeEntityIds: [] });
  });
});
