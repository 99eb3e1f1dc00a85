import type { QueryClient } from '@tanstack/react-query';
import type { Invitation, Page } from '../adapter/types';
import { userAdminKeys } from '../query/keys';

/** Internal: replaces an invitation in every cached invitations page. */
export function writeInvitation(queryClient: QueryClient, invitation: Invitation): void {
  queryClient.setQueriesData<Page<Invitation>>({ queryKey: userAdminKeys.invitations.lists() }, (page) => {
    if (!page || !page.items.some((item) => item.id === invitation.id)) return page;
    return { ...page, items: page.items.map((item) => (item.id === invitation.id ? invitation : item)) };
  });
}

/** Internal: removes an invitation from every cached invitations page, decrementing its total. */
export function removeInvitation(queryClient: QueryClient, id: string): Invitation | undefined {
  let removed: Invitation | undefined;
  queryClient.setQueriesData<Page<Invitation>>({ queryKey: userAdminKeys.invitations.lists() }, (page) => {
    const found = page?.items.find((item) => item.id === id);
    if (!page || !found) return page;
    removed = found;
    return { items: page.items.filter((item) => item.id !== id), total: Math.max(0, page.total - 1) };
  });
  return removed;
}
