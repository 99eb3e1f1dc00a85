import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { UserAdminError } from '../contract/errors';
import type { Entity } from '../contract/types';
import type { Page } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
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
  /**
   * The entities by id: those of the answer, and until it comes those already known in this
   * session's query cache (so a new page names the entities seen before at once). Empty until
   * either.
   */
  byId: ReadonlyMap<string, Entity>;
};

const BY_IDS_KEY = userAdminKeys.entities.byIds([]).slice(0, -1);

/** What the query cache already says about some entities: found, known to be absent, or neither. */
interface KnownEntities {
  found: Entity[];
  /** Every id asked is found or known absent (asked before and not returned, e.g. outside a scope). */
  complete: boolean;
  /** When the oldest answer used was fetched. */
  updatedAt: number;
}

/**
 * The entities among `ids` that valid (not invalidated) entity queries of the cache hold: answers
 * by ids (which also tell the ids asked and not returned) and pages of entity lists and searches.
 */
function knownEntities(queryClient: QueryClient, ids: readonly string[]): KnownEntities {
  const wanted = new Set(ids);
  const found = new Map<string, Entity>();
  const absent = new Set<string>();
  let updatedAt = Infinity;
  for (const query of queryClient.getQueryCache().findAll({ queryKey: userAdminKeys.entities.all })) {
    const { data, status, isInvalidated, dataUpdatedAt } = query.state;
    if (status !== 'success' || isInvalidated || data === undefined) continue;
    const key = query.queryKey;
    const byIds = key.length === BY_IDS_KEY.length + 1 && BY_IDS_KEY.every((part, i) => key[i] === part);
    const entities = byIds
      ? (data as Entity[])
      : ((data as Partial<InfiniteData<Page<Entity>>>).pages?.flatMap((page) => page.items) ?? []);
    let used = false;
    const returned = new Set<string>();
    for (const entity of entities) {
      returned.add(entity.id);
      if (wanted.has(entity.id) && !found.has(entity.id)) {
        found.set(entity.id, entity);
        used = true;
      }
    }
    if (byIds) {
      for (const id of key[key.length - 1] as readonly string[]) {
        if (wanted.has(id) && !returned.has(id) && !absent.has(id)) {
          absent.add(id);
          used = true;
        }
      }
    }
    if (used) updatedAt = Math.min(updatedAt, dataUpdatedAt);
  }
  const complete = ids.every((id) => found.has(id) || absent.has(id));
  return { found: [...found.values()], complete, updatedAt: Number.isFinite(updatedAt) ? updatedAt : 0 };
}

/**
 * Given entities by id, to label a selection (a user's `entityIds`), as a TanStack `useQuery`
 * result plus `byId`. Nothing is fetched for none. Entities already in this session's cache
 * (earlier pages, searches, the picker) label at once: a set of ids all known starts from them
 * (`initialData`, as fresh as the oldest answer used: no request while fresh); otherwise `byId`
 * holds the known ones while the query fetches the rest.
 * @example
 * const { byId } = useEntitiesByIds(user.entityIds);
 * user.entityIds.map((id) => byId.get(id)?.name ?? id);
 */
export function useEntitiesByIds(ids: readonly string[]): UseEntitiesByIdsResult {
  const { adapter } = useUserAdminContext('useEntitiesByIds');
  const queryClient = useQueryClient();
  const idsKey = ids.join('\u0000');
  // Looked up once per set of ids (a new page or search), not on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const known = useMemo(() => (ids.length > 0 ? knownEntities(queryClient, ids) : null), [queryClient, idsKey]);
  const query = useQuery({
    ...entitiesByIdsQueryOptions(adapter, ids),
    enabled: ids.length > 0,
    ...(known?.complete ? { initialData: known.found, initialDataUpdatedAt: known.updatedAt } : {}),
  });
  const { data } = query;
  const byId = useMemo(() => {
    if (data) return new Map(data.map((entity) => [entity.id, entity]));
    return new Map((known?.found ?? []).map((entity) => [entity.id, entity]));
  }, [data, known]);
  return Object.assign(query, { byId });
}
