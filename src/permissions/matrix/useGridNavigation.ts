import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { readingDirection } from '../../ui/Tabs';

/** A cell position: `row` 0 is the header row, `col` 0 the row header. */
export interface GridPosition {
  row: number;
  col: number;
}

/** Options of {@link useGridNavigation}. */
export interface UseGridNavigationOptions {
  /** Rows, the header row included. */
  rowCount: number;
  columnCount: number;
  /** Rows Page Up and Page Down move by. Defaults to 10. */
  pageStep?: number;
  /** Called when the active cell moves by keyboard (e.g. to scroll a virtualized list to it). Defaults to none. */
  onNavigate?: (position: GridPosition) => void;
  /**
   * Page Down on the last row or Page Up on the first body row: return `true` when the list turns
   * its page (the caller then moves the focus with `focusCell` once the new rows are there).
   * Defaults to none (Page keys stop at the ends).
   */
  onPageEdge?: (direction: 'next' | 'previous', position: GridPosition) => boolean;
  /**
   * The reading direction: in `rtl` ArrowLeft moves to the next column. Defaults to the `dir` of
   * the grid's closest element that has one (the styled root carries the locale's), else `ltr`.
   */
  dir?: 'ltr' | 'rtl';
}

/** What {@link useGridNavigation} returns. */
export interface UseGridNavigationResult {
  /** Put on the grid element (`role="grid"`). */
  gridRef: RefObject<HTMLTableElement | null>;
  /** The cell holding the one tab stop. */
  active: GridPosition;
  setActive: (position: GridPosition) => void;
  /** Makes a cell the active one and focuses it (after the render that shows it). */
  focusCell: (position: GridPosition) => void;
  /**
   * Put on the grid element as `onKeyDownCapture`: arrows, Home/End, Ctrl+Home/Ctrl+End, Page
   * Up/Page Down. In the capture phase, so a control in a cell (a menu trigger opening on
   * ArrowDown, a select changing its value) never acts on them first.
   */
  onKeyDownCapture: (event: KeyboardEvent<HTMLElement>) => void;
  /** Put on the grid element: focusing a cell (click, or a control's own focus) makes it the active one. */
  onFocus: (event: FocusEvent<HTMLElement>) => void;
}

const CONTROL = 'button, select, input, textarea, a[href], [data-grid-focus]';

/**
 * What receives focus in a cell: its first control (a button, a select), or the cell itself.
 * @example
 * gridFocusTarget(cell)?.focus();
 */
export function gridFocusTarget(cell: Element | null): HTMLElement | null {
  if (!(cell instanceof HTMLElement)) return null;
  return cell.querySelector<HTMLElement>(CONTROL) ?? cell;
}

function cellAt(grid: HTMLElement | null, { row, col }: GridPosition): HTMLElement | null {
  return grid?.querySelector<HTMLElement>(`[data-grid-row="${row}"] > [data-grid-col="${col}"]`) ?? null;
}

/**
 * The WAI-ARIA grid keyboard pattern over a table whose rows carry `data-grid-row` (0 = header)
 * and whose cells carry `data-grid-col`: one tab stop (roving tabindex on each cell's control, or
 * on the cell itself when it has none), arrow keys between cells, Home/End to the first/last cell
 * of the row, Ctrl+Home/Ctrl+End to the first/last cell of the grid, Page Up/Page Down by
 * `pageStep` rows; in a right-to-left grid ArrowLeft moves to the next column. Keys from elements outside the grid (a menu portalled from a cell) are ignored.
 * Works with virtualized rows: the caller keeps the active row rendered and scrolls in `onNavigate`.
 * @example
 * const nav = useGridNavigation({ rowCount: rows.length + 1, columnCount: modules.length + 1 });
 * <table role="grid" ref={nav.gridRef} onKeyDownCapture={nav.onKeyDownCapture} onFocus={nav.onFocus}>...</table>
 */
export function useGridNavigation({ rowCount, columnCount, pageStep = 10, onNavigate, onPageEdge, dir }: UseGridNavigationOptions): UseGridNavigationResult {
  const gridRef = useRef<HTMLTableElement | null>(null);
  const [position, setPosition] = useState<GridPosition>({ row: 0, col: 0 });
  const active: GridPosition = {
    row: Math.max(0, Math.min(position.row, rowCount - 1)),
    col: Math.max(0, Math.min(position.col, columnCount - 1)),
  };
  const focusRequest = useRef(false);
  const onNavigateRef = useRef(onNavigate);
  onNavigateRef.current = onNavigate;
  const [, forceRender] = useState(0);

  // Roving tab stop: only the active cell's control (or the cell) is tabbable. Set on the DOM so
  // any control works (a menu trigger, a select) without each one taking a tabIndex prop.
  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const activeTarget = gridFocusTarget(cellAt(grid, active));
    for (const cell of grid.querySelectorAll<HTMLElement>('[data-grid-row] > [data-grid-col]')) {
      const target = gridFocusTarget(cell);
      if (!target) continue;
      // Written only when it changes: this runs after every render of the grid, and an attribute
      // write (even of the same value) invalidates the cell's style.
      const tabIndex = target === activeTarget ? 0 : -1;
      if (target.tabIndex !== tabIndex || !target.hasAttribute('tabindex')) target.tabIndex = tabIndex;
      if (target !== cell && cell.hasAttribute('tabindex')) cell.removeAttribute('tabindex');
    }
    if (focusRequest.current && activeTarget) {
      focusRequest.current = false;
      activeTarget.focus();
    }
  });

  const setActive = useCallback((next: GridPosition) => {
    setPosition((current) => (current.row === next.row && current.col === next.col ? current : next));
  }, []);

  const onKeyDownCapture = (event: KeyboardEvent<HTMLElement>) => {
    const grid = gridRef.current;
    const target = event.target as Node | null;
    if (!grid || !target || !grid.contains(target) || event.altKey || event.metaKey) return;
    const cell = (target as HTMLElement).closest?.('[data-grid-col]');
    const rowElement = cell?.parentElement;
    if (!cell || !rowElement?.hasAttribute('data-grid-row')) return;
    const from = { row: Number(rowElement.getAttribute('data-grid-row')), col: Number(cell.getAttribute('data-grid-col')) };
    const lastRow = rowCount - 1;
    const lastCol = columnCount - 1;
    let next: GridPosition | null = null;
    // The next column is to the left in a right-to-left grid: read from the closest [dir] attribute
    // (no style recalculation), and only for the two keys that need it.
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowLeft'
      ? ((dir ?? readingDirection(grid)) === 'rtl' ? -1 : 1)
      : 1;
    switch (event.key) {
      case 'ArrowDown': next = { row: from.row + 1, col: from.col }; break;
      case 'ArrowUp': next = { row: from.row - 1, col: from.col }; break;
      case 'ArrowRight': next = { row: from.row, col: from.col + forward }; break;
      case 'ArrowLeft': next = { row: from.row, col: from.col - forward }; break;
      case 'Home': next = event.ctrlKey ? { row: 0, col: 0 } : { row: from.row, col: 0 }; break;
      case 'End': next = event.ctrlKey ? { row: lastRow, col: lastCol } : { row: from.row, col: lastCol }; break;
      case 'PageDown': next = { row: from.row + pageStep, col: from.col }; break;
      case 'PageUp': next = { row: from.row - pageStep, col: from.col }; break;
      default: return;
    }
    event.preventDefault();
    const edge = event.key === 'PageDown' && from.row === lastRow && from.row > 0 ? 'next' : event.key === 'PageUp' && from.row === 1 ? 'previous' : null;
    if (edge && onPageEdge?.(edge, from)) return;
    next = { row: Math.max(0, Math.min(lastRow, next.row)), col: Math.max(0, Math.min(lastCol, next.col)) };
    focusRequest.current = true;
    setActive(next);
    onNavigateRef.current?.(next);
    // Same cell (an edge): nothing re-renders, so focus it here.
    if (next.row === from.row && next.col === from.col) {
      focusRequest.current = false;
      gridFocusTarget(cell)?.focus();
    }
  };

  const focusCell = useCallback((next: GridPosition) => {
    focusRequest.current = true;
    setPosition(next);
    forceRender((n) => n + 1);
  }, []);

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const cell = (event.target as HTMLElement).closest?.('[data-grid-col]');
    const rowElement = cell?.parentElement;
    if (!cell || !rowElement?.hasAttribute('data-grid-row') || !gridRef.current?.contains(cell)) return;
    setActive({ row: Number(rowElement.getAttribute('data-grid-row')), col: Number(cell.getAttribute('data-grid-col')) });
  };

  return { gridRef, active, setActive, focusCell, onKeyDownCapture, onFocus };
}
