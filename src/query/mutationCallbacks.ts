import type { UserAdminError } from '../contract/errors';

/**
 * Host callbacks of a mutation hook. They run after the library's own cache updates and compose
 * with them (they never replace them), as do the per-call callbacks of `mutate(vars, { onSuccess })`.
 */
export interface UserAdminMutationOptions<TData, TVariables> {
  /** Defaults to none. */
  onSuccess?: (data: TData, variables: TVariables) => void;
  /** Defaults to none. */
  onError?: (error: UserAdminError, variables: TVariables) => void;
  /** Defaults to none. */
  onSettled?: (data: TData | undefined, error: UserAdminError | null, variables: TVariables) => void;
}
