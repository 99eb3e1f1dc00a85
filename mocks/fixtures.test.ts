import { describe, expect, it } from 'vitest';
import { CURRENT_ADMIN_ID, ROOT_ENTITY_ID, generateEntities, generateUsers } from './fixtures';

describe('fixtures', () => {
  it('given the same seed, generates the same users', () => {
    expect(generateUsers(300, 9)).toEqual(generateUsers(300, 9));
  });

  it('given different seeds, generates different users', () => {
    const a = generateUsers(300, 1).map((u) => u.email);
    const b = generateUsers(300, 2).map((u) => u.email);
    expect(a).not.toEqual(b);
  });

  it('generates 100,000 users with unique ids and emails', () => {
    const users = generateUsers(100_000, 3);
    expect(users).toHaveLength(100_000);
    expect(new Set(users.map((u) => u.id)).size).toBe(100_000);
    expect(new Set(users.map((u) => u.email)).size).toBe(100_000);
  });

  it('mixes statuses, kinds, scopes and sources in realistic proportions', () => {
    const users = generateUsers(5000, 4);
    const share = (pred: (u: (typeof users)[number]) => boolean) => users.filter(pred).length / users.length;
    expect(share((u) => u.status === 'active')).toBeGreaterThan(0.6);
    expect(share((u) => u.status === 'invited')).toBeGreaterThan(0.03);
    expect(share((u) => u.status === 'deactivated')).toBeGreaterThan(0.03);
    expect(share((u) => u.kind === 'contact')).toBeGreaterThan(0.07);
    expect(share((u) => u.kind === 'contact')).toBeLessThan(0.13);
    expect(users.some((u) => u.scope === 'group' && u.entityIds.length > 1)).toBe(true);
    expect(users.some((u) => u.source === 'sso')).toBe(true);
    expect(users.some((u) => u.invitation?.status === 'expired')).toBe(true);
    expect(users.some((u) => u.invitation?.status === 'pending')).toBe(true);
  });

  it('keeps every generated user consistent with the domain rules', () => {
    for (const u of generateUsers(3000, 5)) {
      if (u.kind === 'contact') {
        expect(u.entityIds).toHaveLength(1);
        expect(u.roleId).toBeNull();
      }
      if (u.scope === 'entity') expect(u.entityIds).toHaveLength(1);
      expect(u.status === 'invited').toBe(u.invitation !== null);
      if (u.status === 'active' && u.kind === 'login') expect(u.lastSignInAt).not.toBeNull();
      if (u.roleId !== 'role-admin') {
        expect(u.adminScope).toBeNull();
        expect(u.permissions['module-pricing']).toBeUndefined();
      }
    }
  });

  it('writes every date as a canonical ISO 8601 string', () => {
    for (const u of generateUsers(2000, 6)) {
      for (const value of [u.createdAt, u.lastSignInAt, u.invitation?.sentAt, u.invitation?.expiresAt]) {
        if (value) expect(new Date(value).toISOString()).toBe(value);
      }
    }
  });

  it('includes the current admin Alice Martin, another admin and accented names', () => {
    const users = generateUsers(200);
    const alice = users.find((u) => u.id === CURRENT_ADMIN_ID);
    expect(alice).toMatchObject({ firstName: 'Alice', lastName: 'Martin', roleId: 'role-admin', status: 'active', adminScope: { type: 'all' } });
    expect(users.filter((u) => u.roleId === 'role-admin' && u.status === 'active').length).toBeGreaterThan(1);
    const names = users.map((u) => u.firstName);
    expect(names).toEqual(expect.arrayContaining(['José', 'Françoise', 'João']));
  });

  it('builds a two-level tree of 12 entities under Acme Group', () => {
    const entities = generateEntities();
    expect(entities).toHaveLength(12);
    expect(entities.filter((e) => e.parentId === null).map((e) => e.name)).toEqual(['Acme Group']);
    expect(entities.filter((e) => e.kind === 'company').every((e) => e.parentId === ROOT_ENTITY_ID)).toBe(true);
    const byId = new Map(entities.map((e) => [e.id, e]));
    expect(entities.filter((e) => e.kind === 'sub_account').every((e) => byId.get(e.parentId ?? '')?.kind === 'company')).toBe(true);
    expect(byId.get(ROOT_ENTITY_ID)?.childCount).toBe(4);
  });

  it('builds thousands of entities with consistent child counts', () => {
    const entities = generateEntities(5000);
    expect(entities).toHaveLength(5000);
    expect(new Set(entities.map((e) => e.id)).size).toBe(5000);
    const counted = new Map<string, number>();
    for (const e of entities) if (e.parentId) counted.set(e.parentId, (counted.get(e.parentId) ?? 0) + 1);
    for (const e of entities) expect(e.childCount).toBe(counted.get(e.id) ?? 0);
  });
});
