import { useCallback, useRef, useState, type RefObject } from 'react';
import { toUserAdminError, UserAdminError, type UserAdminErrorShape } from '../contract/errors';
import type { BulkItemResult, Module, Role, User } from '../contract/types';
import { checkAccessChange, checkActOnUser, clearAdminOnly, type Refusal, type RuleContext, type RuleTarget } from '../core';
import { useUserAdminContext } from '../provider/context';
import { userDisplayName } from './model/columns';
import { collectMatchingUsers } from './model/selection';
import { EMPTY_LIST_SELECTION, type ListSelection } from '../query/selection';
import { useBulkChangeRole, useBulkRemoveUsers, useBulkSetUserStatus } from './useBulkUserActions';
import type { UserListState } from './useUserList';

/** A bulk action of the users table. */
export type UserBulkAction = 'deactivate' | 'reactivate' | 'remove' | 'changeRole';

/** Why a bulk action skipped a user without asking the server; translated as `userList.bulk.skip.<reason>`. */
export type UserBulkSkipReason = 'contact_no_role';

/** The outcome of a bulk action for one user. */
export interface UserBulkItemOutcome {
  id: string;
  /** The user's name, or the id when the user was never loaded. */
  name: string;
  user: User | undefined;
  ok: boolean;
  /** Why the server (or the self/last-admin guard) refused, when it failed. */
  error?: UserAdminErrorShape;
  /** Why the user was skipped, when it was. */
  skipReason?: UserBulkSkipReason;
}

/** The outcome of a bulk action: one item per targeted user. */
export interface UserBulkOutcome {
  action: UserBulkAction;
  items: UserBulkItemOutcome[];
  succeeded: number;
  /** The items that failed or were skipped; they stay selected so they can be retried. */
  failed: UserBulkItemOutcome[];
  /** Set when the run failed as a whole (collecting the matching users, or a bulk call); the selection is kept. */
  error: UserAdminError | null;
}

/** Where a bulk run is: collecting the ids of an "all matching" selection, or applying the action. */
export type UserBulkPhase = 'idle' | 'collecting' | 'running';


/** Options of {@link UserBulkRunner}. */
export interface UserBulkRunOptions {
  /** The new role, for `changeRole` (required there). Defaults to none. */
  roleId?: string;
}

/** Runs a bulk action on the selection. */
export type UserBulkRunner = (action: UserBulkAction, options?: UserBulkRunOptions) => Promise<UserBulkOutcome>;

/** What {@link useUserBulkRunner} reads when a run starts. */
export interface UserBulkRunnerContext {
  /** The users to act on: ids, or every user matching the list's search and filter. */
  selection: ListSelection;
  /** The list's search, filter and sort, for "every user matching". */
  state: UserListState;
  rolesById: ReadonlyMap<string, Role>;
  modules: Module[] | undefined;
  /** The core's rule context (the acting admin, the entities' ancestry), when known. */
  rules: RuleContext | undefined;
}

/**
 * The users list's bulk runner, one job of {@link useUserTable}: collects every matching user for
 * "select all matching", checks each against the core's rules (as the row menu does), sends the
 * eligible ones through the bulk mutations (status, removal, role), and reports one outcome per
 * user; the failed ones stay selected.
 */
export function useUserBulkRunner({ context, known, concurrency, setSelection }: {
  context: UserBulkRunnerContext;
  /** Every user seen, to name users of other pages. Updated with the users a run changed. */
  known: RefObject<Map<string, User>>;
  concurrency: number;
  setSelection: (next: ListSelection) => void;
}) {
  const { adapter } = useUserAdminContext('useUserTable');
  const { mutateAsync: setStatuses } = useBulkSetUserStatus({ concurrency });
  const { mutateAsync: removeUsers } = useBulkRemoveUsers({ concurrency });
  const { mutateAsync: changeRoles } = useBulkChangeRole({ concurrency });
  const [bulkPhase, setBulkPhase] = useState<UserBulkPhase>('idle');
  const [bulkOutcome, setBulkOutcome] = useState<UserBulkOutcome | null>(null);
  // Read when a run starts: the selection, list state and rules of that moment.
  const bulkContext = useRef(context);
  bulkContext.current = context;

  const runBulkAction = useCallback<UserBulkRunner>(
    async (action, runOptions = {}) => {
      const {
        selection: target, state: listState, rolesById: roleMap, modules: allModules, rules: ruleContext,
      } = bulkContext.current;
      const finish = (outcome: UserBulkOutcome) => {
        setBulkOutcome(outcome);
        setBulkPhase('idle');
        return outcome;
      };
      const failWhole = (error: unknown) => finish({ action, items: [], succeeded: 0, failed: [], error: toUserAdminError(error) });
      setBulkOutcome(null);
      let users: { id: string; user: User | undefined }[];
      if (target.allMatching) {
        setBulkPhase('collecting');
        try {
          const collected = await collectMatchingUsers(
            adapter,
            {
              ...(listState.sort ? { sort: listState.sort } : {}),
              ...(listState.search.trim() ? { search: listState.search.trim() } : {}),
              ...(Object.keys(listState.filter).length > 0 ? { filter: listState.filter } : {}),
            },
            { concurrency },
          );
          for (const user of collected) known.current.set(user.id, user);
          users = collected.map((user) => ({ id: user.id, user }));
        } catch (error) {
          return failWhole(error);
        }
      } else {
        users = target.ids.map((id) => ({ id, user: known.current.get(id) }));
      }
      setBulkPhase('running');

      const name = (id: string, user: User | undefined) => (user ? userDisplayName(user) : id);
      const items = new Map<string, UserBulkItemOutcome>();
      const eligible: { id: string; user: User | undefined }[] = [];
      // The core's rules per user, as the row menu: a refused user is not sent. Status and removal
      // go through checkActOnUser (self, admin scope); a role change through checkAccessChange
      // (no self-demotion: a change to another admin role is allowed, admin scope). The
      // last-admin rule is left to the server here: which of several admins is "the last"
      // depends on the order. A user of another page not loaded is checked on the self rule
      // only (no entities known: the scope is the server's to check).
      const newRole = action === 'changeRole' && runOptions.roleId ? roleMap.get(runOptions.roleId) : undefined;
      const refusalOf = (entry: { id: string; user: User | undefined }): UserAdminErrorShape | null => {
        if (!ruleContext) return null;
        const target: RuleTarget = entry.user ?? { id: entry.id, entityIds: [], adminScope: null };
        let refusal: Refusal | null;
        if (action === 'changeRole') {
          if (!newRole) return null;
          const wasAdmin = entry.user
            ? entry.user.roleId !== null && roleMap.get(entry.user.roleId)?.isAdmin === true
            : entry.id === ruleContext.actor.id && ruleContext.actor.isAdmin;
          refusal = checkAccessChange(ruleContext, target, { wasAdmin, staysAdmin: newRole.isAdmin });
        } else {
          refusal = checkActOnUser(ruleContext, target, action);
        }
        return refusal ? { code: refusal.code, message: refusal.message, reason: refusal.reason } : null;
      };
      for (const entry of users) {
        const refused = refusalOf(entry);
        if (refused) {
          items.set(entry.id, { id: entry.id, name: name(entry.id, entry.user), user: entry.user, ok: false, error: refused });
        } else if (action === 'changeRole' && entry.user?.kind === 'contact') {
          items.set(entry.id, { id: entry.id, name: name(entry.id, entry.user), user: entry.user, ok: false, skipReason: 'contact_no_role' });
        } else {
          eligible.push(entry);
        }
      }
      const record = (result: BulkItemResult) => {
        const entry = known.current.get(result.id);
        const user = result.ok && result.user ? result.user : entry;
        items.set(result.id, {
          id: result.id,
          name: name(result.id, entry),
          user,
          ok: result.ok,
          ...(result.ok ? {} : { error: result.error }),
        });
      };
      const ids = eligible.map((entry) => entry.id);
      try {
        if (ids.length > 0) {
          if (action === 'deactivate' || action === 'reactivate') {
            const result = await setStatuses({ ids, status: action === 'deactivate' ? 'deactivated' : 'active' });
            result.results.forEach(record);
          } else if (action === 'remove') {
            const result = await removeUsers({ ids });
            result.results.forEach(record);
          } else {
            const role = runOptions.roleId ? roleMap.get(runOptions.roleId) : undefined;
            if (!role) throw new UserAdminError('validation', 'changeRole needs a known roleId', { reason: 'role_not_found' });
            // Through the mutation layer, as the matrix does: cache writes, refetches and a partial result's refetch live there.
            const result = await changeRoles({
              roleId: role.id,
              items: eligible.map(({ id, user }) => {
                const permissions = !role.isAdmin && user && allModules ? clearAdminOnly(user.permissions, allModules) : undefined;
                return { id, ...(permissions ? { permissions } : {}) };
              }),
            });
            result.results.forEach(record);
          }
        }
      } catch (error) {
        return failWhole(error);
      }
      for (const entry of users) {
        const item = items.get(entry.id);
        if (item?.ok && item.user) known.current.set(entry.id, item.user);
      }
      const ordered = users.map((entry) => items.get(entry.id)).filter((item): item is UserBulkItemOutcome => item !== undefined);
      const failed = ordered.filter((item) => !item.ok);
      setSelection(failed.length > 0 ? { ids: failed.map((item) => item.id), allMatching: false } : EMPTY_LIST_SELECTION);
      return finish({ action, items: ordered, succeeded: ordered.length - failed.length, failed, error: null });
    },
    [adapter, concurrency, known, setStatuses, removeUsers, changeRoles, setSelection],
  );
  const dismissBulkOutcome = useCallback(() => setBulkOutcome(null), []);
  return { runBulkAction, bulkPhase, bulkOutcome, dismissBulkOutcome };
}
