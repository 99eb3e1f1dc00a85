import {
  toUserAdminError,
  USER_ADMIN_ERROR_CODES,
  type DomainErrorReason,
  type FieldErrorCode,
  type UserAdminErrorCode,
} from '../contract/errors';
// Type only: the schemas module builds zod schemas when it loads, which a screen that only
// translates errors should not pay for.
import type { VALIDATION_KEYS } from '../contract/schemas';
import type { MessageKey, TranslateOptions, UserAdminT } from './i18n';
import en from './locales/en.json';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time guards: the adapter's unions and en.json's keys must stay in step.
const reasonsCovered: Exactly<keyof typeof en.errors.reason, DomainErrorReason> = true;
const fieldCodesCovered: Exactly<keyof typeof en.errors.field, FieldErrorCode> = true;
const validationCovered: Exactly<`validation.${keyof typeof en.validation}`, (typeof VALIDATION_KEYS)[keyof typeof VALIDATION_KEYS]> = true;
const codesCovered: Exactly<Extract<keyof typeof en.errors, UserAdminErrorCode>, UserAdminErrorCode> = true;
void [reasonsCovered, fieldCodesCovered, validationCovered, codesCovered];

const REASONS = new Set<string>(Object.keys(en.errors.reason));
const FIELD_CODES = new Set<string>(Object.keys(en.errors.field));
// The same keys as VALIDATION_KEYS' values (validationCovered above checks it).
const VALIDATION = new Set<string>(Object.keys(en.validation).map((key) => `validation.${key}`));
const CODES = new Set<string>(USER_ADMIN_ERROR_CODES);

/**
 * The message an administrator should read for anything thrown: a {@link UserAdminError}'s
 * domain reason first (`errors.reason.last_admin`), then its code (`errors.network`); a rate
 * limit with `retryAfterMs` says how many seconds to wait. A fetch `TypeError` counts as a
 * network error; any other value gives `errors.unknown`.
 * @example
 * translateError(t, new UserAdminError('conflict', 'last admin', { reason: 'last_admin' }));
 * // 'This is the last administrator. Give another user an administrator role first.'
 */
export function translateError(t: UserAdminT, error: unknown): string {
  const e = toUserAdminError(error);
  if (e.reason && REASONS.has(e.reason)) return t(`errors.reason.${e.reason}`);
  if (e.code === 'rate_limited' && typeof e.retryAfterMs === 'number' && e.retryAfterMs > 0) {
    return t('errors.rateLimitedRetryIn', { count: Math.ceil(e.retryAfterMs / 1000) });
  }
  return CODES.has(e.code) ? t(`errors.${e.code}`) : t('errors.unknown');
}

/**
 * The text of one field error: a known {@link FieldErrorCode} (`errors.field.*`) or a schema key
 * (`validation.*`) is translated with `values`; anything else is the backend's own text, shown as is.
 * @example
 * translateFieldError(t, 'taken'); // 'This is already in use.'
 * translateFieldError(t, 'validation.usernameTooShort', { min: 6 }); // 'Use at least 6 characters.'
 * translateFieldError(t, 'Must be a company address'); // 'Must be a company address'
 */
export function translateFieldError(t: UserAdminT, value: string, values?: TranslateOptions): string {
  if (FIELD_CODES.has(value)) return t(`errors.field.${value}` as MessageKey, values);
  if (VALIDATION.has(value)) return t(value as MessageKey, values);
  return value;
}
