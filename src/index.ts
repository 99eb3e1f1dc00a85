/**
 * The main entry (`user-admin-kit`): everything headless (`user-admin-kit/headless`, the same
 * names, listed again below) plus the styled components, which need `user-admin-kit/styles.css`.
 * The domain rules, limits and schemas are `user-admin-kit/core` (no React).
 *
 * Every name is listed here, by hand: a name not listed is internal (docs/api.md). The report of
 * this list with its signatures is etc/api/user-admin-kit.api.md; `npm run api:check` fails when
 * the build differs from it, and a unit test fails when a headless name is missing here.
 */

// ── The headless part: the same names as src/headless.ts ────────────────────────────────────

// The adapter contract: what an adapter implements, its errors, the shapes of its inputs (its
// limits and schemas: `user-admin-kit/core`).
export { getAdapterCapabilities, UserAdminError, isUserAdminError, isAbortError, throwIfAborted } from './headless';
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
} from './headless';

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
} from './headless';

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
export { useUserAdminContext, createUserAdminQueryClient, UserAdminProvider } from './headless';
export type { UserAdminProviderProps, UserAdminContextValue } from './headless';

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
} from './headless';
export type {
  UsersListParams,
  UserCountsParams,
  InvitationsListParams,
  EntitiesListParams,
  UserCountView,
  UserAdminMutationOptions,
  ListStateOptions,
  PagedListResult,
} from './headless';

// Settings, roles and modules.
export { useSettings, useAdapterCapabilities, useRoles, useModules } from './headless';

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
} from './headless';
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
  ListSelection,
  UserListView,
  UseUserCsvExportOptions,
  UseUserCsvExportResult,
  UserCsvExportOutcome,
  UserCsvExportStatus,
} from './headless';

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
} from './headless';
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
} from './headless';

// Roles and their module permissions (the matrix).
export { useUpdateRole, usePermissionMatrix } from './headless';
export type {
  UsePermissionMatrixOptions,
  UsePermissionMatrixResult,
  PermissionMatrixSaveResult,
  PermissionMatrixSource,
  PermissionValues,
  RowLevelChoice,
  MatrixRole,
  UpdateRoleVariables,
} from './headless';
export type { PermissionGridRow } from './headless';

// Entities: reads and the access picker.
export { useEntityChildren, useEntitySearch, useEntitiesByIds, useEntityAccessPicker } from './headless';
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
} from './headless';

// The invite form.
export { useInviteForm, useInviteCsvImport } from './headless';
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
} from './headless';

// The user editor.
export { useUserEditor } from './headless';
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
} from './headless';

// The sign-in error guide.
export { useSignInErrorGuide } from './headless';
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
} from './headless';

// The composed screen's state.
export { useUserAdminScreen } from './headless';
export type { UseUserAdminScreenOptions, UseUserAdminScreenResult, UserAdminTab } from './headless';

// ── The styled components ───────────────────────────────────────────────────────────────────

// The styled primitives the screens are made of, for a host's own parts between ours.
export {
  UserAdminRoot,
  useAnnounce,
  Button,
  Badge,
  Checkbox,
  Field,
  Dialog,
  DialogTrigger,
  DialogContent,
  DialogClose,
  ConfirmDialog,
  Pagination,
  SearchField,
  LoadingState,
  EmptyState,
  ErrorState,
  RetryNotice,
  StatusMessage,
  VisuallyHidden,
  Tabs,
  TabPanel,
  ActionMenu,
  HoverDetails,
  Chip,
  ResultList,
} from './ui';
export type {
  ButtonProps,
  BadgeProps,
  CheckboxProps,
  FieldProps,
  FieldControlProps,
  DialogContentProps,
  ConfirmDialogProps,
  PaginationProps,
  SearchFieldProps,
  LoadingStateProps,
  EmptyStateProps,
  ErrorStateProps,
  RetryNoticeProps,
  StatusMessageProps,
  TabsProps,
  TabPanelProps,
  TabItem,
  ActionMenuProps,
  ActionMenuItem,
  HoverDetailsProps,
  ChipProps,
  ResultListProps,
  ResultItem,
} from './ui';

// The users list, its state without markup (UserListBase) and its parts.
export {
  UserListBase,
  useUserListContext,
  UserListRoot,
  UserListViews,
  UserListPanel,
  UserListContent,
  UserListPagination,
  UserListRowConfirm,
  UserListToolbar,
  UserListExportButton,
  UserListSelectionBar,
  UserListRowOutcome,
  UserListBulkOutcome,
  UserListBulkConfirm,
  UserListBuiltinCell,
  UserListTable,
  UserList,
} from './users/components';
export type {
  UserListProps,
  UserListBaseProps,
  UserListContextValue,
  UserListRowConfirmState,
  UserListContentProps,
  UserListRowOutcomeProps,
  UserListToolbarProps,
  UserListExportButtonProps,
  UserListTableProps,
  UserListCellContext,
  UserListSelectionBarProps,
  UserListBulkConfirmProps,
} from './users/components';

// Pending invitations, its state without markup (PendingInvitationsBase) and its parts.
export {
  PendingInvitationsBase,
  usePendingInvitationsContext,
  PendingInvitationsRoot,
  PendingInvitationsTitle,
  PendingInvitationsSsoNotice,
  PendingInvitationsOutcomeBanner,
  PendingInvitationsContent,
  PendingInvitationsPagination,
  PendingInvitationsConfirm,
  PendingInvitationsToolbar,
  PendingInvitationsBulkBar,
  PendingInvitationsTable,
  PendingInvitationsOutcomeMessage,
  InvitationExpiry,
  PendingInvitations,
} from './invitations/components';
export type {
  PendingInvitationsProps,
  PendingInvitationsBaseProps,
  PendingInvitationsContextValue,
  PendingInvitationsConfirmState,
  PendingInvitationsContentProps,
  PendingInvitationsToolbarProps,
  PendingInvitationsTableProps,
  PendingInvitationsBulkBarProps,
  PendingInvitationsOutcomeMessageProps,
  InvitationExpiryProps,
  InvitationStatusFilter,
} from './invitations/components';

// The entity access picker, its state without markup (EntityAccessPickerBase) and its parts.
export {
  EntityAccessPickerBase,
  useEntityAccessPickerContext,
  EntityAccessPickerRoot,
  EntityAccessPickerTrigger,
  EntityAccessPickerSummary,
  EntityAccessPickerPopover,
  EntityAccessPickerFooter,
  EntityAccessPickerInline,
  EntityAccessPickerChips,
  EntityAccessPickerContent,
  EntityAccessPickerSearch,
  EntityAccessPickerMatches,
  EntityAccessPickerStatus,
  EntityAccessPickerTree,
  EntityAccessPickerHint,
  EntityAccessPicker,
} from './entities/components';
export type {
  EntityAccessPickerProps,
  EntityAccessPickerBaseProps,
  EntityAccessPickerContextValue,
  EntityAccessPickerFieldOptions,
  EntityAccessPickerVariant,
  EntityAccessPickerTriggerProps,
  EntityAccessPickerSummaryProps,
  EntityAccessPickerSearchProps,
} from './entities/components';

// The invite dialog and its fields.
export {
  InviteRoleField,
  InviteAdminScopeField,
  InviteEntitiesField,
  InviteModulePermissions,
  InviteEmailsField,
  InviteResults,
  InviteCsvImport,
  InviteDialog,
} from './invitations/invite/components';
export type {
  InviteDialogProps, InviteEmailsFieldProps, InviteAccessFieldProps, InviteResultsProps, InviteCsvImportProps,
} from './invitations/invite/components';

// Roles and module permissions; the permission matrix, its state without markup (PermissionMatrixBase) and its parts.
export { PermissionGrid, ModulePermissionsField } from './permissions/components';
export type { PermissionGridProps, PermissionGridColumn, ModulePermissionsFieldProps } from './permissions/components';
export {
  PermissionMatrixBase,
  usePermissionMatrixContext,
  PermissionMatrixRoot,
  PermissionMatrixToolbar,
  PermissionMatrixReadOnlyNotice,
  PermissionMatrixContent,
  PermissionMatrixGrid,
  PermissionMatrixPagination,
  PermissionMatrixSaveBar,
  PermissionMatrix,
} from './permissions/components';
export type {
  PermissionMatrixProps,
  PermissionMatrixBaseProps,
  PermissionMatrixContextValue,
  PermissionMatrixToolbarProps,
  PermissionMatrixContentProps,
  PermissionMatrixGridProps,
  PermissionMatrixPaginationProps,
} from './permissions/components';

// The user editor and its fields.
export {
  UserEditorProfileFields,
  UserEditorKindField,
  UserEditorAccessFields,
  UserEditorReadOnlyNotes,
  UserEditorDialog,
} from './editor/components';
export type { UserEditorDialogProps, UserEditorPartProps } from './editor/components';

// The sign-in error guide.
export { SignInErrorGuide, SignInErrorGuideDialog } from './sign-in-guide/components';
export type { SignInErrorGuideProps, SignInErrorGuideDialogProps } from './sign-in-guide/components';

// The composed screen, its state without markup (UserAdminBase) and its parts.
export {
  UserAdmin,
  UserAdminBase,
  useUserAdminScreenContext,
  UserAdminRootPart,
  UserAdminHeader,
  UserAdminTitle,
  UserAdminActions,
  UserAdminNotice,
  UserAdminTabs,
  UserAdminUsersPanel,
  UserAdminInvitationsPanel,
  UserAdminPermissionsPanel,
  UserAdminInviteDialog,
  UserAdminEditorDialog,
  UserAdminSignInGuideDialog,
} from './admin/components';
export type { UserAdminProps, UserAdminBaseProps, UserAdminScreenContextValue } from './admin/components';
