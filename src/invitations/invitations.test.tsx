import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DAY_MS, ROLE_IDS, ROOT_ENTITY_ID, createMemoryAdapter, createMockStore } from '../../mocks';
import { createWrapper, spyOnAdapter } from '../../test/utils/test-adapter';
import { useUserList } from '../users/useUserList';
import { useInvitationList } from './useInvitationList';
import { useInviteUsers, useResendInvitation, useRevokeInvitation } from './useInvitationMutations';

function setup() {
  const store = createMockStore({ userCount: 60 });
  const adapter = spyOnAdapter(createMemoryAdapter(store));
  return { store, adapter, wrapper: createWrapper(adapter) };
}

describe('useInvitationList', () => {
  it('given page 2, filtering by status goes back to page 1 and returns only invitations with that status', async () => {
    const { store, wrapper } = setup();
    store.clock.advance(30 * DAY_MS);
    const { result } = renderHook(() => useInvitationList({ defaultState: { pageSize: 2, pageIndex: 1 } }), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));

    act(() => result.current.setStatus('expired'));
    expect(result.current.state).toMatchObject({ pageIndex: 0, status: 'expired' });
    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false));
    expect(result.current.items.length).toBeGreaterThan(0);
    expect(result.current.items.every((invitation) => invitation.status === 'expired')).toBe(true);
  });
});

describe('useInviteUsers', () => {
  it('given a new address and an existing member, resolves with one invited and one skipped, then refetches the invitation and users lists', async () => {
    const { store, adapter, wrapper } = setup();
    const member = store.listUsers({ pageIndex: 0, pageSize: 1, filter: { status: ['active'], kind: 'login' } }).items[0]!;
    const { result } = renderHook(() => ({ invitations: useInvitationList(), users: useUserList(), invite: useInviteUsers() }), { wrapper });
    await waitFor(() => expect(result.current.invitations.isLoading || result.current.users.isLoading).toBe(false));
    const invitationsTotal = result.current.invitations.total;
    const invitationCalls = adapter.listInvitations.mock.calls.length;
    const userCalls = adapter.listUsers.mock.calls.length;

    const outcome = await act(() =>
      result.current.invite.mutateAsync({ emails: ['new.person@example.com', member.email], roleId: ROLE_IDS.user, entityIds: [ROOT_ENTITY_ID] }),
    );
    expect(outcome.invited.map((invitation) => invitation.email)).toEqual(['new.person@example.com']);
    expect(outcome.skipped).toEqual([{ email: member.email, reason: 'already_member' }]);
    await waitFor(() => expect(result.current.invitations.total).toBe(invitationsTotal + 1));
    expect(adapter.listInvitations.mock.calls.length).toBe(invitationCalls + 1);
    await waitFor(() => expect(adapter.listUsers.mock.calls.length).toBe(userCalls + 1));
  });
});

describe('useResendInvitation', () => {
  it('puts the new expiry into the cached invitation without refetching the list', async () => {
    const { store, adapter, wrapper } = setup();
    const { result } = renderHook(() => ({ list: useInvitationList(), resend: useResendInvitation() }), { wrapper });
    await waitFor(() => expect(result.current.list.items.length).toBeGreaterThan(0));
    const target = result.current.list.items[0]!;
    const calls = adapter.listInvitations.mock.calls.length;
    store.clock.advance(DAY_MS);

    const resent = await act(() => result.current.resend.mutateAsync({ id: target.id }));
    expect(resent.expiresAt).not.toBe(target.expiresAt);
    await waitFor(() => expect(result.current.list.items.find((i) => i.id === target.id)?.expiresAt).toBe(resent.expiresAt));
    expect(adapter.listInvitations.mock.calls.length).toBe(calls);
  });
});

describe('useRevokeInvitation', () => {
  it('removes the invitation from the cached list and refetches the users list, where the invited user is gone', async () => {
    const { adapter, wrapper } = setup();
    const { result } = renderHook(
      () => ({ list: useInvitationList(), users: useUserList({ defaultState: { pageSize: 100 } }), revoke: useRevokeInvitation() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.items.some((i) => i.kind === 'invitation')).toBe(true));
    await waitFor(() => expect(result.current.users.isLoading).toBe(false));
    const target = result.current.list.items.find((i) => i.kind === 'invitation')!;
    expect(result.current.users.items.some((u) => u.id === target.userId)).toBe(true);
    const total = result.current.list.total;
    const invitationCalls = adapter.listInvitations.mock.calls.length;

    await act(() => result.current.revoke.mutateAsync({ id: target.id }));
    await waitFor(() => expect(result.current.list.items.some((i) => i.id === target.id)).toBe(false));
    expect(result.current.list.total).toBe(total - 1);
    expect(adapter.listInvitations.mock.calls.length).toBe(invitationCalls);
    await waitFor(() => expect(result.current.users.items.some((u) => u.id === target.userId)).toBe(false));
  });
});
