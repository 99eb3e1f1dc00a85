/**
 * Per-item truth in `/Bulk`, against the real SCIM provider and its fault layer: each operation
 * carries its own bulkId and a response is matched to its user by bulkId (or the location of the
 * resource), never by position; a chunk that fails reports its items failed and the items of the
 * chunks already applied as they are.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScimProviderFeatures } from '../../../servers/scim';
import type { User } from '../../../src/adapter/types';
import { createScimHarness, type ScimHarness } from './harness';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

async function start(features: ScimProviderFeatures = {}): Promise<ScimHarness> {
  harness = await createScimHarness(features);
  return harness;
}

/** Three active, non-admin login users the current admin may act on. */
async function threeUsers(h: ScimHarness): Promise<User[]> {
  const page = await h.adapter.listUsers({ pageIndex: 0, pageSize: 100, filter: { status: ['active'], kind: 'login', roleIds: ['role-user'] } });
  const users = page.items.slice(0, 3);
  expect(users.length).toBe(3);
  return users;
}

const outcome = (r: { id: string; ok: boolean; error?: { code: string } }) => ({ id: r.id, ok: r.ok, ...(r.ok ? {} : { code: r.error?.code }) });

describe('SCIM /Bulk results are matched by bulkId, never by position', () => {
  it('removeUsers with the first of three deletes failing reports that user failed and the two others removed', async () => {
    const h = await start();
    const [a, b, c] = await threeUsers(h);
    h.server.failMatching({ method: 'DELETE', path: `/Users/${a!.id}` }, 'unavailable');

    const { results } = await h.adapter.removeUsers!({ ids: [a!.id, b!.id, c!.id] });

    expect(results.map(outcome)).toEqual([
      { id: a!.id, ok: false, code: 'unavailable' },
      { id: b!.id, ok: true },
      { id: c!.id, ok: true },
    ]);
    expect(h.server.store.users.has(a!.id)).toBe(true);
    expect(h.server.store.users.has(b!.id)).toBe(false);
    expect(h.server.store.users.has(c!.id)).toBe(false);
  });

  it('setUsersStatus with the middle operation failing reports exactly that user failed', async () => {
    const h = await start();
    const [a, b, c] = await threeUsers(h);
    h.server.failMatching({ method: 'PATCH', path: `/Users/${b!.id}` }, 'unavailable');

    const { results } = await h.adapter.setUsersStatus!({ ids: [a!.id, b!.id, c!.id], status: 'deactivated' });

    expect(results.map(outcome)).toEqual([
      { id: a!.id, ok: true },
      { id: b!.id, ok: false, code: 'unavailable' },
      { id: c!.id, ok: true },
    ]);
    expect([a, b, c].map((u) => h.server.store.users.get(u!.id)!.active)).toEqual([false, true, false]);
  });

  it('every operation of a /Bulk request carries its own unique bulkId', async () => {
    const h = await start();
    const ids = (await threeUsers(h)).map((u) => u.id);
    const from = h.server.requests.length;
    await h.adapter.removeUsers!({ ids });
    const bulk = h.server.requests.slice(from).find((r) => r.path === '/Bulk')!;
    const bulkIds = (bulk.body as { Operations: { bulkId?: string }[] }).Operations.map((o) => o.bulkId);
    expect(bulkIds.every((x) => typeof x === 'string' && x !== '')).toBe(true);
    expect(new Set(bulkIds).size).toBe(3);
  });

  it('inviteUsers through /Bulk with the first creation failing invites the two others under their own addresses', async () => {
    const h = await start();
    const roleId = (await h.adapter.listRoles()).find((r) => !r.isAdmin)!.id;
    await h.failInvite!('first.new@acme.fr');
    const emails = ['first.new@acme.fr', 'second.new@acme.fr', 'third.new@acme.fr'];
    const result = await h.adapter.inviteUsers({ input: { emails, roleId, entityIds: ['entity-acme-paris'] } });
    expect(result.failed).toEqual([{ email: 'first.new@acme.fr', code: 'unavailable' }]);
    for (const inv of result.invited) expect(h.server.store.users.get(inv.userId!)?.userName).toBe(inv.email);
    expect(result.invited.map((i) => i.email).sort()).toEqual(['second.new@acme.fr', 'third.new@acme.fr']);
  });
});

describe('SCIM /Bulk: a failed chunk still reports the items that went through', () => {
  for (const method of ['removeUsers', 'setUsersStatus'] as const) {
    it(`${method}: the second chunk's /Bulk fails; the first chunk's items are ok, the second's failed with the error`, async () => {
      const h = await start({ maxOperations: 2 });
      const ids = (await threeUsers(h)).map((u) => u.id);
      h.server.failMatching({ method: 'POST', path: '/Bulk', nth: 2 }, 'unavailable');

      const { results } =
        method === 'removeUsers' ? await h.adapter.removeUsers!({ ids }) : await h.adapter.setUsersStatus!({ ids, status: 'deactivated' });

      expect(results.map(outcome)).toEqual([
        { id: ids[0], ok: true },
        { id: ids[1], ok: true },
        { id: ids[2], ok: false, code: 'unavailable' },
      ]);
      const held = ids.map((id) => (method === 'removeUsers' ? h.server.store.users.has(id) : h.server.store.users.get(id)!.active));
      expect(held).toEqual(method === 'removeUsers' ? [false, false, true] : [false, false, true]);
    });
  }
});
