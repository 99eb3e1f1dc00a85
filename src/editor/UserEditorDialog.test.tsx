import { QueryClient } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  CURRENT_ADMIN_ID, MODULE_IDS, ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore, type FaultInjector, type MockStore,
  type MockStoreOptions,
} from '../../mocks';
import type { User } from '../contract/types';
import { createUserAdminI18n, getUserAdminT } from '../i18n';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserEditorDialog, userEditorOutcomeMessage, type UserEditorDialogProps } from './UserEditorDialog';

const t = getUserAdminT(createUserAdminI18n({ locale: 'en' }));
// Typing with user-event is slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000 });
const WAIT = { timeout: 10_000 };

interface Setup {
  store?: MockStoreOptions;
  prepare?: (backend: { store: MockStore; faults: FaultInjector }) => void;
}

function renderEditor(propsOf: Partial<UserEditorDialogProps> | ((store: MockStore) => Partial<UserEditorDialogProps>) = {}, setup: Setup = {}) {
  const store = createMockStore({ userCount: 40, ...setup.store });
  const faults = createFaultInjector();
  setup.prepare?.({ store, faults });
  const props = typeof propsOf === 'function' ? propsOf(store) : propsOf;
  const adapter = createMemoryAdapter(store, { latencyMs: 0, faults });
  const updateUser = vi.spyOn(adapter, 'updateUser');
  const createUser = vi.spyOn(adapter, 'createUser');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const onSaved = vi.fn();
  const onOpenChange = vi.fn();
  const user = userEvent.setup();
  const view = render(
    <UserAdminProvider adapter={adapter} locale="en" queryClient={queryClient}>
      <UserEditorDialog defaultOpen onSaved={onSaved} onOpenChange={onOpenChange} now={() => store.clock.now()} {...props} />
    </UserAdminProvider>,
  );
  return { ...view, store, faults, user, onSaved, onOpenChange, updateUser, createUser };
}

const dialog = () => screen.findByRole('dialog', {}, WAIT);
const input = (label: string) => screen.getByRole('textbox', { name: label }) as HTMLInputElement;
const firstName = () => input(t('userEditor.fields.firstName'));
const lastName = () => input(t('userEditor.fields.lastName'));
const email = () => input(t('userEditor.fields.email'));
const roleSelect = () => screen.getByRole('combobox', { name: t('userEditor.role.label') }) as HTMLSelectElement;
const moduleCell = (id: string) => document.querySelector<HTMLElement>(`[data-slot="permission-grid-cell"][data-column="${id}"]`)!;
const submit = () => screen.getByRole('button', { name: /^(Create|Save changes)$/ });

async function formReady() {
  await dialog();
  await screen.findByRole('textbox', { name: t('userEditor.fields.firstName') }, WAIT);
}

async function fillProfile(user: ReturnType<typeof userEvent.setup>, values: { first: string; last: string; email: string }) {
  await user.type(firstName(), values.first);
  await user.type(lastName(), values.last);
  await user.type(email(), values.email);
}

const byEmail = (store: MockStore, address: string): User | undefined =>
  store.listUsers({ pageIndex: 0, pageSize: 500, search: address }).items.find((u) => u.email === address || u.pendingEmail === address);

describe('UserEditorDialog: creating', () => {
  it('given a login user filled in, creating invites them: the store has them invited, the dialog closes and says the invitation is valid 7 days', async () => {
    const { user, store, onSaved, onOpenChange, container } = renderEditor({ defaultValues: { entityIds: ['entity-acme-paris'] } });
    await formReady();
    expect(screen.getByRole('radio', { name: t('userEditor.kind.login') })).toBeChecked();
    expect(screen.getByRole('radio', { name: t('userEditor.kind.login') })).toHaveAccessibleDescription(t('userEditor.kind.loginHint'));
    await fillProfile(user, { first: 'Ana', last: 'Lima', email: 'Ana.Lima@acme.fr ' });
    await user.selectOptions(roleSelect(), ROLE_IDS.user);
    expect(screen.getByText('Reads documents and reports.')).toBeInTheDocument();
    await user.click(submit());

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    const result = onSaved.mock.calls[0]![0];
    expect(result.created).toBe(true);
    expect(result.invitation?.email).toBe('ana.lima@acme.fr');
    const created = byEmail(store, 'ana.lima@acme.fr');
    expect(created).toMatchObject({ kind: 'login', status: 'invited', roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'], firstName: 'Ana' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    const announcer = container.querySelector('[data-slot="announcer"]')!;
    expect(announcer.textContent).toContain(t('userEditor.result.createdLogin', { name: 'Ana Lima' }));
    expect(announcer.textContent).toContain(t('invitation.validFor', { count: 7 }));
  });

  it('given the contact kind chosen, creating makes a contact in one entity, with no role, and no invitation', async () => {
    const { user, store, onSaved } = renderEditor({ defaultValues: { entityIds: ['entity-acme-lyon'] } });
    await formReady();
    await user.click(screen.getByRole('radio', { name: t('userEditor.kind.contact') }));
    expect(screen.getByRole('radio', { name: t('userEditor.kind.contact') })).toHaveAccessibleDescription(t('userEditor.kind.contactHint'));
    expect(screen.queryByRole('combobox', { name: t('userEditor.role.label') })).toBeNull();
    await fillProfile(user, { first: 'Paulo', last: 'Reis', email: 'paulo@supplier.example' });
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(onSaved.mock.calls[0]![0]).toMatchObject({ created: true, invitation: null });
    expect(byEmail(store, 'paulo@supplier.example')).toMatchObject({ kind: 'contact', status: 'active', roleId: null, entityIds: ['entity-acme-lyon'] });
  });

  it('given nothing typed, creating is refused with a translated message on each required field and nothing is sent', async () => {
    const { user, createUser } = renderEditor({ defaultValues: { entityIds: ['entity-acme-lyon'] } });
    await formReady();
    await user.click(submit());
    await waitFor(() => expect(firstName()).toHaveAccessibleDescription(t('validation.required')));
    expect(email()).toHaveAccessibleDescription(t('validation.required'));
    expect(roleSelect()).toHaveAccessibleDescription(t('validation.roleRequired'));
    expect(createUser).not.toHaveBeenCalled();
  });

  it('given the contacts feature off, the kind is not offered', async () => {
    renderEditor({}, { store: { settings: { features: { contacts: false } } } });
    await formReady();
    expect(screen.queryByRole('radio', { name: t('userEditor.kind.contact') })).toBeNull();
    expect(screen.queryByRole('group', { name: t('userEditor.kind.legend') })).toBeNull();
  });
});

describe('UserEditorDialog: username policy', () => {
  const policy = { store: { settings: { username: { mode: 'required' as const, minLength: 6, charset: 'alphanumeric' as const } } } };

  it('given a username too short or with other characters, refuses it with the translated message; one taken on the server lands on the field', async () => {
    const { user, createUser, onSaved } = renderEditor({ defaultValues: { entityIds: ['entity-acme-paris'], roleId: ROLE_IDS.user } }, policy);
    await formReady();
    const username = () => input(t('userEditor.fields.username'));
    expect(username()).toHaveAccessibleDescription(t('userEditor.fields.usernameHint', { count: 6 }));
    await fillProfile(user, { first: 'Ana', last: 'Lima', email: 'ana.lima@acme.fr' });
    await user.type(username(), 'ab1');
    await user.click(submit());
    await waitFor(() => expect(username()).toHaveAccessibleDescription(expect.stringContaining(t('validation.usernameTooShort', { min: 6 }))));
    await user.clear(username());
    await user.type(username(), 'ana-lima');
    await waitFor(() => expect(username()).toHaveAccessibleDescription(expect.stringContaining(t('validation.usernameCharset'))));
    expect(createUser).not.toHaveBeenCalled();
    // Both rules broken at once: both reported, not only the first.
    await user.clear(username());
    await user.type(username(), 'a-b');
    await waitFor(() => expect(username()).toHaveAccessibleDescription(expect.stringContaining(t('validation.usernameCharset'))));
    expect(username()).toHaveAccessibleDescription(expect.stringContaining(t('validation.usernameTooShort', { min: 6 })));

    // Alice Martin's username under the fixtures' policy.
    await user.clear(username());
    await user.type(username(), 'amartin');
    await user.click(submit());
    await waitFor(() => expect(username()).toHaveAccessibleDescription(expect.stringContaining(t('errors.field.taken'))), WAIT);
    expect(screen.getByRole('alert')).toHaveTextContent(t('errors.reason.username_taken'));
    await waitFor(() => expect(document.activeElement).toBe(username()));
    expect(onSaved).not.toHaveBeenCalled();
    expect(firstName()).toHaveValue('Ana');
  });
});

describe('UserEditorDialog: editing', () => {
  it('sends only the fields that changed', async () => {
    const { user, updateUser, store, onSaved } = renderEditor({ userId: 'user-jose' });
    await formReady();
    expect(firstName()).toHaveValue('José');
    const phone = input(t('userEditor.fields.phone'));
    await user.clear(phone);
    await user.type(phone, '+33 6 11 22 33 44');
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(updateUser.mock.calls[0]![0].patch).toEqual({ phone: '+33 6 11 22 33 44' });
    expect(store.getUser({ id: 'user-jose' }).phone).toBe('+33 6 11 22 33 44');
  });

  it('given an active login user, changing the email warns, asks to confirm, then the user shows as awaiting confirmation of the new address', async () => {
    const { user, store, onSaved, updateUser } = renderEditor({ userId: 'user-jose' });
    await formReady();
    await user.clear(email());
    await user.type(email(), 'jose.new@acme.es');
    const warning = t('userEditor.emailChange.registration', { current: 'jose.garcia@acme.es' });
    expect(screen.getByText(warning)).toBeInTheDocument();
    expect(email()).toHaveAccessibleDescription(expect.stringContaining(warning));
    await user.click(submit());

    const confirm = await screen.findByRole('alertdialog', { name: t('userEditor.emailChange.confirmTitle') }, WAIT);
    expect(updateUser).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: t('userEditor.emailChange.confirm') }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(onSaved.mock.calls[0]![0].emailChange).toBe('registration_request_sent');
    expect(store.getUser({ id: 'user-jose' })).toMatchObject({ email: 'jose.garcia@acme.es', pendingEmail: 'jose.new@acme.es' });

    // The dialog stays open, saying the new address awaits confirmation and when the request expires.
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    const editor = screen.getByRole('dialog');
    expect(within(editor).getByText(t('userEditor.result.registrationRequestSent', { email: 'jose.new@acme.es' }))).toBeInTheDocument();
    expect(within(editor).getByText(t('userEditor.pendingEmail', { email: 'jose.new@acme.es' }), { exact: false })).toHaveTextContent(
      t('userEditor.pendingEmailExpires', { relative: 'in 7 days' }),
    );
  });

  it('given an invited user, changing the email says the invitation goes to the new address, and it changes at once without a confirmation; the confirmation says it was sent again there', async () => {
    const { user, store, onSaved, container } = renderEditor({ userId: 'user-joao' });
    await formReady();
    await user.clear(email());
    await user.type(email(), 'joao.new@acme.es');
    expect(screen.getByText(t('userEditor.emailChange.invited'))).toBeInTheDocument();
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(store.getUser({ id: 'user-joao' })).toMatchObject({ email: 'joao.new@acme.es', pendingEmail: null, status: 'invited' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The confirmation keeps the editor's promise: the invitation went again to the new address.
    expect(onSaved.mock.calls[0]![0].emailChange).toBe('invitation_resent');
    const announcer = container.querySelector('[data-slot="announcer"]')!;
    await waitFor(() => expect(announcer.textContent).toContain(t('userEditor.result.invitationResent', { email: 'joao.new@acme.es' })));
    const joao = store.getUser({ id: 'user-joao' });
    expect(announcer.textContent).not.toContain(t('userEditor.result.updated', { name: `${joao.firstName} ${joao.lastName}` }));
  });

  it('given a backend where the address changes at once (features.emailChangeConfirmation false), an active user\'s new email needs no confirmation and applies', async () => {
    const { user, store, onSaved, updateUser } = renderEditor({ userId: 'user-jose' }, { store: { settings: { features: { emailChangeConfirmation: false } } } });
    await formReady();
    await user.clear(email());
    await user.type(email(), 'jose.new@acme.es');
    expect(screen.queryByText(t('userEditor.emailChange.registration', { current: 'jose.garcia@acme.es' }))).toBeNull();
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(updateUser).toHaveBeenCalledWith(expect.objectContaining({ patch: { email: 'jose.new@acme.es' } }));
    expect(onSaved.mock.calls[0]![0].emailChange).toBe('none');
    expect(store.getUser({ id: 'user-jose' })).toMatchObject({ email: 'jose.new@acme.es', pendingEmail: null, status: 'active' });
  });

  it('under enforced SSO, changing an invited or active user\'s email sends nothing: no invitation again, no registration request, no confirmation', async () => {
    const sso = { store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } };
    const invited = renderEditor({ userId: 'user-joao' }, sso);
    await formReady();
    await invited.user.clear(email());
    await invited.user.type(email(), 'joao.new@acme.es');
    expect(screen.queryByText(t('userEditor.emailChange.invited'))).toBeNull();
    invited.unmount();
    const active = renderEditor({ userId: 'user-jose' }, sso);
    await formReady();
    await active.user.clear(email());
    await active.user.type(email(), 'jose.new@acme.es');
    expect(screen.queryByText(t('userEditor.emailChange.registration', { current: 'jose.garcia@acme.es' }))).toBeNull();
    await active.user.click(submit());
    await waitFor(() => expect(active.onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    active.unmount();
    // An invited user's new address under SSO: saved, and the confirmation claims no invitation.
    const again = renderEditor({ userId: 'user-joao' }, sso);
    await formReady();
    await again.user.clear(email());
    await again.user.type(email(), 'joao.new@acme.es');
    await again.user.click(submit());
    await waitFor(() => expect(again.onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(again.onSaved.mock.calls[0]![0].emailChange).toBe('none');
    expect(userEditorOutcomeMessage(t, again.onSaved.mock.calls[0]![0])).not.toContain('joao.new@acme.es');
  });

  it('given a contact, changing the email just changes it', async () => {
    const { user, store, onSaved } = renderEditor({ userId: 'user-zoe' });
    await formReady();
    expect(screen.queryByRole('combobox', { name: t('userEditor.role.label') })).toBeNull();
    await user.clear(email());
    await user.type(email(), 'zoe@partner-consulting.com');
    expect(screen.queryByText(t('userEditor.emailChange.invited'))).toBeNull();
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(store.getUser({ id: 'user-zoe' }).email).toBe('zoe@partner-consulting.com');
  });

  it('given an administrator demoted to a non-admin role, the admin-only modules are cleared and saved cleared', async () => {
    const { user, store, onSaved } = renderEditor({ userId: 'user-admin-2' });
    await formReady();
    expect(screen.getByRole('group', { name: t('userEditor.adminScope.legend') })).toBeInTheDocument();
    expect(moduleCell(MODULE_IDS.payment)).toHaveAttribute('data-level', 'edit');
    await user.selectOptions(roleSelect(), ROLE_IDS.communication);
    expect(screen.queryByRole('group', { name: t('userEditor.adminScope.legend') })).toBeNull();
    expect(moduleCell(MODULE_IDS.payment)).toHaveAttribute('data-locked');
    expect(moduleCell(MODULE_IDS.payment)).toHaveAttribute('data-level', 'none');
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    const saved = store.getUser({ id: 'user-admin-2' });
    expect(saved.roleId).toBe(ROLE_IDS.communication);
    expect(saved.adminScope).toBeNull();
    for (const id of [MODULE_IDS.pricing, MODULE_IDS.payment, MODULE_IDS.userManagement]) expect(saved.permissions[id] ?? 'none').toBe('none');
  });

  it('given an admin role chosen, the admin scope shows and the admin-only modules unlock with the role preset', async () => {
    const { user } = renderEditor({ defaultValues: { roleId: ROLE_IDS.user } });
    await formReady();
    expect(moduleCell(MODULE_IDS.payment)).toHaveAttribute('data-locked');
    expect(screen.queryByRole('group', { name: t('userEditor.adminScope.legend') })).toBeNull();
    await user.selectOptions(roleSelect(), ROLE_IDS.admin);
    expect(screen.getByRole('group', { name: t('userEditor.adminScope.legend') })).toBeInTheDocument();
    expect(moduleCell(MODULE_IDS.payment)).not.toHaveAttribute('data-locked');
    expect(moduleCell(MODULE_IDS.payment)).toHaveAttribute('data-level', 'edit');
  });

  it('given the current admin editing themselves, a demotion is not offered (self-protection): the non-admin roles are disabled and the reason shows', async () => {
    const { user, store, onSaved, updateUser } = renderEditor({ userId: CURRENT_ADMIN_ID });
    await formReady();
    await waitFor(() => expect(within(roleSelect()).getByRole('option', { name: 'User' })).toBeDisabled(), WAIT);
    expect(within(roleSelect()).getByRole('option', { name: 'Administrator' })).not.toBeDisabled();
    expect(screen.getByText(t('errors.reason.self_action'))).toBeInTheDocument();
    await user.selectOptions(roleSelect(), ROLE_IDS.user).catch(() => undefined);
    expect(roleSelect()).toHaveValue(ROLE_IDS.admin);
    await user.click(submit());
    expect(updateUser).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
    expect(store.getUser({ id: CURRENT_ADMIN_ID }).roleId).toBe(ROLE_IDS.admin);
  });

  it('given a user that no longer exists, the dialog says so', async () => {
    renderEditor({ userId: 'user-gone' });
    expect(await screen.findByText(t('userEditor.notFound'), {}, WAIT)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: t('userEditor.submit.edit') })).toBeNull();
  });

  it('given the user failing to load, the dialog shows the error with a retry that loads it', async () => {
    const { user } = renderEditor({ userId: 'user-jose' }, { prepare: ({ faults }) => faults.failNext('unavailable', { methods: ['getUser'] }) });
    expect(await screen.findByText(t('userEditor.loadError'), {}, WAIT)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: t('common.retry') }));
    await formReady();
    expect(firstName()).toHaveValue('José');
  });
});

describe('UserEditorDialog: read-only rules', () => {
  it('given SSO enforced, a login user cannot be created (the reason names the provider) but a contact can', async () => {
    renderEditor({}, { store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    await formReady();
    const login = screen.getByRole('radio', { name: t('userEditor.kind.login') });
    expect(login).toBeDisabled();
    expect(login).toHaveAccessibleDescription(t('userEditor.kind.loginUnavailable', { provider: 'Okta' }));
    expect(screen.getByRole('radio', { name: t('userEditor.kind.contact') })).toBeChecked();
  });

  it('given SSO enforced and no contacts, the dialog says nothing can be created', async () => {
    renderEditor({}, { store: { settings: { sso: { enforced: true, providerName: 'Okta' }, features: { contacts: false } } } });
    await dialog();
    expect(await screen.findByText(t('userEditor.nothingToCreate', { provider: 'Okta' }), {}, WAIT)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: t('userEditor.submit.create') })).toBeNull();
  });

  it('given a user created by SSO, the fields the identity provider owns are read-only with a note naming it; the others can change', async () => {
    const { user, onSaved, updateUser, store } = renderEditor(
      (s) => ({ userId: s.listUsers({ pageIndex: 0, pageSize: 500 }).items.find((u) => u.source === 'sso')!.id }),
      { store: { userCount: 200, settings: { sso: { enforced: false, providerName: 'Okta' } } } },
    );
    await formReady();
    expect(screen.getByText(t('userEditor.readOnly.sso', { provider: 'Okta' }))).toBeInTheDocument();
    for (const field of [firstName(), lastName(), email()]) {
      expect(field).toHaveAttribute('readonly');
      expect(field).toHaveAccessibleDescription(t('userEditor.readOnly.managedBy', { provider: 'Okta' }));
    }
    const phone = input(t('userEditor.fields.phone'));
    expect(phone).not.toHaveAttribute('readonly');
    await user.clear(phone);
    await user.type(phone, '+351 912 345 678');
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    const { id, patch } = updateUser.mock.calls[0]![0];
    expect(patch).toEqual({ phone: '+351 912 345 678' });
    expect(store.getUser({ id }).phone).toBe('+351 912 345 678');
  });

  it('given a group user edited at entity level, the profile is read-only with a note saying to edit it at group level; the role can still change', async () => {
    const { user, onSaved, updateUser } = renderEditor(
      { userId: 'user-francoise' },
      {
        // A group user within the workspace entity (Acme France's sub-accounts): the admin there administers her.
        prepare: ({ store }) => {
          store.updateUser({ id: 'user-francoise', patch: { entityIds: ['entity-acme-paris', 'entity-acme-lyon'] } });
          store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } });
        },
      },
    );
    await formReady();
    expect(screen.getByText(t('userEditor.readOnly.groupProfile'))).toBeInTheDocument();
    for (const field of [firstName(), lastName(), email(), input(t('userEditor.fields.phone'))]) {
      expect(field).toHaveAttribute('readonly');
      expect(field).toHaveAccessibleDescription(t('userEditor.readOnly.groupLevel'));
    }
    await user.type(firstName(), 'x');
    expect(firstName()).toHaveValue('Françoise');
    await user.selectOptions(roleSelect(), ROLE_IDS.user);
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(Object.keys(updateUser.mock.calls[0]![0].patch)).toEqual(['roleId', 'permissions']);
  });

  it('given a group user who also reaches entities outside the workspace entity, their access cannot change: the reason is shown and nothing is sent', async () => {
    const { user, onSaved, updateUser } = renderEditor(
      { userId: 'user-francoise' },
      {
        prepare: ({ store }) => {
          store.updateUser({ id: 'user-francoise', patch: { entityIds: ['entity-acme-paris', 'entity-acme-madrid'] } });
          store.updateSettings({ workspace: { level: 'entity', entityId: 'entity-acme-france' } });
        },
      },
    );
    await formReady();
    await waitFor(() => expect(screen.getByText(t('errors.reason.outside_scope'))).toBeInTheDocument(), WAIT);
    // Every other role is disabled; saving sends nothing.
    await waitFor(() => expect(within(roleSelect()).getByRole('option', { name: 'User' })).toBeDisabled(), WAIT);
    await user.selectOptions(roleSelect(), ROLE_IDS.user).catch(() => undefined);
    await user.click(submit());
    expect(updateUser).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe('UserEditorDialog: failures', () => {
  it('given the server unavailable, a failed save keeps everything typed and saving again works', async () => {
    const { user, store, onSaved } = renderEditor(
      { defaultValues: { entityIds: ['entity-acme-paris'], roleId: ROLE_IDS.user } },
      { prepare: ({ faults }) => faults.failNext('unavailable', { methods: ['createUser'] }) },
    );
    await formReady();
    await fillProfile(user, { first: 'Ana', last: 'Lima', email: 'ana.lima@acme.fr' });
    await user.click(submit());
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    expect(alert).toHaveTextContent(t('userEditor.saveFailed'));
    expect(firstName()).toHaveValue('Ana');
    expect(lastName()).toHaveValue('Lima');
    expect(email()).toHaveValue('ana.lima@acme.fr');
    expect(roleSelect()).toHaveValue(ROLE_IDS.user);
    expect(onSaved).not.toHaveBeenCalled();
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(byEmail(store, 'ana.lima@acme.fr')?.status).toBe('invited');
  });

  it('given an email another user has, the server error lands on the email field, which gets the focus', async () => {
    const { user, onSaved } = renderEditor({ defaultValues: { entityIds: ['entity-acme-paris'], roleId: ROLE_IDS.user } });
    await formReady();
    await fillProfile(user, { first: 'Ana', last: 'Lima', email: 'jose.garcia@acme.es' });
    await user.click(submit());
    expect(await screen.findByRole('alert', {}, WAIT)).toHaveTextContent(t('errors.reason.email_taken'));
    await waitFor(() => expect(email()).toHaveAccessibleDescription(t('errors.field.taken')));
    expect(email()).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(document.activeElement).toBe(email()));
    expect(onSaved).not.toHaveBeenCalled();
    // Correcting the field clears its error.
    await user.clear(email());
    await user.type(email(), 'ana.lima@acme.fr');
    await waitFor(() => expect(email()).not.toHaveAttribute('aria-invalid'));
  });
});
