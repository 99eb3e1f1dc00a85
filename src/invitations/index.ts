export * from './useInvitationList';
export * from './useInvitationMutations';
