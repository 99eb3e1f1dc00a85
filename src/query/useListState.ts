import { useCallback, useMemo, useRef, useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';

/**
 * Options shared by the paged-list hooks, in the library's one controlled-state idiom (Radix's):
 * `state` / `defaultState` / `onStateChange`, as `selection` / `defaultSelection` /
 * `onSelectionChange` and `open` / `defaultOpen` / `onOpenChange`. Uncontrolled by default; a
 * host controls only the keys it names in `state`.
 */
export interface ListStateOptions<S> {
  /** The starting state of the parts the host does not control. Defaults to the hook's defaults. */
  defaultState?: Partial<S>;
  /**
   * The former name of `defaultState`, still read when `defaultState` is not given.
   * @deprecated Use `defaultState` (the library's one idiom: `x` / `defaultX` / `onXChange`).
   */
  initialState?: Partial<S>;
  /**
   * The state the host owns. Any key given here wins over the internal state; keys left out stay
   * internal. Defaults to none (fully uncontrolled).
   */
  state?: Partial<S>;
  /** Called with the whole next state on every change. Defaults to none. */
  onStateChange?: (next: S) => void;
}

/** What the paged-list hooks (`useUserList`, `useInvitationList`) return beyond their own setters. */
export interface PagedListResult<T, S> {
  /** The current page's items; the previous page's while the next one loads. */
  items: T[];
  /** Items matching search and filter over all pages; 0 before the first answer. */
  total: number;
  pageCount: number;
  /** No data yet (first load). */
  isLoading: boolean;
  /** A request is in flight (first load, page change, refetch). */
  isFetching: boolean;
  /** `items` are the previous page's while the new one loads. */
  isPlaceholderData: boolean;
  error: UserAdminError | null;
  /**
   * While a failed load is being retried automatically: the failure and how many so far (a
   * rate-limited one waits for its `retryAfterMs`, see `LoadingState`'s `retrying`); `null` otherwise.
   */
  retrying: { error: UserAdminError; failureCount: number } | null;
  refetch: () => void;
  state: S;
  setPageIndex: (pageIndex: number) => void;
  /** Resets to the first page. */
  setPageSize: (pageSize: number) => void;
  /** Resets to the first page. */
  setSearch: (search: string) => void;
}

/**
 * Internal: list state with resets. `reset` names the keys whose change sends `pageIndex` back to 0.
 * Consecutive setter calls in one event compose (each sees the previous one's result).
 */
export function useListState<S extends { pageIndex: number }>(
  defaults: S,
  options: ListStateOptions<S>,
  resetKeys: readonly (keyof S)[],
) {
  const [internal, setInternal] = useState<S>(() => ({ ...defaults, ...(options.defaultState ?? options.initialState) }));
  const state: S = { ...internal, ...stripUndefined(options.state) };

  const latest = useRef(state);
  latest.current = state;
  const onChange = useRef(options.onStateChange);
  onChange.current = options.onStateChange;

  const update = useCallback(
    (patch: Partial<S>) => {
      const current = latest.current;
      const next = { ...current, ...patch };
      const resets = resetKeys.some((key) => key in patch && !Object.is(patch[key], current[key]));
      if (resets && !('pageIndex' in patch)) next.pageIndex = 0;
      latest.current = next;
      setInternal(next);
      onChange.current?.(next);
    },
    // resetKeys is a module-level constant in every caller: update keeps its identity.
    [resetKeys],
  );

  return { state, update };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Internal: while a query's failed load is retried automatically (still fetching, no final error
 * yet), its failure and how many so far, for `LoadingState`'s `retrying`; `null` otherwise.
 */
export function retryingOf(
  query: Pick<UseQueryResult<unknown, UserAdminError>, 'isFetching' | 'error' | 'failureReason' | 'failureCount'>,
): { error: UserAdminError; failureCount: number } | null {
  return query.isFetching && !query.error && query.failureReason ? { error: query.failureReason, failureCount: query.failureCount } : null;
}

/**
 * Internal: the shared part of a paged-list hook's result, from its query and state. The hook adds
 * its own setters.
 */
export function usePagedListResult<T, S extends { pageSize: number }>(
  query: UseQueryResult<{ items: T[]; total: number }, UserAdminError>,
  state: S,
): Omit<PagedListResult<T, S>, 'setPageIndex' | 'setPageSize' | 'setSearch'> {
  const { refetch: queryRefetch } = query;
  const refetch = useMemo(() => () => void queryRefetch(), [queryRefetch]);
  const total = query.data?.total ?? 0;
  return {
    items: query.data?.items ?? [],
    total,
    pageCount: Math.ceil(total / state.pageSize),
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    isPlaceholderData: query.isPlaceholderData,
    error: query.error,
    retrying: retryingOf(query),
    refetch,
    state,
  };
}
