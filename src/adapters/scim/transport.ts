/**
 * The SCIM adapter's transport: one authenticated JSON request (bearer token or headers from the
 * options, SCIM errors mapped to UserAdminError codes), reads shared by concurrent callers, and
 * the bare GET {@link connectScimAdapter} probes the provider with.
 */
import { UserAdminError, isAbortError, isUserAdminError, throwIfAborted } from '../../contract/errors';
import { sendRequest } from '../shared/http';
import { errorFromScim } from './protocol';
import { resolve, type ScimAdapterOptions } from './options';

/** One request to the provider. */
export interface Req {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** An ETag the resource must still have (`If-Match`); a provider with ETags answers 412 otherwise. */
  ifMatch?: string;
  signal?: AbortSignal;
}

/** Sends a request to the provider and gives its JSON body; a SCIM error rejects with its UserAdminError. */
export type ScimRequest = <T>(req: Req) => Promise<T>;

const abortError = () => new DOMException('The operation was aborted.', 'AbortError');

/**
 * A read shared by concurrent callers and kept once it succeeded. The shared request has its own
 * signal, so one caller aborting never fails the others: each caller races its own signal, and
 * only when every caller still waiting has aborted is the shared request aborted and forgotten
 * (a stalled request never blocks the calls that come after). A failed read is not kept either.
 */
export function sharedRead<T>(load: (signal: AbortSignal) => Promise<T>, known?: T): (signal?: AbortSignal, fresh?: boolean) => Promise<T> {
  interface Entry { promise: Promise<T>; controller: AbortController | null; waiters: number; settled: boolean }
  let cached: Entry | null = known === undefined ? null : { promise: Promise.resolve(known), controller: null, waiters: 0, settled: true };
  return (signal, fresh = false) => {
    if (signal?.aborted) return Promise.reject(abortError());
    if (!cached || fresh) {
      const controller = new AbortController();
      const entry: Entry = { promise: load(controller.signal), controller, waiters: 0, settled: false };
      cached = entry;
      entry.promise.then(
        () => { entry.settled = true; },
        () => {
          entry.settled = true;
          if (cached === entry) cached = null;
        },
      );
    }
    const entry = cached;
    if (entry.settled) return entry.promise;
    entry.waiters += 1;
    // A caller without a signal never aborts: it keeps the shared request alive until it settles.
    if (!signal) return entry.promise.finally(() => { entry.waiters -= 1; });
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        entry.waiters -= 1;
        reject(abortError());
        if (entry.waiters === 0 && !entry.settled) {
          if (cached === entry) cached = null;
          entry.controller?.abort();
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters -= 1;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          entry.waiters -= 1;
          reject(error);
        },
      );
    });
  };
}

/**
 * The request function of one adapter.
 * @example
 * const request = createTransport(options);
 * const me = await request<ScimUser>({ path: '/Me' });
 */
export function createTransport(options: ScimAdapterOptions): ScimRequest {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function request<T>({ method = 'GET', path, query, body, ifMatch, signal }: Req): Promise<T> {
    throwIfAborted(signal);
    const headers = new Headers({ Accept: 'application/scim+json, application/json' });
    if (body !== undefined) headers.set('Content-Type', 'application/scim+json');
    if (ifMatch !== undefined) headers.set('If-Match', ifMatch);
    try {
      if (options.headers) for (const [k, v] of Object.entries(await resolve(options.headers))) headers.set(k, v);
      if (options.token !== undefined) headers.set('Authorization', `Bearer ${await resolve(options.token)}`);
    } catch (e) {
      if (isUserAdminError(e) || isAbortError(e)) throw e;
      throw new UserAdminError('unauthorized', `Could not get the SCIM credentials: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    throwIfAborted(signal);
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) search.set(k, String(v));
    const qs = search.toString();
    const response = await sendRequest(options.fetch, `${baseUrl}${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw new UserAdminError('network', e instanceof Error ? e.message : String(e), { cause: e, status: response.status });
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (e) {
      if (!response.ok) throw errorFromScim(response.status, undefined, response.headers.get('Retry-After'));
      throw new UserAdminError('unknown', `Invalid JSON from ${method} ${path}`, { cause: e, status: response.status });
    }
    if (!response.ok) throw errorFromScim(response.status, json, response.headers.get('Retry-After'));
    return json as T;
  }

  return request;
}

/**
 * A minimal GET for `connectScimAdapter`, with the adapter's headers and error mapping.
 * @example
 * const spc = await createScimAdapterTransport(options)<ScimServiceProviderConfig>('/ServiceProviderConfig');
 */
export function createScimAdapterTransport(options: ScimAdapterOptions) {
  return async <T>(path: string, signal?: AbortSignal): Promise<T> => {
    const headers = new Headers({ Accept: 'application/scim+json, application/json' });
    if (options.headers) for (const [k, v] of Object.entries(await resolve(options.headers))) headers.set(k, v);
    if (options.token !== undefined) headers.set('Authorization', `Bearer ${await resolve(options.token)}`);
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(`${options.baseUrl.replace(/\/+$/, '')}${path}`, { headers, signal });
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw new UserAdminError('network', e instanceof Error ? e.message : String(e), { cause: e });
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw errorFromScim(response.status, json, response.headers.get('Retry-After'));
    return json as T;
  };
}
