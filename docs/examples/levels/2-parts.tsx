import { UserList, UserListBase, useUserListContext } from 'user-admin-kit';

function SeatsLeft({ seats }: { seats: number }) {
  const { users } = useUserListContext();
  return <p role="note">{seats - users.list.total} seats left on your plan</p>;
}

export function UsersWithSeats({ seats }: { seats: number }) {
  return (
    <UserListBase defaultState={{ pageSize: 25 }}>
      <UserList.Root>
        <UserList.Views />
        <UserList.Panel>
          <UserList.Toolbar />
          <SeatsLeft seats={seats} />
          <UserList.Content />
        </UserList.Panel>
        <UserList.RowConfirm />
      </UserList.Root>
    </UserListBase>
  );
}
