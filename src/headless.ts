/**
 * The headless entry (`user-admin-kit/headless`): provider, hooks, query keys and options, the
 * adapter contract's types and errors. No CSS and no styled component. The domain rules, limits and
 * schemas, which need no React, are the `user-admin-kit/core` entry.
 *
 * Every name is listed here, by hand: a name not listed is internal, whatever its module
 * exports (docs/api.md says what is public and why). etc/api/headless.api.md is the report of
 * this list with its signatures; `npm run api:check` fails when the build differs from it.
 *
 * The groups follow the order of their modules (contract, core, i18n, provider, query, features):
 * the build emits the modules in the order the entry names them, as it did with `export *`.
 */

// The adapter contract: what an adapter implements, its errors, the shapes of its inputs (its
// limits and schemas: `user-admin-kit/core`).
export { getAdapterCapabilities, UserAdminError, isUserAdminError, isAbortError, throwIfAborted } from './contract';
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

// The domain rules' types (the rules themselves: `user-admin-kit/core`).
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
} from './core';

// Messages and locales.
export {
  createUserAdminI18n,
  preloadUserAdminLocales,
  SUPPORTED_LOCALES,
  UserAdminI18nProvider,
  useUserAdminTranslation,
  translateError,
  translateFieldError,
  localeDirection,
} from './i18n';
export type {
  UserAdminI18nProviderProps,
  UserAdminLocaleLoader,
  UserAdminTranslation,
  UserAdminI18n,
  CreateUserAdminI18nOptions,
  UserAdminMessages,
  LocaleMessages,
  Messages,
  MessageKey,
  DeepPartial,
  PluralCategory,
  SupportedLocale,
  TranslateOptions,
  UserAdminT,
  Formatters,
  DateInput,
  TextDirection,
} from './i18n';

// The provider and its context.
export { useUserAdminContext, createUserAdminQueryClient, UserAdminProvider } from './provider';
export type { UserAdminProviderProps, UserAdminContextValue } from './provider';

// Query keys, query options and prefetching (TanStack Query).
export {
  userAdminKeys,
  settingsQueryOptions,
  rolesQueryOptions,
  modulesQueryOptions,
  usersListQueryOptions,
  userQueryOptions,
  userCountsQueryOptions,
  userCountViewQueryOptions,
  invitationsListQueryOptions,
  entitiesQueryOptions,
  entitiesByIdsQueryOptions,
  accessDiagnosticsQueryOptions,
  prefetchUserAdmin,
} from './query';
export type {
  UsersListParams,
  UserCountsParams,
  InvitationsListParams,
  EntitiesListParams,
  UserCountView,
  UserAdminMutationOptions,
  ListStateOptions,
  PagedListResult,
  ListSelection,
} from './query';

// Settings, roles and modules.
export { useSettings, useAdapterCapabilities, useRoles, useModules } from './settings';

// Users: the list, one user, counts, writes (hooks and their mutation options) and the table.
export {
  useUserList,
  useUserCounts,
  useUser,
  useCreateUser,
  createUserMutationOptions,
  useUpdateUser,
  updateUserMutationOptions,
  useSetUserStatus,
  setUserStatusMutationOptions,
  useRemoveUser,
  removeUserMutationOptions,
  useSendPasswordReset,
  sendPasswordResetMutationOptions,
  useBulkSetUserStatus,
  bulkSetUserStatusMutationOptions,
  useBulkRemoveUsers,
  bulkRemoveUsersMutationOptions,
  useBulkChangeRole,
  bulkChangeRoleMutationOptions,
  useAccessDiagnostics,
  useUserTable,
  useUserCsvExport,
} from './users';
export type {
  UseUserListOptions,
  UseUserListResult,
  UserListState,
  UserSort,
  UseUserOptions,
  UseUserCountsOptions,
  UseUserCountsResult,
  UseAccessDiagnosticsOptions,
  UseAccessDiagnosticsResult,
  UpdateUserVariables,
  SetUserStatusVariables,
  RemoveUserVariables,
  SendPasswordResetVariables,
  BulkOptions,
  BulkSetUserStatusVariables,
  BulkRemoveUsersVariables,
  BulkChangeRoleVariables,
  UseUserTableOptions,
  UseUserTableResult,
  UserBulkAction,
  UserBulkItemOutcome,
  UserBulkOutcome,
  UserBulkPhase,
  UserBulkRunner,
  UserBulkRunOptions,
  UserBulkSkipReason,
  UserRowActionOutcome,
  UserListBuiltinColumnId,
  UserListColumn,
  UserListColumnVisibility,
  UserListCustomColumn,
  UserTableFeatures,
  ActionGuardContext,
  UserActionAvailability,
  UserActionBlockReason,
  UserRowAction,
  UserListView,
  UseUserCsvExportOptions,
  UseUserCsvExportResult,
  UserCsvExportOutcome,
  UserCsvExportStatus,
} from './users';

// Invitations: the list, the pending-invitations screen state, writes.
export {
  useInvitationList,
  useInviteUsers,
  inviteUsersMutationOptions,
  useResendInvitation,
  resendInvitationMutationOptions,
  useRevokeInvitation,
  revokeInvitationMutationOptions,
  useBulkResendInvitations,
  bulkResendInvitationsMutationOptions,
  useBulkRevokeInvitations,
  bulkRevokeInvitationsMutationOptions,
  useResendUserInvitation,
  resendUserInvitationMutationOptions,
  usePendingInvitations,
} from './invitations';
export type {
  UseInvitationListOptions,
  UseInvitationListResult,
  InvitationListState,
  UsePendingInvitationsOptions,
  UsePendingInvitationsResult,
  PendingInvitationRow,
  PendingInvitationResult,
  PendingInvitationsOutcome,
  PageSelectionState,
  InvitationAction,
  InvitationIdVariables,
  InvitationIdsVariables,
  InvitationBulkOptions,
  InvitationBulkResult,
  InvitationBulkItemResult,
  ResendUserInvitationVariables,
} from './invitations';

// Roles and their module permissions (the matrix).
export { useUpdateRole, usePermissionMatrix } from './permissions';
export type {
  UsePermissionMatrixOptions,
  UsePermissionMatrixResult,
  PermissionMatrixSaveResult,
  PermissionMatrixSource,
  PermissionValues,
  RowLevelChoice,
  MatrixRole,
  UpdateRoleVariables,
} from './permissions';
export type { PermissionGridRow } from './permissions/components';

// Entities: reads and the access picker.
export { useEntityChildren, useEntitySearch, useEntitiesByIds, useEntityAccessPicker } from './entities';
export type {
  UseEntityChildrenOptions,
  UseEntitySearchOptions,
  UseEntityListResult,
  UseEntitiesByIdsResult,
  UseEntityAccessPickerOptions,
  UseEntityAccessPickerResult,
  EntityAccessValue,
  ParentOf,
  EntityAccessSelectionMode,
  SelectedEntity,
  SelectAllMatchingOutcome,
  SelectAllMatchingState,
} from './entities';

// The invite form.
export { useInviteForm, useInviteCsvImport } from './invitations/invite';
export type {
  UseInviteFormOptions,
  UseInviteFormResult,
  InviteImportEntry,
  UseInviteCsvImportOptions,
  UseInviteCsvImportResult,
  InviteCsvImportPhase,
  CsvInvitePreviewLine,
  CsvInviteRow,
  CsvInviteSkipReason,
  CsvInviteFileError,
  InviteChip,
  InviteFormDefaults,
  InviteOutcome,
  InviteFormValues,
  ParsedAddress,
  AddressStatus,
} from './invitations/invite';

// The user editor.
export { useUserEditor } from './editor';
export type {
  UseUserEditorOptions,
  UseUserEditorResult,
  UserEditorEmailChange,
  UserEditorPendingEmail,
  UserEditorSaveResult,
  UserEditorSubmitOutcome,
  UserEditorContext,
  UserEditorProfileField,
  UserEditorValues,
} from './editor';

// The sign-in error guide.
export { useSignInErrorGuide } from './sign-in-guide';
export type {
  UseSignInErrorGuideOptions,
  UseSignInErrorGuideResult,
  SignInErrorGuideDiagnosis,
  SignInMessageDiagnosis,
  SignInFailure,
  SignInAdminAction,
  SignInAdminActionState,
  SignInDiagnosisCode,
  SignInGuidance,
  SignInGuidanceContext,
  SignInResolver,
} from './sign-in-guide';

// The composed screen's state.
export { useUserAdminScreen } from './admin';
export type { UseUserAdminScreenOptions, UseUserAdminScreenResult, UserAdminTab } from './admin';
