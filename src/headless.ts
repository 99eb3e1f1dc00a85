/**
 * The headless entry: provider, hooks, query keys and options, the adapter contract and the
 * permission rules. No CSS and no styled component.
 */
export * from './adapter';
export * from './core';
export * from './provider';
export * from './query';
export * from './settings';
export * from './users';
export * from './invitations';
export * from './permissions';
export * from './entities';
export * from './i18n';
export * from './invite';
export * from './editor';
export * from './diagnostics';
export * from './admin';
