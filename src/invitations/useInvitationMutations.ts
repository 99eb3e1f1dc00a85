import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { isAbortError, toUserAdminError, type UserAdminError } from '../contract/errors';
import type { Invitation, InviteUsersInput, InviteUsersResult, UserAdminAdapter } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import { removeInvitations } from '../query/cache/invitations';
import { invalidateCounts, refetchIfOutcomeUnknown, writeResentInvitations } from '../query/cache/users';
import { mapWithConcurrency } from '../query/concurrency';
import { userAdminKeys } from '../query/keys';
import type { UserAdminMutationOptions } from '../query/mutationCallbacks';
import { callAdapter } from '../query/normalize';

/**
 * Invites several addresses at once. Resolves with `{ invited, skipped }`: the addresses not
 * invited come back in `skipped` with their reason (`already_member`, `disposable`, ...), which is
 * a success, not an error. On success the invitation lists, users lists and counts are refetched.
 *
 * @example
 * const invite = useInviteUsers();
 * const { invited, skipped } = await invite.mutateAsync({ emails, roleId, entityIds });
 */
export function useInviteUsers(options: UserAdminMutationOptions<InviteUsersResult, InviteUsersInput> = {}) {
  const { adapter } = useUserAdminContext('useInviteUsers');
  const queryClient = useQueryClient();
  return useMutation(inviteUsersMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useInviteUsers}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * const { invited, skipped } = await new MutationObserver(queryClient, inviteUsersMutationOptions(adapter, queryClient)).mutate({ emails, roleId, entityIds });
 */
export function inviteUsersMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<InviteUsersResult, InviteUsersInput> = {},
) {
  return mutationOptions<InviteUsersResult, UserAdminError, InviteUsersInput>({
    mutationFn: (input) => callAdapter(() => adapter.inviteUsers({ input })),
    onSuccess: (result, input) => {
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.lists() });
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
      void invalidateCounts(queryClient);
      options.onSuccess?.(result, input);
    },
    onError: (error, input) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, input);
    },
    onSettled: (result, error, input) => options.onSettled?.(result, error, input),
  });
}

export interface InvitationIdVariables {
  id: string;
}

/**
 * Sends an invitation again with a new validity. On success the invitation gets its new
 * `expiresAt` in every cached invitations page, and its user's invitation summary in the users
 * caches; the invitations lists are not refetched. The user changed with it (its `version`), so
 * the user's detail and the users lists are refetched; when the cached invitation was expired
 * (a user deactivated at expiry is invited again), the counts too.
 *
 * @example
 * const resend = useResendInvitation();
 * resend.mutate({ id: invitation.id });
 */
export function useResendInvitation(options: UserAdminMutationOptions<Invitation, InvitationIdVariables> = {}) {
  const { adapter } = useUserAdminContext('useResendInvitation');
  const queryClient = useQueryClient();
  return useMutation(resendInvitationMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useResendInvitation}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, resendInvitationMutationOptions(adapter, queryClient)).mutate({ id: invitation.id });
 */
export function resendInvitationMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<Invitation, InvitationIdVariables> = {},
) {
  return mutationOptions<Invitation, UserAdminError, InvitationIdVariables>({
    mutationFn: ({ id }) => callAdapter(() => adapter.resendInvitation({ id })),
    onSuccess: (invitation, variables) => {
      writeResentInvitations(queryClient, [invitation]);
      options.onSuccess?.(invitation, variables);
    },
    onError: (error, variables) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (invitation, error, variables) => options.onSettled?.(invitation, error, variables),
  });
}

/**
 * Revokes an invitation. On success it leaves every cached invitations page (whose total drops by
 * one); since the invited user is removed with it, the users lists and counts are refetched and
 * that user's detail cache is dropped (for a registration request, the user stays and its detail
 * is refetched).
 *
 * @example
 * const revoke = useRevokeInvitation();
 * revoke.mutate({ id: invitation.id });
 */
export function useRevokeInvitation(options: UserAdminMutationOptions<void, InvitationIdVariables> = {}) {
  const { adapter } = useUserAdminContext('useRevokeInvitation');
  const queryClient = useQueryClient();
  return useMutation(revokeInvitationMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useRevokeInvitation}, to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * await new MutationObserver(queryClient, revokeInvitationMutationOptions(adapter, queryClient)).mutate({ id: invitation.id });
 */
export function revokeInvitationMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: UserAdminMutationOptions<void, InvitationIdVariables> = {},
) {
  return mutationOptions<void, UserAdminError, InvitationIdVariables>({
    mutationFn: ({ id }) => callAdapter(() => adapter.revokeInvitation({ id })),
    onSuccess: (data, variables) => {
      afterRevoke(queryClient, [variables.id]);
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}

/** Cache effects of revoked invitations: rows leave the cached pages; users lists and counts are refetched once. */
function afterRevoke(queryClient: QueryClient, ids: readonly string[]): void {
  if (ids.length === 0) return;
  for (const removed of removeInvitations(queryClient, ids)) {
    if (removed.kind === 'invitation') {
      queryClient.removeQueries({ queryKey: userAdminKeys.users.detail(removed.userId), exact: true });
    } else {
      // A cancelled registration request leaves the user, whose pending email is now gone.
      void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.detail(removed.userId), exact: true });
    }
  }
  void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
  void invalidateCounts(queryClient);
}

/**
 * After a bulk invitation action: refetches the lists once when an item failed with an unknown
 * outcome (`network`, `unknown`, `partially_applied`: that invitation may have been resent or revoked).
 */
function refetchIfAnyOutcomeUnknown(queryClient: QueryClient, results: readonly InvitationBulkItemResult[]): void {
  for (const result of results) if (!result.ok && refetchIfOutcomeUnknown(queryClient, result.error)) return;
}

/** The outcome of one invitation in a bulk action: resent ones carry their new version. */
export type InvitationBulkItemResult =
  | { id: string; ok: true; invitation?: Invitation }
  | { id: string; ok: false; error: UserAdminError };

/** One result per id, in the order given. */
export interface InvitationBulkResult {
  results: InvitationBulkItemResult[];
}

export interface InvitationIdsVariables {
  ids: string[];
}

export interface InvitationBulkOptions extends UserAdminMutationOptions<InvitationBulkResult, InvitationIdsVariables> {
  /** At most this many calls in flight (the adapter has no bulk invitation method). Defaults to 4. */
  concurrency?: number;
}

/**
 * How many invitation calls a bulk action runs at once.
 * @example
 * useBulkResendInvitations({ concurrency: DEFAULT_INVITATION_BULK_CONCURRENCY * 2 });
 */
export const DEFAULT_INVITATION_BULK_CONCURRENCY = 4;

async function settleEach(
  ids: readonly string[],
  concurrency: number,
  run: (id: string) => Promise<Invitation | void>,
): Promise<InvitationBulkResult> {
  const results = await mapWithConcurrency(ids, concurrency, async (id): Promise<InvitationBulkItemResult> => {
    try {
      const invitation = await run(id);
      return invitation ? { id, ok: true, invitation } : { id, ok: true };
    } catch (error) {
      if (isAbortError(error)) throw error;
      return { id, ok: false, error: toUserAdminError(error) };
    }
  });
  return { results };
}

/**
 * Sends several invitations again, with at most `concurrency` calls in flight. Resolves with one
 * result per id (`{ id, ok, invitation? , error? }`) and never rejects because some failed.
 * Afterwards each resent invitation gets its new dates in the cached pages (no list refetch, unless
 * an item failed with an unknown outcome: `network`, `unknown`, `partially_applied`).
 *
 * @example
 * const bulk = useBulkResendInvitations();
 * const { results } = await bulk.mutateAsync({ ids: selected });
 * const failed = results.filter((r) => !r.ok);
 */
export function useBulkResendInvitations(options: InvitationBulkOptions = {}) {
  const { adapter } = useUserAdminContext('useBulkResendInvitations');
  const queryClient = useQueryClient();
  return useMutation(bulkResendInvitationsMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useBulkResendInvitations} (`concurrency` included), to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * const { results } = await new MutationObserver(queryClient, bulkResendInvitationsMutationOptions(adapter, queryClient)).mutate({ ids });
 */
export function bulkResendInvitationsMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: InvitationBulkOptions = {},
) {
  const concurrency = options.concurrency ?? DEFAULT_INVITATION_BULK_CONCURRENCY;
  return mutationOptions<InvitationBulkResult, UserAdminError, InvitationIdsVariables>({
    mutationFn: ({ ids }) => settleEach(ids, concurrency, (id) => adapter.resendInvitation({ id })),
    onSuccess: (data, variables) => {
      writeResentInvitations(queryClient, data.results.flatMap((result) => (result.ok && result.invitation ? [result.invitation] : [])));
      refetchIfAnyOutcomeUnknown(queryClient, data.results);
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}

/**
 * Revokes several invitations, with at most `concurrency` calls in flight. Resolves with one
 * result per id and never rejects because some failed. Afterwards the revoked ones leave the
 * cached pages, and the users lists and counts are refetched once (and the invitation lists too when
 * an item failed with an unknown outcome: `network`, `unknown`, `partially_applied`).
 *
 * @example
 * const bulk = useBulkRevokeInvitations();
 * bulk.mutate({ ids: selected }, { onSuccess: ({ results }) => report(results) });
 */
export function useBulkRevokeInvitations(options: InvitationBulkOptions = {}) {
  const { adapter } = useUserAdminContext('useBulkRevokeInvitations');
  const queryClient = useQueryClient();
  return useMutation(bulkRevokeInvitationsMutationOptions(adapter, queryClient, options));
}

/**
 * The options of {@link useBulkRevokeInvitations} (`concurrency` included), to run it without React (`new MutationObserver(queryClient, options)`).
 * @example
 * const { results } = await new MutationObserver(queryClient, bulkRevokeInvitationsMutationOptions(adapter, queryClient, { concurrency: 2 })).mutate({ ids });
 */
export function bulkRevokeInvitationsMutationOptions(
  adapter: UserAdminAdapter,
  queryClient: QueryClient,
  options: InvitationBulkOptions = {},
) {
  const concurrency = options.concurrency ?? DEFAULT_INVITATION_BULK_CONCURRENCY;
  return mutationOptions<InvitationBulkResult, UserAdminError, InvitationIdsVariables>({
    mutationFn: ({ ids }) => settleEach(ids, concurrency, (id) => adapter.revokeInvitation({ id })),
    onSuccess: (data, variables) => {
      afterRevoke(queryClient, data.results.filter((result) => result.ok).map((result) => result.id));
      refetchIfAnyOutcomeUnknown(queryClient, data.results);
      options.onSuccess?.(data, variables);
    },
    onError: (error, variables) => {
      refetchIfOutcomeUnknown(queryClient, error);
      options.onError?.(error, variables);
    },
    onSettled: (data, error, variables) => options.onSettled?.(data, error, variables),
  });
}
