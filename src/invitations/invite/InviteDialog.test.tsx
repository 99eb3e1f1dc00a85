import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { MODULE_IDS, ROLE_IDS, ROOT_ENTITY_ID, createFaultInjector, createMemoryAdapter, createMockStore, type MockStore, type MockStoreOptions } from '../../../mocks';
import type { InviteUsersInput } from '../../contract/types';
import { createUserAdminI18n, getUserAdminT } from '../../i18n';
import { UserAdminProvider } from '../../provider/UserAdminProvider';
import { InviteDialog, type InviteDialogProps } from './InviteDialog';
import { EVERY_SKIP_REASON_EMAILS, EVERY_SKIP_REASON_STORE, withEverySkipReason } from '../../../test/utils/invite-support';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
// Typing with user-event is slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000 });

interface Setup {
  store?: MockStoreOptions;
  prepare?: (store: MockStore) => void;
}

function renderDialog(props: Partial<InviteDialogProps> = { defaultOpen: true }, setup: Setup = {}) {
  const store = createMockStore({ userCount: 40, ...setup.store });
  setup.prepare?.(store);
  const faults = createFaultInjector();
  const adapter = createMemoryAdapter(store, { latencyMs: 0, faults });
  const inviteUsers = vi.spyOn(adapter, 'inviteUsers');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const user = userEvent.setup();
  const view = render(
    <UserAdminProvider adapter={adapter} locale="en" queryClient={queryClient}>
      <InviteDialog {...props} />
    </UserAdminProvider>,
  );
  const sent = () => inviteUsers.mock.calls.map(([p]) => p.input as InviteUsersInput);
  return { ...view, store, faults, user, inviteUsers, sent };
}

const dialog = () => screen.findByRole('dialog', {}, { timeout: 10_000 });
const emailInput = () => screen.getByRole('textbox', { name: t('invite.emails.label') });
const chipTexts = () => {
  const list = screen.queryByRole('list', { name: /address/ });
  return list ? within(list).getAllByRole('listitem').map((li) => li.querySelector('[data-slot="chip-activate"]')?.textContent) : [];
};
const roleSelect = () => screen.getByRole('combobox', { name: t('invite.role.label') }) as HTMLSelectElement;
const moduleSelect = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
/** In the dialog, not the live region that announces the same text. */
const findInDialog = async (text: string, _options?: object, waitOptions = { timeout: 10_000 }) =>
  within(await dialog()).findByText(text, {}, waitOptions);
const submit = () => screen.getByRole('button', { name: t('invite.submit') });

async function ready() {
  await dialog();
  await screen.findByRole('textbox', { name: t('invite.emails.label') }, { timeout: 10_000 });
}

/** Finds an entity through the picker's server search and selects it (Shift+Space: with its sub-accounts). */
async function chooseEntity(user: ReturnType<typeof userEvent.setup>, name: string, options: { withSubAccounts?: boolean } = {}) {
  const search = await screen.findByRole('searchbox', { name: t('entityPicker.search') }, { timeout: 10_000 });
  await user.clear(search);
  await user.type(search, `${name}{Enter}`);
  const item = await screen.findByRole('treeitem', { name: new RegExp(`^${name}`) }, { timeout: 10_000 });
  if (options.withSubAccounts) {
    item.focus();
    await user.keyboard('{Shift>} {/Shift}');
  } else {
    await user.click(item);
  }
  await waitFor(() => expect(item).toHaveAttribute('aria-checked', 'true'));
}

describe('InviteDialog open state', () => {
  it('controlled: stays as the host says, asks the host to close, and only the host opens it again', async () => {
    const onOpenChange = vi.fn();
    const { user, rerender } = renderDialog({ open: true, onOpenChange });
    await dialog();
    await user.keyboard('{Escape}');
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    // The host did not follow: still open.
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    rerender(
      <UserAdminProvider adapter={createMemoryAdapter(createMockStore({ userCount: 5 }), { latencyMs: 0 })} locale="en">
        <InviteDialog open={false} onOpenChange={onOpenChange} />
      </UserAdminProvider>,
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('uncontrolled: the trigger opens it, Escape closes it, and onOpenChange hears both', async () => {
    const onOpenChange = vi.fn();
    const { user } = renderDialog({ onOpenChange });
    await user.click(await screen.findByRole('button', { name: t('invite.trigger') }));
    await dialog();
    expect(onOpenChange).toHaveBeenLastCalledWith(true);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
  });
});

describe('InviteDialog addresses', () => {
  it('given addresses typed and separated by comma, semicolon, space and Enter, turns each into a chip', async () => {
    const { user } = renderDialog();
    await ready();
    await user.type(emailInput(), 'a@acme.fr,b@acme.fr;c@acme.fr d@acme.fr{Enter}');
    expect(chipTexts()).toEqual(['a@acme.fr', 'b@acme.fr', 'c@acme.fr', 'd@acme.fr']);
    expect(emailInput()).toHaveValue('');
  });

  it('given a name being typed, a space does not split it, and the named address becomes one chip', async () => {
    const { user } = renderDialog();
    await ready();
    await user.type(emailInput(), 'Jane Doe <jane@acme.fr>,');
    expect(chipTexts()).toEqual(['Jane Doe jane@acme.fr']);
    expect(screen.getByRole('button', { name: t('invite.emails.edit', { email: 'Jane Doe jane@acme.fr' }) })).toBeInTheDocument();
  });

  it('given a pasted list with names, quotes and mixed separators, makes one chip per address', async () => {
    const { user } = renderDialog();
    await ready();
    await user.click(emailInput());
    await user.paste('"Doe, Jane" <jane@acme.fr>; bob@acme.fr\nCarla <carla@acme.fr>, dan@acme.fr.');
    expect(chipTexts()).toEqual(['Doe, Jane jane@acme.fr', 'bob@acme.fr', 'Carla carla@acme.fr', 'dan@acme.fr']);
  });

  it('given text left in the input, leaving the field commits it', async () => {
    const { user } = renderDialog();
    await ready();
    await user.type(emailInput(), 'solo@acme.fr');
    await user.tab();
    expect(chipTexts()).toEqual(['solo@acme.fr']);
  });

  it('given invalid and duplicate addresses, marks them before sending, sends nothing, and says how many need attention', async () => {
    const { user, inviteUsers } = renderDialog({ defaultOpen: true, defaultValues: { roleId: ROLE_IDS.user, entityIds: [ROOT_ENTITY_ID] } });
    await ready();
    await user.type(emailInput(), 'ok@acme.fr, nope, OK@acme.fr,');
    const items = within(screen.getByRole('list', { name: /address/ })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-status'))).toEqual(['valid', 'invalid', 'duplicate']);
    expect(within(items[1]!).getByText(t('invite.skipReason.invalid'))).toBeInTheDocument();
    expect(within(items[2]!).getByText(t('invite.skipReason.duplicate'))).toBeInTheDocument();
    expect(screen.getByText(t('invite.addressesNeedAttention', { count: 2 }))).toBeInTheDocument();
    expect(emailInput()).toHaveAttribute('aria-invalid', 'true');

    await user.click(submit());
    await new Promise((r) => setTimeout(r, 20));
    expect(inviteUsers).not.toHaveBeenCalled();
    // Removing the two problems is what it takes; nothing valid was dropped.
    await user.click(screen.getByRole('button', { name: t('invite.emails.remove', { email: 'nope' }) }));
    expect(screen.getByText(t('invite.addressesNeedAttention', { count: 1 }))).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t('invite.emails.remove', { email: 'OK@acme.fr' }) }));
    expect(screen.queryByText(/need attention/)).toBeNull();
    await user.click(submit());
    await waitFor(() => expect(inviteUsers).toHaveBeenCalledTimes(1));
    expect(inviteUsers.mock.calls[0]![0].input.emails).toEqual(['ok@acme.fr']);
  });

  it('given an empty input, Backspace removes the last chip; every chip can be reached with Tab and removed with the keyboard', async () => {
    const { user } = renderDialog();
    await ready();
    await user.type(emailInput(), 'a@acme.fr b@acme.fr c@acme.fr ');
    await user.keyboard('{Backspace}');
    expect(chipTexts()).toEqual(['a@acme.fr', 'b@acme.fr']);
    const removeA = screen.getByRole('button', { name: t('invite.emails.remove', { email: 'a@acme.fr' }) });
    removeA.focus();
    await user.keyboard('{Enter}');
    expect(chipTexts()).toEqual(['b@acme.fr']);
    // Focus moves to the chip that took its place.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: t('invite.emails.remove', { email: 'b@acme.fr' }) }));
  });

  it('given a chip activated, puts its text back into the input for correction', async () => {
    const { user } = renderDialog();
    await ready();
    await user.type(emailInput(), 'jane@acme, bob@acme.fr,');
    await user.click(screen.getByRole('button', { name: t('invite.emails.edit', { email: 'jane@acme' }) }));
    expect(chipTexts()).toEqual(['bob@acme.fr']);
    expect(emailInput()).toHaveValue('jane@acme');
    expect(emailInput()).toHaveFocus();
    await user.type(emailInput(), '.fr{Enter}');
    expect(chipTexts()).toEqual(['bob@acme.fr', 'jane@acme.fr']);
  });
});

describe('InviteDialog role and modules', () => {
  it('given a non-admin role, locks the admin-only modules with the reason; an admin role unlocks them with its preset', async () => {
    const { user } = renderDialog();
    await ready();
    await waitFor(() => expect(roleSelect().options.length).toBeGreaterThan(1));
    await user.selectOptions(roleSelect(), ROLE_IDS.communication);
    expect(screen.getByText('Sends communications and reads documents.')).toBeInTheDocument();
    const payment = moduleSelect('Payment');
    expect(payment).toBeDisabled();
    expect(payment).toHaveValue('none');
    expect(payment).toHaveAccessibleDescription(t('errors.reason.admin_only_module'));
    expect(moduleSelect('Communication')).toHaveValue('on');

    await user.selectOptions(roleSelect(), ROLE_IDS.admin);
    expect(moduleSelect('Payment')).toBeEnabled();
    expect(moduleSelect('Payment')).toHaveValue('edit');
    expect(screen.queryByText(t('errors.reason.admin_only_module'))).toBeNull();
    expect(screen.getByRole('group', { name: t('invite.adminScope.legend') })).toBeInTheDocument();

    await user.selectOptions(roleSelect(), ROLE_IDS.user);
    expect(moduleSelect('Payment')).toBeDisabled();
    expect(moduleSelect('Payment')).toHaveValue('none');
    expect(moduleSelect('Reports')).toHaveValue('view');
    expect(screen.queryByRole('group', { name: t('invite.adminScope.legend') })).toBeNull();
  });

  it('sends the role, the adjusted module access and the chosen entities', async () => {
    const { user, sent } = renderDialog();
    await ready();
    await user.type(emailInput(), 'new@acme.fr,');
    await waitFor(() => expect(roleSelect().options.length).toBeGreaterThan(1));
    await user.selectOptions(roleSelect(), ROLE_IDS.user);
    await user.selectOptions(moduleSelect('Signature'), 'on');
    await chooseEntity(user, 'Acme Paris');
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 1 }));
    expect(sent()[0]).toMatchObject({
      emails: ['new@acme.fr'],
      roleId: ROLE_IDS.user,
      entityIds: ['entity-acme-paris'],
      permissions: { [MODULE_IDS.signature]: 'on', [MODULE_IDS.reports]: 'view', [MODULE_IDS.payment]: 'none' },
      adminScope: null,
    });
  });

  it('given a company granted with all its sub-accounts, the invitations carry the entities and the subtree grant', async () => {
    const { user, sent, store } = renderDialog({ defaultOpen: true, defaultValues: { roleId: ROLE_IDS.user } });
    await ready();
    await user.type(emailInput(), 'sub.tree@acme.fr,');
    await chooseEntity(user, 'Acme France SAS', { withSubAccounts: true });
    await chooseEntity(user, 'Acme London');
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 1 }));
    expect(sent()[0]).toMatchObject({ entityIds: ['entity-acme-france', 'entity-acme-london'], subtreeEntityIds: ['entity-acme-france'] });
    const invitation = store.listInvitations({ pageIndex: 0, pageSize: 100 }).items.find((i) => i.email === 'sub.tree@acme.fr');
    expect(invitation?.entityIds).toEqual(['entity-acme-france', 'entity-acme-london']);
    expect(invitation?.subtreeEntityIds).toEqual(['entity-acme-france']);
    // The invited user reaches a sub-account of the company through the grant.
    const reaching = store.listUsers({ pageIndex: 0, pageSize: 100, filter: { entityIds: ['entity-acme-lyon'] } }).items;
    expect(reaching.some((u) => u.email === 'sub.tree@acme.fr')).toBe(true);
  });

  it('given a backend without subtree grants, the picker offers none and the invitation sends none', async () => {
    const { user, sent } = renderDialog(
      { defaultOpen: true, defaultValues: { roleId: ROLE_IDS.user } },
      { store: { settings: { features: { entitySubtrees: false } } } },
    );
    await ready();
    await user.type(emailInput(), 'no.tree@acme.fr,');
    await chooseEntity(user, 'Acme France SAS', { withSubAccounts: true });
    expect(screen.queryByText(t('entityPicker.subtreeOffer'))).toBeNull();
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 1 }));
    expect(sent()[0]?.entityIds).toEqual(['entity-acme-france']);
    expect(sent()[0]).not.toHaveProperty('subtreeEntityIds');
  });

  it('given nothing chosen, says what is missing and sends nothing', async () => {
    const { user, inviteUsers } = renderDialog();
    await ready();
    await user.click(submit());
    expect(await screen.findByText(t('validation.emailsRequired'))).toBeInTheDocument();
    expect(screen.getByText(t('validation.roleRequired'))).toBeInTheDocument();
    expect(screen.getByText(t('validation.entityRequired'))).toBeInTheDocument();
    expect(inviteUsers).not.toHaveBeenCalled();
  });
});

describe('InviteDialog results', () => {
  it('given addresses the server skips for every reason, shows each reason translated, keeps only the skipped as chips and lists the invited as done', async () => {
    const { user } = renderDialog(
      { defaultOpen: true, defaultValues: { roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } },
      { store: EVERY_SKIP_REASON_STORE, prepare: withEverySkipReason },
    );
    await ready();
    await user.click(emailInput());
    await user.paste(Object.values(EVERY_SKIP_REASON_EMAILS).join(', '));
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 1 }), {}, { timeout: 10_000 });
    expect(within(screen.getByRole('dialog')).getByText(t('invite.result.skippedCount', { count: 6 }))).toBeInTheDocument();
    const results = screen.getByText(t('invite.result.title')).closest('section')!;
    for (const reason of ['already_member', 'already_invited', 'disposable', 'domain_not_allowed', 'invalid', 'duplicate'] as const) {
      const row = within(results).getByText(EVERY_SKIP_REASON_EMAILS[reason]).closest('li')!;
      expect(row).toHaveTextContent(t(`invite.skipReason.${reason}`));
      expect(row).toHaveAttribute('data-ok', 'false');
    }
    expect(within(results).getByText(EVERY_SKIP_REASON_EMAILS.ok).closest('li')).toHaveAttribute('data-ok', 'true');
    // The chips hold the six skipped addresses, each with its reason.
    const chips = within(screen.getByRole('list', { name: /address/ })).getAllByRole('listitem');
    // In the order they were typed.
    expect(chips.map((c) => c.getAttribute('data-reason'))).toEqual(['already_member', 'already_invited', 'disposable', 'domain_not_allowed', 'invalid', 'duplicate']);
    expect(chipTexts()).not.toContain(EVERY_SKIP_REASON_EMAILS.ok);
  });

  it('given a skipped address, correcting it and sending again keeps the role and entities and needs no retyping', async () => {
    const { user, sent } = renderDialog({ defaultOpen: true, defaultValues: { entityIds: ['entity-acme-paris'] } });
    await ready();
    await user.type(emailInput(), 'first@acme.fr, second@acme.fr, someone@mailinator.com,');
    await waitFor(() => expect(roleSelect().options.length).toBeGreaterThan(1));
    await user.selectOptions(roleSelect(), ROLE_IDS.communication);
    await user.selectOptions(moduleSelect('Reports'), 'export');
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 2 }), {}, { timeout: 10_000 });
    expect(chipTexts()).toEqual(['someone@mailinator.com']);
    expect(screen.getAllByText(t('invite.skipReason.disposable')).length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: t('invite.emails.edit', { email: 'someone@mailinator.com' }) }));
    await user.clear(emailInput());
    await user.type(emailInput(), 'someone@acme.fr');
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 3 }), {}, { timeout: 10_000 });
    expect(sent()).toHaveLength(2);
    expect(sent()[1]).toMatchObject({
      emails: ['someone@acme.fr'],
      roleId: ROLE_IDS.communication,
      entityIds: ['entity-acme-paris'],
      permissions: { [MODULE_IDS.reports]: 'export' },
    });
    expect(chipTexts()).toEqual([]);
    expect(roleSelect()).toHaveValue(ROLE_IDS.communication);
  });

  it('calls onInvited with each result', async () => {
    const onInvited = vi.fn();
    const { user } = renderDialog({ defaultOpen: true, onInvited, defaultValues: { emails: ['x@acme.fr, jose.garcia@acme.es'], roleId: ROLE_IDS.user, entityIds: [ROOT_ENTITY_ID] } });
    await ready();
    expect(chipTexts()).toEqual(['x@acme.fr', 'jose.garcia@acme.es']);
    await user.click(submit());
    await waitFor(() => expect(onInvited).toHaveBeenCalledTimes(1));
    expect(onInvited.mock.calls[0]![0]).toMatchObject({ invited: [{ email: 'x@acme.fr' }], skipped: [{ email: 'jose.garcia@acme.es', reason: 'already_member' }] });
  });
});

describe('InviteDialog failures', () => {
  it('given a network failure, stays open with everything entered (even the text being typed) and says what happened', async () => {
    const { user, faults, sent } = renderDialog({ defaultOpen: true, defaultValues: { entityIds: ['entity-acme-paris'] } });
    faults.failNext('network', { methods: ['inviteUsers'] });
    await ready();
    await user.type(emailInput(), 'a@acme.fr b@acme.fr ');
    await user.type(emailInput(), 'typing@acme.fr');
    await waitFor(() => expect(roleSelect().options.length).toBeGreaterThan(1));
    await user.selectOptions(roleSelect(), ROLE_IDS.user);
    await user.click(submit());
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent(t('errors.network'));
    expect(alert).toHaveTextContent(t('invite.failed'));
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    // The text being typed became a chip, and it is all still there.
    expect(chipTexts()).toEqual(['a@acme.fr', 'b@acme.fr', 'typing@acme.fr']);
    expect(roleSelect()).toHaveValue(ROLE_IDS.user);
    expect(await within(screen.getByRole('list', { name: t('entityPicker.selection') })).findByText('Acme Paris')).toBeInTheDocument();
    expect(sent()).toEqual([expect.objectContaining({ emails: ['a@acme.fr', 'b@acme.fr', 'typing@acme.fr'] })]);
  });

  it('given a network failure on a valid form, sending again after it succeeds', async () => {
    const { user, faults, sent } = renderDialog({ defaultOpen: true, defaultValues: { emails: ['a@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } });
    faults.failNext('network', { methods: ['inviteUsers'] });
    await ready();
    await user.click(submit());
    expect(await screen.findByRole('alert', {}, { timeout: 10_000 })).toHaveTextContent(t('errors.network'));
    expect(chipTexts()).toEqual(['a@acme.fr']);
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 1 }), {}, { timeout: 10_000 });
    expect(screen.queryByText(t('errors.network'))).toBeNull();
    expect(sent()).toHaveLength(2);
  });

  it('given server field errors, puts each on its field', async () => {
    const { user } = renderDialog({ defaultOpen: true, defaultValues: { emails: ['a@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-closed-last-week'] } });
    await ready();
    await user.click(submit());
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent(t('errors.reason.entity_not_found'));
    expect(await screen.findByRole('tree', { name: t('invite.entities.label') }, { timeout: 10_000 })).toHaveAccessibleDescription(
      expect.stringContaining(t('errors.field.not_found')),
    );
    expect(chipTexts()).toEqual(['a@acme.fr']);
  });
});

describe('InviteDialog opening', () => {
  it('uncontrolled: its own trigger opens it and the close button closes it, starting afresh', async () => {
    const { user } = renderDialog({});
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(await screen.findByRole('button', { name: t('invite.trigger') }));
    await ready();
    await user.type(emailInput(), 'a@acme.fr,');
    await user.click(screen.getByRole('button', { name: t('common.close') }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(screen.getByRole('button', { name: t('invite.trigger') }));
    await ready();
    expect(chipTexts()).toEqual([]);
  });

  it('given a custom trigger, renders it instead of the default button', async () => {
    const { user } = renderDialog({ trigger: <button type="button">Custom</button> });
    expect(screen.queryByRole('button', { name: t('invite.trigger') })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Custom' }));
    await ready();
  });

  it('controlled: follows `open`, asks onOpenChange to close, and with hideTrigger renders no trigger', async () => {
    const onOpenChange = vi.fn();
    function Host() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>Host opens</button>
          <InviteDialog open={open} onOpenChange={(next) => { onOpenChange(next); setOpen(next); }} hideTrigger />
        </>
      );
    }
    const store = createMockStore({ userCount: 10 });
    const user = userEvent.setup();
    render(
      <UserAdminProvider adapter={createMemoryAdapter(store, { latencyMs: 0 })} locale="en" queryClient={new QueryClient()}>
        <Host />
      </UserAdminProvider>,
    );
    expect(screen.queryByRole('button', { name: t('invite.trigger') })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Host opens' }));
    await ready();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it('controlled and kept open by the host, a close request leaves it open', async () => {
    const onOpenChange = vi.fn();
    renderDialog({ open: true, onOpenChange, hideTrigger: true });
    await ready();
    await userEvent.click(screen.getByRole('button', { name: t('common.close') }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('given SSO is enforced, the trigger is disabled, says why, and does not open the dialog', async () => {
    const { user } = renderDialog({}, { store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    await waitFor(() => expect(screen.getByRole('button', { name: t('invite.trigger') })).toHaveAttribute('aria-disabled', 'true'));
    const trigger = screen.getByRole('button', { name: t('invite.trigger') });
    const reason = t('settings.ssoEnforced', { provider: 'Okta' });
    expect(trigger).toHaveAccessibleDescription(reason);
    expect(screen.getByText(reason)).toBeVisible();
    expect(trigger).not.toBeDisabled(); // still focusable
    await user.click(trigger);
    trigger.focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('given SSO is enforced, a host asking it open does not open it', async () => {
    renderDialog({ open: true, hideTrigger: true }, { store: { settings: { sso: { enforced: true, providerName: null } } } });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('InviteDialog settings', () => {
  it.each([
    [7, 'expire'],
    [7, 'deactivate'],
    [30, 'expire'],
    [30, 'deactivate'],
  ] as const)('given invitations valid %i days with policy %s, says how long and what happens at expiry', async (ttlDays, onExpiry) => {
    renderDialog({ defaultOpen: true }, { store: { settings: { invitation: { ttlDays, onExpiry } } } });
    await ready();
    const validity = document.querySelector('[data-slot="invite-validity"]')!;
    expect(validity).toHaveTextContent(t('invitation.validFor', { count: ttlDays }));
    expect(validity).toHaveTextContent(t(`invitation.onExpiry.${onExpiry}`));
    expect(validity.textContent).toContain(String(ttlDays));
  });

  it('given a single-entity organisation, hides the entity picker and invites into its one entity', async () => {
    const { user, sent } = renderDialog({ defaultOpen: true, defaultValues: { roleId: ROLE_IDS.user } }, { store: { entityCount: 1, settings: { multiEntity: false } } });
    await ready();
    expect(screen.queryByRole('group', { name: t('invite.entities.label') })).toBeNull();
    await user.type(emailInput(), 'solo@acme.fr,');
    await user.click(submit());
    await findInDialog(t('invite.result.invitedCount', { count: 1 }), {}, { timeout: 10_000 });
    expect(sent()[0]?.entityIds).toEqual([ROOT_ENTITY_ID]);
  });
});
