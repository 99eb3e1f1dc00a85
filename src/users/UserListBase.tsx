import { createContext, useContext, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { splitProps } from '../ui/splitProps';
import type { User } from '../contract/types';
import type { UserRowAction } from './model/guards';
import { useUserTable, type UserBulkAction, type UseUserTableOptions, type UseUserTableResult } from './useUserTable';

/** A row action waiting for its confirmation (deactivate, remove, send password reset), with where to return the focus. */
export interface UserListRowConfirmState {
  user: User;
  action: 'deactivate' | 'remove' | 'sendPasswordReset';
  /** The menu trigger that opened it, given the focus back on close. */
  trigger: HTMLElement | null;
  /** The row's index, to find the trigger of the row now at its place if the row went away. */
  rowIndex: string | null;
}

/** What {@link UserListBase} shares with the list's parts (`UserList.Toolbar`, `UserList.Table`…). */
export interface UserListContextValue {
  /** The table state: {@link useUserTable}'s result. */
  users: UseUserTableResult;
  /** Prefix of the views' tab and panel ids. */
  idBase: string;
  /** The panel holding toolbar, table and pagination (where row menus are looked up for the focus). */
  panelRef: RefObject<HTMLDivElement | null>;
  /** The row action waiting for its confirmation, if any. */
  rowConfirm: UserListRowConfirmState | null;
  /** A row's menu chose an action: deactivate, remove and send password reset ask first, the others run at once. */
  requestRowAction(user: User, action: UserRowAction): void;
  /** Closes the row confirmation. */
  closeRowConfirm(): void;
  /** The bulk action waiting for its confirmation, if any. */
  bulkAction: UserBulkAction | null;
  /** Asks to confirm a bulk action (`null` closes the confirmation). */
  setBulkAction(action: UserBulkAction | null): void;
}

/** `null` outside {@link UserListBase}. */
export const UserListContext = createContext<UserListContextValue | null>(null);
UserListContext.displayName = 'UserListContext';

/**
 * The nearest {@link UserListBase}'s state, for a part of the host's own between the list's parts.
 * Throws outside one.
 * @example
 * function SelectedCount() {
 *   const { users } = useUserListContext();
 *   return <p>{users.selectedCount}</p>;
 * }
 */
export function useUserListContext(): UserListContextValue {
  const context = useContext(UserListContext);
  if (!context) throw new Error('`useUserListContext` must be used within <UserListBase> (or <UserList>).');
  return context;
}

/** The table state a part shows: the one passed, else the nearest {@link UserListBase}'s. */
export function useUserListUsers(users: UseUserTableResult | undefined, part: string): UseUserTableResult {
  const context = useContext(UserListContext);
  const resolved = users ?? context?.users;
  if (!resolved) throw new Error(`<${part}> must be used within <UserListBase> (or <UserList>), or be given \`users\`.`);
  return resolved;
}

/** Props of {@link UserListBase}: every option of {@link useUserTable}, and the parts. */
export interface UserListBaseProps extends UseUserTableOptions {
  children?: ReactNode;
}

/**
 * The users list's state without any markup (react-admin's `ListBase`): it runs
 * {@link useUserTable} and the confirmations of row and bulk actions, and gives them to the parts
 * inside through context. Compose the parts you want, in your order, with your own between them.
 * @example
 * <UserListBase defaultState={{ pageSize: 25 }} onEditUser={edit}>
 *   <UserList.Root>
 *     <UserList.Views />
 *     <UserList.Panel>
 *       <UserList.Toolbar />
 *       <MyBanner />
 *       <UserList.Content />
 *     </UserList.Panel>
 *     <UserList.RowConfirm />
 *   </UserList.Root>
 * </UserListBase>
 */
export function UserListBase({ children, ...options }: UserListBaseProps) {
  const users = useUserTable(options);
  const idBase = `uak-user-list-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const panelRef = useRef<HTMLDivElement>(null);
  const [rowConfirm, setRowConfirm] = useState<UserListRowConfirmState | null>(null);
  const [bulkAction, setBulkAction] = useState<UserBulkAction | null>(null);
  const runRowAction = users.runRowAction;

  // Not memoized: `users` is new at every render of the table state, and so is this value.
  const value: UserListContextValue = {
    users, idBase, panelRef, rowConfirm, bulkAction, setBulkAction,
    closeRowConfirm: () => setRowConfirm(null),
    requestRowAction: (user, action) => {
      if (action === 'deactivate' || action === 'remove' || action === 'sendPasswordReset') {
        // The menu that opened the confirmation is closing: remember its trigger, to return there.
        const trigger = panelRef.current?.querySelector<HTMLElement>('[data-slot="action-menu-trigger"][aria-expanded="true"]') ?? null;
        const rowIndex = trigger?.closest<HTMLElement>('tr[data-index]')?.dataset.index ?? null;
        setRowConfirm({ user, action, trigger, rowIndex });
      } else {
        void runRowAction(user, action);
      }
    },
  };
  return <UserListContext.Provider value={value}>{children}</UserListContext.Provider>;
}

/**
 * The names of {@link useUserTable}'s options, to tell them from the root element's props.
 * Every option must be listed: `_everyOptionListed` fails to compile when one is missing.
 */
const USER_TABLE_OPTION_KEYS = [
  'defaultState', 'initialState', 'state', 'onStateChange', 'enabled', 'columns', 'columnVisibility', 'defaultColumnVisibility',
  'onColumnVisibilityChange', 'columnOrder', 'defaultColumnOrder', 'onColumnOrderChange', 'selection', 'defaultSelection',
  'onSelectionChange', 'onEditUser', 'onSignInHelp', 'concurrency', 'now',
] as const satisfies readonly (keyof UseUserTableOptions)[];
type UnlistedOption = Exclude<keyof UseUserTableOptions, (typeof USER_TABLE_OPTION_KEYS)[number]>;
// A type error here names an option of useUserTable missing from USER_TABLE_OPTION_KEYS.
const _everyOptionListed: [UnlistedOption] extends [never] ? true : UnlistedOption = true;
void _everyOptionListed;

/**
 * Splits a component's props into {@link useUserTable}'s options and the rest (view and DOM props).
 * @example
 * const [options, rest] = splitUserTableOptions(props);
 */
export function splitUserTableOptions<P extends UseUserTableOptions>(props: P): [UseUserTableOptions, Omit<P, keyof UseUserTableOptions>] {
  const [options, rest] = splitProps(props, USER_TABLE_OPTION_KEYS);
  return [options as UseUserTableOptions, rest as Omit<P, keyof UseUserTableOptions>];
}
