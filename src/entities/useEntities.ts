import { useInfiniteQuery, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { UserAdminError } from '../adapter/errors';
import type { Entity } from '../adapter/types';
import { useUserAdminContext } from '../provider/context';
import { entitiesByIdsQueryOptions, entitiesQueryOptions } from '../query/options';

export interface UseEntityListResult {
  /** Every loaded entity, page after page. */
  items: Entity[];
  /** Matching entities over all pages; 0 before the first answer. */
  total: number;
  hasNextPage: boolean;
  /** Loads the next page (for "load more" or infinite scroll). */
  fetchNextPage: () => void;
  isFetchingNextPage: boolean;
  isLoading: boolean;
  isFetching: boolean;
  error: UserAdminError | null;
  /** Loads the pages again (after a failure, for example). */
  refetch: () => void;
}

export interface UseEntitySearchOptions {
  /** Matches names anywhere in the hierarchy; empty lists every entity in the adapter's order. Defaults to `''`. */
  search?: string;
  /** Defaults to 20. */
  pageSize?: number;
  /** Whether to fetch. Defaults to `true`. */
  enabled?: boolean;
}

function useEntityPages(
  consumer: string,
  params: { search?: string; parentId?: string | null; pageSize: number },
  enabled: boolean,
): UseEntityListResult {
  const { adapter } = useUserAdminContext(consumer);
  const query = useInfiniteQuery({ ...entitiesQueryOptions(adapter, params), enabled });
  const { data, fetchNextPage, refetch } = query;
  const items = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  return {
    items,
    total: data?.pages[0]?.total ?? 0,
    hasNextPage: query.hasNextPage,
    fetchNextPage: () => void fetchNextPage(),
    isFetchingNextPage: query.isFetchingNextPage,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    error: query.error as UserAdminError | null,
    refetch: () => void refetch(),
  };
}

/**
 * Searches the entity hierarchy by name, page after page.
 * @example
 * const found = useEntitySearch({ search: debounced, pageSize: 20 });
 * found.items.map((entity) => <Option key={entity.id} entity={entity} />);
 * {found.hasNextPage && <button onClick={found.fetchNextPage} />}
 */
export function useEntitySearch(options: UseEntitySearchOptions = {}): UseEntityListResult {
  const search = options.search?.trim() ?? '';
  return useEntityPages(
    'useEntitySearch',
    { ...(search ? { search } : {}), pageSize: options.pageSize ?? 20 },
    options.enabled ?? true,
  );
}

export interface UseEntityChildrenOptions {
  /** Whether to fetch: pass whether the node is open, so children load only when it opens. Defaults to `true`. */
  enabled?: boolean;
  /** Defaults to 100. */
  pageSize?: number;
}

/**
 * The children of a node of the hierarchy (`null` for the roots), page after page. Lazy: pass
 * `enabled: open` so a node's children load only when it opens.
 * @example
 * const children = useEntityChildren(node.id, { enabled: open });
 */
export function useEntityChildren(parentId: string | null, options: UseEntityChildrenOptions = {}): UseEntityListResult {
  return useEntityPages('useEntityChildren', { parentId, pageSize: options.pageSize ?? 100 }, options.enabled ?? true);
}

export type UseEntitiesByIdsResult = UseQueryResult<Entity[], UserAdminError> & {
  /** The entities found, by id; empty until loaded. */
  byId: ReadonlyMap<string, Entity>;
};

/**
 * Given entities by id, to label a selection (a user's `entityIds`), as a TanStack `useQuery`
 * result plus `byId`. Nothing is fetched for none.
 * @example
 * const { byId } = useEntitiesByIds(user.entityIds);
 * user.entityIds.map((id) => byId.get(id)?.name ?? id);
 */
export function useEntitiesByIds(ids: readonly string[]): UseEntitiesByIdsResult {
  const { adapter } = useUserAdminContext('useEntitiesByIds');
  const query = useQuery({ ...entitiesByIdsQueryOptions(adapter, ids), enabled: ids.length > 0 });
  const byId = useMemo(() => new Map((query.data ?? []).map((entity) => [entity.id, entity])), [query.data]);
  return Object.assign(query, { byId });
}
