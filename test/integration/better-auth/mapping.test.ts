/**
 * Focused tests of the better-auth adapter against the real server: the Origin trap, the query
 * strategy (which requests a list makes), bounded invitation concurrency, canceled invitations,
 * ban ⇄ deactivated, static + dynamic roles, removal without orphan memberships, and the
 * invitee's accept flow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UserAdminAdapter } from '../../../src/contract/types';
import { createBetterAuthAdapter, signInForToken } from '../../../src/adapters/better-auth';
import { createBetterAuthHarness, type BetterAuthHarness } from './harness';
import { rejection } from '../../utils/rejection';

let current: BetterAuthHarness | null = null;
afterEach(async () => {
  await current?.cleanup?.();
  current = null;
});

async function start(over: Parameters<typeof createBetterAuthHarness>[0] = {}): Promise<BetterAuthHarness> {
  current = await createBetterAuthHarness(over);
  return current;
}

/** A raw authenticated request to the server, bypassing the adapter. */
async function raw<T>(h: BetterAuthHarness, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${h.server.authURL}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${h.token}`, origin: h.server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : null) as T };
}

async function otherActive(a: UserAdminAdapter, selfId: string) {
  const { items } = await a.listUsers({ pageIndex: 0, pageSize: 100, filter: { status: ['active'] } });
  return items.filter((u) => u.id !== selfId && u.roleId === 'member');
}

describe('the seeded server', () => {
  it('holds 44 users (3 banned, 4 invited, one expired), 3 organizations with 3 teams', async () => {
    const h = await start();
    // The seed time is a figure for the log, not an assertion (speed is measured in benchmarks).
    console.info(`better-auth seed: ${h.server.seed.seedMs} ms`);
    const a = h.adapter;
    const counts = await a.getUserCounts!({});
    expect(counts).toEqual({ active: 37, invited: 4, deactivated: 3, contacts: 0, all: 44 });
    const entities = await a.listEntities({ pageIndex: 0, pageSize: 50 });
    expect(entities.items.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'company:Acme France', 'sub_account:Lyon Support', 'sub_account:Paris Sales', 'company:Acme Germany', 'sub_account:Berlin Operations', 'company:Acme Spain',
    ]);
    const expired = await a.listInvitations({ pageIndex: 0, pageSize: 10, status: 'expired' });
    expect(expired.total).toBe(1);
    const settings = await a.getSettings();
    expect(settings).toMatchObject({ currentUser: { name: 'Alice Martin', isAdmin: true }, multiEntity: true, invitation: { ttlDays: 2, onExpiry: 'expire' } });
  });
});

describe('the Origin better-auth checks', () => {
  it('a sign-in from Node without origin fails with a clear forbidden error; with the origin it gives a token', async () => {
    const h = await start();
    const { email, password } = h.server.seed.admin;
    const error = await rejection(signInForToken({ baseURL: h.server.authURL, email, password }));
    expect(error.code).toBe('forbidden');
    expect(error.status).toBe(403);
    expect(error.message).toContain('MISSING_OR_NULL_ORIGIN');
    expect(error.message).toContain('`origin` option');
    const token = await signInForToken({ baseURL: h.server.authURL, email, password, origin: h.server.url });
    expect(token.length).toBeGreaterThan(10);
  });

  it('a cookie-authenticated adapter without origin reads but its writes fail with the hint; with origin they pass', async () => {
    const h = await start();
    const response = await fetch(`${h.server.authURL}/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: h.server.url },
      body: JSON.stringify({ email: h.server.seed.admin.email, password: h.server.seed.admin.password }),
    });
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const noOrigin = createBetterAuthAdapter({ ...h.options, token: undefined, origin: undefined, headers: { cookie } });
    const settings = await noOrigin.getSettings();
    const [victim] = await otherActive(noOrigin, settings.currentUser.id);
    const error = await rejection(noOrigin.setUserStatus({ id: victim!.id, status: 'deactivated' }));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/MISSING_OR_NULL_ORIGIN.*origin/s);
    expect((await noOrigin.getUser({ id: victim!.id })).status).toBe('active');

    const withOrigin = createBetterAuthAdapter({ ...h.options, token: undefined, headers: { cookie } });
    expect((await withOrigin.setUserStatus({ id: victim!.id, status: 'deactivated' })).status).toBe('deactivated');
  });
});

describe('query strategy', () => {
  it('users are read from the memberships and invitations of our organizations: list-users only ever filtered on their ids or addresses, never the whole platform', async () => {
    const h = await start();
    const a = h.adapter;
    await a.listRoles(); // warm the organizations cache, so the log shows the user reads only

    h.server.faults.resetLog();
    const page = await a.listUsers({ pageIndex: 1, pageSize: 5, sort: { field: 'email', direction: 'asc' } });
    expect(page.total).toBe(44);
    expect(page.items).toHaveLength(5);
    const emails = page.items.map((u) => u.email);
    expect(emails).toEqual([...emails].sort());
    const paths = new Set(h.server.faults.log.map((r) => r.path));
    // The team members (the page shows members of organizations with teams) and the records; the
    // members and invitations came with the organizations (get-full-organization: each has fewer than
    // 100 members), unless that read is older than cacheMs on a slow machine.
    expect(paths).toContain('/organization/list-team-members');
    const organizationReads = ['/organization/list', '/organization/get-full-organization', '/organization/list-invitations', '/organization/list-members', '/organization/list-team-members', '/organization/list-roles'];
    expect([...paths].filter((p) => !organizationReads.includes(p))).toEqual(['/admin/list-users']);
    const userReads = h.server.faults.log.filter((r) => r.path === '/admin/list-users').map((r) => new URLSearchParams(r.query));
    expect(userReads.length).toBeGreaterThan(0);
    for (const q of userReads) {
      // By id or address, or the banned users (the only platform-wide read, for the status of members).
      expect(['id', 'email', 'banned']).toContain(q.get('filterField'));
      expect(['in', 'eq']).toContain(q.get('filterOperator'));
      expect(q.getAll('filterValue').length).toBeGreaterThan(0);
      if (q.get('filterField') === 'banned') expect(q.get('filterValue')).toBe('true');
    }

    const searched = await a.listUsers({ pageIndex: 0, pageSize: 5, search: 'GARC' });
    // Case- and accent-insensitive on the split name (better-auth's own search is neither).
    expect(searched.items.length).toBeGreaterThan(0);
    expect(searched.items.every((u) => `${u.firstName} ${u.lastName} ${u.email}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes('garc'))).toBe(true);
    const banned = await a.listUsers({ pageIndex: 0, pageSize: 20, sort: { field: 'email', direction: 'asc' }, filter: { status: ['deactivated'] } });
    expect(banned.total).toBe(3); // the seed bans three users
    expect(banned.items.every((u) => u.status === 'deactivated')).toBe(true);
  });

  it('the organizations are read once per cache period; a write clears the cache', async () => {
    const h = await start({ cacheMs: 60_000 });
    const a = h.adapter;
    await a.listUsers({ pageIndex: 0, pageSize: 5 });
    h.server.faults.resetLog();
    await a.listUsers({ pageIndex: 1, pageSize: 5 });
    // Only the records of our users (by id and by invited address), from the cached memberships.
    expect(new Set(h.server.faults.log.map((r) => r.path))).toEqual(new Set(['/admin/list-users']));
    const settings = await a.getSettings();
    const [victim] = await otherActive(a, settings.currentUser.id);
    h.server.faults.resetLog();
    await a.setUserStatus({ id: victim!.id, status: 'deactivated' });
    const paths = h.server.faults.log.map((r) => r.path);
    // Read from the cache before the ban, read again after it (the members and invitations of
    // organizations under 100 members: get-full-organization).
    expect(paths.indexOf('/admin/ban-user')).toBeGreaterThan(-1);
    expect(paths.indexOf('/organization/get-full-organization')).toBeGreaterThan(paths.indexOf('/admin/ban-user'));
    expect(paths.slice(0, paths.indexOf('/admin/ban-user'))).not.toContain('/organization/get-full-organization');
    expect(paths).not.toContain('/organization/list-members');
  });

  it('an aborted signal rejects even when the answer is cached', async () => {
    const h = await start({ cacheMs: 60_000 });
    const a = h.adapter;
    await a.getSettings();
    await a.listRoles();
    const controller = new AbortController();
    controller.abort();
    await expect(a.getSettings({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(a.listRoles({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(a.listEntities({ pageIndex: 0, pageSize: 5, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('invitations', () => {
  it('inviteUsers sends one create-user and one invite per address with at most inviteConcurrency requests in flight', async () => {
    const h = await start({ inviteConcurrency: 3 });
    const a = h.adapter;
    await a.listUsers({ pageIndex: 0, pageSize: 1 });
    const { items: entities } = await a.listEntities({ parentId: null, pageIndex: 0, pageSize: 10 });
    const emails = Array.from({ length: 10 }, (_, i) => `batch${i}@acme.fr`);
    await a.listRoles();
    h.server.faults.setLatency(40);
    h.server.faults.resetLog();
    const result = await a.inviteUsers({ input: { emails, roleId: 'editor', entityIds: [entities[0]!.id] } });
    const invitePhase = h.server.faults.maxInFlight;
    h.server.faults.setLatency(0);
    expect(result.invited.map((i) => i.email).sort()).toEqual([...emails].sort());
    expect(result.skipped).toEqual([]);
    const log = h.server.faults.log;
    expect(log.filter((r) => r.path === '/admin/create-user')).toHaveLength(10);
    expect(log.filter((r) => r.path === '/organization/invite-member')).toHaveLength(10);
    expect(invitePhase).toBeLessThanOrEqual(3);
    expect(invitePhase).toBeGreaterThanOrEqual(2);
    expect(h.server.sentInvitations.filter((s) => emails.includes(s.email))).toHaveLength(10);
  });

  it('canceled and accepted invitations in better-auth are never listed; an invitee with several organizations is one invitation', async () => {
    const h = await start();
    const a = h.adapter;
    const orgs = h.server.seed.organizations;
    const everyOrg = await Promise.all(orgs.map((o) => raw<{ email: string; status: string }[]>(h, `/organization/list-invitations?organizationId=${o.id}`)));
    const statuses = everyOrg.flatMap((r) => r.data.map((i) => i.status));
    expect(statuses).toContain('canceled');
    expect(statuses).toContain('accepted');
    const history = everyOrg.flatMap((r) => r.data).filter((i) => i.status !== 'pending').map((i) => i.email);
    const listed = await a.listInvitations({ pageIndex: 0, pageSize: 50 });
    expect(listed.items.some((i) => history.includes(i.email))).toBe(false);
    expect(listed.total).toBe(4); // the seed's four invited users

    const { invited } = await a.inviteUsers({ input: { emails: ['two.orgs@acme.de'], roleId: 'analyst', entityIds: [orgs[0]!.id, orgs[1]!.teams[0]!.id] } });
    expect(invited[0]!.entityIds).toEqual(expect.arrayContaining([orgs[0]!.id, orgs[1]!.id, orgs[1]!.teams[0]!.id]));
    const after = await a.listInvitations({ pageIndex: 0, pageSize: 50, search: 'two.orgs' });
    expect(after.total).toBe(1);
    await a.revokeInvitation({ id: after.items[0]!.id });
    const canceled = await Promise.all(orgs.slice(0, 2).map((o) => raw<{ email: string; status: string }[]>(h, `/organization/list-invitations?organizationId=${o.id}`)));
    expect(canceled.flatMap((r) => r.data).filter((i) => i.email === 'two.orgs@acme.de').map((i) => i.status)).toEqual(['canceled', 'canceled']);
    expect((await a.listInvitations({ pageIndex: 0, pageSize: 50, search: 'two.orgs' })).total).toBe(0);
  });

  it('an invitee who sets a password and accepts becomes active with the role of the invitation', async () => {
    const h = await start();
    const a = h.adapter;
    const org = h.server.seed.organizations[1]!;
    const { invited } = await a.inviteUsers({ input: { emails: ['newcomer@acme.de'], roleId: 'editor', entityIds: [org.id] } });
    const userId = invited[0]!.userId;
    expect((await a.getUser({ id: userId })).status).toBe('invited');
    // The host's invitation page: set a password (here through the admin route), sign in, accept.
    expect((await raw(h, '/admin/set-user-password', { userId, newPassword: 'newcomer-password-1' })).status).toBe(200);
    const token = await signInForToken({ baseURL: h.server.authURL, email: 'newcomer@acme.de', password: 'newcomer-password-1', origin: h.server.url });
    const sent = h.server.sentInvitations.find((s) => s.email === 'newcomer@acme.de')!;
    const accepted = await fetch(`${h.server.authURL}/organization/accept-invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: h.server.url },
      body: JSON.stringify({ invitationId: sent.id }),
    });
    expect(accepted.status).toBe(200);
    const user = await createBetterAuthAdapter(h.options).getUser({ id: userId });
    expect(user).toMatchObject({ status: 'active', roleId: 'editor', entityIds: [org.id], invitation: null });
  });
});

describe('users', () => {
  it('ban ⇄ deactivated: the adapter bans and unbans, and a ban made in better-auth reads as deactivated', async () => {
    const h = await start();
    const a = h.adapter;
    const settings = await a.getSettings();
    const [u1, u2] = await otherActive(a, settings.currentUser.id);
    await a.setUserStatus({ id: u1!.id, status: 'deactivated' });
    expect((await raw<{ banned: boolean }>(h, `/admin/get-user?id=${u1!.id}`)).data.banned).toBe(true);
    await a.setUserStatus({ id: u1!.id, status: 'active' });
    expect((await raw<{ banned: boolean }>(h, `/admin/get-user?id=${u1!.id}`)).data.banned).toBe(false);
    await raw(h, '/admin/ban-user', { userId: u2!.id });
    expect((await createBetterAuthAdapter(h.options).getUser({ id: u2!.id })).status).toBe('deactivated');
  });

  it('removing a user removes their memberships first, so list-members keeps working for their organizations', async () => {
    const h = await start();
    const a = h.adapter;
    const settings = await a.getSettings();
    const [victim] = await otherActive(a, settings.currentUser.id);
    await a.removeUser({ id: victim!.id });
    for (const orgId of victim!.entityIds.filter((id) => h.server.seed.organizations.some((o) => o.id === id))) {
      const members = await raw<{ members: { userId: string }[] }>(h, `/organization/list-members?organizationId=${orgId}&limit=200`);
      expect(members.status).toBe(200);
      expect(members.data.members.some((m) => m.userId === victim!.id)).toBe(false);
    }
    expect((await rejection(a.getUser({ id: victim!.id }))).code).toBe('not_found');
  });

  it('maps better-auth errors: an existing address is conflict/email_taken on email; permissions other than the role are refused', async () => {
    const h = await start();
    const a = h.adapter;
    const orgId = h.server.seed.organizations[0]!.id;
    const taken = await rejection(a.createUser({ input: { kind: 'login', email: 'karim.benali@acme.fr', firstName: 'K', lastName: 'B', roleId: 'member', scope: 'entity', entityIds: [orgId] } }));
    expect(taken).toMatchObject({ code: 'conflict', reason: 'email_taken', fieldErrors: { email: 'taken' } });
    const custom = await rejection(a.createUser({ input: { kind: 'login', email: 'custom@acme.fr', firstName: 'C', lastName: 'P', roleId: 'member', scope: 'entity', entityIds: [orgId], permissions: { documents: 'edit' } } }));
    expect(custom).toMatchObject({ code: 'validation', fieldErrors: { permissions: 'not_allowed' } });
    expect((await a.listUsers({ pageIndex: 0, pageSize: 5, search: 'custom@acme.fr' })).total).toBe(0);
  });

  it('with syncPlatformRole: true, promoting to an admin role sets the admin plugin role to admin, demoting sets it back to user', async () => {
    const h = await start({ syncPlatformRole: true });
    const a = h.adapter;
    const settings = await a.getSettings();
    const [u] = await otherActive(a, settings.currentUser.id);
    await a.updateUser({ id: u!.id, patch: { roleId: 'admin' } });
    expect((await raw<{ role: string }>(h, `/admin/get-user?id=${u!.id}`)).data.role).toBe('admin');
    const promoted = await a.getUser({ id: u!.id });
    expect(promoted.roleId).toBe('admin');
    expect(promoted.permissions.pricing).toBe('edit');
    await a.updateUser({ id: u!.id, patch: { roleId: 'analyst' } });
    expect((await raw<{ role: string }>(h, `/admin/get-user?id=${u!.id}`)).data.role).toBe('user');
  });
});

describe('roles', () => {
  it('listRoles merges the static roles of the options with the dynamic roles of the server', async () => {
    const h = await start();
    const roles = await h.adapter.listRoles();
    expect(roles.map((r) => r.id).sort()).toEqual(['admin', 'analyst', 'editor', 'member', 'owner']);
    expect(roles.find((r) => r.id === 'admin')).toMatchObject({ name: 'Administrator', isAdmin: true });
    expect(roles.find((r) => r.id === 'member')).toMatchObject({ name: 'Member', isAdmin: false, defaultPermissions: { documents: 'view' } });
    // Dynamic: read from the server's organizationRole rows, levels from their statements.
    expect(roles.find((r) => r.id === 'analyst')).toMatchObject({ name: 'Analyst', isAdmin: false, defaultPermissions: { documents: 'view', reports: 'export' } });

    const org = h.server.seed.organizations[2]!;
    expect((await raw(h, '/organization/create-role', { organizationId: org.id, role: 'auditor', permission: { reports: ['view'] } })).status).toBe(200);
    const again = await createBetterAuthAdapter(h.options).listRoles();
    expect(again.find((r) => r.id === 'auditor')).toMatchObject({ name: 'Auditor', defaultPermissions: { reports: 'view' } });
  });

  it('updateRole changes a dynamic role in every organization and refuses a static one', async () => {
    const h = await start();
    const a = h.adapter;
    const updated = await a.updateRole!({ id: 'editor', patch: { defaultPermissions: { documents: 'view', reports: 'view' } } });
    expect(updated.defaultPermissions).toEqual({ documents: 'view', reports: 'view' });
    for (const org of h.server.seed.organizations) {
      const { data } = await raw<{ role: string; permission: Record<string, string[]> }[]>(h, `/organization/list-roles?organizationId=${org.id}`);
      expect(data.find((r) => r.role === 'editor')?.permission).toEqual({ documents: ['view'], reports: ['view'] });
    }
    const refused = await rejection(a.updateRole!({ id: 'member', patch: { defaultPermissions: { documents: 'edit' } } }));
    expect(refused.code).toBe('forbidden');
    expect(createBetterAuthAdapter({ ...h.options, dynamicRoles: false }).updateRole).toBeUndefined();
  });
});
