import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { Settings } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { settingsQueryOptions } from '../query/options';

/**
 * The organisation settings and the current administrator (a TanStack `useQuery` result).
 * @example
 * const { data: settings } = useSettings();
 * const isSelf = settings?.currentUser.id === user.id;
 */
export function useSettings(): UseQueryResult<Settings, UserAdminError> {
  const { adapter } = useUserAdminContext('useSettings');
  return useQuery(settingsQueryOptions(adapter));
}
