/** The one fetch call the HTTP adapters (REST, better-auth, SCIM) make, with the same failure mapping. */
import { UserAdminError, isAbortError, isUserAdminError } from '../../contract/errors';

/**
 * Sends a request and returns the response whatever its status. An abort rejects with the
 * signal's AbortError and a `UserAdminError` thrown by a host's fetch passes through as it is;
 * a failure to reach the server (fetch's `TypeError`) becomes `network`, anything else `unknown`.
 * `label` prefixes the message (for logs).
 * @example
 * const response = await sendRequest(options.fetch, `${baseUrl}/Users`, { headers, signal });
 * if (!response.ok) throw await errorFrom(response);
 */
export async function sendRequest(fetchImpl: typeof globalThis.fetch | undefined, url: string, init: RequestInit, label?: string): Promise<Response> {
  try {
    return await (fetchImpl ?? globalThis.fetch)(url, init);
  } catch (e) {
    if (isAbortError(e) || isUserAdminError(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new UserAdminError(e instanceof TypeError ? 'network' : 'unknown', label ? `${label}: ${message}` : message, { cause: e });
  }
}

/**
 * Reads a response body as JSON, leniently: an empty body, a body that is not JSON or one that
 * cannot be read gives `undefined`. Only an abort passes through (it rejects with the AbortError).
 * For error responses, whose body is a hint and must not hide the status.
 * @example
 * if (!response.ok) {
 *   const body = await readJsonBody(response);
 *   throw new UserAdminError(errorCodeForStatus(response.status), messageFrom(body));
 * }
 */
export async function readJsonBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text === '' ? undefined : JSON.parse(text);
  } catch (e) {
    if (isAbortError(e)) throw e;
    return undefined;
  }
}
