import { functionalUpdate, type RowSelectionState, type Updater } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { UserFilter } from '../contract/types';
import { EMPTY_LIST_SELECTION, selectionCount, type ListSelection } from '../query/selection';
import { useControllable } from '../query/useControllable';

/** What {@link useUserSelection} reads: the selection options of the table, and the list it selects in. */
export interface UseUserSelectionOptions {
  /** The selection, controlled. Defaults to uncontrolled. */
  selection?: ListSelection | undefined;
  /** The starting selection when uncontrolled. Defaults to nothing selected. */
  defaultSelection?: ListSelection | undefined;
  /** Called with the next selection on every change. Defaults to none. */
  onSelectionChange?: ((next: ListSelection) => void) | undefined;
  /** The list's search: a new one clears the selection. */
  search: string;
  /** The list's filter: a new one clears the selection. */
  filter: UserFilter;
  /** The rows of the current page. */
  page: readonly { id: string }[];
  /** How many items match the search and filter, over all pages (what "all matching" counts). */
  total: number;
}

/**
 * The users table's selection, one job of {@link useUserTable}: ids kept across pages or every
 * matching user, controlled or not; cleared when the search or filter changes; mapped to and from
 * TanStack's `rowSelection` (unticking a row of an "all matching" selection keeps the rest of the page).
 *
 * @example
 * const selection = useUserSelection({ ...options, search: state.search, filter: state.filter, page: list.items, total: list.total });
 * const table = useTable({
 *   // …
 *   state: { rowSelection: selection.rowSelection },
 *   onRowSelectionChange: selection.onRowSelectionChange,
 * });
 * selection.selectAllMatching(); // selection.selectedCount === list.total
 */
export function useUserSelection({ selection: controlled, defaultSelection, onSelectionChange, search, filter, page, total }: UseUserSelectionOptions) {
  const [selection, updateSelection] = useControllable<ListSelection>(controlled, defaultSelection ?? EMPTY_LIST_SELECTION, onSelectionChange);
  const setSelection = useCallback((next: ListSelection) => updateSelection(next), [updateSelection]);
  const clearSelection = useCallback(() => updateSelection(EMPTY_LIST_SELECTION), [updateSelection]);
  const selectAllMatching = useCallback(() => updateSelection({ ids: [], allMatching: true }), [updateSelection]);
  /** Takes one id out of the selection (a removed user). */
  const deselect = useCallback(
    (id: string) => updateSelection((current) => (current.ids.includes(id) ? { ...current, ids: current.ids.filter((other) => other !== id) } : current)),
    [updateSelection],
  );

  // A new search or filter is a new set of users: what was selected no longer applies.
  const matchKey = JSON.stringify([search.trim(), filter]);
  const previousMatchKey = useRef(matchKey);
  useEffect(() => {
    if (previousMatchKey.current === matchKey) return;
    previousMatchKey.current = matchKey;
    updateSelection((current) => (current.allMatching || current.ids.length > 0 ? EMPTY_LIST_SELECTION : current));
  }, [matchKey, updateSelection]);

  const rowSelection = useMemo<RowSelectionState>(() => {
    if (selection.allMatching) return Object.fromEntries(page.map((row) => [row.id, true]));
    return Object.fromEntries(selection.ids.map((id) => [id, true]));
  }, [selection, page]);
  // TanStack's updaters apply to the row selection of the latest render.
  const latestRowSelection = useRef(rowSelection);
  latestRowSelection.current = rowSelection;
  const onRowSelectionChange = useCallback(
    (updater: Updater<RowSelectionState>) => {
      const next = functionalUpdate(updater, latestRowSelection.current);
      updateSelection({ ids: Object.keys(next).filter((id) => next[id]), allMatching: false });
    },
    [updateSelection],
  );

  const selectedCount = selectionCount(selection, total);
  const isPageSelected = page.length > 0 && (selection.allMatching || page.every((row) => rowSelection[row.id]));

  return {
    selection,
    /** How many users the selection covers (the total when `allMatching`). */
    selectedCount,
    setSelection,
    /** The setter taking a value or an updater of the latest selection, for the runners. */
    updateSelection,
    selectAllMatching,
    clearSelection,
    deselect,
    /** Whether every row of the current page is selected. */
    isPageSelected,
    /** The selection as TanStack's `rowSelection` of the current page. */
    rowSelection,
    onRowSelectionChange,
  };
}
