import { isUserAdminError, type UserAdminError } from '../../src/contract/errors';

/**
 * The UserAdminError a call rejects with; throws if it resolves, or rejects with anything else.
 * @example
 * expect((await rejection(adapter.removeUser({ id }))).code).toBe('forbidden');
 */
export async function rejection(promise: Promise<unknown>): Promise<UserAdminError> {
  try {
    await promise;
  } catch (e) {
    if (isUserAdminError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
