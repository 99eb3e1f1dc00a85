import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { UserAdmin } from '../src/admin/components';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The composed screen a host drops in, over the REST adapter and the reference backend behind
 * MSW: Users, Pending invitations (with counts) and Permissions tabs, the New user and Invite
 * buttons, the built-in editor on each row's Edit, and sign-in help from a login user's row.
 * Relative times are measured against the mock backend's clock (the `now` prop).
 */
const meta = {
  title: 'Screens/UserAdmin',
  component: UserAdmin,
  args: { onInvited: fn(), onTabChange: fn(), onUserSaved: fn() },
  render: (args, context) => <UserAdmin now={storyBackend(context).store.clock.now} {...args} />,
} satisfies Meta<typeof UserAdmin>;
export default meta;
type Story = StoryObj<typeof meta>;


/** Opens the first row's action menu (named like `menuName`) once the table is there, and picks `item`. */
async function chooseOnFirstRow(canvasElement: HTMLElement, menuName: string, item: string) {
  const canvas = within(canvasElement);
  await canvas.findByRole('table', {}, TIMEOUT);
  const menus = await canvas.findAllByRole('button', { name: new RegExp(menuName) }, TIMEOUT);
  await userEvent.click(menus[0]!);
  await userEvent.click(await within(canvasElement.ownerDocument.body).findByRole('menuitem', { name: item }, TIMEOUT));
}

export const Default: Story = {
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const { store } = storyBackend(context);
    expect(canvas.getByRole('heading', { level: 2, name: t('userAdmin.title') })).toBeInTheDocument();
    const sections = canvas.getByRole('tablist', { name: t('userAdmin.tabsLabel') });
    const [users, invitations] = within(sections).getAllByRole('tab');
    await waitFor(() => expect(users).toHaveTextContent(String(store.getUserCounts({}).all)), TIMEOUT);
    expect(users).toHaveAttribute('aria-selected', 'true');
    expect(invitations).toHaveTextContent(t('userAdmin.tabs.invitations'));
    expect(await canvas.findByRole('table', {}, TIMEOUT)).toBeInTheDocument();
  },
};

export const PendingInvitationsTab: Story = {
  args: { defaultTab: 'invitations' },
  parameters: backend({ store: { userCount: 60 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const panel = canvas.getByRole('tabpanel', { name: new RegExp(t('userAdmin.tabs.invitations')) });
    expect(await within(panel).findByRole('table', {}, TIMEOUT)).toBeInTheDocument();
  },
};

export const InviteDialogOpen: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: t('invite.trigger') }, TIMEOUT));
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', {}, TIMEOUT);
    expect(within(dialog).getByRole('heading', { name: t('invite.title') })).toBeInTheDocument();
  },
};

export const InvitingRefreshesBothTabs: Story = {
  args: { defaultTab: 'invitations', inviteDialogProps: { defaultValues: { entityIds: ['entity-acme-paris'] } } },
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    const { store } = storyBackend(context);
    const before = store.listInvitations({ pageIndex: 0, pageSize: 1 }).total;
    const invitationsTab = () => within(canvas.getByRole('tablist', { name: t('userAdmin.tabsLabel') })).getAllByRole('tab')[1]!;
    await waitFor(() => expect(invitationsTab()).toHaveTextContent(String(before)), TIMEOUT);
    await userEvent.click(canvas.getByRole('button', { name: t('invite.trigger') }));
    const dialog = within(await body.findByRole('dialog', {}, TIMEOUT));
    await userEvent.type(dialog.getByRole('textbox', { name: t('invite.emails.label') }), 'story.hire@acme.fr,');
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: t('invite.role.label') }), 'role-user');
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    expect(await dialog.findByText(t('invite.result.invitedCount', { count: 1 }), {}, TIMEOUT)).toBeInTheDocument();
    expect(args.onInvited).toHaveBeenCalledOnce();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(invitationsTab()).toHaveTextContent(String(before + 1)), TIMEOUT);
    expect(await canvas.findByText('story.hire@acme.fr', {}, TIMEOUT)).toBeInTheDocument();
  },
};

export const SsoEnforced: Story = {
  parameters: backend({ store: { userCount: 30, settings: { sso: { enforced: true, providerName: 'Okta' } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole('button', { name: t('invite.trigger') })).toHaveAttribute('aria-disabled', 'true'), TIMEOUT);
    expect(canvas.getByRole('button', { name: t('invite.trigger') })).toHaveAccessibleDescription(t('settings.ssoEnforced', { provider: 'Okta' }));
  },
};

export const WithoutInvitations: Story = {
  parameters: backend({ store: { userCount: 30, settings: { features: { invitations: false } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('table', {}, TIMEOUT)).toBeInTheDocument();
    // Users and Permissions remain; nothing about invitations.
    await waitFor(() => expect(within(canvas.getByRole('tablist', { name: t('userAdmin.tabsLabel') })).getAllByRole('tab')).toHaveLength(2), TIMEOUT);
    expect(canvas.queryByRole('button', { name: t('invite.trigger') })).toBeNull();
  },
};

export const NewUserEditor: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    const button = canvas.getByRole('button', { name: t('userEditor.trigger') });
    await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'), TIMEOUT);
    await userEvent.click(button);
    const dialog = await body.findByRole('dialog', { name: t('userEditor.title.create') }, TIMEOUT);
    expect(await within(dialog).findByRole('textbox', { name: t('userEditor.fields.firstName') }, TIMEOUT)).toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: t('userEditor.kind.contact') })).toBeInTheDocument();
  },
};

export const CreatingAContact: Story = {
  args: { userEditorProps: { defaultKind: 'contact', defaultValues: { entityIds: ['entity-acme-lyon'] } } },
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const body = within(canvasElement.ownerDocument.body);
    const { store } = storyBackend(context);
    const before = store.getUserCounts({}).all;
    const button = canvas.getByRole('button', { name: t('userEditor.trigger') });
    // The button waits for the settings (SSO decides what can be created).
    await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'), TIMEOUT);
    await userEvent.click(button);
    const dialog = within(await body.findByRole('dialog', { name: t('userEditor.title.create') }, TIMEOUT));
    await userEvent.type(await dialog.findByRole('textbox', { name: t('userEditor.fields.firstName') }, TIMEOUT), 'Iris');
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.lastName') }), 'Quenot');
    await userEvent.type(dialog.getByRole('textbox', { name: t('userEditor.fields.email') }), 'iris@supplier.example');
    await userEvent.click(dialog.getByRole('button', { name: t('userEditor.submit.create') }));
    await waitFor(() => expect(body.queryByRole('dialog')).toBeNull(), TIMEOUT);
    expect(args.onUserSaved).toHaveBeenCalledOnce();
    const users = within(canvas.getByRole('tablist', { name: t('userAdmin.tabsLabel') })).getAllByRole('tab')[0]!;
    await waitFor(() => expect(users).toHaveTextContent(String(before + 1)), TIMEOUT);
  },
};

export const EditFromRow: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const body = within(canvasElement.ownerDocument.body);
    await chooseOnFirstRow(canvasElement, t('actions.moreActions', { name: '' }).trim(), t('actions.edit'));
    const dialog = await body.findByRole('dialog', {}, TIMEOUT);
    expect(await within(dialog).findByRole('button', { name: t('userEditor.submit.edit') }, TIMEOUT)).toBeInTheDocument();
  },
};

export const PermissionsTab: Story = {
  args: { defaultTab: 'permissions' },
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findByRole('grid', { name: t('permissionMatrix.usersLabel') }, TIMEOUT)).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('radio', { name: t('userAdmin.permissionSource.roles') }));
    expect(await canvas.findByRole('grid', { name: t('permissionMatrix.rolesLabel') }, TIMEOUT)).toBeInTheDocument();
  },
};

export const SignInHelpFromRow: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const body = within(canvasElement.ownerDocument.body);
    await chooseOnFirstRow(canvasElement, t('actions.moreActions', { name: '' }).trim(), t('userList.rowActions.signInHelp'));
    const dialog = await body.findByRole('dialog', {}, TIMEOUT);
    expect(await within(dialog).findByRole('textbox', { name: t('signInGuide.paste.label') }, TIMEOUT)).toBeInTheDocument();
  },
};

export const SsoEnforcedWithoutContacts: Story = {
  parameters: backend({ store: { userCount: 30, settings: { sso: { enforced: true, providerName: 'Okta' }, features: { contacts: false } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const button = canvas.getByRole('button', { name: t('userEditor.trigger') });
    await waitFor(() => expect(button).toHaveAccessibleDescription(t('settings.ssoEnforced', { provider: 'Okta' })), TIMEOUT);
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(canvas.getByRole('button', { name: t('invite.trigger') })).toHaveAttribute('aria-disabled', 'true');
  },
};

export const Loading: Story = {
  parameters: backend({ latencyMs: 60_000 }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(await canvas.findAllByRole('status', { name: t('common.loading') })).not.toHaveLength(0);
    expect(canvas.queryByRole('table')).toBeNull();
  },
};

export const ServerUnavailable: Story = {
  parameters: backend({ setup: ({ faults }) => faults.failNext('unavailable', { count: 1, methods: ['listUsers'] }) }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('errors.unavailable'));
    await userEvent.click(within(alert).getByRole('button', { name: t('common.retry') }));
    expect(await canvas.findByRole('table', {}, TIMEOUT)).toBeInTheDocument();
  },
};

/** The background a host sets on its own root in {@link HostColours} (a warm white, contrast kept). */
const HOST_BACKGROUND = 'rgb(255, 250, 240)';

/** A host's own colour, set inline on its root: the screen and the dialogs it opens (each inside its own nested root) use it. */
export const HostColours: Story = {
  parameters: backend({ store: { userCount: 10 } }),
  render: (args, context) => (
    <div className="uak-root" style={{ ['--uak-color-bg' as string]: HOST_BACKGROUND }}>
      <UserAdmin now={storyBackend(context).store.clock.now} {...args} />
    </div>
  ),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await canvas.findByRole('table', {}, TIMEOUT);
    await userEvent.click(canvas.getByRole('button', { name: t('invite.trigger') }));
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', {}, TIMEOUT);
    expect(getComputedStyle(dialog).backgroundColor).toBe(HOST_BACKGROUND);
  },
};
