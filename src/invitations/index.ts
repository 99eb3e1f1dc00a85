export * from './useInvitationList';
export * from './useInvitationMutations';
export * from './useResendUserInvitation';
export * from './usePendingInvitations';
