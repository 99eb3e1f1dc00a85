import { UserAdminError, type DomainErrorReason, type FieldErrors } from '../contract/errors';

/**
 * Why a rule of the core refuses something: the error a backend throws for it, and the reason the
 * UI explains (`errors.reason.<reason>`). Every rule returns one, or `null` when it allows.
 * @example
 * const refusal = checkActOnUser(ctx, target, 'remove');
 * if (refusal) throw refusalError(refusal); // backend side
 * if (refusal) return { allowed: false, reason: refusal.reason }; // UI side
 */
export interface Refusal {
  code: 'forbidden' | 'conflict' | 'validation';
  reason: DomainErrorReason;
  /** A sentence for developers and logs (English); the UI shows the translated reason instead. */
  message: string;
  /** Per-field codes, when the refusal is about some fields of a form. Defaults to none. */
  fieldErrors?: FieldErrors;
}

/**
 * The {@link UserAdminError} a backend throws for a refusal.
 * @example
 * throw refusalError({ code: 'forbidden', reason: 'self_action', message: 'You cannot remove yourself' });
 */
export function refusalError(refusal: Refusal): UserAdminError {
  return new UserAdminError(refusal.code, refusal.message, {
    reason: refusal.reason,
    ...(refusal.fieldErrors ? { fieldErrors: refusal.fieldErrors } : {}),
  });
}

/**
 * Throws the first refusal given, if any: the backend side of every rule.
 * @example
 * enforce(checkActOnUser(ctx, target, 'deactivate'), checkGrant(ctx, grant));
 */
export function enforce(...refusals: Array<Refusal | null | undefined>): void {
  const first = refusals.find((r): r is Refusal => r !== null && r !== undefined);
  if (first) throw refusalError(first);
}
