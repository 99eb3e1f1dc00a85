/**
 * The SCIM adapter's shared reads (ServiceProviderConfig, role groups, `/Me`) against the real
 * provider: concurrent callers share one request; a caller that aborts rejects alone (AbortError)
 * while the others get their answer; a failed read is not kept. The abort is sent once the server
 * has received the shared request (the provider's latency keeps it in flight), so the abort
 * always lands while the read is shared.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCIM_SEED_ADMIN_ID, scimSeedReference, startScimServer, type RunningScimServer } from '../../../servers/scim';
import { createScimAdapter } from '../../../src/adapters/scim';
import type { UserAdminAdapter } from '../../../src/contract/types';

let server: RunningScimServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** An adapter that must read ServiceProviderConfig and /Me itself. */
async function start(): Promise<{ server: RunningScimServer; adapter: UserAdminAdapter }> {
  server = await startScimServer({ port: 0 });
  const { entities, modules } = scimSeedReference();
  return { server, adapter: createScimAdapter({ baseUrl: server.url, token: server.token, entities, modules }) };
}

const count = (s: RunningScimServer, path: string) => s.requests.filter((r) => r.method === 'GET' && r.path === path).length;

/** Resolves once the server has received `n` GETs of `path`. */
async function received(s: RunningScimServer, path: string, n = 1): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    if (count(s, path) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the server never received GET ${path}`);
}

async function abortError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}

describe('shared reads of the SCIM adapter', () => {
  it('ServiceProviderConfig: the first caller aborts, the second gets its page, one request was made', async () => {
    const { server: s, adapter } = await start();
    s.setLatency(300);
    const controller = new AbortController();
    const first = abortError(adapter.listUsers({ pageIndex: 0, pageSize: 5, signal: controller.signal }));
    const second = adapter.listUsers({ pageIndex: 0, pageSize: 5 });
    await received(s, '/ServiceProviderConfig');
    controller.abort();

    const error = await first;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    const page = await second;
    expect(page.items.length).toBe(5);
    expect(page.total).toBeGreaterThan(5);
    s.setLatency(0);
    await adapter.listUsers({ pageIndex: 0, pageSize: 1 });
    expect(count(s, '/ServiceProviderConfig')).toBe(1);
  });

  it('/Me: the first caller aborts, the second gets the settings with the current user', async () => {
    const { server: s, adapter } = await start();
    await adapter.listRoles();
    s.setLatency(300);
    const controller = new AbortController();
    const first = abortError(adapter.getSettings({ signal: controller.signal }));
    const second = adapter.getSettings();
    await received(s, '/Me');
    controller.abort();

    expect((await first as DOMException).name).toBe('AbortError');
    expect((await second).currentUser.id).toBe(SCIM_SEED_ADMIN_ID);
    expect(count(s, '/Me')).toBe(1);
  });

  it('role groups: the first caller aborts while they are read, the second gets the user with their role', async () => {
    const { server: s, adapter } = await start();
    const [someone] = (await adapter.listUsers({ pageIndex: 0, pageSize: 1, sort: { field: 'email', direction: 'asc' } })).items;
    // listUsers read the roles: a fresh adapter over the same server starts with none.
    const { entities, modules } = scimSeedReference();
    const fresh = createScimAdapter({ baseUrl: s.url, token: s.token, entities, modules, currentUserId: SCIM_SEED_ADMIN_ID });
    await fresh.listEntities({ pageIndex: 0, pageSize: 1 });
    const groupsBefore = count(s, '/Groups');
    s.setLatency(300);
    const controller = new AbortController();
    const first = abortError(fresh.getUser({ id: someone!.id, signal: controller.signal }));
    const second = fresh.getUser({ id: someone!.id });
    await received(s, '/Groups', groupsBefore + 1);
    controller.abort();

    expect((await first as DOMException).name).toBe('AbortError');
    const user = await second;
    expect(user.id).toBe(someone!.id);
    expect(user.roleId).toBe(someone!.roleId);
    expect(count(s, '/Groups')).toBe(groupsBefore + 1);
  });

  it('a stalled shared read that every waiter abandoned is aborted and forgotten: the next call reads again', async () => {
    const { server: s } = await start();
    const { entities, modules } = scimSeedReference();
    let stall = true;
    const aborted: string[] = [];
    // The first ServiceProviderConfig request never answers (until aborted); later ones go through.
    const fetchImpl: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (stall && url.endsWith('/ServiceProviderConfig')) {
        stall = false;
        return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => {
          aborted.push(url);
          reject(new DOMException('aborted', 'AbortError'));
        }, { once: true }));
      }
      return fetch(input, init);
    };
    const adapter = createScimAdapter({ baseUrl: s.url, token: s.token, entities, modules, fetch: fetchImpl });
    const controller = new AbortController();
    const first = abortError(adapter.listUsers({ pageIndex: 0, pageSize: 5, signal: controller.signal }));
    await vi.waitFor(() => expect(stall).toBe(false), { timeout: 10_000 }); // the stalled request was sent
    controller.abort();
    expect((await first as DOMException).name).toBe('AbortError');
    expect(aborted).toHaveLength(1); // the only waiter left: the shared request is aborted too

    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 5 });
    expect(page.items.length).toBe(5);
    expect(count(s, '/ServiceProviderConfig')).toBe(1); // the retry reached the server; the stalled one never did
  });

  it('a failed shared read is not kept: the next call reads again and succeeds', async () => {
    const { server: s, adapter } = await start();
    s.failMatching({ method: 'GET', path: '/ServiceProviderConfig' }, 'unavailable');
    const error = await adapter.listUsers({ pageIndex: 0, pageSize: 5 }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable' });
    const page = await adapter.listUsers({ pageIndex: 0, pageSize: 5 });
    expect(page.items.length).toBe(5);
    expect(count(s, '/ServiceProviderConfig')).toBe(2);
  });
});
