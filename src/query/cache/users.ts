import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Invitation, InvitationSummary, Page, User } from '../../contract/types';
import { userAdminKeys } from '../keys';
import { writeInvitation } from './invitations';
import { writeQueries } from './write';

/**
 * Internal cache surgery for the users mutations. A single-row action touches that row in every
 * cached list page and the detail cache; it never refetches the lists.
 */

type Rows = Page<User>;

/** Replaces (or patches) the user with `id` in every cached list page and in its detail. */
export function writeUser(queryClient: QueryClient, id: string, write: (user: User) => User): void {
  writeQueries<Rows>(queryClient, { queryKey: userAdminKeys.users.lists() }, (page) => mapRow(page, id, write));
  writeQueries<User>(queryClient, { queryKey: userAdminKeys.users.detail(id), exact: true }, (user) => (user ? write(user) : user));
}

/** A snapshot of one user as each cache held it, to roll back that row and only that row. */
export interface UserSnapshot {
  id: string;
  entries: { queryKey: QueryKey; user: User; detail: boolean }[];
  /** Queries that were fetching and got cancelled so they cannot overwrite the optimistic row. */
  cancelled: QueryKey[];
}

/** Takes the snapshot of a user's row in every cache that holds it, cancelling in-flight fetches of those caches. */
export async function snapshotUser(queryClient: QueryClient, id: string): Promise<UserSnapshot> {
  const snapshot: UserSnapshot = { id, entries: [], cancelled: [] };
  const cache = queryClient.getQueryCache();
  const lists = cache.findAll({ queryKey: userAdminKeys.users.lists() });
  const detail = cache.find<User>({ queryKey: userAdminKeys.users.detail(id), exact: true });
  const holders = [...lists, ...(detail ? [detail] : [])];
  for (const query of holders) {
    const data = query.state.data as Rows | User | undefined;
    const user = data === undefined ? undefined : 'items' in data ? data.items.find((row) => row.id === id) : data;
    if (!user) continue;
    snapshot.entries.push({ queryKey: query.queryKey, user, detail: query === detail });
    if (query.state.fetchStatus === 'fetching') {
      snapshot.cancelled.push(query.queryKey);
      await queryClient.cancelQueries({ queryKey: query.queryKey, exact: true });
    }
  }
  return snapshot;
}

/** Puts back each cache's own previous version of the row; other rows keep their current state. */
export function restoreUser(queryClient: QueryClient, snapshot: UserSnapshot): void {
  for (const entry of snapshot.entries) {
    if (entry.detail) writeQueries<User>(queryClient, { queryKey: entry.queryKey, exact: true }, () => entry.user);
    else writeQueries<Rows>(queryClient, { queryKey: entry.queryKey, exact: true }, (page) => mapRow(page, snapshot.id, () => entry.user));
  }
}

/** Refetches what {@link snapshotUser} cancelled: those caches were mid-refresh already. */
export function resumeCancelled(queryClient: QueryClient, snapshot: UserSnapshot): void {
  for (const queryKey of snapshot.cancelled) void queryClient.invalidateQueries({ queryKey, exact: true });
}

/** Removes users from every cached list page (decrementing its total) and drops their detail caches. */
export function removeUsers(queryClient: QueryClient, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const gone = new Set(ids);
  writeQueries<Rows>(queryClient, { queryKey: userAdminKeys.users.lists() }, (page) => {
    if (!page) return page;
    const items = page.items.filter((row) => !gone.has(row.id));
    if (items.length === page.items.length) return page;
    return { items, total: Math.max(0, page.total - (page.items.length - items.length)) };
  });
  for (const id of ids) queryClient.removeQueries({ queryKey: userAdminKeys.users.detail(id), exact: true });
}

/** Writes an invitation's new dates into the summary of the user it invites. */
export function writeUserInvitation(queryClient: QueryClient, invitation: Invitation): void {
  const summary: InvitationSummary = {
    id: invitation.id,
    kind: invitation.kind,
    status: invitation.status,
    sentAt: invitation.sentAt,
    expiresAt: invitation.expiresAt,
  };
  writeUser(queryClient, invitation.userId, (user) => ({ ...user, invitation: summary }));
}

/**
 * Cache effects of invitations sent again: each gets its new dates in every cached invitations
 * page and in its user's invitation summary. The user changed on the backend too (its `version`
 * moves with its invitation), so its detail and the users lists are refetched: a row keeping the
 * old version would make the admin's next write to that user fail as `stale`. When a cached
 * invitation was expired, its user may have changed status as well, so the counts are refetched.
 */
export function writeResentInvitations(queryClient: QueryClient, invitations: readonly Invitation[]): void {
  if (invitations.length === 0) return;
  let statusMayChange = false;
  for (const invitation of invitations) {
    const previous = writeInvitation(queryClient, invitation);
    writeUserInvitation(queryClient, invitation);
    if (previous?.status === 'expired') statusMayChange = true;
    void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.detail(invitation.userId), exact: true });
  }
  void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
  if (statusMayChange) void invalidateCounts(queryClient);
}

/**
 * After a `stale` refusal (someone else changed the user since it was read): the user's detail,
 * the users lists and the counts are refetched, so what the admin sees is the current state.
 */
export function refetchStaleUser(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.detail(id), exact: true });
  void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.lists() });
  void invalidateCounts(queryClient);
}

/**
 * After a partial result (a bulk action with some failures, a `partially_applied` write, a write
 * whose response was lost): the users and invitations lists and the counts are refetched, as what
 * the backend holds is only partly known.
 */
export function refetchAfterPartial(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: userAdminKeys.users.all });
  void queryClient.invalidateQueries({ queryKey: userAdminKeys.invitations.all });
}

/** Whether a failed write may still have changed the backend (see {@link refetchIfOutcomeUnknown}). */
export function isOutcomeUnknown(error: { code?: string; reason?: string } | null | undefined): boolean {
  return error?.reason === 'partially_applied' || error?.code === 'network' || error?.code === 'unknown';
}

/**
 * After a failure whose outcome on the backend is not known: {@link refetchAfterPartial}, and
 * returns whether it did. That is a `partially_applied` refusal (part of the write stayed), a
 * `network` error (the response was lost: the backend may well have applied the write) or an
 * `unknown` one (an unexpected server error, such as a 500, which may come after a partial apply).
 * Rolling the caches back and claiming nothing changed would then be a guess; the lists are
 * refetched instead, so the admin sees what the backend holds.
 *
 * @example
 * onError: (error) => { refetchIfOutcomeUnknown(queryClient, error); }
 */
export function refetchIfOutcomeUnknown(
  queryClient: QueryClient,
  error: { code?: string; reason?: string } | null | undefined,
): boolean {
  if (!isOutcomeUnknown(error)) return false;
  refetchAfterPartial(queryClient);
  return true;
}

/** Invalidates every counts query (both the `getUserCounts` and the per-view fallback ones). */
export function invalidateCounts(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: userAdminKeys.users.allCounts() });
}

function mapRow(page: Rows | undefined, id: string, write: (user: User) => User): Rows | undefined {
  if (!page) return page;
  let changed = false;
  const items = page.items.map((row) => {
    if (row.id !== id) return row;
    changed = true;
    return write(row);
  });
  return changed ? { ...page, items } : page;
}
