/** The one fetch call the HTTP adapters (REST, better-auth, SCIM) make, with the same failure mapping. */
import { UserAdminError, isAbortError, isUserAdminError } from '../../adapter/errors';

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

/**
 * Where a write made of several requests records how to undo each request that succeeded.
 * @example
 * await call('/organization/remove-member', member);
 * undo.add(() => restoreMember(member));
 */
export interface UndoLog {
  /** Records how to undo the request that just succeeded. Undo steps run without the caller's signal (an abort may be what failed). */
  add(step: () => Promise<unknown>): void;
}

/**
 * Runs a write made of several requests so that a failed one leaves the backend as it was: when
 * `write` rejects, the undo steps it recorded run, newest first, and the original error is
 * rethrown. Best effort: an undo step that fails is skipped (the next ones still run) and never
 * replaces the original error, which is what the caller must see.
 * @example
 * await withUndo(async (undo) => {
 *   await call('/organization/update-member-role', { memberId, role: 'admin' });
 *   undo.add(() => call('/organization/update-member-role', { memberId, role: 'member' }));
 *   await call('/admin/set-role', { userId, role: 'admin' }); // fails: the member role is put back
 * });
 */
export async function withUndo<T>(write: (undo: UndoLog) => Promise<T>): Promise<T> {
  const steps: (() => Promise<unknown>)[] = [];
  try {
    return await write({ add: (step) => void steps.push(step) });
  } catch (error) {
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch {
        // A failed undo is not reported: the original error is rethrown below, unmasked.
      }
    }
    throw error;
  }
}
