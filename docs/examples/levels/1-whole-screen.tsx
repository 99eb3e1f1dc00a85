import { UserAdmin, UserAdminProvider, type UserAdminAdapter } from 'user-admin-kit';
import 'user-admin-kit/styles.css';

export function AdminPage({ adapter }: { adapter: UserAdminAdapter }) {
  return (
    <UserAdminProvider adapter={adapter} locale="fr">
      <UserAdmin />
    </UserAdminProvider>
  );
}
