/**
 * `user-admin-kit/adapters/rest`: a {@link UserAdminAdapter} over the REST API described in
 * docs/rest-api.md. No dependencies beyond `fetch`.
 */
import type {
  AccessDiagnostics,
  AdapterCapabilities,
  BulkResult,
  CreateUserResult,
  Entity,
  Invitation,
  InviteUsersResult,
  ListEntitiesParams,
  ListInvitationsParams,
  ListUsersParams,
  Module,
  Page,
  PasswordResetResult,
  Role,
  Settings,
  UpdateUserResult,
  User,
  UserAdminAdapter,
  UserCounts,
  UserFilter,
} from '../../contract/types';
import type { UserAdminErrorCode } from '../../contract/errors';
import { UserAdminError, isAbortError, isUserAdminError, throwIfAborted } from '../../contract/errors';
import { readJsonBody, sendRequest } from '../shared/http';
import { ROOT_PARENT, STALE_STATUS, errorCodeForStatus, isErrorCode, parseRetryAfter, versionOfTag } from './protocol';

// The public API (docs/api.md): `createRestAdapter` below with its options, and the protocol of
// docs/rest-api.md a server implementing it needs (status per error code and back, `Retry-After`,
// the root parent id, the stale-write status).
export { ERROR_STATUS, errorCodeForStatus, parseRetryAfter, ROOT_PARENT, STALE_STATUS } from './protocol';

/**
 * Headers sent with every request, or a function that returns them (for a fresh auth token).
 * @example
 * const headers: RestHeaders = async () => ({ Authorization: `Bearer ${await auth.getToken()}` });
 */
export type RestHeaders = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

/**
 * Options of {@link createRestAdapter}.
 * @example
 * const options: RestAdapterOptions = { baseUrl: 'https://api.example.com/admin', headers: { 'X-Tenant': 'acme' } };
 */
export interface RestAdapterOptions {
  /** Where the API lives, without a trailing slash: `/api` or `https://example.com/api`. */
  baseUrl: string;
  /**
   * The fetch to use. Defaults to `globalThis.fetch`, read at each call (so MSW, or a
   * fetch patched after the adapter was created, is honoured). Wrap it to change request
   * options, e.g. `(input, init) => fetch(input, { ...init, credentials: 'include' })` for
   * cookies on another origin.
   */
  fetch?: typeof globalThis.fetch;
  /** Extra headers for every request, such as `Authorization`. A function is called before each request. Defaults to none. */
  headers?: RestHeaders;
  /**
   * Which optional routes the backend serves. A method whose route is switched off is left out
   * of the adapter, so the UI falls back (counts through `listUsers`, bulk through single calls).
   * Defaults to all `true`.
   */
  capabilities?: Partial<AdapterCapabilities>;
}

type Query = Record<string, string | number | readonly string[] | undefined>;

interface RequestSpec<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as `If-Match: "<version>"`. Defaults to none (no precondition). */
  expectedVersion?: string | undefined;
  /** The record of the answer whose `version` the `ETag` header gives, when the body has none. */
  versioned?: (result: T) => { version?: string } | undefined;
}


/**
 * Refuses a path that a `.` or `..` id (or an empty one) would turn into another route: `fetch`
 * resolves dot segments (`/users/..` is `/`), and `encodeURIComponent` leaves dots as they are.
 */
function checkPath(path: string): void {
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new UserAdminError('validation', `An id cannot be empty, "." or "..": ${path}`, { fieldErrors: { id: 'invalid_format' } });
  }
}

/** Serializes a query: arrays repeat the key, an empty array is sent as one empty value, `undefined` is left out. */
function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'object') {
      if (value.length === 0) params.append(key, '');
      for (const v of value) params.append(key, v);
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function filterQuery(filter: Partial<UserFilter> | undefined): Query {
  return {
    status: filter?.status,
    kind: filter?.kind,
    roleId: filter?.roleIds,
    entityId: filter?.entityIds,
    scope: filter?.scope,
  };
}

const segment = (id: string) => encodeURIComponent(id);

async function errorFromResponse(response: Response): Promise<UserAdminError> {
  const body = await readJsonBody(response);
  const shape = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const error = typeof shape === 'object' && shape !== null ? (shape as Record<string, unknown>) : {};
  const code: UserAdminErrorCode = isErrorCode(error.code) ? error.code : errorCodeForStatus(response.status);
  const retryAfterMs =
    typeof error.retryAfterMs === 'number' && Number.isFinite(error.retryAfterMs)
      ? error.retryAfterMs
      : parseRetryAfter(response.headers.get('Retry-After'));
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : `HTTP ${response.status} ${response.statusText}`.trim();
  // A 412 is a stale If-Match whatever the body says: conflict/stale.
  const reason = typeof error.reason === 'string' ? (error.reason as UserAdminError['reason']) : response.status === STALE_STATUS ? 'stale' : undefined;
  return new UserAdminError(code, message, {
    reason,
    fieldErrors:
      typeof error.fieldErrors === 'object' && error.fieldErrors !== null
        ? (error.fieldErrors as UserAdminError['fieldErrors'])
        : undefined,
    retryAfterMs,
    status: response.status,
  });
}

/**
 * Creates an adapter that speaks the REST API of docs/rest-api.md: every required and optional
 * method, `signal` passed to fetch, HTTP failures turned into {@link UserAdminError}s by
 * status and by the body's `error` object, a failed fetch into `network`, aborts left as they are.
 * A write's `expectedVersion` goes as `If-Match: "<version>"`, and a `412` comes back as
 * `conflict`/`stale`; a record without `version` in its body takes it from the `ETag` header. Ids
 * are encoded (`encodeURIComponent`), and an id of `.`, `..` or `''` is refused as `validation`
 * without a request (it would name another route).
 *
 * @example
 * const adapter = createRestAdapter({
 *   baseUrl: '/api',
 *   headers: async () => ({ Authorization: `Bearer ${await getToken()}` }),
 * });
 * <UserAdminProvider adapter={adapter}>...</UserAdminProvider>
 */
export function createRestAdapter(options: RestAdapterOptions): UserAdminAdapter {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const capabilities: AdapterCapabilities = {
    userCounts: true,
    accessDiagnostics: true,
    bulkStatus: true,
    bulkRemove: true,
    roleEditing: true,
    passwordReset: true,
    ...options.capabilities,
  };

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const { method = 'GET', path, query, body, signal, expectedVersion, versioned } = spec;
    throwIfAborted(signal);
    checkPath(path);
    const headers = new Headers();
    headers.set('Accept', 'application/json');
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    if (expectedVersion !== undefined) headers.set('If-Match', `"${expectedVersion}"`);
    try {
      const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
      if (extra) new Headers(extra).forEach((value, key) => headers.set(key, value));
    } catch (e) {
      if (isUserAdminError(e) || isAbortError(e)) throw e;
      throw new UserAdminError('unknown', `headers() failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    throwIfAborted(signal);

    const response = await sendRequest(options.fetch, `${baseUrl}${path}${toSearch(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });

    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return undefined as T;
    let result: T;
    try {
      const text = await response.text();
      result = (text === '' ? undefined : JSON.parse(text)) as T;
    } catch (e) {
      if (isAbortError(e)) throw e;
      if (e instanceof SyntaxError) {
        throw new UserAdminError('unknown', `Invalid JSON from ${method} ${path}: ${e.message}`, { status: response.status, cause: e });
      }
      throw new UserAdminError('network', e instanceof Error ? e.message : String(e), { status: response.status, cause: e });
    }
    // A backend that sends the version only as an ETag: the record carries it all the same.
    const record = versioned && typeof result === 'object' && result !== null ? versioned(result) : undefined;
    const version = versionOfTag(response.headers.get('ETag'));
    if (record && typeof record === 'object' && record.version === undefined && version !== undefined) record.version = version;
    return result;
  }

  const adapter: UserAdminAdapter = {
    getSettings: (params) => request<Settings>({ path: '/settings', signal: params?.signal }),

    listUsers: ({ signal, pageIndex, pageSize, sort, search, filter }: ListUsersParams) =>
      request<Page<User>>({
        path: '/users',
        signal,
        query: {
          pageIndex,
          pageSize,
          sort: sort ? `${sort.field}:${sort.direction}` : undefined,
          search,
          ...filterQuery(filter),
        },
      }),

    getUser: ({ id, signal }) => request<User>({ path: `/users/${segment(id)}`, signal, versioned: (u) => u }),

    createUser: ({ input, signal }) => request<CreateUserResult>({ method: 'POST', path: '/users', body: input, signal }),

    updateUser: ({ id, patch, expectedVersion, signal }) =>
      request<UpdateUserResult>({ method: 'PATCH', path: `/users/${segment(id)}`, body: patch, expectedVersion, signal, versioned: (r) => r.user }),

    setUserStatus: ({ id, status, expectedVersion, signal }) =>
      request<User>({ method: 'POST', path: `/users/${segment(id)}/status`, body: { status }, expectedVersion, signal, versioned: (u) => u }),

    removeUser: async ({ id, expectedVersion, signal }) => {
      await request<unknown>({ method: 'DELETE', path: `/users/${segment(id)}`, expectedVersion, signal });
    },

    inviteUsers: ({ input, signal }) =>
      request<InviteUsersResult>({ method: 'POST', path: '/invitations', body: input, signal }),

    listInvitations: ({ signal, pageIndex, pageSize, search, status }: ListInvitationsParams) =>
      request<Page<Invitation>>({ path: '/invitations', signal, query: { pageIndex, pageSize, search, status } }),

    resendInvitation: ({ id, signal }) =>
      request<Invitation>({ method: 'POST', path: `/invitations/${segment(id)}/resend`, signal }),

    revokeInvitation: async ({ id, signal }) => {
      await request<unknown>({ method: 'DELETE', path: `/invitations/${segment(id)}`, signal });
    },

    listRoles: (params) => request<Role[]>({ path: '/roles', signal: params?.signal }),

    listModules: (params) => request<Module[]>({ path: '/modules', signal: params?.signal }),

    listEntities: ({ signal, search, parentId, ids, pageIndex, pageSize }: ListEntitiesParams) =>
      request<Page<Entity>>({
        path: '/entities',
        signal,
        query: {
          pageIndex,
          pageSize,
          search,
          parentId: parentId === null ? ROOT_PARENT : parentId,
          ids,
        },
      }),
  };

  if (capabilities.userCounts) {
    adapter.getUserCounts = ({ signal, search, filter }) =>
      request<UserCounts>({
        path: '/users/counts',
        signal,
        query: { search, roleId: filter?.roleIds, entityId: filter?.entityIds, scope: filter?.scope },
      });
  }
  if (capabilities.accessDiagnostics) {
    adapter.getAccessDiagnostics = ({ userId, signal }) =>
      request<AccessDiagnostics>({ path: `/users/${segment(userId)}/access-diagnostics`, signal });
  }
  if (capabilities.bulkStatus) {
    adapter.setUsersStatus = ({ ids, status, signal }) =>
      request<BulkResult>({ method: 'POST', path: '/users/bulk/status', body: { ids, status }, signal });
  }
  if (capabilities.bulkRemove) {
    adapter.removeUsers = ({ ids, signal }) =>
      request<BulkResult>({ method: 'POST', path: '/users/bulk/remove', body: { ids }, signal });
  }
  if (capabilities.roleEditing) {
    adapter.updateRole = ({ id, patch, expectedVersion, signal }) =>
      request<Role>({ method: 'PATCH', path: `/roles/${segment(id)}`, body: patch, expectedVersion, signal, versioned: (r) => r });
  }
  if (capabilities.passwordReset) {
    adapter.sendPasswordReset = ({ id, signal }) =>
      request<PasswordResetResult>({ method: 'POST', path: `/users/${segment(id)}/password-reset`, signal });
  }
  return adapter;
}
