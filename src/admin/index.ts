export * from './useUserAdminScreen';
