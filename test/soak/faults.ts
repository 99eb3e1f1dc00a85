/**
 * The soak test's client-side fault layer: the nth write request after `arm()` meets one of four
 * faults, the same on every backend. Over HTTP it wraps the adapter's `fetch` (only writes count:
 * a read that failed would only be retried by the query); the memory adapter has no wire, so its
 * write methods are wrapped instead.
 *
 * - `refused`: the request never reaches the backend (fetch's `TypeError`, `network`); nothing changed.
 * - `unavailable`: the backend answers 503 without doing anything; nothing changed.
 * - `lost_response`: the backend does the write, then the connection drops (`network`): the
 *   outcome is unknown to the screen.
 * - `error_after_commit`: the backend does the write, then answers 500 (`unknown`): the outcome is
 *   unknown to the screen.
 */
import { UserAdminError } from '../../src/contract/errors';
import type { UserAdminAdapter } from '../../src/contract/types';
import type { Random } from '../../mocks/random';

export type WireFaultKind = 'refused' | 'unavailable' | 'lost_response' | 'error_after_commit';
export const WIRE_FAULT_KINDS: readonly WireFaultKind[] = ['refused', 'unavailable', 'lost_response', 'error_after_commit'];

export interface WireFaultPlan {
  kind: WireFaultKind;
  /** Which write request after arming meets the fault, from 1. */
  nth: number;
}

export interface FaultLayer {
  /** The next plan's fault waits for its request. */
  arm(plan: WireFaultPlan): void;
  /** Forgets an armed fault; returns the kind that fired since `arm`, or `null` if none did. */
  disarm(): WireFaultKind | null;
}

interface ArmedState {
  plan: WireFaultPlan | null;
  seen: number;
  fired: WireFaultKind | null;
}

function createState(): ArmedState & FaultLayer {
  const state: ArmedState & FaultLayer = {
    plan: null,
    seen: 0,
    fired: null,
    arm(plan) {
      state.plan = plan;
      state.seen = 0;
      state.fired = null;
    },
    disarm() {
      const fired = state.fired;
      state.plan = null;
      state.fired = null;
      return fired;
    },
  };
  return state;
}

/** Takes the armed fault if this write is its request. */
function take(state: ArmedState): WireFaultKind | null {
  if (!state.plan) return null;
  state.seen++;
  if (state.seen !== state.plan.nth) return null;
  const kind = state.plan.kind;
  state.plan = null;
  state.fired = kind;
  return kind;
}

function isWrite(method: string, url: string): boolean {
  // SCIM's POST /.search is a read.
  return method !== 'GET' && method !== 'HEAD' && !url.includes('/.search');
}

/**
 * A fetch for an HTTP adapter (REST, SCIM, better-auth) with the fault layer in front of it.
 * @example
 * const wire = createFaultyFetch();
 * const adapter = createRestAdapter({ baseUrl, fetch: wire.fetch });
 * wire.arm({ kind: 'lost_response', nth: 1 });
 */
export function createFaultyFetch(base: () => typeof globalThis.fetch = () => globalThis.fetch): FaultLayer & { fetch: typeof globalThis.fetch } {
  const state = createState();
  const faultyFetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const kind = isWrite(request.method, request.url) ? take(state) : null;
    if (kind === 'refused') throw new TypeError('fetch failed (soak: connection refused)');
    if (kind === 'unavailable') return new Response('', { status: 503, statusText: 'Service Unavailable' });
    const response = await base()(input, init);
    if (kind === 'lost_response') {
      await response.arrayBuffer().catch(() => undefined);
      throw new TypeError('fetch failed (soak: connection lost after the request was sent)');
    }
    if (kind === 'error_after_commit') {
      await response.arrayBuffer().catch(() => undefined);
      return new Response('', { status: 500, statusText: 'Internal Server Error' });
    }
    return response;
  };
  return { fetch: faultyFetch, arm: state.arm, disarm: state.disarm };
}

const WRITE_METHODS = [
  'createUser', 'updateUser', 'setUserStatus', 'removeUser', 'setUsersStatus', 'removeUsers',
  'inviteUsers', 'resendInvitation', 'revokeInvitation', 'updateRole',
] as const satisfies readonly (keyof UserAdminAdapter)[];

/**
 * The memory adapter with the fault layer in front of its write methods (it has no wire).
 * @example
 * const layer = createFaultyAdapter(createMemoryAdapter(store));
 * layer.arm({ kind: 'unavailable', nth: 1 });
 */
export function createFaultyAdapter(inner: UserAdminAdapter): FaultLayer & { adapter: UserAdminAdapter } {
  const state = createState();
  const adapter: UserAdminAdapter = { ...inner };
  for (const method of WRITE_METHODS) {
    const original = inner[method] as ((params: unknown) => Promise<unknown>) | undefined;
    if (!original) continue;
    (adapter as unknown as Record<string, unknown>)[method] = async (params: unknown) => {
      const kind = take(state);
      if (kind === 'refused') throw new UserAdminError('network', 'soak: connection refused');
      if (kind === 'unavailable') throw new UserAdminError('unavailable', 'soak: service unavailable');
      const result = await original.call(inner, params);
      if (kind === 'lost_response') throw new UserAdminError('network', 'soak: connection lost after the request was sent');
      if (kind === 'error_after_commit') throw new UserAdminError('unknown', 'soak: server error after the write');
      return result;
    };
  }
  return { adapter, arm: state.arm, disarm: state.disarm };
}

/** A random plan: which fault, on which of the first `maxNth` write requests. */
export function randomPlan(rng: Random, maxNth = 3): WireFaultPlan {
  return { kind: rng.pick(WIRE_FAULT_KINDS), nth: rng.int(1, maxNth) };
}
