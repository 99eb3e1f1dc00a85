import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { Invitation, User, UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { refetchIfOutcomeUnknown, writeResentInvitations } from '../query/cache/users';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';

/** The user whose pending invitation (or registration request) is sent again. */
export type ResendUserInvitationVariables = Pick<User, 'id' | 'invitation'>;

/**
 * Sends a user's pending invitation again (`user.invitation.id`). On success the user's invitation
 * summary gets its new dates in every cache, and so does the invitation in the invitation lists;
 * the user's detail and the users lists are refetched (the user's `version` moved with it).
 * Throws (as an `unknown` error) when the user has no invitation.
 *
 * @example
 * const resend = useResendUserInvitation();
 * {user.invitation && <button onClick={() => resend.mutate(user)} />}
 */
export function useResendUserInvitation(options: UserAdminMutationOptions<Invitation, ResendUserInvitationVariables> = {}) {
  const { adapter } = useUserAdminContext('useResendUserInvitation');
  const queryClient = useQueryClient();
  return useMutation(resendUserInvitationMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useResendUserInvitation}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, resendUserInvitationMutationOptions(adapter, queryClient)).mutate(user);
 */
export function resendUserInvitationMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<Invitation, ResendUserInvitationVariables> = {},
) {
  return mutationOptions<Invitation, UserAdminError, ResendUserInvitationVariables>({
    mutationFn: (user) =>
      callAdapter(() => {
        if (!user.invitation) throw new Error(`User ${user.id} has no pending invitation to resend.`);
        return adapter.resendInvitation({ id: user.invitation.id });
      }),
    onSuccess: (invitation, user) => {
      writeResentInvitations(queryClient, [{ ...invitation, userId: invitation.userId || user.id }]);
      options.onSuccess?.(invitation, user);
    },
    onError: (error, user) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, user);
    },
    onSettled: (invitation, error, user) => options.onSettled?.(invitation, error, user),
  });
}
