import { createContext, useContext } from 'react';
import type { AdapterCapabilities, UserAdminAdapter } from '../contract/types';

/** What {@link UserAdminProvider} gives every hook below it. */
export interface UserAdminContextValue {
  adapter: UserAdminAdapter;
  capabilities: AdapterCapabilities;
}

/**
 * `null` outside a provider, so {@link useUserAdminContext} can tell the host what is missing.
 * Read it with {@link useUserAdminContext}; use it directly only to test for a provider.
 * @example
 * const insideAdmin = useContext(UserAdminContext) !== null;
 */
export const UserAdminContext = createContext<UserAdminContextValue | null>(null);
UserAdminContext.displayName = 'UserAdminContext';

/**
 * The adapter and its capabilities, for a hook or component named `consumerName`.
 * Throws a sentence naming the consumer when there is no {@link UserAdminProvider} above.
 *
 * @example
 * function useMyFeature() {
 *   const { adapter, capabilities } = useUserAdminContext('useMyFeature');
 *   // ...
 * }
 */
export function useUserAdminContext(consumerName: string): UserAdminContextValue {
  const value = useContext(UserAdminContext);
  if (value === null) {
    throw new Error(
      `\`${consumerName}\` must be used within <UserAdminProvider>. Wrap your admin page in <UserAdminProvider adapter={...}>.`,
    );
  }
  return value;
}
