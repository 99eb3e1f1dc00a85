import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MODULE_IDS, ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore } from '../../../mocks';
import { createWrapper, spyOnAdapter } from '../../../test/utils/test-adapter';
import { INVITE_CONFIRM_ABOVE, MAX_INVITE_ADDRESSES } from '../../contract/limits';
import { countAddressProblems, inviteFormSchema } from './invite.schema';
import { parseEmails, parseEmailsInSlices } from './parseEmails';
import { InviteEmailsField } from './InviteEmailsField';
import { useInviteForm } from './useInviteForm';

function setup(defaultValues?: Parameters<typeof useInviteForm>[0]) {
  const store = createMockStore({ userCount: 30 });
  const faults = createFaultInjector();
  const adapter = spyOnAdapter(createMemoryAdapter(store, { faults }));
  const hook = renderHook(() => useInviteForm(defaultValues), { wrapper: createWrapper(adapter) });
  return { store, faults, adapter, ...hook };
}

async function loaded(result: { current: ReturnType<typeof useInviteForm> }) {
  await waitFor(() => expect(result.current.isLoading).toBe(false));
  await waitFor(() => expect(Object.keys(result.current.form.getValues('permissions')).length).toBeGreaterThan(0));
}

describe('inviteFormSchema', () => {
  it('given no address, an invalid one or a duplicate, refuses with the matching key; given valid choices, accepts', () => {
    const base = { roleId: 'r', permissions: {}, adminScope: 'all' as const, entityIds: ['e'], subtreeEntityIds: [] };
    const messages = (emails: string[]) => inviteFormSchema.safeParse({ ...base, emails }).error?.issues.map((i) => i.message) ?? [];
    expect(messages([])).toEqual(['validation.emailsRequired']);
    expect(messages(['a@acme.fr', 'A@acme.fr'])).toEqual(['invite.addressesNeedAttention']);
    expect(messages(['nope'])).toEqual(['invite.addressesNeedAttention']);
    expect(messages(['a@acme.fr', 'Bob <bob@acme.fr>'])).toEqual([]);
    expect(inviteFormSchema.safeParse({ ...base, emails: ['a@acme.fr'], roleId: '', entityIds: [] }).error?.issues.map((i) => i.message)).toEqual([
      'validation.roleRequired',
      'validation.entityRequired',
    ]);
    expect(countAddressProblems(['a@acme.fr', 'A@acme.fr', 'nope', 'b@acme.fr'])).toBe(2);
  });
});

describe('useInviteForm', () => {
  it('given a pasted list, makes chips; editing one commits the draft first and takes the chip into the input', async () => {
    const { result } = setup();
    await loaded(result);
    act(() => void result.current.addText('Jane <jane@acme.fr>; nope, JANE@acme.fr'));
    expect(result.current.chips.map((c) => [c.address, c.status, c.reason])).toEqual([
      ['jane@acme.fr', 'valid', null],
      ['nope', 'invalid', 'invalid'],
      ['JANE@acme.fr', 'duplicate', 'duplicate'],
    ]);
    expect(result.current.problemCount).toBe(2);
    act(() => result.current.setInputValue('draft@acme.fr'));
    act(() => result.current.editChip(1));
    expect(result.current.inputValue).toBe('nope');
    expect(result.current.chips.map((c) => c.address)).toEqual(['jane@acme.fr', 'JANE@acme.fr', 'draft@acme.fr']);
    act(() => result.current.removeLastChip());
    expect(result.current.chips.map((c) => c.address)).toEqual(['jane@acme.fr', 'JANE@acme.fr']);
  });

  it('given a role, applies its preset and locks admin-only modules unless it is an admin role', async () => {
    const { result } = setup();
    await loaded(result);
    expect(result.current.lockedModuleIds.has(MODULE_IDS.payment)).toBe(true);
    act(() => result.current.setRole(ROLE_IDS.admin));
    expect(result.current.lockedModuleIds.size).toBe(0);
    expect(result.current.form.getValues('permissions')[MODULE_IDS.payment]).toBe('edit');
    act(() => result.current.setRole(ROLE_IDS.communication));
    expect(result.current.lockedModuleIds.has(MODULE_IDS.payment)).toBe(true);
    expect(result.current.form.getValues('permissions')).toMatchObject({ [MODULE_IDS.payment]: 'none', [MODULE_IDS.communication]: 'on' });
  });

  it('sends nothing while a chip is invalid; after a send, keeps only the skipped chips and accumulates the invited', async () => {
    const { result, adapter } = setup({ defaultValues: { emails: ['a@acme.fr nope'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } });
    await loaded(result);
    await act(() => result.current.submit());
    expect(adapter.inviteUsers).not.toHaveBeenCalled();
    expect(result.current.form.formState.errors.emails?.message).toBe('invite.addressesNeedAttention');

    act(() => result.current.removeChip(1));
    act(() => result.current.setInputValue('jose.garcia@acme.es'));
    await act(() => result.current.submit());
    expect(adapter.inviteUsers).toHaveBeenCalledTimes(1);
    expect(adapter.inviteUsers.mock.calls[0]![0].input).not.toHaveProperty('names');
    expect(result.current.outcome).toMatchObject({ invited: [{ email: 'a@acme.fr' }], skipped: [{ email: 'jose.garcia@acme.es', reason: 'already_member' }] });
    expect(result.current.chips.map((c) => [c.address, c.reason])).toEqual([['jose.garcia@acme.es', 'already_member']]);

    act(() => result.current.editChip(0));
    act(() => result.current.setInputValue('jose.garcia.new@acme.es'));
    await act(() => result.current.submit());
    expect(result.current.outcome?.invited.map((i) => i.email)).toEqual(['a@acme.fr', 'jose.garcia.new@acme.es']);
    expect(result.current.outcome?.skipped).toEqual([]);
    expect(result.current.form.getValues('roleId')).toBe(ROLE_IDS.user);

    act(() => result.current.reset());
    expect(result.current.outcome).toBeNull();
    expect(result.current.chips.map((c) => c.address)).toEqual(['a@acme.fr', 'nope']);
  });
});

describe('useInviteForm partial failures', () => {
  it('given an address the backend fails to invite, keeps it as a chip with its error beside the skipped ones, and a second send invites it', async () => {
    const { result, faults, store } = setup({ defaultValues: { emails: ['a@acme.fr, Bea Lo <b@acme.fr>, jose.garcia@acme.es, c@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } });
    await loaded(result);
    faults.failInvitesTo(['B@acme.fr'], 'unavailable');
    await act(() => result.current.submit());
    expect(result.current.outcome).toMatchObject({
      invited: [{ email: 'a@acme.fr' }, { email: 'c@acme.fr' }],
      skipped: [{ email: 'jose.garcia@acme.es', reason: 'already_member' }],
      failed: [{ email: 'b@acme.fr', code: 'unavailable' }],
    });
    // Kept as typed (with the name), in the order typed; the failure is on its chip, not a skip reason.
    expect(result.current.form.getValues('emails')).toEqual(['Bea Lo <b@acme.fr>', 'jose.garcia@acme.es']);
    expect(result.current.chips.map((c) => [c.address, c.reason, c.failure?.code ?? null])).toEqual([
      ['b@acme.fr', null, 'unavailable'],
      ['jose.garcia@acme.es', 'already_member', null],
    ]);
    expect(store.listUsers({ pageIndex: 0, pageSize: 5, search: 'b@acme.fr' }).total).toBe(0);
    expect(result.current.form.getValues('roleId')).toBe(ROLE_IDS.user);

    act(() => result.current.removeChip(1));
    await act(() => result.current.submit());
    expect(result.current.outcome?.invited.map((i) => i.email)).toEqual(['a@acme.fr', 'c@acme.fr', 'b@acme.fr']);
    expect(result.current.outcome?.failed).toEqual([]);
    expect(result.current.chips).toEqual([]);
    expect(store.getUser({ id: result.current.outcome!.invited[2]!.userId })).toMatchObject({ firstName: 'Bea', lastName: 'Lo' });
  });
});

describe('useInviteForm names', () => {
  it('given names pasted with the addresses, the invited users start with them', async () => {
    const { result, store } = setup({ defaultValues: { emails: ['"Lima, Ana" <Ana.Lima@acme.fr>; Bo Ek <bo@acme.fr>, cy@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] } });
    await loaded(result);
    await act(() => result.current.submit());
    const users = result.current.outcome!.invited.map((i) => store.getUser({ id: i.userId }));
    expect(users.map((u) => [u.email, u.firstName, u.lastName])).toEqual([
      ['ana.lima@acme.fr', 'Ana', 'Lima'],
      ['bo@acme.fr', 'Bo', 'Ek'],
      ['cy@acme.fr', '', ''],
    ]);
  });
});

describe('useInviteForm for an admin of some entities only', () => {
  function scopedSetup(settings: Parameters<ReturnType<typeof createMockStore>['updateSettings']>[0]) {
    const store = createMockStore({ userCount: 30 });
    store.updateSettings(settings);
    const adapter = spyOnAdapter(createMemoryAdapter(store, { faults: createFaultInjector() }));
    return { store, adapter, ...renderHook(() => useInviteForm(), { wrapper: createWrapper(adapter) }) };
  }

  it('at entity level, preselects the workspace entity, defaults the admin scope to it and does not offer "all entities"', async () => {
    const { result, adapter } = scopedSetup({ workspace: { level: 'entity', entityId: 'entity-acme-france' } });
    await loaded(result);
    await waitFor(() => expect(result.current.form.getValues('entityIds')).toEqual(['entity-acme-france']));
    expect(result.current.canGrantAllEntities).toBe(false);
    expect(result.current.form.getValues('adminScope')).toBe('entities');
    act(() => result.current.setRole(ROLE_IDS.user));
    expect(result.current.form.getValues('adminScope')).toBe('entities');
    act(() => result.current.setRole(ROLE_IDS.admin));
    act(() => void result.current.addText('ana@acme.fr'));
    await act(() => result.current.submit());
    await waitFor(() => expect(adapter.inviteUsers).toHaveBeenCalledTimes(1));
    expect(adapter.inviteUsers.mock.calls[0]![0].input).toMatchObject({
      entityIds: ['entity-acme-france'],
      scope: 'entity',
      adminScope: { type: 'entities', entityIds: ['entity-acme-france'] },
    });
  });

  it('at group level, an admin of every entity keeps "all entities" as the default and the choice', async () => {
    const { result } = scopedSetup({ workspace: { level: 'group' } });
    await loaded(result);
    expect(result.current.canGrantAllEntities).toBe(true);
    expect(result.current.form.getValues('adminScope')).toBe('all');
    expect(result.current.form.getValues('entityIds')).toEqual([]);
  });
});

describe('useInviteForm: bounds and hygiene', () => {
  const list = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `person${from + i}@acme.fr`);

  it('given more than MAX_INVITE_ADDRESSES addresses, keeps the limit as chips and the rest in the input, with the message stating the limit', async () => {
    const { result } = setup();
    await loaded(result);
    act(() => void result.current.addText(list(MAX_INVITE_ADDRESSES + 20).join('\n')));
    expect(result.current.chips).toHaveLength(MAX_INVITE_ADDRESSES);
    expect(parseEmails(result.current.inputValue).map((a) => a.email)).toEqual(list(20, MAX_INVITE_ADDRESSES));
    expect(result.current.form.getFieldState('emails').error?.message).toBe('invite.tooManyAddresses');
    // Taking a chip back for correction keeps the addresses past the limit: none is lost, none becomes a 501st chip.
    act(() => result.current.editChip(0));
    expect(result.current.chips).toHaveLength(MAX_INVITE_ADDRESSES);
    expect(parseEmails(result.current.inputValue).map((a) => a.email)).toEqual(['person0@acme.fr', ...list(19, MAX_INVITE_ADDRESSES + 1)]);
    const base = { roleId: 'r', permissions: {}, adminScope: 'all' as const, entityIds: ['e'], subtreeEntityIds: [] };
    expect(inviteFormSchema.safeParse({ ...base, emails: list(MAX_INVITE_ADDRESSES + 1) }).error?.issues.map((i) => i.message)).toEqual([
      'invite.tooManyAddresses',
    ]);
  });

  it('given a long paste, parses it in slices (yielding between them) and keeps the rest past the limit, nothing lost', async () => {
    const text = list(10_000).join(', ');
    let yields = 0;
    const all = await parseEmailsInSlices(text, { yieldToPage: async () => void (yields += 1) });
    expect(all.addresses.map((a) => a.email)).toEqual(parseEmails(text).map((a) => a.email));
    expect(all.rest).toBe('');
    expect(yields).toBeGreaterThan(5);
    const limited = await parseEmailsInSlices(text, { limit: MAX_INVITE_ADDRESSES });
    expect(limited.addresses).toHaveLength(MAX_INVITE_ADDRESSES);
    expect(parseEmails(limited.rest).map((a) => a.email)).toEqual(list(10_000 - MAX_INVITE_ADDRESSES, MAX_INVITE_ADDRESSES));

    const { result } = setup();
    await loaded(result);
    act(() => void result.current.addText(text));
    await waitFor(() => expect(result.current.chips).toHaveLength(MAX_INVITE_ADDRESSES));
    expect(result.current.isParsing).toBe(false);
    expect(parseEmails(result.current.inputValue)).toHaveLength(10_000 - MAX_INVITE_ADDRESSES);
  });

  it('given more than INVITE_CONFIRM_ABOVE addresses, asks before sending and sends only once confirmed', async () => {
    const { result, adapter } = setup({ defaultValues: { roleId: ROLE_IDS.user, entityIds: ['entity-acme-france'] } });
    await loaded(result);
    const count = INVITE_CONFIRM_ABOVE + 1;
    act(() => void result.current.addText(list(count).join(', ')));
    await act(() => result.current.submit());
    expect(result.current.confirmation).toEqual({ count });
    expect(adapter.inviteUsers).not.toHaveBeenCalled();
    act(() => result.current.cancelConfirm());
    expect(result.current.confirmation).toBeNull();
    await act(() => result.current.submit());
    expect(result.current.confirmation).toEqual({ count });
    await act(() => result.current.confirmSend());
    await waitFor(() => expect(adapter.inviteUsers).toHaveBeenCalledTimes(1));
    expect(adapter.inviteUsers.mock.calls[0]![0].input.emails).toHaveLength(count);
    expect(result.current.confirmation).toBeNull();
  });

  it('given a mixed-script domain, flags its chip; an ordinary one is not flagged', async () => {
    const { result } = setup();
    await loaded(result);
    act(() => void result.current.addText('ana@\u0430cme.fr, bob@acme.fr'));
    expect(result.current.chips.map((c) => c.domainRisk)).toEqual(['mixed_script', null]);
  });
});

describe('InviteEmailsField: the warnings and the confirmation, as shown', () => {
  function Form() {
    const invite = useInviteForm({ defaultValues: { roleId: ROLE_IDS.user, entityIds: ['entity-acme-france'] } });
    return (
      <form onSubmit={(event) => void invite.submit(event)}>
        <InviteEmailsField invite={invite} />
        <button type="submit">send</button>
      </form>
    );
  }

  it('flags a mixed-script domain on its chip, asks "Invite 51 people?" with the focus on the confirm button, and sends on it', async () => {
    const store = createMockStore({ userCount: 30 });
    const adapter = spyOnAdapter(createMemoryAdapter(store, { faults: createFaultInjector() }));
    const user = userEvent.setup();
    render(<Form />, { wrapper: createWrapper(adapter) });
    const input = await screen.findByRole('textbox');
    const count = INVITE_CONFIRM_ABOVE + 1;
    const addresses = ['ana@\u0430cme.fr', ...Array.from({ length: count - 1 }, (_, i) => `p${i}@acme.fr`)];
    act(() => input.focus());
    await user.paste(addresses.join(', '));
    expect(await screen.findByText("This domain mixes alphabets: check it's the one you mean.")).toBeInTheDocument();
    fireEvent.submit(screen.getByRole('button', { name: 'send' }).closest('form')!);
    expect(await screen.findByText(`Invite ${count} people?`)).toBeInTheDocument();
    const confirm = screen.getByRole('button', { name: `Invite ${count} people` });
    await waitFor(() => expect(confirm).toHaveFocus());
    expect(adapter.inviteUsers).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(adapter.inviteUsers).toHaveBeenCalledTimes(1));
    expect(adapter.inviteUsers.mock.calls[0]![0].input.emails).toHaveLength(count);
  });
});
