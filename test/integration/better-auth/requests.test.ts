/**
 * How many requests the better-auth adapter makes for a page, a search and the counts, from the
 * server's request log, with a few hundred users (counts of requests, not timings). The cost is
 * fixed by the organizations and teams, never by the number of users: `organization/list`, one
 * `get-full-organization` (teams and invitations) and one `list-members` per organization, one
 * `list-team-members` per team when the page shows members of an organization with teams, the
 * `list-roles` of organizations until the page's dynamic roles are found; the list is searched,
 * filtered, sorted and paged over the members (names and emails joined), and one `list-users`
 * reads the page's records with the invitees' accounts. The counts read the banned users instead
 * of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BETTER_AUTH_MODULES, BETTER_AUTH_ROLES, startBetterAuthServer, type BetterAuthServer } from '../../../servers/better-auth';
import { createBetterAuthAdapter, type BetterAuthAdapterOptions } from '../../../src/adapters/better-auth';
import type { UserAdminAdapter } from '../../../src/contract/types';
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
async function requestsOf(fn: () => Promise<unknown>, on: BetterAuthServer = server): Promise<{ total: number; byPath: Record<string, number> }> {
  on.faults.resetLog();
  await fn();
  const byPath: Record<string, number> = {};
  for (const r of on.faults.log) byPath[r.path] = (byPath[r.path] ?? 0) + 1;
  return { total: on.faults.log.length, byPath };
}

// 3 organizations, 3 teams. The organizations: organization/list, then get-full-organization per
// organization (its teams, invitations and first 100 members in one request: here each has more).
const FRAME = { '/organization/list': 1, '/organization/get-full-organization': 3 };
// One list-members per organization of 100 members or more (every member at once, names and emails joined).
const MEMBERS = { '/organization/list-members': 3 };
// One list-team-members per team: read when a page holds members of an organization with teams.
const TEAMS = { '/organization/list-team-members': 3 };
// The structure the writes need besides the memberships: the organizations, the session user, every organization's roles.
const STRUCTURE = { '/organization/list': 1, '/get-session': 1, '/organization/list-roles': 3 };

describe('requests per call at 400 users (3 organizations, 3 teams)', () => {
  it('a cold first page: the organizations, one list-members each, the team members, the roles of its users, one list-users (its records and the invitees)', async () => {
    const a = adapter({ cacheMs: 0 });
    let total = 0;
    const cost = await requestsOf(async () => {
      const page = await a.listUsers({ pageIndex: 0, pageSize: 50, sort: { field: 'name', direction: 'asc' } });
      total = page.total;
      expect(page.items).toHaveLength(50);
    });
    expect(total).toBe(400);
    // list-roles: organizations are read in name order until the page's dynamic roles are found (the first has them all).
    expect(cost.byPath).toEqual({ ...FRAME, ...MEMBERS, ...TEAMS, '/organization/list-roles': 1, '/admin/list-users': 1 });
    expect(cost.total).toBe(12);
  });

  it('once the organizations are read, a page and a search are one request each, the counts at most the banned users', async () => {
    const a = adapter({ cacheMs: 60_000 });
    await a.listUsers({ pageIndex: 0, pageSize: 50 });

    const page = await requestsOf(() => a.listUsers({ pageIndex: 3, pageSize: 50, sort: { field: 'email', direction: 'desc' } }));
    expect(page.byPath).toEqual({ '/admin/list-users': 1 });

    const search = await requestsOf(() => a.listUsers({ pageIndex: 0, pageSize: 50, search: 'GARC' }));
    expect(search.total).toBeLessThanOrEqual(1);

    // A page sorted by name reads no banned list (its records say who is banned): the first counts do, once.
    const counts = await requestsOf(() => a.getUserCounts!({}));
    expect(counts.byPath).toEqual({ '/admin/list-users': 1 });
    const again = await requestsOf(() => a.getUserCounts!({}));
    expect(again.total).toBe(0);
    const filtered = await requestsOf(() => a.getUserCounts!({ search: 'a', filter: { roleIds: ['member'] } }));
    expect(filtered.total).toBe(0);
  });

  it('after a write of users, the next page reads the memberships again but not the organizations, teams and roles', async () => {
    const a = adapter({ cacheMs: 60_000 });
    // What the screen reads first: the settings, the roles, a page.
    await a.getSettings();
    await a.listRoles();
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
      expect(cost.byPath['/organization/get-full-organization']).toBe(3);
      for (const path of Object.keys(STRUCTURE)) expect(cost.byPath[path]).toBeUndefined();
      expect(cost.total).toBeLessThanOrEqual(16);
    } finally {
      await a.setUserStatus({ id: victim.id, status: 'active' });
    }
  });

  it('a cold search and cold counts cost the same fixed reads, whatever the number of users', async () => {
    const a = adapter({ cacheMs: 0 });
    const search = await requestsOf(() => a.listUsers({ pageIndex: 0, pageSize: 50, search: 'garc' }));
    expect(search.byPath).toEqual({ ...FRAME, ...MEMBERS, ...TEAMS, '/organization/list-roles': 1, '/admin/list-users': 1 });
    expect(search.total).toBe(12);
    const counts = await requestsOf(() => a.getUserCounts!({}));
    // No page: no team members and no roles; the banned users and the invitees' accounts.
    expect(counts.byPath).toEqual({ ...FRAME, ...MEMBERS, '/admin/list-users': 2 });
    expect(counts.total).toBe(9);
    // A filter on a team reads the team members; on a role, the roles (until every role held is found).
    const team = server.seed.organizations[0]!.teams[0]!.id;
    const byTeam = await requestsOf(() => a.getUserCounts!({ filter: { entityIds: [team] } }));
    expect(byTeam.byPath).toEqual({ ...FRAME, ...MEMBERS, ...TEAMS, '/admin/list-users': 2 });
    const byRole = await requestsOf(() => a.getUserCounts!({ filter: { roleIds: ['editor'] } }));
    expect(byRole.byPath).toEqual({ ...FRAME, ...MEMBERS, '/organization/list-roles': 1, '/admin/list-users': 2 });
  });

  it('a cold list of invitations: the organizations, the members (the inviters), the invitees\' accounts and the invitations\' roles', async () => {
    const a = adapter({ cacheMs: 0 });
    const cost = await requestsOf(async () => {
      const page = await a.listInvitations({ pageIndex: 0, pageSize: 20 });
      expect(page.total).toBe(4);
    });
    expect(cost.byPath).toEqual({ ...FRAME, ...MEMBERS, '/organization/list-roles': 1, '/admin/list-users': 1 });
    // The same invitations as the users' invitation summaries say.
    const invited = await a.listUsers({ pageIndex: 0, pageSize: 20, filter: { status: ['invited'] } });
    const invitations = await a.listInvitations({ pageIndex: 0, pageSize: 20 });
    expect(invitations.items.map((i) => i.userId).sort()).toEqual(invited.items.map((u) => u.id).sort());
    for (const u of invited.items) expect(invitations.items.find((i) => i.userId === u.id)).toMatchObject({ id: u.invitation!.id, status: u.invitation!.status, roleId: u.roleId, entityIds: u.entityIds });
  });

  it('organizations under membershipLimit (the 44 seeded users): their members come with their teams and invitations, no list-members', async () => {
    const small = await startBetterAuthServer();
    try {
      const a = createBetterAuthAdapter({
        baseURL: small.authURL, origin: small.url, token: await small.adminToken(), modules: BETTER_AUTH_MODULES, roles: BETTER_AUTH_ROLES,
        allowedDomains: ALLOWED_DOMAINS, invitationTtlDays: 2, cacheMs: 0,
      });
      const page = await requestsOf(() => a.listUsers({ pageIndex: 0, pageSize: 50 }), small);
      expect(page.byPath).toEqual({ ...FRAME, ...TEAMS, '/organization/list-roles': 1, '/admin/list-users': 1 });
      const counts = await requestsOf(() => a.getUserCounts!({}), small);
      expect(counts.byPath).toEqual({ ...FRAME, '/admin/list-users': 2 });
      expect((await a.getUserCounts!({})).all).toBe(44);
    } finally {
      await small.close();
    }
  });

  it('the first screen (settings, roles, entities, a page and the counts started together) reads each thing once', async () => {
    // A new adapter: reads in flight are shared, and what is read is kept for the calls still running.
    const a = adapter({ cacheMs: 60_000 });
    const cost = await requestsOf(async () => {
      const [, , , page, counts] = await Promise.all([
        a.getSettings(),
        a.listRoles(),
        a.listEntities({ pageIndex: 0, pageSize: 50 }),
        a.listUsers({ pageIndex: 0, pageSize: 50 }),
        a.getUserCounts!({}),
      ]);
      expect(page.total).toBe(400);
      expect(counts.all).toBe(400);
    });
    // The page's list-users (its records with the invitees' accounts), the counts' banned users and invitees' accounts.
    expect(cost.byPath).toEqual({ '/get-session': 1, ...FRAME, ...MEMBERS, ...TEAMS, '/organization/list-roles': 3, '/admin/list-users': 3 });
  });

  it('a call that gives up does not fail the calls that were waiting for the same reads', async () => {
    const a = adapter({ cacheMs: 0 });
    const controller = new AbortController();
    const aborted = a.listUsers({ pageIndex: 0, pageSize: 50, signal: controller.signal });
    const counts = a.getUserCounts!({});
    const page = a.listUsers({ pageIndex: 1, pageSize: 50 });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect((await counts).all).toBe(400);
    expect((await page).items).toHaveLength(50);
  });

  it('the pages read cold (records and invitees in one list-users) are the pages read with the invitees cached, every user once', async () => {
    const cold = adapter({ cacheMs: 0 });
    const warm = adapter({ cacheMs: 60_000 });
    await warm.getUserCounts!({});
    for (const sort of [
      { field: 'name' as const, direction: 'asc' as const },
      { field: 'name' as const, direction: 'desc' as const },
      { field: 'email' as const, direction: 'asc' as const },
      { field: 'status' as const, direction: 'desc' as const },
      { field: 'role' as const, direction: 'asc' as const },
    ]) {
      const seen = new Set<string>();
      for (let pageIndex = 0; pageIndex < 6; pageIndex += 1) {
        const params = { pageIndex, pageSize: 70, sort };
        const [c, w] = [await cold.listUsers(params), await warm.listUsers(params)];
        expect(c).toEqual(w);
        for (const u of c.items) seen.add(u.id);
      }
      expect(seen.size).toBe(400);
    }
    const search = { pageIndex: 0, pageSize: 30, search: 'ma', filter: { status: ['invited' as const, 'active' as const] } };
    expect(await cold.listUsers(search)).toEqual(await warm.listUsers(search));
  });

  it('the rows of a page read this way are the users getUser returns, and the counts add up', async () => {
    const a = adapter({ cacheMs: 60_000 });
    for (const params of [
      { pageIndex: 0, pageSize: 50 },
      { pageIndex: 1, pageSize: 25, sort: { field: 'status' as const, direction: 'asc' as const } },
      { pageIndex: 0, pageSize: 20, filter: { status: ['deactivated' as const, 'invited' as const] } },
      { pageIndex: 0, pageSize: 20, search: 'garc', sort: { field: 'role' as const, direction: 'desc' as const } },
      { pageIndex: 1, pageSize: 3, filter: { entityIds: [server.seed.organizations[0]!.teams[0]!.id] } },
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
