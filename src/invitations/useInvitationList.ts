import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Invitation, InvitationStatus } from '../contract/types';
import { useUserAdminContext } from '../provider/context';
import type { InvitationsListParams } from '../query/keys';
import { DEFAULT_PAGE_SIZE, invitationsListQueryOptions } from '../query/options';
import { useListState, type ListStateOptions, type PagedListResult, usePagedListResult } from '../query/useListState';

/** The state of the invitations list. */
export interface InvitationListState {
  /** Zero-based. Defaults to 0. */
  pageIndex: number;
  /** Defaults to 25. */
  pageSize: number;
  /** Defaults to `''`. */
  search: string;
  /** Defaults to `null`: pending and expired. */
  status: InvitationStatus | null;
}

export interface UseInvitationListOptions extends ListStateOptions<InvitationListState> {
  /** Whether to fetch. Defaults to `true`. */
  enabled?: boolean;
}

export interface UseInvitationListResult extends PagedListResult<Invitation, InvitationListState> {
  /** Resets to the first page. */
  setStatus: (status: InvitationStatus | null) => void;
}

/**
 * The defaults of {@link InvitationListState}.
 * @example
 * useInvitationList({ defaultState: { ...DEFAULT_INVITATION_LIST_STATE, status: 'pending' } });
 */
export const DEFAULT_INVITATION_LIST_STATE: InvitationListState = {
  pageIndex: 0,
  pageSize: DEFAULT_PAGE_SIZE,
  search: '',
  status: null,
};

const RESET_KEYS = ['pageSize', 'search', 'status'] as const;

/**
 * The `listInvitations` params (and query-key params) for a list state.
 * @example
 * await queryClient.prefetchQuery(invitationsListQueryOptions(adapter, invitationListParams(DEFAULT_INVITATION_LIST_STATE)));
 */
export function invitationListParams(state: InvitationListState): InvitationsListParams {
  return {
    pageIndex: state.pageIndex,
    pageSize: state.pageSize,
    ...(state.search.trim() ? { search: state.search.trim() } : {}),
    ...(state.status ? { status: state.status } : {}),
  };
}

/**
 * The invitations list: one page, with paging, search and a status filter. Uncontrolled by default
 * (`defaultState`), or controlled (`state` + `onStateChange`); changing search, status or page size
 * goes back to the first page. The previous page stays while the next one loads.
 *
 * @example
 * const invitations = useInvitationList({ defaultState: { status: 'expired' } });
 * invitations.items.map((invitation) => <Row key={invitation.id} invitation={invitation} />);
 */
export function useInvitationList(options: UseInvitationListOptions = {}): UseInvitationListResult {
  const { adapter } = useUserAdminContext('useInvitationList');
  const { state, update } = useListState(DEFAULT_INVITATION_LIST_STATE, options, RESET_KEYS);
  const query = useQuery({
    ...invitationsListQueryOptions(adapter, invitationListParams(state)),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  const setters = useMemo(
    () => ({
      setPageIndex: (pageIndex: number) => update({ pageIndex }),
      setPageSize: (pageSize: number) => update({ pageSize }),
      setSearch: (search: string) => update({ search }),
      setStatus: (status: InvitationStatus | null) => update({ status }),
    }),
    [update],
  );
  return { ...usePagedListResult(query, state), ...setters };
}
