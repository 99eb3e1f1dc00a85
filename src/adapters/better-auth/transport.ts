/**
 * The HTTP side of the better-auth adapter: one `fetch` per better-auth route, with the bearer
 * token or cookies, the `Origin` a Node caller must send, aborts, and better-auth's
 * `{ code, message }` errors turned into {@link UserAdminError}s.
 */
import type { DomainErrorReason, FieldErrors, UserAdminErrorCode } from '../../contract/errors';
import { UserAdminError, isAbortError, isUserAdminError, throwIfAborted } from '../../contract/errors';
import { readJsonBody, sendRequest } from '../shared/http';
import { errorCodeForStatus, parseRetryAfter } from '../rest/protocol';

/**
 * Headers sent with every request, or a function that returns them.
 * @example
 * const headers: BetterAuthHeaders = () => ({ cookie: request.headers.cookie ?? '' });
 */
export type BetterAuthHeaders = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

/**
 * How the adapter reaches and authenticates against better-auth.
 * @example
 * const transport: BetterAuthTransportOptions = { baseURL: '/api/auth' }; // browser, session cookie
 */
export interface BetterAuthTransportOptions {
  /** The URL of the auth routes: better-auth's `baseURL` + `basePath` (`https://app.example.com/api/auth`, or `/api/auth` in a browser). */
  baseURL: string;
  /** The fetch to use. Defaults to `globalThis.fetch`, read at each call. */
  fetch?: typeof globalThis.fetch;
  /** A bearer token (bearer plugin), sent as `Authorization: Bearer <token>`. Defaults to none (cookies). */
  token?: string;
  /** Returns the bearer token before each request; wins over `token`. Defaults to none. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /**
   * The `Origin` header to send. Browsers send their own; a Node caller must send the server's
   * `baseURL` origin or a trusted origin, or better-auth answers 403 `MISSING_OR_NULL_ORIGIN` to
   * cookie-authenticated writes and to sign-in. Defaults to none.
   */
  origin?: string;
  /** Extra headers for every request (a `cookie` from Node, a tenant header). Defaults to none. */
  headers?: BetterAuthHeaders;
  /** The fetch `credentials`. Defaults to `'include'`, so a browser sends the session cookie to another origin too. */
  credentials?: RequestCredentials;
}

/** Query parameters; an array is sent as the key repeated (better-auth reads it as an array). */
type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** One request to a better-auth route. */
export interface BetterAuthRequest {
  method?: 'GET' | 'POST';
  path: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** Sends requests to better-auth; throws {@link UserAdminError}s. */
export type BetterAuthCall = <T>(request: BetterAuthRequest) => Promise<T>;

const ORIGIN_HINT =
  "better-auth refused the request's Origin. From Node, pass the adapter's `origin` option (the server's baseURL origin or one of its trustedOrigins); in a browser, add the page's origin to the server's trustedOrigins.";

/** better-auth error codes the adapter gives a domain meaning. */
function known(betterAuthCode: string): { code?: UserAdminErrorCode; reason?: DomainErrorReason; fieldErrors?: FieldErrors; hint?: string } {
  switch (betterAuthCode) {
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return { code: 'conflict', reason: 'email_taken', fieldErrors: { email: 'taken' } };
    case 'INVALID_EMAIL':
      return { code: 'validation', fieldErrors: { email: 'invalid_email' } };
    case 'USER_NOT_FOUND':
      return { code: 'not_found' };
    case 'YOU_CANNOT_BAN_YOURSELF':
    case 'YOU_CANNOT_REMOVE_YOURSELF':
      return { code: 'forbidden', reason: 'self_action' };
    case 'ROLE_NOT_FOUND':
      return { code: 'validation', reason: 'role_not_found', fieldErrors: { roleId: 'not_found' } };
    case 'ORGANIZATION_NOT_FOUND':
    case 'TEAM_NOT_FOUND':
      return { code: 'validation', reason: 'entity_not_found', fieldErrors: { entityIds: 'not_found' } };
    case 'INVITATION_NOT_FOUND':
      return { code: 'not_found', reason: 'invitation_not_pending' };
    case 'MISSING_OR_NULL_ORIGIN':
    case 'INVALID_ORIGIN':
      return { code: 'forbidden', hint: ORIGIN_HINT };
    default:
      return {};
  }
}

async function errorFromResponse(response: Response, path: string): Promise<UserAdminError> {
  const body = await readJsonBody(response);
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const baCode = typeof record.code === 'string' ? record.code : '';
  const baMessage = typeof record.message === 'string' && record.message !== '' ? record.message : `HTTP ${response.status} ${response.statusText}`.trim();
  const meaning = known(baCode);
  const message = `${path}: ${baMessage}${baCode ? ` (${baCode})` : ''}${meaning.hint ? `. ${meaning.hint}` : ''}`;
  return new UserAdminError(meaning.code ?? errorCodeForStatus(response.status), message, {
    reason: meaning.reason,
    fieldErrors: meaning.fieldErrors,
    retryAfterMs: parseRetryAfter(response.headers.get('X-Retry-After') ?? response.headers.get('Retry-After')),
    status: response.status,
  });
}

function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Creates the function every adapter method sends its requests through.
 * @example
 * const call = createBetterAuthCall({ baseURL: 'http://127.0.0.1:3000/api/auth', token, origin: 'http://127.0.0.1:3000' });
 * const session = await call<{ user: { id: string } }>({ path: '/get-session' });
 */
export function createBetterAuthCall(options: BetterAuthTransportOptions): BetterAuthCall {
  const baseURL = options.baseURL.replace(/\/+$/, '');
  return async function call<T>({ method = 'GET', path, query, body, signal }: BetterAuthRequest): Promise<T> {
    throwIfAborted(signal);
    const headers = new Headers({ accept: 'application/json' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    if (options.origin) headers.set('origin', options.origin);
    try {
      const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
      if (extra) new Headers(extra).forEach((value, key) => headers.set(key, value));
      const token = options.getToken ? await options.getToken() : options.token;
      if (token) headers.set('authorization', `Bearer ${token}`);
    } catch (e) {
      if (isUserAdminError(e) || isAbortError(e)) throw e;
      throw new UserAdminError('unauthorized', `getToken() or headers() failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    throwIfAborted(signal);
    const response = await sendRequest(options.fetch, `${baseURL}${path}${toSearch(query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: options.credentials ?? 'include',
      signal,
    }, path);
    if (!response.ok) throw await errorFromResponse(response, path);
    try {
      const text = await response.text();
      return (text === '' ? null : JSON.parse(text)) as T;
    } catch (e) {
      if (isAbortError(e)) throw e;
      if (e instanceof SyntaxError) throw new UserAdminError('unknown', `Invalid JSON from ${path}: ${e.message}`, { status: response.status, cause: e });
      throw new UserAdminError('network', e instanceof Error ? e.message : String(e), { status: response.status, cause: e });
    }
  };
}

/**
 * Options of {@link signInForToken}.
 * @example
 * const options: SignInForTokenOptions = { baseURL: 'http://127.0.0.1:3000/api/auth', email, password, origin: 'http://127.0.0.1:3000' };
 */
export interface SignInForTokenOptions {
  /** The URL of the auth routes, as for the adapter. */
  baseURL: string;
  email: string;
  password: string;
  /** The `Origin` to send: required from Node (better-auth refuses a sign-in without one). Defaults to none (a browser sends its own). */
  origin?: string;
  /** The fetch to use. Defaults to `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Aborts the sign-in. Defaults to none. */
  signal?: AbortSignal;
}

/**
 * Signs in with email and password (`/sign-in/email`) and returns the bearer token from the
 * `set-auth-token` header (the server needs the bearer plugin). For Node scripts, tests and demos.
 *
 * @example
 * const token = await signInForToken({ baseURL: 'http://127.0.0.1:3000/api/auth', email, password, origin: 'http://127.0.0.1:3000' });
 * const adapter = createBetterAuthAdapter({ baseURL: 'http://127.0.0.1:3000/api/auth', token, origin: 'http://127.0.0.1:3000' });
 */
export async function signInForToken(options: SignInForTokenOptions): Promise<string> {
  const call = createBetterAuthCall({ baseURL: options.baseURL, origin: options.origin, fetch: wrapForToken(options.fetch) });
  const result = await call<{ token?: string; __token?: string }>({
    method: 'POST',
    path: '/sign-in/email',
    body: { email: options.email, password: options.password },
    signal: options.signal,
  });
  const token = result?.__token ?? result?.token;
  if (!token) throw new UserAdminError('unauthorized', '/sign-in/email answered without a set-auth-token header: is the bearer plugin enabled on the server?');
  return token;
}

/** A fetch that copies the `set-auth-token` header into the JSON body as `__token`. */
function wrapForToken(base: typeof globalThis.fetch | undefined): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await (base ?? globalThis.fetch)(input, init);
    const token = response.headers.get('set-auth-token');
    if (!response.ok || !token) return response;
    const body = (await response.json()) as Record<string, unknown>;
    return new Response(JSON.stringify({ ...body, __token: token }), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}
