export { UserAdmin } from './UserAdmin';
export type { UserAdminProps } from './UserAdmin';
