import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { Module } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { modulesQueryOptions } from '../query/options';

/**
 * All modules, the permission matrix rows (a TanStack `useQuery` result).
 * @example
 * const { data: modules } = useModules();
 * const locked = modules ? lockedModuleIds(role, modules) : [];
 */
export function useModules(): UseQueryResult<Module[], UserAdminError> {
  const { adapter } = useUserAdminContext('useModules');
  return useQuery(modulesQueryOptions(adapter));
}
