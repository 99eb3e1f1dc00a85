// @vitest-environment node
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import type { UserAdminAdapter, UserFilter } from '../src/contract/types';
import type { UserAdminErrorCode } from '../src/contract/errors';
import { UserAdminError, isUserAdminError } from '../src/contract/errors';
import { createRestAdapter } from '../src/adapters/rest';
import { createHandlers } from './handlers';
import { MAX_BULK_IDS, MAX_PAGE_SIZE } from '../src/core';
import { CURRENT_ADMIN_ID, ROLE_IDS, ROOT_ENTITY_ID, createFaultInjector, createMemoryAdapter, createMockStore } from './index';
import type { FaultInjector, MockStore } from './index';

const BASE = 'http://localhost/api';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Call = { method: string; params: Record<string, unknown>; signal: unknown };

/**
 * An adapter that records what it was asked and answers a canned value per method, so a test
 * can check that what the REST adapter was given is exactly what the backend adapter receives.
 */
function createRecordingAdapter() {
  const calls: Call[] = [];
  let failure: UserAdminError | undefined;
  const answer = (method: string, value: unknown) => async (params?: Record<string, unknown>) => {
    const { signal, ...rest } = params ?? {};
    calls.push({ method, params: rest, signal });
    if (failure) throw failure;
    return value;
  };
  const adapter = {
    getSettings: answer('getSettings', { multiEntity: true }),
    listUsers: answer('listUsers', { items: [{ id: 'u1' }], total: 41 }),
    getUser: answer('getUser', { id: 'u1' }),
    createUser: answer('createUser', { user: { id: 'u9' }, invitation: null }),
    updateUser: answer('updateUser', { user: { id: 'u1' }, emailChange: 'registration_request_sent' }),
    setUserStatus: answer('setUserStatus', { id: 'u1', status: 'deactivated' }),
    removeUser: answer('removeUser', undefined),
    inviteUsers: answer('inviteUsers', { invited: [], skipped: [{ email: 'x', reason: 'invalid' }] }),
    listInvitations: answer('listInvitations', { items: [], total: 0 }),
    resendInvitation: answer('resendInvitation', { id: 'i1' }),
    revokeInvitation: answer('revokeInvitation', undefined),
    listRoles: answer('listRoles', [{ id: 'admin' }]),
    listModules: answer('listModules', [{ id: 'billing' }]),
    listEntities: answer('listEntities', { items: [{ id: 'e1' }], total: 1 }),
    getUserCounts: answer('getUserCounts', { active: 1, invited: 2, deactivated: 3, contacts: 4, all: 10 }),
    getAccessDiagnostics: answer('getAccessDiagnostics', { userId: 'u1', failures: [] }),
    sendPasswordReset: answer('sendPasswordReset', { sentTo: 'u1@acme.fr', expiresAt: '2026-03-02T10:00:00.000Z' }),
    setUsersStatus: answer('setUsersStatus', { results: [{ id: 'u1', ok: true }] }),
    removeUsers: answer('removeUsers', {
      results: [{ id: 'u2', ok: false, error: new UserAdminError('conflict', 'Last admin', { reason: 'last_admin' }) }],
    }),
  } as unknown as UserAdminAdapter;
  return {
    adapter,
    calls,
    failWith(error: UserAdminError | undefined) {
      failure = error;
    },
  };
}

let backend: ReturnType<typeof createRecordingAdapter>;
const rest = createRestAdapter({ baseUrl: BASE });

beforeEach(() => {
  backend = createRecordingAdapter();
  server.use(...createHandlers({ adapter: backend.adapter, baseUrl: BASE }));
});

const lastCall = () => backend.calls.at(-1);

describe('createHandlers: every route hands the backend adapter exactly what the REST adapter was given', () => {
  it.each<[string, (a: UserAdminAdapter) => Promise<unknown>, string, Record<string, unknown>, unknown]>([
    ['GET /settings', (a) => a.getSettings(), 'getSettings', {}, { multiEntity: true }],
    [
      'GET /users with paging, sort, search and every filter',
      (a) =>
        a.listUsers({
          pageIndex: 3,
          pageSize: 7,
          sort: { field: 'email', direction: 'desc' },
          search: 'Zoë',
          filter: { status: ['invited', 'deactivated'], kind: 'contact', roleIds: ['r1', 'r2'], entityIds: ['e1', 'e2'], scope: 'entity' },
        }),
      'listUsers',
      {
        pageIndex: 3,
        pageSize: 7,
        sort: { field: 'email', direction: 'desc' },
        search: 'Zoë',
        filter: { status: ['invited', 'deactivated'], kind: 'contact', roleIds: ['r1', 'r2'], entityIds: ['e1', 'e2'], scope: 'entity' },
      },
      { items: [{ id: 'u1' }], total: 41 },
    ],
    ['GET /users with paging only', (a) => a.listUsers({ pageIndex: 0, pageSize: 1 }), 'listUsers', { pageIndex: 0, pageSize: 1 }, { items: [{ id: 'u1' }], total: 41 }],
    [
      'GET /users with an empty status list',
      (a) => a.listUsers({ pageIndex: 0, pageSize: 1, filter: { status: [] } }),
      'listUsers',
      { pageIndex: 0, pageSize: 1, filter: { status: [] } },
      { items: [{ id: 'u1' }], total: 41 },
    ],
    [
      'GET /users/counts',
      (a) => a.getUserCounts!({ search: 'a', filter: { roleIds: ['r1'], entityIds: ['e1'], scope: 'group' } }),
      'getUserCounts',
      { search: 'a', filter: { roleIds: ['r1'], entityIds: ['e1'], scope: 'group' } },
      { active: 1, invited: 2, deactivated: 3, contacts: 4, all: 10 },
    ],
    ['GET /users/:id', (a) => a.getUser({ id: 'u 1?é' }), 'getUser', { id: 'u 1?é' }, { id: 'u1' }],
    [
      'POST /users',
      (a) => a.createUser({ input: { kind: 'contact', email: 'c@x.io', firstName: 'C', lastName: 'D', entityId: 'e1' } }),
      'createUser',
      { input: { kind: 'contact', email: 'c@x.io', firstName: 'C', lastName: 'D', entityId: 'e1' } },
      { user: { id: 'u9' }, invitation: null },
    ],
    [
      'PATCH /users/:id',
      (a) => a.updateUser({ id: 'u1', patch: { email: 'new@x.io', phone: null } }),
      'updateUser',
      { id: 'u1', patch: { email: 'new@x.io', phone: null } },
      { user: { id: 'u1' }, emailChange: 'registration_request_sent' },
    ],
    ['POST /users/:id/status', (a) => a.setUserStatus({ id: 'u1', status: 'deactivated' }), 'setUserStatus', { id: 'u1', status: 'deactivated' }, { id: 'u1', status: 'deactivated' }],
    ['DELETE /users/:id', (a) => a.removeUser({ id: 'u1' }), 'removeUser', { id: 'u1' }, undefined],
    [
      'POST /users/bulk/status',
      (a) => a.setUsersStatus!({ ids: ['u1', 'u2'], status: 'active' }),
      'setUsersStatus',
      { ids: ['u1', 'u2'], status: 'active' },
      { results: [{ id: 'u1', ok: true }] },
    ],
    [
      'POST /users/bulk/remove (an item error crosses as its plain shape)',
      (a) => a.removeUsers!({ ids: ['u2'] }),
      'removeUsers',
      { ids: ['u2'] },
      { results: [{ id: 'u2', ok: false, error: { code: 'conflict', message: 'Last admin', reason: 'last_admin' } }] },
    ],
    [
      'POST /invitations',
      (a) => a.inviteUsers({ input: { emails: ['a@x.io', 'bad'], roleId: 'r1', entityIds: ['e1'], scope: 'group', adminScope: null } }),
      'inviteUsers',
      { input: { emails: ['a@x.io', 'bad'], roleId: 'r1', entityIds: ['e1'], scope: 'group', adminScope: null } },
      { invited: [], skipped: [{ email: 'x', reason: 'invalid' }] },
    ],
    [
      'GET /invitations',
      (a) => a.listInvitations({ pageIndex: 1, pageSize: 5, search: 'bob', status: 'pending' }),
      'listInvitations',
      { pageIndex: 1, pageSize: 5, search: 'bob', status: 'pending' },
      { items: [], total: 0 },
    ],
    ['POST /invitations/:id/resend', (a) => a.resendInvitation({ id: 'i1' }), 'resendInvitation', { id: 'i1' }, { id: 'i1' }],
    ['DELETE /invitations/:id', (a) => a.revokeInvitation({ id: 'i1' }), 'revokeInvitation', { id: 'i1' }, undefined],
    ['GET /roles', (a) => a.listRoles(), 'listRoles', {}, [{ id: 'admin' }]],
    ['GET /modules', (a) => a.listModules(), 'listModules', {}, [{ id: 'billing' }]],
    [
      'GET /entities for the roots',
      (a) => a.listEntities({ parentId: null, pageIndex: 0, pageSize: 100 }),
      'listEntities',
      { parentId: null, pageIndex: 0, pageSize: 100 },
      { items: [{ id: 'e1' }], total: 1 },
    ],
    [
      'GET /entities for children, a search and ids',
      (a) => a.listEntities({ parentId: 'g1', search: 'north', ids: ['e1', 'e2'], pageIndex: 2, pageSize: 10 }),
      'listEntities',
      { parentId: 'g1', search: 'north', ids: ['e1', 'e2'], pageIndex: 2, pageSize: 10 },
      { items: [{ id: 'e1' }], total: 1 },
    ],
    [
      'GET /entities for an empty id list',
      (a) => a.listEntities({ ids: [], pageIndex: 0, pageSize: 10 }),
      'listEntities',
      { ids: [], pageIndex: 0, pageSize: 10 },
      { items: [{ id: 'e1' }], total: 1 },
    ],
    ['GET /users/:id/access-diagnostics', (a) => a.getAccessDiagnostics!({ userId: 'u1' }), 'getAccessDiagnostics', { userId: 'u1' }, { userId: 'u1', failures: [] }],
    [
      'POST /users/:id/password-reset',
      (a) => a.sendPasswordReset!({ id: 'u1' }),
      'sendPasswordReset',
      { id: 'u1' },
      { sentTo: 'u1@acme.fr', expiresAt: '2026-03-02T10:00:00.000Z' },
    ],
  ])('%s', async (_route, call, method, params, result) => {
    await expect(call(rest)).resolves.toEqual(result);
    expect(backend.calls).toHaveLength(1);
    expect(lastCall()).toMatchObject({ method });
    expect(lastCall()!.params).toStrictEqual(params);
    expect(lastCall()!.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('createHandlers: abort', () => {
  it('aborts the signal the backend adapter received when the client aborts, and the client sees an AbortError', async () => {
    let backendSignal: AbortSignal | undefined;
    backend.adapter.listRoles = ({ signal } = {}) =>
      new Promise((_resolve, reject) => {
        backendSignal = signal;
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    const controller = new AbortController();
    const call = rest.listRoles({ signal: controller.signal });
    await vi.waitFor(() => expect(backendSignal).toBeDefined());
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(backendSignal!.aborted).toBe(true));
  });
});

describe('createHandlers: errors', () => {
  it.each<[UserAdminErrorCode, number]>([
    ['validation', 422],
    ['conflict', 409],
    ['not_found', 404],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['rate_limited', 429],
    ['unavailable', 503],
    ['unknown', 500],
  ])('answers a %s error with HTTP %i and the error body, which the REST adapter reads back', async (code, status) => {
    backend.failWith(new UserAdminError(code, `failed: ${code}`, { reason: 'last_admin', fieldErrors: { email: 'taken' } }));
    const response = await fetch(`${BASE}/users/u1`);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message: `failed: ${code}`, reason: 'last_admin', fieldErrors: { email: 'taken' } } });
    const error = (await rest.getUser({ id: 'u1' }).catch((e: unknown) => e)) as UserAdminError;
    expect(isUserAdminError(error)).toBe(true);
    expect(error).toMatchObject({ code, reason: 'last_admin', fieldErrors: { email: 'taken' }, status });
  });

  it('sends Retry-After in whole seconds and retryAfterMs in the body for rate_limited', async () => {
    backend.failWith(new UserAdminError('rate_limited', 'slow down', { retryAfterMs: 1200 }));
    const response = await fetch(`${BASE}/roles`);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('2');
    expect(await response.json()).toEqual({ error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 1200 } });
    await expect(rest.listRoles()).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 1200 });
  });

  it('turns a network error from the backend adapter into a failed fetch, which the REST adapter reports as network', async () => {
    backend.failWith(new UserAdminError('network', 'offline'));
    await expect(fetch(`${BASE}/modules`)).rejects.toBeInstanceOf(TypeError);
    await expect(rest.listModules()).rejects.toMatchObject({ code: 'network' });
  });

  it('answers 500 unknown when the backend adapter throws something that is not a UserAdminError', async () => {
    backend.adapter.listRoles = async () => {
      throw new Error('boom');
    };
    const response = await fetch(`${BASE}/roles`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'unknown', message: 'boom' } });
  });

  it.each([
    ['pageIndex=-1&pageSize=10', { pageIndex: 'invalid_format' }],
    ['pageIndex=abc&pageSize=10', { pageIndex: 'invalid_format' }],
    ['pageSize=10', { pageIndex: 'required' }],
    ['pageIndex=0&pageSize=0', { pageSize: 'invalid_format' }],
    ['pageIndex=0&pageSize=10&sort=age:asc', { sort: 'invalid_format' }],
    ['pageIndex=0&pageSize=10&sort=name:up', { sort: 'invalid_format' }],
    ['pageIndex=0&pageSize=10&status=active&status=gone', { status: 'invalid_format' }],
    ['pageIndex=0&pageSize=10&kind=robot&scope=world', { kind: 'invalid_format', scope: 'invalid_format' }],
  ])('answers GET /users?%s with 422 validation naming the bad parameters, without asking the backend', async (query, fieldErrors) => {
    const response = await fetch(`${BASE}/users?${query}`);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; fieldErrors: unknown } };
    expect(body.error.code).toBe('validation');
    expect(body.error.fieldErrors).toEqual(fieldErrors);
    expect(backend.calls).toHaveLength(0);
  });

  it('rejects an invitations status that is not pending or expired, and an entities page without paging', async () => {
    expect((await fetch(`${BASE}/invitations?pageIndex=0&pageSize=5&status=accepted`)).status).toBe(422);
    expect((await fetch(`${BASE}/entities?parentId=root`)).status).toBe(422);
    expect(backend.calls).toHaveLength(0);
  });

  it('bounds pageSize by MAX_PAGE_SIZE and bulk id lists by MAX_BULK_IDS (validation, too_long), before the backend is asked', async () => {
    for (const path of ['/users', '/invitations', '/entities']) {
      const response = await fetch(`${BASE}${path}?pageIndex=0&pageSize=${MAX_PAGE_SIZE + 1}`);
      expect(response.status).toBe(422);
      expect((await response.json()).error.fieldErrors).toEqual({ pageSize: 'too_long' });
    }
    await expect(rest.listUsers({ pageIndex: 0, pageSize: 1e9 })).rejects.toMatchObject({ code: 'validation', fieldErrors: { pageSize: 'too_long' } });
    await expect(rest.listUsers({ pageIndex: 0, pageSize: MAX_PAGE_SIZE })).resolves.toBeDefined();
    const tooMany = Array.from({ length: MAX_BULK_IDS + 1 }, (_, i) => `u${i}`);
    await expect(rest.removeUsers!({ ids: tooMany })).rejects.toMatchObject({ code: 'validation', fieldErrors: { ids: 'too_long' } });
    await expect(rest.setUsersStatus!({ ids: tooMany, status: 'active' })).rejects.toMatchObject({ code: 'validation', fieldErrors: { ids: 'too_long' } });
    expect(backend.calls.map((c) => c.method)).toEqual(['listUsers']);
  });

  it('answers a malformed or wrongly shaped JSON body with validation', async () => {
    const post = (path: string, body: string) =>
      fetch(`${BASE}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    const responses = [
      await post('/users', '{not json'),
      await post('/users', '[1]'),
      await post('/users/u1/status', '{"status":"invited"}'),
      await post('/users/bulk/status', '{"ids":"u1","status":"active"}'),
      await post('/users/bulk/remove', '{}'),
      await post('/invitations', '{"emails":"a@x.io"}'),
    ];
    for (const response of responses) {
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('validation');
    }
    expect(backend.calls).toHaveLength(0);
  });

  it('answers 404 not_found for an optional route the backend adapter does not implement', async () => {
    const { getUserCounts: _c, getAccessDiagnostics: _d, ...required } = backend.adapter;
    server.resetHandlers(...createHandlers({ adapter: required as UserAdminAdapter, baseUrl: BASE }));
    await expect(rest.getUserCounts!({})).rejects.toMatchObject({ code: 'not_found' });
    await expect(rest.getAccessDiagnostics!({ userId: 'u1' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('serves under the default /api base, resolved against the page origin', () => {
    const handlers = createHandlers({ adapter: backend.adapter });
    const paths = handlers.map((h) => String(h.info.path));
    expect(paths).toContain('/api/users/:id');
    expect(paths).toContain('/api/users/bulk/status');
    expect(paths.indexOf('/api/users/bulk/status')).toBeLessThan(paths.indexOf('/api/users/:id/status'));
    expect(paths.indexOf('/api/users/counts')).toBeLessThan(paths.indexOf('/api/users/:id'));
  });
});

// ---------------------------------------------------------------------------
// Over the reference backend: the REST adapter, through the handlers, must answer exactly what
// the memory adapter answers directly over a twin store (same seed, same clock start).
// ---------------------------------------------------------------------------

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; code?: string; reason?: string; fieldErrors?: unknown; retryAfterMs?: number };

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const err = e as UserAdminError;
    return { ok: false, name: err.name, code: err.code, reason: err.reason, fieldErrors: err.fieldErrors, retryAfterMs: err.retryAfterMs };
  }
}

describe('createHandlers over the memory adapter', () => {
  let store: MockStore;
  let faults: FaultInjector;
  let direct: UserAdminAdapter;

  beforeEach(() => {
    store = createMockStore();
    faults = createFaultInjector();
    server.resetHandlers(...createHandlers({ adapter: createMemoryAdapter(store, { faults }), baseUrl: BASE }));
    direct = createMemoryAdapter(createMockStore());
  });

  /** Runs one step on both sides and expects the same outcome; returns the REST one. */
  async function same<T>(step: (a: UserAdminAdapter) => Promise<T>): Promise<T> {
    const viaDirect = await outcome(() => step(direct));
    const viaRest = await outcome(() => step(rest));
    expect(viaRest).toStrictEqual(viaDirect);
    return (viaRest.ok ? viaRest.value : viaRest) as T;
  }

  it('lists users with every sort, search, filter and page exactly as the memory adapter does', async () => {
    const fields = ['name', 'email', 'status', 'role', 'lastSignInAt', 'createdAt'] as const;
    for (const field of fields) {
      for (const direction of ['asc', 'desc'] as const) {
        const p = await same((a) => a.listUsers({ pageIndex: 1, pageSize: 10, sort: { field, direction } }));
        expect(p.items).toHaveLength(10);
      }
    }
    const filters: UserFilter[] = [
      { status: ['invited'] },
      { status: ['active', 'deactivated'] },
      { status: [] },
      { kind: 'contact' },
      { roleIds: [ROLE_IDS.user, ROLE_IDS.communication] },
      { entityIds: ['entity-acme-france'] },
      { scope: 'group' },
      { status: ['active'], kind: 'login', roleIds: [ROLE_IDS.admin], entityIds: [ROOT_ENTITY_ID], scope: 'group' },
    ];
    for (const filter of filters) await same((a) => a.listUsers({ pageIndex: 0, pageSize: 50, filter }));
    const found = await same((a) => a.listUsers({ pageIndex: 0, pageSize: 5, search: 'GARCÍA' }));
    expect(found.items.map((u) => u.id)).toContain('user-jose');
    const invited = await same((a) => a.listUsers({ pageIndex: 0, pageSize: 500, filter: { status: ['invited'] } }));
    expect(invited.total).toBeGreaterThan(0);
    expect(invited.items.every((u) => u.status === 'invited')).toBe(true);
    const beyond = await same((a) => a.listUsers({ pageIndex: 1000, pageSize: 10 }));
    expect(beyond.items).toEqual([]);
  });

  it('serves settings, one user, counts, roles, modules, entities and diagnostics unchanged', async () => {
    expect((await same((a) => a.getSettings())).currentUser.id).toBe(CURRENT_ADMIN_ID);
    expect((await same((a) => a.getUser({ id: 'user-zoe' }))).kind).toBe('contact');
    expect(await same((a) => a.getUser({ id: 'nobody' }))).toMatchObject({ ok: false, code: 'not_found' });
    const counts = await same((a) => a.getUserCounts!({}));
    expect(counts.all).toBeGreaterThan(0);
    await same((a) => a.getUserCounts!({ search: 'acme', filter: { roleIds: [ROLE_IDS.user], entityIds: ['entity-acme-iberia'], scope: 'entity' } }));
    expect((await same((a) => a.listRoles())).length).toBeGreaterThan(1);
    expect((await same((a) => a.listModules())).some((m) => m.adminOnly)).toBe(true);
    const roots = await same((a) => a.listEntities({ parentId: null, pageIndex: 0, pageSize: 50 }));
    expect(roots.items.map((e) => e.id)).toEqual([ROOT_ENTITY_ID]);
    const children = await same((a) => a.listEntities({ parentId: 'entity-acme-france', pageIndex: 0, pageSize: 50 }));
    expect(children.items.every((e) => e.parentId === 'entity-acme-france')).toBe(true);
    await same((a) => a.listEntities({ search: 'münchen', pageIndex: 0, pageSize: 50 }));
    const labelled = await same((a) => a.listEntities({ ids: ['entity-acme-uk', 'entity-acme-lyon'], pageIndex: 0, pageSize: 50 }));
    expect(labelled.total).toBe(2);
    expect((await same((a) => a.listEntities({ ids: [], pageIndex: 0, pageSize: 50 }))).total).toBe(0);
    await same((a) => a.listEntities({ pageIndex: 1, pageSize: 3 }));
    expect((await same((a) => a.getAccessDiagnostics!({ userId: 'user-joao' }))).userId).toBe('user-joao');
  });

  it('creates, updates (with an email change), deactivates, reactivates and removes users', async () => {
    const created = await same((a) =>
      a.createUser({
        input: { kind: 'login', email: 'new.person@acme.fr', firstName: 'New', lastName: 'Person', roleId: ROLE_IDS.user, scope: 'entity', entityIds: ['entity-acme-paris'] },
      }),
    );
    expect(created.user.status).toBe('invited');
    expect(created.invitation?.email).toBe('new.person@acme.fr');
    const contact = await same((a) =>
      a.createUser({ input: { kind: 'contact', email: 'c.one@partner.io', firstName: 'C', lastName: 'One', entityId: 'entity-acme-uk' } }),
    );
    expect(contact.invitation).toBeNull();
    expect(await same((a) => a.createUser({ input: { kind: 'contact', email: 'bad', firstName: '', lastName: 'X', entityId: 'entity-acme-uk' } }))).toMatchObject({
      ok: false,
      code: 'validation',
    });
    expect(
      await same((a) => a.createUser({ input: { kind: 'contact', email: 'jose.garcia@acme.es', firstName: 'J', lastName: 'G', entityId: 'entity-acme-uk' } })),
    ).toMatchObject({ ok: false, code: 'conflict' });

    const renamed = await same((a) => a.updateUser({ id: 'user-jose', patch: { firstName: 'Pepe' } }));
    expect(renamed).toMatchObject({ user: { firstName: 'Pepe' }, emailChange: 'none' });
    const moved = await same((a) => a.updateUser({ id: 'user-jose', patch: { email: 'pepe@acme.es' } }));
    expect(moved.emailChange).toBe('registration_request_sent');
    expect(moved.user.pendingEmail).toBe('pepe@acme.es');

    expect((await same((a) => a.setUserStatus({ id: 'user-francoise', status: 'deactivated' }))).status).toBe('deactivated');
    expect((await same((a) => a.setUserStatus({ id: 'user-francoise', status: 'active' }))).status).toBe('active');
    expect(await same((a) => a.setUserStatus({ id: CURRENT_ADMIN_ID, status: 'deactivated' }))).toMatchObject({ ok: false });

    await expect(rest.removeUser({ id: 'user-soren' })).resolves.toBeUndefined();
    await expect(direct.removeUser({ id: 'user-soren' })).resolves.toBeUndefined();
    expect(await same((a) => a.getUser({ id: 'user-soren' }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await same((a) => a.removeUser({ id: 'user-soren' }))).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('invites several addresses, skipping each bad one with its reason, then lists, resends and revokes invitations', async () => {
    const result = await same((a) =>
      a.inviteUsers({
        input: {
          emails: ['fresh.one@acme.fr', 'not-an-email', 'fresh.one@acme.fr', 'jose.garcia@acme.es', 'joao.silva@acme.es', 'someone@mailinator.com'],
          roleId: ROLE_IDS.user,
          entityIds: ['entity-acme-paris'],
          scope: 'entity',
        },
      }),
    );
    expect(result.invited.map((i) => i.email)).toEqual(['fresh.one@acme.fr']);
    expect(Object.fromEntries(result.skipped.map((s) => [s.email, s.reason]))).toMatchObject({
      'not-an-email': 'invalid',
      'jose.garcia@acme.es': 'already_member',
      'joao.silva@acme.es': 'already_invited',
      'someone@mailinator.com': 'disposable',
    });
    expect(result.skipped.some((s) => s.reason === 'duplicate')).toBe(true);

    const pending = await same((a) => a.listInvitations({ pageIndex: 0, pageSize: 100, status: 'pending' }));
    expect(pending.items.some((i) => i.email === 'fresh.one@acme.fr')).toBe(true);
    await same((a) => a.listInvitations({ pageIndex: 0, pageSize: 5, search: 'fresh' }));
    await same((a) => a.listInvitations({ pageIndex: 0, pageSize: 5, status: 'expired' }));

    const id = result.invited[0]!.id;
    expect((await same((a) => a.resendInvitation({ id }))).id).toBe(id);
    expect(await same((a) => a.resendInvitation({ id: 'no-such-invitation' }))).toMatchObject({ ok: false, code: 'not_found' });
    await expect(rest.revokeInvitation({ id })).resolves.toBeUndefined();
    await direct.revokeInvitation({ id });
    const after = await same((a) => a.listInvitations({ pageIndex: 0, pageSize: 100, search: 'fresh.one' }));
    expect(after.total).toBe(0);
  });

  it('skips an address outside the allowed domains with domain_not_allowed', async () => {
    server.resetHandlers(...createHandlers({ adapter: createMemoryAdapter(createMockStore({ allowedDomains: ['acme.fr'] })), baseUrl: BASE }));
    const result = await rest.inviteUsers({ input: { emails: ['ok.person@acme.fr', 'x.y@elsewhere.io'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } });
    expect(result.invited.map((i) => i.email)).toEqual(['ok.person@acme.fr']);
    expect(result.skipped).toEqual([{ email: 'x.y@elsewhere.io', reason: 'domain_not_allowed' }]);
  });

  it('skips addresses with sso_enforced when SSO is enforced', async () => {
    store.updateSettings({ sso: { enforced: true, providerName: 'Okta' } });
    const result = await rest.inviteUsers({ input: { emails: ['x.y@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } });
    expect(result.skipped).toEqual([{ email: 'x.y@acme.fr', reason: 'sso_enforced' }]);
  });

  it('sends ETag on a user read and on writes, honours If-Match, and answers 412 conflict/stale to a stale one, changing nothing', async () => {
    const read = await fetch(`${BASE}/users/user-jose`);
    const v1 = (await read.json()).version as string;
    expect(read.headers.get('ETag')).toBe(`"${v1}"`);
    const patch = (ifMatch: string) => fetch(`${BASE}/users/user-jose`, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', 'If-Match': ifMatch }, body: JSON.stringify({ firstName: 'Joseph' }),
    });
    const ok = await patch(`"${v1}"`);
    expect(ok.status).toBe(200);
    const v2 = (await ok.json()).user.version as string;
    expect(v2).not.toBe(v1);
    expect(ok.headers.get('ETag')).toBe(`"${v2}"`);
    const stale = await patch(`"${v1}"`);
    expect(stale.status).toBe(412);
    expect((await stale.json()).error).toMatchObject({ code: 'conflict', reason: 'stale' });
    const gone = await fetch(`${BASE}/users/user-jose`, { method: 'DELETE', headers: { 'If-Match': `"${v1}"` } });
    expect(gone.status).toBe(412);
    expect(store.getUser({ id: 'user-jose' })).toMatchObject({ firstName: 'Joseph', version: v2 });
    // `*` (or no If-Match) means any version.
    expect((await patch('*')).status).toBe(200);
    // The REST adapter round trip: expectedVersion out, 412 back as conflict/stale.
    await expect(rest.setUserStatus({ id: 'user-jose', status: 'deactivated', expectedVersion: v1 })).rejects.toMatchObject({ code: 'conflict', reason: 'stale', status: 412 });
    const current = await rest.getUser({ id: 'user-jose' });
    expect((await rest.setUserStatus({ id: 'user-jose', status: 'deactivated', expectedVersion: current.version })).status).toBe('deactivated');
    const role = (await rest.listRoles()).find((r) => r.id === ROLE_IDS.communication)!;
    const edited = await fetch(`${BASE}/roles/${role.id}`, {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', 'If-Match': `"${role.version}"` }, body: JSON.stringify({ defaultPermissions: role.defaultPermissions }),
    });
    expect(edited.headers.get('ETag')).toBe(`"${(await edited.json()).version}"`);
    await expect(rest.updateRole!({ id: role.id, patch: { defaultPermissions: role.defaultPermissions }, expectedVersion: role.version })).rejects.toMatchObject({ code: 'conflict', reason: 'stale' });
  });

  it('answers 404 for an id that is "." or ".." or holds a "/", whatever route it reaches', async () => {
    for (const [method, path] of [
      ['GET', '/users/%2e%2e%2fx'], ['PATCH', '/users/a%2Fb'], ['DELETE', '/users/%2e%2e%2fx'], ['POST', '/users/a%2F..%2Fb/status'],
      ['GET', '/users/a%2Fb/access-diagnostics'], ['POST', '/invitations/a%2Fb/resend'], ['DELETE', '/invitations/a%2Fb'], ['PATCH', '/roles/a%2Fb'],
    ] as const) {
      const response = await fetch(`${BASE}${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }) });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect((await response.json()).error.code).toBe('not_found');
    }
  });

  it('changes status and removes in bulk with one result per id, errors included', async () => {
    const status = await same((a) => a.setUsersStatus!({ ids: ['user-francoise', 'nobody', CURRENT_ADMIN_ID], status: 'deactivated' }));
    expect(status.results.map((r) => [r.id, r.ok])).toEqual([
      ['user-francoise', true],
      ['nobody', false],
      [CURRENT_ADMIN_ID, false],
    ]);
    const removed = await same((a) => a.removeUsers!({ ids: ['user-zoe', 'nobody'] }));
    expect(removed.results[1]).toMatchObject({ id: 'nobody', ok: false, error: { code: 'not_found' } });
  });

  describe('refusals of the domain rules (403 forbidden with the reason)', () => {
    const KARIM_BASE = `${BASE}/as/user-admin-2`;
    const post = (path: string, body: unknown, base = BASE) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const read = async (response: Response) => ({ status: response.status, body: (await response.json()) as { error: { code: string; reason?: string } } });

    beforeEach(() => {
      // The same backend acting as Karim Benali (admin of Acme Deutschland and Acme France only).
      server.use(...createHandlers({ adapter: createMemoryAdapter(store.as('user-admin-2')), baseUrl: KARIM_BASE }));
    });

    it('answers self_action for an action on oneself, single or per item in bulk', async () => {
      expect(await read(await post(`/users/${CURRENT_ADMIN_ID}/status`, { status: 'deactivated' })))
        .toMatchObject({ status: 403, body: { error: { code: 'forbidden', reason: 'self_action' } } });
      const response = await read(await post('/users/bulk/remove', { ids: [CURRENT_ADMIN_ID] }));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ results: [{ id: CURRENT_ADMIN_ID, ok: false, error: { code: 'forbidden', reason: 'self_action' } }] });
    });

    it('answers outside_scope and scope_too_broad to a scoped admin, and the REST adapter reports them', async () => {
      expect(await read(await post('/users', {
        kind: 'login', email: 'x@acme.es', firstName: 'X', lastName: 'Y', roleId: ROLE_IDS.user, scope: 'entity', entityIds: ['entity-acme-madrid'],
      }, KARIM_BASE))).toMatchObject({ status: 403, body: { error: { code: 'forbidden', reason: 'outside_scope' } } });
      expect(await read(await post('/invitations', {
        emails: ['y@acme.fr'], roleId: ROLE_IDS.admin, entityIds: ['entity-acme-paris'], adminScope: { type: 'all' },
      }, KARIM_BASE))).toMatchObject({ status: 403, body: { error: { code: 'forbidden', reason: 'scope_too_broad' } } });
      const karim = createRestAdapter({ baseUrl: KARIM_BASE });
      const error = (await karim.setUserStatus({ id: CURRENT_ADMIN_ID, status: 'deactivated' }).catch((e: unknown) => e)) as UserAdminError;
      expect(error).toMatchObject({ code: 'forbidden', reason: 'outside_scope' });
      expect((await karim.getSettings()).currentUser.id).toBe('user-admin-2');
    });

    it('answers sso_enforced to a resend under enforced SSO', async () => {
      store.updateSettings({ sso: { enforced: true, providerName: 'Okta' } });
      const invitation = store.getUser({ id: 'user-joao' }).invitation!;
      expect(await read(await post(`/invitations/${invitation.id}/resend`, {})))
        .toMatchObject({ status: 403, body: { error: { code: 'forbidden', reason: 'sso_enforced' } } });
    });
  });

  it.each(['validation', 'conflict', 'not_found', 'unauthorized', 'forbidden', 'rate_limited', 'unavailable', 'unknown', 'network'] as const)(
    'reports an injected %s fault with the same code through HTTP',
    async (code) => {
      faults.failNext(code, { methods: ['listUsers'] });
      const error = (await rest.listUsers({ pageIndex: 0, pageSize: 5 }).catch((e: unknown) => e)) as UserAdminError;
      expect(isUserAdminError(error)).toBe(true);
      expect(error.code).toBe(code);
      if (code === 'rate_limited') expect(error.retryAfterMs).toBe(1000);
      await expect(rest.listUsers({ pageIndex: 0, pageSize: 5 })).resolves.toMatchObject({ total: expect.any(Number) });
    },
  );

  it('aborts a slow call with an AbortError', async () => {
    faults.setLatency(5_000);
    const controller = new AbortController();
    const call = rest.listRoles({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
  });
});
