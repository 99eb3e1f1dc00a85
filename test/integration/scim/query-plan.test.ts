/**
 * The SCIM adapter's query plan and ServiceProviderConfig adaptation, against the real provider:
 * which requests go out for which query, 1-based paging, filters on extension attributes, Bulk
 * when advertised, bounded concurrency without it, and the fallbacks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SCIM_PLAIN_GROUP_ID, USER_EXTENSION_URN, scimSeedReference, startScimServer, type RunningScimServer, type ScimRequestRecord } from '../../../servers/scim';
import { connectScimAdapter, createScimAdapter, type ScimAdapterOptions } from '../../../src/adapters/scim';
import { isUserAdminError } from '../../../src/contract/errors';
import type { UserAdminAdapter } from '../../../src/contract/types';
import { ALLOWED_DOMAINS, createScimHarness, type ScimHarness } from './harness';

const X = USER_EXTENSION_URN;
let harness: ScimHarness | null = null;
let extra: RunningScimServer | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  await extra?.close();
  harness = null;
  extra = null;
});

const since = (server: RunningScimServer, from: number) => server.requests.slice(from);
const calls = (list: ScimRequestRecord[], method: string, path: string) => list.filter((r) => r.method === method && r.path === path);

async function everyone(adapter: UserAdminAdapter, sort: { field: 'email' | 'status'; direction: 'asc' | 'desc' }) {
  return (await adapter.listUsers({ pageIndex: 0, pageSize: 500, sort })).items;
}

describe('ServiceProviderConfig adaptation', () => {
  it('invites through one /Bulk request when bulk is advertised, and has the bulk methods', async () => {
    harness = await createScimHarness();
    const { adapter, server } = harness;
    expect(typeof adapter.setUsersStatus).toBe('function');
    expect(typeof adapter.removeUsers).toBe('function');
    const roles = await adapter.listRoles();
    const from = server.requests.length;
    const emails = ['b1@acme.fr', 'b2@acme.fr', 'b3@acme.fr'];
    const result = await adapter.inviteUsers({ input: { emails, roleId: roles.find((r) => !r.isAdmin)!.id, entityIds: ['entity-acme-paris'], scope: 'entity' } });
    expect(result.invited.map((i) => i.email).sort()).toEqual(emails);
    const sent = since(server, from);
    expect(calls(sent, 'POST', '/Bulk')).toHaveLength(1);
    expect(calls(sent, 'POST', '/Users')).toHaveLength(0);
    // One membership change for the three new users.
    expect(sent.filter((r) => r.method === 'PATCH' && r.path.startsWith('/Groups/'))).toHaveLength(1);
    for (const inv of result.invited) expect((await adapter.getUser({ id: inv.userId })).status).toBe('invited');
  });

  it('splits bulk invitations by maxOperations', async () => {
    harness = await createScimHarness({ maxOperations: 2 });
    const { adapter, server } = harness;
    const roleId = (await adapter.listRoles()).find((r) => !r.isAdmin)!.id;
    const from = server.requests.length;
    const emails = ['m1@acme.fr', 'm2@acme.fr', 'm3@acme.fr', 'm4@acme.fr', 'm5@acme.fr'];
    const result = await adapter.inviteUsers({ input: { emails, roleId, entityIds: ['entity-acme-paris'] } });
    expect(result.invited).toHaveLength(5);
    const bulks = calls(since(server, from), 'POST', '/Bulk');
    expect(bulks.map((b) => (b.body as { Operations: unknown[] }).Operations.length)).toEqual([2, 2, 1]);
  });

  it('without bulk: one POST per address, at most inviteConcurrency in flight, and no bulk methods', async () => {
    harness = await createScimHarness({ bulk: false });
    const server = harness.server;
    let inFlight = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      const isPost = init?.method === 'POST' && String(input).endsWith('/Users');
      if (isPost) peak = Math.max(peak, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        if (isPost) inFlight--;
      }
    };
    const { entities, modules } = scimSeedReference();
    const adapter = await connectScimAdapter({ baseUrl: server.url, token: server.token, entities, modules, fetch: counting, inviteConcurrency: 2 });
    expect(adapter.setUsersStatus).toBeUndefined();
    expect(adapter.removeUsers).toBeUndefined();
    const roleId = (await adapter.listRoles()).find((r) => !r.isAdmin)!.id;
    server.setLatency(40);
    const from = server.requests.length;
    const emails = Array.from({ length: 6 }, (_, i) => `c${i}@acme.fr`);
    const result = await adapter.inviteUsers({ input: { emails, roleId, entityIds: ['entity-acme-paris'] } });
    server.setLatency(0);
    expect(result.invited).toHaveLength(6);
    expect(calls(since(server, from), 'POST', '/Users')).toHaveLength(6);
    expect(calls(since(server, from), 'POST', '/Bulk')).toHaveLength(0);
    expect(peak).toBe(2);
  });

  it('reads /ServiceProviderConfig once per adapter', async () => {
    harness = await createScimHarness();
    const { adapter, server } = harness;
    for (let i = 0; i < 3; i++) await adapter.listUsers({ pageIndex: i, pageSize: 5 });
    expect(calls(server.requests, 'GET', '/ServiceProviderConfig')).toHaveLength(1);
  });
});

describe('paging and sorting', () => {
  it('asks startIndex = pageIndex × pageSize + 1 (1-based) and count = pageSize, and gives that slice', async () => {
    harness = await createScimHarness();
    const { adapter, server } = harness;
    const all = await everyone(adapter, { field: 'email', direction: 'asc' });
    const from = server.requests.length;
    const page = await adapter.listUsers({ pageIndex: 2, pageSize: 7, sort: { field: 'email', direction: 'asc' } });
    const list = calls(since(server, from), 'GET', '/Users');
    expect(list).toHaveLength(1);
    expect(list[0]!.query).toMatchObject({ startIndex: '15', count: '7', sortBy: 'userName', sortOrder: 'ascending' });
    expect(page.items.map((u) => u.id)).toEqual(all.slice(14, 21).map((u) => u.id));
    expect(page.total).toBe(all.length);
    const beyond = await adapter.listUsers({ pageIndex: 100, pageSize: 7, sort: { field: 'email', direction: 'asc' } });
    expect(beyond).toEqual({ items: [], total: all.length });
  });

  it('sorts by status in memory: no sortBy sent, every page fetched at maxResults', async () => {
    harness = await createScimHarness({ maxResults: 20 });
    const { adapter, server } = harness;
    const from = server.requests.length;
    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 10, sort: { field: 'status', direction: 'asc' } });
    const list = calls(since(server, from), 'GET', '/Users');
    expect(list.every((r) => r.query.sortBy === undefined && r.query.count === '20')).toBe(true);
    expect(list.map((r) => r.query.startIndex)).toEqual(['1', '21', '41']);
    expect(page.total).toBe(harness.server.store.users.size);
    const ranks = page.items.map((u) => ['active', 'invited', 'deactivated'].indexOf(u.status));
    expect([...ranks].sort()).toEqual(ranks);
  });

  it('a page larger than maxResults is assembled from several requests', async () => {
    harness = await createScimHarness({ maxResults: 10 });
    const page = await harness.adapter.listUsers({ pageIndex: 0, pageSize: 25, sort: { field: 'email', direction: 'asc' } });
    expect(page.items).toHaveLength(25);
    expect(page.total).toBe(harness.server.store.users.size);
    const emails = page.items.map((u) => u.email);
    expect(emails).toEqual([...emails].sort());
  });

  it('without sort in the config, a name sort is done in memory (no sortBy sent)', async () => {
    harness = await createScimHarness({ sort: false });
    const { adapter, server } = harness;
    const from = server.requests.length;
    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 5 });
    expect(calls(since(server, from), 'GET', '/Users').every((r) => r.query.sortBy === undefined)).toBe(true);
    const lasts = page.items.map((u) => u.lastName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
    expect(lasts).toEqual([...lasts].sort());
  });
});

describe('filters', () => {
  it('sends status, kind, role and entity filters to the provider as one SCIM filter over the extension', async () => {
    harness = await createScimHarness();
    const { adapter, server } = harness;
    const roles = await adapter.listRoles();
    const userRole = roles.find((r) => r.name === 'User')!;
    const from = server.requests.length;
    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 50, filter: { status: ['active'], kind: 'login', roleIds: [userRole.id] } });
    const [req] = calls(since(server, from), 'GET', '/Users');
    expect(req!.query.filter).toBe(`active eq true and not (${X}:invitation pr) and ${X}:kind eq "login" and groups.value eq "${userRole.id}"`);
    const expected = [...server.store.users.values()].filter(
      (u) => u.active && !u[X]?.invitation && u[X]?.kind === 'login' && server.store.groups.get(userRole.id)!.members.some((m) => m.value === u.id),
    );
    expect(page.total).toBe(expected.length);
    expect(page.items.map((u) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
  });

  it('matches a multi-valued extension attribute (entityIds) on any of its values', async () => {
    harness = await createScimHarness();
    const { adapter, server } = harness;
    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 50, filter: { entityIds: ['entity-acme-france'] } });
    const expected = [...server.store.users.values()].filter((u) => ((u[X]?.entityIds as string[] | undefined) ?? []).includes('entity-acme-france'));
    expect(expected.length).toBeGreaterThan(1);
    expect(page.items.map((u) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
  });

  it('a record lacking the filtered attribute does not match and does not break the request', async () => {
    extra = await startScimServer({ port: 0 });
    // A user provisioned by another client: no name, no emails, no extension.
    extra.store.users.set('bare', { id: 'bare', userName: 'bare@acme.fr', active: true, meta: { created: new Date().toISOString(), lastModified: new Date().toISOString() } });
    const get = async (filter: string) => {
      const r = await fetch(`${extra!.url}/Users?count=200&filter=${encodeURIComponent(filter)}`, { headers: { Authorization: `Bearer ${extra!.token}` } });
      return { status: r.status, body: (await r.json()) as { totalResults: number; Resources: { id: string }[] } };
    };
    const byName = await get('name.givenName co "ALI"');
    expect(byName.status).toBe(200);
    expect(byName.body.Resources.map((u) => u.id)).toContain('user-admin');
    expect(byName.body.Resources.map((u) => u.id)).not.toContain('bare');
    const byKind = await get(`${X}:kind eq "contact"`);
    expect(byKind.status).toBe(200);
    expect(byKind.body.totalResults).toBe([...extra.store.users.values()].filter((u) => u[X]?.kind === 'contact').length);
    const notInvited = await get(`active eq true and not (${X}:invitation pr)`);
    expect(notInvited.body.Resources.map((u) => u.id)).toContain('bare');
    // And the adapter lists it as a login user.
    const { entities, modules } = scimSeedReference();
    const adapter = createScimAdapter({ baseUrl: extra.url, token: extra.token, entities, modules, currentUserId: 'user-admin' });
    expect((await adapter.getUser({ id: 'bare' })).kind).toBe('login');
  });

  it('on a provider with eq filters only, search and status are answered in memory and stay correct', async () => {
    harness = await createScimHarness({ filterOperators: ['eq'], sort: false });
    const { adapter, server } = harness;
    const from = server.requests.length;
    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 50, search: 'ALICE', filter: { kind: 'login', status: ['active'] } });
    const sent = calls(since(server, from), 'GET', '/Users');
    expect(sent.every((r) => r.query.filter === `${X}:kind eq "login"`)).toBe(true);
    expect(page.items.map((u) => u.id)).toContain('user-admin');
    expect(page.items.every((u) => u.status === 'active' && u.kind === 'login')).toBe(true);
  });

  it('when the provider refuses a filter (400 invalidFilter), the adapter answers in memory from then on', async () => {
    // The provider accepts eq only, but the adapter was not told.
    extra = await startScimServer({ port: 0, features: { filterOperators: ['eq'] } });
    const { entities, modules } = scimSeedReference();
    const options: ScimAdapterOptions = { baseUrl: extra.url, token: extra.token, entities, modules };
    const adapter = await connectScimAdapter(options);
    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 10, search: 'martin' });
    expect(page.items.map((u) => u.id)).toContain('user-admin');
    expect(extra.requests.some((r) => r.query.filter?.includes(' co '))).toBe(true);
    const from = extra.requests.length;
    await adapter.listUsers({ pageIndex: 0, pageSize: 10, search: 'karim' });
    expect(since(extra, from).every((r) => r.query.filter === undefined)).toBe(true);
  });
});

describe('mapping and errors', () => {
  it('ignores groups that are not roles, and takes the role from the role group', async () => {
    harness = await createScimHarness();
    const { adapter } = harness;
    const roles = await adapter.listRoles();
    expect(roles.map((r) => r.id)).not.toContain(SCIM_PLAIN_GROUP_ID);
    expect(roles.filter((r) => r.isAdmin).map((r) => r.name)).toEqual(['Administrator']);
    const alice = await adapter.getUser({ id: 'user-admin' });
    expect(alice.roleId).toBe('role-admin');
    expect(alice.adminScope).toEqual({ type: 'all' });
  });

  it('changing a role moves the user between role groups (PATCH members)', async () => {
    harness = await createScimHarness();
    const { adapter, server } = harness;
    const [jose] = (await adapter.listUsers({ pageIndex: 0, pageSize: 1, search: 'jose.garcia@acme.es' })).items;
    expect(jose!.roleId).toBe('role-user');
    const from = server.requests.length;
    const { user } = await adapter.updateUser({ id: jose!.id, patch: { roleId: 'role-communication' } });
    expect(user.roleId).toBe('role-communication');
    const patches = since(server, from).filter((r) => r.method === 'PATCH').map((r) => r.path);
    expect(patches.sort()).toEqual(['/Groups/role-communication', '/Groups/role-user']);
    expect(server.store.groups.get('role-user')!.members.some((m) => m.value === jose!.id)).toBe(false);
    expect(server.store.groups.get('role-communication')!.members.some((m) => m.value === jose!.id)).toBe(true);
  });

  it("maps the provider's 409 uniqueness to conflict email_taken on email", async () => {
    harness = await createScimHarness();
    const { adapter } = harness;
    const error = await adapter
      .createUser({ input: { kind: 'contact', email: 'ALICE.martin@acme-group.com', firstName: 'A', lastName: 'M', entityId: 'entity-acme-paris' } })
      .then(() => null, (e: unknown) => e);
    expect(isUserAdminError(error) && error.code === 'conflict' && error.reason === 'email_taken' && error.fieldErrors?.email === 'taken').toBe(true);
  });

  it('an invitation expires by the adapter clock, and resending renews it', async () => {
    harness = await createScimHarness();
    const { adapter } = harness;
    const roleId = (await adapter.listRoles()).find((r) => !r.isAdmin)!.id;
    const { invited } = await adapter.inviteUsers({ input: { emails: ['late@acme.fr'], roleId, entityIds: ['entity-acme-paris'] } });
    await harness.advanceTime!(8 * 24 * 3600 * 1000);
    expect((await adapter.getUser({ id: invited[0]!.userId })).invitation?.status).toBe('expired');
    const resent = await adapter.resendInvitation({ id: invited[0]!.id });
    expect(resent.status).toBe('pending');
    expect(harness.server.store.users.get(invited[0]!.userId)![X]!.invitation).toMatchObject({ expiresAt: resent.expiresAt });
  });

  it('allowed domains and SSO are adapter options the harness can toggle', async () => {
    harness = await createScimHarness();
    const { adapter } = harness;
    const roleId = (await adapter.listRoles()).find((r) => !r.isAdmin)!.id;
    const input = { emails: ['x@not-acme.test', 'y@acme.fr'], roleId, entityIds: ['entity-acme-paris'] };
    expect((await adapter.inviteUsers({ input })).skipped).toEqual([{ email: 'x@not-acme.test', reason: 'domain_not_allowed' }]);
    await harness.setSsoEnforced!(true);
    expect((await adapter.getSettings()).sso.enforced).toBe(true);
    expect((await adapter.inviteUsers({ input: { ...input, emails: ['z@acme.fr'] } })).skipped).toEqual([{ email: 'z@acme.fr', reason: 'sso_enforced' }]);
    expect(ALLOWED_DOMAINS).toContain('acme.fr');
  });
});
