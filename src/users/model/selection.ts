import type { User, UserAdminAdapter } from '../../contract/types';
import type { UsersListParams } from '../../query/keys';
import { collectAllPages, type CollectAllPagesOptions } from '../../query/selection';

/**
 * Internal: every user matching a list's search, filter and sort (an "all matching" selection),
 * read page by page with bounded concurrency.
 */
export function collectMatchingUsers(
  adapter: UserAdminAdapter,
  params: Omit<UsersListParams, 'pageIndex' | 'pageSize'>,
  options: CollectAllPagesOptions = {},
): Promise<User[]> {
  return collectAllPages((pageIndex, pageSize) => adapter.listUsers({ ...params, pageIndex, pageSize }), options);
}
