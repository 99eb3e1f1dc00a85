import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { Module, ModulePermissions } from '../../contract/types';
import { translateError, useUserAdminTranslation } from '../../i18n';
import { ActionMenu, cx, type ActionMenuItem } from '../../ui';
import { useVirtualRows } from '../../ui/useVirtualRows';
import { applyRolePreset } from '../../core';
import { diffPermissions, isLockedCell, levelOf, nextLevel, setCellLevel, setColumnLevel, setRowLevel, type MatrixRole, type PermissionValues } from './helpers';
import { LevelMenu, levelLabel } from './LevelMenu';
import { useGridNavigation, type GridPosition } from './useGridNavigation';

/** One row of a {@link PermissionGrid}: a user or a role, with the role that decides its locked modules. */
export interface PermissionGridRow {
  id: string;
  /** The row's name, in its header and in every cell's accessible name. */
  label: string;
  /** The row's role (for a role row, the role itself); `null` for none (every admin-only module locked). */
  role: MatrixRole | null;
  /** Shown under the label in the default row header (an email, a badge). Defaults to none. */
  description?: ReactNode;
  /** This row's cells show their level but never change (e.g. a user outside the admin's scope). Defaults to `false`. */
  readOnly?: boolean;
}

/** A column shown between the row header and the modules (e.g. the role select of a user row). */
export interface PermissionGridColumn {
  id: string;
  /** The column header's content. */
  header: ReactNode;
  /** The cell's content; its first control (select, button) takes part in the grid's keyboard navigation. */
  cell: (row: PermissionGridRow) => ReactNode;
}

/** Props of {@link PermissionGrid}. */
export interface PermissionGridProps {
  /** The grid's accessible name. */
  label: string;
  rows: PermissionGridRow[];
  modules: Module[];
  /** Every row's current module access (a missing module is its first level, no access). */
  value: PermissionValues;
  onValueChange: (next: PermissionValues) => void;
  /** The saved access, to mark changed cells. Defaults to `value` (nothing marked). */
  baseline?: PermissionValues;
  /** A row's failure (any error, shown translated in its header). Defaults to none. */
  rowErrors?: Record<string, unknown>;
  /** Cells show their level but never change; no row or column menus. Defaults to `false`. */
  readOnly?: boolean;
  /** Replaces the row header's content (the label and the row menu). Defaults to the label and the row menu. */
  rowHeader?: (row: PermissionGridRow) => ReactNode;
  /** The first header cell's text. Defaults to none (empty). */
  rowHeaderLabel?: ReactNode;
  /** Columns between the row header and the modules. Defaults to none. */
  columns?: PermissionGridColumn[];
  /** Whether the row menu offers "Apply the <role> preset". Defaults to `true`. */
  presetAction?: boolean;
  /** Whether module headers have a "Set all rows to <level>" menu. Defaults to `true` when there are several rows. */
  columnActions?: boolean;
  /** The reason shown on locked cells. Defaults to `t('errors.reason.admin_only_module')`. */
  lockedReason?: string;
  /** Rows in the whole list when `rows` is one page of it (`aria-rowcount`). Defaults to `rows.length`. */
  totalRows?: number;
  /** Rows of the list before this page (`aria-rowindex`). Defaults to 0. */
  rowOffset?: number;
  /** More rows than this are virtualized. Defaults to 100. */
  virtualizeAbove?: number;
  /**
   * What a cell's accessible name holds: module, row and level (`full`), or module and level
   * (`short`, for a one-row grid whose row is named elsewhere). Defaults to `full`.
   */
  cellNames?: 'full' | 'short';
  /**
   * Page Down on the last row or Page Up on the first: return `true` when the list turns its page;
   * the focus then moves to the same column of the first row (next) or of the last row (previous)
   * of the new page. Defaults to none (Page keys stop at the ends).
   */
  onPageEdge?: (direction: 'next' | 'previous') => boolean;
  /** Called with a row id when its role preset was applied from the row menu. Defaults to none. */
  onPresetApplied?: (rowId: string) => void;
  /** Described-by ids added to the grid. Defaults to none. */
  'aria-describedby'?: string;
  /** The grid's id. Defaults to none. */
  id?: string;
  /** Merged last on the scroll container. Defaults to none. */
  className?: string;
}

const ROW_HEIGHT = 48;
const NO_COLUMNS: PermissionGridColumn[] = [];

/**
 * A grid of rows (users or roles) by modules, each cell one of the module's levels. Controlled and
 * presentational: no data fetching. Admin-only modules are locked on rows whose role is not an
 * admin role (focusable, "locked" in their name, the reason shown on hover and focus and linked by
 * `aria-describedby`). Changed cells (against `baseline`) carry a visible mark and "unsaved change"
 * in their name. Row menus set the whole row (no access, highest level) or apply the role's preset;
 * module header menus set the whole column.
 *
 * Keyboard (WAI-ARIA grid): one tab stop; arrows move between cells; Home/End go to the first/last
 * cell of the row, Ctrl+Home/Ctrl+End to the first/last cell of the grid; Page Up/Page Down move 10
 * rows. On a level cell, **Space sets the next level** (after the last, back to the first) and
 * **Enter (or a click) opens the list of levels**. Locked and read-only cells never change.
 *
 * @example
 * <PermissionGrid label={t('permissionMatrix.usersLabel')} rows={rows} modules={modules}
 *   value={draft} baseline={saved} onValueChange={setDraft} />
 */
export function PermissionGrid(props: PermissionGridProps) {
  const {
    label, rows, modules, value, onValueChange, baseline = value, rowErrors, readOnly = false, rowHeader, rowHeaderLabel,
    columns = NO_COLUMNS, presetAction = true, columnActions = rows.length > 1, lockedReason, totalRows = rows.length, rowOffset = 0,
    virtualizeAbove = 100, cellNames = 'full', onPageEdge, onPresetApplied, id, className,
  } = props;
  const { t } = useUserAdminTranslation();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hintId = `uak-permission-grid-${uid}-hint`;
  const reason = lockedReason ?? t('errors.reason.admin_only_module');
  const columnCount = 1 + columns.length + modules.length;
  const firstModuleCol = 1 + columns.length;
  const virtual = rows.length > virtualizeAbove;
  const scrollRef = useRef<HTMLDivElement>(null);

  // The latest value, so several changes in one event compose.
  const latest = useRef(value);
  latest.current = value;
  const change = (next: PermissionValues) => {
    if (next === latest.current) return;
    latest.current = next;
    onValueChange(next);
  };

  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const virtualRows = useVirtualRows({
    rows, getRowKey: (row) => row.id, scrollRef, estimateSize: ROW_HEIGHT, enabled: virtual, columnCount, slot: 'permission-grid',
  });
  const onPageEdgeRef = useRef(onPageEdge);
  const nav = useGridNavigation({
    rowCount: rows.length + 1,
    columnCount,
    onPageEdge: (direction, position) => {
      const turned = onPageEdgeRef.current?.(direction) ?? false;
      if (turned) pageEdge.current = { direction, col: position.col, firstRowId: rowsRef.current[0]?.id };
      return turned;
    },
    onNavigate: (position: GridPosition) => {
      if (position.row > 0) virtualRows.scrollToIndex(position.row - 1);
    },
  });
  // The row holding the tab stop (grid row 1 is the first body row) stays rendered when scrolled away.
  virtualRows.keep.current = nav.active.row - 1;

  // After Page Down/Up turned the page, focus the same column in the new rows once they are shown.
  const pageEdge = useRef<{ direction: 'next' | 'previous'; col: number; firstRowId: string | undefined } | null>(null);
  onPageEdgeRef.current = onPageEdge;
  const firstRowId = rows[0]?.id;
  useLayoutEffect(() => {
    const edge = pageEdge.current;
    if (!edge || firstRowId === edge.firstRowId) return;
    pageEdge.current = null;
    const row = edge.direction === 'next' ? 1 : rows.length;
    nav.focusCell({ row, col: edge.col });
    virtualRows.scrollToIndex(row - 1);
  });

  // Stable actions for the memoized rows: they read the latest value and callbacks.
  const callbacks = useRef({ change, onPresetApplied });
  callbacks.current = { change, onPresetApplied };
  const actions = useMemo<RowActions>(
    () => ({
      setCell: (row, module, level) => callbacks.current.change(setCellLevel(latest.current, row.id, module, level, row.role)),
      setRow: (row, permissions) => callbacks.current.change({ ...latest.current, [row.id]: permissions }),
      presetApplied: (rowId) => callbacks.current.onPresetApplied?.(rowId),
    }),
    [],
  );
  const short = cellNames === 'short';
  const context = useMemo<RowContext>(
    () => ({ modules, columns, readOnly, rowHeader, presetAction, reason, short, uid, firstModuleCol, actions }),
    [modules, columns, readOnly, rowHeader, presetAction, reason, short, uid, firstModuleCol, actions],
  );

  const renderRow = (row: PermissionGridRow, index: number, measure?: (node: Element | null) => void) => (
    <BodyRow
      key={row.id}
      row={row}
      index={index}
      ariaRowIndex={rowOffset + index + 2}
      measure={measure}
      permissions={value[row.id]}
      base={baseline[row.id]}
      error={rowErrors?.[row.id]}
      context={context}
    />
  );

  const body = virtualRows.renderBody(rows, renderRow);

  const describedBy = [hintId, props['aria-describedby']].filter(Boolean).join(' ');
  return (
    <div
      ref={scrollRef}
      className={cx('uak-permission-grid-scroll', className)}
      data-slot="permission-grid-scroll"
      data-virtual={virtual ? '' : undefined}
    >
      <p id={hintId} className="uak-sr-only">{t('permissionMatrix.navigationHint')}</p>
      <table
        id={id}
        role="grid"
        ref={nav.gridRef}
        aria-label={label}
        aria-describedby={describedBy}
        aria-rowcount={totalRows + 1}
        aria-colcount={columnCount}
        aria-readonly={readOnly || undefined}
        className="uak-permission-grid"
        data-slot="permission-grid"
        onKeyDownCapture={nav.onKeyDownCapture}
        onFocus={nav.onFocus}
      >
        <thead>
          <tr data-grid-row={0} aria-rowindex={1} data-slot="permission-grid-header-row">
            <th scope="col" data-grid-col={0} className="uak-permission-grid-corner" data-slot="permission-grid-header">{rowHeaderLabel}</th>
            {columns.map((column, c) => (
              <th key={column.id} scope="col" data-grid-col={1 + c} data-slot="permission-grid-header" data-column={column.id}>{column.header}</th>
            ))}
            {modules.map((module, m) => (
              <th
                key={module.id}
                scope="col"
                aria-label={module.name}
                data-grid-col={firstModuleCol + m}
                data-slot="permission-grid-header"
                data-column={module.id}
                data-admin-only={module.adminOnly ? '' : undefined}
              >
                <span className="uak-permission-grid-module">
                  <span>{module.name}</span>
                  {columnActions && !readOnly ? (
                    <ActionMenu
                      label={t('permissionMatrix.columnMenu.label', { module: module.name })}
                      trigger={<span aria-hidden="true">▾</span>}
                      className="uak-permission-grid-menu-trigger"
                      items={module.levels.map((level) => ({
                        key: level,
                        label: t('permissionMatrix.columnMenu.setAll', { level: levelLabel(t, level) }),
                        onSelect: () => change(setColumnLevel(latest.current, rows, module, level)),
                      }))}
                    />
                  ) : null}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
}

interface RowActions {
  setCell: (row: PermissionGridRow, module: Module, level: string) => void;
  setRow: (row: PermissionGridRow, permissions: ModulePermissions) => void;
  presetApplied: (rowId: string) => void;
}

interface RowContext {
  modules: Module[];
  columns: PermissionGridColumn[];
  readOnly: boolean;
  rowHeader: ((row: PermissionGridRow) => ReactNode) | undefined;
  presetAction: boolean;
  reason: string;
  short: boolean;
  uid: string;
  firstModuleCol: number;
  actions: RowActions;
}

interface BodyRowProps {
  row: PermissionGridRow;
  index: number;
  ariaRowIndex: number;
  measure: ((node: Element | null) => void) | undefined;
  permissions: ModulePermissions | undefined;
  base: ModulePermissions | undefined;
  error: unknown;
  context: RowContext;
}

// Memoized: scrolling a virtualized grid or moving the tab stop re-renders no row.
const BodyRow = memo(function BodyRow({ row, index, ariaRowIndex, measure, permissions, base, error, context }: BodyRowProps) {
  const { t } = useUserAdminTranslation();
  const { modules, columns, rowHeader, presetAction, reason, short, uid, firstModuleCol, actions } = context;
  const readOnly = context.readOnly || row.readOnly === true;
  const ref = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    measure?.(ref.current);
  }, [measure]);
  const changedModules = new Set(diffPermissions(base, permissions, modules));

  const menuItems = (): ActionMenuItem[] => {
    const items: ActionMenuItem[] = [];
    const role = row.role;
    if (presetAction && role) {
      items.push({
        key: 'preset',
        label: t('permissionMatrix.rowMenu.applyPreset', { role: role.name }),
        onSelect: () => {
          actions.setRow(row, applyRolePreset(role, modules));
          actions.presetApplied(row.id);
        },
      });
    }
    items.push(
      { key: 'none', label: t('permissionMatrix.rowMenu.setAllNone'), onSelect: () => actions.setRow(row, setRowLevel(modules, 'none', role)) },
      { key: 'highest', label: t('permissionMatrix.rowMenu.setAllHighest'), onSelect: () => actions.setRow(row, setRowLevel(modules, 'highest', role)) },
    );
    return items;
  };

  return (
    <tr
      ref={ref}
      data-grid-row={index + 1}
      data-index={index}
      aria-rowindex={ariaRowIndex}
      data-state={error ? 'error' : changedModules.size > 0 ? 'changed' : 'saved'}
      data-read-only={row.readOnly ? '' : undefined}
      data-slot="permission-grid-row"
      className="uak-permission-grid-row"
    >
      <th scope="row" data-grid-col={0} className="uak-permission-grid-row-header" data-slot="permission-grid-row-header">
        {rowHeader ? rowHeader(row) : (
          <span className="uak-permission-grid-row-title">
            <span className="uak-permission-grid-row-label">{row.label}</span>
            {readOnly ? null : (
              <ActionMenu label={t('permissionMatrix.rowMenu.label', { name: row.label })} items={menuItems()} className="uak-permission-grid-menu-trigger" />
            )}
          </span>
        )}
        {!rowHeader && row.description ? <span className="uak-permission-grid-row-description" data-slot="permission-grid-row-description">{row.description}</span> : null}
        {error ? (
          <span className="uak-permission-grid-row-error" data-slot="permission-grid-row-error">
            <span aria-hidden="true">⚠ </span>
            {t('permissionMatrix.rowError', { reason: translateError(t, error) })}
          </span>
        ) : null}
      </th>
      {columns.map((column, c) => (
        <td key={column.id} data-grid-col={1 + c} role="gridcell" data-slot="permission-grid-extra-cell" data-column={column.id}>
          {column.cell(row)}
        </td>
      ))}
      {modules.map((module, m) => (
        <LevelCell
          key={module.id}
          col={firstModuleCol + m}
          row={row}
          module={module}
          level={levelOf(permissions, module)}
          changed={changedModules.has(module.id)}
          locked={isLockedCell(row.role, module)}
          readOnly={readOnly}
          reason={reason}
          reasonId={`uak-permission-grid-${uid}-${index}-${m}-reason`}
          short={short}
          onChange={(level) => actions.setCell(row, module, level)}
        />
      ))}
    </tr>
  );
});

/**
 * A padlock drawn inline (an emoji needs an emoji font, without which it is an empty box); hidden
 * from assistive technology: the cell's name says "locked" and its description says why.
 */
function LockIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      className="uak-permission-grid-lock"
      data-slot="permission-grid-lock"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" />
      <path d="M5.25 7V5a2.75 2.75 0 0 1 5.5 0v2" />
    </svg>
  );
}

interface LevelCellProps {
  col: number;
  row: PermissionGridRow;
  module: Module;
  level: string;
  changed: boolean;
  locked: boolean;
  readOnly: boolean;
  reason: string;
  reasonId: string;
  short: boolean;
  onChange: (level: string) => void;
}

function LevelCell({ col, row, module, level, changed, locked, readOnly, reason, reasonId, short, onChange }: LevelCellProps) {
  const { t } = useUserAdminTranslation();
  const levelText = levelLabel(t, level);
  const names = { module: module.name, row: row.label, level: levelText };
  const name = short
    ? t(locked ? 'permissionMatrix.cell.labelShortLocked' : changed ? 'permissionMatrix.cell.labelShortChanged' : 'permissionMatrix.cell.labelShort', names)
    : t(locked ? 'permissionMatrix.cell.labelLocked' : changed ? 'permissionMatrix.cell.labelChanged' : 'permissionMatrix.cell.label', names);
  const fixed = locked || readOnly;
  const content = (
    <>
      {locked ? <LockIcon /> : null}
      <span className="uak-permission-grid-level">{levelText}</span>
      {changed ? <span aria-hidden="true" className="uak-permission-grid-mark" data-slot="permission-grid-mark">●</span> : null}
    </>
  );
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === ' ') {
      event.preventDefault();
      if (!fixed) onChange(nextLevel(module, level));
      return;
    }
    // Navigation keys belong to the grid, not to the level menu's trigger.
    if (event.key.startsWith('Arrow') || ['Home', 'End', 'PageUp', 'PageDown'].includes(event.key)) event.preventDefault();
    if (event.key === 'Enter' && fixed) event.preventDefault();
  };
  return (
    <td
      role="gridcell"
      data-grid-col={col}
      className="uak-permission-grid-cell"
      data-slot="permission-grid-cell"
      data-column={module.id}
      data-level={level}
      data-state={changed ? 'changed' : 'saved'}
      data-locked={locked ? '' : undefined}
    >
      {fixed ? (
        <>
          <button
            type="button"
            aria-label={name}
            aria-disabled="true"
            aria-describedby={locked ? reasonId : undefined}
            className="uak-permission-grid-button"
            data-slot="permission-grid-button"
            onKeyDown={onKeyDown}
          >
            {content}
          </button>
          {locked ? <span id={reasonId} className="uak-permission-grid-reason" data-slot="permission-grid-locked-reason">{reason}</span> : null}
        </>
      ) : (
        <LevelMenu levels={module.levels} value={level} onValueChange={onChange} onTriggerKeyDown={onKeyDown}>
          <button type="button" aria-label={name} className="uak-permission-grid-button" data-slot="permission-grid-button">
            {content}
          </button>
        </LevelMenu>
      )}
    </td>
  );
}
