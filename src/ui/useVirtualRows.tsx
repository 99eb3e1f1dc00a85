import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useRef, type ReactNode, type RefObject } from 'react';

/** Options of {@link useVirtualRows}. */
export interface UseVirtualRowsOptions<Row> {
  /** The rows of the table body, in order. */
  rows: readonly Row[];
  /** A row's stable key (its id), so measured heights follow the row, not its index. */
  getRowKey(row: Row): string;
  /** The scrolling container of the table. */
  scrollRef: RefObject<HTMLElement | null>;
  /** A row's height before it is measured, in pixels; also the height of a row without layout (hidden, jsdom). */
  estimateSize: number;
  /** Renders only the rows in view when `true`; every row when `false`. */
  enabled: boolean;
  /** Columns of the table, for the spacer rows' `colSpan`. */
  columnCount: number;
  /** Prefix of the spacer rows' `data-slot` and class (`user-list` → `user-list-spacer`, `uak-user-list-spacer`). */
  slot: string;
  /** Rows rendered beyond the visible ones on each side. Defaults to 8. */
  overscan?: number;
}

/** What {@link useVirtualRows} returns. */
export interface VirtualRows {
  /**
   * The body's rows: every row, or the rows in view with spacer rows standing for the others.
   * `renderRow` gets `measure` (a ref for the row element) when virtual.
   */
  renderBody<Row>(rows: readonly Row[], renderRow: (row: Row, index: number, measure?: (node: Element | null) => void) => ReactNode): ReactNode[];
  /** Scrolls the row at `index` into view when virtual (keyboard moves); does nothing otherwise. */
  scrollToIndex(index: number): void;
  /** The row index kept rendered even when scrolled out of view (the one holding the tab stop); set it on each render. */
  keep: { current: number };
}

/**
 * The one virtual-rows hook of the library's tables (users list, permission grid): TanStack
 * Virtual over a real `<table>`, with measured row heights, spacer rows instead of absolute
 * positioning (so columns keep their table layout), and a kept row: the row holding the tab
 * stop stays rendered when scrolled away, so keyboard focus is never lost.
 * @example
 * const virtualRows = useVirtualRows({ rows, getRowKey: (r) => r.id, scrollRef, estimateSize: 48, enabled: rows.length > 100, columnCount: 5, slot: 'user-list' });
 * virtualRows.keep.current = activeIndex;
 * <tbody>{virtualRows.renderBody(rows, (row, i, measure) => <Row key={row.id} row={row} measure={measure} />)}</tbody>
 */
export function useVirtualRows<Row>({
  rows, getRowKey, scrollRef, estimateSize, enabled, columnCount, slot, overscan = 8,
}: UseVirtualRowsOptions<Row>): VirtualRows {
  const keep = useRef(-1);
  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const kept = keep.current;
    return kept < 0 || kept >= range.count || indexes.includes(kept) ? indexes : [...indexes, kept].sort((a, b) => a - b);
  }, []);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    overscan,
    enabled,
    rangeExtractor,
    // A row without layout (hidden, or jsdom) keeps its estimate instead of collapsing to 0.
    measureElement: (element) => {
      const height = element.getBoundingClientRect().height;
      return height > 0 ? height : estimateSize;
    },
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : getRowKey(row);
    },
  });

  const spacer = (key: string, height: number) => (
    <tr key={key} aria-hidden="true" className={`uak-${slot}-spacer`} data-slot={`${slot}-spacer`}>
      <td colSpan={columnCount} style={{ height }} />
    </tr>
  );

  return {
    keep,
    scrollToIndex: (index) => {
      if (enabled) virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    renderBody: (bodyRows, renderRow) => {
      const body: ReactNode[] = [];
      if (!enabled) {
        bodyRows.forEach((row, index) => body.push(renderRow(row, index)));
        return body;
      }
      let end = 0;
      for (const item of virtualizer.getVirtualItems()) {
        if (item.start > end) body.push(spacer(`gap-${item.index}`, item.start - end));
        const row = bodyRows[item.index];
        if (row !== undefined) body.push(renderRow(row, item.index, virtualizer.measureElement));
        end = item.end;
      }
      const total = virtualizer.getTotalSize();
      if (total > end) body.push(spacer('gap-end', total - end));
      return body;
    },
  };
}
