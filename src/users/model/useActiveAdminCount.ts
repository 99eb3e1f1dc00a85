import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { UserAdminError } from '../../contract/errors';
import type { Role } from '../../contract/types';
import { useUserAdminContext } from '../../provider/context';
import { userCountsQueryOptions, userCountViewQueryOptions } from '../../query/options';

export interface UseActiveAdminCountResult {
  /** Active login users holding an admin role; `undefined` until known (or with no admin role). */
  count: number | undefined;
  isLoading: boolean;
  error: UserAdminError | null;
  /**
   * With `lazy`, starts loading the count (from then on it is kept fresh like any counts query).
   * Safe to call during render. Does nothing otherwise.
   */
  request: () => void;
  /** Loads the count now (the cached one when fresh). `undefined` with no admin role. */
  fetch: () => Promise<number | undefined>;
}

export interface UseActiveAdminCountOptions {
  /**
   * Loads the count only once `request()` (or `fetch()`) is called, not on mount: a list that
   * needs it only for a row's menu or action then makes one counts request at load, not two.
   * Defaults to `false`.
   */
  lazy?: boolean;
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
export function useActiveAdminCount(roles: readonly Role[] | undefined, options: UseActiveAdminCountOptions = {}): UseActiveAdminCountResult {
  const { adapter, capabilities } = useUserAdminContext('useActiveAdminCount');
  const queryClient = useQueryClient();
  const roleIds = useMemo(() => (roles ?? []).filter((role) => role.isAdmin).map((role) => role.id).sort(), [roles]);
  const params = useMemo(() => ({ filter: { roleIds } }), [roleIds]);
  const [wanted, setWanted] = useState(!options.lazy);
  const wantedRef = useRef(wanted);
  const request = useCallback(() => {
    if (wantedRef.current) return;
    wantedRef.current = true;
    // Never a state update during a render: `actionAvailability` calls this while menus render.
    queueMicrotask(() => setWanted(true));
  }, []);
  const enabled = roleIds.length > 0;
  const direct = useQuery({
    ...userCountsQueryOptions(adapter, params),
    enabled: enabled && wanted && capabilities.userCounts,
    select: (counts) => counts.active,
  });
  const fallback = useQuery({
    ...userCountViewQueryOptions(adapter, params, 'active'),
    enabled: enabled && wanted && !capabilities.userCounts,
  });
  const direct_ = capabilities.userCounts;
  const fetch = useCallback(async (): Promise<number | undefined> => {
    if (roleIds.length === 0) return undefined;
    request();
    return direct_
      ? (await queryClient.fetchQuery(userCountsQueryOptions(adapter, params))).active
      : queryClient.fetchQuery(userCountViewQueryOptions(adapter, params, 'active'));
  }, [adapter, direct_, params, queryClient, request, roleIds.length]);
  const query = capabilities.userCounts ? direct : fallback;
  return { count: enabled ? query.data : undefined, isLoading: query.isLoading, error: query.error, request, fetch };
}
