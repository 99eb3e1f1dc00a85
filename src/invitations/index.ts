export * from './useInvitationList';
export * from './useInvitationMutations';
export * from './usePendingInvitations';
