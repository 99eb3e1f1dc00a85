import { useCallback, useMemo, useRef, useState } from 'react';
import { toUserAdminError, type UserAdminError } from '../contract/errors';
import type { AccessDiagnostics, PasswordResetResult, Settings, User } from '../contract/types';
import { useUserAdminTranslation } from '../i18n';
import { useSettings } from '../settings/useSettings';
import { checkActOnUser, checkPasswordReset, passwordResetApplies, ssoRefusal, type RuleContext } from '../core';
import { useActingRules } from '../entities/useActingRules';
import { useEntitiesByIds } from '../entities/useEntities';
import { useAccessDiagnostics, type UseAccessDiagnosticsResult } from '../users/useAccessDiagnostics';
import { useResendUserInvitation } from '../invitations/useResendUserInvitation';
import { useSetUserStatus } from '../users/useSetUserStatus';
import { useSendPasswordReset } from '../users/useSendPasswordReset';
import { useAdapterCapabilities } from '../settings/useAdapterCapabilities';
import { useUser } from '../users/useUser';
import { diagnoseSignInMessage, type SignInMessageDiagnosis } from './diagnose';
import { getSignInGuidance, type SignInAdminAction, type SignInGuidance } from './guidance';
import { buildSupportDetails } from './supportDetails';

/** One failed sign-in, as `getAccessDiagnostics` reports it. */
export type SignInFailure = AccessDiagnostics['failures'][number];

/** Options of {@link useSignInErrorGuide}. */
export interface UseSignInErrorGuideOptions {
  /** The user whose sign-in fails; their recent failures are loaded when the adapter reports them. Defaults to none. */
  user?: User | null;
  /** The error message the admin pasted; when not blank it decides the diagnosis. Defaults to none. */
  message?: string;
  /** Opens the host's editor, which makes `editEntities` available as an action. Defaults to none (not offered). */
  onEditUser?: (user: User) => void;
  /** The current instant, the date of the details when no failure is chosen. Defaults to `Date.now`. */
  now?: () => number;
}

/** The diagnosis the guide shows, and where it came from. */
export interface SignInErrorGuideDiagnosis extends SignInMessageDiagnosis {
  /** `message` when a pasted message decided it, `failure` when the chosen failure of the user did. */
  source: 'message' | 'failure';
}

/** Where the admin action is. */
export interface SignInAdminActionState {
  status: 'idle' | 'pending' | 'success' | 'error';
  /** The action that ran last. `null` while idle. */
  action: SignInAdminAction | null;
  /** The failure, translated by the caller with `translateError`. */
  error: UserAdminError | null;
  /** After a reactivation: the user as the server returned them (`invited` when they never accepted their invitation). */
  user: User | null;
  /** After a password reset was sent: where the link went and until when. */
  passwordReset: PasswordResetResult | null;
}

/** What {@link useSignInErrorGuide} returns. */
export interface UseSignInErrorGuideResult {
  /** The user, kept fresh from the cache (their status changes after an action); `null` without one. */
  user: User | null;
  settings: Settings | undefined;
  /** Whether the adapter reports sign-in attempts (`getAccessDiagnostics`). */
  diagnosticsSupported: boolean;
  /** The diagnostics query of the user (idle without a user or support). */
  diagnostics: UseAccessDiagnosticsResult;
  /** The user's recent failures, newest first. */
  failures: SignInFailure[];
  /** The chosen failure: the newest unless another was chosen. */
  selectedFailure: SignInFailure | null;
  /** Chooses a failure by its request id. */
  selectFailure: (requestId: string) => void;
  /** The pasted message's diagnosis when it is not blank, else the chosen failure's; `null` with neither. */
  diagnosis: SignInErrorGuideDiagnosis | null;
  /** The guidance for the diagnosis (adapted to SSO enforcement); `null` without a diagnosis. */
  guidance: SignInGuidance | null;
  /** The guidance's admin action when it applies to this user now (e.g. `reactivate` for a deactivated user); else `null`. */
  adminAction: SignInAdminAction | null;
  /** Runs {@link adminAction}. Resolves with the outcome; never rejects. */
  runAdminAction: () => Promise<SignInAdminActionState>;
  adminActionState: SignInAdminActionState;
  /** The text to send to support: translated labels, the raw message, the ISO date, the email and request id. `null` without a diagnosis. */
  supportDetails: string | null;
}

const IDLE: SignInAdminActionState = { status: 'idle', action: null, error: null, user: null, passwordReset: null };

/**
 * Whether a guidance's action applies to this user now, for this admin: the core's rules decide
 * (`checkActOnUser` with the acting rules, as the users list: admin scope, self; `ssoRefusal` for a
 * resend; `checkPasswordReset` for a password reset, offered only when the adapter has it). Without
 * the rules yet (settings loading) nothing is offered.
 */
function applicableAction(
  action: SignInAdminAction | undefined,
  user: User | null,
  settings: Settings | undefined,
  rules: RuleContext | undefined,
  can: { edit: boolean; passwordReset: boolean },
): SignInAdminAction | null {
  if (!action || !user || user.kind !== 'login' || !rules) return null;
  switch (action) {
    case 'reactivate':
      if (user.status !== 'deactivated') return null;
      return checkActOnUser(rules, user, 'reactivate') ? null : action;
    case 'resendInvitation':
      if (ssoRefusal(settings?.sso.enforced === true, 'resendInvitation') || settings?.features?.invitations === false) return null;
      if (user.invitation === null) return null;
      return checkActOnUser(rules, user, 'resendInvitation') ? null : action;
    case 'editEntities':
      if (!can.edit) return null;
      return checkActOnUser(rules, user, 'edit') ? null : action;
    case 'sendPasswordReset':
      if (!can.passwordReset || !passwordResetApplies(user)) return null;
      return checkPasswordReset(rules, user, { ssoEnforced: settings?.sso.enforced === true }) ? null : action;
  }
}

const NO_IDS: readonly string[] = [];

/**
 * The sign-in error guide, headless. It combines two sources: the user's recent failures (when the
 * adapter has `getAccessDiagnostics`; the newest is chosen) and a message the admin pasted (which,
 * when not blank, decides). It gives the probable cause, who can fix it, the steps, the admin action
 * that applies now (reactivate, resend the invitation, edit entity access, send a password reset)
 * and the details for support.
 *
 * @example
 * const [message, setMessage] = useState('');
 * const guide = useSignInErrorGuide({ user, message });
 * guide.diagnosis?.code; // 'account_deactivated'
 * guide.adminAction; // 'reactivate'
 * await guide.runAdminAction();
 * await navigator.clipboard.writeText(guide.supportDetails ?? '');
 */
export function useSignInErrorGuide(options: UseSignInErrorGuideOptions = {}): UseSignInErrorGuideResult {
  const { message = '', onEditUser, now = Date.now } = options;
  const { t, locale } = useUserAdminTranslation();
  const settings = useSettings().data;
  const propUser = options.user ?? null;
  const userQuery = useUser(propUser?.id);
  const user = propUser ? (userQuery.data?.id === propUser.id ? userQuery.data : propUser) : null;
  const diagnostics = useAccessDiagnostics(user?.id);
  // The user's entities (and those of their admin scope), for the acting rules of the core, as the list.
  const entityKey = user ? [...new Set([...user.entityIds, ...(user.adminScope?.type === 'entities' ? user.adminScope.entityIds : [])])].sort().join('\u0000') : '';
  const entityIds = useMemo(() => (entityKey ? entityKey.split('\u0000') : NO_IDS), [entityKey]);
  const entitiesQuery = useEntitiesByIds(entityIds);
  const entitiesById = entitiesQuery.byId;
  // Entities asked for and not returned: a backend shows a scoped admin only the entities of their scope.
  const hiddenEntityIds = useMemo(
    () => (entitiesQuery.isSuccess ? entityIds.filter((id) => !entitiesById.has(id)) : NO_IDS),
    [entitiesQuery.isSuccess, entityIds, entitiesById],
  );
  const { rules } = useActingRules(entitiesById, hiddenEntityIds);

  const failures = useMemo(
    () => [...(diagnostics.data?.failures ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
    [diagnostics.data],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const selectedFailure = failures.find((failure) => failure.requestId === chosen) ?? failures[0] ?? null;

  const diagnosis = useMemo<SignInErrorGuideDiagnosis | null>(() => {
    if (message.trim()) return { ...diagnoseSignInMessage(message), source: 'message' };
    if (selectedFailure) return { code: selectedFailure.code, confidence: 'high', source: 'failure' };
    return null;
  }, [message, selectedFailure]);
  const guidance = diagnosis ? getSignInGuidance(diagnosis.code, { ssoEnforced: settings?.sso.enforced === true }) : null;
  const { passwordReset: canSendPasswordReset } = useAdapterCapabilities();
  const adminAction = guidance?.resolver === 'admin'
    ? applicableAction(guidance.adminAction, user, settings, rules, { edit: onEditUser !== undefined, passwordReset: canSendPasswordReset })
    : null;

  // --- Admin action ------------------------------------------------------------------------------
  // The mutation objects change identity on every state change; their mutateAsync do not.
  const { mutateAsync: setStatusAsync } = useSetUserStatus();
  const { mutateAsync: resendAsync } = useResendUserInvitation();
  const { mutateAsync: sendResetAsync } = useSendPasswordReset();
  const [actionState, setActionState] = useState<SignInAdminActionState>(IDLE);
  const [actionUserId, setActionUserId] = useState<string | null>(null);
  const onEditRef = useRef(onEditUser);
  onEditRef.current = onEditUser;
  const runAdminAction = useCallback(async (): Promise<SignInAdminActionState> => {
    if (!adminAction || !user) return IDLE;
    setActionUserId(user.id);
    if (adminAction === 'editEntities') {
      onEditRef.current?.(user);
      return IDLE;
    }
    setActionState({ ...IDLE, status: 'pending', action: adminAction });
    let next: SignInAdminActionState;
    try {
      if (adminAction === 'reactivate') {
        const updated = await setStatusAsync({ id: user.id, status: 'active' });
        next = { ...IDLE, status: 'success', action: adminAction, user: updated };
      } else if (adminAction === 'sendPasswordReset') {
        const sent = await sendResetAsync({ id: user.id });
        next = { ...IDLE, status: 'success', action: adminAction, passwordReset: sent };
      } else {
        await resendAsync(user);
        next = { ...IDLE, status: 'success', action: adminAction };
      }
    } catch (error) {
      next = { ...IDLE, status: 'error', action: adminAction, error: toUserAdminError(error) };
    }
    setActionState(next);
    return next;
  }, [adminAction, user, setStatusAsync, resendAsync, sendResetAsync]);

  const supportDetails = diagnosis
    ? buildSupportDetails({
      t,
      locale,
      code: diagnosis.code,
      message: diagnosis.source === 'message' ? message : null,
      occurredAt: selectedFailure?.at ?? now(),
      email: user?.email ?? null,
      requestId: selectedFailure?.requestId ?? null,
      ip: selectedFailure?.ip ?? null,
      userAgent: selectedFailure?.userAgent ?? null,
    })
    : null;

  return {
    user,
    settings,
    diagnosticsSupported: diagnostics.isSupported,
    diagnostics,
    failures,
    selectedFailure,
    selectFailure: setChosen,
    diagnosis,
    guidance,
    adminAction,
    runAdminAction,
    // An outcome belongs to the user it was for.
    adminActionState: actionUserId === (user?.id ?? null) ? actionState : IDLE,
    supportDetails,
  };
}
