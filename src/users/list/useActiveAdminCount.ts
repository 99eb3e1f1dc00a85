import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { UserAdminError } from '../../adapter/errors';
import type { Role } from '../../adapter/types';
import { useUserAdminContext } from '../../provider/context';
import { userCountsQueryOptions, userCountViewQueryOptions } from '../../query/options';

export interface UseActiveAdminCountResult {
  /** Active login users holding an admin role; `undefined` until known (or with no admin role). */
  count: number | undefined;
  isLoading: boolean;
  error: UserAdminError | null;
}

/**
 * How many active users hold an admin role, to know who is the last admin. Asks the counts of
 * the admin roles (`getUserCounts({ filter: { roleIds } }).active`, or `listUsers` with
 * `pageSize: 1` without it). Its key is under the counts prefix, so every status change, removal
 * and role change refreshes it with the other counts.
 *
 * @example
 * const { data: roles } = useRoles();
 * const { count } = useActiveAdminCount(roles);
 * const isLast = count === 1 && isActiveAdmin(user, rolesById);
 */
export function useActiveAdminCount(roles: readonly Role[] | undefined): UseActiveAdminCountResult {
  const { adapter, capabilities } = useUserAdminContext('useActiveAdminCount');
  const roleIds = useMemo(() => (roles ?? []).filter((role) => role.isAdmin).map((role) => role.id).sort(), [roles]);
  const params = { filter: { roleIds } };
  const enabled = roleIds.length > 0;
  const direct = useQuery({
    ...userCountsQueryOptions(adapter, params),
    enabled: enabled && capabilities.userCounts,
    select: (counts) => counts.active,
  });
  const fallback = useQuery({
    ...userCountViewQueryOptions(adapter, params, 'active'),
    enabled: enabled && !capabilities.userCounts,
  });
  const query = capabilities.userCounts ? direct : fallback;
  return { count: enabled ? query.data : undefined, isLoading: query.isLoading, error: query.error };
}
