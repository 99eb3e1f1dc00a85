/**
 * A fresh seeded SCIM provider (scimmy on express 4, 127.0.0.1, ephemeral port) and the SCIM
 * adapter over it, with every conformance control the pair can honestly offer.
 */
import { startScimServer, scimSeedReference, type RunningScimServer, type ScimProviderFeatures } from '../../../servers/scim';
import { connectScimAdapter, type ScimAdapterOptions } from '../../../src/adapters/scim';
import type { ConformanceHarness } from '../../../src/testing';

/** The seed's domains, plus the disposable one so the `disposable` check (after the domain check) is reached. */
export const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk', 'mailinator.com'];

export interface ScimHarness extends ConformanceHarness {
  server: RunningScimServer;
}

/** Starts a provider with these features and returns the harness (cleanup closes the server). */
export async function createScimHarness(
  features: ScimProviderFeatures = {},
  adapterOptions: Partial<ScimAdapterOptions> = {},
): Promise<ScimHarness> {
  const server = await startScimServer({ port: 0, features, seed: { userCount: 48 } });
  const { entities, modules } = scimSeedReference();
  let offset = 0;
  let sso = false;
  const adapter = await connectScimAdapter({
    baseUrl: server.url,
    token: server.token,
    entities,
    modules,
    allowedDomains: ALLOWED_DOMAINS,
    now: () => Date.now() + offset,
    sso: () => ({ enforced: sso, providerName: sso ? 'Okta' : null }),
    ...(features.filterOperators ? { filterOperators: features.filterOperators } : {}),
    ...adapterOptions,
  });
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
    setLatency: (ms) => server.setLatency(ms),
    disallowedDomainEmail: 'someone@not-acme.test',
    cleanup: () => server.close(),
  };
}
