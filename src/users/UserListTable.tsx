import { useContext, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Header, Row } from '@tanstack/react-table';
import type { User } from '../contract/types';
import { useUserAdminTranslation } from '../i18n';
import { Checkbox, VisuallyHidden, cx, type ActionMenuItem } from '../ui';
import { LazyActionMenu } from '../ui/LazyActionMenu';
import { useVirtualRows } from '../ui/useVirtualRows';
import { renderUserListBuiltinCell, renderUserListNameParts, type UserListCellContext, type UserListCellTranslation } from './UserListCells';
import {
  isBuiltinColumn,
  USER_LIST_ACTIONS_COLUMN,
  USER_LIST_SELECT_COLUMN,
  userDisplayName,
  type UserTableFeatures,
} from './model/columns';
import { USER_ROW_ACTIONS, type UserRowAction } from './model/guards';
import { useUserListUsers, UserListContext } from './UserListBase';
import type { UseUserTableResult } from './useUserTable';

/** Props of {@link UserListTable}. */
export interface UserListTableProps {
  /** The table state. Defaults to the nearest `UserListBase`'s. */
  users?: UseUserTableResult;
  /** A row action was chosen in a row's menu. Defaults to the `UserListBase`'s (deactivate, remove and send password reset ask first: `UserList.RowConfirm`). */
  onRowAction?: (user: User, action: UserRowAction) => void;
  /** Pages with more rows than this are virtualized. Defaults to 100. */
  virtualizeAbove?: number;
  /** Estimated row height for virtualization, in pixels. Defaults to 52. */
  estimateRowHeight?: number;
  /** Merged last. Defaults to none. */
  className?: string;
}

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([data-roving-skip])';

/** Every control of a row, in DOM order (what the roving tab stop moves between). */
function rowControls(row: HTMLElement | null): HTMLElement[] {
  if (!row) return [];
  return [...row.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled);
}

/**
 * The users table: real `<table>` semantics, sortable headers as buttons with `aria-sort` on the
 * header cell, a checkbox and an actions menu per row. Only one row's controls are in the tab
 * order (arrow keys move between rows), so a 1,000-row page is one Tab stop deep; large pages are
 * virtualized with spacer rows, `aria-rowcount` and `aria-rowindex`.
 * @example
 * <UserList.Table />
 * <UserListTable users={useUserTable()} onRowAction={(user, action) => run(user, action)} />
 */
export function UserListTable({ users: usersProp, onRowAction: onRowActionProp, virtualizeAbove = 100, estimateRowHeight = 52, className }: UserListTableProps) {
  const users = useUserListUsers(usersProp, 'UserList.Table');
  const listContext = useContext(UserListContext);
  const onRowAction = onRowActionProp ?? listContext?.requestRowAction ?? ((user: User, action: UserRowAction) => void users.runRowAction(user, action));
  // The table's one i18next subscription: headers, cells and row menus get its `t` and formatters.
  const i18n = useUserAdminTranslation();
  const { t } = i18n;
  const { table, list } = users;
  const rows = table.getRowModel().rows;
  const virtual = rows.length > virtualizeAbove;
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const active = Math.min(activeIndex, Math.max(0, rows.length - 1));
  const focusRequest = useRef<{ index: number; control: number } | null>(null);

  const pageStart = list.state.pageIndex * list.state.pageSize;
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const columnCount = headers.length;
  const virtualRows = useVirtualRows({
    rows, getRowKey: (row) => row.id, scrollRef, estimateSize: estimateRowHeight, enabled: virtual, columnCount, slot: 'user-list',
  });
  // The row holding the tab stop stays rendered even when scrolled out of view.
  virtualRows.keep.current = active;
  const context: UserListCellContext = {
    settings: users.settings, rolesById: users.rolesById, entitiesById: users.entitiesById, now: users.now, isReadOnly: users.isReadOnly,
  };

  useLayoutEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${request.index}"]`);
    if (!row) return;
    focusRequest.current = null;
    const controls = rowControls(row);
    (controls[Math.min(request.control, controls.length - 1)] ?? row).focus();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    // Menus portal out of the table but their key events bubble through React: ignore those.
    if (!(event.target instanceof Node) || !event.currentTarget.contains(event.target)) return;
    const rowElement = (event.target as HTMLElement).closest<HTMLElement>('tr[data-index]');
    if (!rowElement) return;
    const index = Number(rowElement.dataset.index);
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = index + 1;
    else if (event.key === 'ArrowUp') next = index - 1;
    else if (event.key === 'Home' && event.ctrlKey) next = 0;
    else if (event.key === 'End' && event.ctrlKey) next = rows.length - 1;
    else if (event.key === 'PageDown') next = index + 10;
    else if (event.key === 'PageUp') next = index - 10;
    if (next === null) return;
    event.preventDefault();
    next = Math.max(0, Math.min(rows.length - 1, next));
    const control = Math.max(0, rowControls(rowElement).indexOf(event.target as HTMLElement));
    focusRequest.current = { index: next, control };
    setActiveIndex(next);
    virtualRows.scrollToIndex(next);
  };

  const body = virtualRows.renderBody(rows, (row, index, measure) => renderRow(row, index, index === active, measure));

  function renderRow(row: Row<UserTableFeatures, User>, index: number, isActive: boolean, measure?: (node: Element | null) => void) {
    const user = row.original;
    return (
      <UserListRow
        key={row.id}
        row={row}
        index={index}
        ariaRowIndex={pageStart + index + 2}
        active={isActive}
        pending={users.pendingRowActions.get(user.id)}
        readOnly={users.isReadOnly(user)}
        measure={measure}
        onActivate={() => setActiveIndex(index)}
      >
        {row.getVisibleCells().map((cell) => {
          const id = cell.column.id;
          if (id === USER_LIST_SELECT_COLUMN) {
            return (
              <td key={cell.id} className="uak-user-list-select" data-slot="user-list-cell" data-column={id}>
                <Checkbox
                  aria-label={t('userList.selectRow', { name: userDisplayName(user) })}
                  checked={row.getIsSelected()}
                  onChange={row.getToggleSelectedHandler()}
                />
              </td>
            );
          }
          if (id === USER_LIST_ACTIONS_COLUMN) {
            return (
              <td key={cell.id} className="uak-user-list-actions" data-slot="user-list-cell" data-column={id}>
                <LazyActionMenu
                  label={t('actions.moreActions', { name: userDisplayName(user) })}
                  items={() => menuItems(user)}
                  className="uak-user-list-menu-trigger"
                />
              </td>
            );
          }
          if (id === 'name' && isBuiltinColumn(id)) {
            // The row's header cell holds the name and its badges itself (no wrapper inside): it is the
            // `[data-slot="user-list-name"]` element, whose `> span` is the name.
            return (
              <th key={cell.id} scope="row" className="uak-user-list-name-cell" data-slot="user-list-name" data-column={id}>
                {renderUserListNameParts(user, context, t)}
              </th>
            );
          }
          const content = isBuiltinColumn(id) ? renderUserListBuiltinCell(id, user, context, i18n) : <table.FlexRender cell={cell} />;
          if (id === 'name') {
            return (
              <th key={cell.id} scope="row" data-slot="user-list-cell" data-column={id}>
                {content}
              </th>
            );
          }
          return (
            <td key={cell.id} data-slot="user-list-cell" data-column={id}>
              {content}
            </td>
          );
        })}
      </UserListRow>
    );
  }

  function menuItems(user: User): ActionMenuItem[] {
    const result: ActionMenuItem[] = [];
    for (const action of USER_ROW_ACTIONS) {
      // Sign-in help comes right after edit (it is not a UserRowAction: it only opens the host's guide).
      if (action === 'resendInvitation' && users.canOpenSignInHelp(user)) {
        result.push({ key: 'signInHelp', label: t('userList.rowActions.signInHelp'), onSelect: () => users.openSignInHelp(user) });
      }
      const availability = users.actionAvailability(user, action);
      if (!availability.visible) continue;
      result.push({
        key: action,
        label: actionLabel(action, user),
        onSelect: () => onRowAction(user, action),
        ...(action === 'remove' || action === 'deactivate' ? { tone: 'danger' as const } : {}),
        ...(availability.allowed
          ? {}
          : { disabled: true, ...(availability.reason ? { disabledReason: t(`errors.reason.${availability.reason}`) } : {}) }),
      });
    }
    return result;
  }

  function actionLabel(action: UserRowAction, user: User): string {
    switch (action) {
      case 'edit':
        return t('actions.edit');
      case 'resendInvitation':
        return user.invitation?.kind === 'registration_request' ? t('userList.rowActions.resendRegistration') : t('userList.rowActions.resendInvitation');
      case 'sendPasswordReset':
        return t('userList.rowActions.sendPasswordReset');
      case 'deactivate':
        return t('actions.deactivate');
      case 'reactivate':
        return t('userList.rowActions.reactivate');
      case 'remove':
        return t('actions.remove');
    }
  }

  return (
    <div
      ref={scrollRef}
      className={cx('uak-user-list-scroll', className)}
      data-slot="user-list-scroll"
      data-virtual={virtual ? '' : undefined}
    >
      <table
        className="uak-user-list-table"
        data-slot="user-list-table"
        aria-rowcount={list.total + 1}
        aria-busy={list.isFetching || undefined}
      >
        <caption className="uak-user-list-caption">{t('users.count', { count: list.total })}</caption>
        <thead>
          <tr aria-rowindex={1}>
            {headers.map((header) => <HeaderCell key={header.id} header={header} users={users} i18n={i18n} />)}
          </tr>
        </thead>
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- arrow keys bubbling from the rows' controls move the roving tab stop between rows */}
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {body}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell({ header, users, i18n: { t } }: { header: Header<UserTableFeatures, User, unknown>; users: UseUserTableResult; i18n: UserListCellTranslation }) {
  const { table } = users;
  const column = header.column;
  if (column.id === USER_LIST_SELECT_COLUMN) {
    const some = !users.isPageSelected && table.getIsSomePageRowsSelected();
    return (
      <th scope="col" className="uak-user-list-select" data-slot="user-list-header" data-column={column.id}>
        <Checkbox
          aria-label={t('userList.selectPage')}
          checked={users.isPageSelected}
          indeterminate={some}
          disabled={table.getRowModel().rows.length === 0}
          onChange={() => table.toggleAllPageRowsSelected(!users.isPageSelected)}
        />
      </th>
    );
  }
  if (column.id === USER_LIST_ACTIONS_COLUMN) {
    return (
      <th scope="col" className="uak-user-list-actions" data-slot="user-list-header" data-column={column.id}>
        <VisuallyHidden>{t('userList.columns.actions')}</VisuallyHidden>
      </th>
    );
  }
  const label = <table.FlexRender header={header} />;
  if (!column.getCanSort()) {
    return (
      <th scope="col" data-slot="user-list-header" data-column={column.id}>
        {label}
      </th>
    );
  }
  const sorted = column.getIsSorted();
  return (
    <th
      scope="col"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
      data-slot="user-list-header"
      data-column={column.id}
    >
      <button type="button" className="uak-user-list-sort" data-slot="user-list-sort" data-state={sorted || 'none'} onClick={column.getToggleSortingHandler()}>
        {label}
        <span aria-hidden="true" className="uak-user-list-sort-icon">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
      </button>
    </th>
  );
}

interface UserListRowProps {
  row: Row<UserTableFeatures, User>;
  index: number;
  ariaRowIndex: number;
  active: boolean;
  pending: UserRowAction | undefined;
  /** Outside the acting admin's scope: shown, not changed. */
  readOnly: boolean;
  measure: ((node: Element | null) => void) | undefined;
  onActivate: () => void;
  children: ReactNode;
}

function UserListRow({ row, index, ariaRowIndex, active, pending, readOnly, measure, onActivate, children }: UserListRowProps) {
  const ref = useRef<HTMLTableRowElement | null>(null);
  // Roving tab stop: only the active row's controls (checkbox, details, menu, custom ones) are tabbable.
  useLayoutEffect(() => {
    for (const control of ref.current?.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]') ?? []) {
      control.tabIndex = active ? 0 : -1;
    }
  });
  useEffect(() => {
    measure?.(ref.current);
  }, [measure]);
  const user = row.original;
  return (
    <tr
      ref={ref}
      data-index={index}
      aria-rowindex={ariaRowIndex}
      aria-busy={pending ? true : undefined}
      data-state={user.status}
      data-selected={row.getIsSelected() ? '' : undefined}
      data-read-only={readOnly ? '' : undefined}
      data-slot="user-list-row"
      className="uak-user-list-row"
      onFocus={onActivate}
    >
      {children}
    </tr>
  );
}
