/**
 * The better-auth adapter administers the admin's organizations, not the platform, and enforces
 * the core's rules (src/core) that better-auth does not. Each test reproduces a bug found in review
 * against the real server and shows the fix:
 *
 * - users came from `/admin/list-users` (the whole platform): a user owning another organization
 *   with a pending invitation to ours was deleted platform-wide when that invitation was revoked;
 * - removal deleted the platform account (`/admin/remove-user`), orphaning memberships elsewhere;
 * - promoting to organization admin made a platform admin (`syncPlatformRole` was on by default);
 * - self-demotion passed (and dropped the admin's platform role);
 * - under enforced SSO an invitation could be resent, or sent by an edit;
 * - the invite classification did not follow the core's order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/contract/types';
import { createBetterAuthHarness, DISALLOWED_DOMAIN_MEMBER, insertRow, insertUser, type BetterAuthHarness } from './harness';
import { rejection } from '../../utils/rejection';

let current: BetterAuthHarness | null = null;
afterEach(async () => {
  await current?.cleanup?.();
  current = null;
});

async function start(...args: Parameters<typeof createBetterAuthHarness>): Promise<BetterAuthHarness> {
  current = await createBetterAuthHarness(...args);
  return current;
}

const DAY = 24 * 60 * 60 * 1000;

/** A raw authenticated GET, bypassing the adapter. */
async function rawGet<T>(h: BetterAuthHarness, path: string): Promise<{ status: number; data: T }> {
  const response = await fetch(`${h.server.authURL}${path}`, { headers: { authorization: `Bearer ${h.token}`, origin: h.server.url } });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : null) as T };
}

/** The member rows of a user in every organization of the server, ours or not (read from the database). */
async function membershipsOf(h: BetterAuthHarness, userId: string): Promise<string[]> {
  const ctx = await h.server.auth.$context;
  const rows = await ctx.adapter.findMany<{ organizationId: string }>({ model: 'member', where: [{ field: 'userId', value: userId }] });
  return rows.map((r) => r.organizationId).sort();
}

/** An organization the admin is not a member of, owned by a new user; the platform has it, we do not. */
async function foreignOrganization(h: BetterAuthHarness, owner: { email: string; name: string }) {
  const org = await insertRow<{ id: string }>(h.server, 'organization', { name: 'Globex', slug: `globex-${Math.random().toString(36).slice(2, 8)}`, createdAt: new Date() });
  const user = await insertUser(h.server, owner.email, owner.name);
  await insertRow(h.server, 'member', { organizationId: org.id, userId: user.id, role: 'owner', createdAt: new Date() });
  return { org, user };
}

const posts = (h: BetterAuthHarness, path: string) => h.server.faults.log.filter((r) => r.method === 'POST' && r.path === path).length;

describe('only the users of our organizations', () => {
  it('a user owning another organization with a pending invitation to ours is listed as invited there only; revoking it only revokes', async () => {
    const h = await start();
    const ours = h.server.seed.organizations[0]!;
    const { org: globex, user: bob } = await foreignOrganization(h, { email: 'bob.owner@globex.test', name: 'Bob Owner' });
    await insertRow(h.server, 'invitation', {
      organizationId: ours.id, email: bob.email, role: 'member', status: 'pending', teamId: null,
      expiresAt: new Date(Date.now() + DAY), createdAt: new Date(), inviterId: h.server.seed.admin.id,
    });
    // A platform user with nothing of ours is not listed at all.
    const { user: stranger } = await foreignOrganization(h, { email: 'stranger@globex.test', name: 'Stranger Danger' });

    const counts = await h.adapter.getUserCounts!({});
    expect(counts).toMatchObject({ all: 45, invited: 5 });
    const listed = await h.adapter.getUser({ id: bob.id });
    expect(listed).toMatchObject({ status: 'invited', entityIds: [ours.id], roleId: 'member' });
    expect(listed.entityIds).not.toContain(globex.id);
    expect((await h.adapter.listUsers({ pageIndex: 0, pageSize: 10, search: 'stranger' })).total).toBe(0);
    expect((await rejection(h.adapter.getUser({ id: stranger.id }))).code).toBe('not_found');

    const invitation = (await h.adapter.listInvitations({ pageIndex: 0, pageSize: 5, search: bob.email })).items[0]!;
    h.server.faults.resetLog();
    await h.adapter.revokeInvitation({ id: invitation.id });

    expect(posts(h, '/organization/cancel-invitation')).toBe(1);
    expect(posts(h, '/admin/remove-user')).toBe(0);
    // Bob keeps his account and his own organization; he is simply no longer one of ours.
    expect((await rawGet<{ email: string }>(h, `/admin/get-user?id=${bob.id}`)).data.email).toBe(bob.email);
    expect(await membershipsOf(h, bob.id)).toEqual([globex.id]);
    expect((await rejection(h.adapter.getUser({ id: bob.id }))).code).toBe('not_found');
    expect(await h.adapter.getUserCounts!({})).toMatchObject({ all: 44, invited: 4 });
  });

  it('removing a user who is also a member elsewhere removes our memberships only; invited again, the same account is invited', async () => {
    const h = await start();
    const [ours, ours2] = h.server.seed.organizations;
    const { org: globex, user: carol } = await foreignOrganization(h, { email: 'carol.both@acme.fr', name: 'Carol Both' });
    await insertRow(h.server, 'member', { organizationId: ours!.id, userId: carol.id, role: 'editor', createdAt: new Date() });
    await insertRow(h.server, 'member', { organizationId: ours2!.id, userId: carol.id, role: 'editor', createdAt: new Date() });
    expect((await h.adapter.getUser({ id: carol.id })).entityIds.sort()).toEqual([ours!.id, ours2!.id].sort());

    h.server.faults.resetLog();
    await h.adapter.removeUser({ id: carol.id });

    expect(posts(h, '/organization/remove-member')).toBe(2);
    expect(posts(h, '/admin/remove-user')).toBe(0);
    expect(await membershipsOf(h, carol.id)).toEqual([globex.id]);
    expect((await rawGet(h, `/admin/get-user?id=${carol.id}`)).status).toBe(200);
    expect((await rejection(h.adapter.getUser({ id: carol.id }))).code).toBe('not_found');

    h.server.faults.resetLog();
    const result = await h.adapter.inviteUsers({ input: { emails: [carol.email], roleId: 'member', entityIds: [ours!.id], scope: 'entity' } });
    expect(result.skipped).toEqual([]);
    expect(result.invited[0]!.userId).toBe(carol.id);
    expect(posts(h, '/admin/create-user')).toBe(0);
    expect(await h.adapter.getUser({ id: carol.id })).toMatchObject({ status: 'invited', entityIds: [ours!.id] });
  });

  it('a removed invited user created by the adapter keeps their (passwordless) account: removal never deletes one', async () => {
    const h = await start();
    const org = h.server.seed.organizations[0]!.id;
    const { invited } = await h.adapter.inviteUsers({ input: { emails: ['short.stay@acme.fr'], roleId: 'member', entityIds: [org], scope: 'entity' } });
    h.server.faults.resetLog();
    await h.adapter.removeUser({ id: invited[0]!.userId });
    expect(posts(h, '/admin/remove-user')).toBe(0);
    expect((await rejection(h.adapter.getUser({ id: invited[0]!.userId }))).code).toBe('not_found');
    expect((await h.adapter.listInvitations({ pageIndex: 0, pageSize: 5, search: 'short.stay' })).total).toBe(0);
  });
});

describe('no platform admin by default, no per-user scope', () => {
  it('promoting a member to organization admin leaves their platform role alone (syncPlatformRole defaults to false)', async () => {
    const h = await start();
    const { items } = await h.adapter.listUsers({ pageIndex: 0, pageSize: 100, filter: { status: ['active'] } });
    const member = items.find((u) => u.roleId === 'member')!;
    h.server.faults.resetLog();
    const { user } = await h.adapter.updateUser({ id: member.id, patch: { roleId: 'admin' } });
    expect(user.roleId).toBe('admin');
    expect(user.adminScope).toEqual({ type: 'all' });
    expect(posts(h, '/admin/set-role')).toBe(0);
    expect((await rawGet<{ role: string }>(h, `/admin/get-user?id=${member.id}`)).data.role).toBe('user');
  });

  it('settings declare no per-user admin scope; organizations are roots and teams have their organization as ancestor', async () => {
    const h = await start();
    const settings: Settings = await h.adapter.getSettings();
    expect(settings.features?.adminScope).toBe(false);
    expect(settings.currentUser).toMatchObject({ isAdmin: true, adminScope: { type: 'all' } });
    const { items } = await h.adapter.listEntities({ pageIndex: 0, pageSize: 50 });
    // An empty list would let the loop below pass without checking anything: at least one organization first.
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((e) => e.parentId === null)).toBe(true);
    for (const e of items) expect(e.ancestorIds).toEqual(e.parentId === null ? [] : [e.parentId]);
  });
});

describe('the current admin cannot act on themself (core rules), on every route', () => {
  it('self-demotion is refused even with other admins left, and nothing is written', async () => {
    const h = await start({ syncPlatformRole: true });
    const self = h.server.seed.admin.id;
    const admins = (await h.adapter.listUsers({ pageIndex: 0, pageSize: 100, filter: { roleIds: ['owner', 'admin'], status: ['active'] } })).items;
    expect(admins.filter((u) => u.id !== self).length).toBeGreaterThan(0);
    h.server.faults.resetLog();

    const error = await rejection(h.adapter.updateUser({ id: self, patch: { roleId: 'member' } }));

    expect(error).toMatchObject({ code: 'forbidden', reason: 'self_action' });
    expect(posts(h, '/organization/update-member-role')).toBe(0);
    expect(posts(h, '/admin/set-role')).toBe(0);
    expect((await h.adapter.getUser({ id: self })).roleId).toBe('owner');
    expect((await rawGet<{ role: string }>(h, `/admin/get-user?id=${self}`)).data.role).toBe('admin');
  });

  it('self-deactivation and self-removal are refused by the adapter before any request reaches better-auth', async () => {
    const h = await start();
    const self = h.server.seed.admin.id;
    h.server.faults.resetLog();
    expect(await rejection(h.adapter.setUserStatus({ id: self, status: 'deactivated' }))).toMatchObject({ code: 'forbidden', reason: 'self_action' });
    expect(await rejection(h.adapter.removeUser({ id: self }))).toMatchObject({ code: 'forbidden', reason: 'self_action' });
    expect(posts(h, '/admin/ban-user')).toBe(0);
    expect(posts(h, '/organization/remove-member')).toBe(0);
    expect(posts(h, '/organization/cancel-invitation')).toBe(0);
  });
});

describe('enforced SSO sends no invitation', () => {
  it('resendInvitation is refused (sso_enforced) and sends nothing', async () => {
    const h = await start();
    const invitation = (await h.adapter.listInvitations({ pageIndex: 0, pageSize: 5, status: 'pending' })).items[0]!;
    await h.setSsoEnforced!(true);
    const sent = h.server.sentInvitations.length;
    expect(await rejection(h.adapter.resendInvitation({ id: invitation.id }))).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    expect(h.server.sentInvitations.length).toBe(sent);
  });

  it('reactivating a deactivated user who never accepted makes them a member (host addMember) without sending anything', async () => {
    const h = await start();
    const org = h.server.seed.organizations[0]!;
    const { invited } = await h.adapter.inviteUsers({ input: { emails: ['sso.back@acme.fr'], roleId: 'editor', entityIds: [org.id, org.teams[0]!.id], scope: 'entity' } });
    const userId = invited[0]!.userId;
    await h.adapter.setUserStatus({ id: userId, status: 'deactivated' });
    await h.setSsoEnforced!(true);
    const sent = h.server.sentInvitations.length;
    h.server.faults.resetLog();

    const back = await h.adapter.setUserStatus({ id: userId, status: 'active' });

    expect(back).toMatchObject({ status: 'active', invitation: null, roleId: 'editor' });
    expect([...back.entityIds].sort()).toEqual([org.id, org.teams[0]!.id].sort());
    expect(h.server.sentInvitations.length).toBe(sent);
    expect(posts(h, '/organization/invite-member')).toBe(0);
    expect((await h.adapter.listInvitations({ pageIndex: 0, pageSize: 5, search: 'sso.back', status: 'pending' })).total).toBe(0);
  });

  it('without addMember that reactivation is refused, and nothing changes', async () => {
    const h = await start({ addMember: undefined });
    const invitation = (await h.adapter.listInvitations({ pageIndex: 0, pageSize: 5, status: 'pending' })).items[0]!;
    await h.adapter.setUserStatus({ id: invitation.userId, status: 'deactivated' });
    await h.setSsoEnforced!(true);
    expect(await rejection(h.adapter.setUserStatus({ id: invitation.userId, status: 'active' }))).toMatchObject({ code: 'conflict', reason: 'invalid_status_transition' });
    expect((await h.adapter.getUser({ id: invitation.userId })).status).toBe('deactivated');
  });

  it("editing an invited user's email (which would re-invite them) is refused and sends nothing", async () => {
    const h = await start();
    const invitation = (await h.adapter.listInvitations({ pageIndex: 0, pageSize: 5, status: 'pending' })).items[0]!;
    await h.setSsoEnforced!(true);
    const sent = h.server.sentInvitations.length;
    h.server.faults.resetLog();
    const edit = await rejection(h.adapter.updateUser({ id: invitation.userId, patch: { email: 'moved.under.sso@acme.fr' } }));
    expect(edit).toMatchObject({ code: 'forbidden', reason: 'sso_enforced' });
    expect(h.server.sentInvitations.length).toBe(sent);
    expect(h.server.faults.log.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('invite classification follows the core order', () => {
  it('an existing member is already_member even outside the allowed domains; domain_not_allowed comes before disposable', async () => {
    const h = await start({ allowedDomains: ['acme.fr', 'acme-group.com'] }, { withDisallowedDomainMember: true });
    const org = h.server.seed.organizations[0]!.id;
    const input = (emails: string[]) => ({ input: { emails, roleId: 'member', entityIds: [org], scope: 'entity' as const } });
    const result = await h.adapter.inviteUsers(input(['not an email', DISALLOWED_DOMAIN_MEMBER, 'someone@mailinator.com', 'fresh@acme.fr', 'FRESH@acme.fr']));
    expect(Object.fromEntries(result.skipped.map((s) => [s.email.toLowerCase(), s.reason]))).toEqual({
      'not an email': 'invalid',
      [DISALLOWED_DOMAIN_MEMBER]: 'already_member',
      'someone@mailinator.com': 'domain_not_allowed',
      'fresh@acme.fr': 'duplicate',
    });
    expect(result.invited.map((i) => i.email)).toEqual(['fresh@acme.fr']);
  });
});
