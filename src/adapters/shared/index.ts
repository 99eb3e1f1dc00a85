/**
 * Building blocks for adapters over backends that cannot answer every query themselves.
 * Internal to the package's adapters (not a public entry).
 */
export { queryUsers, matchesUserFilter, matchesUserSearch, type UserQueryContext } from './user-query';
export { COMMON_DISPOSABLE_DOMAINS, domainIn, isCommonDisposableEmail, type DisposableEmailCheck } from './disposable';
export { foldText } from './text';
export { sendRequest } from './http';
export { withUndo, type UndoLog } from './undo';
export { parseInput, checkPaging } from './input';
