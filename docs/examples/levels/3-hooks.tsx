import { useUserAdminTranslation, useUserList } from 'user-admin-kit/headless';

export function PeopleTable() {
  const { t } = useUserAdminTranslation();
  const list = useUserList({ defaultState: { pageSize: 20, sort: { field: 'email', direction: 'asc' } } });
  if (list.isLoading) return <p role="status">{t('common.loading')}</p>;
  return (
    <table>
      <caption>{t('users.count', { count: list.total })}</caption>
      <tbody>
        {list.items.map((user) => (
          <tr key={user.id}>
            <th scope="row">{user.email}</th>
            <td>{t(`status.${user.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
