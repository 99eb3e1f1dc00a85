import { isAbortError, toUserAdminError } from '../contract/errors';

/**
 * Runs an adapter call and turns whatever it throws into a `UserAdminError`, so every hook's
 * `error.code` is defined even with a sloppy adapter. Aborts pass through untouched: TanStack
 * Query treats them as cancellations, not failures.
 */
export async function callAdapter<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw toUserAdminError(error);
  }
}
