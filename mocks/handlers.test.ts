// @vitest-environment node
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import type { UserAdminAdapter } from '../src/adapter/types';
import type { UserAdminErrorCode } from '../src/adapter/errors';
import { UserAdminError, isUserAdminError } from '../src/adapter/errors';
import { createRestAdapter } from '../src/adapters/rest';
import { createHandlers } from './handlers';

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
    ['GET /users/:id', (a) => a.getUser({ id: 'u 1/é' }), 'getUser', { id: 'u 1/é' }, { id: 'u1' }],
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
