/**
 * The main entry: everything headless (see `./headless`) plus the styled components, which need
 * `user-admin-kit/styles.css`.
 */
export * from './headless';
export * from './ui';
export * from './users/components';
export * from './invitations/components';
export * from './invite/components';
export * from './permissions/components';
export * from './entities/components';
export * from './editor/components';
export * from './diagnostics/components';
export * from './admin/components';
