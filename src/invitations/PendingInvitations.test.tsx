import { QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  DAY_MS, FIXTURE_ROLES, ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore,
  type FaultInjector, type MockStore, type MockStoreOptions,
} from '../../mocks';
import { getUserAdminT, createUserAdminI18n, translateError, type UserAdminT } from '../i18n';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserAdminError } from '../contract/errors';
import { PendingInvitations, type PendingInvitationsProps } from './PendingInvitations';

type Locale = 'en' | 'fr' | 'pt';
const ts = new Map<Locale, UserAdminT>();
function tFor(locale: Locale): UserAdminT {
  let t = ts.get(locale);
  if (!t) ts.set(locale, (t = getUserAdminT(createUserAdminI18n({ locale }))));
  return t;
}
const t = tFor('en');

interface Options {
  locale?: Locale;
  store?: MockStoreOptions;
  latencyMs?: number;
  setup?: (backend: { store: MockStore; faults: FaultInjector }) => void;
  props?: Partial<PendingInvitationsProps>;
}

function renderInvitations(options: Options = {}) {
  const store = createMockStore({ userCount: 80, ...options.store });
  const faults = createFaultInjector();
  options.setup?.({ store, faults });
  const adapter = createMemoryAdapter(store, { latencyMs: options.latencyMs ?? 0, faults });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <UserAdminProvider adapter={adapter} locale={options.locale ?? 'en'} queryClient={queryClient}>
      <PendingInvitations now={store.clock.now} {...options.props} />
    </UserAdminProvider>,
  );
  return { ...view, store, faults, user: userEvent.setup() };
}

const table = () => screen.findByRole('table', {}, { timeout: 3000 });
const rowOf = (email: string) => screen.getByRole('rowheader', { hidden: true, name: new RegExp(email.replace(/[.]/g, '\\.')) }).closest('tr')!;
const bodyRows = (el: HTMLElement) => within(el).getAllByRole('row').slice(1);

async function openRowMenu(user: ReturnType<typeof userEvent.setup>, email: string) {
  await user.click(screen.getByRole('button', { name: t('invitations.rowActions', { email }) }));
}

/** Invites one address now, so it is the newest (first) row with a known expiry of 7 days. */
function inviteNow(store: MockStore, email: string, entityCount = 1) {
  const entityIds = store.listEntities({ pageIndex: 0, pageSize: entityCount }).items.map((e) => e.id);
  store.inviteUsers({ input: { emails: [email], roleId: ROLE_IDS.communication, entityIds } });
  return entityIds;
}

function revokeAll(store: MockStore) {
  for (const invitation of store.listInvitations({ pageIndex: 0, pageSize: 1000 }).items) store.revokeInvitation({ id: invitation.id });
}

describe('PendingInvitations', () => {
  it('shows each invitation’s email and kind, role name, entity count with names on focus, inviter and expiry', async () => {
    let entityIds: string[] = [];
    const { store } = renderInvitations({ setup: ({ store }) => { entityIds = inviteNow(store, 'multi.entity@example.com', 3); } });
    await table();
    const row = rowOf('multi.entity@example.com');
    expect(within(row).getByText(t('invitationKind.short.invitation'))).toBeInTheDocument();
    expect(within(row).getByText(FIXTURE_ROLES.find((role) => role.id === ROLE_IDS.communication)!.name)).toBeInTheDocument();
    expect(within(row).getByText('Alice Martin')).toBeInTheDocument();
    const names = store.listEntities({ ids: entityIds, pageIndex: 0, pageSize: 10 }).items.map((e) => e.name);
    const trigger = within(row).getByRole('button', { name: t('invitations.entityCount', { count: 3 }) });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    act(() => trigger.focus());
    await waitFor(() => expect(trigger).toHaveAttribute('aria-expanded', 'true'));
    for (const name of names) expect(await within(row).findByText(name)).toBeVisible();
    expect(within(row).getByText(t('time.expiresIn', { relative: 'in 7 days' }))).toBeInTheDocument();
    // Column headers are translated.
    expect(screen.getByRole('columnheader', { name: t('invitations.columns.entities') })).toBeInTheDocument();
  });

  it('given a registration request, its kind says it is an email change', async () => {
    renderInvitations({
      setup: ({ store }) => {
        store.updateUser({ id: 'user-jose', patch: { email: 'jose.new@acme.es' } });
      },
    });
    await table();
    const row = rowOf('jose.new@acme.es');
    expect(within(row).getByText(t('invitationKind.short.registration_request'))).toBeInTheDocument();
  });

  it('writes the relative expiry in the active locale, from Intl: the texts differ between en, fr and pt', async () => {
    const texts: string[] = [];
    for (const locale of ['en', 'fr', 'pt'] as const) {
      const view = renderInvitations({ locale, setup: ({ store }) => void inviteNow(store, 'fresh@example.com') });
      await table();
      const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(7, 'day');
      const expected = tFor(locale)('time.expiresIn', { relative });
      const cell = within(rowOf('fresh@example.com')).getByText(expected);
      texts.push(cell.textContent!);
      view.unmount();
    }
    expect(new Set(texts).size).toBe(3);
    expect(texts[1]).toContain('7 jours');
    expect(texts[2]).toContain('7 dias');
  });

  it('given the backend clock past every expiry, each invitation shows “Expired” and none “Expires …”', async () => {
    renderInvitations({ setup: ({ store }) => store.clock.advance(30 * DAY_MS) });
    const el = await table();
    const rows = bodyRows(el);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(within(row).getByText(t('time.expired'))).toBeInTheDocument();
    expect(within(el).queryByText(/^Expires/)).toBeNull();
  });

  it('resending an invitation updates its row and says when the new link expires', async () => {
    const { user, store } = renderInvitations({ setup: ({ store }) => store.clock.advance(30 * DAY_MS) });
    await table();
    const email = within(bodyRows(screen.getByRole('table'))[0]!).getByRole('rowheader').querySelector('.uak-pi-email')!.textContent!;
    await openRowMenu(user, email);
    await user.click(await screen.findByRole('menuitem', { name: t('invitations.resend') }));
    const status = await screen.findByText(t('invitations.resent', { email, relative: 'in 7 days' }));
    expect(status.closest('[role="status"]')).not.toBeNull();
    const row = rowOf(email);
    expect(within(row).getByText(t('time.expiresIn', { relative: 'in 7 days' }))).toBeInTheDocument();
    expect(within(row).queryByText(t('time.expired'))).toBeNull();
    expect(store.listInvitations({ pageIndex: 0, pageSize: 1, search: email }).items[0]!.status).toBe('pending');
  });

  it('given a failing resend, the row stays as it was and the translated reason shows', async () => {
    const { user, faults } = renderInvitations({ locale: 'fr' });
    const tFr = tFor('fr');
    await table();
    const row = bodyRows(screen.getByRole('table'))[0]!;
    const email = row.querySelector('.uak-pi-email')!.textContent!;
    const before = row.textContent;
    faults.failNext('rate_limited', { methods: ['resendInvitation'], retryAfterMs: 3000 });
    await user.click(within(row).getByRole('button', { name: tFr('invitations.rowActions', { email }) }));
    await user.click(await screen.findByRole('menuitem', { name: tFr('invitations.resend') }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(tFr('invitations.resendFailed', {
      email, reason: translateError(tFr, new UserAdminError('rate_limited', 'x', { retryAfterMs: 3000 })),
    }));
    expect(rowOf(email).textContent).toBe(before);
  });

  it('revoking asks first, naming the email and saying the user is removed and the link stops working; confirming removes the row', async () => {
    const { user, store } = renderInvitations({ setup: ({ store }) => void inviteNow(store, 'to.revoke@example.com') });
    await table();
    const total = store.listInvitations({ pageIndex: 0, pageSize: 1 }).total;
    expect(screen.getByText(t('invitations.count', { count: total }))).toBeInTheDocument();
    await openRowMenu(user, 'to.revoke@example.com');
    await user.click(await screen.findByRole('menuitem', { name: t('invitations.revoke') }));
    const dialog = await screen.findByRole('alertdialog', { name: t('invitations.revokeDialog.title', { email: 'to.revoke@example.com' }) });
    expect(dialog).toHaveAccessibleDescription(t('invitations.revokeDialog.description', { email: 'to.revoke@example.com' }));
    await user.click(within(dialog).getByRole('button', { name: t('invitations.revokeDialog.confirm') }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByRole('rowheader', { name: /to\.revoke@example\.com/ })).toBeNull();
    expect(screen.getByText(t('invitations.revoked', { email: 'to.revoke@example.com' }))).toBeInTheDocument();
    expect(screen.getByText(t('invitations.count', { count: total - 1 }))).toBeInTheDocument();
  });

  it('given a failing revoke, the dialog stays open with the translated reason and the row stays', async () => {
    const { user, faults } = renderInvitations({ setup: ({ store }) => void inviteNow(store, 'keep.me@example.com') });
    await table();
    faults.failNext('forbidden', { methods: ['revokeInvitation'] });
    await openRowMenu(user, 'keep.me@example.com');
    await user.click(await screen.findByRole('menuitem', { name: t('invitations.revoke') }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: t('invitations.revokeDialog.confirm') }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(t('errors.forbidden'));
    expect(rowOf('keep.me@example.com')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: t('common.cancel') }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(rowOf('keep.me@example.com')).toBeInTheDocument();
    // Closed, the reason is still there to read.
    expect(screen.getByRole('alert')).toHaveTextContent(t('errors.forbidden'));
  });

  it('bulk resend with one failure lists each email’s outcome and keeps the failed one selected', async () => {
    const { user, faults } = renderInvitations();
    const el = await table();
    const rows = bodyRows(el).slice(0, 3);
    const emails = rows.map((row) => row.querySelector('.uak-pi-email')!.textContent!);
    for (const email of emails) await user.click(screen.getByRole('checkbox', { name: t('invitations.selectRow', { email }) }));
    const bar = screen.getByRole('group', { name: t('invitations.bulk.label') });
    expect(bar).toHaveTextContent(t('common.selected', { count: 3 }));
    faults.failNext('unavailable', { methods: ['resendInvitation'] });
    await user.click(within(bar).getByRole('button', { name: t('invitations.bulk.resend') }));

    const results = await screen.findByText(t('invitations.bulk.resendResults'));
    const list = results.closest('section')!;
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(emails[0]!);
    expect(items[0]).toHaveTextContent(t('errors.unavailable'));
    expect(items[1]).toHaveTextContent(emails[1]!);
    expect(items[1]).toHaveTextContent(t('time.expiresIn', { relative: 'in 7 days' }));
    expect(screen.getByText(t('invitations.bulk.resentAll', { count: 2 }))).toBeInTheDocument();
    expect(screen.getByText(t('invitations.bulk.failedKept', { count: 1 }))).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: t('invitations.selectRow', { email: emails[0] }) })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: t('invitations.selectRow', { email: emails[1] }) })).not.toBeChecked();
  });

  it('bulk revoke confirms with the emails, removes the revoked rows and keeps the failed one, selected, with its reason', async () => {
    const { user, faults } = renderInvitations();
    const el = await table();
    const emails = bodyRows(el).slice(0, 3).map((row) => row.querySelector('.uak-pi-email')!.textContent!);
    await user.click(screen.getByRole('checkbox', { name: t('invitations.selectPage') }));
    expect(screen.getByRole('group', { name: t('invitations.bulk.label') })).toHaveTextContent(t('common.selected', { count: bodyRows(el).length }));
    await user.click(screen.getByRole('checkbox', { name: t('invitations.selectPage') }));
    for (const email of emails) await user.click(screen.getByRole('checkbox', { name: t('invitations.selectRow', { email }) }));
    faults.failNext('conflict', { methods: ['revokeInvitation'] });
    await user.click(screen.getByRole('button', { name: t('invitations.bulk.revoke') }));
    const dialog = await screen.findByRole('alertdialog', { name: t('invitations.bulk.revokeTitle', { count: 3 }) });
    for (const email of emails) expect(within(dialog).getByText(email)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: t('invitations.bulk.confirm', { count: 3 }) }));

    const results = await screen.findByText(t('invitations.bulk.revokeResults'));
    const failed = within(results.closest('section')!).getAllByRole('listitem')[0]!;
    expect(failed).toHaveTextContent(emails[0]!);
    expect(failed).toHaveTextContent(t('errors.conflict'));
    expect(rowOf(emails[0]!)).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: emails[1] })).toBeNull();
    expect(screen.queryByRole('rowheader', { name: emails[2] })).toBeNull();
    expect(screen.getByRole('checkbox', { name: t('invitations.selectRow', { email: emails[0] }) })).toBeChecked();
  });

  it('once the page is selected, offers every matching invitation; revoking them confirms the total, lists the rest as “and N more” and revokes all', async () => {
    const { user, store } = renderInvitations({ props: { defaultState: { pageSize: 2 } } });
    const el = await table();
    const total = store.listInvitations({ pageIndex: 0, pageSize: 1000 }).total;
    expect(total).toBeGreaterThan(2);
    await user.click(screen.getByRole('checkbox', { name: t('invitations.selectPage') }));
    const bar = screen.getByRole('group', { name: t('invitations.bulk.label') });
    expect(bar).toHaveTextContent(t('invitations.bulk.pageSelected', { count: 2, formatted: '2' }));
    await user.click(within(bar).getByRole('button', { name: t('invitations.bulk.selectAllMatching', { count: total, formatted: String(total) }) }));
    expect(bar).toHaveTextContent(t('invitations.bulk.allMatchingSelected', { count: total, formatted: String(total) }));
    expect(bar).toHaveTextContent(t('common.selected', { count: total }));
    for (const row of bodyRows(el)) expect(within(row).getByRole('checkbox')).toBeChecked();

    await user.click(within(bar).getByRole('button', { name: t('invitations.bulk.revoke') }));
    const dialog = await screen.findByRole('alertdialog', { name: t('invitations.bulk.revokeTitle', { count: total }) });
    expect(within(dialog).getByText(t('invitations.bulk.andMore', { count: total - 2, formatted: String(total - 2) }))).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: t('invitations.bulk.confirm', { count: total }) }));
    await screen.findByText(t('invitations.bulk.revokedAll', { count: total }));
    expect(store.listInvitations({ pageIndex: 0, pageSize: 1000 }).total).toBe(0);
  });

  it('searching (debounced) narrows the list; a search with no match offers to clear it', async () => {
    const { user } = renderInvitations();
    const el = await table();
    const all = bodyRows(el).length;
    await user.type(screen.getByRole('searchbox', { name: t('invitations.search') }), 'joao');
    await waitFor(() => expect(bodyRows(screen.getByRole('table')).length).toBe(1));
    expect(rowOf('joao.silva@acme.es')).toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox'));
    await user.type(screen.getByRole('searchbox'), 'zzzz-nobody{Enter}');
    expect(await screen.findByText(t('invitations.empty.noMatch'))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t('invitations.empty.clearFilters') }));
    await waitFor(() => expect(bodyRows(screen.getByRole('table')).length).toBe(all));
  });

  it('filtering by status shows only expired invitations', async () => {
    const { user } = renderInvitations({ store: { userCount: 200 } });
    await table();
    await user.click(screen.getByRole('tab', { name: t('invitations.filter.expired') }));
    await waitFor(() => {
      const rows = bodyRows(screen.getByRole('table'));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toHaveAttribute('data-status', 'expired');
    });
    expect(screen.getByRole('tab', { name: t('invitations.filter.expired') })).toHaveAttribute('aria-selected', 'true');
  });

  it('pages through the invitations', async () => {
    const { user } = renderInvitations({ store: { userCount: 200 }, props: { defaultState: { pageSize: 10 } } });
    const el = await table();
    expect(bodyRows(el)).toHaveLength(10);
    const first = bodyRows(el)[0]!.textContent;
    await user.click(screen.getByRole('button', { name: t('common.nextPage') }));
    await waitFor(() => expect(screen.getByText(t('common.pageOf', { page: 2, pageCount: 2 }))).toBeInTheDocument());
    await waitFor(() => expect(bodyRows(screen.getByRole('table'))[0]!.textContent).not.toBe(first));
  });

  it('given no invitation, the empty state offers the next step through onInvite', async () => {
    const onInvite = vi.fn();
    const { user } = renderInvitations({ setup: ({ store }) => revokeAll(store), props: { onInvite } });
    expect(await screen.findByText(t('invitations.empty.title'))).toBeInTheDocument();
    expect(screen.getByText(t('invitations.empty.hint'))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t('invitations.empty.invite') }));
    expect(onInvite).toHaveBeenCalledOnce();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('given SSO enforcement and no invitation, the empty state says invitations are not used', async () => {
    renderInvitations({ store: { userCount: 20, settings: { sso: { enforced: true, providerName: 'Okta' } } }, setup: ({ store }) => revokeAll(store), props: { onInvite: () => {} } });
    expect(await screen.findByText(t('invitations.sso.title'))).toBeInTheDocument();
    expect(screen.getByText(t('invitations.sso.hint', { provider: 'Okta' }))).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: t('invitations.empty.invite') })).toBeNull();
  });

  it('while the first page loads, a loading status shows and no table', async () => {
    renderInvitations({ latencyMs: 10_000 });
    expect(await screen.findByRole('status', { name: t('common.loading') })).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('given a failing server, the error is translated and retry loads the list', async () => {
    const { user } = renderInvitations({ setup: ({ faults }) => faults.failNext('unavailable', { methods: ['listInvitations'] }) });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(t('invitations.loadError'));
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    await user.click(within(alert).getByRole('button', { name: t('common.retry') }));
    expect(await table()).toBeInTheDocument();
  });

  it('passes host props to its outer element and merges className last', async () => {
    renderInvitations({ props: { className: 'host-class', id: 'invites' } });
    await table();
    const outer = document.getElementById('invites')!;
    expect(outer).toHaveAttribute('data-slot', 'pending-invitations');
    expect(outer.className).toBe('uak-pending-invitations host-class');
  });
});
