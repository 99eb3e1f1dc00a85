import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { useState, type ReactNode } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ar } from '../docs/examples/locale-ar';
import { createRestAdapter } from '../src/adapters/rest';
import { UserAdmin } from '../src/admin/components';
import type { EntityAccessValue } from '../src/entities';
import { EntityAccessPicker } from '../src/entities/components';
import { UserAdminProvider } from '../src/headless';
import { createUserAdminI18n, getUserAdminT, useUserAdminTranslation, type UserAdminMessages } from '../src/i18n';
import { PermissionMatrix } from '../src/permissions/components';
import { backend, storyBackend, TIMEOUT } from './support';

/**
 * Right to left (issue 15): Arabic, a locale the library does not ship, added by the host with
 * one object (`messages={{ ar }}`, docs/examples/locale-ar.ts). The roots read `dir="rtl"` and
 * `lang="ar"` because the locale does; the layout mirrors (logical CSS) and the arrow keys follow
 * the reading direction: ArrowLeft is the next tab, the next grid column, and opens a tree item.
 * These stories are in Arabic whatever the toolbar's locale.
 */
const MESSAGES: UserAdminMessages = { ar };
/** The texts as the stories show them. */
const tAr = getUserAdminT(createUserAdminI18n({ locale: 'ar', messages: MESSAGES }));

/** The host's provider, nested in the preview's: same backend (MSW), same QueryClient, Arabic. */
function InArabic({ children }: { children: ReactNode }) {
  const [adapter] = useState(() => createRestAdapter({ baseUrl: '/api' }));
  return (
    <UserAdminProvider adapter={adapter} locale="ar" messages={MESSAGES}>
      {children}
    </UserAdminProvider>
  );
}
const inArabic: Decorator = (Story) => <InArabic><Story /></InArabic>;

const meta = {
  title: 'Screens/Right to left (Arabic)',
  component: UserAdmin,
  decorators: [inArabic],
  render: (args, context) => <UserAdmin now={storyBackend(context).store.clock.now} {...args} />,
} satisfies Meta<typeof UserAdmin>;
export default meta;
type Story = StoryObj<typeof meta>;

const tabs = (canvasElement: HTMLElement) => within(within(canvasElement).getByRole('tablist', { name: tAr('userAdmin.tabsLabel') })).getAllByRole('tab');

/** The whole screen in Arabic, right to left; ArrowLeft moves to the next tab. */
export const UserAdminInArabic: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const screen = canvasElement.querySelector('[data-slot="user-admin"]');
    expect(screen).toHaveAttribute('dir', 'rtl');
    expect(screen).toHaveAttribute('lang', 'ar');
    expect(canvas.getByRole('heading', { level: 2, name: tAr('userAdmin.title') })).toBeInTheDocument();
    expect(await canvas.findByRole('table', {}, TIMEOUT)).toBeInTheDocument();
    const [users, invitations] = tabs(canvasElement);
    users!.focus();
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(invitations).toHaveAttribute('aria-selected', 'true'));
    expect(invitations).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(users).toHaveAttribute('aria-selected', 'true'));
  },
};

/** The invite dialog, open: it portals into the screen's root, so it is right to left too. */
export const InviteDialogInArabic: Story = {
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: tAr('invite.trigger') }, TIMEOUT));
    const dialog = await within(canvasElement.ownerDocument.body).findByRole('dialog', { name: tAr('invite.title') }, TIMEOUT);
    expect(dialog.closest('[dir]')).toHaveAttribute('dir', 'rtl');
    expect(await within(dialog).findByRole('button', { name: tAr('invite.submit') }, TIMEOUT)).toBeInTheDocument();
  },
};

/** The pending invitations tab in Arabic. */
export const PendingInvitationsInArabic: Story = {
  args: { defaultTab: 'invitations' },
  parameters: backend({ store: { userCount: 30 } }),
  play: async ({ canvasElement }) => {
    const panel = within(canvasElement).getByRole('tabpanel', { name: new RegExp(tAr('userAdmin.tabs.invitations')) });
    expect(await within(panel).findByRole('table', {}, TIMEOUT)).toBeInTheDocument();
    expect(within(panel).getByRole('searchbox', { name: tAr('invitations.search') })).toBeInTheDocument();
  },
};

function PickerInArabic() {
  const { t } = useUserAdminTranslation();
  const [value, setValue] = useState<EntityAccessValue>({ entityIds: [], subtreeEntityIds: [] });
  return (
    <main style={{ maxWidth: '36rem' }}>
      <EntityAccessPicker variant="inline" label={t('invite.entities.label')} value={value} onValueChange={setValue} />
    </main>
  );
}

/** The entity tree, right to left: ArrowLeft opens an entity, ArrowRight closes it (WAI-ARIA tree pattern). */
export const EntityTreeInArabic: Story = {
  parameters: backend({}),
  render: () => <PickerInArabic />,
  play: async ({ canvasElement }) => {
    const tree = await within(canvasElement).findByRole('tree', { name: tAr('invite.entities.label') }, TIMEOUT);
    expect(tree.closest('[dir]')).toHaveAttribute('dir', 'rtl');
    const france = await within(tree).findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT);
    france.focus();
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(france).toHaveAttribute('aria-expanded', 'true'), TIMEOUT);
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(france).toHaveAttribute('aria-expanded', 'false'));
  },
};

/** The permission grid, right to left: ArrowLeft moves to the next module column. */
export const PermissionGridInArabic: Story = {
  parameters: backend({ store: { userCount: 12 } }),
  render: () => <PermissionMatrix pageSize={10} />,
  play: async ({ canvasElement }) => {
    const grid = await within(canvasElement).findByRole('grid', { name: tAr('permissionMatrix.usersLabel') }, TIMEOUT);
    await waitFor(() => expect(grid.querySelectorAll('tbody tr[data-grid-row]').length).toBeGreaterThan(0), TIMEOUT);
    expect(grid.closest('[dir]')).toHaveAttribute('dir', 'rtl');
  },
};
