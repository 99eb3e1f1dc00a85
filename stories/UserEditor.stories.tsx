import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DAY_MS, MODULE_IDS, ROLE_IDS, createMockStore } from '../mocks';
import { createFormatters } from '../src/i18n';
import { UserEditorDialog } from '../src/editor/components';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The user editor over the REST adapter and the reference backend behind MSW: creating a login
 * user or a contact, editing, the email change and its confirmation, SSO and group-level rules,
 * failures. Play functions assert the story locale's texts.
 */
const meta = {
  title: 'Screens/UserEditor',
  component: UserEditorDialog,
  args: { onSaved: fn(), defaultOpen: true },
  // The store's clock (2026-01-15) decides when a registration request expires.
  render: (args, context) => <UserEditorDialog {...args} now={() => storyBackend(context).store.clock.now()} />,
} satisfies Meta<typeof UserEditorDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ctx = Pick<StoryContext, 'globals' | 'canvasElement'>;

/** A user the default fixtures created through SSO (same seed as every story's store). */
const SSO_USER_ID = createMockStore().listUsers({ pageIndex: 0, pageSize: 500 }).items.find((u) => u.source === 'sso')!.id;

/** The open dialog, once its form is there. */
async function openForm({ canvasElement, globals }: Ctx) {
  const t = storyT({ globals });
  const body = within(canvasElement.ownerDocument.body);
  const dialog = await body.findByRole('dialog', {}, TIMEOUT);
  await within(dialog).findByRole('textbox', { name: t('userEditor.fields.firstName') }, TIMEOUT);
  return within(dialog);
}

const prefilled = { firstName: 'Ana', lastName: 'Lima', email: 'ana.lima@acme.fr', roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] };

export const CreateLogin: Story = {
  parameters: backend({}),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    expect(dialog.getByRole('heading', { name: t('userEditor.title.create') })).toBeInTheDocument();
    expect(dialog.getByRole('radio', { name: t('userEditor.kind.login') })).toBeChecked();
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.firstName') }), 'Ana');
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.lastName') }), 'Lima');
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.email') }), 'ana.lima@acme.fr');
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: t('userEditor.role.label') }), ROLE_IDS.admin);
    expect(dialog.getByRole('group', { name: t('userEditor.adminScope.legend') })).toBeInTheDocument();
    expect(dialog.getByText(t('invitation.validFor', { count: 7 }))).toBeInTheDocument();
    // No entity yet: the form says so rather than sending.
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.create') }));
    expect(await dialog.findByText(t('validation.entityRequired'), {}, TIMEOUT)).toBeInTheDocument();
    expect(args.onSaved).not.toHaveBeenCalled();
  },
};

export const CreateContact: Story = {
  args: { defaultKind: 'contact', defaultValues: { entityIds: ['entity-acme-lyon'] } },
  parameters: backend({}),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    expect(dialog.getByRole('radio', { name: t('userEditor.kind.contact') })).toBeChecked();
    expect(dialog.queryByRole('combobox', { name: t('userEditor.role.label') })).toBeNull();
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.firstName') }), 'Paulo');
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.lastName') }), 'Reis');
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.email') }), 'paulo@supplier.example');
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.create') }));
    await waitFor(() => expect(args.onSaved).toHaveBeenCalledTimes(1), TIMEOUT);
    const { store } = storyBackend(context);
    const contact = store.listUsers({ pageIndex: 0, pageSize: 10, search: 'paulo@supplier.example' }).items[0];
    expect(contact).toMatchObject({ kind: 'contact', roleId: null, entityIds: ['entity-acme-lyon'] });
  },
};

export const Edit: Story = {
  args: { userId: 'user-admin-2' },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    expect(dialog.getByRole('heading', { name: t('userEditor.title.edit', { name: 'Karim Benali' }) })).toBeInTheDocument();
    expect(dialog.getByRole('textbox', { name: t('userEditor.fields.email') })).toHaveValue('karim.benali@acme.fr');
    expect(dialog.getByRole('radio', { name: t('userEditor.adminScope.entities') })).toBeChecked();
    const payment = () => canvasElement.ownerDocument.querySelector(`[data-slot="permission-grid-cell"][data-column="${MODULE_IDS.payment}"]`);
    await waitFor(() => expect(payment()).toHaveAttribute('data-level', 'edit'), TIMEOUT);
    // Demoting clears the admin-only modules.
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: t('userEditor.role.label') }), ROLE_IDS.user);
    await waitFor(() => expect(payment()).toHaveAttribute('data-locked'), TIMEOUT);
    expect(payment()).toHaveAttribute('data-level', 'none');
  },
};

/** Editing a user when the backend refuses the save: the form keeps the edit and says why. */
export const EditSaveFailure: Story = {
  args: { userId: 'user-admin-2' },
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { methods: ['updateUser'] }) }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    const first = dialog.getByRole('textbox', { name: t('userEditor.fields.firstName') });
    await userEvent.clear(first);
    await userEvent.type(first, 'Karima');
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.edit') }));
    const alert = await dialog.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    expect(first).toHaveValue('Karima');
    expect(args.onSaved).not.toHaveBeenCalled();
    expect(storyBackend(context).store.getUser({ id: 'user-admin-2' }).firstName).toBe('Karim');
  },
};

export const EditEmailChange: Story = {
  args: { userId: 'user-jose' },
  parameters: backend({}),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    const email = dialog.getByRole('textbox', { name: t('userEditor.fields.email') });
    await userEvent.clear(email);
    await userEvent.type(email, 'jose.new@acme.es');
    expect(dialog.getByText(t('userEditor.emailChange.registration', { current: 'jose.garcia@acme.es' }))).toBeInTheDocument();
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.edit') }));
    const body = within(canvasElement.ownerDocument.body);
    const confirm = await body.findByRole('alertdialog', { name: t('userEditor.emailChange.confirmTitle') }, TIMEOUT);
    await userEvent.click(within(confirm).getByRole('button', { name: t('userEditor.emailChange.confirm') }));
    expect(await dialog.findByText(t('userEditor.result.registrationRequestSent', { email: 'jose.new@acme.es' }), {}, TIMEOUT)).toBeInTheDocument();
    const { store } = storyBackend(context);
    const relative = createFormatters(context.globals.locale ?? 'en').relativeTime(store.clock.now() + 7 * DAY_MS, store.clock.now());
    expect(dialog.getByText(t('userEditor.pendingEmail', { email: 'jose.new@acme.es' }), { exact: false })).toHaveTextContent(
      t('userEditor.pendingEmailExpires', { relative }),
    );
    expect(args.onSaved).toHaveBeenCalledTimes(1);
    expect(storyBackend(context).store.getUser({ id: 'user-jose' }).pendingEmail).toBe('jose.new@acme.es');
  },
};

export const EditInvitedUser: Story = {
  args: { userId: 'user-joao' },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    const email = dialog.getByRole('textbox', { name: t('userEditor.fields.email') });
    await userEvent.clear(email);
    await userEvent.type(email, 'joao.new@acme.es');
    expect(dialog.getByText(t('userEditor.emailChange.invited'))).toBeInTheDocument();
    expect(email).toHaveAccessibleDescription(t('userEditor.emailChange.invited'));
  },
};

export const EditSsoUser: Story = {
  args: { userId: SSO_USER_ID },
  parameters: backend({ store: { settings: { sso: { enforced: false, providerName: 'Okta' } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    expect(dialog.getByText(t('userEditor.readOnly.sso', { provider: 'Okta' }))).toBeInTheDocument();
    for (const label of ['firstName', 'lastName', 'email'] as const) {
      const field = dialog.getByRole('textbox', { name: t(`userEditor.fields.${label}`) });
      expect(field).toHaveAttribute('readonly');
      expect(field).toHaveAccessibleDescription(t('userEditor.readOnly.managedBy', { provider: 'Okta' }));
    }
    expect(dialog.getByRole('textbox', { name: t('userEditor.fields.phone') })).not.toHaveAttribute('readonly');
  },
};

export const GroupUserAtEntityLevel: Story = {
  args: { userId: 'user-francoise' },
  parameters: backend({ store: { settings: { workspace: { level: 'entity', entityId: 'entity-acme-france' } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    expect(dialog.getByText(t('userEditor.readOnly.groupProfile'))).toBeInTheDocument();
    for (const label of ['firstName', 'lastName', 'email', 'phone'] as const) {
      const field = dialog.getByRole('textbox', { name: t(`userEditor.fields.${label}`) });
      expect(field).toHaveAttribute('readonly');
      expect(field).toHaveAccessibleDescription(t('userEditor.readOnly.groupLevel'));
    }
    expect(dialog.getByRole('combobox', { name: t('userEditor.role.label') })).toBeEnabled();
  },
};

export const SsoEnforcedCreate: Story = {
  parameters: backend({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    const login = dialog.getByRole('radio', { name: t('userEditor.kind.login') });
    expect(login).toBeDisabled();
    expect(login).toHaveAccessibleDescription(t('userEditor.kind.loginUnavailable', { provider: 'Okta' }));
    expect(dialog.getByRole('radio', { name: t('userEditor.kind.contact') })).toBeChecked();
  },
};

export const SsoEnforcedNothingToCreate: Story = {
  parameters: backend({ store: { settings: { sso: { enforced: true, providerName: 'Okta' }, features: { contacts: false } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = within(await within(canvasElement.ownerDocument.body).findByRole('dialog', {}, TIMEOUT));
    expect(await dialog.findByText(t('userEditor.nothingToCreate', { provider: 'Okta' }), {}, TIMEOUT)).toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: t('userEditor.submit.create') })).toBeNull();
  },
};

export const UsernamePolicy: Story = {
  args: { defaultValues: { ...prefilled, username: 'ana' } },
  parameters: backend({ store: { settings: { username: { mode: 'required', minLength: 6, charset: 'alphanumeric' } } } }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    const username = dialog.getByRole('textbox', { name: t('userEditor.fields.username') });
    expect(username).toHaveAccessibleDescription(t('userEditor.fields.usernameHint', { count: 6 }));
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.create') }));
    await waitFor(() => expect(username).toHaveAccessibleDescription(expect.stringContaining(t('validation.usernameTooShort', { min: 6 }))), TIMEOUT);
    expect(args.onSaved).not.toHaveBeenCalled();
  },
};

export const ServerFieldErrors: Story = {
  args: { defaultValues: { ...prefilled, email: 'jose.garcia@acme.es', username: 'amartin' } },
  parameters: backend({ store: { settings: { username: { mode: 'required', minLength: 6, charset: 'alphanumeric' } } } }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.create') }));
    const alert = await dialog.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('userEditor.saveFailed'));
    const email = dialog.getByRole('textbox', { name: t('userEditor.fields.email') });
    await waitFor(() => expect(email).toHaveAccessibleDescription(t('errors.field.taken')), TIMEOUT);
    await waitFor(() => expect(canvasElement.ownerDocument.activeElement).toBe(email), TIMEOUT);
    expect(args.onSaved).not.toHaveBeenCalled();
  },
};

export const SaveFailure: Story = {
  args: { defaultValues: prefilled },
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { methods: ['createUser'] }) }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openForm({ canvasElement, ...context });
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.create') }));
    const alert = await dialog.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    expect(alert).toHaveTextContent(t('userEditor.saveFailed'));
    expect(dialog.getByRole('textbox', { name: t('userEditor.fields.firstName') })).toHaveValue('Ana');
    expect(dialog.getByRole('textbox', { name: t('userEditor.fields.email') })).toHaveValue('ana.lima@acme.fr');
    expect(args.onSaved).not.toHaveBeenCalled();
  },
};

export const Loading: Story = {
  args: { userId: 'user-jose' },
  parameters: backend({ latencyMs: 600_000 }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = within(await within(canvasElement.ownerDocument.body).findByRole('dialog', {}, TIMEOUT));
    expect(dialog.getByRole('status', { name: t('common.loading') })).toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: t('userEditor.submit.edit') })).toBeNull();
  },
};

export const NotFound: Story = {
  args: { userId: 'user-gone' },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = within(await within(canvasElement.ownerDocument.body).findByRole('dialog', {}, TIMEOUT));
    expect(await dialog.findByText(t('userEditor.notFound'), {}, TIMEOUT)).toBeInTheDocument();
    expect(dialog.getByText(t('userEditor.notFoundHint'))).toBeInTheDocument();
  },
};

export const Closed: Story = {
  args: { defaultOpen: false },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: t('userEditor.trigger') }));
    const dialog = await openForm({ canvasElement, ...context });
    expect(dialog.getByRole('heading', { name: t('userEditor.title.create') })).toBeInTheDocument();
  },
};
