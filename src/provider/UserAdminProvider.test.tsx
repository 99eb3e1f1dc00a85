import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { UserAdminError } from '../contract/errors';
import type { UserAdminAdapter } from '../contract/types';
import { createTestAdapter, createTestQueryClient } from '../../test/utils/test-adapter';
import { useAdapterCapabilities } from '../settings/useAdapterCapabilities';
import { useUserAdminContext } from './context';
import { useUserAdminTranslation } from '../i18n';
import fr from '../i18n/locales/fr.json';
import { UserAdminProvider } from './UserAdminProvider';

function silenceErrors() {
  return vi.spyOn(console, 'error').mockImplementation(() => {});
}

describe('UserAdminProvider', () => {
  it('given no provider, a hook throws a sentence naming itself and the fix', () => {
    const spy = silenceErrors();
    expect(() => renderHook(() => useUserAdminContext('useUserList'))).toThrow(
      '`useUserList` must be used within <UserAdminProvider>. Wrap your admin page in <UserAdminProvider adapter={...}>.',
    );
    spy.mockRestore();
  });

  it('given an adapter missing required methods, throws a sentence naming each of them', () => {
    const spy = silenceErrors();
    const { listUsers: _l, getUser: _g, ...partial } = createTestAdapter();
    expect(() => render(<UserAdminProvider adapter={partial as UserAdminAdapter}>x</UserAdminProvider>)).toThrow(
      'The adapter passed to <UserAdminProvider> is missing the required methods listUsers, getUser.',
    );
    spy.mockRestore();
  });

  it('given an adapter with one optional method, exposes it as a capability', () => {
    const adapter = createTestAdapter({ getAccessDiagnostics: async ({ userId }) => ({ userId, failures: [] }) });
    const { result } = renderHook(() => useAdapterCapabilities(), {
      wrapper: ({ children }) => <UserAdminProvider adapter={adapter} queryClient={createTestQueryClient()}>{children}</UserAdminProvider>,
    });
    expect(result.current).toEqual({ userCounts: false, accessDiagnostics: true, bulkStatus: false, bulkRemove: false, roleEditing: false, passwordReset: false });
  });

  it('keeps the same context value across re-renders with the same adapter', () => {
    const adapter = createTestAdapter();
    const queryClient = createTestQueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <UserAdminProvider adapter={adapter} queryClient={queryClient}>{children}</UserAdminProvider>
    );
    const { result, rerender } = renderHook(() => useUserAdminContext('test'), { wrapper });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });

  describe('QueryClient selection', () => {
    const adapter = createTestAdapter();

    it('given a queryClient prop, uses it even under a host QueryClientProvider', () => {
      const host = new QueryClient();
      const passed = new QueryClient();
      const { result } = renderHook(() => useQueryClient(), {
        wrapper: ({ children }) => (
          <QueryClientProvider client={host}>
            <UserAdminProvider adapter={adapter} queryClient={passed}>{children}</UserAdminProvider>
          </QueryClientProvider>
        ),
      });
      expect(result.current).toBe(passed);
    });

    it("given no prop but a host QueryClientProvider, shares the host's client", () => {
      const host = new QueryClient();
      const { result } = renderHook(() => useQueryClient(), {
        wrapper: ({ children }) => (
          <QueryClientProvider client={host}>
            <UserAdminProvider adapter={adapter}>{children}</UserAdminProvider>
          </QueryClientProvider>
        ),
      });
      expect(result.current).toBe(host);
    });

    it('given neither, creates its own once, with retries only for retryable errors, 30 s staleTime and no refetch on focus', () => {
      const { result, rerender } = renderHook(() => useQueryClient(), {
        wrapper: ({ children }) => <UserAdminProvider adapter={adapter}>{children}</UserAdminProvider>,
      });
      const own = result.current;
      rerender();
      expect(result.current).toBe(own);
      const defaults = own.getDefaultOptions().queries!;
      expect(defaults.staleTime).toBe(30_000);
      expect(defaults.refetchOnWindowFocus).toBe(false);
      const retry = defaults.retry as (count: number, error: unknown) => boolean;
      expect(retry(0, new UserAdminError('network'))).toBe(true);
      expect(retry(1, new UserAdminError('unavailable'))).toBe(true);
      expect(retry(2, new UserAdminError('rate_limited'))).toBe(false);
      expect(retry(0, new UserAdminError('forbidden'))).toBe(false);
      expect(retry(0, new Error('boom'))).toBe(false);
    });
  });

  it('given a locale, its children read texts in that language through the i18n layer', () => {
    function Retry() {
      const { t } = useUserAdminTranslation();
      return <button type="button">{t('common.retry')}</button>;
    }
    render(
      <UserAdminProvider adapter={createTestAdapter()} queryClient={createTestQueryClient()} locale="fr">
        <Retry />
      </UserAdminProvider>,
    );
    expect(screen.getByRole('button')).toHaveTextContent(fr.common.retry);
  });

  it("passes a host's locale loader and fallback to the texts: a locale the kit does not ship renders the host's words, the fallback shows meanwhile", async () => {
    let release: (() => void) | undefined;
    const loadMessages = vi.fn((locale: string) =>
      locale === 'de' ? new Promise<{ common: { cancel: string } }>((resolve) => { release = () => resolve({ common: { cancel: 'Abbrechen' } }); }) : Promise.resolve(undefined),
    );
    function Cancel() {
      const { t } = useUserAdminTranslation();
      return <span>{t('common.cancel')}</span>;
    }
    render(
      <UserAdminProvider adapter={createTestAdapter()} queryClient={createTestQueryClient()} locale="de-AT" loadMessages={loadMessages} fallback={<p>loading texts</p>}>
        <Cancel />
      </UserAdminProvider>,
    );
    expect(screen.getByText('loading texts')).toBeTruthy();
    await vi.waitFor(() => expect(release).toBeDefined());
    release!();
    expect(await screen.findByText('Abbrechen')).toBeTruthy();
    expect(loadMessages).toHaveBeenCalledWith('de');
  });
});

