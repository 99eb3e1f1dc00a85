import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore } from '../../../mocks';
import { createWrapper, spyOnAdapter } from '../../../test/utils/test-adapter';
import { useInviteCsvImport } from './useInviteCsvImport';
import { useInviteForm } from './useInviteForm';

function setup() {
  const store = createMockStore({ userCount: 30 });
  const faults = createFaultInjector();
  const adapter = spyOnAdapter(createMemoryAdapter(store, { faults, latencyMs: 0 }));
  const hook = renderHook(
    () => {
      const invite = useInviteForm();
      return { invite, csv: useInviteCsvImport(invite) };
    },
    { wrapper: createWrapper(adapter) },
  );
  return { store, faults, adapter, ...hook };
}

type Result = ReturnType<typeof setup>['result'];

async function loaded(result: Result) {
  await waitFor(() => expect(result.current.invite.isLoading).toBe(false));
  await waitFor(() => expect(result.current.invite.roles.length).toBeGreaterThan(0));
  await waitFor(() => expect(Object.keys(result.current.invite.form.getValues('permissions')).length).toBeGreaterThan(0));
}

const file = (text: string, name = 'people.csv') => Object.assign(new Blob([text], { type: 'text/csv' }), { name });

describe('useInviteCsvImport', { timeout: 20_000 }, () => {
  it('reads a file, asks who already has each address, marks each line, and adds the ones to invite as named chips; the send goes once per role and entities', async () => {
    const { result, adapter, store } = setup();
    await loaded(result);
    const member = store.listUsers({ pageIndex: 0, pageSize: 1, filter: { status: ['active'] } }).items[0]!;
    const adminRole = result.current.invite.roles.find((role) => role.id === ROLE_IDS.admin)!;
    const text = [
      'Prénom;Nom;E-mail;Rôle;Entités',
      `Ana;Lima;ana.csv@acme.fr;${ROLE_IDS.user};Acme France SAS`,
      `Bruno;Costa;bruno.csv@acme.fr;${adminRole.name.toUpperCase()};entity-acme-paris`,
      `Déjà;Là;${member.email};;`,
      'Sans;Adresse;;;',
    ].join('\r\n');
    await act(async () => void (await result.current.csv.readFile(file(text))));
    expect(result.current.csv.phase).toBe('preview');
    expect(result.current.csv.fileName).toBe('people.csv');
    expect(result.current.csv.lines.map((line) => [line.line, line.reason])).toEqual([[2, null], [3, null], [4, 'already_member'], [5, 'missing_email']]);
    expect(result.current.csv.lines[1]).toMatchObject({ roleId: ROLE_IDS.admin, entityIds: ['entity-acme-paris'] });
    // Each address to check was looked up, with an abort signal.
    const searches = adapter.listUsers.mock.calls.map(([params]) => params).filter((params) => params.search?.includes('@'));
    expect(searches.map((params) => params.search).sort()).toEqual(['ana.csv@acme.fr', 'bruno.csv@acme.fr', member.email.toLowerCase()].sort());
    for (const params of searches) expect(params.signal).toBeInstanceOf(AbortSignal);

    let added = 0;
    act(() => void (added = result.current.csv.apply()));
    expect(added).toBe(2);
    expect(result.current.csv.phase).toBe('idle');
    expect(result.current.invite.chips.map((chip) => [chip.name, chip.address])).toEqual([['Ana Lima', 'ana.csv@acme.fr'], ['Bruno Costa', 'bruno.csv@acme.fr']]);
    // The dialog had no role nor entities: it takes the file's (the first of the most frequent).
    expect(result.current.invite.form.getValues('roleId')).toBe(ROLE_IDS.user);
    expect(result.current.invite.form.getValues('entityIds')).toEqual(['entity-acme-france']);

    await act(async () => void (await result.current.invite.submit()));
    await waitFor(() => expect(result.current.invite.outcome?.invited).toHaveLength(2));
    const sent = adapter.inviteUsers.mock.calls.map(([params]) => params.input);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ emails: ['ana.csv@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-france'], names: { 'ana.csv@acme.fr': { firstName: 'Ana', lastName: 'Lima' } }, adminScope: null });
    expect(sent[1]).toMatchObject({ emails: ['bruno.csv@acme.fr'], roleId: ROLE_IDS.admin, entityIds: ['entity-acme-paris'], names: { 'bruno.csv@acme.fr': { firstName: 'Bruno', lastName: 'Costa' } } });
    // The file's admin, whose scope nobody chose, administers only the entities of its line.
    expect(sent[1]!.adminScope).toEqual({ type: 'entities', entityIds: ['entity-acme-paris'] });
    expect(result.current.invite.chips).toEqual([]);
  });

  it('when every request of a grouped send fails, nothing is reported as sent: the chips stay and the error shows', async () => {
    const { result, faults, adapter } = setup();
    await loaded(result);
    const text = ['email,role', `ana.fail@acme.fr,${ROLE_IDS.user}`, `bruno.fail@acme.fr,${ROLE_IDS.admin}`].join('\n');
    await act(async () => void (await result.current.csv.readFile(file(text))));
    act(() => void result.current.csv.apply());
    if (result.current.invite.form.getValues('entityIds').length === 0) act(() => result.current.invite.form.setValue('entityIds', ['entity-acme-france']));
    faults.failNext('unavailable', { methods: ['inviteUsers'], count: 2 });
    await act(async () => void (await result.current.invite.submit()));
    expect(adapter.inviteUsers).toHaveBeenCalledTimes(2);
    expect(result.current.invite.submitError?.code).toBe('unavailable');
    expect(result.current.invite.outcome).toBeNull();
    expect(result.current.invite.chips.map((chip) => chip.address)).toEqual(['ana.fail@acme.fr', 'bruno.fail@acme.fr']);
  });

  it('an imported address removed and typed again takes the dialog’s role, not the file’s', async () => {
    const { result, adapter } = setup();
    await loaded(result);
    const text = ['email,role,entities', `carla.csv@acme.fr,${ROLE_IDS.admin},entity-acme-paris`].join('\n');
    await act(async () => void (await result.current.csv.readFile(file(text))));
    act(() => void result.current.csv.apply());
    act(() => result.current.invite.setRole(ROLE_IDS.user));
    act(() => result.current.invite.removeChip(0));
    act(() => void result.current.invite.addText('carla.csv@acme.fr'));
    await act(async () => void (await result.current.invite.submit()));
    await waitFor(() => expect(adapter.inviteUsers).toHaveBeenCalledTimes(1));
    expect(adapter.inviteUsers.mock.calls[0]![0].input).toMatchObject({ emails: ['carla.csv@acme.fr'], roleId: ROLE_IDS.user, adminScope: null });
  });

  it('a file it cannot import says why and adds nothing; a lookup failure says why too', async () => {
    const { result, faults } = setup();
    await loaded(result);
    await act(async () => void (await result.current.csv.readFile(file('name,phone\r\nAna,1'))));
    expect(result.current.csv.phase).toBe('error');
    expect(result.current.csv.fileError).toEqual({ code: 'no_email_column' });
    await act(async () => void (await result.current.csv.readFile(file(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]) as unknown as string))));
    expect(result.current.csv.fileError).toEqual({ code: 'unreadable' });

    faults.failNext('unavailable', { methods: ['listUsers'], count: 3 });
    await act(async () => void (await result.current.csv.readFile(file('email\r\nnew.one@acme.fr'))));
    expect(result.current.csv.phase).toBe('error');
    expect(result.current.csv.lookupError?.code).toBe('unavailable');
    act(() => result.current.csv.cancel());
    expect(result.current.csv.phase).toBe('idle');
    expect(result.current.invite.chips).toEqual([]);
  });
});
