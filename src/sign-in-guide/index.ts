/** The sign-in error guide: the headless classifier and hook. */
export { diagnoseSignInMessage, foldSignInText } from './diagnose';
export type { SignInMessageDiagnosis } from './diagnose';
export { SIGN_IN_FAILURE_CODES, SIGN_IN_GUIDANCE, UNKNOWN_SIGN_IN_GUIDANCE, getSignInGuidance } from './guidance';
export type { SignInAdminAction, SignInDiagnosisCode, SignInGuidance, SignInGuidanceContext, SignInResolver } from './guidance';
export { buildSupportDetails } from './supportDetails';
export type { SupportDetailsInput } from './supportDetails';
export { useSignInErrorGuide } from './useSignInErrorGuide';
export type {
  SignInAdminActionState, SignInErrorGuideDiagnosis, SignInFailure, UseSignInErrorGuideOptions, UseSignInErrorGuideResult,
} from './useSignInErrorGuide';
