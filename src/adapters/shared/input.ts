/**
 * The caller's inputs parsed by the shared schemas (`src/contract/schemas.ts`), for the reference
 * store and the SCIM and better-auth adapters alike: names cleaned (`cleanName`) and bounded, usernames and phones bounded, at most
 * `MAX_INVITE_ADDRESSES` addresses per invitation, `MAX_BULK_IDS` ids per bulk call and
 * `MAX_PAGE_SIZE` rows per page (`docs/limits.md`). Anything over a bound is refused with
 * `validation` and the field code `too_long` on that field; the screens state the limit.
 */
import type * as z from 'zod/mini';
import { UserAdminError, type FieldErrorCode, type FieldErrors } from '../../contract/errors';
import { VALIDATION_KEYS } from '../../contract/schemas';
import { checkPageSize } from '../../core';

const MESSAGE_CODES: Record<string, FieldErrorCode> = {
  [VALIDATION_KEYS.required]: 'required',
  [VALIDATION_KEYS.email]: 'invalid_email',
  [VALIDATION_KEYS.usernameTooShort]: 'too_short',
  [VALIDATION_KEYS.usernameCharset]: 'invalid_format',
  [VALIDATION_KEYS.phone]: 'invalid_format',
  [VALIDATION_KEYS.tooLong]: 'too_long',
  [VALIDATION_KEYS.emailsRequired]: 'required',
  [VALIDATION_KEYS.entityRequired]: 'required',
  [VALIDATION_KEYS.roleRequired]: 'required',
};

/**
 * `value` parsed by `schema`, or a `validation` error with one field code per field (`field`
 * names a value that is not an object, such as the ids of a bulk call).
 * @example
 * parseInput(bulkIdsSchema, ids, 'ids'); // over MAX_BULK_IDS: validation, { ids: 'too_long' }
 */
export function parseInput<T>(schema: z.ZodMiniType<T>, value: unknown, field = '_'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const at = issue.path.map(String).join('.');
    const path = field === '_' ? at || '_' : at ? `${field}.${at}` : field;
    if (fieldErrors[path]) continue;
    fieldErrors[path] = MESSAGE_CODES[issue.message]
      ?? (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined ? 'required' : 'invalid_format');
  }
  const detail = Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v}`).join(', ');
  throw new UserAdminError('validation', `Invalid input (${detail})`, { fieldErrors });
}

/**
 * Refuses a page out of bounds: `pageIndex` from 0, `pageSize` from 1 to `MAX_PAGE_SIZE` (core
 * `checkPageSize`: over it, `too_long`).
 */
export function checkPaging(pageIndex: number, pageSize: number): void {
  const fieldErrors: FieldErrors = {};
  if (!Number.isInteger(pageIndex) || pageIndex < 0) fieldErrors.pageIndex = 'invalid_format';
  const problem = checkPageSize(pageSize);
  if (problem) fieldErrors.pageSize = problem;
  if (Object.keys(fieldErrors).length > 0) throw new UserAdminError('validation', 'Invalid paging', { fieldErrors });
}
