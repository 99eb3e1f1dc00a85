/**
 * The wire rules of the REST API (docs/rest-api.md) that both sides need:
 * which HTTP status carries which error code, and how `Retry-After` reads.
 */
import type { UserAdminErrorCode } from '../../contract/errors';
import { USER_ADMIN_ERROR_CODES } from '../../contract/errors';

/**
 * The HTTP status a backend answers for each error code. `network` has none: it is
 * what a client sees when no answer arrives at all.
 *
 * @example
 * return Response.json({ error: e.toJSON() }, { status: ERROR_STATUS[e.code] });
 */
export const ERROR_STATUS: Readonly<Record<Exclude<UserAdminErrorCode, 'network'>, number>> = {
  validation: 422,
  conflict: 409,
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  unavailable: 503,
  unknown: 500,
};

/**
 * The status of a write refused because its `If-Match` (the `expectedVersion`) is no longer the
 * record's `ETag`: `412 Precondition Failed`, read as `conflict` with reason `stale`.
 */
export const STALE_STATUS = 412;

/**
 * The error code of a failed HTTP status, for a body that does not name one.
 * 400 and 422 are `validation`; 409 and 412 are `conflict`; 502, 503 and 504 are `unavailable`; anything unlisted is `unknown`.
 *
 * @example
 * errorCodeForStatus(409); // 'conflict'
 */
export function errorCodeForStatus(status: number): UserAdminErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
    case STALE_STATUS:
      return 'conflict';
    case 429:
      return 'rate_limited';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      return 'unknown';
  }
}

/**
 * Whether a value is one of the error codes of the contract.
 *
 * @example
 * isErrorCode('conflict'); // true
 */
export function isErrorCode(value: unknown): value is UserAdminErrorCode {
  return typeof value === 'string' && (USER_ADMIN_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Reads a `Retry-After` header, in delay-seconds or as an HTTP date, into milliseconds.
 * Returns `undefined` when the header is missing or unreadable; a date in the past gives 0.
 *
 * @example
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Wed, 21 Oct 2037 07:28:00 GMT'); // ms until then
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The `parentId` query value that stands for "the roots" (`parentId: null`). */
export const ROOT_PARENT = 'root';

/**
 * The version an entity tag names, for both ends of the protocol: an `ETag` answer or an
 * `If-Match` request. `"<version>"` and a weak `W/"<version>"` name the same version; only the
 * first tag of a list is read (the API sends one per record); `*` (any version) and an absent or
 * empty header name none.
 * @example
 * versionOfTag('W/"7"'); // '7'
 */
export function versionOfTag(value: string | null | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw || raw === '*') return undefined;
  const first = (raw.split(',')[0] ?? '').trim().replace(/^W\//, '');
  if (!first) return undefined;
  return first.length >= 2 && first.startsWith('"') && first.endsWith('"') ? first.slice(1, -1) : first;
}
