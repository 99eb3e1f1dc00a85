import { throwIfAborted } from '../src/contract/errors';
import type { BulkItemResult, BulkResult, CallOptions, InviteFailure, InviteUsersResult, UserAdminAdapter } from '../src/contract/types';
import type { AdapterMethod, FaultInjector } from './faults';
import type { MockStore } from './store';

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  /** Wait before every answer, in milliseconds, to show loading states. Defaults to 0. */
  latencyMs?: number;
  /** Failures and delays on demand. Defaults to none. */
  faults?: FaultInjector;
}

/** `{ expectedVersion }` when one is given, else nothing (`exactOptionalPropertyTypes`-safe). */
const versioned = (expectedVersion: string | undefined) => (expectedVersion === undefined ? {} : { expectedVersion });

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A complete {@link UserAdminAdapter} (required and optional methods) over a mock store: async,
 * abortable, with optional latency and injected faults. Results are deep copies.
 * @example
 * const store = createMockStore();
 * const adapter = createMemoryAdapter(store, { latencyMs: 300 });
 * const { items } = await adapter.listUsers({ pageIndex: 0, pageSize: 20 });
 */
export function createMemoryAdapter(store: MockStore, options: MemoryAdapterOptions = {}): UserAdminAdapter {
  const baseLatency = options.latencyMs ?? 0;
  const faults = options.faults;

  async function call<P extends CallOptions | undefined, R>(method: AdapterMethod, params: P, run: (params: P) => R): Promise<R> {
    const signal = params?.signal;
    throwIfAborted(signal);
    const decision = faults ? faults.take(method, baseLatency) : { delayMs: baseLatency, error: null };
    await wait(decision.delayMs, signal);
    throwIfAborted(signal);
    if (decision.error) throw decision.error;
    const result = run(params);
    return result === undefined ? result : structuredClone(result);
  }

  /** Throws the error of a `failWriteOf` rule for this user, if one is waiting. */
  function failWrite(id: string): void {
    const error = faults?.takeWriteFailure(id);
    if (error) throw error;
  }

  /** A bulk call where the items with a `failWriteOf` rule fail (nothing changes for them) and the others go through, in the order given. */
  function bulkWithFaults(ids: string[], run: (ids: string[]) => BulkResult): BulkResult {
    if (!faults?.hasWriteFailures) return run(ids);
    return {
      results: ids.flatMap((id): BulkItemResult[] => {
        const error = faults.takeWriteFailure(id);
        return error ? [{ id, ok: false, error: error.toJSON() }] : run([id]).results;
      }),
    };
  }

  return {
    getSettings: (p) => call('getSettings', p, () => store.getSettings()),
    listUsers: (p) => call('listUsers', p, ({ signal: _s, ...rest }) => store.listUsers(rest)),
    getUser: (p) => call('getUser', p, ({ id }) => store.getUser({ id })),
    createUser: (p) => call('createUser', p, ({ input }) => store.createUser({ input })),
    updateUser: (p) => call('updateUser', p, ({ id, patch, expectedVersion }) => {
      failWrite(id);
      return store.updateUser({ id, patch, ...versioned(expectedVersion) });
    }),
    setUserStatus: (p) => call('setUserStatus', p, ({ id, status, expectedVersion }) => {
      failWrite(id);
      return store.setUserStatus({ id, status, ...versioned(expectedVersion) });
    }),
    removeUser: (p) => call('removeUser', p, ({ id, expectedVersion }) => {
      failWrite(id);
      return store.removeUser({ id, ...versioned(expectedVersion) });
    }),
    inviteUsers: (p) => call('inviteUsers', p, ({ input }) => {
      const rule = faults?.takeInviteFailures() ?? null;
      if (!rule) return store.inviteUsers({ input });
      // The addresses the rule names fail as a backend's request would: nothing is created for them.
      // A repeat of a failing address is a duplicate, as the store would say.
      const failed: InviteFailure[] = [];
      const repeats: InviteUsersResult['skipped'] = [];
      const rest: string[] = [];
      for (const email of input.emails) {
        const key = email.trim().toLowerCase();
        if (!rule.emails.has(key)) rest.push(email);
        else if (failed.some((f) => f.email.toLowerCase() === key)) repeats.push({ email: email.trim(), reason: 'duplicate' });
        else failed.push({ email: email.trim(), code: rule.code });
      }
      const result = rest.length > 0 ? store.inviteUsers({ input: { ...input, emails: rest } }) : { invited: [], skipped: [] };
      return { ...result, skipped: [...result.skipped, ...repeats], failed };
    }),
    listInvitations: (p) => call('listInvitations', p, ({ signal: _s, ...rest }) => store.listInvitations(rest)),
    resendInvitation: (p) => call('resendInvitation', p, ({ id }) => store.resendInvitation({ id })),
    revokeInvitation: (p) => call('revokeInvitation', p, ({ id }) => store.revokeInvitation({ id })),
    listRoles: (p) => call('listRoles', p, () => store.listRoles()),
    listModules: (p) => call('listModules', p, () => store.listModules()),
    listEntities: (p) => call('listEntities', p, ({ signal: _s, ...rest }) => store.listEntities(rest)),
    getUserCounts: (p) => call('getUserCounts', p, ({ search, filter }) => store.getUserCounts({ search, filter })),
    getAccessDiagnostics: (p) => call('getAccessDiagnostics', p, ({ userId }) => store.getAccessDiagnostics({ userId })),
    setUsersStatus: (p) => call('setUsersStatus', p, ({ ids, status }) => bulkWithFaults(ids, (one) => store.setUsersStatus({ ids: one, status }))),
    removeUsers: (p) => call('removeUsers', p, ({ ids }) => bulkWithFaults(ids, (one) => store.removeUsers({ ids: one }))),
    updateRole: (p) => call('updateRole', p, ({ id, patch, expectedVersion }) => store.updateRole({ id, patch, ...versioned(expectedVersion) })),
    sendPasswordReset: (p) => call('sendPasswordReset', p, ({ id }) => store.sendPasswordReset({ id })),
  };
}
