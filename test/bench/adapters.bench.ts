// @vitest-environment node
/**
 * Figures, not assertions: the better-auth and SCIM adapters over their real servers (127.0.0.1)
 * holding 10,000 users. Each figure is the whole call through the adapter, servers included (they
 * share this process). After the table, "requests per call" says how many HTTP requests each call
 * made (the servers log them): 1-3 means the server answered the query, ~50 means the adapter read
 * every user and answered in memory.
 *
 * Run: npx vitest bench --run --project integration test/bench/adapters.bench.ts
 * Fewer users: BENCH_USERS=2000 npx vitest bench --run --project integration test/bench/adapters.bench.ts
 * One backend: add -t better-auth (or -t SCIM).
 *
 * The SCIM provider filters, sorts and pages /Users in its store, and SCIMMY builds a schema object
 * for each user returned (about 1 ms each): a page of 50 costs the page, but the in-memory SCIM cases
 * read every user (50 requests of 200 at 10,000 users, 15-45 s), so they run once.
 */
import { afterAll, bench, describe } from 'vitest';
import { BETTER_AUTH_MODULES, BETTER_AUTH_ROLES, createBetterAuthBackend, startBetterAuthServer } from '../../servers/better-auth';
import { createScimStore, scimSeedReference, startScimServer, type ScimProviderFeatures } from '../../servers/scim';
import { createBetterAuthAdapter, type BetterAuthAdapterOptions } from '../../src/adapters/better-auth';
import { connectScimAdapter, createScimAdapter, type ScimAdapterOptions, type ScimServiceProviderConfig } from '../../src/adapters/scim';
import type { UserAdminAdapter } from '../../src/contract/types';

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const PAGE = 50;
const ALLOWED_DOMAINS = ['acme-group.com', 'acme.fr', 'acme.de', 'acme.es', 'acme.co.uk'];
const fmt = (n: number) => n.toLocaleString('en-US');

/** Requests per call, by bench name: filled while the benches run, printed at the end. */
const requestCounts = new Map<string, { calls: number; requests: number }>();
afterAll(() => {
  const rows = [...requestCounts].map(([name, { calls, requests }]) => `  ${(requests / calls).toFixed(1).padStart(6)}  ${name}`);
  console.log(`\nHTTP requests per call (${fmt(USERS)} users):\n${rows.join('\n')}\n`);
});

/** A bench whose calls are counted with the requests the server saw during them. */
function counted(name: string, requestsSoFar: () => number, fn: () => Promise<unknown>, options?: Parameters<typeof bench>[2]) {
  bench(name, async () => {
    const before = requestsSoFar();
    await fn();
    const entry = requestCounts.get(name) ?? { calls: 0, requests: 0 };
    entry.calls += 1;
    entry.requests += requestsSoFar() - before;
    requestCounts.set(name, entry);
  }, options);
}

/** Slow cases: a fixed number of runs, no warm-up. */
const runs = (iterations: number) => ({ iterations, time: 0, warmupIterations: 0, warmupTime: 0 });

/** 20 new addresses per call (a write: the server keeps them). */
let batch = 0;
const twentyAddresses = (prefix: string) => {
  batch += 1;
  return Array.from({ length: 20 }, (_, i) => `${prefix}.${batch}.${i}@acme.fr`);
};

// ---------------------------------------------------------------------------
// better-auth
// ---------------------------------------------------------------------------

const baStarted = performance.now();
const ba = await startBetterAuthServer({ extraUsers: USERS - 44 });
const baStartMs = Math.round(performance.now() - baStarted);
const baToken = await ba.adminToken();
const baOptions = (over: Partial<BetterAuthAdapterOptions> = {}): BetterAuthAdapterOptions => ({
  baseURL: ba.authURL, origin: ba.url, token: baToken,
  modules: BETTER_AUTH_MODULES, roles: BETTER_AUTH_ROLES, allowedDomains: ALLOWED_DOMAINS, invitationTtlDays: 2,
  ...over,
});
// Every read comes from the server (no cache), and the same with the organizations, memberships
// and invitations cached for the whole run.
const baCold = createBetterAuthAdapter(baOptions({ cacheMs: 0 }));
const baWarm = createBetterAuthAdapter(baOptions({ cacheMs: 3_600_000 }));
const baRequests = () => ba.faults.log.length;
const baLastPage = Math.ceil(ba.seed.userCount / PAGE) - 1;
const baOrg = ba.seed.organizations[0]!.id;

describe(`better-auth, ${fmt(ba.seed.userCount)} users (server started and seeded in ${fmt(baStartMs)} ms, seed ${fmt(ba.seed.seedMs)} ms)`, () => {
  bench(`seed ${fmt(USERS)} users (createBetterAuthBackend, no listen)`, async () => {
    await createBetterAuthBackend({ baseURL: 'http://127.0.0.1:1', extraUsers: USERS - 44 });
  }, runs(3));

  // Cold: organizations, memberships and invitations read again at every call (cacheMs: 0).
  counted('first page of 50 by name (the default sort), no cache', baRequests, () =>
    baCold.listUsers({ pageIndex: 0, pageSize: PAGE, sort: { field: 'name', direction: 'asc' } }), runs(3));

  counted('first page of 50 by email, no cache', baRequests, () =>
    baCold.listUsers({ pageIndex: 0, pageSize: PAGE, sort: { field: 'email', direction: 'asc' } }), runs(3));

  counted('search "garc", no cache', baRequests, () =>
    baCold.listUsers({ pageIndex: 0, pageSize: PAGE, search: 'garc' }), runs(3));

  counted('getUserCounts, no cache', baRequests, () => baCold.getUserCounts!({}), runs(3));

  // Warm: the same adapter's cache kept for the whole run.
  counted('first page of 50 by email, cache warm', baRequests, () =>
    baWarm.listUsers({ pageIndex: 0, pageSize: PAGE, sort: { field: 'email', direction: 'asc' } }), { time: 2000, iterations: 5 });

  counted('search "garc", cache warm', baRequests, () =>
    baWarm.listUsers({ pageIndex: 0, pageSize: PAGE, search: 'garc' }), runs(5));

  counted('first page of 50 by name, cache warm', baRequests, () =>
    baWarm.listUsers({ pageIndex: 0, pageSize: PAGE, sort: { field: 'name', direction: 'asc' } }), runs(5));

  counted(`last page (${baLastPage + 1}) by email, cache warm`, baRequests, () =>
    baWarm.listUsers({ pageIndex: baLastPage, pageSize: PAGE, sort: { field: 'email', direction: 'asc' } }), { time: 2000, iterations: 5 });

  counted('sort by creation date (every record read), cache warm', baRequests, () =>
    baWarm.listUsers({ pageIndex: 0, pageSize: PAGE, sort: { field: 'createdAt', direction: 'desc' } }), runs(3));

  counted('getUserCounts, cache warm', baRequests, () => baWarm.getUserCounts!({}), runs(5));

  counted('invite 20 addresses', baRequests, () =>
    baWarm.inviteUsers({ input: { emails: twentyAddresses('ba.bench'), roleId: 'member', entityIds: [baOrg] } }), runs(3));
});

afterAll(() => ba.close());

// ---------------------------------------------------------------------------
// SCIM: the full provider and the minimal one (no sort, no bulk, `eq` only)
// ---------------------------------------------------------------------------

const MINIMAL: ScimProviderFeatures = { sort: false, bulk: false, filterOperators: ['eq'] };

async function scimSetup(features: ScimProviderFeatures) {
  const started = performance.now();
  const server = await startScimServer({ port: 0, features, seed: { userCount: USERS } });
  const startMs = Math.round(performance.now() - started);
  const { entities, modules } = scimSeedReference();
  const options: ScimAdapterOptions = {
    baseUrl: server.url, token: server.token, entities, modules, allowedDomains: ALLOWED_DOMAINS,
    ...(features.filterOperators ? { filterOperators: features.filterOperators } : {}),
  };
  const adapter = await connectScimAdapter(options);
  const spc = (await (await fetch(`${server.url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${server.token}` } })).json()) as ScimServiceProviderConfig;
  // A fresh adapter each call: the roles (Groups) are read again, as on a first visit.
  const fresh = (): UserAdminAdapter => createScimAdapter({ ...options, serviceProviderConfig: spc });
  const roleId = (await adapter.listRoles()).find((r) => !r.isAdmin)!.id;
  return { server, adapter, fresh, roleId, startMs, requests: () => server.requests.length };
}

const full = await scimSetup({});
const minimal = await scimSetup(MINIMAL);
const scimLastPage = Math.ceil(USERS / PAGE) - 1;
afterAll(() => full.server.close());
afterAll(() => minimal.server.close());

describe(`SCIM full provider, ${fmt(USERS)} users (server started and seeded in ${fmt(full.startMs)} ms)`, () => {
  bench(`seed ${fmt(USERS)} users (createScimStore)`, () => {
    createScimStore({ userCount: USERS });
  }, runs(3));

  counted('first page of 50 by name (server-side), new adapter', full.requests, () =>
    full.fresh().listUsers({ pageIndex: 0, pageSize: PAGE }), runs(3));

  counted('first page of 50 by name (server-side), roles cached', full.requests, () =>
    full.adapter.listUsers({ pageIndex: 0, pageSize: PAGE }), runs(3));

  counted('search "garc" (server-side: co filter)', full.requests, () =>
    full.adapter.listUsers({ pageIndex: 0, pageSize: PAGE, search: 'garc' }), runs(3));

  counted('sort by status, not a SCIM attribute (in memory: reads every user)', full.requests, () =>
    full.adapter.listUsers({ pageIndex: 0, pageSize: PAGE, sort: { field: 'status', direction: 'asc' } }), runs(1));

  counted(`last page (${scimLastPage + 1}) by name (server-side)`, full.requests, () =>
    full.adapter.listUsers({ pageIndex: scimLastPage, pageSize: PAGE }), runs(3));

  counted('invite 20 addresses (one /Bulk)', full.requests, () =>
    full.adapter.inviteUsers({ input: { emails: twentyAddresses('scim.full'), roleId: full.roleId, entityIds: ['entity-acme-paris'], scope: 'entity' } }), runs(3));
});

describe(`SCIM minimal provider (no sort, no bulk, eq only), ${fmt(USERS)} users (server started and seeded in ${fmt(minimal.startMs)} ms)`, () => {
  // Without sort every list is answered in memory: the first page is also "a sort the provider lacks",
  // and the last page makes the same requests.
  counted('first page of 50 by name (in memory: reads every user)', minimal.requests, () =>
    minimal.adapter.listUsers({ pageIndex: 0, pageSize: PAGE }), runs(1));

  counted('search "garc" (in memory: no co)', minimal.requests, () =>
    minimal.adapter.listUsers({ pageIndex: 0, pageSize: PAGE, search: 'garc' }), runs(1));

  counted('invite 20 addresses (20 POST /Users, 4 at a time)', minimal.requests, () =>
    minimal.adapter.inviteUsers({ input: { emails: twentyAddresses('scim.min'), roleId: minimal.roleId, entityIds: ['entity-acme-paris'], scope: 'entity' } }), runs(3));
});
