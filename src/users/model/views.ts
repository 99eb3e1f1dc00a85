import type { UserFilter } from '../../contract/types';
import type { UserCountView } from '../../query/options';

/**
 * A view of the users list: a preset of the filter's `status` and `kind`, shown with its count.
 * @example
 * table.setView('invited');
 */
export type UserListView = UserCountView;

/**
 * The views in display order.
 * @example
 * USER_LIST_VIEWS.map((view) => <Tab key={view}>{t(`userList.views.${view}`)}</Tab>);
 */
export const USER_LIST_VIEWS: readonly UserListView[] = ['active', 'invited', 'deactivated', 'contacts', 'all'];

/**
 * The `status`/`kind` part of the filter for a view (the same presets `useUserCounts` counts).
 * @example
 * viewFilter('deactivated'); // { kind: 'login', status: ['deactivated'] }
 */
export function viewFilter(view: UserListView): Pick<UserFilter, 'status' | 'kind'> {
  switch (view) {
    case 'active':
    case 'invited':
    case 'deactivated':
      return { kind: 'login', status: [view] };
    case 'contacts':
      return { kind: 'contact' };
    case 'all':
      return {};
  }
}

/**
 * The view a filter is in, or `null` when its status/kind match no preset (a custom filter).
 * @example
 * viewOfFilter({ kind: 'contact', roleIds: ['r1'] }); // 'contacts'
 */
export function viewOfFilter(filter: UserFilter): UserListView | null {
  const status = filter.status ?? [];
  if (filter.kind === 'contact' && status.length === 0) return 'contacts';
  if (filter.kind === undefined && status.length === 0) return 'all';
  if (filter.kind === 'login' && status.length === 1) {
    const only = status[0];
    if (only === 'active' || only === 'invited' || only === 'deactivated') return only;
  }
  return null;
}

/**
 * The filter with its view replaced, keeping role, entity and scope.
 * @example
 * withView({ roleIds: ['r1'], kind: 'contact' }, 'active'); // { roleIds: ['r1'], kind: 'login', status: ['active'] }
 */
export function withView(filter: UserFilter, view: UserListView): UserFilter {
  const { status: _status, kind: _kind, ...rest } = filter;
  return { ...rest, ...viewFilter(view) };
}
