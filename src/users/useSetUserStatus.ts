import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { User, UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { invalidateCounts, refetchIfOutcomeUnknown, refetchStaleUser, restoreUser, resumeCancelled, snapshotUser, writeUser, type UserSnapshot } from '../query/cache/users';

export interface SetUserStatusVariables {
  id: string;
  status: 'active' | 'deactivated';
  /** The `version` of the user as the caller read it; the backend refuses a stale write (`conflict`/`stale`). Defaults to none. */
  expectedVersion?: string;
}

/**
 * Activates or deactivates one user, optimistically: the row shows its new status in every cached
 * list page and in the detail at once; on failure exactly that row goes back to what each cache
 * held; on success it becomes the server's user. Then only the counts are refetched, never the
 * lists (a single-row action updates that row; a row that no longer matches a status filter stays
 * until the list is next refetched). A `stale` refusal (`expectedVersion` no longer current) refetches
 * the user, the lists and the counts; a failure whose outcome is unknown (`network`, `unknown`,
 * `partially_applied`: the write may have been applied) refetches the lists.
 *
 * @example
 * const setStatus = useSetUserStatus({ onError: (error) => toast(t(`errors.${error.code}`)) });
 * <button onClick={() => setStatus.mutate({ id: user.id, status: 'deactivated' })} />
 */
export function useSetUserStatus(options: UserAdminMutationOptions<User, SetUserStatusVariables> = {}) {
  const { adapter } = useUserAdminContext('useSetUserStatus');
  const queryClient = useQueryClient();
  return useMutation(setUserStatusMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useSetUserStatus}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, setUserStatusMutationOptions(adapter, queryClient)).mutate({ id, status: 'active' });
 */
export function setUserStatusMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<User, SetUserStatusVariables> = {},
) {
  return mutationOptions<User, UserAdminError, SetUserStatusVariables, UserSnapshot>({
    mutationFn: ({ id, status, expectedVersion }) =>
      callAdapter(() => adapter.setUserStatus({ id, status, ...(expectedVersion !== undefined ? { expectedVersion } : {}) })),
    onMutate: async ({ id, status }) => {
      const snapshot = await snapshotUser(queryClient, id);
      writeUser(queryClient, id, (user) => ({ ...user, status }));
      return snapshot;
    },
    onError: (error, variables, snapshot) => {
      if (snapshot) restoreUser(queryClient, snapshot);
      // Someone else changed the user: the row and the lists are refetched to show what is there now.
      if (error.reason === 'stale') refetchStaleUser(queryClient, variables.id);
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSuccess: (user, variables) => {
      writeUser(queryClient, variables.id, () => user);
      options.onSuccess?.(user, variables);
    },
    onSettled: (user, error, variables, snapshot) => {
      if (snapshot) resumeCancelled(queryClient, snapshot);
      void invalidateCounts(queryClient);
      options.onSettled?.(user, error, variables);
    },
  });
}
