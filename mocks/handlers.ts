/**
 * MSW 2 handlers that serve the REST API of docs/rest-api.md over any {@link UserAdminAdapter}
 * (the memory adapter in the demo and tests, or a host's own).
 */
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import type {
  RolePatch,
  InvitationStatus,
  SortDirection,
  UserAdminAdapter,
  UserFilter,
  UserKind,
  UserScope,
  UserSortField,
  UserStatus,
} from '../src/contract/types';
import type { FieldErrors } from '../src/contract/errors';
import { UserAdminError, isAbortError, isUserAdminError } from '../src/contract/errors';
import { ERROR_STATUS, ROOT_PARENT, STALE_STATUS, versionOfTag } from '../src/adapters/rest/protocol';
import { checkPageSize } from '../src/core';
import { bulkIdsSchema } from '../src/contract/schemas';
import { parseInput } from '../src/adapters/shared/input';

/**
 * Options of {@link createHandlers}.
 * @example
 * const options: CreateHandlersOptions = { adapter: createMemoryAdapter(createMockStore()), baseUrl: 'http://localhost/api' };
 */
export interface CreateHandlersOptions {
  /** The backend the handlers answer from. */
  adapter: UserAdminAdapter;
  /** Where the API is mounted: a path (`/api`) or an absolute URL (`http://localhost/api`). Defaults to `'/api'`. */
  baseUrl?: string;
}

const USER_STATUSES: readonly UserStatus[] = ['invited', 'active', 'deactivated'];
const USER_KINDS: readonly UserKind[] = ['login', 'contact'];
const USER_SCOPES: readonly UserScope[] = ['group', 'entity'];
const SORT_FIELDS: readonly UserSortField[] = ['name', 'email', 'status', 'role', 'lastSignInAt', 'createdAt'];
const SORT_DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];
const INVITATION_STATUSES: readonly InvitationStatus[] = ['pending', 'expired'];
const SETTABLE_STATUSES = ['active', 'deactivated'] as const;

/** Collects query problems, then throws one `validation` error naming every bad parameter. */
class QueryReader {
  private readonly errors: FieldErrors = {};
  constructor(private readonly params: URLSearchParams) {}

  integer(name: string, min: number): number {
    const raw = this.params.get(name);
    if (raw === null || raw === '') {
      this.errors[name] = 'required';
      return 0;
    }
    if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
      this.errors[name] = 'invalid_format';
      return 0;
    }
    return Number(raw);
  }

  /** `pageSize`: a whole number from 1 to the core's `MAX_PAGE_SIZE` (over it, `too_long`). */
  pageSize(): number {
    const value = this.integer('pageSize', 1);
    if (this.errors.pageSize === undefined) {
      const problem = checkPageSize(value);
      if (problem) this.errors.pageSize = problem;
    }
    return value;
  }

  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return undefined;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.errors[name] = 'invalid_format';
      return undefined;
    }
    return raw as T;
  }

  /** A repeatable parameter: absent is `undefined`, present with only empty values is `[]`. */
  list(name: string): string[] | undefined {
    if (!this.params.has(name)) return undefined;
    return this.params.getAll(name).filter((v) => v !== '');
  }

  listOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const values = this.list(name);
    if (values?.some((v) => !(allowed as readonly string[]).includes(v))) {
      this.errors[name] = 'invalid_format';
      return undefined;
    }
    return values as T[] | undefined;
  }

  sort(): { field: UserSortField; direction: SortDirection } | undefined {
    const raw = this.params.get('sort');
    if (raw === null || raw === '') return undefined;
    const [field, direction = 'asc', ...rest] = raw.split(':');
    if (
      rest.length > 0 ||
      !(SORT_FIELDS as readonly string[]).includes(field ?? '') ||
      !(SORT_DIRECTIONS as readonly string[]).includes(direction)
    ) {
      this.errors.sort = 'invalid_format';
      return undefined;
    }
    return { field: field as UserSortField, direction: direction as SortDirection };
  }

  /** Throws when any parameter was bad. */
  done(): void {
    const names = Object.keys(this.errors);
    if (names.length > 0) {
      throw new UserAdminError('validation', `Invalid query parameter(s): ${names.join(', ')}`, { fieldErrors: this.errors });
    }
  }
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function readFilter(q: QueryReader, withStatusAndKind: boolean): UserFilter | undefined {
  const filter = definedOnly<UserFilter>({
    status: withStatusAndKind ? q.listOf('status', USER_STATUSES) : undefined,
    kind: withStatusAndKind ? q.oneOf('kind', USER_KINDS) : undefined,
    roleIds: q.list('roleId'),
    entityIds: q.list('entityId'),
    scope: q.oneOf('scope', USER_SCOPES),
  });
  return Object.keys(filter).length > 0 ? filter : undefined;
}

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch (e) {
    if (isAbortError(e)) throw e;
    throw new UserAdminError('validation', 'The request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new UserAdminError('validation', 'The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function readIds(body: Record<string, unknown>): string[] {
  const { ids } = body;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw new UserAdminError('validation', '`ids` must be an array of strings', { fieldErrors: { ids: 'invalid_format' } });
  }
  // The protocol's bound (MAX_BULK_IDS), by the shared schema every backend applies.
  return parseInput(bulkIdsSchema, ids, 'ids');
}

function readSettableStatus(body: Record<string, unknown>): 'active' | 'deactivated' {
  const { status } = body;
  if (!(SETTABLE_STATUSES as readonly unknown[]).includes(status)) {
    throw new UserAdminError('validation', '`status` must be "active" or "deactivated"', {
      fieldErrors: { status: status === undefined ? 'required' : 'invalid_format' },
    });
  }
  return status as 'active' | 'deactivated';
}

/**
 * The error response for anything the adapter threw. `network` errors become a network
 * failure (fetch rejects), as a real network would behave.
 */
function errorResponse(error: unknown): Response {
  if (isAbortError(error)) {
    // The client has gone; nobody reads this answer.
    return HttpResponse.json({ error: { code: 'unknown', message: 'Request aborted' } }, { status: 499 });
  }
  const e = isUserAdminError(error)
    ? error
    : new UserAdminError('unknown', error instanceof Error ? error.message : String(error));
  if (e.code === 'network') return HttpResponse.error();
  const headers: Record<string, string> = {};
  if (e.code === 'rate_limited' && e.retryAfterMs !== undefined) {
    headers['Retry-After'] = String(Math.max(0, Math.ceil(e.retryAfterMs / 1000)));
  }
  // A stale If-Match (expectedVersion) is a failed precondition: 412, still `conflict`/`stale` in the body.
  const status = e.code === 'conflict' && e.reason === 'stale' ? STALE_STATUS : ERROR_STATUS[e.code];
  return HttpResponse.json({ error: e.toJSON() }, { status, headers });
}

type Resolver = (info: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Promise<Response>;

/** Runs a resolver and turns whatever it throws into the documented error response. */
function guarded(resolve: Resolver): Resolver {
  return async (info) => {
    try {
      return await resolve(info);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function param(params: Record<string, string | readonly string[] | undefined>, name: string): string {
  const value = params[name];
  return typeof value === 'string' ? value : '';
}

/**
 * An id from the path. `.`, `..` and any id containing `/` (all of which only reach here encoded,
 * `%2e%2e%2fx`) name no record: `404 not_found`, so an id can never point the backend at another path.
 */
function idParam(params: Record<string, string | readonly string[] | undefined>, name = 'id'): string {
  const id = param(params, name);
  if (id === '' || id === '.' || id === '..' || id.includes('/')) throw new UserAdminError('not_found', `No record has the id ${JSON.stringify(id)}`);
  return id;
}

/**
 * The version `If-Match` names, for `expectedVersion`: the opaque tag of `"<version>"` (weak `W/`
 * tags are read the same), or none without the header or for `*` (any version). Only the first tag
 * of a list is read: the API sends one ETag per record.
 */
function ifMatch(request: Request): { expectedVersion?: string } {
  const expectedVersion = versionOfTag(request.headers.get('If-Match'));
  return expectedVersion === undefined ? {} : { expectedVersion };
}

/** `ETag: "<version>"` for a record that has a version, else no header. */
function etag(version: string | undefined): Record<string, string> {
  return version === undefined ? {} : { ETag: `"${version}"` };
}

function notImplemented(method: string): never {
  throw new UserAdminError('not_found', `This backend has no ${method}`);
}

/**
 * MSW 2 request handlers serving the REST API of docs/rest-api.md from an adapter. Results go
 * out as JSON; a thrown {@link UserAdminError} goes out as its HTTP status and
 * `{ "error": { code, message, ... } }`; `request.signal` is handed to the adapter.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * const server = setupServer(
 *   ...createHandlers({ adapter: createMemoryAdapter(createMockStore()), baseUrl: 'http://localhost/api' }),
 * );
 * server.listen();
 * // Another user's session over the same store, under its own base URL:
 * // server.use(...createHandlers({ adapter: createMemoryAdapter(store.as('user-admin-2')), baseUrl: 'http://localhost/api/as/user-admin-2' }));
 */
export function createHandlers(options: CreateHandlersOptions): HttpHandler[] {
  const { adapter } = options;
  const base = (options.baseUrl ?? '/api').replace(/\/+$/, '');
  const url = (path: string) => `${base}${path}`;
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
    HttpResponse.json(body as Record<string, unknown>, { status, headers });
  const noContent = () => new HttpResponse(null, { status: 204 });

  // Literal routes come before the `:id` routes they would otherwise match (`/users/counts`, `/users/bulk/...`).
  return [
    http.get(url('/settings'), guarded(async ({ request }) => json(await adapter.getSettings({ signal: request.signal })))),

    http.get(
      url('/users/counts'),
      guarded(async ({ request }) => {
        if (!adapter.getUserCounts) notImplemented('getUserCounts');
        const q = new QueryReader(new URL(request.url).searchParams);
        const search = q.string('search');
        const filter = readFilter(q, false);
        q.done();
        return json(await adapter.getUserCounts(definedOnly({ search, filter, signal: request.signal })));
      }),
    ),

    http.post(
      url('/users/bulk/status'),
      guarded(async ({ request }) => {
        if (!adapter.setUsersStatus) notImplemented('setUsersStatus');
        const body = await readJsonObject(request);
        const ids = readIds(body);
        const status = readSettableStatus(body);
        return json(await adapter.setUsersStatus({ ids, status, signal: request.signal }));
      }),
    ),

    http.post(
      url('/users/bulk/remove'),
      guarded(async ({ request }) => {
        if (!adapter.removeUsers) notImplemented('removeUsers');
        const ids = readIds(await readJsonObject(request));
        return json(await adapter.removeUsers({ ids, signal: request.signal }));
      }),
    ),

    http.get(
      url('/users'),
      guarded(async ({ request }) => {
        const q = new QueryReader(new URL(request.url).searchParams);
        const pageIndex = q.integer('pageIndex', 0);
        const pageSize = q.pageSize();
        const sort = q.sort();
        const search = q.string('search');
        const filter = readFilter(q, true);
        q.done();
        return json(await adapter.listUsers(definedOnly({ pageIndex, pageSize, sort, search, filter, signal: request.signal })));
      }),
    ),

    http.post(
      url('/users'),
      guarded(async ({ request }) => {
        const input = await readJsonObject(request);
        // The adapter validates the input itself; the handler only guarantees an object.
        const result = await adapter.createUser({ input: input as never, signal: request.signal });
        return json(result, 201);
      }),
    ),

    http.get(
      url('/users/:id/access-diagnostics'),
      guarded(async ({ request, params }) => {
        if (!adapter.getAccessDiagnostics) notImplemented('getAccessDiagnostics');
        return json(await adapter.getAccessDiagnostics({ userId: idParam(params), signal: request.signal }));
      }),
    ),

    http.post(
      url('/users/:id/password-reset'),
      guarded(async ({ request, params }) => {
        if (!adapter.sendPasswordReset) notImplemented('sendPasswordReset');
        return json(await adapter.sendPasswordReset({ id: idParam(params), signal: request.signal }));
      }),
    ),

    http.post(
      url('/users/:id/status'),
      guarded(async ({ request, params }) => {
        const id = idParam(params);
        const status = readSettableStatus(await readJsonObject(request));
        const user = await adapter.setUserStatus({ id, status, ...ifMatch(request), signal: request.signal });
        return json(user, 200, etag(user.version));
      }),
    ),

    http.get(
      url('/users/:id'),
      guarded(async ({ request, params }) => {
        const user = await adapter.getUser({ id: idParam(params), signal: request.signal });
        return json(user, 200, etag(user.version));
      }),
    ),

    http.patch(
      url('/users/:id'),
      guarded(async ({ request, params }) => {
        const id = idParam(params);
        const patch = await readJsonObject(request);
        const result = await adapter.updateUser({ id, patch, ...ifMatch(request), signal: request.signal });
        return json(result, 200, etag(result.user.version));
      }),
    ),

    http.delete(
      url('/users/:id'),
      guarded(async ({ request, params }) => {
        await adapter.removeUser({ id: idParam(params), ...ifMatch(request), signal: request.signal });
        return noContent();
      }),
    ),

    http.post(
      url('/invitations'),
      guarded(async ({ request }) => {
        const input = await readJsonObject(request);
        if (!Array.isArray(input.emails) || input.emails.some((e) => typeof e !== 'string')) {
          throw new UserAdminError('validation', '`emails` must be an array of strings', { fieldErrors: { emails: 'invalid_format' } });
        }
        return json(await adapter.inviteUsers({ input: input as never, signal: request.signal }));
      }),
    ),

    http.get(
      url('/invitations'),
      guarded(async ({ request }) => {
        const q = new QueryReader(new URL(request.url).searchParams);
        const pageIndex = q.integer('pageIndex', 0);
        const pageSize = q.pageSize();
        const search = q.string('search');
        const status = q.oneOf('status', INVITATION_STATUSES);
        q.done();
        return json(await adapter.listInvitations(definedOnly({ pageIndex, pageSize, search, status, signal: request.signal })));
      }),
    ),

    http.post(
      url('/invitations/:id/resend'),
      guarded(async ({ request, params }) => json(await adapter.resendInvitation({ id: idParam(params), signal: request.signal }))),
    ),

    http.delete(
      url('/invitations/:id'),
      guarded(async ({ request, params }) => {
        await adapter.revokeInvitation({ id: idParam(params), signal: request.signal });
        return noContent();
      }),
    ),

    http.get(url('/roles'), guarded(async ({ request }) => json(await adapter.listRoles({ signal: request.signal })))),

    http.patch(
      url('/roles/:id'),
      guarded(async ({ request, params }) => {
        if (!adapter.updateRole) notImplemented('updateRole');
        const id = idParam(params);
        const patch = (await readJsonObject(request)) as unknown as RolePatch;
        const role = await adapter.updateRole({ id, patch, ...ifMatch(request), signal: request.signal });
        return json(role, 200, etag(role.version));
      }),
    ),

    http.get(url('/modules'), guarded(async ({ request }) => json(await adapter.listModules({ signal: request.signal })))),

    http.get(
      url('/entities'),
      guarded(async ({ request }) => {
        const q = new QueryReader(new URL(request.url).searchParams);
        const pageIndex = q.integer('pageIndex', 0);
        const pageSize = q.pageSize();
        const search = q.string('search');
        const rawParent = q.string('parentId');
        const parentId = rawParent === undefined || rawParent === '' ? undefined : rawParent === ROOT_PARENT ? null : rawParent;
        const ids = q.list('ids');
        q.done();
        return json(await adapter.listEntities(definedOnly({ pageIndex, pageSize, search, parentId, ids, signal: request.signal })));
      }),
    ),
  ];
}
