import { REQUIRED_ADAPTER_METHODS, type RequiredAdapterMethod, type UserAdminAdapter } from '../contract/types';

/**
 * The required adapter methods that are not functions on `adapter`.
 * @example
 * missingAdapterMethods({ listUsers: async () => ({ items: [], total: 0 }) }); // ['getSettings', 'getUser', ...]
 */
export function missingAdapterMethods(adapter: unknown): RequiredAdapterMethod[] {
  if (typeof adapter !== 'object' || adapter === null) return [...REQUIRED_ADAPTER_METHODS];
  const record = adapter as Record<string, unknown>;
  return REQUIRED_ADAPTER_METHODS.filter((name) => typeof record[name] !== 'function');
}

/**
 * Throws a sentence naming every required method the adapter lacks.
 * @example
 * assertUserAdminAdapter(myAdapter); // throws when e.g. listUsers is missing
 */
export function assertUserAdminAdapter(adapter: unknown): asserts adapter is UserAdminAdapter {
  const missing = missingAdapterMethods(adapter);
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new Error(
      `The adapter passed to <UserAdminProvider> is missing ${missing.length === 1 ? 'the required method' : 'the required methods'} ${list}. ` +
        'Implement every method of UserAdminAdapter (see REQUIRED_ADAPTER_METHODS).',
    );
  }
}
