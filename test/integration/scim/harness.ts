/**
 * A fresh seeded SCIM provider (scimmy on express 4, 127.0.0.1, ephemeral port) and the SCIM
 * adapter over it, with every conformance control the pair can honestly offer.
 */
import { USER_EXTENSION_URN, startScimServer, scimSeedReference, type RunningScimServer, type ScimProviderFeatures } from '../../../servers/scim';
import { connectScimAdapter, type ScimAdapterOptions } from '../../../src/adapters/scim';
import type { ConformanceHarness } from '../../../src/testing';
import type { UserAdminAdapter } from '../../../src/contract/types';

/** The seed's domains, plus the disposable one so the `disposable` check (after the domain check) is reached. */
export const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

/** A seeded member whose domain is not (or no longer) in {@link ALLOWED_DOMAINS}. */
export const LEGACY_MEMBER = { id: 'user-legacy-domain', email: 'olga.legacy@acme-legacy.test' } as const;

export interface ScimHarness extends ConformanceHarness {
  server: RunningScimServer;
  actAs(userId: string): Promise<UserAdminAdapter>;
}

/** Starts a provider with these features and returns the harness (cleanup closes the server). */
export async function createScimHarness(
  features: ScimProviderFeatures = {},
  adapterOptions: Partial<ScimAdapterOptions> = {},
): Promise<ScimHarness> {
  const server = await startScimServer({ port: 0, features, seed: { userCount: 48 } });
  const { entities, modules } = scimSeedReference();
  seedLegacyMember(server);
  let offset = 0;
  let sso = false;
  const connect = (token: string) => connectScimAdapter({
    baseUrl: server.url,
    token,
    entities,
    modules,
    allowedDomains: ALLOWED_DOMAINS,
    now: () => Date.now() + offset,
    sso: () => ({ enforced: sso, providerName: sso ? 'Okta' : null }),
    ...(features.filterOperators ? { filterOperators: features.filterOperators } : {}),
    ...adapterOptions,
  });
  const adapter = await connect(server.token);
  return {
    server,
    adapter,
    // The adapter reads invitation expiry against its clock option: moving it is moving time.
    advanceTime: (ms) => {
      offset += ms;
    },
    setSsoEnforced: (enforced) => {
      sso = enforced;
    },
    failNext: (code) => server.failNext(code),
    // The POST /Users creating the address fails, alone or as its operation inside a /Bulk request.
    failInvite: (email) =>
      server.failMatching({ method: 'POST', path: '/Users', body: (b) => (b as { userName?: string } | undefined)?.userName?.toLowerCase() === email.toLowerCase() }, 'unavailable'),
    // The next PUT, PATCH or DELETE of this user fails (503), alone or as its operation inside a /Bulk request.
    failWriteOf: (userId) => server.failMatching({ method: ['PUT', 'PATCH', 'DELETE'], path: `/Users/${encodeURIComponent(userId)}` }, 'unavailable'),
    setLatency: (ms) => server.setLatency(ms),
    disallowedDomainEmail: 'someone@not-acme.test',
    disallowedDomainMemberEmail: LEGACY_MEMBER.email,
    // The provider signs the user in (accepting a pending invitation) and gives a token that is
    // theirs: /Me answers them, so the new adapter acts as them, with their extension's adminScope.
    actAs: async (userId) => {
      server.signIn(userId);
      return connect(server.issueToken(userId));
    },
    cleanup: () => server.close(),
  };
}

/** An active member whose domain the adapter's allowedDomains refuses (a domain taken off the list after they joined). */
function seedLegacyMember(server: RunningScimServer): void {
  const at = new Date(server.store.now() - 100 * 24 * 3600 * 1000).toISOString();
  server.store.users.set(LEGACY_MEMBER.id, {
    id: LEGACY_MEMBER.id,
    userName: LEGACY_MEMBER.email,
    name: { givenName: 'Olga', familyName: 'Legacy', formatted: 'Olga Legacy' },
    displayName: 'Olga Legacy',
    emails: [{ value: LEGACY_MEMBER.email, type: 'work', primary: true }],
    active: true,
    meta: { created: at, lastModified: at },
    [USER_EXTENSION_URN]: { kind: 'login', scope: 'entity', entityIds: ['entity-acme-lyon'], permissions: [], source: 'invitation', lastSignInAt: at },
  });
  server.store.groups.get('role-user')!.members.push({ value: LEGACY_MEMBER.id, display: 'Olga Legacy' });
}
