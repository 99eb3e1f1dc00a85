export * from './keys';
export * from './options';
export { prefetchUserAdmin } from './prefetch';
export { mapWithConcurrency } from './concurrency';
export type { UserAdminMutationOptions } from './mutationCallbacks';
export type { ListStateOptions, PagedListResult } from './useListState';
