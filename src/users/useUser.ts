import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { Page, User } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { userAdminKeys } from '../query/keys';
import { userQueryOptions } from '../query/options';

export interface UseUserOptions {
  /** Whether to fetch. Defaults to `true` when an id is given. */
  enabled?: boolean;
}

/**
 * One user by id (`null` or `undefined` for none), as a TanStack `useQuery` result. While the
 * user loads, `data` is the row from a cached list page when there is one (`isPlaceholderData`).
 *
 * @example
 * const { data: user, error } = useUser(selectedId);
 * if (error?.code === 'not_found') return <Gone />;
 */
export function useUser(id: string | null | undefined, options: UseUserOptions = {}): UseQueryResult<User, UserAdminError> {
  const { adapter } = useUserAdminContext('useUser');
  const queryClient = useQueryClient();
  return useQuery({
    ...userQueryOptions(adapter, id ?? ''),
    enabled: (options.enabled ?? true) && !!id,
    placeholderData: () => {
      if (!id) return undefined;
      for (const [, page] of queryClient.getQueriesData<Page<User>>({ queryKey: userAdminKeys.users.lists() })) {
        const user = page?.items.find((item) => item.id === id);
        if (user) return user;
      }
      return undefined;
    },
  });
}
