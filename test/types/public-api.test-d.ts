/**
 * Type tests of the public generics, through the public entries (tsconfig `paths`): the query
 * options carry their data type to `getQueryData` and `useQuery`, the mutation options their
 * variables, columns accept built-in ids and custom columns only, and every controlled prop
 * accepts `undefined` (uncontrolled). Checked by `npm run typecheck` (tsc, tsconfig.json includes
 * test/): a wrong type here fails the typecheck. No test runs them: `expectTypeOf` is a no-op at run time.
 */
import { expectTypeOf } from 'vitest';
import { QueryClient, useMutation, useQuery, useSuspenseQuery, type QueryKey } from '@tanstack/react-query';
import {
  createUserMutationOptions,
  entitiesQueryOptions,
  setUserStatusMutationOptions,
  userAdminKeys,
  userCountsQueryOptions,
  userQueryOptions,
  usersListQueryOptions,
  type CreateUserInput,
  type CreateUserResult,
  type Entity,
  type ListStateOptions,
  type Page,
  type SetUserStatusVariables,
  type User,
  type UserAdminAdapter,
  type UserAdminError,
  type UserCounts,
  type UserListColumn,
  type UserListState,
  type ListSelection,
  type UseUserListOptions,
  type UseUserTableOptions,
  type UsePendingInvitationsOptions,
} from 'user-admin-kit/headless';
import type { InviteDialogProps, PendingInvitationsProps, UserEditorDialogProps, UserListProps } from 'user-admin-kit';

declare const adapter: UserAdminAdapter;
declare const queryClient: QueryClient;

// ── Query options: the data type reaches the cache and the hooks ──────────────────────────────

const list = usersListQueryOptions(adapter, { pageIndex: 0, pageSize: 25 });
expectTypeOf(queryClient.getQueryData(list.queryKey)).toEqualTypeOf<Page<User> | undefined>();
expectTypeOf(list.queryKey).toExtend<QueryKey>();

const one = userQueryOptions(adapter, 'u1');
expectTypeOf(queryClient.getQueryData(one.queryKey)).toEqualTypeOf<User | undefined>();

const counts = userCountsQueryOptions(adapter, {});
expectTypeOf(queryClient.getQueryData(counts.queryKey)).toEqualTypeOf<UserCounts | undefined>();

// useQuery / useSuspenseQuery infer data and error from the options, and a `select` narrows the data.
function Reads() {
  const users = useQuery(list);
  expectTypeOf(users.data).toEqualTypeOf<Page<User> | undefined>();
  expectTypeOf(users.error).toEqualTypeOf<UserAdminError | null>();
  const total = useQuery({ ...list, select: (page) => page.total });
  expectTypeOf(total.data).toEqualTypeOf<number | undefined>();
  const user = useSuspenseQuery(one);
  expectTypeOf(user.data).toEqualTypeOf<User>();
  return null;
}
void Reads;

// The entities list is infinite: its key is the key factory's.
const entities = entitiesQueryOptions(adapter, { parentId: null, pageSize: 50 });
expectTypeOf(entities.queryKey).toExtend<ReturnType<typeof userAdminKeys.entities.list>>();
expectTypeOf(queryClient.getQueryData(entities.queryKey)?.pages).toEqualTypeOf<Page<Entity>[] | undefined>();

// Key factories are literal tuples.
expectTypeOf(userAdminKeys.users.detail('u1')).toEqualTypeOf<readonly ['user-admin', 'users', 'detail', string]>();

// ── Mutation options: variables, result and error ───────────────────────────────────────────

function Writes() {
  const create = useMutation(createUserMutationOptions(adapter, queryClient));
  expectTypeOf(create.mutateAsync).parameter(0).toEqualTypeOf<CreateUserInput>();
  expectTypeOf(create.data).toEqualTypeOf<CreateUserResult | undefined>();
  expectTypeOf(create.error).toEqualTypeOf<UserAdminError | null>();
  const status = useMutation(setUserStatusMutationOptions(adapter, queryClient));
  expectTypeOf(status.mutate).parameter(0).toEqualTypeOf<SetUserStatusVariables>();
  expectTypeOf(status.data).toEqualTypeOf<User | undefined>();
  return null;
}
void Writes;

// The callbacks a host passes see the same types.
createUserMutationOptions(adapter, queryClient, {
  onSuccess: (result, input) => {
    expectTypeOf(result).toEqualTypeOf<CreateUserResult>();
    expectTypeOf(input).toEqualTypeOf<CreateUserInput>();
  },
});

// ── Columns: built-in ids and custom columns, nothing else ──────────────────────────────────

const columns: UserListColumn[] = [
  'name',
  'status',
  { id: 'team', header: 'Team', cell: (user) => user.entityIds.length },
];
void columns;
// @ts-expect-error: not a built-in column id
const unknownColumn: UserListColumn = 'no-such-column';
void unknownColumn;
// @ts-expect-error: a custom column renders a cell
const noCell: UserListColumn = { id: 'team', header: 'Team' };
void noCell;
expectTypeOf<Extract<UserListColumn, object>['cell']>().parameter(0).toEqualTypeOf<User>();

// ── Controlled props accept undefined (uncontrolled), and their change handlers the full value ──

expectTypeOf<undefined>().toExtend<UseUserTableOptions['selection']>();
expectTypeOf<undefined>().toExtend<UseUserTableOptions['columnVisibility']>();
expectTypeOf<undefined>().toExtend<UseUserTableOptions['columnOrder']>();
expectTypeOf<undefined>().toExtend<UseUserListOptions['state']>();
expectTypeOf<undefined>().toExtend<UsePendingInvitationsOptions['selection']>();
expectTypeOf<undefined>().toExtend<UserListProps['selection']>();
expectTypeOf<undefined>().toExtend<PendingInvitationsProps['selection']>();
expectTypeOf<undefined>().toExtend<InviteDialogProps['open']>();
expectTypeOf<undefined>().toExtend<UserEditorDialogProps['open']>();

expectTypeOf<NonNullable<UseUserTableOptions['onSelectionChange']>>().parameter(0).toEqualTypeOf<ListSelection>();
expectTypeOf<NonNullable<UseUserListOptions['onStateChange']>>().parameter(0).toEqualTypeOf<UserListState>();
// Controlled list state is partial: a host controls only the parts it names.
expectTypeOf<UseUserListOptions['state']>().toEqualTypeOf<Partial<UserListState> | undefined>();
expectTypeOf<ListStateOptions<UserListState>['defaultState']>().toEqualTypeOf<Partial<UserListState> | undefined>();
expectTypeOf<ListStateOptions<UserListState>['initialState']>().toEqualTypeOf<Partial<UserListState> | undefined>();
// One selection shape for every list.
expectTypeOf<NonNullable<UsePendingInvitationsOptions['onSelectionChange']>>().parameter(0).toEqualTypeOf<ListSelection>();

// A host passing through its own possibly-undefined value compiles.
declare const maybeSelection: ListSelection | undefined;
declare const maybeOpen: boolean | undefined;
const tableOptions: UseUserTableOptions = { selection: maybeSelection, state: undefined };
const dialogProps: InviteDialogProps = { open: maybeOpen, onOpenChange: undefined };
void tableOptions;
void dialogProps;
