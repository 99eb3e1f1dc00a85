import { describe, expect, it } from 'vitest';
import { createMockStore } from '../../../mocks';
import type { ListUsersParams, UserSortField } from '../../contract/types';
import { MAX_PAGE_SIZE } from '../../contract/limits';
import { matchesUserSearch, queryUsers } from './user-query';

const FIELDS: UserSortField[] = ['name', 'email', 'status', 'role', 'lastSignInAt', 'createdAt'];

describe('queryUsers', () => {
  const store = createMockStore({ userCount: 300, seed: 7 });
  // The store serves at most MAX_PAGE_SIZE rows a page: its 300 users and its entities fit in one.
  const everyone = store.listUsers({ pageIndex: 0, pageSize: MAX_PAGE_SIZE }).items;
  const entities = store.listEntities({ pageIndex: 0, pageSize: MAX_PAGE_SIZE }).items;
  const parent = new Map(entities.map((e) => [e.id, e.parentId]));
  const ancestorsOf = (id: string) => {
    const out: string[] = [];
    for (let p = parent.get(id) ?? null; p !== null; p = parent.get(p) ?? null) out.push(p);
    return out;
  };
  const roles = store.listRoles();
  const someEntity = everyone.find((u) => u.entityIds.length > 0)!.entityIds[0]!;
  const someRole = everyone.find((u) => u.roleId !== null)!.roleId!;

  const queries: Omit<ListUsersParams, 'signal'>[] = [
    ...FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((direction) => ({ pageIndex: 1, pageSize: 17, sort: { field, direction } }))),
    { pageIndex: 0, pageSize: 25, search: 'JOSE' },
    { pageIndex: 0, pageSize: 25, search: everyone[5]!.email.slice(2, 8) },
    { pageIndex: 0, pageSize: 25, filter: { status: ['invited', 'deactivated'] } },
    { pageIndex: 0, pageSize: 25, filter: { kind: 'contact' }, sort: { field: 'email', direction: 'desc' } },
    { pageIndex: 2, pageSize: 10, filter: { roleIds: [someRole], scope: 'group' } },
    { pageIndex: 0, pageSize: 50, filter: { entityIds: [someEntity] }, sort: { field: 'role', direction: 'asc' } },
    { pageIndex: 99, pageSize: 50 },
  ];

  it.each(queries.map((q) => [JSON.stringify(q), q] as const))('given %s, answers as the reference store does', (_name, params) => {
    const expected = store.listUsers(params);
    const got = queryUsers(everyone, params, { roles, ancestorsOf });
    expect(got.total).toBe(expected.total);
    expect(got.items.map((u) => u.id)).toEqual(expected.items.map((u) => u.id));
  });

  it('given an entity filter on a sub-account, matches users granted a subtree above it only when told the ancestors', () => {
    const child = entities.find((e) => e.parentId !== null)!;
    const user = { ...everyone[0]!, entityIds: [child.parentId!], subtreeEntityIds: [child.parentId!] };
    const params = { pageIndex: 0, pageSize: 5, filter: { entityIds: [child.id] } };
    expect(queryUsers([user], params, { ancestorsOf }).total).toBe(1);
    expect(queryUsers([user], params).total).toBe(0);
  });

  it('given a negative page index or an empty page size, rejects with validation on that field', () => {
    expect(() => queryUsers(everyone, { pageIndex: -1, pageSize: 10 })).toThrow(expect.objectContaining({ code: 'validation', fieldErrors: { pageIndex: 'invalid_format' } }));
    expect(() => queryUsers(everyone, { pageIndex: 0, pageSize: 0 })).toThrow(expect.objectContaining({ code: 'validation', fieldErrors: { pageSize: 'invalid_format' } }));
  });

  it('searches first and last names in either order, ignoring case and accents', () => {
    const u = { ...everyone[0]!, firstName: 'José', lastName: 'García Ørsted' };
    expect(matchesUserSearch(u, 'garcia orsted jose')).toBe(true);
    expect(matchesUserSearch(u, 'JOSE GARC')).toBe(true);
    expect(matchesUserSearch(u, 'josefina')).toBe(false);
  });
});
