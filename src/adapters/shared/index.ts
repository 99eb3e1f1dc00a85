/**
 * Building blocks for adapters over backends that cannot answer every query themselves.
 * Internal to the package's adapters (not a public entry).
 */
export { queryUsers, matchesUserFilter, matchesUserSearch, type UserQueryContext } from './user-query';
export { isDisposableEmail } from './disposable';
export { foldText } from './text';
export { sendRequest } from './http';
