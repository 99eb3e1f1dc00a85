import { QueryClient, type QueryClientConfig } from '@tanstack/react-query';
import { isRetryableError } from '../adapter/errors';

/**
 * How many times the provider's own QueryClient retries a retryable failure (network, rate limit, unavailable).
 * @example
 * createUserAdminQueryClient({ defaultOptions: { queries: { retry: DEFAULT_RETRY_COUNT + 1 } } });
 */
export const DEFAULT_RETRY_COUNT = 2;

/**
 * The QueryClient {@link UserAdminProvider} creates when neither a `queryClient` prop nor a host
 * QueryClientProvider is there. Queries retry up to 2 times, only for retryable errors
 * (`isRetryableError`); data stays fresh 30 s; no refetch on window focus. Mutations never retry.
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
        retry: (failureCount, error) => failureCount < DEFAULT_RETRY_COUNT && isRetryableError(error),
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        ...config.defaultOptions?.queries,
      },
      mutations: { retry: false, ...config.defaultOptions?.mutations },
    },
  });
}
