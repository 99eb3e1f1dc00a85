import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { UserAdminError } from '../../contract/errors';
import type { Entity, Page } from '../../contract/types';
import { useUserAdminContext } from '../../provider/context';
import { userAdminKeys } from '../../query/keys';
import { callAdapter } from '../../query/normalize';
import { useSettings } from '../../settings/useSettings';
import { scopeRoots } from '../../core';
import { ancestryFromEntities, useActingRules } from '../useActingRules';
import { useEntitiesByIds, useEntityChildren, useEntitySearch, type UseEntityListResult } from '../useEntities';
import {
  addEntities, ancestorIds, isIncludedBySubtree, normalizeEntityAccess, removeEntity, toggleEntity, toggleSubtree,
  type EntityAccessValue, type ParentOf,
} from './selection';

/** `multiple` (checkboxes, subtree grants) or `single` (one entity, as for a contact). */
export type EntityAccessSelectionMode = 'multiple' | 'single';

export interface UseEntityAccessPickerOptions {
  /** The selection (controlled). */
  value: EntityAccessValue;
  /** Called with the next selection. */
  onValueChange: (next: EntityAccessValue) => void;
  /** Defaults to `'multiple'`. */
  selectionMode?: EntityAccessSelectionMode;
  /** Whether an entity can be granted with all its sub-accounts. Defaults to `settings.features.entitySubtrees !== false` in `multiple` mode, never in `single` mode. */
  allowSubtrees?: boolean;
  /** Whether to load the tree (pass whether a popover is open). Defaults to `true`. */
  enabled?: boolean;
  /** Children loaded per page when a node opens. Defaults to 50. */
  pageSize?: number;
  /** Search results per page. Defaults to 25. */
  searchPageSize?: number;
  /** The most entities "select all matching" selects at once. Defaults to 1,000. */
  selectAllLimit?: number;
}

/** What "select all matching" did. */
export interface SelectAllMatchingOutcome {
  /** The search it selected for. */
  search: string;
  /** How many matching entities were fetched and selected (at most the limit). */
  selected: number;
  /** How many entities match over all pages. */
  total: number;
  /** Whether the limit stopped it before every match. */
  capped: boolean;
  limit: number;
}

/** The state of "select all matching". */
export type SelectAllMatchingState =
  | { status: 'idle' }
  | { status: 'pending'; search: string }
  | { status: 'done'; outcome: SelectAllMatchingOutcome }
  | { status: 'error'; error: UserAdminError };

/** One selected entity, for a chip. */
export interface SelectedEntity {
  id: string;
  /** `undefined` while loading, or when it no longer exists. */
  entity: Entity | undefined;
  /** `loading` until its name is known; `missing` when the backend no longer has it. */
  status: 'ready' | 'loading' | 'missing';
  /** Granted with all its sub-accounts. */
  subtree: boolean;
}

export interface UseEntityAccessPickerResult {
  /** The selection, made consistent. */
  value: EntityAccessValue;
  selectionMode: EntityAccessSelectionMode;
  /** Whether subtree grants are offered (multiple mode and a backend that has them). */
  allowSubtrees: boolean;
  /** The applied search; empty shows the tree from its roots. */
  search: string;
  setSearch: (search: string) => void;
  /** Whether a search is applied (the top level shows its matches, not the roots). */
  isSearching: boolean;
  /** The top level: the roots, or the matches of the search. */
  top: UseEntityListResult;
  /** Children per page, for the nodes the styled tree renders with `useEntityChildren`. */
  pageSize: number;
  /**
   * Whether an entity may be chosen: `false` for an entity outside the acting admin's scope (the
   * core's `entityInScope`); such entities are never offered.
   */
  isOffered: (entity: Entity) => boolean;
  /** Whether the acting admin administers only some entities (the tree starts at their scope's roots). */
  scoped: boolean;
  /** Whether a node is open (its children loaded and shown). */
  isOpen: (id: string) => boolean;
  setOpen: (id: string, open: boolean) => void;
  /** The tree item holding the tab stop (an entity id, or a key the styled tree gives its own items); `null` for the first. */
  activeId: string | null;
  setActiveId: (id: string | null) => void;
  isSelected: (id: string) => boolean;
  isSubtree: (id: string) => boolean;
  /** The nearest ancestor whose subtree grant includes this entity, or `null`. */
  includedBy: (id: string) => string | null;
  /** An entity already loaded (in the tree, a search, a label), by id. */
  entity: (id: string) => Entity | undefined;
  /** The parent of a loaded entity. */
  parentOf: ParentOf;
  /** Selects or clears an entity (replaces the selection in single mode). */
  toggle: (id: string) => void;
  /** Grants or withdraws an entity with all its sub-accounts (no-op when not allowed). */
  toggleSubtree: (id: string) => void;
  remove: (id: string) => void;
  clear: () => void;
  /** Selects every entity matching the search, over all pages, up to `selectAllLimit`. */
  selectAllMatching: () => Promise<SelectAllMatchingOutcome | null>;
  selectAll: SelectAllMatchingState;
  /** The most entities "select all matching" selects. */
  selectAllLimit: number;
  /** The selection, in order, labelled as names load. */
  selected: SelectedEntity[];
}

const NO_IDS: readonly string[] = [];

function collectKnown(entries: [unknown, unknown][]): Map<string, Entity> {
  const map = new Map<string, Entity>();
  const add = (items: unknown) => {
    if (Array.isArray(items)) for (const e of items as Entity[]) if (e && typeof e.id === 'string') map.set(e.id, e);
  };
  for (const [, data] of entries) {
    if (Array.isArray(data)) add(data);
    else if (data && typeof data === 'object') {
      const pages = (data as { pages?: Page<Entity>[] }).pages;
      if (Array.isArray(pages)) for (const page of pages) add(page?.items);
      add((data as { items?: unknown }).items);
    }
  }
  return map;
}

/** Every entity the cache holds, refreshed when an entity query succeeds. */
function useKnownEntities(): Map<string, Entity> {
  const queryClient = useQueryClient();
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let scheduled = false;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      if (event.query.queryKey[1] !== userAdminKeys.entities.all[1]) return;
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        bump();
      });
    });
  }, [queryClient]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => collectKnown(queryClient.getQueriesData({ queryKey: userAdminKeys.entities.all })), [queryClient, version]);
}

/**
 * The headless entity access picker: a lazy tree over the adapter (roots, then a node's children
 * when it opens), a server search, selection with subtree grants, "select all matching" and the
 * selection labelled for chips. The styled {@link EntityAccessPicker} is built only on it.
 * @example
 * const picker = useEntityAccessPicker({ value, onValueChange: setValue });
 * picker.top.items.map((entity) => (
 *   <button key={entity.id} aria-pressed={picker.isSelected(entity.id)} onClick={() => picker.toggle(entity.id)}>{entity.name}</button>
 * ));
 */
export function useEntityAccessPicker(options: UseEntityAccessPickerOptions): UseEntityAccessPickerResult {
  const { adapter } = useUserAdminContext('useEntityAccessPicker');
  const {
    onValueChange, selectionMode = 'multiple', enabled = true, pageSize = 50, searchPageSize = 25, selectAllLimit = 1000,
  } = options;
  const value = useMemo(() => normalizeEntityAccess(options.value), [options.value]);
  const settings = useSettings();
  const allowSubtrees = selectionMode === 'multiple'
    && (options.allowSubtrees ?? (settings.data ? settings.data.features?.entitySubtrees !== false : false));

  const [search, setSearchState] = useState('');
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(() => new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [selectAll, setSelectAll] = useState<SelectAllMatchingState>({ status: 'idle' });
  const isSearching = search.trim() !== '';

  const known = useKnownEntities();
  // Only entities in the acting scope are offered (a scoped admin, or an admin at entity level):
  // the tree starts at the scope's roots, and a search shows only matches in the scope.
  const acting = useActingRules(known);
  const scopeIds = acting.scope?.type === 'entities' ? acting.scope.entityIds : NO_IDS;
  const scopeEntities = useEntitiesByIds(enabled ? scopeIds : NO_IDS);
  const refetchScope = scopeEntities.refetch;
  const backendRoots = useEntityChildren(null, { enabled: enabled && !isSearching && !acting.scoped, pageSize });
  const scopedRoots = useMemo<UseEntityListResult>(() => {
    const loaded = scopeEntities.data ?? [];
    const rootIds = acting.scope ? (scopeRoots(acting.scope, ancestryFromEntities([...known.values(), ...loaded])) ?? []) : [];
    const items = rootIds.flatMap((id) => loaded.find((e) => e.id === id) ?? []);
    return {
      items,
      total: items.length,
      hasNextPage: false,
      fetchNextPage: () => undefined,
      isFetchingNextPage: false,
      isLoading: scopeEntities.isLoading,
      isFetching: scopeEntities.isFetching,
      error: scopeEntities.error,
      refetch: () => void refetchScope(),
    };
  }, [acting.scope, known, scopeEntities.data, scopeEntities.isLoading, scopeEntities.isFetching, scopeEntities.error, refetchScope]);
  const roots = acting.scoped ? scopedRoots : backendRoots;
  const searched = useEntitySearch({ search, enabled: enabled && isSearching, pageSize: searchPageSize });
  const offers = acting.offers;
  const results = useMemo<UseEntityListResult>(
    () => (acting.scoped ? { ...searched, items: searched.items.filter(offers) } : searched),
    [acting.scoped, searched, offers],
  );
  const top = isSearching ? results : roots;
  const parentOf = useCallback<ParentOf>((id) => known.get(id)?.parentId, [known]);

  // One root (the group) opens by itself: its companies are what people look for.
  const autoOpened = useRef(false);
  const onlyRoot = !isSearching && roots.items.length === 1 && !roots.hasNextPage ? roots.items[0] : undefined;
  useEffect(() => {
    if (autoOpened.current || !onlyRoot || onlyRoot.childCount === 0) return;
    autoOpened.current = true;
    setOpenIds((ids) => new Set(ids).add(onlyRoot.id));
  }, [onlyRoot]);

  // Names of the selection, and the ancestors needed to tell what a subtree grant includes.
  const wanted = useMemo(() => {
    const missing = new Set<string>();
    for (const id of value.entityIds) if (!known.has(id)) missing.add(id);
    if (value.subtreeEntityIds.length > 0) {
      for (const id of [...top.items.map((e) => e.id), ...value.entityIds]) {
        const chain = [id, ...ancestorIds(id, parentOf)];
        const last = known.get(chain[chain.length - 1]!);
        if (last?.parentId && !known.has(last.parentId)) missing.add(last.parentId);
      }
    }
    return [...missing].sort();
  }, [value, known, parentOf, top.items]);
  const labels = useEntitiesByIds(wanted);

  const latest = useRef(value);
  latest.current = value;
  const emit = useCallback((next: EntityAccessValue) => {
    latest.current = next;
    onValueChange(next);
  }, [onValueChange]);

  const setSearch = useCallback((next: string) => {
    setSearchState(next);
    setActiveId(null);
    setSelectAll({ status: 'idle' });
  }, []);

  const setOpen = useCallback((id: string, open: boolean) => {
    setOpenIds((ids) => {
      if (ids.has(id) === open) return ids;
      const next = new Set(ids);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
    // Closing a node whose descendant holds the tab stop moves it to the node.
    if (!open) {
      setActiveId((active) => {
        if (!active) return active;
        // Keys of the tree's own items (`more:<parent>`, `loading:<id>`) name the entity they hang from.
        const owner = active.includes(':') ? active.slice(active.indexOf(':') + 1) : active;
        return (owner === id && active !== id) || ancestorIds(owner, parentOf).includes(id) ? id : active;
      });
    }
  }, [parentOf]);

  // An entity outside the acting scope is never chosen (taking one away stays possible).
  const refused = useCallback((id: string) => {
    const entity = known.get(id);
    return entity !== undefined && !offers(entity) && !latest.current.entityIds.includes(id);
  }, [known, offers]);

  const toggle = useCallback((id: string) => {
    if (refused(id) || isIncludedBySubtree(id, latest.current, parentOf)) return;
    emit(toggleEntity(latest.current, id, selectionMode));
  }, [emit, parentOf, selectionMode, refused]);

  const toggleSubtreeOf = useCallback((id: string) => {
    if (!allowSubtrees || refused(id) || isIncludedBySubtree(id, latest.current, parentOf)) return;
    emit(toggleSubtree(latest.current, id, parentOf));
  }, [allowSubtrees, emit, parentOf, refused]);

  const remove = useCallback((id: string) => emit(removeEntity(latest.current, id)), [emit]);
  const clear = useCallback(() => emit({ entityIds: [], subtreeEntityIds: [] }), [emit]);

  const selectAllMatching = useCallback(async (): Promise<SelectAllMatchingOutcome | null> => {
    const q = search.trim();
    if (!q || selectionMode !== 'multiple') return null;
    setSelectAll({ status: 'pending', search: q });
    const size = Math.min(100, selectAllLimit);
    const ids: string[] = [];
    let total = 0;
    try {
      for (let pageIndex = 0; ids.length < selectAllLimit; pageIndex++) {
        const page = await callAdapter(() => adapter.listEntities({ search: q, pageIndex, pageSize: size }));
        total = page.total;
        ids.push(...page.items.filter(offers).slice(0, selectAllLimit - ids.length).map((e) => e.id));
        if (page.items.length === 0 || (pageIndex + 1) * size >= page.total) break;
      }
    } catch (error) {
      setSelectAll({ status: 'error', error: error as UserAdminError });
      return null;
    }
    emit(addEntities(latest.current, ids, parentOf));
    const outcome: SelectAllMatchingOutcome = { search: q, selected: ids.length, total, capped: total > ids.length, limit: selectAllLimit };
    setSelectAll({ status: 'done', outcome });
    return outcome;
  }, [adapter, emit, parentOf, search, selectAllLimit, selectionMode, offers]);

  const selectedIds = useMemo(() => new Set(value.entityIds), [value.entityIds]);
  const subtreeIds = useMemo(() => new Set(value.subtreeEntityIds), [value.subtreeEntityIds]);
  const wantedSet = useMemo(() => new Set(wanted), [wanted]);
  const selected = useMemo<SelectedEntity[]>(() => value.entityIds.map((id) => {
    const entity = known.get(id) ?? labels.byId.get(id);
    const status = entity ? 'ready' : wantedSet.has(id) && (labels.isSuccess || labels.isError) ? 'missing' : 'loading';
    return { id, entity, status, subtree: subtreeIds.has(id) };
  }), [value.entityIds, known, labels.byId, labels.isSuccess, labels.isError, wantedSet, subtreeIds]);

  return {
    value,
    selectionMode,
    allowSubtrees,
    search,
    setSearch,
    isSearching,
    top,
    pageSize,
    isOffered: offers,
    scoped: acting.scoped,
    isOpen: (id) => openIds.has(id),
    setOpen,
    activeId,
    setActiveId,
    isSelected: (id) => selectedIds.has(id),
    isSubtree: (id) => subtreeIds.has(id),
    includedBy: (id) => isIncludedBySubtree(id, value, parentOf),
    entity: (id) => known.get(id) ?? labels.byId.get(id),
    parentOf,
    toggle,
    toggleSubtree: toggleSubtreeOf,
    remove,
    clear,
    selectAllMatching,
    selectAll,
    selectAllLimit,
    selected,
  };
}
