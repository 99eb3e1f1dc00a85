// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { UserAdminError, isUserAdminError } from '../../contract/errors';
import { createRestAdapter } from './index';
import { errorCodeForStatus, parseRetryAfter } from './protocol';

const BASE = 'http://localhost/api';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves one route and returns the requests it saw. */
function capture(method: 'get' | 'post' | 'patch' | 'delete', path: string, response: () => Response) {
  const seen: Request[] = [];
  server.use(
    http[method](`${BASE}${path}`, ({ request }) => {
      seen.push(request.clone());
      return response();
    }),
  );
  return seen;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

const page = { items: [], total: 0 };

describe('createRestAdapter: requests', () => {
  it('serializes listUsers paging, sort, search and every filter as documented query parameters', async () => {
    const seen = capture('get', '/users', () => HttpResponse.json(page));
    const adapter = createRestAdapter({ baseUrl: BASE });
    await adapter.listUsers({
      pageIndex: 2,
      pageSize: 25,
      sort: { field: 'lastSignInAt', direction: 'desc' },
      search: 'ana b',
      filter: { status: ['active', 'invited'], kind: 'login', roleIds: ['r1', 'r2'], entityIds: ['e1'], scope: 'group' },
    });
    const q = new URL(seen[0]!.url).searchParams;
    expect(q.get('pageIndex')).toBe('2');
    expect(q.get('pageSize')).toBe('25');
    expect(q.get('sort')).toBe('lastSignInAt:desc');
    expect(q.get('search')).toBe('ana b');
    expect(q.getAll('status')).toEqual(['active', 'invited']);
    expect(q.get('kind')).toBe('login');
    expect(q.getAll('roleId')).toEqual(['r1', 'r2']);
    expect(q.getAll('entityId')).toEqual(['e1']);
    expect(q.get('scope')).toBe('group');
  });

  it('leaves out parameters that were not given, and sends an empty list as one empty value', async () => {
    const seen = capture('get', '/users', () => HttpResponse.json(page));
    await createRestAdapter({ baseUrl: BASE }).listUsers({ pageIndex: 0, pageSize: 10, filter: { status: [] } });
    const q = new URL(seen[0]!.url).searchParams;
    expect([...q.keys()].sort()).toEqual(['pageIndex', 'pageSize', 'status']);
    expect(q.getAll('status')).toEqual(['']);
  });

  it('sends parentId=root for the roots of the entity tree and repeats ids', async () => {
    const seen = capture('get', '/entities', () => HttpResponse.json(page));
    const adapter = createRestAdapter({ baseUrl: `${BASE}/` });
    await adapter.listEntities({ parentId: null, pageIndex: 0, pageSize: 50 });
    await adapter.listEntities({ parentId: 'c 1', ids: ['a', 'b'], search: 'x', pageIndex: 1, pageSize: 5 });
    expect(new URL(seen[0]!.url).searchParams.get('parentId')).toBe('root');
    const second = new URL(seen[1]!.url).searchParams;
    expect(second.get('parentId')).toBe('c 1');
    expect(second.getAll('ids')).toEqual(['a', 'b']);
    expect(second.get('search')).toBe('x');
  });

  it('sends JSON bodies with a content type and encodes ids in the path', async () => {
    const seen = capture('patch', '/users/:id', () => HttpResponse.json({ user: {}, emailChange: 'none' }));
    await createRestAdapter({ baseUrl: BASE }).updateUser({ id: 'a/b', patch: { firstName: 'Ana' } });
    expect(new URL(seen[0]!.url).pathname).toBe('/api/users/a%2Fb');
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(await seen[0]!.json()).toEqual({ firstName: 'Ana' });
  });

  it('refuses an id of ".", ".." or "" with validation, sending nothing, since fetch would resolve it to another route', async () => {
    const seen: Request[] = [];
    server.events.on('request:start', ({ request }) => { seen.push(request); });
    const rest = createRestAdapter({ baseUrl: BASE });
    const calls: Array<() => Promise<unknown>> = [
      () => rest.getUser({ id: '..' }),
      () => rest.removeUser({ id: '..' }),
      () => rest.setUserStatus({ id: '.', status: 'deactivated' }),
      () => rest.updateUser({ id: '..', patch: {} }),
      () => rest.resendInvitation({ id: '..' }),
      () => rest.revokeInvitation({ id: '' }),
      () => rest.getAccessDiagnostics!({ userId: '..' }),
      () => rest.updateRole!({ id: '..', patch: { defaultPermissions: {} } }),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      expect(error).toMatchObject({ code: 'validation', fieldErrors: { id: 'invalid_format' } });
    }
    server.events.removeAllListeners();
    expect(seen).toEqual([]);
  });

  it('sends expectedVersion as If-Match and reads a version from the ETag when the body has none', async () => {
    const seen = capture('patch', '/users/:id', () => HttpResponse.json({ user: { id: 'u1' }, emailChange: 'none' }, { headers: { ETag: '"8"' } }));
    const result = await createRestAdapter({ baseUrl: BASE }).updateUser({ id: 'u1', patch: { firstName: 'Ana' }, expectedVersion: '7' });
    expect(seen[0]!.headers.get('if-match')).toBe('"7"');
    expect(result.user.version).toBe('8');
    const removes = capture('delete', '/users/:id', () => new HttpResponse(null, { status: 204 }));
    await createRestAdapter({ baseUrl: BASE }).removeUser({ id: 'u1' });
    expect(removes[0]!.headers.get('if-match')).toBeNull();
  });

  it('sends the headers returned by an async headers function, asked afresh on every request', async () => {
    const seen = capture('get', '/roles', () => HttpResponse.json([]));
    let token = 0;
    const adapter = createRestAdapter({
      baseUrl: BASE,
      headers: async () => ({ Authorization: `Bearer t${++token}`, 'X-Tenant': 'acme' }),
    });
    await adapter.listRoles();
    await adapter.listRoles();
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2']);
    expect(seen[0]!.headers.get('x-tenant')).toBe('acme');
  });

  it('sends static headers given as an object', async () => {
    const seen = capture('get', '/modules', () => HttpResponse.json([]));
    await createRestAdapter({ baseUrl: BASE, headers: { 'X-Api-Key': 'k' } }).listModules();
    expect(seen[0]!.headers.get('x-api-key')).toBe('k');
  });

  it('resolves removeUser and revokeInvitation to undefined on 204', async () => {
    capture('delete', '/users/:id', () => new HttpResponse(null, { status: 204 }));
    capture('delete', '/invitations/:id', () => new HttpResponse(null, { status: 204 }));
    const adapter = createRestAdapter({ baseUrl: BASE });
    await expect(adapter.removeUser({ id: 'u1' })).resolves.toBeUndefined();
    await expect(adapter.revokeInvitation({ id: 'i1' })).resolves.toBeUndefined();
  });

  it('uses the fetch given in the options instead of the global one', async () => {
    const calls: string[] = [];
    const adapter = createRestAdapter({
      baseUrl: '/api',
      fetch: async (input) => {
        calls.push(String(input));
        return Response.json({ items: [], total: 0 });
      },
    });
    await adapter.listInvitations({ pageIndex: 0, pageSize: 20, status: 'expired' });
    expect(calls).toEqual(['/api/invitations?pageIndex=0&pageSize=20&status=expired']);
  });

  it('leaves out optional methods switched off in capabilities, and has all of them by default', () => {
    const full = createRestAdapter({ baseUrl: BASE });
    expect(typeof full.getUserCounts).toBe('function');
    expect(typeof full.getAccessDiagnostics).toBe('function');
    expect(typeof full.setUsersStatus).toBe('function');
    expect(typeof full.removeUsers).toBe('function');
    expect(typeof full.sendPasswordReset).toBe('function');
    const partial = createRestAdapter({ baseUrl: BASE, capabilities: { userCounts: false, bulkRemove: false, passwordReset: false } });
    expect(partial.getUserCounts).toBeUndefined();
    expect(partial.removeUsers).toBeUndefined();
    expect(partial.sendPasswordReset).toBeUndefined();
    expect(typeof partial.setUsersStatus).toBe('function');
  });
});

describe('createRestAdapter: errors', () => {
  it.each([
    [400, 'validation'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [412, 'conflict'],
    [422, 'validation'],
    [429, 'rate_limited'],
    [500, 'unknown'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [501, 'unknown'],
    [418, 'unknown'],
  ] as const)('maps HTTP %i without an error body to %s', async (status, code) => {
    capture('get', '/settings', () => new HttpResponse('<html>oops</html>', { status, headers: { 'Content-Type': 'text/html' } }));
    const error = await rejection(createRestAdapter({ baseUrl: BASE }).getSettings());
    expect(isUserAdminError(error)).toBe(true);
    expect((error as UserAdminError).code).toBe(code);
    expect((error as UserAdminError).status).toBe(status);
  });

  it('maps a 412 (a stale If-Match) to conflict with reason stale, with or without a body', async () => {
    capture('post', '/users/:id/status', () => new HttpResponse(null, { status: 412 }));
    const bare = await rejection(createRestAdapter({ baseUrl: BASE }).setUserStatus({ id: 'u1', status: 'deactivated', expectedVersion: '1' }));
    expect(bare).toMatchObject({ code: 'conflict', reason: 'stale', status: 412 });
    capture('patch', '/roles/:id', () => HttpResponse.json({ error: { code: 'conflict', reason: 'stale', message: 'changed' } }, { status: 412 }));
    const withBody = await rejection(createRestAdapter({ baseUrl: BASE }).updateRole!({ id: 'r1', patch: { defaultPermissions: {} }, expectedVersion: '1' }));
    expect(withBody).toMatchObject({ code: 'conflict', reason: 'stale', message: 'changed' });
  });

  it('reads code, message, reason and field errors from the error body', async () => {
    capture('post', '/users/:id/status', () =>
      HttpResponse.json(
        { error: { code: 'conflict', message: 'Last admin', reason: 'last_admin', fieldErrors: { status: 'not_allowed' } } },
        { status: 409 },
      ),
    );
    const error = (await rejection(createRestAdapter({ baseUrl: BASE }).setUserStatus({ id: 'u1', status: 'deactivated' }))) as UserAdminError;
    expect(error).toBeInstanceOf(UserAdminError);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Last admin');
    expect(error.reason).toBe('last_admin');
    expect(error.fieldErrors).toEqual({ status: 'not_allowed' });
  });

  it('prefers the body code to the status, and falls back to the status for an unknown body code', async () => {
    capture('get', '/users/:id', () => HttpResponse.json({ error: { code: 'forbidden', message: 'no' } }, { status: 400 }));
    const adapter = createRestAdapter({ baseUrl: BASE });
    expect(((await rejection(adapter.getUser({ id: 'x' }))) as UserAdminError).code).toBe('forbidden');
    server.resetHandlers();
    capture('get', '/users/:id', () => HttpResponse.json({ error: { code: 'teapot', message: 'no' } }, { status: 404 }));
    expect(((await rejection(adapter.getUser({ id: 'x' }))) as UserAdminError).code).toBe('not_found');
  });

  it('turns a Retry-After header in seconds into retryAfterMs', async () => {
    capture('get', '/roles', () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3' } }));
    const error = (await rejection(createRestAdapter({ baseUrl: BASE }).listRoles())) as UserAdminError;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(3000);
  });

  it('prefers the body retryAfterMs to the rounded Retry-After header', async () => {
    capture('get', '/roles', () =>
      HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down', retryAfterMs: 1500 } }, { status: 429, headers: { 'Retry-After': '2' } }),
    );
    const error = (await rejection(createRestAdapter({ baseUrl: BASE }).listRoles())) as UserAdminError;
    expect(error.retryAfterMs).toBe(1500);
  });

  it('maps a network failure (fetch TypeError) to network', async () => {
    capture('get', '/modules', () => HttpResponse.error());
    const error = (await rejection(createRestAdapter({ baseUrl: BASE }).listModules())) as UserAdminError;
    expect(isUserAdminError(error)).toBe(true);
    expect(error.code).toBe('network');
  });

  it('maps a TypeError thrown by a custom fetch to network', async () => {
    const adapter = createRestAdapter({ baseUrl: BASE, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(((await rejection(adapter.listModules())) as UserAdminError).code).toBe('network');
  });

  it('maps an unreadable success body to unknown', async () => {
    capture('get', '/settings', () => new HttpResponse('not json', { status: 200 }));
    expect(((await rejection(createRestAdapter({ baseUrl: BASE }).getSettings())) as UserAdminError).code).toBe('unknown');
  });

  it('reads an error body leniently: HTML or an empty body keeps the code and message of the status', async () => {
    capture('get', '/roles', () => new HttpResponse('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const html = (await rejection(createRestAdapter({ baseUrl: BASE }).listRoles())) as UserAdminError;
    expect([html.code, html.status, html.message]).toEqual(['unavailable', 502, 'HTTP 502 Bad Gateway']);
    capture('get', '/modules', () => new HttpResponse(null, { status: 409 }));
    const empty = (await rejection(createRestAdapter({ baseUrl: BASE }).listModules())) as UserAdminError;
    expect([empty.code, empty.status]).toEqual(['conflict', 409]);
  });

  it('lets an abort met while reading an error body through as an AbortError', async () => {
    const body = new ReadableStream({
      pull(controller) {
        controller.error(new DOMException('The operation was aborted.', 'AbortError'));
      },
    });
    const adapter = createRestAdapter({ baseUrl: BASE, fetch: async () => new Response(body, { status: 500 }) });
    const error = await rejection(adapter.listRoles());
    expect(isUserAdminError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });

  it('lets an abort through as an AbortError, not a UserAdminError', async () => {
    server.use(
      http.get(`${BASE}/users`, async () => {
        await delay('infinite');
        return HttpResponse.json(page);
      }),
    );
    const controller = new AbortController();
    const call = createRestAdapter({ baseUrl: BASE }).listUsers({ pageIndex: 0, pageSize: 10, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const error = await rejection(call);
    expect(isUserAdminError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });

  it('does not send a request when the signal is already aborted', async () => {
    const seen = capture('get', '/roles', () => HttpResponse.json([]));
    const error = await rejection(createRestAdapter({ baseUrl: BASE }).listRoles({ signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe('AbortError');
    expect(seen).toHaveLength(0);
  });

  it('turns a failing headers function into unknown without sending the request', async () => {
    const seen = capture('get', '/roles', () => HttpResponse.json([]));
    const adapter = createRestAdapter({
      baseUrl: BASE,
      headers: () => {
        throw new Error('no token');
      },
    });
    expect(((await rejection(adapter.listRoles())) as UserAdminError).code).toBe('unknown');
    expect(seen).toHaveLength(0);
  });
});

describe('protocol helpers', () => {
  it('parses Retry-After as seconds or as an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 31 Dec 2029 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('maps statuses without a body to codes', () => {
    expect(errorCodeForStatus(400)).toBe('validation');
    expect(errorCodeForStatus(504)).toBe('unavailable');
    expect(errorCodeForStatus(507)).toBe('unknown');
  });
});
