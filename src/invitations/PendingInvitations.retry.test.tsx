import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFaultInjector, createMemoryAdapter, createMockStore, type FaultInjector } from '../../mocks';
import { createUserAdminI18n, getUserAdminT, type UserAdminT } from '../i18n';
import { createUserAdminQueryClient } from '../provider/queryClient';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { PendingInvitations, type PendingInvitationsProps } from './PendingInvitations';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
const tFr = getUserAdminT(createUserAdminI18n({ locale: 'fr' }));
const WAIT = { timeout: 5000 };

/** The provider's own QueryClient: a rate-limited load is retried after its Retry-After. */
function renderInvitations(options: { locale?: 'en' | 'fr'; userCount?: number; props?: Partial<PendingInvitationsProps>; setup?: (faults: FaultInjector) => void } = {}) {
  const store = createMockStore({ userCount: options.userCount ?? 80 });
  const faults = createFaultInjector();
  options.setup?.(faults);
  const adapter = createMemoryAdapter(store, { latencyMs: 0, faults });
  const view = render(
    <UserAdminProvider adapter={adapter} locale={options.locale ?? 'en'} queryClient={createUserAdminQueryClient()}>
      <PendingInvitations now={store.clock.now} {...options.props} />
    </UserAdminProvider>,
  );
  return { ...view, store, faults, user: userEvent.setup() };
}

const bodyRows = (el: HTMLElement) => within(el).getAllByRole('row').slice(1);
const notice = () => document.querySelector('[data-slot="retry-notice"]');

function expectCountdown(tr: UserAdminT, seconds: number) {
  const text = tr('ui.retryingIn', { count: seconds });
  // What is seen (counting down) and what is announced once, politely.
  expect(screen.getByText(text, { selector: '[aria-hidden]' })).toBeInTheDocument();
  const status = screen.getByText(text, { selector: '[role="status"]' });
  expect(status).toHaveClass('uak-sr-only');
  expect(status.closest('[data-slot="retry-notice"]')).not.toBeNull();
}

describe('PendingInvitations: a rate-limited load', () => {
  it('while the first load waits for its Retry-After, the list says when it tries again, then loads the invitations', async () => {
    renderInvitations({ setup: (faults) => faults.failNext('rate_limited', { methods: ['listInvitations'], retryAfterMs: 1500 }) });
    await screen.findByText(t('ui.retryingIn', { count: 2 }), { selector: '[aria-hidden]' }, WAIT);
    expectCountdown(t, 2);
    // Still loading, not an error.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(t('invitations.loadError'))).toBeNull();
    const table = await screen.findByRole('table', {}, WAIT);
    expect(bodyRows(table).length).toBeGreaterThan(0);
    expect(notice()).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('in French, the countdown is translated', async () => {
    renderInvitations({ locale: 'fr', setup: (faults) => faults.failNext('rate_limited', { methods: ['listInvitations'], retryAfterMs: 1500 }) });
    await screen.findByText(tFr('ui.retryingIn', { count: 2 }), { selector: '[aria-hidden]' }, WAIT);
    expectCountdown(tFr, 2);
    await screen.findByRole('table', {}, WAIT);
    expect(notice()).toBeNull();
  });

  it('when another page is rate-limited, the rows stay with the countdown above them, then the next page shows', async () => {
    const { user, faults } = renderInvitations({ userCount: 200, props: { defaultState: { pageSize: 10 } } });
    const table = await screen.findByRole('table', {}, WAIT);
    const first = bodyRows(table)[0]!.textContent;
    faults.failNext('rate_limited', { methods: ['listInvitations'], retryAfterMs: 1500 });
    await user.click(screen.getByRole('button', { name: t('common.nextPage') }));
    await screen.findByText(t('ui.retryingIn', { count: 2 }), { selector: '[aria-hidden]' }, WAIT);
    expectCountdown(t, 2);
    expect(bodyRows(screen.getByRole('table')).length).toBe(10);
    await waitFor(() => expect(bodyRows(screen.getByRole('table'))[0]!.textContent).not.toBe(first), WAIT);
    expect(screen.getByText(t('common.pageOf', { page: 2, pageCount: 2 }))).toBeInTheDocument();
    expect(notice()).toBeNull();
  });

  it('a failure that is not rate-limited shows no countdown while it is retried', async () => {
    renderInvitations({ setup: (faults) => faults.failNext('unavailable', { methods: ['listInvitations'] }) });
    await screen.findByRole('table', {}, WAIT);
    expect(notice()).toBeNull();
  });
});
