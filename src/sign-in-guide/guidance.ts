import type { SignInFailureCode } from '../contract/types';
import type { MessageKey } from '../i18n';

/**
 * Every sign-in failure code of the adapter contract, in the order the guide documents them.
 * @example
 * SIGN_IN_FAILURE_CODES.map((code) => t(`signInFailure.${code}`));
 */
export const SIGN_IN_FAILURE_CODES: readonly SignInFailureCode[] = [
  'invalid_credentials', 'account_deactivated', 'invitation_expired', 'invitation_pending', 'sso_required', 'sso_error',
  'locked', 'mfa_failed', 'entity_not_granted',
];

/** A failure code, or `unknown` for a message the classifier does not recognise. */
export type SignInDiagnosisCode = SignInFailureCode | 'unknown';

/**
 * Who can resolve a failure: this administrator (in this screen), the administrator of the
 * organisation's identity provider, or the product's support.
 */
export type SignInResolver = 'admin' | 'identity_provider' | 'support';

/** What an administrator can do about a failure right in the guide. */
export type SignInAdminAction = 'reactivate' | 'resendInvitation' | 'editEntities' | 'sendPasswordReset';

/** The guidance for one failure: who resolves it, the steps (message keys, in order), and an action when one applies. */
export interface SignInGuidance {
  resolver: SignInResolver;
  /** Message keys of the steps, in order. They may use `{{provider}}` (the identity provider's name). */
  steps: MessageKey[];
  /** What this admin can do right away. Defaults to none. */
  adminAction?: SignInAdminAction;
}

/**
 * The guidance per failure code. The decisions:
 * - `invalid_credentials` → **admin**: the person resets their own password ("Forgot password?");
 *   the admin checks the identifier. Action `sendPasswordReset` (a forgotten or expired password):
 *   the admin sends a link to choose a new one, offered when the adapter has `sendPasswordReset`
 *   and the core's `checkPasswordReset` allows it (an active login user, not under enforced SSO).
 *   An admin never sets a password.
 * - `account_deactivated` → **admin**, action `reactivate` (when the message came from the identity
 *   provider instead, a step says its administrator enables the account there).
 * - `invitation_expired` → **admin**, action `resendInvitation`.
 * - `invitation_pending` → **admin**: the person must open the invitation; the admin may resend it
 *   (action `resendInvitation`).
 * - `sso_required` → **admin**: the person must use the SSO button, not a password. No action.
 * - `sso_error` → **identity_provider**: assignment, signature, certificate and clock problems are
 *   fixed in the identity provider's configuration.
 * - `locked` → **support**: the lock lifts by itself after the policy's delay; when it does not,
 *   only support can unlock (no admin action exists in the contract).
 * - `mfa_failed` → **support**: the person checks their device and uses a recovery code; resetting a
 *   second factor is support's job, or the identity provider's under SSO enforcement (see
 *   {@link getSignInGuidance}).
 * - `entity_not_granted` → **admin**, action `editEntities` (offered when the host can open its editor).
 *
 * @example
 * const { resolver, steps, adminAction } = SIGN_IN_GUIDANCE.account_deactivated;
 * // 'admin', [...3 keys], 'reactivate'
 */
export const SIGN_IN_GUIDANCE: Record<SignInFailureCode, SignInGuidance> = {
  invalid_credentials: {
    resolver: 'admin',
    steps: [
      'signInGuide.steps.invalid_credentials.checkIdentifier',
      'signInGuide.steps.invalid_credentials.resetPassword',
      'signInGuide.steps.invalid_credentials.tryOnce',
    ],
    adminAction: 'sendPasswordReset',
  },
  account_deactivated: {
    resolver: 'admin',
    steps: [
      'signInGuide.steps.account_deactivated.confirm',
      'signInGuide.steps.account_deactivated.reactivate',
      'signInGuide.steps.account_deactivated.idpDisabled',
    ],
    adminAction: 'reactivate',
  },
  invitation_expired: {
    resolver: 'admin',
    steps: ['signInGuide.steps.invitation_expired.resend', 'signInGuide.steps.invitation_expired.openNewest'],
    adminAction: 'resendInvitation',
  },
  invitation_pending: {
    resolver: 'admin',
    steps: ['signInGuide.steps.invitation_pending.openInvitation', 'signInGuide.steps.invitation_pending.checkSpam'],
    adminAction: 'resendInvitation',
  },
  sso_required: {
    resolver: 'admin',
    steps: ['signInGuide.steps.sso_required.useSso', 'signInGuide.steps.sso_required.noPassword'],
  },
  sso_error: {
    resolver: 'identity_provider',
    steps: [
      'signInGuide.steps.sso_error.sendDetails',
      'signInGuide.steps.sso_error.checkAssignment',
      'signInGuide.steps.sso_error.checkConfiguration',
    ],
  },
  locked: {
    resolver: 'support',
    steps: ['signInGuide.steps.locked.wait', 'signInGuide.steps.locked.resetPassword', 'signInGuide.steps.locked.contactSupport'],
  },
  mfa_failed: {
    resolver: 'support',
    steps: ['signInGuide.steps.mfa_failed.deviceTime', 'signInGuide.steps.mfa_failed.recoveryCode', 'signInGuide.steps.mfa_failed.reset'],
  },
  entity_not_granted: {
    resolver: 'admin',
    steps: [
      'signInGuide.steps.entity_not_granted.askEntity',
      'signInGuide.steps.entity_not_granted.grant',
      'signInGuide.steps.entity_not_granted.chooseOwn',
    ],
    adminAction: 'editEntities',
  },
};

/**
 * The guidance for a message nobody recognises: support resolves it, after the generic checks.
 * @example
 * UNKNOWN_SIGN_IN_GUIDANCE.resolver; // 'support'
 */
export const UNKNOWN_SIGN_IN_GUIDANCE: SignInGuidance = {
  resolver: 'support',
  steps: ['signInGuide.steps.unknown.checkStatus', 'signInGuide.steps.unknown.sendDetails'],
};

/** What {@link getSignInGuidance} adapts the guidance to. */
export interface SignInGuidanceContext {
  /** Whether the organisation signs in through SSO only. Defaults to `false`. */
  ssoEnforced?: boolean;
}

/**
 * The guidance for a diagnosis code, adapted to the organisation: under SSO enforcement the
 * identity provider owns the second factor, so `mfa_failed` goes to its administrator.
 * @example
 * getSignInGuidance('mfa_failed', { ssoEnforced: true }).resolver; // 'identity_provider'
 * getSignInGuidance('unknown').resolver; // 'support'
 */
export function getSignInGuidance(code: SignInDiagnosisCode, context: SignInGuidanceContext = {}): SignInGuidance {
  if (code === 'unknown') return UNKNOWN_SIGN_IN_GUIDANCE;
  const guidance = SIGN_IN_GUIDANCE[code];
  if (code === 'mfa_failed' && context.ssoEnforced) return { ...guidance, resolver: 'identity_provider' };
  return guidance;
}
