/**
 * A failed action leaves the list as it was: against the real better-auth server, a LATER request
 * of a multi-request write is made to fail through the fault layer (failMatching), then the
 * server is read back. The request log shows the earlier requests did go through (and were
 * undone), so each test covers a partial write, not a write that failed on its first request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { User } from '../../../src/contract/types';
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

/** A raw authenticated GET to the server, bypassing the adapter. */
async function rawGet<T>(h: BetterAuthHarness, path: string): Promise<T> {
  const response = await fetch(`${h.server.authURL}${path}`, { headers: { authorization: `Bearer ${h.token}`, origin: h.server.url } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The member rows of a user in every organization: organization id → role. */
async function memberRoles(h: BetterAuthHarness, userId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const org of h.server.seed.organizations) {
    const page = await rawGet<{ members: { userId: string; role: string }[] }>(h, `/organization/list-members?organizationId=${org.id}&limit=200`);
    for (const m of page.members) if (m.userId === userId) out[org.id] = m.role;
  }
  return out;
}

/** What the list shows of a user. */
const shown = (u: User) => ({ email: u.email, firstName: u.firstName, lastName: u.lastName, status: u.status, roleId: u.roleId, entityIds: [...u.entityIds].sort() });

/** An active `member` in several organizations and in a team (the seed has some). */
async function memberOfSeveral(h: BetterAuthHarness): Promise<User> {
  const { items } = await h.adapter.listUsers({ pageIndex: 0, pageSize: 100, filter: { status: ['active'] } });
  const teamIds = new Set(h.server.seed.organizations.flatMap((o) => o.teams.map((t) => t.id)));
  const found = items.find((u) => u.roleId === 'member' && u.scope === 'group' && u.entityIds.some((id) => teamIds.has(id)));
  if (!found) throw new Error('the seed has no member in several organizations and a team');
  return found;
}

const paths = (h: BetterAuthHarness, path: string) => h.server.faults.log.filter((r) => r.method === 'POST' && r.path === path).length;

describe('a failed write leaves the server as it was', () => {
  it('re-inviting an invited user after an email and role change: a failed invitation re-sends the canceled ones and restores the address', async () => {
    const h = await start();
    const invitations = await h.adapter.listInvitations({ pageIndex: 0, pageSize: 50, status: 'pending' });
    const invitation = invitations.items[0]!;
    const before = await h.adapter.getUser({ id: invitation.userId });
    h.server.faults.resetLog();
    h.server.faults.failMatching({ method: 'POST', path: '/organization/invite-member' }, 'unavailable');

    const error = await rejection(h.adapter.updateUser({ id: before.id, patch: { email: 'moved.elsewhere@acme.fr', roleId: 'editor' } }));

    expect(error.code).toBe('unavailable');
    // The email change and the cancellation went through before the invitation failed.
    expect(paths(h, '/admin/update-user')).toBe(2);
    expect(paths(h, '/organization/cancel-invitation')).toBeGreaterThanOrEqual(1);
    const after = await h.adapter.getUser({ id: before.id });
    expect(shown(after)).toEqual(shown(before));
    const again = await h.adapter.listInvitations({ pageIndex: 0, pageSize: 50, search: before.email });
    expect(again.items.map((i) => ({ email: i.email, status: i.status, roleId: i.roleId, entityIds: [...i.entityIds].sort() }))).toEqual([
      { email: invitation.email, status: 'pending', roleId: invitation.roleId, entityIds: [...invitation.entityIds].sort() },
    ]);
    expect((await h.adapter.listInvitations({ pageIndex: 0, pageSize: 50, search: 'moved.elsewhere' })).total).toBe(0);
  });

  it('a role change across organizations: when the second organization fails, the first gets its role back', async () => {
    const h = await start();
    const user = await memberOfSeveral(h);
    const rolesBefore = await memberRoles(h, user.id);
    expect(Object.keys(rolesBefore).length).toBeGreaterThanOrEqual(2);
    h.server.faults.resetLog();
    h.server.faults.failMatching({ method: 'POST', path: '/organization/update-member-role', nth: 2 }, 'unavailable');

    const error = await rejection(h.adapter.updateUser({ id: user.id, patch: { roleId: 'editor' } }));

    expect(error.code).toBe('unavailable');
    // First organization changed, second failed, first put back.
    expect(paths(h, '/organization/update-member-role')).toBe(3);
    expect(await memberRoles(h, user.id)).toEqual(rolesBefore);
    expect(shown(await h.adapter.getUser({ id: user.id }))).toEqual(shown(user));
  });

  it('with syncPlatformRole, a promotion whose platform role (set-role) fails puts every organization role back', async () => {
    const h = await start({ syncPlatformRole: true });
    const user = await memberOfSeveral(h);
    const rolesBefore = await memberRoles(h, user.id);
    h.server.faults.resetLog();
    h.server.faults.failMatching({ method: 'POST', path: '/admin/set-role' }, 'unknown');

    const error = await rejection(h.adapter.updateUser({ id: user.id, patch: { roleId: 'admin' } }));

    expect(error.code).toBe('unknown');
    expect(paths(h, '/organization/update-member-role')).toBe(2 * Object.keys(rolesBefore).length);
    expect(await memberRoles(h, user.id)).toEqual(rolesBefore);
    expect((await rawGet<{ role: string | null }>(h, `/admin/get-user?id=${user.id}`)).role).toBe('user');
  });

  it('removing a user whose last remove-member fails puts the memberships and teams back (through addMember)', async () => {
    const h = await start();
    const user = await memberOfSeveral(h);
    const orgCount = user.entityIds.filter((id) => h.server.seed.organizations.some((o) => o.id === id)).length;
    const countsBefore = await h.adapter.getUserCounts!({});
    h.server.faults.resetLog();
    h.server.faults.failMatching({ method: 'POST', path: '/organization/remove-member', nth: orgCount }, 'unavailable');

    const error = await rejection(h.adapter.removeUser({ id: user.id }));

    expect(error.code).toBe('unavailable');
    expect(paths(h, '/organization/remove-member')).toBe(orgCount);
    // The platform account is never deleted (removal policy).
    expect(paths(h, '/admin/remove-user')).toBe(0);
    expect(shown(await h.adapter.getUser({ id: user.id }))).toEqual(shown(user));
    expect(await h.adapter.getUserCounts!({})).toEqual(countsBefore);
  });

  it('when an undo fails too, the original error is the one rethrown', async () => {
    let attempts = 0;
    const h = await start({
      addMember: async () => {
        attempts += 1;
        throw new Error('the host could not restore the membership');
      },
    });
    const user = await memberOfSeveral(h);
    const orgCount = user.entityIds.filter((id) => h.server.seed.organizations.some((o) => o.id === id)).length;
    h.server.faults.failMatching({ method: 'POST', path: '/organization/remove-member', nth: orgCount }, 'rate_limited');

    const error = await rejection(h.adapter.removeUser({ id: user.id }));

    expect(error.code).toBe('rate_limited');
    expect(error.message).not.toContain('restore');
    // Every removed membership was tried (each undo failing does not stop the next one).
    expect(attempts).toBe(orgCount - 1);
  });

  it('removing an invited user whose second cancel-invitation fails sends the canceled one again', async () => {
    const h = await start();
    const [first, second] = h.server.seed.organizations;
    const { invited } = await h.adapter.inviteUsers({ input: { emails: ['two.orgs@acme.fr'], roleId: 'analyst', entityIds: [first!.id, second!.id], scope: 'group' } });
    const invitation = invited[0]!;
    const before = await h.adapter.getUser({ id: invitation.userId });
    h.server.faults.resetLog();
    h.server.faults.failMatching({ method: 'POST', path: '/organization/cancel-invitation', nth: 2 }, 'unavailable');

    const error = await rejection(h.adapter.removeUser({ id: before.id }));

    expect(error.code).toBe('unavailable');
    expect(paths(h, '/organization/cancel-invitation')).toBe(2);
    expect(shown(await h.adapter.getUser({ id: before.id }))).toEqual(shown(before));
    const again = await h.adapter.listInvitations({ pageIndex: 0, pageSize: 50, search: before.email });
    expect(again.items.map((i) => [i.status, i.roleId, [...i.entityIds].sort()])).toEqual([[invitation.status, invitation.roleId, [...invitation.entityIds].sort()]]);
  });

  it('updateRole across organizations: when the second organization fails, the first gets its permissions back', async () => {
    const h = await start();
    const firstOrg = h.server.seed.organizations[0]!.id;
    const permissionIn = async (orgId: string) =>
      (await rawGet<{ role: string; permission: unknown }[]>(h, `/organization/list-roles?organizationId=${orgId}`)).find((r) => r.role === 'editor')?.permission;
    const before = await permissionIn(firstOrg);
    const roleBefore = (await h.adapter.listRoles({})).find((r) => r.id === 'editor')!;
    h.server.faults.resetLog();
    h.server.faults.failMatching({ method: 'POST', path: '/organization/update-role', nth: 2 }, 'unavailable');

    const error = await rejection(h.adapter.updateRole!({ id: 'editor', patch: { defaultPermissions: { ...roleBefore.defaultPermissions, reports: 'export' } } }));

    expect(error.code).toBe('unavailable');
    expect(paths(h, '/organization/update-role')).toBe(3);
    expect(await permissionIn(firstOrg)).toEqual(before);
    expect((await h.adapter.listRoles({})).find((r) => r.id === 'editor')).toEqual(roleBefore);
  });
});

describe('inviteUsers reports what it could not invite', () => {
  it('an address whose invitation fails is in failed with nothing left for it; the others are invited', async () => {
    const h = await start();
    const org = h.server.seed.organizations[0]!.id;
    const emails = ['first.new@acme.fr', 'second.new@acme.fr', 'third.new@acme.fr'];
    h.server.faults.resetLog();
    await h.failInvite!('second.new@acme.fr');

    const result = await h.adapter.inviteUsers({ input: { emails, roleId: 'member', entityIds: [org], scope: 'entity' } });

    expect(result.failed).toEqual([{ email: 'second.new@acme.fr', code: 'unavailable' }]);
    expect(result.invited.map((i) => i.email).sort()).toEqual(['first.new@acme.fr', 'third.new@acme.fr']);
    expect(result.skipped).toEqual([]);
    // Its user was created, then removed again after the failed invitation.
    expect(paths(h, '/admin/create-user')).toBe(3);
    expect(paths(h, '/admin/remove-user')).toBe(1);
    expect((await h.adapter.listUsers({ pageIndex: 0, pageSize: 5, search: 'second.new' })).total).toBe(0);
    expect((await h.adapter.listInvitations({ pageIndex: 0, pageSize: 5, search: 'second.new' })).total).toBe(0);
  });

  it('a refusal of the invitation itself (403) rejects the whole call, with nothing left for that address', async () => {
    const h = await start();
    const org = h.server.seed.organizations[0]!.id;
    h.server.faults.failMatching(
      { method: 'POST', path: '/organization/invite-member', body: (b) => (b as { email?: string } | undefined)?.email === 'second.new@acme.fr' },
      'forbidden',
    );
    const emails = ['first.new@acme.fr', 'second.new@acme.fr', 'third.new@acme.fr'];
    const error = await rejection(h.adapter.inviteUsers({ input: { emails, roleId: 'member', entityIds: [org], scope: 'entity' } }));
    expect(error.code).toBe('forbidden');
    expect((await h.adapter.listUsers({ pageIndex: 0, pageSize: 5, search: 'second.new' })).total).toBe(0);
  });

  it('rejects when nothing could be attempted (reading the users failed first)', async () => {
    const h = await start();
    const org = h.server.seed.organizations[0]!.id;
    await h.adapter.listRoles({});
    h.server.faults.failMatching({ method: 'GET', path: '/admin/list-users' }, 'unavailable');
    const error = await rejection(h.adapter.inviteUsers({ input: { emails: ['first.new@acme.fr'], roleId: 'member', entityIds: [org], scope: 'entity' } }));
    expect(error.code).toBe('unavailable');
    expect(paths(h, '/admin/create-user')).toBe(0);
  });
});
