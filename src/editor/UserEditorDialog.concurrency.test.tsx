import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryAdapter, createMockStore, SYSTEM_ACTOR_ID } from '../../mocks';
import { UserAdminError } from '../contract/errors';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { userAdminKeys } from '../query/keys';
import { UserEditorDialog } from './UserEditorDialog';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
vi.setConfig({ testTimeout: 30_000 });
const WAIT = { timeout: 10_000 };

function renderEditor() {
  const store = createMockStore({ userCount: 40 });
  const adapter = createMemoryAdapter(store, { latencyMs: 0 });
  const updateUser = vi.spyOn(adapter, 'updateUser');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const onSaved = vi.fn();
  const user = userEvent.setup();
  render(
    <UserAdminProvider adapter={adapter} locale="en" queryClient={queryClient}>
      <UserEditorDialog userId="user-jose" defaultOpen onSaved={onSaved} now={() => store.clock.now()} />
    </UserAdminProvider>,
  );
  // Someone else, in another tab: a change straight in the backend.
  const otherAdmin = store.as(SYSTEM_ACTOR_ID);
  return { store, otherAdmin, queryClient, updateUser, onSaved, user };
}

const input = (label: string) => screen.getByRole('textbox', { name: label }) as HTMLInputElement;
const lastName = () => input(t('userEditor.fields.lastName'));
const phone = () => input(t('userEditor.fields.phone'));
const submit = () => screen.getByRole('button', { name: t('userEditor.submit.edit') });

async function formReady() {
  await screen.findByRole('dialog', {}, WAIT);
  await screen.findByRole('textbox', { name: t('userEditor.fields.firstName') }, WAIT);
}

describe('UserEditorDialog: concurrent edits', () => {
  it('a refetch of the user while the form is open neither resets what is typed nor sends untouched fields back with stale values', async () => {
    const { store, otherAdmin, queryClient, updateUser, onSaved, user } = renderEditor();
    await formReady();
    const openedVersion = store.getUser({ id: 'user-jose' }).version;
    await user.clear(phone());
    await user.type(phone(), '+33 6 11 22 33 44');

    otherAdmin.updateUser({ id: 'user-jose', patch: { lastName: 'Changed-Elsewhere' } });
    await queryClient.refetchQueries({ queryKey: userAdminKeys.users.detail('user-jose') });
    await waitFor(() => expect(queryClient.getQueryData<{ lastName: string }>(userAdminKeys.users.detail('user-jose'))?.lastName).toBe('Changed-Elsewhere'), WAIT);
    expect(phone()).toHaveValue('+33 6 11 22 33 44');
    expect(lastName()).not.toHaveValue('Changed-Elsewhere');

    await user.click(submit());
    await waitFor(() => expect(updateUser).toHaveBeenCalledTimes(1), WAIT);
    const call = updateUser.mock.calls[0]![0];
    expect(call.patch).toEqual({ phone: '+33 6 11 22 33 44' });
    // The version the form opened with, when the backend has versions.
    expect(call.expectedVersion).toBe(openedVersion);
    // The store has versions: the save carries a stale one and is refused, so the other admin's
    // change is not overwritten either way.
    expect(openedVersion).toBeDefined();
    await screen.findByText(t('errors.reason.stale'), {}, WAIT);
    expect(onSaved).not.toHaveBeenCalled();
    expect(store.getUser({ id: 'user-jose' }).lastName).toBe('Changed-Elsewhere');
  });

  it('a stale refusal says someone else changed the user, keeps what was typed, and "Reload their changes" loads theirs while keeping the edited field', async () => {
    const { store, otherAdmin, updateUser, onSaved, user } = renderEditor();
    await formReady();
    await user.clear(phone());
    await user.type(phone(), '+33 6 11 22 33 44');
    otherAdmin.updateUser({ id: 'user-jose', patch: { lastName: 'Changed-Elsewhere' } });
    const theirVersion = store.getUser({ id: 'user-jose' }).version;
    // Whether or not the backend keeps versions, the refusal is the one a versioned backend gives.
    updateUser.mockRejectedValueOnce(new UserAdminError('conflict', 'stale', { reason: 'stale' }));

    await user.click(submit());
    expect(await screen.findByText(t('errors.reason.stale'), {}, WAIT)).toBeInTheDocument();
    expect(phone()).toHaveValue('+33 6 11 22 33 44');
    expect(onSaved).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: t('userEditor.staleReload') }));
    expect(await screen.findByText(t('userEditor.staleReloaded', { count: 1 }), {}, WAIT)).toBeInTheDocument();
    expect(lastName()).toHaveValue('Changed-Elsewhere');
    expect(phone()).toHaveValue('+33 6 11 22 33 44');
    expect(screen.queryByText(t('errors.reason.stale'))).not.toBeInTheDocument();

    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    const call = updateUser.mock.calls[1]![0];
    expect(call.patch).toEqual({ phone: '+33 6 11 22 33 44' });
    // The reload moved the comparison (and the version expected) to their user.
    expect(call.expectedVersion).toBe(theirVersion);
    expect(store.getUser({ id: 'user-jose' })).toMatchObject({ lastName: 'Changed-Elsewhere', phone: '+33 6 11 22 33 44' });
  });
});
