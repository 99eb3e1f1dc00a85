/**
 * The demo's backends. `mock` (the default) is the reference store in the page behind MSW.
 * `better-auth` and `scim` are real servers (servers/), started inside Vite's dev server on the
 * first request and mounted on its origin, so the page reaches them without CORS:
 * better-auth at `/api/auth`, the SCIM provider at `/scim/v2`. The page reads what it needs to
 * connect (a token signed in as the seeded admin, the SCIM reference data) from
 * `/__demo/backend.json`. Dev only: a real host signs its admin in its own way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';

export type DemoBackend = 'mock' | 'better-auth' | 'scim';
export const DEMO_BACKENDS: readonly DemoBackend[] = ['mock', 'better-auth', 'scim'];

/** What the page receives from `/__demo/backend.json`. */
export type DemoBackendInfo =
  | { kind: 'mock' }
  | { kind: 'better-auth'; authURL: string; token: string; invitationTtlDays: number; modules: unknown[]; roles: unknown[] }
  | { kind: 'scim'; baseUrl: string; token: string; currentUserId: string; entities: unknown[]; modules: unknown[] };

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
interface Mounted { prefix: string; handler: Handler; info: DemoBackendInfo }

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
};

/** Which backend `DEMO_BACKEND` names; the default is the mock. Throws on an unknown name. */
export function demoBackendFromEnv(value = process.env.DEMO_BACKEND): DemoBackend {
  const kind = (value ?? 'mock').trim() || 'mock';
  if (!(DEMO_BACKENDS as readonly string[]).includes(kind)) throw new Error(`DEMO_BACKEND must be one of ${DEMO_BACKENDS.join(', ')}; got '${kind}'.`);
  return kind as DemoBackend;
}

/** Loads a server module through Vite's SSR loader (TypeScript, at run time: not bundled into the config). */
const load = <T>(server: ViteDevServer, path: string) => server.ssrLoadModule(fileURLToPath(new URL(path, import.meta.url))) as Promise<T>;

async function start(kind: Exclude<DemoBackend, 'mock'>, origin: string, server: ViteDevServer): Promise<Mounted> {
  if (kind === 'better-auth') {
    const { createBetterAuthBackend, BETTER_AUTH_MODULES, BETTER_AUTH_ROLES } = await load<typeof import('../servers/better-auth/index')>(server, '../servers/better-auth/index.ts');
    const invitationTtlDays = 7;
    const localhost = origin.replace('127.0.0.1', 'localhost');
    const backend = await createBetterAuthBackend({ baseURL: origin, trustedOrigins: [localhost], invitationExpiresIn: invitationTtlDays * 24 * 3600 });
    const signIn = await backend.auth.api.signInEmail({ body: { email: backend.seed.admin.email, password: backend.seed.admin.password }, returnHeaders: true });
    const token = signIn.headers.get('set-auth-token');
    if (!token) throw new Error('better-auth gave no set-auth-token on the admin sign-in (is the bearer plugin on?)');
    return { prefix: backend.basePath, handler: backend.handler, info: { kind, authURL: `${origin}${backend.basePath}`, token, invitationTtlDays, modules: BETTER_AUTH_MODULES, roles: BETTER_AUTH_ROLES } };
  }
  const { createScimApp, scimSeedReference } = await load<typeof import('../servers/scim/index')>(server, '../servers/scim/index.ts');
  const app = createScimApp();
  const reference = scimSeedReference();
  return {
    prefix: '/scim/v2',
    handler: app.handler,
    info: { kind, baseUrl: `${origin}/scim/v2`, token: reference.token, currentUserId: reference.currentUserId, entities: reference.entities, modules: reference.modules },
  };
}

/**
 * Mounts the chosen real backend in the Vite dev server, started on the first request (its
 * origin is then known, which better-auth checks). With `mock`, only `/__demo/backend.json`.
 * @example
 * plugins: [react(), demoBackendPlugin(demoBackendFromEnv())]
 */
export function demoBackendPlugin(kind: DemoBackend): Plugin {
  let mounted: Promise<Mounted> | null = null;
  return {
    name: 'user-admin-kit-demo-backend',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '/';
        const isInfo = url.startsWith('/__demo/backend.json');
        if (kind === 'mock') return isInfo ? json(res, 200, { kind }) : next();
        if (!isInfo && !url.startsWith('/api/auth') && !url.startsWith('/scim/v2')) return next();
        mounted ??= start(kind, `http://${req.headers.host ?? '127.0.0.1'}`, server);
        mounted.then(
          (m) => {
            if (isInfo) return json(res, 200, m.info);
            if (!url.startsWith(m.prefix)) return next();
            return m.handler(req, res);
          },
          (error: unknown) => json(res, 500, { error: String(error) }),
        );
      });
    },
  };
}
