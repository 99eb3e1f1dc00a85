/**
 * A fault layer in front of the better-auth Node handler, for tests and the demo: fail the next
 * request, or the nth request matching a method, path and body (answered in better-auth's own
 * error format, `{ code, message }` with its HTTP status; `network` destroys the socket), delay
 * every request, and count requests and how many were in flight at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UserAdminErrorCode } from '../../src/contract/errors';

/**
 * A Node request handler.
 * @example
 * const handler: NodeHandler = (req, res) => res.end('ok');
 */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * One request the layer saw.
 * @example
 * const lists = faults.log.filter((r: LoggedRequest) => r.path === '/admin/list-users');
 */
export interface LoggedRequest {
  method: string;
  /** The path after the auth base path (`/admin/list-users`). */
  path: string;
  /** The query string, without `?`. */
  query: string;
}

/**
 * Which request a {@link FaultControls.failMatching} fault hits.
 * @example
 * const rule: FaultRule = { method: 'POST', path: '/organization/invite-member', body: (b) => (b as { email?: string }).email === 'ana@acme.fr' };
 */
export interface FaultRule {
  /** The HTTP method. Defaults to any. */
  method?: string;
  /** The path after the auth base path (`/admin/remove-user`), or a pattern it must match. */
  path: string | RegExp;
  /** Which matching request fails, counting from 1 from the call on. Defaults to 1 (the next one). */
  nth?: number;
  /** A test on the parsed JSON body (the layer then reads the body before better-auth does). Defaults to any body. */
  body?: (body: unknown) => boolean;
}

/**
 * Controls of the fault layer.
 * @example
 * faults.failNext('unavailable'); // the next request answers 503
 */
export interface FaultControls {
  /** Makes the next request fail with this code. */
  failNext(code: UserAdminErrorCode): void;
  /**
   * Makes the nth request matching `rule` fail with this code; other requests pass. Several rules
   * may wait at once; each fires once.
   */
  failMatching(rule: FaultRule, code: UserAdminErrorCode): void;
  /** Delays every request by this many ms (0 to stop). */
  setLatency(ms: number): void;
  /** Every request seen since the last `resetLog()`. */
  readonly log: readonly LoggedRequest[];
  /** The most requests that were in flight at once since the last `resetLog()`. */
  readonly maxInFlight: number;
  /** Clears the log and the in-flight peak. */
  resetLog(): void;
}

const STATUS: Record<Exclude<UserAdminErrorCode, 'network'>, { status: number; code: string }> = {
  validation: { status: 400, code: 'BAD_REQUEST' },
  unauthorized: { status: 401, code: 'UNAUTHORIZED' },
  forbidden: { status: 403, code: 'FORBIDDEN' },
  not_found: { status: 404, code: 'NOT_FOUND' },
  conflict: { status: 409, code: 'CONFLICT' },
  rate_limited: { status: 429, code: 'TOO_MANY_REQUESTS' },
  unavailable: { status: 503, code: 'SERVICE_UNAVAILABLE' },
  unknown: { status: 500, code: 'INTERNAL_SERVER_ERROR' },
};

/**
 * Wraps a handler with the fault layer.
 * @example
 * const { handler, controls } = withFaults(toNodeHandler(auth), '/api/auth');
 * http.createServer(handler).listen(0, '127.0.0.1');
 */
export function withFaults(inner: NodeHandler, basePath: string): { handler: NodeHandler; controls: FaultControls } {
  let pending: UserAdminErrorCode | null = null;
  let rules: { rule: FaultRule; left: number; code: UserAdminErrorCode }[] = [];
  let latency = 0;
  let log: LoggedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const handler: NodeHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    log.push({ method: req.method ?? 'GET', path, query: url.search.replace(/^\?/, '') });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        inFlight -= 1;
      }
    };
    res.on('close', release);
    res.on('finish', release);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    let fault = pending;
    pending = null;
    if (!fault && rules.length > 0) fault = await matchRule(req, path);
    if (fault === 'network') {
      req.socket.destroy();
      release();
      return;
    }
    if (fault) {
      const { status, code } = STATUS[fault];
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(fault === 'rate_limited' ? { 'x-retry-after': '2' } : {}),
      });
      res.end(JSON.stringify({ code, message: `Injected fault: ${fault}` }));
      return;
    }
    await inner(req, res);
  };

  /** The code of the rule this request fires, if any (the body is read only when a rule looks at it). */
  async function matchRule(req: IncomingMessage, path: string): Promise<UserAdminErrorCode | null> {
    const method = req.method ?? 'GET';
    const candidates = rules.filter(({ rule }) => (rule.method === undefined || rule.method.toUpperCase() === method) && (typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)));
    if (candidates.length === 0) return null;
    let body: unknown;
    if (candidates.some(({ rule }) => rule.body) && method !== 'GET' && method !== 'HEAD') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      // The stream is consumed: better-auth's Node adapter reads a parsed `req.body` instead.
      (req as IncomingMessage & { body?: unknown }).body = body;
    }
    for (const entry of candidates) {
      // Another request may have used up this rule while this one's body was being read.
      if (!rules.includes(entry)) continue;
      if (entry.rule.body && !entry.rule.body(body)) continue;
      entry.left -= 1;
      if (entry.left > 0) continue;
      rules = rules.filter((r) => r !== entry);
      return entry.code;
    }
    return null;
  }

  const controls: FaultControls = {
    failNext: (code) => {
      pending = code;
    },
    failMatching: (rule, code) => {
      rules.push({ rule, left: Math.max(1, rule.nth ?? 1), code });
    },
    setLatency: (ms) => {
      latency = Math.max(0, ms);
    },
    get log() {
      return log;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    resetLog: () => {
      log = [];
      maxInFlight = inFlight;
    },
  };
  return { handler, controls };
}
