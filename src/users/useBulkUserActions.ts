import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { isAbortError, toUserAdminError, type UserAdminError } from '../contract/errors';
import { MAX_BULK_IDS } from '../core';
import type { BulkItemResult, BulkResult, ModulePermissions, UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { mapWithConcurrency } from '../query/concurrency';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';
import { invalidateCounts, refetchAfterPartial, removeUsers, writeUser } from '../query/cache/users';

/**
 * How many single calls run at once when the adapter has no bulk method.
 * @example
 * useBulkRemoveUsers({ concurrency: DEFAULT_BULK_CONCURRENCY * 2 });
 */
export const DEFAULT_BULK_CONCURRENCY = 4;

export interface BulkOptions<TVariables> extends UserAdminMutationOptions<BulkResult, TVariables> {
  /**
   * At most this many single calls in flight when the adapter has no bulk method.
   * Defaults to 4.
   */
  concurrency?: number;
}

export interface BulkSetUserStatusVariables {
  ids: string[];
  status: 'active' | 'deactivated';
}

export interface BulkRemoveUsersVariables {
  ids: string[];
}

/**
 * Calls a bulk adapter method with at most `MAX_BULK_IDS` ids per call (backends refuse more),
 * one chunk after another. A chunk whose call fails as a whole reports each of its ids failed with
 * that error, and the chunks already applied keep their results, so every id gets its own truth.
 * An abort still rejects.
 */
async function inChunks(ids: readonly string[], call: (ids: string[]) => Promise<BulkResult>): Promise<BulkResult> {
  const results: BulkItemResult[] = [];
  for (let i = 0; i < ids.length; i += MAX_BULK_IDS) {
    const chunk = ids.slice(i, i + MAX_BULK_IDS);
    try {
      results.push(...(await callAdapter(() => call(chunk))).results);
    } catch (error) {
      if (isAbortError(error)) throw error;
      // A single chunk failing whole is the bulk call failing whole: keep the usual rejection.
      if (ids.length <= MAX_BULK_IDS) throw error;
      const shape = toUserAdminError(error).toJSON();
      for (const id of chunk) results.push({ id, ok: false, error: shape });
    }
  }
  return { results };
}

async function settle(id: string, run: () => Promise<BulkItemResult>): Promise<BulkItemResult> {
  try {
    return await run();
  } catch (error) {
    return { id, ok: false, error: toUserAdminError(error).toJSON() };
  }
}

/**
 * Activates or deactivates several users. Uses `adapter.setUsersStatus` when present (at most
 * `MAX_BULK_IDS` ids per call, a chunk after another), else calls
 * `setUserStatus` per user with at most `concurrency` in flight. Resolves with one result per id
 * (`{ id, ok, error? }`) and never rejects because some items failed (it rejects only when the
 * bulk call as a whole fails). Afterwards the succeeded rows are updated in the cached lists and
 * the counts are refetched; the lists are refetched too when an item failed or came back without
 * its user (its new `version` is then unknown).
 *
 * @example
 * const bulk = useBulkSetUserStatus();
 * const { results } = await bulk.mutateAsync({ ids: selected, status: 'deactivated' });
 * const failed = results.filter((r) => !r.ok);
 */
export function useBulkSetUserStatus(options: BulkOptions<BulkSetUserStatusVariables> = {}) {
  const { adapter } = useUserAdminContext('useBulkSetUserStatus');
  const queryClient = useQueryClient();
  return useMutation(bulkSetUserStatusMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useBulkSetUserStatus} (`concurrency` included), to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * const { results } = await new MutationObserver(queryClient, bulkSetUserStatusMutationOptions(adapter, queryClient, { concurrency: 2 })).mutate({ ids, status: 'active' });
 */
export function bulkSetUserStatusMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: BulkOptions<BulkSetUserStatusVariables> = {},
) {
  const concurrency = options.concurrency ?? DEFAULT_BULK_CONCURRENCY;
  return mutationOptions<BulkResult, UserAdminError, BulkSetUserStatusVariables>({
    mutationFn: async ({ ids, status }) => {
      const bulk = adapter.setUsersStatus;
      if (bulk) return inChunks(ids, (chunk) => bulk.call(adapter, { ids: chunk, status }));
      const results = await mapWithConcurrency(ids, concurrency, (id) =>
        settle(id, async () => ({ id, ok: true, user: await adapter.setUserStatus({ id, status }) })),
      );
      return { results };
    },
    onSuccess: (data, variables) => {
      for (const result of data.results) {
        if (!result.ok) continue;
        const { user } = result;
        writeUser(queryClient, result.id, user ? () => user : (row) => ({ ...row, status: variables.status }));
      }
      void invalidateCounts(queryClient);
      // Some items failed: what the backend holds is only partly what was asked. An item that
      // succeeded without its user leaves the row's version (and what else the backend set) unknown.
      if (data.results.some((result) => !result.ok || !result.user)) refetchAfterPartial(queryClient);
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      // A bulk call that failed as a whole may have applied some items (an earlier chunk): refetch.
      refetchAfterPartial(queryClient);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}

/**
 * Removes several users. Uses `adapter.removeUsers` when present (at most `MAX_BULK_IDS` ids per
 * call), else calls `removeUser` per user
 * with at most `concurrency` in flight. Resolves with one result per id and never rejects because
 * some items failed. Afterwards the removed rows leave the cached lists, and counts and invitation
 * lists are refetched.
 *
 * @example
 * const bulk = useBulkRemoveUsers({ concurrency: 2 });
 * bulk.mutate({ ids: selected }, { onSuccess: ({ results }) => report(results) });
 */
export function useBulkRemoveUsers(options: BulkOptions<BulkRemoveUsersVariables> = {}) {
  const { adapter } = useUserAdminContext('useBulkRemoveUsers');
  const queryClient = useQueryClient();
  return useMutation(bulkRemoveUsersMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useBulkRemoveUsers} (`concurrency` included), to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * const { results } = await new MutationObserver(queryClient, bulkRemoveUsersMutationOptions(adapter, queryClient)).mutate({ ids });
 */
export function bulkRemoveUsersMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: BulkOptions<BulkRemoveUsersVariables> = {},
) {
  const concurrency = options.concurrency ?? DEFAULT_BULK_CONCURRENCY;
  return mutationOptions<BulkResult, UserAdminError, BulkRemoveUsersVariables>({
    mutationFn: async ({ ids }) => {
      const bulk = adapter.removeUsers;
      if (bulk) return inChunks(ids, (chunk) => bulk.call(adapter, { ids: chunk }));
      const results = await mapWithConcurrency(ids, concurrency, (id) =>
        settle(id, async () => {
          await adapter.removeUser({ id });
          return { id, ok: true };
        }),
      );
      return { results };
    },
    onSuccess: (data, variables) => {
      removeUsers(queryClient, data.results.filter((result) => result.ok).map((result) => result.id));
      void invalidateCounts(queryClient);
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.lists() });
      if (data.results.some((result) => !result.ok)) refetchAfterPartial(queryClient);
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      refetchAfterPartial(queryClient);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}

export interface BulkChangeRoleVariables {
  /** The role to give. */
  roleId: string;
  /**
   * The users, each with the module permissions to write with the role (an admin-only module
   * cleared when the role is not an admin's), or none to leave them.
   */
  items: { id: string; permissions?: ModulePermissions }[];
}

/**
 * Gives several users one role, through `updateUser` per user with at most `concurrency` in
 * flight (the contract has no bulk role change). Resolves with one result per user and never
 * rejects because some failed. Afterwards the changed rows are updated in the cached lists, the
 * lists and counts are refetched (a role can move a user between views and filters), and the
 * invitations too (a backend may reissue an invited user's invitation with the new role).
 * @example
 * const bulk = useBulkChangeRole();
 * const { results } = await bulk.mutateAsync({ roleId: 'role-user', items: selected.map((id) => ({ id })) });
 */
export function useBulkChangeRole(options: BulkOptions<BulkChangeRoleVariables> = {}) {
  const { adapter } = useUserAdminContext('useBulkChangeRole');
  const queryClient = useQueryClient();
  return useMutation(bulkChangeRoleMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useBulkChangeRole} (`concurrency` included), to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, bulkChangeRoleMutationOptions(adapter, queryClient)).mutate({ roleId, items });
 */
export function bulkChangeRoleMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: BulkOptions<BulkChangeRoleVariables> = {},
) {
  const concurrency = options.concurrency ?? DEFAULT_BULK_CONCURRENCY;
  return mutationOptions<BulkResult, UserAdminError, BulkChangeRoleVariables>({
    mutationFn: async ({ roleId, items }) => {
      const results = await mapWithConcurrency(items, concurrency, ({ id, permissions }) =>
        settle(id, async () => {
          const updated = await callAdapter(() => adapter.updateUser({ id, patch: { roleId, ...(permissions ? { permissions } : {}) } }));
          return { id, ok: true, user: updated.user };
        }),
      );
      return { results };
    },
    onSuccess: (data, variables) => {
      for (const result of data.results) {
        if (result.ok && result.user) {
          const updated = result.user;
          writeUser(queryClient, result.id, () => updated);
        }
      }
      if (data.results.some((result) => result.ok)) {
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
        void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.lists() });
        void invalidateCounts(queryClient);
      }
      if (data.results.some((result) => !result.ok || !result.user)) refetchAfterPartial(queryClient);
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      refetchAfterPartial(queryClient);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}
