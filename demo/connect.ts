/**
 * The adapters of the real demo backends, built from what `/__demo/backend.json` said: this is
 * what a host writes (with its own token and reference data).
 */
import type { Entity, Module, UserAdminAdapter } from '../src/contract/types';
import { connectScimAdapter } from '../src/adapters/scim';
import { createBetterAuthAdapter, type BetterAuthModuleOption, type BetterAuthStaticRoleOption } from '../src/adapters/better-auth';
import type { DemoBackendInfo } from './backends';

export async function createDemoAdapter(info: Exclude<DemoBackendInfo, { kind: 'mock' }>): Promise<UserAdminAdapter> {
  if (info.kind === 'scim') {
    return connectScimAdapter({
      baseUrl: info.baseUrl,
      token: info.token,
      currentUserId: info.currentUserId,
      entities: info.entities as Entity[],
      modules: info.modules as Module[],
    });
  }
  // The page is same-origin with the server: the browser sends Origin itself.
  return createBetterAuthAdapter({
    baseURL: info.authURL,
    token: info.token,
    invitationTtlDays: info.invitationTtlDays,
    modules: info.modules as BetterAuthModuleOption[],
    roles: info.roles as BetterAuthStaticRoleOption[],
    // The demo's server keeps the reset emails (servers/better-auth, sentPasswordResets); the link leads back to this page's origin.
    passwordReset: { redirectTo: `${window.location.origin}/reset-password` },
  });
}
