import { useControllable } from '../query/useControllable';
import { collectAllPages, EMPTY_LIST_SELECTION, selectionCount, type ListSelection } from '../query/selection';
import { useUserAdminContext } from '../provider/context';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { toUserAdminError, type DomainErrorReason, type UserAdminError } from '../contract/errors';
import type { Invitation } from '../contract/types';
import { checkActOnUser, refusalError, ssoRefusal, type Refusal, type RuleContext } from '../core';
import { useActingRules } from '../entities/useActingRules';
import { useEntitiesByIds } from '../entities/useEntities';
import { useRoles } from '../settings/useRoles';
import { useSettings } from '../settings/useSettings';
import { useInvitationList, type UseInvitationListOptions, type UseInvitationListResult } from './useInvitationList';
import {
  useBulkResendInvitations,
  useBulkRevokeInvitations,
  useResendInvitation,
  useRevokeInvitation,
  type InvitationBulkItemResult,
} from './useInvitationMutations';

/** What can be done to an invitation from the list. */
export type InvitationAction = 'resend' | 'revoke';

/** The outcome of an action for one invitation. A resent one carries its new version (new `expiresAt`). */
export type PendingInvitationResult =
  | { id: string; email: string; ok: true; invitation: Invitation | null }
  | { id: string; email: string; ok: false; error: UserAdminError };

/** The outcome of the last action: one row's (`single`) or the selection's (`bulk`), one result per invitation. */
export interface PendingInvitationsOutcome {
  action: InvitationAction;
  scope: 'single' | 'bulk';
  results: PendingInvitationResult[];
  /** Set when nothing could be done: reading the invitations of an "all matching" selection failed. */
  error?: UserAdminError;
}

/** An invitation with what the list shows about it, resolved. */
export interface PendingInvitationRow {
  invitation: Invitation;
  /** The role's name; `null` without a role, or while roles load (see `invitation.roleId`). */
  roleName: string | null;
  /** The invitation's entities in order, each with its name once known (`null` while loading or when gone). */
  entities: { id: string; name: string | null }[];
  /** The server's word (`status === 'expired'`), never the browser's clock. */
  expired: boolean;
  selected: boolean;
  /** The action running on this row, if any. */
  pendingAction: InvitationAction | null;
  /**
   * Why the core refuses each action on this invitation for the acting admin (`outside_scope`
   * when it reaches an entity outside their scope; `sso_enforced` for resend under SSO), `null`
   * when allowed. The list disables the action with `errors.reason.<reason>`.
   */
  refusals: Record<InvitationAction, DomainErrorReason | null>;
}

/** Whether none, some or all rows of the current page are selected. */
export type PageSelectionState = 'none' | 'some' | 'all';

export interface UsePendingInvitationsOptions extends UseInvitationListOptions {
  /** The selection, when the host owns it (the same shape as the users list's). Defaults to internal state. */
  selection?: ListSelection;
  /** The first selection when uncontrolled. Defaults to nothing selected. */
  defaultSelection?: ListSelection;
  /** Called with the whole next selection on every change. Defaults to none. */
  onSelectionChange?: (next: ListSelection) => void;
  /** At most this many calls in flight during a bulk action. Defaults to 4. */
  concurrency?: number;
  /**
   * The current instant in epoch ms, to measure expiry against. Pass the server's clock when it
   * differs from the browser's. Defaults to `Date.now`.
   */
  now?: () => number;
  /** How often the relative times re-render, in ms; `0` never (they still update on every render). Defaults to 60000. */
  refreshIntervalMs?: number;
}

export interface UsePendingInvitationsResult extends UseInvitationListResult {
  /** The current page's invitations, resolved for display. */
  rows: PendingInvitationRow[];
  /** The instant expiries are measured against, read at this render. */
  now: number;
  /** Under SSO enforcement users are created at their first sign-in: invitations are not used. */
  sso: { enforced: boolean; providerName: string | null };
  /**
   * Whether invitations can be sent again: not under enforced SSO (the core's `ssoRefusal`), where
   * `resend` and `resendSelected` send nothing and report `sso_enforced` for each invitation.
   */
  canResend: boolean;
  /** Whether a search or status filter narrows the list (an empty list then means "no match"). */
  isFiltered: boolean;
  /** Clears the search and the status filter. */
  clearFilters: () => void;

  /**
   * Selected ids, possibly from several pages, or every invitation matching the search and status
   * filter (`allMatching`, collected page by page when a bulk action runs).
   */
  selection: ListSelection;
  /** How many invitations the selection covers (the total when `allMatching`). */
  selectedCount: number;
  /** The selected invitations seen so far, in selection order (the ones never loaded are left out; the current page's when `allMatching`). */
  selectedInvitations: Invitation[];
  setSelection: (next: ListSelection) => void;
  /** Selects every invitation matching the search and status filter, over all pages. */
  selectAllMatching: () => void;
  isSelected: (id: string) => boolean;
  /** Selects or deselects one invitation; without `selected`, toggles it. */
  toggleSelected: (id: string, selected?: boolean) => void;
  /** Selects or deselects every row of the current page, keeping the other pages' selection. */
  setPageSelected: (selected: boolean) => void;
  clearSelection: () => void;
  pageSelection: PageSelectionState;

  /** Sends one invitation again. Never rejects: resolves with its outcome (also kept in `outcome`). */
  resend: (id: string) => Promise<PendingInvitationsOutcome>;
  /** Revokes one invitation (the invited user is removed). Never rejects. */
  revoke: (id: string) => Promise<PendingInvitationsOutcome>;
  /** Sends the selected invitations again; the failed ones stay selected. Never rejects. */
  resendSelected: () => Promise<PendingInvitationsOutcome>;
  /** Revokes the selected invitations; the failed ones stay selected. Never rejects. */
  revokeSelected: () => Promise<PendingInvitationsOutcome>;
  /** The bulk action running, if any. */
  bulkPending: InvitationAction | null;
  /** The last action's outcome, until dismissed or the next action. */
  outcome: PendingInvitationsOutcome | null;
  dismissOutcome: () => void;
}

const EMPTY: string[] = [];

const explicit = (ids: Iterable<string>): ListSelection => ({ ids: [...new Set(ids)], allMatching: false });

/**
 * Why the core refuses an action on an invitation: for a resend, enforced SSO (`ssoRefusal`);
 * then, for both, `checkActOnUser` on the invited user (`resendInvitation` for a resend, `edit`
 * for a revoke: the core refuses every action on a user outside the acting scope, and adds no
 * self or last-admin rule for an invited user). An invitation not loaded, or before the settings
 * load, is left to the server.
 */
function invitationRefusal(
  action: InvitationAction,
  invitation: Invitation | undefined,
  rules: RuleContext | undefined,
  resendRefusal: Refusal | null,
): Refusal | null {
  if (action === 'resend' && resendRefusal) return resendRefusal;
  if (!invitation || !rules) return null;
  return checkActOnUser(rules, { id: invitation.userId, entityIds: invitation.entityIds, adminScope: null }, action === 'resend' ? 'resendInvitation' : 'edit');
}

/**
 * The pending-invitations screen without its looks: the paged, searchable list (built on
 * {@link useInvitationList}) with role and entity names resolved, a selection across pages
 * (controlled or not), and resend / revoke for one row or the selection, with one result per
 * invitation. A failed action leaves the list as it was; after a bulk action the failed
 * invitations stay selected so they can be retried.
 *
 * @example
 * const invitations = usePendingInvitations({ defaultState: { status: 'pending' } });
 * invitations.rows.map(({ invitation, roleName, expired }) => (
 *   <tr key={invitation.id}>
 *     <td>{invitation.email}</td><td>{roleName}</td>
 *     <td>{expired ? 'expired' : format.relativeTime(invitation.expiresAt, invitations.now)}</td>
 *     <td><button onClick={() => invitations.resend(invitation.id)}>Resend</button></td>
 *   </tr>
 * ));
 */
export function usePendingInvitations(options: UsePendingInvitationsOptions = {}): UsePendingInvitationsResult {
  const list = useInvitationList(options);
  const { adapter } = useUserAdminContext('usePendingInvitations');
  const listStateRef = useRef(list.state);
  listStateRef.current = list.state;
  const roles = useRoles();
  const settings = useSettings();

  // Time: re-read at every render, and a render at least every refreshIntervalMs.
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
  useEffect(() => {
    if (!refreshIntervalMs) return;
    const timer = setInterval(tick, refreshIntervalMs);
    return () => clearInterval(timer);
  }, [refreshIntervalMs]);
  const now = (options.now ?? Date.now)();

  // Emails of invitations seen, so results and bulk confirmations can name rows of other pages.
  const known = useRef(new Map<string, Invitation>());
  for (const item of list.items) known.current.set(item.id, item);

  // Selection, controlled or not.
  const [selection, setSelectionState] = useControllable<ListSelection>(options.selection, options.defaultSelection ?? EMPTY_LIST_SELECTION, options.onSelectionChange);
  // The latest selection, also within one event (a bulk result lands after several awaits).
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const setSelection = useCallback((next: ListSelection) => {
    const value = next.allMatching ? { ids: [], allMatching: true } : explicit(next.ids);
    selectionRef.current = value;
    setSelectionState(value);
  }, [setSelectionState]);
  const selectedSet = useMemo(() => new Set(selection.ids), [selection]);
  // The ids an explicit selection holds; while `allMatching`, the loaded page's (every one is selected).
  const pageIdsRef = useRef<readonly string[]>(EMPTY);
  pageIdsRef.current = list.items.map((item) => item.id);
  const explicitIds = () => (selectionRef.current.allMatching ? pageIdsRef.current : selectionRef.current.ids);

  // A new search or status filter is a new set of invitations: "all matching" no longer applies
  // (ids picked one by one stay selected).
  const matchKey = JSON.stringify([list.state.search.trim(), list.state.status]);
  const previousMatchKey = useRef(matchKey);
  useEffect(() => {
    if (previousMatchKey.current === matchKey) return;
    previousMatchKey.current = matchKey;
    if (selectionRef.current.allMatching) setSelection(EMPTY_LIST_SELECTION);
  }, [matchKey, setSelection]);

  const entityIds = useMemo(() => [...new Set(list.items.flatMap((item) => item.entityIds))].sort(), [list.items]);
  const entities = useEntitiesByIds(entityIds);
  // Entities asked for and not returned: a backend shows a scoped admin only the entities of their scope.
  const hiddenEntityIds = useMemo(
    () => (entities.isSuccess ? entityIds.filter((id) => !entities.byId.has(id)) : EMPTY),
    [entities.isSuccess, entityIds, entities.byId],
  );
  const { rules } = useActingRules(entities.byId, hiddenEntityIds);
  const roleNames = useMemo(() => new Map((roles.data ?? []).map((role) => [role.id, role.name])), [roles.data]);

  const [pending, setPending] = useState<Record<string, InvitationAction>>({});
  const [bulkPending, setBulkPending] = useState<InvitationAction | null>(null);
  const [outcome, setOutcome] = useState<PendingInvitationsOutcome | null>(null);

  const resendOne = useResendInvitation();
  const revokeOne = useRevokeInvitation();
  const bulkOptions = options.concurrency === undefined ? {} : { concurrency: options.concurrency };
  const resendMany = useBulkResendInvitations(bulkOptions);
  const revokeMany = useBulkRevokeInvitations(bulkOptions);
  const mutations = useRef({ resendOne, revokeOne, resendMany, revokeMany });
  mutations.current = { resendOne, revokeOne, resendMany, revokeMany };

  const emailOf = useCallback((id: string) => known.current.get(id)?.email ?? id, []);

  const toResult = useCallback(
    (item: InvitationBulkItemResult): PendingInvitationResult =>
      item.ok
        ? { id: item.id, email: emailOf(item.id), ok: true, invitation: item.invitation ?? null }
        : { id: item.id, email: emailOf(item.id), ok: false, error: item.error },
    [emailOf],
  );

  // Under enforced SSO nothing is sent again (core `ssoRefusal`): each invitation reports the refusal.
  const resendRefusal = ssoRefusal(settings.data?.sso.enforced === true, 'resendInvitation');
  // The core's rules for one invitation, as the users list: the SSO rule, then the invited user's
  // scope (the core refuses every action on a user outside the acting admin's scope).
  const refusalOf = useCallback(
    (action: InvitationAction, invitation: Invitation | undefined): Refusal | null =>
      invitationRefusal(action, invitation, rules, resendRefusal),
    [rules, resendRefusal],
  );
  const refusalOfRef = useRef(refusalOf);
  refusalOfRef.current = refusalOf;

  const runSingle = useCallback(
    async (action: InvitationAction, id: string): Promise<PendingInvitationsOutcome> => {
      const refused = refusalOfRef.current(action, known.current.get(id));
      if (refused) {
        const next: PendingInvitationsOutcome = { action, scope: 'single', results: [toResult({ id, ok: false, error: refusalError(refused) })] };
        setOutcome(next);
        return next;
      }
      setPending((current) => ({ ...current, [id]: action }));
      setOutcome(null);
      let item: InvitationBulkItemResult;
      try {
        if (action === 'resend') {
          const invitation = await mutations.current.resendOne.mutateAsync({ id });
          known.current.set(id, invitation);
          item = { id, ok: true, invitation };
        } else {
          await mutations.current.revokeOne.mutateAsync({ id });
          item = { id, ok: true };
        }
      } catch (error) {
        item = { id, ok: false, error: toUserAdminError(error) };
      }
      setPending(({ [id]: _done, ...rest }) => rest);
      if (action === 'revoke' && item.ok && !selectionRef.current.allMatching && selectionRef.current.ids.includes(id)) {
        setSelection(explicit(selectionRef.current.ids.filter((selected) => selected !== id)));
      }
      const next: PendingInvitationsOutcome = { action, scope: 'single', results: [toResult(item)] };
      setOutcome(next);
      return next;
    },
    [setSelection, toResult],
  );

  const runBulk = useCallback(
    async (action: InvitationAction): Promise<PendingInvitationsOutcome> => {
      setOutcome(null);
      let selected: readonly string[];
      if (selectionRef.current.allMatching) {
        // Every invitation matching the search and status filter, read page by page.
        setBulkPending(action);
        try {
          const { search, status } = listStateRef.current;
          const collected = await collectAllPages(
            (pageIndex, pageSize) => adapter.listInvitations({ pageIndex, pageSize, ...(search.trim() ? { search: search.trim() } : {}), ...(status ? { status } : {}) }),
            options.concurrency === undefined ? {} : { concurrency: options.concurrency },
          );
          for (const invitation of collected) known.current.set(invitation.id, invitation);
          selected = collected.map((invitation) => invitation.id);
        } catch (error) {
          // Nothing was sent: the selection stays, and the outcome says why.
          setBulkPending(null);
          const failure = toUserAdminError(error);
          const next: PendingInvitationsOutcome = { action, scope: 'bulk', results: [], error: failure };
          setOutcome(next);
          return next;
        }
      } else {
        selected = selectionRef.current.ids;
      }
      // A refused invitation is not sent; it reports the core's reason.
      const refusedItems: InvitationBulkItemResult[] = [];
      const ids: string[] = [];
      for (const id of selected) {
        const refused = refusalOfRef.current(action, known.current.get(id));
        if (refused) refusedItems.push({ id, ok: false, error: refusalError(refused) });
        else ids.push(id);
      }
      setOutcome(null);
      let sent: InvitationBulkItemResult[] = [];
      if (ids.length > 0) {
        setBulkPending(action);
        try {
          const mutation = action === 'resend' ? mutations.current.resendMany : mutations.current.revokeMany;
          sent = (await mutation.mutateAsync({ ids })).results;
        } catch (error) {
          const failure = toUserAdminError(error);
          sent = ids.map((id) => ({ id, ok: false, error: failure }));
        }
      }
      const byId = new Map([...refusedItems, ...sent].map((item) => [item.id, item]));
      const items = selected.flatMap((id) => {
        const item = byId.get(id);
        return item ? [item] : [];
      });
      for (const item of items) if (item.ok && item.invitation) known.current.set(item.id, item.invitation);
      const succeeded = new Set(items.filter((item) => item.ok).map((item) => item.id));
      // Failed ones stay selected (to retry); so do ids selected meanwhile.
      const failed = items.filter((item) => !item.ok).map((item) => item.id);
      setSelection(selectionRef.current.allMatching ? explicit(failed) : explicit([...selectionRef.current.ids.filter((id) => !succeeded.has(id))]));
      setBulkPending(null);
      const next: PendingInvitationsOutcome = { action, scope: 'bulk', results: items.map(toResult) };
      setOutcome(next);
      return next;
    },
    [setSelection, toResult, adapter, options.concurrency],
  );

  // Rows removed by revokes can leave an empty page: go back a page, or fetch the rows that moved up.
  const { items, total, pageCount, isFetching, refetch, setPageIndex, state } = list;
  const refetchedFor = useRef('');
  useEffect(() => {
    if (isFetching || items.length > 0 || total === 0) return;
    if (state.pageIndex >= pageCount) {
      setPageIndex(Math.max(0, pageCount - 1));
      return;
    }
    // Once per page and total, so a server that answers an empty page with a total cannot loop us.
    const key = `${state.pageIndex}:${total}`;
    if (refetchedFor.current === key) return;
    refetchedFor.current = key;
    refetch();
  }, [isFetching, items.length, total, pageCount, state.pageIndex, setPageIndex, refetch]);

  const rows = useMemo<PendingInvitationRow[]>(
    () =>
      list.items.map((invitation) => ({
        invitation,
        roleName: invitation.roleId ? roleNames.get(invitation.roleId) ?? null : null,
        entities: invitation.entityIds.map((id) => ({ id, name: entities.byId.get(id)?.name ?? null })),
        expired: invitation.status === 'expired',
        selected: selection.allMatching || selectedSet.has(invitation.id),
        pendingAction: pending[invitation.id] ?? null,
        refusals: {
          resend: refusalOf('resend', invitation)?.reason ?? null,
          revoke: refusalOf('revoke', invitation)?.reason ?? null,
        },
      })),
    [list.items, roleNames, entities.byId, selection.allMatching, selectedSet, pending, refusalOf],
  );

  const onPage = list.items.length;
  const selectedOnPage = selection.allMatching ? onPage : list.items.filter((item) => selectedSet.has(item.id)).length;
  const pageSelection: PageSelectionState = selectedOnPage === 0 ? 'none' : selectedOnPage === onPage ? 'all' : 'some';

  const selectionApi = useMemo(
    () => ({
      isSelected: (id: string) => selectionRef.current.allMatching || selectionRef.current.ids.includes(id),
      toggleSelected: (id: string, selected?: boolean) => {
        // Unticking one row of "all matching" keeps the rest of the page selected, as the users list does.
        const current = explicitIds();
        const on = selected ?? !current.includes(id);
        setSelection(explicit(on ? [...current, id] : current.filter((other) => other !== id)));
      },
      clearSelection: () => setSelection(EMPTY_LIST_SELECTION),
      selectAllMatching: () => setSelection({ ids: [], allMatching: true }),
    }),
    [setSelection],
  );
  const pageIds = useMemo(() => list.items.map((item) => item.id), [list.items]);
  const setPageSelected = useCallback(
    (selected: boolean) => {
      const current = explicitIds();
      if (selected) setSelection(explicit([...current, ...pageIds]));
      else {
        const page = new Set(pageIds);
        setSelection(explicit(current.filter((id) => !page.has(id))));
      }
    },
    [pageIds, setSelection],
  );

  const { setSearch, setStatus } = list;
  const clearFilters = useCallback(() => {
    setSearch('');
    setStatus(null);
  }, [setSearch, setStatus]);

  const selectedInvitations = (selection.allMatching ? pageIds : selection.ids).flatMap((id) => {
    const invitation = known.current.get(id);
    return invitation ? [invitation] : [];
  });

  return {
    ...list,
    rows,
    now,
    sso: { enforced: settings.data?.sso.enforced ?? false, providerName: settings.data?.sso.providerName ?? null },
    canResend: resendRefusal === null,
    isFiltered: list.state.search.trim() !== '' || list.state.status !== null,
    clearFilters,
    selection,
    selectedCount: selectionCount(selection, list.total),
    selectedInvitations,
    setSelection,
    ...selectionApi,
    setPageSelected,
    pageSelection,
    resend: useCallback((id: string) => runSingle('resend', id), [runSingle]),
    revoke: useCallback((id: string) => runSingle('revoke', id), [runSingle]),
    resendSelected: useCallback(() => runBulk('resend'), [runBulk]),
    revokeSelected: useCallback(() => runBulk('revoke'), [runBulk]),
    bulkPending,
    outcome,
    dismissOutcome: useCallback(() => setOutcome(null), []),
  };
}
