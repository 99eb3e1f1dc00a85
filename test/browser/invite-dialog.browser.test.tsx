/**
 * The invite dialog in real Chromium: axe with zero violations in every locale and theme for its
 * main states, and the whole invite flow with the keyboard alone (real key presses).
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render, screen, within, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { ROLE_IDS, ROOT_ENTITY_ID, createFaultInjector, createMemoryAdapter, createMockStore, type FaultInjector, type MockStore, type MockStoreOptions } from '../../mocks';
import { UserAdminProvider } from '../../src/headless';
import { createUserAdminI18n, getUserAdminT, type UserAdminT } from '../../src/i18n';
import { InviteDialog, type InviteDialogProps } from '../../src/invitations/invite/components';
import { EVERY_SKIP_REASON_EMAILS, EVERY_SKIP_REASON_STORE, withEverySkipReason } from '../utils/invite-support';
import '../../src/styles.css';
import { itHasNoAxeViolations, type AxeState } from '../utils/browser';

type Locale = 'en' | 'fr' | 'pt';
const ts: Record<Locale, UserAdminT> = {
  en: getUserAdminT(createUserAdminI18n({ locale: 'en' })),
  fr: getUserAdminT(createUserAdminI18n({ locale: 'fr' })),
  pt: getUserAdminT(createUserAdminI18n({ locale: 'pt' })),
};
const TIMEOUT = { timeout: 10_000 };

interface Options {
  locale?: Locale;
  theme?: 'light' | 'dark';
  store?: MockStoreOptions;
  prepare?: (backend: { store: MockStore; faults: FaultInjector }) => void;
  props?: Partial<InviteDialogProps>;
}

function renderDialog(options: Options = {}) {
  const store = createMockStore({ userCount: 40, ...options.store });
  const faults = createFaultInjector();
  options.prepare?.({ store, faults });
  const adapter = createMemoryAdapter(store, { latencyMs: 5, faults });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <UserAdminProvider adapter={adapter} locale={options.locale ?? 'en'} queryClient={queryClient}>
      <div className="uak-root" data-theme={options.theme ?? 'light'} style={{ minHeight: '100vh', padding: '1rem' }}>
        <InviteDialog {...options.props} />
      </div>
    </UserAdminProvider>,
  );
  return { ...view, store, faults, t: ts[options.locale ?? 'en'] };
}

async function openForm(t: UserAdminT) {
  const dialog = await screen.findByRole('dialog', {}, TIMEOUT);
  await within(dialog).findByRole('textbox', { name: t('invite.emails.label') }, TIMEOUT);
  // The entity picker's tree (its roots and the opened group) is part of what axe checks.
  await within(dialog).findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT).catch(() => undefined);
  return dialog;
}


const filled = { roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] };

const STATES: Record<string, AxeState> = {
  'the open, empty dialog': async (o) => {
    const { container, t } = renderDialog({ ...o, props: { defaultOpen: true } });
    const dialog = await openForm(t);
    return { container, check: () => expect(within(dialog).getByRole('heading', { name: t('invite.title') })).toBeTruthy() };
  },
  'the dialog with invalid and duplicate chips': async (o) => {
    const { container, t } = renderDialog({ ...o, props: { defaultOpen: true, defaultValues: { emails: ['ok@acme.fr, nope, OK@acme.fr'], ...filled } } });
    const dialog = await openForm(t);
    return { container, check: () => expect(within(dialog).getByText(t('invite.addressesNeedAttention', { count: 2 }))).toBeTruthy() };
  },
  'the dialog with mixed results': async (o) => {
    const { container, t } = renderDialog({
      ...o,
      store: EVERY_SKIP_REASON_STORE,
      prepare: ({ store }) => withEverySkipReason(store),
      props: { defaultOpen: true, defaultValues: { emails: [Object.values(EVERY_SKIP_REASON_EMAILS).join(' ')], ...filled } },
    });
    const dialog = await openForm(t);
    await userEvent.click(within(dialog).getByRole('button', { name: t('invite.submit') }));
    await within(dialog).findByText(t('invite.result.skippedCount', { count: 6 }), {}, TIMEOUT);
    return { container, check: () => expect(within(dialog).getAllByText(t('invite.skipReason.disposable')).length).toBeGreaterThan(0) };
  },
  'the dialog with a server error': async (o) => {
    const { container, t } = renderDialog({
      ...o,
      prepare: ({ faults }) => faults.failNext('unavailable', { methods: ['inviteUsers'] }),
      props: { defaultOpen: true, defaultValues: { emails: ['new.person@acme.fr'], ...filled } },
    });
    const dialog = await openForm(t);
    await userEvent.click(within(dialog).getByRole('button', { name: t('invite.submit') }));
    const alert = await within(dialog).findByRole('alert', {}, TIMEOUT);
    return { container, check: () => expect(alert.textContent).toContain(t('errors.unavailable')) };
  },
  'the SSO-disabled trigger': async (o) => {
    const { container, t } = renderDialog({ ...o, store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    await waitFor(() => expect(screen.getByRole('button', { name: t('invite.trigger') }).getAttribute('aria-disabled')).toBe('true'), TIMEOUT);
    return { container, check: () => expect(screen.getByText(t('settings.ssoEnforced', { provider: 'Okta' }))).toBeTruthy() };
  },
};

describe('the invite dialog in Chromium', () => {
  itHasNoAxeViolations(STATES);

  it('with the keyboard alone, a person opens the dialog, types two addresses, picks a role and an entity, and sends', async () => {
    const { t, store } = renderDialog({ store: { userCount: 20 } });
    const trigger = await screen.findByRole('button', { name: t('invite.trigger') }, TIMEOUT);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(trigger);
    await userEvent.keyboard('{Enter}');
    const dialog = await openForm(t);
    const input = within(dialog).getByRole('textbox', { name: t('invite.emails.label') });
    await waitFor(() => expect(document.activeElement).toBe(input), TIMEOUT);

    await userEvent.keyboard('first.keyboard@acme.fr,second.keyboard@acme.fr');
    // Tab leaves the field, which turns the typed text into the second chip, and reaches the role.
    await userEvent.keyboard('{Tab}');
    const chips = within(dialog).getByRole('list', { name: t('invite.emails.count', { count: 2 }) });
    expect(within(chips).getAllByRole('listitem')).toHaveLength(2);
    const role = within(dialog).getByRole('combobox', { name: t('invite.role.label') }) as HTMLSelectElement;
    expect(document.activeElement).toBe(role);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(role.value).toBe(ROLE_IDS.communication));

    // Tab to the entity search, then into the tree: the group, then its first company, granted
    // with all its sub-accounts (Shift+Space), then the next company alone (Space).
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(within(dialog).getByRole('searchbox', { name: t('entityPicker.search') }));
    const tree = await within(dialog).findByRole('tree', { name: t('invite.entities.label') }, TIMEOUT);
    await within(tree).findByRole('treeitem', { name: /^Acme Deutschland GmbH/ }, TIMEOUT);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement?.getAttribute('data-entity-id')).toBe(ROOT_ENTITY_ID);
    await userEvent.keyboard('{ArrowDown}{Shift>} {/Shift}{ArrowDown} ');
    const granted = within(tree).getByRole('treeitem', { name: /^Acme Deutschland GmbH/ });
    expect(granted.getAttribute('aria-checked')).toBe('true');
    expect(granted.textContent).toContain(t('entityPicker.subtreeOn'));
    expect(within(tree).getByRole('treeitem', { name: /^Acme France SAS/ }).getAttribute('aria-checked')).toBe('true');

    // On to the submit button, with Tab only, and send with Enter.
    const submit = within(dialog).getByRole('button', { name: t('invite.submit') });
    for (let i = 0; i < 25 && document.activeElement !== submit; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(submit);
    await userEvent.keyboard('{Enter}');
    expect(await within(dialog).findByText(t('invite.result.invitedCount', { count: 2 }), {}, TIMEOUT)).toBeTruthy();
    const invited = store.listInvitations({ pageIndex: 0, pageSize: 500, search: 'keyboard@acme.fr' }).items;
    expect(invited.map((i) => i.email).sort()).toEqual(['first.keyboard@acme.fr', 'second.keyboard@acme.fr']);
    expect(invited[0]).toMatchObject({ roleId: ROLE_IDS.communication });
    expect(invited[0]!.entityIds).toEqual(['entity-acme-deutschland', 'entity-acme-france']);
    expect(invited[0]!.subtreeEntityIds).toEqual(['entity-acme-deutschland']);
  });
});
