import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { UserAdminError } from '../contract/errors';
import type { Role, RolePatch, UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { refetchIfOutcomeUnknown } from '../query/cache/users';

/** What {@link useUpdateRole} sends: the role and its new preset. */
export interface UpdateRoleVariables {
  id: string;
  patch: RolePatch;
}

/**
 * Changes a role's preset module access through the optional `adapter.updateRole`. On success the
 * server's role replaces it in the roles cache and the roles query is refetched. Without
 * `updateRole` (`useAdapterCapabilities().roleEditing === false`) the mutation fails with a
 * `forbidden` error and calls nothing: check the capability before offering the action.
 *
 * @example
 * const { roleEditing } = useAdapterCapabilities();
 * const update = useUpdateRole();
 * if (roleEditing) update.mutate({ id: role.id, patch: { defaultPermissions: next } });
 */
export function useUpdateRole(options: UserAdminMutationOptions<Role, UpdateRoleVariables> = {}) {
  const { adapter } = useUserAdminContext('useUpdateRole');
  const queryClient = useQueryClient();
  return useMutation(updateRoleMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useUpdateRole}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, updateRoleMutationOptions(adapter, queryClient)).mutate({ id: role.id, patch });
 */
export function updateRoleMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<Role, UpdateRoleVariables> = {},
) {
  return mutationOptions<Role, UserAdminError, UpdateRoleVariables>({
    mutationFn: ({ id, patch }) => {
      const updateRole = adapter.updateRole;
      if (!updateRole) return Promise.reject(new UserAdminError('forbidden', 'The adapter has no updateRole'));
      return callAdapter(() => updateRole.call(adapter, { id, patch }));
    },
    onSuccess: (role, variables) => {
      writeRole(queryClient, role);
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.roles() });
      options.onSuccess?.(role, variables);
    },
    onError: (error, variables) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (role, error, variables) => options.onSettled?.(role, error, variables),
  });
}

/** Internal: puts a role the server returned into the cached roles list. */
export function writeRole(queryClient: QueryClient, role: Role): void {
  queryClient.setQueryData<Role[]>(userAdminKeys.roles(), (roles) => roles?.map((r) => (r.id === role.id ? role : r)));
}
