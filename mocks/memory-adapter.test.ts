import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUIRED_ADAPTER_METHODS, getAdapterCapabilities } from '../src/contract/types';
import { isUserAdminError } from '../src/contract/errors';
import { createFaultInjector } from './faults';
import { createMemoryAdapter } from './memory-adapter';
import { createMockStore } from './store';

const page = { pageIndex: 0, pageSize: 10 };

describe('createMemoryAdapter', () => {
  it('implements every required and optional method', () => {
    const adapter = createMemoryAdapter(createMockStore());
    for (const method of REQUIRED_ADAPTER_METHODS) expect(typeof adapter[method]).toBe('function');
    expect(getAdapterCapabilities(adapter)).toEqual({ userCounts: true, accessDiagnostics: true, bulkStatus: true, bulkRemove: true, roleEditing: true, passwordReset: true });
  });

  it('answers from the store and returns copies the caller may mutate', async () => {
    const store = createMockStore();
    const adapter = createMemoryAdapter(store);
    const user = await adapter.getUser({ id: 'user-jose' });
    user.entityIds.length = 0;
    expect((await adapter.getUser({ id: 'user-jose' })).entityIds).toHaveLength(1);
    const roles = await adapter.listRoles();
    roles[0]!.name = 'Changed';
    expect((await adapter.listRoles())[0]?.name).toBe('Administrator');
  });

  it('given a view of the store acting as another user, acts as them over the same data', async () => {
    const store = createMockStore();
    const karim = createMemoryAdapter(store.as('user-admin-2'));
    expect((await karim.getSettings()).currentUser).toMatchObject({ id: 'user-admin-2', isAdmin: true, adminScope: { type: 'entities' } });
    await expect(karim.removeUser({ id: 'user-admin' })).rejects.toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
    const { user } = await karim.createUser({
      input: { kind: 'login', email: 'lea@acme.fr', firstName: 'Léa', lastName: 'Roux', roleId: 'role-user', scope: 'entity', entityIds: ['entity-acme-lyon'] },
    });
    expect(store.getUser({ id: user.id }).email).toBe('lea@acme.fr');
    expect((await karim.listEntities({ ...page, parentId: null })).items.map((e) => e.id)).toEqual(['entity-acme-deutschland', 'entity-acme-france']);
  });

  it('rejects store rule violations as UserAdminError', async () => {
    const adapter = createMemoryAdapter(createMockStore());
    await expect(adapter.removeUser({ id: 'user-admin' })).rejects.toMatchObject({ code: 'forbidden', reason: 'self_action' });
  });

  it('given an already aborted signal, rejects with an AbortError and changes nothing', async () => {
    const store = createMockStore();
    const adapter = createMemoryAdapter(store);
    const controller = new AbortController();
    controller.abort();
    await expect(adapter.removeUser({ id: 'user-jose', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(store.getUser({ id: 'user-jose' }).id).toBe('user-jose');
  });

  describe('with timers', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('given latency, answers only after it', async () => {
      const adapter = createMemoryAdapter(createMockStore(), { latencyMs: 300 });
      let done = false;
      const pending = adapter.listUsers(page).then((r) => {
        done = true;
        return r;
      });
      await vi.advanceTimersByTimeAsync(299);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).items).toHaveLength(10);
    });

    it('given a signal aborted during the latency wait, rejects with an AbortError and changes nothing', async () => {
      const store = createMockStore();
      const adapter = createMemoryAdapter(store, { latencyMs: 500 });
      const controller = new AbortController();
      const pending = adapter.setUserStatus({ id: 'user-jose', status: 'deactivated', signal: controller.signal });
      const assertion = expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      await vi.advanceTimersByTimeAsync(100);
      controller.abort();
      await assertion;
      await vi.advanceTimersByTimeAsync(1000);
      expect(store.getUser({ id: 'user-jose' }).status).toBe('active');
    });

    it('given slowNext, only the next matching call is slower', async () => {
      const faults = createFaultInjector();
      const adapter = createMemoryAdapter(createMockStore(), { faults });
      faults.slowNext(1000, { methods: ['listUsers'] });
      let first = false;
      void adapter.listUsers(page).then(() => {
        first = true;
      });
      await expect(adapter.listRoles()).resolves.toHaveLength(4);
      await vi.advanceTimersByTimeAsync(999);
      expect(first).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(first).toBe(true);
      await expect(adapter.listUsers(page)).resolves.toMatchObject({ total: 200 });
    });

    it('given setLatency, every call waits that long, replacing the adapter latency', async () => {
      const faults = createFaultInjector();
      const adapter = createMemoryAdapter(createMockStore(), { latencyMs: 5000, faults });
      faults.setLatency(50);
      let done = false;
      void adapter.listModules().then(() => {
        done = true;
      });
      await vi.advanceTimersByTimeAsync(50);
      expect(done).toBe(true);
    });
  });

  describe('fault injection', () => {
    it('given failNext, the next call fails with that code and the one after succeeds', async () => {
      const faults = createFaultInjector();
      const adapter = createMemoryAdapter(createMockStore(), { faults });
      faults.failNext('unavailable');
      const error: unknown = await adapter.listUsers(page).catch((e: unknown) => e);
      expect(isUserAdminError(error) && error.code).toBe('unavailable');
      await expect(adapter.listUsers(page)).resolves.toMatchObject({ total: 200 });
    });

    it('given failNext rate_limited, the error carries retryAfterMs', async () => {
      const faults = createFaultInjector();
      const adapter = createMemoryAdapter(createMockStore(), { faults });
      faults.failNext('rate_limited', { retryAfterMs: 2500 });
      await expect(adapter.getSettings()).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 2500 });
      faults.failNext('rate_limited');
      await expect(adapter.getSettings()).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 1000 });
    });

    it('given failNext limited to some methods and a count, only those calls fail, that many times', async () => {
      const faults = createFaultInjector();
      const store = createMockStore();
      const adapter = createMemoryAdapter(store, { faults });
      faults.failNext('network', { methods: ['setUserStatus'], count: 2 });
      await expect(adapter.listRoles()).resolves.toHaveLength(4);
      await expect(adapter.setUserStatus({ id: 'user-jose', status: 'deactivated' })).rejects.toMatchObject({ code: 'network' });
      await expect(adapter.setUserStatus({ id: 'user-jose', status: 'deactivated' })).rejects.toMatchObject({ code: 'network' });
      expect(store.getUser({ id: 'user-jose' }).status).toBe('active');
      await expect(adapter.setUserStatus({ id: 'user-jose', status: 'deactivated' })).resolves.toMatchObject({ status: 'deactivated' });
    });

    it('given failWriteOf, the next write to that user fails with a server error and changes nothing, while the other bulk items go through', async () => {
      const faults = createFaultInjector();
      const store = createMockStore();
      const adapter = createMemoryAdapter(store, { faults });
      faults.failWriteOf('user-jose');
      const { results } = await adapter.removeUsers!({ ids: ['user-jose', 'user-francoise', 'user-zoe'] });
      expect(results.map((r) => [r.id, r.ok])).toEqual([['user-jose', false], ['user-francoise', true], ['user-zoe', true]]);
      expect(results[0]).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(store.getUser({ id: 'user-jose' }).status).toBe('active');
      expect(() => store.getUser({ id: 'user-francoise' })).toThrow();
      // One write only: the next one goes through. A single write fails the same way.
      faults.failWriteOf('user-jose', 'unknown');
      await expect(adapter.setUserStatus({ id: 'user-jose', status: 'deactivated' })).rejects.toMatchObject({ code: 'unknown' });
      expect(store.getUser({ id: 'user-jose' }).status).toBe('active');
      await expect(adapter.setUserStatus({ id: 'user-jose', status: 'deactivated' })).resolves.toMatchObject({ status: 'deactivated' });
    });

    it('passes expectedVersion through: a stale one rejects with conflict/stale', async () => {
      const store = createMockStore();
      const adapter = createMemoryAdapter(store);
      const v1 = (await adapter.getUser({ id: 'user-jose' })).version;
      await adapter.updateUser({ id: 'user-jose', patch: { firstName: 'Joseph' }, expectedVersion: v1 });
      await expect(adapter.removeUser({ id: 'user-jose', expectedVersion: v1 })).rejects.toMatchObject({ code: 'conflict', reason: 'stale' });
      expect(store.getUser({ id: 'user-jose' }).firstName).toBe('Joseph');
    });

    it('given reset, pending faults are forgotten', async () => {
      const faults = createFaultInjector();
      const adapter = createMemoryAdapter(createMockStore(), { faults });
      faults.failNext('unknown', { count: 5 });
      faults.reset();
      await expect(adapter.listModules()).resolves.toHaveLength(8);
    });
  });
});
