/**
 * The errors the better-auth adapter throws itself, in a module of their own so that every other
 * module (reads, rules, writes) imports them without importing each other.
 */
import { UserAdminError, type FieldErrors } from '../../contract/errors';

/**
 * An error the adapter throws itself.
 * @example
 * throw refuse('validation', 'Unknown role x', 'role_not_found', { roleId: 'not_found' });
 */
export const refuse = (code: UserAdminError['code'], message: string, reason?: UserAdminError['reason'], fieldErrors?: FieldErrors) =>
  new UserAdminError(code, message, { reason, fieldErrors });
