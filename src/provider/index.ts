export { UserAdminProvider, type UserAdminProviderProps } from './UserAdminProvider';
export { useUserAdminContext, UserAdminContext, type UserAdminContextValue } from './context';
export { createUserAdminQueryClient, DEFAULT_RETRY_COUNT } from './queryClient';
export { assertUserAdminAdapter, missingAdapterMethods } from './validateAdapter';
