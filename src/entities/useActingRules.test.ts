import { describe, expect, it } from 'vitest';
import type { Entity, Settings } from '../contract/types';
import { actingRulesOf, ancestryFromEntities } from './useActingRules';

const entity = (id: string, parentId: string | null, ancestorIds?: string[]): Entity => ({
  id, name: id, kind: parentId ? 'company' : 'group', parentId, childCount: 0, ...(ancestorIds ? { ancestorIds } : {}),
});

describe('ancestryFromEntities', () => {
  it('takes ancestorIds when given, else walks the loaded parents; unknown when the chain leaves them', () => {
    const ancestry = ancestryFromEntities([entity('g', null), entity('fr', 'g'), entity('paris', 'fr'), entity('sub', 'x'), entity('a', 'b', ['b', 'g'])]);
    expect(ancestry('paris')).toEqual(['fr', 'g']);
    expect(ancestry('g')).toEqual([]);
    expect(ancestry('a')).toEqual(['b', 'g']);
    expect(ancestry('sub')).toBeUndefined();
    expect(ancestry('nowhere')).toBeUndefined();
  });

  it('completes a chain of loaded parents with the first ancestor carrying ancestorIds; a cycle stops', () => {
    const ancestry = ancestryFromEntities([entity('lyon', 'fr'), entity('fr', 'g', ['g']), entity('c1', 'c2'), entity('c2', 'c1')]);
    expect(ancestry('lyon')).toEqual(['fr', 'g']);
    expect(ancestry('c1')).toEqual(['c2', 'c1']);
  });

  it('an id asked for and not returned is a root outside any scope that does not name it', () => {
    expect(ancestryFromEntities([], ['hidden'])('hidden')).toEqual([]);
  });
});

describe('actingRulesOf', () => {
  const settings = (overrides: Partial<Settings>): Settings => ({
    currentUser: { id: 'me', name: 'Me', isAdmin: true, adminScope: { type: 'all' } },
    sso: { enforced: false, providerName: null },
    invitation: { ttlDays: 7, onExpiry: 'expire' },
    username: { mode: 'none' },
    multiEntity: true,
    ...overrides,
  });

  it('offers every entity to an admin of all entities at group level', () => {
    const rules = actingRulesOf(settings({}), []);
    expect(rules.scoped).toBe(false);
    expect(rules.offers(entity('de', 'g', ['g']))).toBe(true);
  });

  it('at entity level offers only the workspace entity and its sub-accounts', () => {
    const rules = actingRulesOf(settings({ workspace: { level: 'entity', entityId: 'fr' } }), []);
    expect(rules.scoped).toBe(true);
    expect(rules.scope).toEqual({ type: 'entities', entityIds: ['fr'] });
    expect(rules.offers(entity('fr', 'g', ['g']))).toBe(true);
    expect(rules.offers(entity('paris', 'fr', ['fr', 'g']))).toBe(true);
    expect(rules.offers(entity('de', 'g', ['g']))).toBe(false);
    expect(rules.offers(entity('g', null))).toBe(false);
  });
});
