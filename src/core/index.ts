/**
 * The domain core: every rule of user administration, once, with no React, no TanStack and no
 * i18n (as TanStack's `table-core` under its adapters). The hooks call it to disable and explain,
 * the reference store, the REST handlers and every adapter call it to refuse. A rule changes here
 * and nowhere else.
 *
 * | rule | module |
 * | --- | --- |
 * | who may act on whom: self, admin scope, last active admin | `actions.ts` |
 * | admin scope containment, sub-accounts present and future | `scope.ts` |
 * | admin-only modules | `modules.ts` |
 * | invite classification and its order | `invite.ts` |
 * | the email change | `email.ts` |
 * | what enforced SSO forbids | `sso.ts` |
 * | who may be sent a password reset | `password.ts` |
 * | where a new user lands by default | `workspace.ts` |
 * | who owns profile fields (group level, identity provider), login-email domains, role presets | `profile.ts` |
 * | bounds: addresses per invitation, name, username, phone and email lengths, page and bulk sizes | `../contract/limits.ts` (the contract's bounds, re-exported here) |
 * | input hygiene: invisible characters in names, mixed-script and confusable domains | `../contract/text.ts` (re-exported here) |
 * | optimistic concurrency: a write with a stale `expectedVersion` | `version.ts` |
 */
export * from './refusal';
export * from './scope';
export * from './actions';
export * from './modules';
export * from './invite';
export * from './email';
export * from './sso';
export * from './password';
export * from './workspace';
export * from './profile';
export * from '../contract/limits';
export * from '../contract/text';
export * from './version';
