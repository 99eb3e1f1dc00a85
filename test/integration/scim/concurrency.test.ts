/**
 * Concurrent edits against the real SCIM provider (ETags on, as `etag.supported` advertises):
 * writes PATCH only the attributes they change, so a deactivation made between the adapter's read
 * and its write is kept; `User.version` is the user's `meta.version` with its role groups; a write
 * given `expectedVersion` sends the ETag as `If-Match` and a changed user (a role change alone
 * included) is refused as conflict `stale`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScimProviderFeatures } from '../../../servers/scim';
import { SCIM_PATCH_OP } from '../../../src/adapters/scim/protocol';
import type { User } from '../../../src/contract/types';
import { createScimHarness, type ScimHarness } from './harness';
import { rejection } from '../../utils/rejection';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

/**
 * A harness whose adapter runs `between` once, right after its next GET of one user comes back:
 * what another admin does between the adapter's read and its write.
 */
async function start(features: ScimProviderFeatures = {}) {
  let between: (() => Promise<void>) | null = null;
  const fetchImpl: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (between && (init?.method ?? 'GET') === 'GET' && /\/Users\/[^/?]+$/.test(url)) {
      const run = between;
      between = null;
      await run();
    }
    return response;
  };
  const h = await createScimHarness(features, { fetch: fetchImpl });
  harness = h;
  /** Another admin's request, straight to the provider. */
  const direct = (method: string, path: string, body?: unknown) =>
    fetch(`${h.server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${h.server.token}`, 'Content-Type': 'application/scim+json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  /** Another admin deactivates the user: a PATCH, or GET + PUT on a provider without PATCH. */
  const deactivateDirectly = async (id: string) => {
    if (features.patch !== false) {
      const res = await direct('PATCH', `/Users/${id}`, { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] });
      expect(res.status).toBe(200);
      return;
    }
    const { meta: _meta, groups: _groups, ...resource } = (await (await direct('GET', `/Users/${id}`)).json()) as Record<string, unknown>;
    const res = await direct('PUT', `/Users/${id}`, { ...resource, active: false });
    expect(res.status).toBe(200);
  };
  const onNextRead = (run: () => Promise<void>) => {
    between = run;
  };
  return { h, direct, deactivateDirectly, onNextRead };
}

async function activeUser(h: ScimHarness): Promise<User> {
  const page = await h.adapter.listUsers({ pageIndex: 0, pageSize: 5, filter: { status: ['active'], kind: 'login', roleIds: ['role-user'] } });
  return page.items[0]!;
}

describe('SCIM writes PATCH the changed attributes: a concurrent deactivation is not reverted', () => {
  for (const features of [{}, { patch: false }] as ScimProviderFeatures[]) {
    const label = features.patch === false ? 'without PATCH (PUT guarded by the version read, redone once on 412)' : 'with PATCH';
    it(`updateUser ${label}: GET, then a concurrent PATCH active=false, then the update keeps the deactivation`, async () => {
      const { h, deactivateDirectly, onNextRead } = await start(features);
      const user = await activeUser(h);
      onNextRead(() => deactivateDirectly(user.id));
      const from = h.server.requests.length;

      const { user: after } = await h.adapter.updateUser({ id: user.id, patch: { firstName: 'Renamed' } });

      const stored = h.server.store.users.get(user.id)!;
      expect(stored.active).toBe(false);
      expect(stored.name?.givenName).toBe('Renamed');
      expect(after.status).toBe('deactivated');
      expect(after.firstName).toBe('Renamed');
      const userWrites = h.server.requests.slice(from).filter((r) => r.method !== 'GET' && r.path === `/Users/${user.id}`);
      if (features.patch === false) {
        // The other admin's PUT, the adapter's first PUT refused (412: the user changed since its
        // read), then its second, from a read that saw the deactivation.
        expect(userWrites.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PUT']);
      } else {
        const ops = userWrites.filter((r) => r.method === 'PATCH').at(-1)!.body as { Operations: { path: string }[] };
        expect(ops.Operations.map((o) => o.path).sort()).toEqual(['displayName', 'name']);
      }
    });
  }
});

describe('SCIM versions: meta.version (with the role groups) is User.version, expectedVersion goes as If-Match, 412 is conflict stale', () => {
  it('the provider advertises etag.supported, and users carry its meta.version (also the ETag header) with their role groups', async () => {
    const { h, direct } = await start();
    const spc = (await (await direct('GET', '/ServiceProviderConfig')).json()) as { etag?: { supported?: boolean } };
    expect(spc.etag?.supported).toBe(true);
    const user = await activeUser(h);
    expect(typeof user.version).toBe('string');
    const res = await direct('GET', `/Users/${user.id}`);
    const body = (await res.json()) as { meta: { version: string } };
    expect(user.version).toBe(`${body.meta.version} roles=role-user`);
    expect(res.headers.get('ETag')).toBe(body.meta.version);
    expect((await h.adapter.getUser({ id: user.id })).version).toBe(user.version);
    const { user: renamed } = await h.adapter.updateUser({ id: user.id, patch: { firstName: 'Other' } });
    expect(renamed.version).not.toBe(user.version);
  });

  it('updateUser, setUserStatus and removeUser with the current version go through', async () => {
    const { h } = await start();
    const user = await activeUser(h);
    const { user: renamed } = await h.adapter.updateUser({ id: user.id, patch: { firstName: 'Fresh' }, expectedVersion: user.version! });
    const deactivated = await h.adapter.setUserStatus({ id: user.id, status: 'deactivated', expectedVersion: renamed.version! });
    expect(deactivated.status).toBe('deactivated');
    await h.adapter.removeUser({ id: user.id, expectedVersion: deactivated.version! });
    expect(h.server.store.users.has(user.id)).toBe(false);
  });

  it('a stale expectedVersion is refused with conflict stale and nothing is written (updateUser, setUserStatus, removeUser)', async () => {
    const { h, deactivateDirectly } = await start();
    const user = await activeUser(h);
    await deactivateDirectly(user.id);
    const stored = structuredClone(h.server.store.users.get(user.id));
    const groups = h.server.store.groups.get('role-user')!.members.map((m) => m.value);

    const errors = [
      await rejection(h.adapter.updateUser({ id: user.id, patch: { firstName: 'Lost', roleId: 'role-communication' }, expectedVersion: user.version! })),
      await rejection(h.adapter.setUserStatus({ id: user.id, status: 'deactivated', expectedVersion: user.version! })),
      await rejection(h.adapter.removeUser({ id: user.id, expectedVersion: user.version! })),
    ];

    expect(errors.map((e) => [e.code, e.reason])).toEqual([['conflict', 'stale'], ['conflict', 'stale'], ['conflict', 'stale']]);
    expect(h.server.store.users.get(user.id)).toEqual(stored);
    expect(h.server.store.groups.get('role-user')!.members.map((m) => m.value)).toEqual(groups);
  });

  it("a change between the adapter's read and its write is caught by If-Match (412 → conflict stale), and the role groups are put back", async () => {
    const { h, deactivateDirectly, onNextRead } = await start();
    const user = await activeUser(h);
    onNextRead(() => deactivateDirectly(user.id));
    const from = h.server.requests.length;

    const error = await rejection(h.adapter.updateUser({ id: user.id, patch: { firstName: 'Lost', roleId: 'role-communication' }, expectedVersion: user.version! }));

    expect([error.code, error.reason]).toEqual(['conflict', 'stale']);
    const patch = h.server.requests.slice(from).find((r) => r.method === 'PATCH' && r.path === `/Users/${user.id}`);
    expect(patch).toBeDefined();
    const stored = h.server.store.users.get(user.id)!;
    expect([stored.active, stored.name?.givenName]).toEqual([false, user.firstName]);
    expect(h.server.store.groups.get('role-user')!.members.some((m) => m.value === user.id)).toBe(true);
    expect(h.server.store.groups.get('role-communication')!.members.some((m) => m.value === user.id)).toBe(false);
  });

  it('on a provider without ETags users carry no version and writes are last-write-wins', async () => {
    const { h, direct } = await start({ etag: false });
    const spc = (await (await direct('GET', '/ServiceProviderConfig')).json()) as { etag?: { supported?: boolean } };
    expect(spc.etag?.supported).toBe(false);
    const user = await activeUser(h);
    expect(user.version).toBeUndefined();
    const { user: renamed } = await h.adapter.updateUser({ id: user.id, patch: { firstName: 'Anyway' }, expectedVersion: 'W/"whatever"' });
    expect(renamed.firstName).toBe('Anyway');
  });
});

describe('SCIM versions: a role change alone (a Group PATCH of members) changes the user\'s version', () => {
  type Direct = (method: string, path: string, body?: unknown) => Promise<Response>;
  /** Another admin moves the user from role-user to role-communication, and nothing else. */
  const movers: Record<string, (h: ScimHarness, id: string, direct: Direct) => Promise<void>> = {
    'through the adapter': async (h, id) => {
      await h.adapter.updateUser({ id, patch: { roleId: 'role-communication' } });
    },
    'straight to the provider (two Group PATCHes)': async (_h, id, direct) => {
      const add = await direct('PATCH', '/Groups/role-communication', { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }] });
      const remove = await direct('PATCH', '/Groups/role-user', { schemas: [SCIM_PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] });
      expect([add.status, remove.status]).toEqual([200, 200]);
    },
  };

  for (const [how, move] of Object.entries(movers)) {
    it(`a stale read is refused after someone else changed only the role ${how}: updateUser, setUserStatus and removeUser give conflict stale and the role stays theirs`, async () => {
      const { h, direct } = await start();
      const user = await activeUser(h);
      await move(h, user.id, direct);
      const moved = await h.adapter.getUser({ id: user.id });
      expect(moved.roleId).toBe('role-communication');
      const stored = structuredClone(h.server.store.users.get(user.id));

      const errors = [
        await rejection(h.adapter.updateUser({ id: user.id, patch: { firstName: 'Lost', roleId: 'role-user' }, expectedVersion: user.version! })),
        await rejection(h.adapter.updateUser({ id: user.id, patch: { firstName: 'Lost' }, expectedVersion: user.version! })),
        await rejection(h.adapter.setUserStatus({ id: user.id, status: 'deactivated', expectedVersion: user.version! })),
        await rejection(h.adapter.removeUser({ id: user.id, expectedVersion: user.version! })),
      ];

      expect(errors.map((e) => [e.code, e.reason])).toEqual([['conflict', 'stale'], ['conflict', 'stale'], ['conflict', 'stale'], ['conflict', 'stale']]);
      expect(moved.version).not.toBe(user.version);
      expect(h.server.store.users.get(user.id)).toEqual(stored);
      expect(h.server.store.groups.get('role-communication')!.members.some((m) => m.value === user.id)).toBe(true);
      expect(h.server.store.groups.get('role-user')!.members.some((m) => m.value === user.id)).toBe(false);
      expect((await h.adapter.getUser({ id: user.id })).version).toBe(moved.version);
    });
  }

  it('a role change through the adapter returns the new version (the one getUser gives), and a write given it goes through', async () => {
    const { h } = await start();
    const user = await activeUser(h);
    const { user: moved } = await h.adapter.updateUser({ id: user.id, patch: { roleId: 'role-communication' }, expectedVersion: user.version! });
    expect(moved.roleId).toBe('role-communication');
    expect(moved.version).not.toBe(user.version);
    expect(moved.version).toBe((await h.adapter.getUser({ id: user.id })).version);

    const { user: renamed } = await h.adapter.updateUser({ id: user.id, patch: { firstName: 'Fresh' }, expectedVersion: moved.version! });
    expect(renamed.firstName).toBe('Fresh');
    const deactivated = await h.adapter.setUserStatus({ id: user.id, status: 'deactivated', expectedVersion: renamed.version! });
    expect(deactivated.status).toBe('deactivated');
    await h.adapter.removeUser({ id: user.id, expectedVersion: deactivated.version! });
    expect(h.server.store.users.has(user.id)).toBe(false);
  });
});
