import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { UserAdminError } from '../contract/errors';
import type { AccessDiagnostics } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { accessDiagnosticsQueryOptions } from '../query/options';

export interface UseAccessDiagnosticsOptions {
  /** Whether to fetch. Defaults to `true` (when supported and an id is given). */
  enabled?: boolean;
}

export type UseAccessDiagnosticsResult = UseQueryResult<AccessDiagnostics, UserAdminError> & {
  /** Whether the adapter has `getAccessDiagnostics`; when not, nothing is fetched. */
  isSupported: boolean;
};

/**
 * A user's recent sign-in failures, for the sign-in error guide (a TanStack `useQuery` result).
 * Disabled, with `isSupported: false`, when the adapter has no `getAccessDiagnostics`.
 *
 * @example
 * const { isSupported, data } = useAccessDiagnostics(user.id);
 * if (!isSupported) return null;
 */
export function useAccessDiagnostics(
  userId: string | null | undefined,
  options: UseAccessDiagnosticsOptions = {},
): UseAccessDiagnosticsResult {
  const { adapter, capabilities } = useUserAdminContext('useAccessDiagnostics');
  const isSupported = capabilities.accessDiagnostics;
  const query = useQuery({
    ...accessDiagnosticsQueryOptions(adapter, userId ?? ''),
    enabled: isSupported && !!userId && (options.enabled ?? true),
  });
  return Object.assign(query, { isSupported });
}
