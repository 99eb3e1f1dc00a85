export {
  PendingInvitations,
  PendingInvitationsRoot,
  PendingInvitationsTitle,
  PendingInvitationsSsoNotice,
  PendingInvitationsOutcomeBanner,
  PendingInvitationsContent,
  PendingInvitationsPagination,
  PendingInvitationsConfirm,
} from './PendingInvitations';
export type { PendingInvitationsProps, PendingInvitationsContentProps } from './PendingInvitations';
export { PendingInvitationsBase, usePendingInvitationsContext } from './PendingInvitationsBase';
export type { PendingInvitationsBaseProps, PendingInvitationsContextValue, PendingInvitationsConfirmState } from './PendingInvitationsBase';
export {
  PendingInvitationsToolbar,
  PendingInvitationsBulkBar,
  PendingInvitationsTable,
  PendingInvitationsOutcomeMessage,
  InvitationExpiry,
} from './PendingInvitationsParts';
export type {
  InvitationStatusFilter,
  InvitationExpiryProps,
  PendingInvitationsToolbarProps,
  PendingInvitationsBulkBarProps,
  PendingInvitationsTableProps,
  PendingInvitationsOutcomeMessageProps,
} from './PendingInvitationsParts';
