/**
 * A fresh seeded better-auth server on 127.0.0.1 and the adapter over it, signed in as the seeded
 * admin with a bearer token, plus the conformance controls: fault layer (failNext, latency),
 * SSO and allowed domains through adapter options, the clock through vitest's fake `Date`
 * (server and adapter share the process). The harness is a host that offers `addMember` (the
 * server-side `auth.api.addMember`), so a failed removal can put memberships back.
 *
 * No `actAs`: better-auth has no per-user admin scope (`features.adminScope: false`), so the kit's
 * `scope.*` checks skip themselves whatever the harness offers; acting as another admin would
 * test nothing more. `disallowedDomainMemberEmail`: with `withDisallowedDomainMember`, a member of
 * the first organization whose domain is not in `allowedDomains` (one who joined before the list
 * changed) is seeded straight into the database.
 */
import { vi } from 'vitest';
import { BETTER_AUTH_MODULES, BETTER_AUTH_ROLES, startBetterAuthServer, type BetterAuthServer } from '../../../servers/better-auth';
import { createBetterAuthAdapter, type BetterAuthAdapterOptions } from '../../../src/adapters/better-auth';
import type { ConformanceHarness } from '../../../src/testing';

/** The seed's domains, plus the disposable one so the `disposable` skip (checked after the domain) is reached. */
export const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

/** A member of the first organization whose domain is not an allowed one (see `withDisallowedDomainMember`). */
export const DISALLOWED_DOMAIN_MEMBER = 'olga.legacy@old-acme.test';

export interface BetterAuthHarness extends ConformanceHarness {
  server: BetterAuthServer;
  token: string;
  options: BetterAuthAdapterOptions;
}

/** Rows written straight into the server's database (what another application, or better-auth's own flows, would have made). */
export async function insertRow<T extends Record<string, unknown>>(server: BetterAuthServer, model: string, data: Record<string, unknown>): Promise<T> {
  const ctx = await server.auth.$context;
  return ctx.adapter.create<Record<string, unknown>, T>({ model, data });
}

/** A user without password, straight into the database. */
export async function insertUser(server: BetterAuthServer, email: string, name: string): Promise<{ id: string; email: string }> {
  const ctx = await server.auth.$context;
  const user = await ctx.internalAdapter.createUser({ email, name, emailVerified: true, role: 'user' }, { method: 'admin' });
  return { id: user.id, email: user.email };
}

export async function createBetterAuthHarness(
  over: Partial<BetterAuthAdapterOptions> = {},
  seed: { withDisallowedDomainMember?: boolean } = {},
): Promise<BetterAuthHarness> {
  const server = await startBetterAuthServer();
  if (seed.withDisallowedDomainMember) {
    const member = await insertUser(server, DISALLOWED_DOMAIN_MEMBER, 'Olga Legacy');
    await insertRow(server, 'member', { organizationId: server.seed.organizations[0]!.id, userId: member.id, role: 'member', createdAt: new Date() });
  }
  const token = await server.adminToken();
  let ssoEnforced = false;
  const addMember: BetterAuthAdapterOptions['addMember'] = async ({ userId, organizationId, role, teamIds }) => {
    // What a host's server does: better-auth's addMember is server-only.
    const [first, ...others] = teamIds;
    await server.auth.api.addMember({ body: { userId, organizationId, role: role.split(',') as 'member'[], ...(first ? { teamId: first } : {}) } });
    for (const teamId of others) {
      const response = await fetch(`${server.authURL}/organization/add-team-member`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ teamId, userId, organizationId }),
      });
      if (!response.ok) throw new Error(`add-team-member: HTTP ${response.status}`);
    }
  };
  const options: BetterAuthAdapterOptions = {
    baseURL: server.authURL,
    origin: server.url,
    token,
    modules: BETTER_AUTH_MODULES,
    roles: BETTER_AUTH_ROLES,
    allowedDomains: ALLOWED_DOMAINS,
    invitationTtlDays: 2,
    sso: () => ({ enforced: ssoEnforced, providerName: ssoEnforced ? 'Okta' : null }),
    addMember,
    // The reset page of the host: on the server's own origin (a trusted origin for redirectTo).
    passwordReset: { redirectTo: `${server.url}/reset-password` },
    ...over,
  };
  let faked = false;
  return {
    server,
    token,
    options,
    adapter: createBetterAuthAdapter(options),
    advanceTime: (ms) => {
      if (!faked) {
        vi.useFakeTimers({ toFake: ['Date'] });
        faked = true;
      }
      vi.setSystemTime(Date.now() + ms);
    },
    setSsoEnforced: (enforced) => {
      ssoEnforced = enforced;
    },
    failNext: (code) => server.faults.failNext(code),
    // The request that invites the address (invite-member, after its create-user) fails; the
    // adapter removes the user it created and reports the address in `failed`.
    failInvite: (email) =>
      server.faults.failMatching(
        { method: 'POST', path: '/organization/invite-member', body: (b) => (b as { email?: string } | undefined)?.email?.toLowerCase() === email.toLowerCase() },
        'unavailable',
      ),
    setLatency: (ms) => server.faults.setLatency(ms),
    disallowedDomainEmail: 'someone@not-acme.test',
    ...(seed.withDisallowedDomainMember ? { disallowedDomainMemberEmail: DISALLOWED_DOMAIN_MEMBER } : {}),
    // A dynamic role: better-auth's static roles (from the server's config) cannot be edited.
    editableRoleId: 'editor',
    cleanup: async () => {
      if (faked) vi.useRealTimers();
      await server.close();
    },
  };
}
