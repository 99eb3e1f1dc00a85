/** The kind of failure, which decides the message shown and whether a retry may help. */
export type UserAdminErrorCode =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'rate_limited'
  | 'unavailable'
  | 'unknown';

export const USER_ADMIN_ERROR_CODES: readonly UserAdminErrorCode[] = [
  'network', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'validation', 'rate_limited', 'unavailable', 'unknown',
];

/**
 * A domain rule the backend refused the operation by. The UI translates it
 * (`errors.reason.<reason>`), so the admin reads why, not just "conflict".
 */
export type DomainErrorReason =
  | 'last_admin'
  | 'self_action'
  | 'sso_enforced'
  | 'admin_only_module'
  | 'email_taken'
  | 'username_taken'
  | 'contact_single_entity'
  | 'invalid_status_transition'
  | 'entity_not_found'
  | 'role_not_found'
  | 'invitation_not_pending'
  /** A field the identity provider owns, for a user created by SSO. */
  | 'managed_by_idp'
  /** A group user's profile, changed at entity level: it is edited at group level. */
  | 'group_profile_read_only'
  /** A user or entity outside the acting admin's scope: they cannot act on it or grant it. */
  | 'outside_scope'
  /** The record changed since the caller read it (its `version` differs): reload and apply again. */
  | 'stale'
  /**
   * A write of several steps failed midway and could not be fully undone: part of it stayed on the
   * backend. The message names what is left; the lists must be reloaded.
   */
  | 'partially_applied'
  /** A login user's address at a domain the organisation refuses, or at a disposable-address provider. */
  | 'email_not_allowed'
  /** An admin scope broader than the acting admin's own, which they cannot grant. */
  | 'scope_too_broad'
  /**
   * A password reset for someone who cannot use one: a contact (never signs in), an invited user
   * (their invitation sets the password: resend it) or a deactivated user (reactivate them first).
   */
  | 'password_reset_not_applicable';

/**
 * Per-field problems: field path (`email`, `username`, `entityIds`) → a code the UI
 * translates as `errors.field.<code>`. A backend may send a message instead of a known code;
 * the UI shows it as is.
 */
export type FieldErrorCode =
  | 'required'
  | 'invalid_email'
  | 'too_short'
  | 'too_long'
  | 'invalid_format'
  | 'taken'
  | 'admin_only_module'
  | 'not_found'
  | 'not_allowed'
  | 'managed_by_idp';

export type FieldErrors = Record<string, FieldErrorCode | (string & {})>;

/** The plain-data form of an error, as it crosses JSON and appears in bulk results. */
export interface UserAdminErrorShape {
  code: UserAdminErrorCode;
  message: string;
  reason?: DomainErrorReason;
  fieldErrors?: FieldErrors;
  retryAfterMs?: number;
}

export interface UserAdminErrorOptions {
  reason?: DomainErrorReason;
  fieldErrors?: FieldErrors;
  retryAfterMs?: number;
  /** The HTTP status, when the error came from one. */
  status?: number;
  cause?: unknown;
}

const BRAND = Symbol.for('user-admin-kit.error');

/**
 * The one error adapters throw. `message` is for developers (logs); the UI shows a
 * translated text chosen by `code`, `reason` and `fieldErrors`.
 *
 * @example
 * throw new UserAdminError('conflict', 'Cannot deactivate the last admin', { reason: 'last_admin' });
 */
export class UserAdminError extends Error {
  readonly code: UserAdminErrorCode;
  readonly reason?: DomainErrorReason;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly [BRAND] = true;

  constructor(code: UserAdminErrorCode, message?: string, options: UserAdminErrorOptions = {}) {
    super(message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserAdminError';
    this.code = code;
    if (options.reason !== undefined) this.reason = options.reason;
    if (options.fieldErrors !== undefined) this.fieldErrors = options.fieldErrors;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
  }

  /** The plain-data form, for JSON bodies and bulk results. */
  toJSON(): UserAdminErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.fieldErrors ? { fieldErrors: this.fieldErrors } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }

  /** Rebuilds an error from its plain-data form. */
  static fromJSON(shape: UserAdminErrorShape, status?: number): UserAdminError {
    return new UserAdminError(shape.code, shape.message, {
      reason: shape.reason,
      fieldErrors: shape.fieldErrors,
      retryAfterMs: shape.retryAfterMs,
      status,
    });
  }
}

/**
 * Whether a value is a {@link UserAdminError}, even one from another copy of the library.
 * @example
 * if (isUserAdminError(e) && e.code === 'validation') form.setErrors(e.fieldErrors);
 */
export function isUserAdminError(value: unknown): value is UserAdminError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Whether an error is an abort (the caller no longer wanted the answer). */
export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError';
}

/**
 * Turns anything thrown into a {@link UserAdminError}: aborts stay as they are, a
 * `TypeError` from fetch becomes `network`, the rest `unknown`.
 */
export function toUserAdminError(value: unknown): UserAdminError {
  if (isUserAdminError(value)) return value;
  if (value instanceof TypeError) return new UserAdminError('network', value.message, { cause: value });
  const message = value instanceof Error ? value.message : String(value);
  return new UserAdminError('unknown', message, { cause: value });
}

/** Throws the signal's reason as an `AbortError` when the signal is already aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    throw new DOMException('The operation was aborted.', 'AbortError');
  }
}

/** Whether an error is worth retrying: network trouble, rate limits, unavailability. */
export function isRetryableError(value: unknown): boolean {
  return isUserAdminError(value) && (value.code === 'network' || value.code === 'rate_limited' || value.code === 'unavailable');
}
