import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { invalidateCounts, refetchIfOutcomeUnknown, refetchStaleUser, removeUsers } from '../query/cache/users';

export interface RemoveUserVariables {
  id: string;
  /** The `version` of the user as the caller read it; the backend refuses a stale write (`conflict`/`stale`). Defaults to none. */
  expectedVersion?: string;
}

/**
 * Removes one user for good. On success the row leaves every cached list page (whose total drops
 * by one), its detail cache is dropped, and counts and invitation lists are refetched. On failure
 * the lists are untouched, except after a `stale` refusal (`expectedVersion` no longer current),
 * which refetches the user, the lists and the counts, and after a failure whose outcome is unknown
 * (`network`, `unknown`, `partially_applied`: the user may be gone), which refetches the lists.
 *
 * @example
 * const remove = useRemoveUser({ onSuccess: () => close() });
 * remove.mutate({ id: user.id });
 * remove.error?.reason === 'last_admin';
 */
export function useRemoveUser(options: UserAdminMutationOptions<void, RemoveUserVariables> = {}) {
  const { adapter } = useUserAdminContext('useRemoveUser');
  const queryClient = useQueryClient();
  return useMutation(removeUserMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useRemoveUser}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, removeUserMutationOptions(adapter, queryClient)).mutate({ id: user.id });
 */
export function removeUserMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<void, RemoveUserVariables> = {},
) {
  return mutationOptions<void, UserAdminError, RemoveUserVariables>({
    mutationFn: ({ id, expectedVersion }) =>
      callAdapter(() => adapter.removeUser({ id, ...(expectedVersion !== undefined ? { expectedVersion } : {}) })),
    onSuccess: (data, variables) => {
      removeUsers(queryClient, [variables.id]);
      void invalidateCounts(queryClient);
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.lists() });
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      // Someone else changed the user: the row and the lists are refetched to show what is there now.
      if (error.reason === 'stale') refetchStaleUser(queryClient, variables.id);
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}
