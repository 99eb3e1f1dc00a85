import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserAdminError } from '../adapter/errors';
import type { Invitation, InviteUsersInput, InviteUsersResult } from '../adapter/types';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { invalidateCounts, writeUserInvitation } from '../users/cache';
import { removeInvitation, writeInvitation } from './cache';

/**
 * Invites several addresses at once. Resolves with `{ invited, skipped }`: the addresses not
 * invited come back in `skipped` with their reason (`already_member`, `disposable`, ...), which is
 * a success, not an error. On success the invitation lists, users lists and counts are refetched.
 *
 * @example
 * const invite = useInviteUsers();
 * const { invited, skipped } = await invite.mutateAsync({ emails, roleId, entityIds });
 */
export function useInviteUsers(options: UserAdminMutationOptions<InviteUsersResult, InviteUsersInput> = {}) {
  const { adapter } = useUserAdminContext('useInviteUsers');
  const queryClient = useQueryClient();
  return useMutation<InviteUsersResult, UserAdminError, InviteUsersInput>({
    mutationFn: (input) => callAdapter(() => adapter.inviteUsers({ input })),
    onSuccess: (result, input) => {
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.lists() });
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
      void invalidateCounts(queryClient);
      options.onSuccess?.(result, input);
    },
    onError: (error, input) => options.onError?.(error, input),
    onSettled: (result, error, input) => options.onSettled?.(result, error, input),
  });
}

export interface InvitationIdVariables {
  id: string;
}

/**
 * Sends an invitation again with a new validity. On success the invitation gets its new
 * `expiresAt` in every cached invitations page, and its user's invitation summary in the users
 * caches; nothing is refetched.
 *
 * @example
 * const resend = useResendInvitation();
 * resend.mutate({ id: invitation.id });
 */
export function useResendInvitation(options: UserAdminMutationOptions<Invitation, InvitationIdVariables> = {}) {
  const { adapter } = useUserAdminContext('useResendInvitation');
  const queryClient = useQueryClient();
  return useMutation<Invitation, UserAdminError, InvitationIdVariables>({
    mutationFn: ({ id }) => callAdapter(() => adapter.resendInvitation({ id })),
    onSuccess: (invitation, variables) => {
      writeInvitation(queryClient, invitation);
      writeUserInvitation(queryClient, invitation);
      options.onSuccess?.(invitation, variables);
    },
    onError: (error, variables) => options.onError?.(error, variables),
    onSettled: (invitation, error, variables) => options.onSettled?.(invitation, error, variables),
  });
}

/**
 * Cancels an invitation. On success it leaves every cached invitations page (whose total drops by
 * one); since the invited user is removed with it, the users lists and counts are refetched and
 * that user's detail cache is dropped (for a registration request, the user stays and its detail
 * is refetched).
 *
 * @example
 * const revoke = useRevokeInvitation();
 * revoke.mutate({ id: invitation.id });
 */
export function useRevokeInvitation(options: UserAdminMutationOptions<void, InvitationIdVariables> = {}) {
  const { adapter } = useUserAdminContext('useRevokeInvitation');
  const queryClient = useQueryClient();
  return useMutation<void, UserAdminError, InvitationIdVariables>({
    mutationFn: ({ id }) => callAdapter(() => adapter.revokeInvitation({ id })),
    onSuccess: (data, variables) => {
      const removed = removeInvitation(queryClient, variables.id);
      if (removed?.kind === 'invitation') {
        queryClient.removeQueries({ queryKey: userAdminKeys.users.detail(removed.userId), exact: true });
      } else if (removed) {
        // A cancelled registration request leaves the user, whose pending email is now gone.
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.detail(removed.userId), exact: true });
      }
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
      void invalidateCounts(queryClient);
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => options.onError?.(error, variables),
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}
