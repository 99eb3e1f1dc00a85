import { useCallback, useRef, useState } from 'react';
import { toUserAdminError, UserAdminError } from '../contract/errors';
import type { PasswordResetResult, Role, Settings, User } from '../contract/types';
import type { RuleContext } from '../core';
import { useResendUserInvitation } from '../invitations/useResendUserInvitation';
import { canGetSignInHelp, getActionAvailability, isActiveAdmin, isOutsideScope, type UserRowAction } from './model/guards';
import type { UseActiveAdminCountResult } from './model/useActiveAdminCount';
import { useRemoveUser } from './useRemoveUser';
import { useSetUserStatus } from './useSetUserStatus';
import { useSendPasswordReset } from './useSendPasswordReset';
import { useAdapterCapabilities } from '../settings/useAdapterCapabilities';

/** The outcome of a single-row action. */
export interface UserRowActionOutcome {
  action: UserRowAction;
  user: User;
  ok: boolean;
  error: UserAdminError | null;
  /** After a `sendPasswordReset` that went through: where the link went and until when. Defaults to none. */
  passwordReset?: PasswordResetResult;
}

/** What {@link useUserRowActions} reads to guard and run a row's actions. */
export interface UserRowActionsContext {
  settings: Settings | undefined;
  rolesById: ReadonlyMap<string, Role>;
  /** The core's rule context (the acting admin, the entities' ancestry), when known. */
  rules: RuleContext | undefined;
  /** The active admins' count (the last-admin guard), loaded on first need. */
  adminCount: Pick<UseActiveAdminCountResult, 'count' | 'request' | 'fetch'>;
}

/** The version a row action expects: the row's, when the backend has versions. */
const versionOf = (user: User): { expectedVersion?: string } => (user.version !== undefined ? { expectedVersion: user.version } : {});

/**
 * The users list's row actions, one job of {@link useUserTable}: each action's availability for a
 * row (self, admin scope, last admin; the admin count is asked for on the first question), the
 * read-only rows, the sign-in help, and running an action through the mutation hooks (status,
 * removal, invitation resend, password reset when the adapter has it) with the rows in flight and the last outcome; a removed user leaves
 * the selection.
 *
 * @example
 * const rowActions = useUserRowActions({
 *   context: { settings, rolesById, rules, adminCount: useActiveAdminCount(roles, { lazy: true }) },
 *   onEditUser: (user) => openEditor(user.id),
 *   deselect: selection.deselect,
 * });
 * if (rowActions.actionAvailability(user, 'deactivate').allowed) await rowActions.runRowAction(user, 'deactivate');
 */
export function useUserRowActions({ context, onEditUser, onSignInHelp, deselect, listKey = '' }: {
  context: UserRowActionsContext;
  /**
   * What the list shows (page, search, filter, sort) as one string: the last outcome goes when it
   * changes, as it is about a row the person may no longer see. Defaults to `''`.
   */
  listKey?: string;
  /** Opens the host's editor; `edit` is offered only when given. */
  onEditUser: ((user: User) => void) | undefined;
  /** Opens the host's sign-in help; offered only when given. */
  onSignInHelp: ((user: User) => void) | undefined;
  /** Takes a removed user out of the selection. */
  deselect: (id: string) => void;
}) {
  const { settings, rolesById, rules, adminCount } = context;
  const { count: activeAdminCount, request: requestAdminCount, fetch: fetchAdminCount } = adminCount;
  const canEdit = onEditUser !== undefined;
  const { passwordReset } = useAdapterCapabilities();
  const availabilityWith = useCallback(
    (user: User, action: UserRowAction, adminCount: number | undefined) =>
      getActionAvailability(user, action, { settings, rolesById, activeAdminCount: adminCount, canEdit, passwordReset, ...(rules ? { rules } : {}) }),
    [settings, rolesById, canEdit, passwordReset, rules],
  );
  const actionAvailability = useCallback(
    (user: User, action: UserRowAction) => {
      // The last-admin guard needs the count: the first question about a row starts loading it.
      if (activeAdminCount === undefined) requestAdminCount();
      return availabilityWith(user, action, activeAdminCount);
    },
    [availabilityWith, activeAdminCount, requestAdminCount],
  );
  const isReadOnly = useCallback((user: User) => isOutsideScope(user, { settings, ...(rules ? { rules } : {}) }), [settings, rules]);

  const onEditRef = useRef(onEditUser);
  onEditRef.current = onEditUser;
  const hasSignInHelp = onSignInHelp !== undefined;
  const onSignInHelpRef = useRef(onSignInHelp);
  onSignInHelpRef.current = onSignInHelp;
  const canOpenSignInHelp = useCallback((user: User) => hasSignInHelp && canGetSignInHelp(user), [hasSignInHelp]);
  const openSignInHelp = useCallback((user: User) => onSignInHelpRef.current?.(user), []);
  const setStatus = useSetUserStatus();
  const remove = useRemoveUser();
  const resend = useResendUserInvitation();
  const sendReset = useSendPasswordReset();
  const [pendingRowActions, setPendingRowActions] = useState<ReadonlyMap<string, UserRowAction>>(() => new Map());
  const [lastRowAction, setLastRowAction] = useState<UserRowActionOutcome | null>(null);
  // A new page or search drops the banner of the last action (state adjusted while rendering, as
  // React's "storing information from previous renders": no effect, no flash of the old banner).
  const [outcomeListKey, setOutcomeListKey] = useState(listKey);
  if (outcomeListKey !== listKey) {
    setOutcomeListKey(listKey);
    if (lastRowAction) setLastRowAction(null);
  }

  const runRowAction = useCallback(
    async (user: User, action: UserRowAction): Promise<UserRowActionOutcome> => {
      if (action === 'edit') {
        onEditRef.current?.(user);
        return { action, user, ok: true, error: null };
      }
      // A newer action starts: the last one's banner goes.
      setLastRowAction(null);
      // An active admin's action waits for the admin count (the last-admin guard) when not known yet.
      const adminCountNow =
        activeAdminCount === undefined && isActiveAdmin(user, rolesById) ? await fetchAdminCount().catch(() => undefined) : activeAdminCount;
      const availability = availabilityWith(user, action, adminCountNow);
      if (!availability.visible || !availability.allowed) {
        const reason = availability.reason ?? 'invalid_status_transition';
        const outcome = { action, user, ok: false, error: new UserAdminError('forbidden', `${action} is not available`, { reason }) };
        setLastRowAction(outcome);
        return outcome;
      }
      setPendingRowActions((current) => new Map(current).set(user.id, action));
      let outcome: UserRowActionOutcome;
      try {
        let passwordReset: PasswordResetResult | undefined;
        if (action === 'deactivate' || action === 'reactivate') {
          await setStatus.mutateAsync({ id: user.id, status: action === 'deactivate' ? 'deactivated' : 'active', ...versionOf(user) });
        } else if (action === 'remove') {
          await remove.mutateAsync({ id: user.id, ...versionOf(user) });
          deselect(user.id);
        } else if (action === 'sendPasswordReset') {
          passwordReset = await sendReset.mutateAsync({ id: user.id });
        } else {
          await resend.mutateAsync(user);
        }
        outcome = { action, user, ok: true, error: null, ...(passwordReset ? { passwordReset } : {}) };
      } catch (error) {
        outcome = { action, user, ok: false, error: toUserAdminError(error) };
      } finally {
        setPendingRowActions((current) => {
          const next = new Map(current);
          next.delete(user.id);
          return next;
        });
      }
      setLastRowAction(outcome);
      return outcome;
    },
    // The mutation objects change identity on every state change; their mutateAsync do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [availabilityWith, activeAdminCount, rolesById, fetchAdminCount, setStatus.mutateAsync, remove.mutateAsync, resend.mutateAsync, sendReset.mutateAsync, deselect],
  );
  const dismissRowAction = useCallback(() => setLastRowAction(null), []);

  return {
    actionAvailability,
    isReadOnly,
    canOpenSignInHelp,
    openSignInHelp,
    runRowAction,
    pendingRowActions,
    lastRowAction,
    dismissRowAction,
  };
}
