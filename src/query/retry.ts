import { isRetryableError, toUserAdminError } from '../contract/errors';

/**
 * How many times the provider's own QueryClient retries a retryable failure (network, rate limit, unavailable).
 * @example
 * createUserAdminQueryClient({ defaultOptions: { queries: { retry: DEFAULT_RETRY_COUNT + 1 } } });
 */
export const DEFAULT_RETRY_COUNT = 2;

/**
 * The longest `Retry-After` waited for automatically (60 s). A server asking for a longer wait gets
 * no automatic retry: the failure shows at once, with the wait, and the admin retries.
 */
export const MAX_AUTO_RETRY_AFTER_MS = 60_000;

/** The wait a rate-limited failure asks for (`retryAfterMs`), or `null`. */
export function retryAfterOf(error: unknown): number | null {
  if (error === null || error === undefined) return null;
  const e = toUserAdminError(error);
  return e.code === 'rate_limited' && typeof e.retryAfterMs === 'number' && e.retryAfterMs > 0 ? e.retryAfterMs : null;
}

/**
 * TanStack Query `retry`: up to {@link DEFAULT_RETRY_COUNT} times, for retryable errors only, and
 * never when the server asks to wait longer than {@link MAX_AUTO_RETRY_AFTER_MS}.
 * @example
 * new QueryClient({ defaultOptions: { queries: { retry: userAdminRetry, retryDelay: userAdminRetryDelay } } });
 */
export function userAdminRetry(failureCount: number, error: unknown): boolean {
  const wait = retryAfterOf(error);
  if (wait !== null && wait > MAX_AUTO_RETRY_AFTER_MS) return false;
  return failureCount < DEFAULT_RETRY_COUNT && isRetryableError(error);
}

/**
 * TanStack Query `retryDelay`: the server's `Retry-After` (`error.retryAfterMs`) for a rate-limited
 * failure, TanStack's own backoff (1 s, 2 s, 4 s… at most 30 s) otherwise.
 * @example
 * useQuery({ ...options, retryDelay: userAdminRetryDelay });
 */
export function userAdminRetryDelay(failureCount: number, error: unknown): number {
  return retryAfterOf(error) ?? Math.min(1000 * 2 ** failureCount, 30_000);
}
