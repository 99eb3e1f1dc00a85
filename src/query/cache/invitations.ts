import type { QueryClient } from '@tanstack/react-query';
import type { Invitation, Page } from '../../contract/types';
import { userAdminKeys } from '../keys';
import { writeQueries } from './write';

/**
 * Internal: replaces an invitation in every cached invitations page. Returns the version a cache
 * held before (the first found), so a caller can tell what changed (an expired one resent).
 */
export function writeInvitation(queryClient: QueryClient, invitation: Invitation): Invitation | undefined {
  let previous: Invitation | undefined;
  writeQueries<Page<Invitation>>(queryClient, { queryKey: userAdminKeys.invitations.lists() }, (page) => {
    const found = page?.items.find((item) => item.id === invitation.id);
    if (!page || !found) return page;
    previous ??= found;
    return { ...page, items: page.items.map((item) => (item.id === invitation.id ? invitation : item)) };
  });
  return previous;
}

/** Internal: removes an invitation from every cached invitations page, decrementing its total. */
export function removeInvitation(queryClient: QueryClient, id: string): Invitation | undefined {
  return removeInvitations(queryClient, [id])[0];
}

/**
 * Internal: removes invitations from every cached invitations page (each page's total drops by
 * the number it held). Returns the removed invitations found in the caches (one per id).
 */
export function removeInvitations(queryClient: QueryClient, ids: readonly string[]): Invitation[] {
  if (ids.length === 0) return [];
  const gone = new Set(ids);
  const removed = new Map<string, Invitation>();
  writeQueries<Page<Invitation>>(queryClient, { queryKey: userAdminKeys.invitations.lists() }, (page) => {
    if (!page) return page;
    const items = page.items.filter((item) => {
      if (!gone.has(item.id)) return true;
      if (!removed.has(item.id)) removed.set(item.id, item);
      return false;
    });
    if (items.length === page.items.length) return page;
    return { items, total: Math.max(0, page.total - (page.items.length - items.length)) };
  });
  return [...removed.values()];
}
