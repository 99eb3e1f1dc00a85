/** The styled invite dialog and its parts, built on `useInviteForm`. */
export { InviteDialog } from './InviteDialog';
export type { InviteDialogProps } from './InviteDialog';
export { InviteEmailsField } from './InviteEmailsField';
export type { InviteEmailsFieldProps } from './InviteEmailsField';
export { InviteRoleField, InviteAdminScopeField, InviteEntitiesField, InviteModulePermissions } from './InviteAccessFields';
export type { InviteAccessFieldProps } from './InviteAccessFields';
export { InviteResults } from './InviteResults';
export { InviteCsvImport } from './InviteCsvImport';
export type { InviteCsvImportProps } from './InviteCsvImport';
export type { InviteResultsProps } from './InviteResults';
