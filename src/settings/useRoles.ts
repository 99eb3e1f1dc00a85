import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { Role } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { rolesQueryOptions } from '../query/options';

/**
 * All roles (a TanStack `useQuery` result).
 * @example
 * const { data: roles } = useRoles();
 * roles?.map((role) => <option key={role.id} value={role.id}>{role.name}</option>);
 */
export function useRoles(): UseQueryResult<Role[], UserAdminError> {
  const { adapter } = useUserAdminContext('useRoles');
  return useQuery(rolesQueryOptions(adapter));
}
