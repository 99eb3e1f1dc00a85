/**
 * How many requests the better-auth adapter makes for a page, a search and the counts, from the
 * server's request log, with a few hundred users (counts of requests, not timings). The cost is
 * fixed by the organizations and teams (one `list-members`, `list-invitations` and `list-roles`
 * per organization, one `list-team-members` per team), never by the number of users: the list is
 * searched, filtered, sorted and paged over the members `list-members` returns (names and emails
 * joined), and only the page's records are read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BETTER_AUTH_MODULES, BETTER_AUTH_ROLES, startBetterAuthServer, type BetterAuthServer } from '../../../servers/better-auth';
import { createBetterAuthAdapter, type BetterAuthAdapterOptions } from '../../../src/adapters/better-auth';
import type { UserAdminAdapter } from '../../../src/adapter/types';
import { ALLOWED_DOMAINS } from './harness';

const EXTRA = 356; // 400 users with the 44 seeded

let server: BetterAuthServer;
let token: string;
beforeAll(async () => {
  server = await startBetterAuthServer({ extraUsers: EXTRA });
  token = await server.adminToken();
});
afterAll(() => server?.close());

const adapter = (over: Partial<BetterAuthAdapterOptions> = {}): UserAdminAdapter =>
  createBetterAuthAdapter({
    baseURL: server.authURL, origin: server.url, token, modules: BETTER_AUTH_MODULES, roles: BETTER_AUTH_ROLES,
    allowedDomains: ALLOWED_DOMAINS, invitationTtlDays: 2, ...over,
  });

/** The requests `fn` makes, by path. */
async function requestsOf(fn: () => Promise<unknown>): Promise<{ total: number; byPath: Record<string, number> }> {
  server.faults.resetLog();
  await fn();
  const byPath: Record<string, number> = {};
  for (const r of server.faults.log) byPath[r.path] = (byPath[r.path] ?? 0) + 1;
  return { total: server.faults.log.length, byPath };
}

// 3 organizations, 3 teams: get-session, organization/list, list-teams and list-roles per organization.
const STRUCTURE = { '/get-session': 1, '/organization/list': 1, '/organization/list-teams': 3, '/organization/list-roles': 3 };
// One list-members (every member at once), list-invitations per organization, list-team-members per team.
const INDEX = { '/organization/list-members': 3, '/organization/list-invitations': 3, '/organization/list-team-members': 3 };

describe('requests per call at 400 users (3 organizations, 3 teams)', () => {
  it('a cold first page: the organizations, one list-members each, then three list-users (banned, invitees, the page)', async () => {
    const a = adapter({ cacheMs: 0 });
    let total = 0;
    const cost = await requestsOf(async () => {
      const page = await a.listUsers({ pageIndex: 0, pageSize: 50, sort: { field: 'name', direction: 'asc' } });
      total = page.total;
      expect(page.items).toHaveLength(50);
    });
    expect(total).toBe(400);
    expect(cost.byPath).toEqual({ ...STRUCTURE, ...INDEX, '/admin/list-users': 3 });
    expect(cost.total).toBe(20);
  });

  it('once the organizations are read, a page, a search and the counts are at most one request each', async () => {
    const a = adapter({ cacheMs: 60_000 });
    await a.listUsers({ pageIndex: 0, pageSize: 50 });

    const page = await requestsOf(() => a.listUsers({ pageIndex: 3, pageSize: 50, sort: { field: 'email', direction: 'desc' } }));
    expect(page.byPath).toEqual({ '/admin/list-users': 1 });

    const search = await requestsOf(() => a.listUsers({ pageIndex: 0, pageSize: 50, search: 'GARC' }));
    expect(search.total).toBeLessThanOrEqual(1);
    expect(search.total).toBeLessThanOrEqual(5);

    const counts = await requestsOf(() => a.getUserCounts!({}));
    expect(counts.total).toBe(0);
    const filtered = await requestsOf(() => a.getUserCounts!({ search: 'a', filter: { roleIds: ['member'] } }));
    expect(filtered.total).toBe(0);
  });

  it('after a write of users, the next page reads the memberships again but not the organizations, teams and roles', async () => {
    const a = adapter({ cacheMs: 60_000 });
    const { items } = await a.listUsers({ pageIndex: 0, pageSize: 50, filter: { status: ['active'], roleIds: ['member'] } });
    const victim = items.find((u) => u.id.startsWith('bench-user-'))!;
    try {
      const cost = await requestsOf(async () => {
        await a.setUserStatus({ id: victim.id, status: 'deactivated' });
        const counts = await a.getUserCounts!({});
        expect(counts.deactivated).toBe(4);
        await a.listUsers({ pageIndex: 0, pageSize: 50 });
      });
      // The memberships are read again (once: the write reads its user back), the structure is not.
      expect(cost.byPath['/organization/list-members']).toBe(3);
      for (const path of Object.keys(STRUCTURE)) expect(cost.byPath[path]).toBeUndefined();
    } finally {
      await a.setUserStatus({ id: victim.id, status: 'active' });
    }
  });

  it('a cold search and cold counts cost the same fixed reads, whatever the number of users', async () => {
    const a = adapter({ cacheMs: 0 });
    const search = await requestsOf(() => a.listUsers({ pageIndex: 0, pageSize: 50, search: 'garc' }));
    expect(search.byPath['/organization/list-members']).toBe(3);
    expect(search.byPath['/admin/list-users']).toBeLessThanOrEqual(3);
    expect(search.total).toBeLessThanOrEqual(20);
    const counts = await requestsOf(() => a.getUserCounts!({}));
    // No page to complete: the banned users and the invitees' accounts only.
    expect(counts.byPath).toEqual({ ...STRUCTURE, ...INDEX, '/admin/list-users': 2 });
  });

  it('the rows of a page read this way are the users getUser returns, and the counts add up', async () => {
    const a = adapter({ cacheMs: 60_000 });
    for (const params of [
      { pageIndex: 0, pageSize: 50 },
      { pageIndex: 1, pageSize: 25, sort: { field: 'status' as const, direction: 'asc' as const } },
      { pageIndex: 0, pageSize: 20, filter: { status: ['deactivated' as const, 'invited' as const] } },
      { pageIndex: 0, pageSize: 20, search: 'garc', sort: { field: 'role' as const, direction: 'desc' as const } },
    ]) {
      const page = await a.listUsers(params);
      expect(page.items.length).toBeGreaterThan(0);
      for (const user of page.items) expect(user).toEqual(await a.getUser({ id: user.id }));
    }
    const counts = await a.getUserCounts!({});
    expect(counts).toEqual({ active: 393, invited: 4, deactivated: 3, contacts: 0, all: 400 });
    // Sorting by creation date reads every record (the dates are not joined to list-members): same total.
    const byDate = await a.listUsers({ pageIndex: 0, pageSize: 10, sort: { field: 'createdAt', direction: 'desc' } });
    expect(byDate.total).toBe(400);
    expect(byDate.items[0]!.id).toBe(`bench-user-${EXTRA - 1}`);
  });
});
