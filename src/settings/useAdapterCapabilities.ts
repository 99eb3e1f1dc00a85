import type { AdapterCapabilities } from '../contract/types';
import { useUserAdminContext } from '../provider/context';

/**
 * What the adapter can do beyond the required contract (its optional methods), read once by the provider.
 * @example
 * const { accessDiagnostics } = useAdapterCapabilities();
 * {accessDiagnostics && <SignInGuideButton />}
 */
export function useAdapterCapabilities(): AdapterCapabilities {
  return useUserAdminContext('useAdapterCapabilities').capabilities;
}
