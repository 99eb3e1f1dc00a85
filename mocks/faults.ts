import { UserAdminError, type UserAdminErrorCode } from '../src/contract/errors';
import type { UserAdminAdapter } from '../src/contract/types';

/** An adapter method name. */
export type AdapterMethod = keyof UserAdminAdapter;

/** Options of {@link FaultInjector.failNext}. */
export interface FailNextOptions {
  /** How many matching calls fail. Defaults to 1. */
  count?: number;
  /** Only calls of these methods fail. Defaults to every method. */
  methods?: AdapterMethod[];
  /** The `retryAfterMs` of the error. Defaults to 1000 for `rate_limited`, none otherwise. */
  retryAfterMs?: number;
}

/** Options of {@link FaultInjector.slowNext}. */
export interface SlowNextOptions {
  /** How many matching calls are slowed. Defaults to 1. */
  count?: number;
  /** Only calls of these methods are slowed. Defaults to every method. */
  methods?: AdapterMethod[];
}

/** What the adapter must do for one call, as decided by {@link FaultInjector.take}. */
export interface FaultDecision {
  /** Total wait before answering: the latency plus any `slowNext` delay. */
  delayMs: number;
  /** The error to throw after the wait, if a `failNext` rule matched. */
  error: UserAdminError | null;
}

/** Makes the memory adapter fail or lag on demand, for tests and stories of error and loading states. */
export interface FaultInjector {
  /** The next matching call(s) throw a {@link UserAdminError} with this code. */
  failNext(code: UserAdminErrorCode, options?: FailNextOptions): void;
  /** The next matching call(s) take `ms` longer. */
  slowNext(ms: number, options?: SlowNextOptions): void;
  /**
   * The next `inviteUsers` call cannot invite these addresses (compared without case): they come
   * back in `failed` with this code, nothing is created for them, and the other addresses go
   * through. One rule per call; rules apply in the order given.
   */
  failInvitesTo(emails: readonly string[], code?: UserAdminErrorCode): void;
  /** Consumes the next {@link FaultInjector.failInvitesTo} rule (used by the memory adapter). */
  takeInviteFailures(): { emails: ReadonlySet<string>; code: UserAdminErrorCode } | null;
  /**
   * The backend's next write to this user (`updateUser`, `setUserStatus`, `removeUser`, or its item
   * of `setUsersStatus` / `removeUsers`) fails with this code (a server error, `unavailable`, by
   * default) and changes nothing for them, while the other items of a bulk call go through. One
   * write per call; calls for the same user add up.
   * @example
   * faults.failWriteOf('user-jose');
   * await adapter.removeUsers({ ids: ['user-jose', 'user-francoise'] }); // jose: ok false, unavailable; francoise: removed
   */
  failWriteOf(userId: string, code?: UserAdminErrorCode): void;
  /** Consumes a {@link FaultInjector.failWriteOf} rule for this user: the error to answer, or `null` (used by the memory adapter). */
  takeWriteFailure(userId: string): UserAdminError | null;
  /** Whether some {@link FaultInjector.failWriteOf} rule is waiting. */
  readonly hasWriteFailures: boolean;
  /** Every call waits `ms` (replacing the adapter's own `latencyMs`). */
  setLatency(ms: number): void;
  /** Forgets every rule and the latency set here. */
  reset(): void;
  /** The latency set by {@link FaultInjector.setLatency}, or `null` to use the adapter's. */
  readonly latencyMs: number | null;
  /** Consumes the rules that match one call of `method` (used by the memory adapter). */
  take(method: AdapterMethod, baseLatencyMs: number): FaultDecision;
}

const HTTP_STATUS: Partial<Record<UserAdminErrorCode, number>> = {
  unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, validation: 422, rate_limited: 429, unavailable: 503, unknown: 500,
};

interface Rule<T> {
  remaining: number;
  methods: Set<AdapterMethod> | null;
  value: T;
}

function takeRule<T>(rules: Rule<T>[], method: AdapterMethod): T | undefined {
  const index = rules.findIndex((r) => r.methods === null || r.methods.has(method));
  const rule = rules[index];
  if (!rule) return undefined;
  rule.remaining--;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule.value;
}

/**
 * Creates a fault injector to pass to {@link createMemoryAdapter}. Rules apply in the order given.
 * @example
 * const faults = createFaultInjector();
 * const adapter = createMemoryAdapter(createMockStore(), { faults });
 * faults.failNext('rate_limited', { methods: ['listUsers'], retryAfterMs: 2000 });
 * await adapter.listUsers({ pageIndex: 0, pageSize: 20 }); // throws, code 'rate_limited'
 */
export function createFaultInjector(): FaultInjector {
  let failures: Rule<{ code: UserAdminErrorCode; retryAfterMs: number | undefined }>[] = [];
  let slows: Rule<number>[] = [];
  let latency: number | null = null;
  let inviteFailures: { emails: ReadonlySet<string>; code: UserAdminErrorCode }[] = [];
  let writeFailures: { userId: string; code: UserAdminErrorCode }[] = [];
  return {
    failNext(code, options = {}) {
      failures.push({
        remaining: options.count ?? 1,
        methods: options.methods ? new Set(options.methods) : null,
        value: { code, retryAfterMs: options.retryAfterMs ?? (code === 'rate_limited' ? 1000 : undefined) },
      });
    },
    slowNext(ms, options = {}) {
      slows.push({ remaining: options.count ?? 1, methods: options.methods ? new Set(options.methods) : null, value: ms });
    },
    failInvitesTo(emails, code = 'unavailable') {
      inviteFailures.push({ emails: new Set(emails.map((e) => e.trim().toLowerCase())), code });
    },
    takeInviteFailures() {
      return inviteFailures.shift() ?? null;
    },
    failWriteOf(userId, code = 'unavailable') {
      writeFailures.push({ userId, code });
    },
    takeWriteFailure(userId) {
      const index = writeFailures.findIndex((f) => f.userId === userId);
      const rule = writeFailures[index];
      if (!rule) return null;
      writeFailures.splice(index, 1);
      const status = HTTP_STATUS[rule.code];
      return new UserAdminError(rule.code, `Injected ${rule.code} fault on a write to ${userId}`, status === undefined ? {} : { status });
    },
    get hasWriteFailures() {
      return writeFailures.length > 0;
    },
    setLatency(ms) {
      latency = ms;
    },
    reset() {
      failures = [];
      inviteFailures = [];
      writeFailures = [];
      slows = [];
      latency = null;
    },
    get latencyMs() {
      return latency;
    },
    take(method, baseLatencyMs) {
      const extra = takeRule(slows, method) ?? 0;
      const failure = takeRule(failures, method);
      const status = failure ? HTTP_STATUS[failure.code] : undefined;
      return {
        delayMs: Math.max(0, (latency ?? baseLatencyMs) + extra),
        error: failure
          ? new UserAdminError(failure.code, `Injected ${failure.code} fault on ${method}`, {
            ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
            ...(status !== undefined ? { status } : {}),
          })
          : null,
      };
    },
  };
}
