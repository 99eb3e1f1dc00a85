import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserAdminError } from '../contract/errors';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { createUserAdminQueryClient } from '../provider/queryClient';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { LoadingState } from '../ui';
import { MAX_AUTO_RETRY_AFTER_MS, userAdminRetry, userAdminRetryDelay } from './retry';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
const limited = (ms: number) => new UserAdminError('rate_limited', 'slow down', { retryAfterMs: ms });

afterEach(() => {
  vi.useRealTimers();
});

describe('Retry-After', () => {
  it('the retry delay is the server\'s retryAfterMs for a rate-limited failure, TanStack\'s backoff otherwise', () => {
    expect(userAdminRetryDelay(0, limited(60_000))).toBe(60_000);
    expect(userAdminRetryDelay(1, limited(250))).toBe(250);
    expect(userAdminRetryDelay(0, new UserAdminError('network'))).toBe(1000);
    expect(userAdminRetryDelay(1, new UserAdminError('rate_limited'))).toBe(2000);
    expect(userAdminRetryDelay(10, new UserAdminError('unavailable'))).toBe(30_000);
    expect(userAdminRetry(0, limited(MAX_AUTO_RETRY_AFTER_MS))).toBe(true);
    expect(userAdminRetry(0, limited(MAX_AUTO_RETRY_AFTER_MS + 1))).toBe(false);
    expect(userAdminRetry(0, new UserAdminError('validation'))).toBe(false);
  });

  it('a query of the provider\'s QueryClient that is rate-limited with Retry-After: 5 waits 5 s before trying again, not 1 s', async () => {
    vi.useFakeTimers();
    const queryClient = createUserAdminQueryClient();
    const queryFn = vi.fn().mockRejectedValueOnce(limited(5000)).mockResolvedValue('ok');
    const result = queryClient.fetchQuery({ queryKey: ['retry-after'], queryFn });
    await vi.advanceTimersByTimeAsync(0);
    expect(queryFn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2500);
    expect(queryFn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2600);
    expect(queryFn).toHaveBeenCalledTimes(2);
    await expect(result).resolves.toBe('ok');
  });

  it('while the load waits, the loading state says when it will try again, counting down', async () => {
    vi.useFakeTimers();
    const adapter = createMemoryAdapter(createMockStore({ userCount: 3 }), { latencyMs: 0 });
    render(
      <UserAdminProvider adapter={adapter} locale="en">
        <LoadingState retrying={{ error: limited(3000), failureCount: 1 }} />
      </UserAdminProvider>,
    );
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(screen.getByText(t('ui.retryingIn', { count: 3 }), { selector: '[aria-hidden]' })).toBeInTheDocument();
    // Announced once, with the whole wait.
    expect(screen.getByText(t('ui.retryingIn', { count: 3 }), { selector: '[role="status"]' })).toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(screen.getByText(t('ui.retryingIn', { count: 2 }), { selector: '[aria-hidden]' })).toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2100);
    });
    expect(screen.getByText(t('ui.retryingNow'))).toBeInTheDocument();
  });
});
