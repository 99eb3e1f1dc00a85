/**
 * The headless hooks at work, with no styled component: a plain, accessible table fed by
 * `useUserList`, `useUserCounts`, `useRoles` and `useSettings`. Hosts who want their own looks
 * start from this. Every string comes from the locale files.
 */
import { useId, useState, useEffect } from 'react';
import {
  useUserList,
  useRoles,
  useSettings,
  useUserAdminTranslation,
  translateError,
  type UserStatus,
} from '../../src/headless';

const STATUSES: UserStatus[] = ['active', 'invited', 'deactivated'];

export interface PlainUserListProps {
  /** Rows per page. Defaults to 10. */
  pageSize?: number;
}

export function PlainUserList({ pageSize = 10 }: PlainUserListProps) {
  const { t, format } = useUserAdminTranslation();
  const list = useUserList({ defaultState: { pageSize } });
  const roles = useRoles();
  const settings = useSettings();
  const [searchInput, setSearchInput] = useState('');
  const searchId = useId();
  const statusId = useId();
  const { setSearch } = list;

  // Debounce typing; the hook resets to the first page when the search changes.
  useEffect(() => {
    const handle = setTimeout(() => setSearch(searchInput), 250);
    return () => clearTimeout(handle);
  }, [searchInput, setSearch]);

  const roleName = (id: string | null) => roles.data?.find((r) => r.id === id)?.name ?? t('users.noRole');
  const status = list.state.filter?.status?.[0] ?? '';

  return (
    <section className="uak-demo-list" data-slot="plain-user-list">
      <h2 id={`${searchId}-title`}>{t('users.title')}</h2>
      {settings.data?.sso.enforced ? (
        <p role="note" data-slot="sso-note">
          {t('settings.ssoEnforced', { provider: settings.data.sso.providerName ?? t('common.unknown') })}
        </p>
      ) : null}
      <div className="uak-demo-toolbar">
        <label htmlFor={searchId}>{t('common.search')}</label>
        <input id={searchId} type="search" value={searchInput} onChange={(e) => setSearchInput(e.target.value)} />
        <label htmlFor={statusId}>{t('users.columns.status')}</label>
        <select
          id={statusId}
          value={status}
          onChange={(e) => {
            const value = e.target.value as UserStatus | '';
            list.setFilter({ ...list.state.filter, status: value ? [value] : undefined });
          }}
        >
          <option value="">{t('common.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>{t(`status.${s}`)}</option>
          ))}
        </select>
      </div>

      {list.error ? (
        <div role="alert" data-slot="error">
          <p>{translateError(t, list.error)}</p>
          <button type="button" onClick={() => void list.refetch()}>{t('common.retry')}</button>
        </div>
      ) : list.isLoading ? (
        <p role="status">{t('common.loading')}</p>
      ) : list.total === 0 ? (
        <p role="status">{t('users.empty')}</p>
      ) : (
        <>
          {/* Scrolls sideways on narrow screens; focusable so keyboard users can scroll it too. */}
          <div className="uak-table-scroll" role="region" aria-labelledby={`${searchId}-title`} tabIndex={0}>
          <table aria-busy={list.isFetching} data-slot="user-table">
            <caption>{t('users.count', { count: list.total, formatted: format.number(list.total) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.columns.name')}</th>
                <th scope="col">{t('users.columns.email')}</th>
                <th scope="col">{t('users.columns.role')}</th>
                <th scope="col">{t('users.columns.entities')}</th>
                <th scope="col">{t('users.columns.status')}</th>
                <th scope="col">{t('users.columns.lastSignIn')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((user) => (
                <tr key={user.id} data-slot="user-row" data-state={user.status}>
                  <th scope="row">
                    {user.firstName} {user.lastName}
                    {user.scope === 'group' ? <span className="uak-badge"> {t('users.groupBadge')}</span> : null}
                    {user.source === 'sso' ? <span className="uak-badge"> {t('users.ssoBadge')}</span> : null}
                  </th>
                  <td>{user.email}</td>
                  <td>{user.kind === 'contact' ? t('kind.contact') : roleName(user.roleId)}</td>
                  <td>{format.number(user.entityIds.length)}</td>
                  <td>
                    {t(`status.${user.status}`)}
                    {user.status === 'invited' && user.invitation ? (
                      <span className="uak-muted">
                        {' · '}
                        {user.invitation.status === 'expired'
                          ? t('time.expired')
                          : t('time.expiresIn', { relative: format.relativeTime(user.invitation.expiresAt) })}
                      </span>
                    ) : null}
                  </td>
                  <td>{user.lastSignInAt ? format.date(user.lastSignInAt) : t('time.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <nav className="uak-demo-pager" aria-label={t('common.pagination')}>
            <button type="button" onClick={() => list.setPageIndex(list.state.pageIndex - 1)} disabled={list.state.pageIndex === 0}>
              {t('common.previousPage')}
            </button>
            <span>{t('common.pageOf', { page: format.number(list.state.pageIndex + 1), pageCount: format.number(Math.max(list.pageCount, 1)) })}</span>
            <button type="button" onClick={() => list.setPageIndex(list.state.pageIndex + 1)} disabled={list.state.pageIndex + 1 >= list.pageCount}>
              {t('common.nextPage')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
