import { QueryClientContext, QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useContext, useMemo, useState, type ReactNode } from 'react';
import { getAdapterCapabilities, type UserAdminAdapter } from '../contract/types';
import { UserAdminI18nProvider, type UserAdminI18nProviderProps, type UserAdminMessages } from '../i18n';
import { UserAdminContext, type UserAdminContextValue } from './context';
import { createUserAdminQueryClient } from './queryClient';
import { assertUserAdminAdapter } from './validateAdapter';

export interface UserAdminProviderProps {
  /** The host's backend. Must have every method of `REQUIRED_ADAPTER_METHODS`. Keep it stable (module scope or `useMemo`). */
  adapter: UserAdminAdapter;
  /** A BCP 47 tag (`fr-CA`, `pt-BR`); the texts follow its language. Defaults to `en`. */
  locale?: string;
  /** A host's messages by locale, deep-merged over the bundled ones. Defaults to none. */
  messages?: UserAdminMessages;
  /** Loads a locale's messages on demand (a locale the kit does not ship, or a host's own texts); see the i18n provider. Defaults to none. */
  loadMessages?: UserAdminI18nProviderProps['loadMessages'];
  /** The reading direction of the styled components. Defaults to the shown locale's (`rtl` for `ar`, `he`, `fa`…). */
  dir?: UserAdminI18nProviderProps['dir'];
  /** Shown until the first locale's messages are there (fr and pt load on demand). Defaults to nothing. */
  fallback?: ReactNode;
  /**
   * The QueryClient to cache with. Defaults to the host's QueryClient when a
   * `QueryClientProvider` is above, else one the provider creates once with
   * {@link createUserAdminQueryClient}. The chosen client is provided to `children` through a
   * `QueryClientProvider`, so host code inside sees it too.
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
export function UserAdminProvider({ adapter, locale, messages, loadMessages, dir, fallback, queryClient, children }: UserAdminProviderProps) {
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
      <UserAdminContext.Provider value={value}>
        <UserAdminI18nProvider locale={locale} messages={messages} {...(loadMessages ? { loadMessages } : {})} {...(dir ? { dir } : {})} {...(fallback !== undefined ? { fallback } : {})}>
          {children}
        </UserAdminI18nProvider>
      </UserAdminContext.Provider>
    </QueryClientProvider>
  );
}
