/**
 * Test helpers for the hooks: an adapter whose unmocked methods fail loudly, a fresh QueryClient
 * per test (no retries), and a wrapper rendering the provider.
 */
import { QueryClient } from '@tanstack/react-query';
import { createElement, type ReactNode } from 'react';
import { vi, type Mock } from 'vitest';
import { REQUIRED_ADAPTER_METHODS, type UserAdminAdapter } from '../../src/contract/types';
import { UserAdminProvider } from '../../src/provider/UserAdminProvider';

/**
 * An adapter whose required methods reject with `listUsers is not implemented` unless overridden.
 * Optional methods exist only when overridden, so capabilities follow the overrides.
 * @example
 * const adapter = createTestAdapter({ listUsers: async () => ({ items: [], total: 0 }) });
 */
export function createTestAdapter(overrides: Partial<UserAdminAdapter> = {}): UserAdminAdapter {
  const adapter: Record<string, unknown> = {};
  for (const name of REQUIRED_ADAPTER_METHODS) {
    adapter[name] = () => Promise.reject(new Error(`${name} is not implemented`));
  }
  return { ...(adapter as unknown as UserAdminAdapter), ...overrides };
}

/** An adapter whose methods are `vi.fn` spies; optional methods are typed as present (test what you spy on). */
export type SpiedAdapter<A> = {
  [K in keyof A]-?: NonNullable<A[K]> extends (...args: infer P) => infer R ? NonNullable<A[K]> & Mock<(...args: P) => R> : A[K];
};

/**
 * Wraps every method of an adapter in a `vi.fn` spy that calls through, to count calls.
 * @example
 * const adapter = spyOnAdapter(createMemoryAdapter(createMockStore()));
 * expect(adapter.listUsers).toHaveBeenCalledTimes(1);
 */
export function spyOnAdapter<A extends UserAdminAdapter>(adapter: A) {
  const spied: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(adapter)) {
    spied[name] = typeof fn === 'function' ? vi.fn((...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(adapter, args)) : fn;
  }
  return spied as unknown as SpiedAdapter<A>;
}

/**
 * A fresh QueryClient per test: no retries, no garbage collection during the test.
 * @example
 * const queryClient = createTestQueryClient();
 */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/**
 * A `wrapper` for `renderHook` that renders `<UserAdminProvider>` with the adapter and client.
 * @example
 * renderHook(() => useUserList(), { wrapper: createWrapper(adapter, queryClient) });
 */
export function createWrapper(adapter: UserAdminAdapter, queryClient: QueryClient = createTestQueryClient()) {
  return function Wrapper({ children }: { children?: ReactNode }) {
    return createElement(UserAdminProvider, { adapter, queryClient }, children);
  };
}

/** A promise with its resolve and reject exposed, to hold an adapter call open. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
