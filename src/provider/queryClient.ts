import { QueryClient, type QueryClientConfig } from '@tanstack/react-query';
import { DEFAULT_RETRY_COUNT, userAdminRetry, userAdminRetryDelay } from '../query/retry';

export { DEFAULT_RETRY_COUNT };

/**
 * The QueryClient {@link UserAdminProvider} creates when neither a `queryClient` prop nor a host
 * QueryClientProvider is there. Queries retry up to 2 times, only for retryable errors
 * (`isRetryableError`), after the wait a rate-limited answer asks for (`error.retryAfterMs`, from
 * `Retry-After`; no automatic retry beyond 60 s) or else TanStack's backoff; data stays fresh 30 s;
 * no refetch on window focus. Mutations never retry by default; a host that turns their retry on
 * gets the same `Retry-After` delay.
 *
 * @example
 * const queryClient = createUserAdminQueryClient();
 * await prefetchUserAdmin(queryClient, adapter);
 * <UserAdminProvider adapter={adapter} queryClient={queryClient}>...</UserAdminProvider>
 */
export function createUserAdminQueryClient(config: QueryClientConfig = {}): QueryClient {
  return new QueryClient({
    ...config,
    defaultOptions: {
      ...config.defaultOptions,
      queries: {
        retry: userAdminRetry,
        retryDelay: userAdminRetryDelay,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        ...config.defaultOptions?.queries,
      },
      mutations: { retry: false, retryDelay: userAdminRetryDelay, ...config.defaultOptions?.mutations },
    },
  });
}
