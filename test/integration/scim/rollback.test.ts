/**
 * A failed action leaves the list as it was, against the real SCIM provider: a LATER request of
 * a multi-request write is made to fail through the fault layer (failMatching), then the
 * provider is read back. The request log shows the earlier requests went through (and were
 * undone).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScimProviderFeatures, ScimRequestRecord } from '../../../servers/scim';
import type { User } from '../../../src/contract/types';
import { createScimHarness, type ScimHarness } from './harness';
import { rejection } from '../../utils/rejection';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

async function start(features: ScimProviderFeatures = {}): Promise<ScimHarness> {
  harness = await createScimHarness(features);
  return harness;
}

const shown = (u: User) => ({ email: u.email, firstName: u.firstName, status: u.status, roleId: u.roleId, entityIds: [...u.entityIds].sort(), permissions: u.permissions });
const members = (h: ScimHarness, groupId: string) => h.server.store.groups.get(groupId)!.members.map((m) => m.value).sort();
const writes = (list: ScimRequestRecord[], path: RegExp) => list.filter((r) => r.method !== 'GET' && path.test(r.path));

describe('a failed write leaves the provider as it was', () => {
  for (const features of [{}, { patch: false }] as ScimProviderFeatures[]) {
    const label = features.patch === false ? 'without PATCH (GET + PUT of the groups)' : 'with PATCH';
    const write = features.patch === false ? 'PUT' : 'PATCH';
    it(`updateUser ${label}: a failed ${write} of the user puts the previous role groups back`, async () => {
      const h = await start(features);
      const [jose] = (await h.adapter.listUsers({ pageIndex: 0, pageSize: 1, search: 'jose.garcia@acme.es' })).items;
      const before = jose!;
      expect(before.roleId).toBe('role-user');
      const groupsBefore = { user: members(h, 'role-user'), communication: members(h, 'role-communication') };
      const from = h.server.requests.length;
      h.server.failMatching({ method: write, path: `/Users/${before.id}` }, 'unavailable');

      const error = await rejection(h.adapter.updateUser({ id: before.id, patch: { roleId: 'role-communication', firstName: 'Josep' } }));

      expect(error.code).toBe('unavailable');
      // Both groups changed before the write of the user failed, then changed back.
      expect(writes(h.server.requests.slice(from), /^\/Groups\//).length).toBe(4);
      expect({ user: members(h, 'role-user'), communication: members(h, 'role-communication') }).toEqual(groupsBefore);
      expect(shown(await h.adapter.getUser({ id: before.id }))).toEqual(shown(before));
    });
  }

  for (const features of [{}, { bulk: false }] as ScimProviderFeatures[]) {
    const label = features.bulk === false ? 'one POST per address' : 'through /Bulk';
    it(`inviteUsers ${label}: when the role group change fails, the users it created are deleted and reported in failed`, async () => {
      const h = await start(features);
      const roleId = (await h.adapter.listRoles()).find((r) => !r.isAdmin)!.id;
      const usersBefore = h.server.store.users.size;
      const invitationsBefore = (await h.adapter.listInvitations({ pageIndex: 0, pageSize: 100 })).total;
      const from = h.server.requests.length;
      h.server.failMatching({ method: 'PATCH', path: `/Groups/${roleId}` }, 'unavailable');

      const emails = ['first.new@acme.fr', 'second.new@acme.fr'];
      const result = await h.adapter.inviteUsers({ input: { emails, roleId, entityIds: ['entity-acme-paris'] } });

      expect(result.invited).toEqual([]);
      expect(result.failed).toEqual(emails.map((email) => ({ email, code: 'unavailable' })));
      const sent = h.server.requests.slice(from);
      expect(writes(sent, features.bulk === false ? /^\/Users$/ : /^\/Bulk$/).length).toBe(features.bulk === false ? 2 : 1);
      expect(sent.filter((r) => r.method === 'DELETE').length).toBe(2);
      expect(h.server.store.users.size).toBe(usersBefore);
      expect((await h.adapter.listUsers({ pageIndex: 0, pageSize: 10, search: '.new@acme.fr' })).total).toBe(0);
      expect((await h.adapter.listInvitations({ pageIndex: 0, pageSize: 100 })).total).toBe(invitationsBefore);
    });
  }

  for (const features of [{}, { bulk: false }] as ScimProviderFeatures[]) {
    const label = features.bulk === false ? 'one POST per address' : 'through /Bulk';
    it(`inviteUsers ${label}: an address whose creation fails is in failed, the others are invited`, async () => {
      const h = await start(features);
      const roleId = (await h.adapter.listRoles()).find((r) => !r.isAdmin)!.id;
      const from = h.server.requests.length;
      await h.failInvite!('second.new@acme.fr');

      const emails = ['first.new@acme.fr', 'second.new@acme.fr', 'third.new@acme.fr'];
      const result = await h.adapter.inviteUsers({ input: { emails, roleId, entityIds: ['entity-acme-paris'] } });

      expect(result.failed).toEqual([{ email: 'second.new@acme.fr', code: 'unavailable' }]);
      expect(result.invited.map((i) => i.email).sort()).toEqual(['first.new@acme.fr', 'third.new@acme.fr']);
      expect(writes(h.server.requests.slice(from), features.bulk === false ? /^\/Users$/ : /^\/Bulk$/).length).toBe(features.bulk === false ? 3 : 1);
      const stored = [...h.server.store.users.values()].map((u) => u.userName);
      expect(stored).toContain('first.new@acme.fr');
      expect(stored).not.toContain('second.new@acme.fr');
      const invitedIds = result.invited.map((i) => i.userId);
      expect(members(h, roleId)).toEqual(expect.arrayContaining(invitedIds));
    });
  }

  for (const features of [{}, { bulk: false }] as ScimProviderFeatures[]) {
    it(`inviteUsers ${features.bulk === false ? 'one POST per address' : 'over /Bulk'}: a refusal of the write (403) rejects the whole call and deletes the users already created`, async () => {
      const h = await start(features);
      const roleId = (await h.adapter.listRoles()).find((r) => !r.isAdmin)!.id;
      h.server.failMatching({ method: 'POST', path: '/Users', body: (b) => (b as { userName?: string } | undefined)?.userName === 'second.new@acme.fr' }, 'forbidden');
      const emails = ['first.new@acme.fr', 'second.new@acme.fr', 'third.new@acme.fr'];
      const error = await rejection(h.adapter.inviteUsers({ input: { emails, roleId, entityIds: ['entity-acme-paris'] } }));
      expect(error.code).toBe('forbidden');
      const stored = [...h.server.store.users.values()].map((u) => u.userName);
      expect(stored.filter((u) => emails.includes(u))).toEqual([]);
    });
  }

  it('inviteUsers rejects when nothing could be attempted (the lookup of existing users failed)', async () => {
    const h = await start();
    const roleId = (await h.adapter.listRoles()).find((r) => !r.isAdmin)!.id;
    h.server.failMatching({ method: 'GET', path: '/Users' }, 'unavailable');
    const error = await rejection(h.adapter.inviteUsers({ input: { emails: ['first.new@acme.fr'], roleId, entityIds: ['entity-acme-paris'] } }));
    expect(error.code).toBe('unavailable');
    expect([...h.server.store.users.values()].some((u) => u.userName === 'first.new@acme.fr')).toBe(false);
  });
});
