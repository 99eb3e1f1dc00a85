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
} from './UserAdmin';
export type { UserAdminProps, UserAdminBaseProps, UserAdminScreenContextValue } from './UserAdmin';
