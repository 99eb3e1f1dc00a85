export { PendingInvitations } from './PendingInvitations';
export type { PendingInvitationsProps } from './PendingInvitations';
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
