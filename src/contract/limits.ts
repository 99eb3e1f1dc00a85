/**
 * The bounds of everything a person types or a caller sends, once. The shared schemas
 * (`src/contract/schemas.ts`) enforce them, so the reference store and the REST handlers served by
 * it refuse anything beyond; the forms check them before sending and their messages state them
 * (the i18n instance passes them to every message as `{{maxName}}`, `{{maxInviteAddresses}}`…, see
 * {@link LIMIT_MESSAGE_VALUES}); every other backend applies them with these constants. See
 * `docs/limits.md`.
 */

/** The most addresses one invitation may hold: beyond it the form refuses to send and the backends refuse the request. */
export const MAX_INVITE_ADDRESSES = 500;

/** Above this many addresses, the invite form asks for a confirmation ("Invite 120 people?") before sending. */
export const INVITE_CONFIRM_ABOVE = 50;

/** The longest first or last name, in UTF-16 code units, after clean-up ({@link cleanName}). */
export const MAX_NAME_LENGTH = 100;

/** The longest username. */
export const MAX_USERNAME_LENGTH = 64;

/** The longest phone number as typed (spaces and `+ ( ) - .` included). */
export const MAX_PHONE_LENGTH = 32;

/** The longest email address (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The largest page a list may ask for. The user list's virtualized pages hold 1,000 rows, its
 * "select all" collects by 500: both fit.
 */
export const MAX_PAGE_SIZE = 1000;

/** The most ids one bulk action (deactivate, remove, change role) may carry. */
export const MAX_BULK_IDS = 1000;

/**
 * Whether a requested page size is allowed: a whole number from 1 to {@link MAX_PAGE_SIZE}.
 * @example
 * isPageSizeAllowed(1000); // true
 * isPageSizeAllowed(1e9); // false
 */
export function isPageSizeAllowed(pageSize: number): boolean {
  return Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE;
}

/**
 * The field code a backend answers for a page size out of bounds (`fieldErrors.pageSize`), or
 * `null` when it is allowed: `too_long` above {@link MAX_PAGE_SIZE}, `invalid_format` otherwise.
 * @example
 * checkPageSize(1e9); // 'too_long'
 * checkPageSize(50); // null
 */
export function checkPageSize(pageSize: number): 'too_long' | 'invalid_format' | null {
  if (!Number.isInteger(pageSize) || pageSize < 1) return 'invalid_format';
  return pageSize > MAX_PAGE_SIZE ? 'too_long' : null;
}

/**
 * The limits as interpolation values every library message can use (`{{maxName}}`), so a
 * message states the limit without the caller passing it and the number lives only here.
 * @example
 * t('validation.nameTooLong'); // 'Use at most 100 characters.'
 */
export const LIMIT_MESSAGE_VALUES = {
  maxInviteAddresses: MAX_INVITE_ADDRESSES,
  maxName: MAX_NAME_LENGTH,
  maxUsername: MAX_USERNAME_LENGTH,
  maxPhone: MAX_PHONE_LENGTH,
  maxEmail: MAX_EMAIL_LENGTH,
  maxPageSize: MAX_PAGE_SIZE,
  maxBulkIds: MAX_BULK_IDS,
} as const;
