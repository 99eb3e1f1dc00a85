import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserAdminError } from '../../contract/errors';
import type { Invitation, User, UserAdminAdapter } from '../../contract/types';
import { bulkRevokeInvitationsMutationOptions } from '../../invitations/useInvitationMutations';
import { setUserStatusMutationOptions } from '../../users/useSetUserStatus';
import { bulkSetUserStatusMutationOptions } from '../../users/useBulkUserActions';
import { userAdminKeys } from '../keys';
import { writeUser } from './users';
import { invitationsListQueryOptions, usersListQueryOptions } from '../options';

/**
 * A write whose outcome is unknown (the response was lost, an unexpected server error) may have
 * been applied: the lists are refetched rather than rolled back to a guess. Run without React,
 * through the mutation options factories and a real QueryClient.
 */

type Failure = 'network' | 'unknown' | 'validation';

/** A users backend of one record whose setUserStatus applies the change (unless refused) and then fails as told. */
function fakeUsers(failure: Failure) {
  const record = { id: 'u1', status: 'active' } as unknown as User;
  const listUsers = vi.fn(async () => ({ items: [{ ...record }], total: 1 }));
  const setUserStatus = vi.fn(async ({ status }: { id: string; status: User['status'] }): Promise<User> => {
    if (failure === 'validation') throw new UserAdminError('validation', 'refused, nothing applied');
    record.status = status;
    // The backend applied the write, then the response was lost / the server blew up.
    if (failure === 'network') throw new UserAdminError('network', 'connection reset');
    throw new Error('500 Internal Server Error');
  });
  const adapter = { listUsers, setUserStatus } as unknown as UserAdminAdapter;
  return { adapter, listUsers, record };
}

const clients: QueryClient[] = [];
const unsubscribers: (() => void)[] = [];

afterEach(() => {
  for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  for (const client of clients.splice(0)) client.clear();
});

function createClient(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  clients.push(client);
  return client;
}

async function idle(queryClient: QueryClient): Promise<void> {
  await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0));
}

/** Subscribes an observer to the first users page, as a mounted list would, and waits for its data. */
async function observeUsers(queryClient: QueryClient, adapter: UserAdminAdapter) {
  const observer = new QueryObserver(queryClient, usersListQueryOptions(adapter, { pageIndex: 0, pageSize: 25 }));
  unsubscribers.push(observer.subscribe(() => {}));
  await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
  await idle(queryClient);
  return observer;
}

describe('a failed write whose outcome is unknown', () => {
  it.each([
    ['network', 'network'],
    ['unknown', 'unknown'],
  ] as const)('(%s) refetches the lists, which show what the backend applied', async (failure, code) => {
    const queryClient = createClient();
    const { adapter, listUsers, record } = fakeUsers(failure);
    const list = await observeUsers(queryClient, adapter);
    expect(list.getCurrentResult().data?.items[0]?.status).toBe('active');
    const callsBefore = listUsers.mock.calls.length;

    const mutation = new MutationObserver(queryClient, setUserStatusMutationOptions(adapter, queryClient));
    await expect(mutation.mutate({ id: 'u1', status: 'deactivated' })).rejects.toMatchObject({ code });
    await idle(queryClient);

    expect(record.status).toBe('deactivated');
    expect(listUsers.mock.calls.length).toBeGreaterThan(callsBefore);
    // Not the optimistic row put back as if nothing changed: the backend's row.
    expect(list.getCurrentResult().data?.items[0]?.status).toBe('deactivated');
  });

  it('a validation refusal (nothing applied) rolls the row back without refetching', async () => {
    const queryClient = createClient();
    const { adapter, listUsers } = fakeUsers('validation');
    const list = await observeUsers(queryClient, adapter);
    const callsBefore = listUsers.mock.calls.length;

    const mutation = new MutationObserver(queryClient, setUserStatusMutationOptions(adapter, queryClient));
    await expect(mutation.mutate({ id: 'u1', status: 'deactivated' })).rejects.toMatchObject({ code: 'validation' });
    await idle(queryClient);

    expect(listUsers.mock.calls.length).toBe(callsBefore);
    expect(list.getCurrentResult().data?.items[0]?.status).toBe('active');
  });

  it('in a bulk invitation action, an item lost to the network refetches the invitation lists', async () => {
    const queryClient = createClient();
    const invitation = (id: string) => ({ id, userId: `user-${id}`, kind: 'invitation', status: 'pending' }) as unknown as Invitation;
    let pending = [invitation('i1'), invitation('i2')];
    const listInvitations = vi.fn(async () => ({ items: [...pending], total: pending.length }));
    const revokeInvitation = vi.fn(async ({ id }: { id: string }) => {
      pending = pending.filter((item) => item.id !== id);
      // i2 is revoked on the backend, but its response never arrives.
      if (id === 'i2') throw new UserAdminError('network', 'connection reset');
    });
    const adapter = { listInvitations, revokeInvitation } as unknown as UserAdminAdapter;
    const list = new QueryObserver(queryClient, invitationsListQueryOptions(adapter, { pageIndex: 0, pageSize: 25 }));
    unsubscribers.push(list.subscribe(() => {}));
    await vi.waitFor(() => expect(list.getCurrentResult().isSuccess).toBe(true));
    const callsBefore = listInvitations.mock.calls.length;

    const mutation = new MutationObserver(queryClient, bulkRevokeInvitationsMutationOptions(adapter, queryClient));
    const { results } = await mutation.mutate({ ids: ['i1', 'i2'] });
    expect(results.map((result) => result.ok)).toEqual([true, false]);
    await idle(queryClient);

    expect(listInvitations.mock.calls.length).toBeGreaterThan(callsBefore);
    expect(list.getCurrentResult().data?.items).toEqual([]);
  });
});

describe('cache writes and refreshes that were due', () => {
  it('a bulk status change whose items come back without their user refetches the lists (the rows would keep an old version)', async () => {
    const queryClient = createClient();
    const record = { id: 'u1', status: 'active', version: '1' } as unknown as User;
    const listUsers = vi.fn(async () => ({ items: [{ ...record }], total: 1 }));
    const setUsersStatus = vi.fn(async ({ ids, status }: { ids: string[]; status: User['status'] }) => {
      record.status = status;
      record.version = '2';
      return { results: ids.map((id) => ({ id, ok: true as const })) };
    });
    const adapter = { listUsers, setUsersStatus } as unknown as UserAdminAdapter;
    const list = await observeUsers(queryClient, adapter);

    await new MutationObserver(queryClient, bulkSetUserStatusMutationOptions(adapter, queryClient)).mutate({ ids: ['u1'], status: 'deactivated' });
    await idle(queryClient);

    expect(list.getCurrentResult().data?.items[0]).toMatchObject({ status: 'deactivated', version: '2' });
  });

  it('an in-place write keeps an invalidated list invalidated, so paging back to it refetches the rows it lacks', async () => {
    // Fresh for 30 s, as the library's own client: only an invalidated page refetches when shown again.
    const queryClient = createClient();
    queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 30_000 } });
    const rows = [{ id: 'u1', status: 'active' } as unknown as User];
    const adapter = { listUsers: vi.fn(async () => ({ items: rows.map((r) => ({ ...r })), total: rows.length })) } as unknown as UserAdminAdapter;
    const list = await observeUsers(queryClient, adapter);
    // Someone is invited: the lists are invalidated, and the admin has paged away meanwhile (no refetch).
    list.setOptions(usersListQueryOptions(adapter, { pageIndex: 1, pageSize: 25 }));
    await idle(queryClient);
    rows.push({ id: 'u2', status: 'invited' } as unknown as User);
    await queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
    // A row of the page they left is written in place (another action's result).
    writeUser(queryClient, 'u1', (user) => ({ ...user, status: 'deactivated' }));
    rows[0]!.status = 'deactivated';

    list.setOptions(usersListQueryOptions(adapter, { pageIndex: 0, pageSize: 25 }));
    await vi.waitFor(() => expect(list.getCurrentResult().data?.items.map((u) => u.id)).toEqual(['u1', 'u2']));
  });
});
