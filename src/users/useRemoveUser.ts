import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserAdminError } from '../adapter/errors';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { invalidateCounts, refetchIfPartial, refetchStaleUser, removeUsers } from '../query/cache/users';

export interface RemoveUserVariables {
  id: string;
  /** The `version` of the user as the caller read it; the backend refuses a stale write (`conflict`/`stale`). Defaults to none. */
  expectedVersion?: string;
}

/**
 * Removes one user for good. On success the row leaves every cached list page (whose total drops
 * by one), its detail cache is dropped, and counts and invitation lists are refetched. On failure
 * the lists are untouched, except after a `stale` refusal (`expectedVersion` no longer current),
 * which refetches the user, the lists and the counts.
 *
 * @example
 * const remove = useRemoveUser({ onSuccess: () => close() });
 * remove.mutate({ id: user.id });
 * remove.error?.reason === 'last_admin';
 */
export function useRemoveUser(options: UserAdminMutationOptions<void, RemoveUserVariables> = {}) {
  const { adapter } = useUserAdminContext('useRemoveUser');
  const queryClient = useQueryClient();
  return useMutation<void, UserAdminError, RemoveUserVariables>({
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
      refetchIfPartial(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}
