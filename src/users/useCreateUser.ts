import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { CreateUserInput, CreateUserResult, UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { invalidateCounts, refetchIfOutcomeUnknown } from '../query/cache/users';

/**
 * Creates a login user (who gets an invitation) or a contact. On success the new user is put in
 * the detail cache and the lists and counts are refetched (where the new row lands depends on the
 * sort); an invitation also refetches the invitation lists. A `validation` error carries
 * `fieldErrors` for the form.
 *
 * @example
 * const create = useCreateUser({ onSuccess: ({ user }) => navigate(user.id) });
 * create.mutate({ kind: 'contact', email, firstName, lastName, entityId });
 */
export function useCreateUser(options: UserAdminMutationOptions<CreateUserResult, CreateUserInput> = {}) {
  const { adapter } = useUserAdminContext('useCreateUser');
  const queryClient = useQueryClient();
  return useMutation(createUserMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useCreateUser}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * const { user } = await new MutationObserver(queryClient, createUserMutationOptions(adapter, queryClient)).mutate(input);
 */
export function createUserMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<CreateUserResult, CreateUserInput> = {},
) {
  return mutationOptions<CreateUserResult, UserAdminError, CreateUserInput>({
    mutationFn: (input) => callAdapter(() => adapter.createUser({ input })),
    onSuccess: (result, input) => {
      queryClient.setQueryData(userAdminKeys.users.detail(result.user.id), result.user);
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
      void invalidateCounts(queryClient);
      if (result.invitation) void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.lists() });
      options.onSuccess?.(result, input);
    },
    onError: (error, input) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, input);
    },
    onSettled: (result, error, input) => options.onSettled?.(result, error, input),
  });
}
