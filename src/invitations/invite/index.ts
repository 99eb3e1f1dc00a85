/** The invite dialog without its looks: address parsing, the form schema and the form hook. */
export * from './parseEmails';
export * from './invite.schema';
export * from './useInviteForm';
export * from './csvInvite';
export * from './useInviteCsvImport';
