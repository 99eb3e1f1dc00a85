/**
 * The core entry (`user-admin-kit/core`): the domain rules and the contract's limits and schemas,
 * with no React and no TanStack (TanStack's `table-core` beside `react-table`). Every screen and
 * every adapter of the library applies these; a host's server, job or CLI imports them to enforce
 * the same rules without a browser.
 *
 * Every name is listed here, by hand (docs/api.md). etc/api/core.api.md is the report of this list
 * with its signatures; `npm run api:check` fails when the build differs from it.
 */

// The contract's error, limits (docs/limits.md) and input schemas.
export { UserAdminError, isUserAdminError } from './contract';
export {
  MAX_INVITE_ADDRESSES,
  INVITE_CONFIRM_ABOVE,
  MAX_NAME_LENGTH,
  MAX_USERNAME_LENGTH,
  MAX_PHONE_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_PAGE_SIZE,
  MAX_BULK_IDS,
  checkPageSize,
  cleanName,
  domainRisk,
} from './core';
export {
  createUserSchema,
  userPatchSchema,
  inviteUsersSchema,
  bulkIdsSchema,
  isValidEmail,
} from './contract';

// The domain rules (docs/domain-rules.md).
export {
  // refusals
  enforce,
  // admin scope
  ancestryFromParents,
  entityInScope,
  userInScope,
  defaultAdminScope,
  scopeRoots,
  // who may act on whom
  administers,
  checkActOnUser,
  checkGrant,
  checkAccessChange,
  isActiveAdminUser,
  // admin-only modules
  lockedModuleIds,
  clearAdminOnly,
  checkAdminOnlyModules,
  // invitations: classification and its order
  INVITE_SKIP_ORDER,
  screenInvitees,
  classifyInvitee,
  inviteeExisting,
  // email change, SSO, workspace, profile, optimistic concurrency
  emailChangeOutcome,
  ssoRefusal,
  reactivationOutcome,
  defaultAccess,
  actingScope,
  actorOf,
  readOnlyProfileFields,
  checkProfileChange,
  checkLoginEmail,
  checkRoleEdit,
  checkVersion,
  // password reset
  checkPasswordReset,
  passwordResetApplies,
  PASSWORD_RESET_TTL_MS,
} from './core';
export type {
  Refusal,
  AccessChange,
  Actor,
  Grant,
  RuleContext,
  RuleTarget,
  UserAction,
  EntityAncestry,
  EmailChangeOutcome,
  InviteeFacts,
  ScreenedInvitees,
  SsoGuardedAction,
  DomainRisk,
  PasswordResetTarget,
} from './core';

// The shapes the rules read and the errors they name.
export type {
  AccessDiagnostics,
  AdapterCapabilities,
  AdminScope,
  AdminWorkspace,
  BulkItemResult,
  BulkResult,
  CallOptions,
  CreateContactInput,
  CreateLoginUserInput,
  CreateUserInput,
  CreateUserResult,
  Entity,
  EntityKind,
  IdentityProviderField,
  Invitation,
  InvitationExpiryPolicy,
  InvitationKind,
  InvitationStatus,
  InvitationSummary,
  InviteFailure,
  InviteSkipReason,
  InviteUsersInput,
  InviteUsersResult,
  ListEntitiesParams,
  ListInvitationsParams,
  ListUsersParams,
  Module,
  ModulePermissions,
  OptionalAdapterMethod,
  Page,
  PasswordResetResult,
  RequiredAdapterMethod,
  Role,
  RolePatch,
  Settings,
  SignInFailureCode,
  SortDirection,
  UpdateUserResult,
  User,
  UserAdminAdapter,
  UserCounts,
  UserFilter,
  UserKind,
  UsernamePolicy,
  UserPatch,
  UserScope,
  UserSortField,
  UserSource,
  UserStatus,
  VersionedWrite,
  DomainErrorReason,
  FieldErrorCode,
  FieldErrors,
  UserAdminErrorCode,
  UserAdminErrorOptions,
  UserAdminErrorShape,
  CreateContactValues,
  CreateLoginUserValues,
  InviteUsersValues,
} from './contract';
