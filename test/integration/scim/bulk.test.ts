/**
 * Per-item truth in `/Bulk`, against the real SCIM provider and its fault layer: each operation
 * carries its own bulkId and a response is matched to its user by bulkId (or the location of the
 * resource), never by position; a chunk that fails reports its items failed and the items of the
 * chunks already applied as they are. Each operation on a user carries the `version` the adapter
 * read (RFC 7644 §3.7): a user another writer changed between that read and the `/Bulk` request
 * fails alone as conflict `stale`, and keeps the other writer's change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScimProviderFeatures } from '../../../servers/scim';
import type { User } from '../../../src/contract/types';
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

describe('SCIM /Bulk operations carry the version read: a user changed before the /Bulk request fails alone as stale', () => {
  /** Another writer renames the user in the provider's directory (its meta.version changes). */
  const renameInStore = (h: ScimHarness, id: string) => {
    const r = h.server.store.users.get(id)!;
    h.server.store.users.set(id, { ...r, name: { ...r.name, givenName: 'Theirs' }, displayName: `Theirs ${r.name?.familyName ?? ''}`.trim(), meta: { ...r.meta, lastModified: new Date().toISOString() } });
  };
  /** Runs `run` when the provider receives the next POST /Bulk, before it handles it: after the adapter's reads. */
  const beforeBulk = (h: ScimHarness, run: () => void) => h.server.beforeMatching({ method: 'POST', path: '/Bulk' }, run);
  const result = (r: { id: string; ok: boolean; error?: { code: string; reason?: string } }) => ({ id: r.id, ok: r.ok, ...(r.ok ? {} : { code: r.error?.code, reason: r.error?.reason }) });
  /** The `version` of each operation of the last POST /Bulk, by target path. */
  const sentVersions = (h: ScimHarness) => {
    const bulk = h.server.requests.filter((r) => r.path === '/Bulk').at(-1)!;
    return (bulk.body as { Operations: { method: string; path: string; version?: string }[] }).Operations.map((o) => [o.method, o.path, o.version]);
  };
  /** The provider's meta.version of a user now. */
  const etagOf = async (h: ScimHarness, id: string) => {
    const res = await fetch(`${h.server.url}/Users/${id}`, { headers: { Authorization: `Bearer ${h.server.token}` } });
    return ((await res.json()) as { meta: { version: string } }).meta.version;
  };

  it('without PATCH: reactivating two invited users who never accepted (a PUT each, with the version read), one renamed before the /Bulk: that one fails stale and keeps the rename, the other is reactivated', async () => {
    const h = await start({ patch: false });
    const page = await h.adapter.listUsers({ pageIndex: 0, pageSize: 100, filter: { status: ['invited'], kind: 'login' } });
    const [a, b] = page.items;
    expect(b).toBeDefined();
    for (const u of [a!, b!]) h.server.store.users.set(u.id, { ...h.server.store.users.get(u.id)!, active: false });
    const versions = [await etagOf(h, a!.id), await etagOf(h, b!.id)];
    beforeBulk(h, () => renameInStore(h, a!.id));

    const { results } = await h.adapter.setUsersStatus!({ ids: [a!.id, b!.id], status: 'active' });

    expect(results.map(result)).toEqual([
      { id: a!.id, ok: false, code: 'conflict', reason: 'stale' },
      { id: b!.id, ok: true },
    ]);
    const [sa, sb] = [h.server.store.users.get(a!.id)!, h.server.store.users.get(b!.id)!];
    expect([sa.name?.givenName, sa.active]).toEqual(['Theirs', false]);
    expect(sb.active).toBe(true);
    expect(sentVersions(h)).toEqual([['PUT', `/Users/${a!.id}`, versions[0]], ['PUT', `/Users/${b!.id}`, versions[1]]]);
  });

  for (const features of [{ patch: false }, {}] as ScimProviderFeatures[]) {
    const label = features.patch === false ? 'without PATCH (PUT)' : 'with PATCH';
    it(`${label}: deactivating two users, one renamed before the /Bulk: that one fails stale, stays active and renamed; the other is deactivated`, async () => {
      const h = await start(features);
      const [a, b] = await threeUsers(h);
      const versions = [await etagOf(h, a!.id), await etagOf(h, b!.id)];
      beforeBulk(h, () => renameInStore(h, a!.id));

      const { results } = await h.adapter.setUsersStatus!({ ids: [a!.id, b!.id], status: 'deactivated' });

      expect(results.map(result)).toEqual([
        { id: a!.id, ok: false, code: 'conflict', reason: 'stale' },
        { id: b!.id, ok: true },
      ]);
      const [sa, sb] = [h.server.store.users.get(a!.id)!, h.server.store.users.get(b!.id)!];
      expect([sa.name?.givenName, sa.active]).toEqual(['Theirs', true]);
      expect(sb.active).toBe(false);
      const method = features.patch === false ? 'PUT' : 'PATCH';
      expect(sentVersions(h)).toEqual([[method, `/Users/${a!.id}`, versions[0]], [method, `/Users/${b!.id}`, versions[1]]]);
    });
  }

  it('removeUsers: two users, one renamed before the /Bulk: that one fails stale and is kept (renamed); the other is removed', async () => {
    const h = await start();
    const [a, b] = await threeUsers(h);
    const versions = [await etagOf(h, a!.id), await etagOf(h, b!.id)];
    beforeBulk(h, () => renameInStore(h, a!.id));

    const { results } = await h.adapter.removeUsers!({ ids: [a!.id, b!.id] });

    expect(results.map(result)).toEqual([
      { id: a!.id, ok: false, code: 'conflict', reason: 'stale' },
      { id: b!.id, ok: true },
    ]);
    expect(h.server.store.users.get(a!.id)?.name?.givenName).toBe('Theirs');
    expect(h.server.store.users.has(b!.id)).toBe(false);
    expect(sentVersions(h)).toEqual([['DELETE', `/Users/${a!.id}`, versions[0]], ['DELETE', `/Users/${b!.id}`, versions[1]]]);
  });
});
