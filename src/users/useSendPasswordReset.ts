import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { UserAdminError } from '../contract/errors';
import type { PasswordResetResult, User, UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { refetchIfOutcomeUnknown } from '../query/cache/users';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { userAdminKeys } from '../query/keys';
import { callAdapter } from '../query/normalize';

/** Whom {@link useSendPasswordReset} sends a password reset link. */
export type SendPasswordResetVariables = Pick<User, 'id'>;

/**
 * Sends a user a link to choose a new password through the optional `adapter.sendPasswordReset`.
 * Nothing cached changes (the user stays as they were); a refusal the screen could not foresee (the
 * user's status, or the SSO setting, changed elsewhere) reads them again. Without the method
 * (`useAdapterCapabilities().passwordReset === false`) the mutation fails with a `forbidden` error
 * and calls nothing: check the capability, and the core's `checkPasswordReset`, before offering it.
 *
 * @example
 * const { passwordReset } = useAdapterCapabilities();
 * const reset = useSendPasswordReset();
 * if (passwordReset) reset.mutate({ id: user.id }, { onSuccess: ({ sentTo }) => say(`Sent to ${sentTo}`) });
 */
export function useSendPasswordReset(options: UserAdminMutationOptions<PasswordResetResult, SendPasswordResetVariables> = {}) {
  const { adapter } = useUserAdminContext('useSendPasswordReset');
  const queryClient = useQueryClient();
  return useMutation(sendPasswordResetMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useSendPasswordReset}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, sendPasswordResetMutationOptions(adapter, queryClient)).mutate({ id: user.id });
 */
export function sendPasswordResetMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<PasswordResetResult, SendPasswordResetVariables> = {},
) {
  return mutationOptions<PasswordResetResult, UserAdminError, SendPasswordResetVariables>({
    mutationFn: ({ id }) => {
      const send = adapter.sendPasswordReset;
      if (!send) return Promise.reject(new UserAdminError('forbidden', 'The adapter has no sendPasswordReset'));
      return callAdapter(() => send.call(adapter, { id }));
    },
    onSuccess: (result, variables) => options.onSuccess?.(result, variables),
    onError: (error, variables) => {
      refetchIfOutcomeUnknown(queryClient, error);
      // The screen offered it on what it knew: the user (or SSO) changed since, so read them again.
      if (error.reason === 'password_reset_not_applicable') {
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.detail(variables.id) });
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
      }
      if (error.reason === 'sso_enforced') void queryClient.invalidateQueries({ queryKey: userAdminKeys.settings() });
      options.onError?.(error, variables);
    },
    onSettled: (result, error, variables) => options.onSettled?.(result, error, variables),
  });
}
