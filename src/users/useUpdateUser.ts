import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { UpdateUserResult, UserAdminAdapter, UserPatch } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { invalidateCounts, refetchIfOutcomeUnknown, refetchStaleUser, writeUser } from '../query/cache/users';

export interface UpdateUserVariables {
  id: string;
  patch: UserPatch;
  /** The `version` of the user as the caller read it; the backend refuses a stale write (`conflict`/`stale`). Defaults to none. */
  expectedVersion?: string;
}

/**
 * Patch fields that the list's search, sort, filter or counts read. Changing one of them may move
 * the user to another page or out of a filter, so the lists and counts are refetched; any other
 * field (phone, permissions, admin scope) only updates the row in place.
 * @example
 * const movesRow = Object.keys(patch).some((k) => LIST_RELEVANT_USER_FIELDS.includes(k as keyof UserPatch));
 */
export const LIST_RELEVANT_USER_FIELDS: readonly (keyof UserPatch)[] = [
  'firstName', 'lastName', 'email', 'username', 'roleId', 'scope', 'entityIds',
];

/** Patch fields a pending invitation also holds: changing them changes the invitation. */
const INVITATION_USER_FIELDS: readonly (keyof UserPatch)[] = ['email', 'roleId', 'entityIds', 'subtreeEntityIds', 'permissions'];

/**
 * Updates a user. On success the server's user replaces the row in every cached list page and the
 * detail cache. When the patch touches a field the list searches, sorts or filters by
 * ({@link LIST_RELEVANT_USER_FIELDS}), the lists and counts are refetched too. An email change of
 * a login user (`emailChange: 'registration_request_sent'`), or a change of the role, entities or
 * permissions of a user with a pending invitation (which holds them), refetches the invitation
 * lists. A `stale` refusal (`expectedVersion` no longer current) refetches the user and the lists.
 *
 * @example
 * const update = useUpdateUser();
 * update.mutate({ id: user.id, patch: { phone: '+33 6 12 34 56 78' } });
 */
export function useUpdateUser(options: UserAdminMutationOptions<UpdateUserResult, UpdateUserVariables> = {}) {
  const { adapter } = useUserAdminContext('useUpdateUser');
  const queryClient = useQueryClient();
  return useMutation(updateUserMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useUpdateUser}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, updateUserMutationOptions(adapter, queryClient)).mutate({ id, patch: { phone } });
 */
export function updateUserMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<UpdateUserResult, UpdateUserVariables> = {},
) {
  return mutationOptions<UpdateUserResult, UserAdminError, UpdateUserVariables>({
    mutationFn: ({ id, patch, expectedVersion }) =>
      callAdapter(() => adapter.updateUser({ id, patch, ...(expectedVersion !== undefined ? { expectedVersion } : {}) })),
    onSuccess: (result, variables) => {
      writeUser(queryClient, variables.id, () => result.user);
      if (LIST_RELEVANT_USER_FIELDS.some((field) => field in variables.patch)) {
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
        void invalidateCounts(queryClient);
      }
      // An email change sends a registration request; a pending invitation holds the role, entities
      // and permissions it grants, so changing those changes it (a backend may even issue a new one).
      const invitationChanges =
        result.emailChange === 'registration_request_sent' ||
        (result.user.invitation !== null && INVITATION_USER_FIELDS.some((field) => field in variables.patch));
      if (invitationChanges) void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.lists() });
      options.onSuccess?.(result, variables);
    },
    onError: (error, variables) => {
      // Someone else changed the user: what the caches hold is out of date.
      if (error.reason === 'stale') refetchStaleUser(queryClient, variables.id);
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (result, error, variables) => options.onSettled?.(result, error, variables),
  });
}
