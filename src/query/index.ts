export * from './keys';
export * from './options';
export { prefetchUserAdmin } from './prefetch';
export { mapWithConcurrency } from './concurrency';
export type { UserAdminMutationOptions } from './mutationCallbacks';
export type { ListStateOptions, PagedListResult } from './useListState';
export { DEFAULT_RETRY_COUNT, MAX_AUTO_RETRY_AFTER_MS, retryAfterOf, userAdminRetry, userAdminRetryDelay } from './retry';
export type { ListSelection } from './selection';
