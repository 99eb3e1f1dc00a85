/**
 * A real better-auth server (memory database) seeded with an Acme company, for the better-auth
 * adapter's tests and the demo. Dev only, not published.
 *
 * - {@link createBetterAuthBackend}: the auth instance and a Node request handler (no listen), to
 *   mount in another server (the demo's Vite dev server).
 * - {@link startBetterAuthServer}: the same, listening on 127.0.0.1 (port 0 by default) behind a
 *   fault layer (failNext, latency, request log).
 *
 * Seed: an admin (platform role `admin`, owner of every organization and member of every team,
 * with a password), 43 other users without password (names and addresses from the mock
 * fixtures), 3 organizations and 3 teams, memberships with the static roles (`admin`, `member`)
 * and the dynamic ones (`editor`, `analyst`, created in every organization), 3 banned users,
 * 4 invited users (one invitation expired) and a canceled and an accepted invitation that must
 * not be listed. Invitation and password reset emails are kept (`sentInvitations`,
 * `sentPasswordResets`), not sent. `extraUsers` adds plain members on top, for benchmarks at scale.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';
import { admin, bearer, organization } from 'better-auth/plugins';
import { generateUsers } from '../../mocks/fixtures';
import { DYNAMIC_ROLES, ac, staticRoles } from './config';
import { withFaults, type FaultControls, type NodeHandler } from './faults';

export { BETTER_AUTH_MODULES, BETTER_AUTH_ROLES, DYNAMIC_ROLES, MODULE_STATEMENTS, ac, staticRoles, statements } from './config';
export type { FaultControls, LoggedRequest, NodeHandler } from './faults';

const DAY_S = 24 * 60 * 60;

/**
 * Options of {@link createBetterAuthBackend}.
 * @example
 * const options: BetterAuthBackendOptions = { baseURL: 'http://127.0.0.1:5173' };
 */
export interface BetterAuthBackendOptions {
  /** The server's origin, as browsers and the adapter reach it (`http://127.0.0.1:5173`). */
  baseURL: string;
  /** Where the auth routes are mounted. Defaults to `/api/auth`. */
  basePath?: string;
  /** Other origins allowed to call (the `Origin` header is checked). Defaults to none beyond `baseURL`. */
  trustedOrigins?: string[];
  /** Invitation validity in seconds (the organization plugin's `invitationExpiresIn`). Defaults to 48 hours, better-auth's own default. */
  invitationExpiresIn?: number;
  /** Whether to seed the Acme data. Defaults to `true`. */
  seed?: boolean;
  /**
   * Plain users added after the Acme seed, for benchmarks at scale: no password, each a `member`
   * of one organization (in turn), created straight through the database adapter. Ignored when
   * `seed` is `false`. Defaults to 0.
   */
  extraUsers?: number;
}

/**
 * An invitation email the server would have sent.
 * @example
 * const last: SentInvitation | undefined = backend.sentInvitations.at(-1);
 */
export interface SentInvitation {
  id: string;
  email: string;
  organizationId: string;
  role: string;
}

/**
 * A password reset email the server would have sent (`emailAndPassword.sendResetPassword`).
 * @example
 * const last: SentPasswordReset | undefined = backend.sentPasswordResets.at(-1);
 */
export interface SentPasswordReset {
  userId: string;
  email: string;
  /** The link in the email: better-auth's `/reset-password/<token>?callbackURL=…`. */
  url: string;
  token: string;
}

/**
 * What the seed created.
 * @example
 * const { admin } = backend.seed; // sign in with admin.email / admin.password
 */
export interface BetterAuthSeed {
  admin: { id: string; email: string; password: string; name: string };
  organizations: { id: string; name: string; slug: string; teams: { id: string; name: string }[] }[];
  /** Users, the admin included. */
  userCount: number;
  /** How long seeding took, in ms. */
  seedMs: number;
}

/**
 * A better-auth instance and its Node handler.
 * @example
 * const backend = await createBetterAuthBackend({ baseURL: 'http://127.0.0.1:5173' });
 * viteServer.middlewares.use((req, res, next) => (req.url?.startsWith('/api/auth') ? backend.handler(req, res) : next()));
 */
export interface BetterAuthBackend {
  auth: ReturnType<typeof createAuth>;
  /** The Node request handler of every auth route under `basePath`. */
  handler: NodeHandler;
  basePath: string;
  /** The invitation emails the server would have sent, in order. */
  sentInvitations: SentInvitation[];
  /** The password reset emails the server would have sent, in order. */
  sentPasswordResets: SentPasswordReset[];
  /** What the seed created (empty organizations and no admin when `seed: false`). */
  seed: BetterAuthSeed;
}

function createAuth(options: Required<Omit<BetterAuthBackendOptions, 'seed' | 'extraUsers'>>, sent: SentInvitation[], resets: SentPasswordReset[]) {
  const db: Record<string, Record<string, unknown>[]> = {
    user: [], session: [], account: [], verification: [],
    organization: [], member: [], invitation: [], team: [], teamMember: [], organizationRole: [],
  };
  return betterAuth({
    database: memoryAdapter(db),
    baseURL: options.baseURL,
    basePath: options.basePath,
    secret: 'user-admin-kit-dev-secret-not-for-production-0123456789',
    trustedOrigins: options.trustedOrigins,
    emailAndPassword: {
      enabled: true,
      // What a host's mailer does: here the email is kept, for the tests and the demo.
      sendResetPassword: async ({ user, url, token }) => {
        resets.push({ userId: user.id, email: user.email, url, token });
      },
    },
    // Sessions outlive the tests' clock jumps (the invitation-expiry check moves the clock days ahead).
    session: { expiresIn: 365 * DAY_S },
    rateLimit: { enabled: false },
    // better-auth skips the Origin check under NODE_ENV=test / vitest: keep it on, as in production.
    advanced: { disableOriginCheck: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
    plugins: [
      organization({
        ac,
        roles: staticRoles,
        teams: { enabled: true },
        dynamicAccessControl: { enabled: true },
        invitationExpiresIn: options.invitationExpiresIn,
        sendInvitationEmail: async (data) => {
          sent.push({ id: data.id, email: data.email, organizationId: data.organization.id, role: String(data.role) });
        },
      }),
      admin(),
      bearer(),
    ],
  });
}

const ORGANIZATIONS = [
  { name: 'Acme France', slug: 'acme-france', teams: ['Paris Sales', 'Lyon Support'] },
  { name: 'Acme Germany', slug: 'acme-germany', teams: ['Berlin Operations'] },
  { name: 'Acme Spain', slug: 'acme-spain', teams: [] as string[] },
];

const ADMIN = { email: 'alice.martin@acme-group.com', password: 'admin-password-123', name: 'Alice Martin' };
const OTHER_USERS = 43;
const BANNED = new Set([7, 22, 37]);
const INVITED = new Set([5, 18, 31, 40]);
const EXPIRED_INVITATION = 40;

async function seedData(auth: ReturnType<typeof createAuth>, invitationExpiresIn: number, extraUsers: number): Promise<BetterAuthSeed> {
  const started = performance.now();
  const ctx = await auth.$context;
  const adapter = ctx.adapter;
  const now = Date.now();
  const base = Date.parse('2025-01-06T09:00:00Z');
  const create = <T extends Record<string, unknown>>(model: string, data: Record<string, unknown>) =>
    adapter.create<Record<string, unknown>, T>({ model, data, forceAllowId: true });

  const adminUser = await ctx.internalAdapter.createUser({
    email: ADMIN.email, name: ADMIN.name, emailVerified: true, role: 'admin', createdAt: new Date(base - DAY_S * 1000), updatedAt: new Date(base),
  }, { method: 'admin' });
  await ctx.internalAdapter.linkAccount({
    providerId: 'credential', accountId: adminUser.id, userId: adminUser.id, password: await ctx.password.hash(ADMIN.password),
  });

  const organizations: BetterAuthSeed['organizations'] = [];
  for (const [i, o] of ORGANIZATIONS.entries()) {
    const org = await create<{ id: string }>('organization', { name: o.name, slug: o.slug, createdAt: new Date(base + i * 1000) });
    await create('member', { organizationId: org.id, userId: adminUser.id, role: 'owner', createdAt: new Date(base) });
    const teams: { id: string; name: string }[] = [];
    for (const name of o.teams) {
      const team = await create<{ id: string }>('team', { name, organizationId: org.id, createdAt: new Date(base), updatedAt: new Date(base) });
      await create('teamMember', { teamId: team.id, userId: adminUser.id, createdAt: new Date(base) });
      teams.push({ id: team.id, name });
    }
    for (const [role, permission] of Object.entries(DYNAMIC_ROLES)) {
      await create('organizationRole', { organizationId: org.id, role, permission: JSON.stringify(permission), createdAt: new Date(base), updatedAt: new Date(base) });
    }
    organizations.push({ id: org.id, name: o.name, slug: o.slug, teams });
  }

  const people = generateUsers(120, 42).filter((u) => u.kind === 'login' && u.email !== ADMIN.email).slice(0, OTHER_USERS);
  const rolesByIndex = ['member', 'editor', 'analyst', 'member'];
  for (const [i, person] of people.entries()) {
    const role = i % 11 === 3 ? 'admin' : rolesByIndex[i % 4]!;
    const org = organizations[i % organizations.length]!;
    const createdAt = new Date(base + i * 3 * DAY_S * 1000 + i * 3_600_000);
    const user = await ctx.internalAdapter.createUser({
      email: person.email.toLowerCase(),
      name: `${person.firstName} ${person.lastName}`,
      emailVerified: !INVITED.has(i),
      role: 'user',
      createdAt,
      updatedAt: createdAt,
      ...(BANNED.has(i) ? { banned: true, banReason: 'Left the company' } : {}),
    }, { method: 'admin' });
    if (INVITED.has(i)) {
      const expired = i === EXPIRED_INVITATION;
      const sentAt = expired ? now - 5 * DAY_S * 1000 : now - (i % 3) * 3_600_000;
      const expiresAt = expired ? now - 3 * DAY_S * 1000 : sentAt + invitationExpiresIn * 1000;
      await create('invitation', {
        organizationId: org.id, email: user.email, role, status: 'pending', expiresAt: new Date(expiresAt), createdAt: new Date(sentAt),
        inviterId: adminUser.id, teamId: org.teams[0]?.id ?? null,
      });
      continue;
    }
    const orgs = i % 5 === 0 ? [org, organizations[(i + 1) % organizations.length]!] : [org];
    for (const o of orgs) {
      await create('member', { organizationId: o.id, userId: user.id, role, createdAt });
      if (o.teams.length > 0 && i % 2 === 0) {
        await create('teamMember', { teamId: o.teams[(i / 2) % o.teams.length]!.id, userId: user.id, createdAt });
      }
    }
    // History that must never be listed: a canceled and an accepted invitation.
    if (i === 1 || i === 2) {
      await create('invitation', {
        organizationId: org.id, email: user.email, role, status: i === 1 ? 'canceled' : 'accepted',
        expiresAt: new Date(now + DAY_S * 1000), createdAt: new Date(now - DAY_S * 1000), inviterId: adminUser.id, teamId: null,
      });
    }
  }
  const extra = await seedExtraUsers(create, organizations, extraUsers, new Set([ADMIN.email, ...people.map((p) => p.email.toLowerCase())]), base);
  return {
    admin: { id: adminUser.id, ...ADMIN },
    organizations,
    userCount: people.length + 1 + extra,
    seedMs: Math.round(performance.now() - started),
  };
}

/**
 * Adds `count` users (names and addresses from the mock fixtures, unique), each a `member` of
 * one organization in turn. No password is hashed and no hook runs: one row per user and member.
 */
async function seedExtraUsers(
  create: (model: string, data: Record<string, unknown>) => Promise<unknown>,
  organizations: BetterAuthSeed['organizations'],
  count: number,
  taken: Set<string>,
  base: number,
): Promise<number> {
  if (count <= 0 || organizations.length === 0) return 0;
  let made = 0;
  // Login users only; a few more than needed, as some addresses are already taken.
  for (const person of generateUsers(Math.ceil(count * 1.3) + 200, 7)) {
    if (made >= count) break;
    const email = person.email.toLowerCase();
    if (person.kind !== 'login' || taken.has(email)) continue;
    taken.add(email);
    const createdAt = new Date(base + 200 * DAY_S * 1000 + made * 60_000);
    const id = `bench-user-${made}`;
    await create('user', { id, email, name: `${person.firstName} ${person.lastName}`, emailVerified: true, role: 'user', createdAt, updatedAt: createdAt });
    await create('member', { organizationId: organizations[made % organizations.length]!.id, userId: id, role: 'member', createdAt });
    made += 1;
  }
  return made;
}

/**
 * Creates a seeded better-auth instance and its Node handler, without listening.
 * @example
 * const backend = await createBetterAuthBackend({ baseURL: 'http://127.0.0.1:5173', trustedOrigins: ['http://localhost:5173'] });
 * http.createServer(backend.handler).listen(5174);
 */
export async function createBetterAuthBackend(options: BetterAuthBackendOptions): Promise<BetterAuthBackend> {
  const resolved = {
    baseURL: options.baseURL,
    basePath: options.basePath ?? '/api/auth',
    trustedOrigins: options.trustedOrigins ?? [],
    invitationExpiresIn: options.invitationExpiresIn ?? 2 * DAY_S,
  };
  const sentInvitations: SentInvitation[] = [];
  const sentPasswordResets: SentPasswordReset[] = [];
  const auth = createAuth(resolved, sentInvitations, sentPasswordResets);
  const seed =
    options.seed === false
      ? { admin: { id: '', email: '', password: '', name: '' }, organizations: [], userCount: 0, seedMs: 0 }
      : await seedData(auth, resolved.invitationExpiresIn, options.extraUsers ?? 0);
  return { auth, handler: toNodeHandler(auth) as NodeHandler, basePath: resolved.basePath, sentInvitations, sentPasswordResets, seed };
}

/**
 * Options of {@link startBetterAuthServer}.
 * @example
 * const options: StartBetterAuthServerOptions = { port: 0, invitationExpiresIn: 7 * 24 * 3600 };
 */
export interface StartBetterAuthServerOptions extends Omit<BetterAuthBackendOptions, 'baseURL'> {
  /** The port on 127.0.0.1. Defaults to 0 (any free port). */
  port?: number;
}

/**
 * A running seeded server.
 * @example
 * const server: BetterAuthServer = await startBetterAuthServer();
 * const adapter = createBetterAuthAdapter({ baseURL: server.authURL, origin: server.url, token: await server.adminToken() });
 */
export interface BetterAuthServer extends BetterAuthBackend {
  /** `http://127.0.0.1:<port>`: the origin (send it as `Origin` from Node). */
  url: string;
  /** The auth routes' URL: `url` + `basePath`. */
  authURL: string;
  /** The fault layer's controls. */
  faults: FaultControls;
  /** Signs the seeded admin in and returns a bearer token. */
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts a seeded better-auth server on 127.0.0.1 behind the fault layer.
 * @example
 * const server = await startBetterAuthServer();
 * try { ... } finally { await server.close(); }
 */
export async function startBetterAuthServer(options: StartBetterAuthServerOptions = {}): Promise<BetterAuthServer> {
  let handle: NodeHandler = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = http.createServer((req, res) => {
    void Promise.resolve(handle(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const backend = await createBetterAuthBackend({ ...options, baseURL: url });
  const { handler, controls } = withFaults(backend.handler, backend.basePath);
  handle = handler;
  const authURL = `${url}${backend.basePath}`;
  return {
    ...backend,
    url,
    authURL,
    faults: controls,
    async adminToken() {
      const response = await fetch(`${authURL}/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ email: backend.seed.admin.email, password: backend.seed.admin.password }),
      });
      const token = response.headers.get('set-auth-token');
      if (!response.ok || !token) throw new Error(`Admin sign-in failed: HTTP ${response.status} ${await response.text()}`);
      return token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
