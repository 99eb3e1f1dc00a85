import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ROLE_IDS, ROOT_ENTITY_ID } from '../mocks';
import { useUserAdminTranslation } from '../src/i18n';
import { InviteDialog } from '../src/invitations/invite/components';
import { EVERY_SKIP_REASON_EMAILS, EVERY_SKIP_REASON_STORE, withEverySkipReason } from '../test/utils/invite-support';
import { Button } from '../src/ui';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The invite dialog over the REST adapter and the reference backend behind MSW. Play functions
 * assert the story locale's texts; module and role names come from the backend's fixtures.
 */
const meta = {
  title: 'Screens/InviteDialog',
  component: InviteDialog,
  args: { onInvited: fn() },
} satisfies Meta<typeof InviteDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ctx = Pick<StoryContext, 'globals' | 'canvasElement'>;

/** The open dialog (Radix portals it into the dialog's own `.uak-root`, inside the story). */
async function openDialog({ canvasElement, globals }: Ctx) {
  const body = within(canvasElement.ownerDocument.body);
  const dialog = await body.findByRole('dialog', {}, TIMEOUT);
  // Ready once the form is there (settings, roles and modules loaded).
  await within(dialog).findByRole('textbox', { name: storyT({ globals })('invite.emails.label') }, TIMEOUT);
  return within(dialog);
}

const chipStatuses = (dialog: ReturnType<typeof within>) =>
  [...dialog.getByRole('list', { name: /\d/ }).querySelectorAll('li')].map((li) => li.getAttribute('data-status'));

const ready = { roleId: ROLE_IDS.user, entityIds: ['entity-acme-paris'] };

export const Closed: Story = {
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const trigger = await canvas.findByRole('button', { name: t('invite.trigger') }, TIMEOUT);
    expect(canvas.queryByRole('dialog')).toBeNull();
    await userEvent.click(trigger);
    const dialog = await openDialog({ canvasElement, ...context });
    expect(dialog.getByRole('heading', { name: t('invite.title') })).toBeInTheDocument();
  },
};

export const Open: Story = {
  args: { defaultOpen: true },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    expect(dialog.getByText(t('invitation.validFor', { count: 7 }), { exact: false })).toBeInTheDocument();
    expect(dialog.getByRole('combobox', { name: t('invite.role.label') })).toHaveValue('');
    expect(dialog.getByRole('group', { name: t('invite.entities.label') })).toBeInTheDocument();
    expect(await dialog.findByRole('tree', { name: t('invite.entities.label') }, TIMEOUT)).toBeInTheDocument();
  },
};

/** A company granted with all its sub-accounts (including future ones): the invitation carries the grant. */
export const WithSubtreeGrant: Story = {
  args: {
    defaultOpen: true,
    defaultValues: { emails: ['grant@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-acme-france'], subtreeEntityIds: ['entity-acme-france'] },
  },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    const france = await dialog.findByRole('treeitem', { name: /^Acme France SAS/ }, TIMEOUT);
    expect(france).toHaveTextContent(t('entityPicker.subtreeOn'));
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    expect(await dialog.findByText(t('invite.result.invitedCount', { count: 1 }), {}, TIMEOUT)).toBeInTheDocument();
    const invitation = storyBackend(context).store.listInvitations({ pageIndex: 0, pageSize: 10, search: 'grant@acme.fr' }).items[0];
    expect(invitation).toMatchObject({ entityIds: ['entity-acme-france'], subtreeEntityIds: ['entity-acme-france'] });
  },
};

export const WithChips: Story = {
  args: { defaultOpen: true, defaultValues: { emails: ['Jane Doe <jane@acme.fr>, not-an-address; JANE@acme.fr, bob@acme.fr'], ...ready } },
  parameters: backend({}),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    expect(chipStatuses(dialog)).toEqual(['valid', 'invalid', 'duplicate', 'valid']);
    expect(dialog.getByText(t('invite.skipReason.invalid'))).toBeInTheDocument();
    expect(dialog.getByText(t('invite.skipReason.duplicate'))).toBeInTheDocument();
    expect(dialog.getByText(t('invite.addressesNeedAttention', { count: 2 }))).toBeInTheDocument();
    // Nothing is sent while any address needs attention.
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    await new Promise((r) => setTimeout(r, 200));
    expect(args.onInvited).not.toHaveBeenCalled();
    expect(dialog.queryByText(t('invite.result.title'))).toBeNull();
  },
};

export const AdminRoleUnlocksModules: Story = {
  args: { defaultOpen: true, defaultValues: { roleId: ROLE_IDS.communication } },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    const payment = () => dialog.getByRole('combobox', { name: 'Payment' });
    await waitFor(() => expect(payment()).toBeDisabled(), TIMEOUT);
    expect(payment()).toHaveAccessibleDescription(t('errors.reason.admin_only_module'));
    await userEvent.selectOptions(dialog.getByRole('combobox', { name: t('invite.role.label') }), ROLE_IDS.admin);
    expect(payment()).toBeEnabled();
    expect(payment()).toHaveValue('edit');
    expect(dialog.getByRole('group', { name: t('invite.adminScope.legend') })).toBeInTheDocument();
  },
};

export const Results: Story = {
  args: { defaultOpen: true, defaultValues: { emails: [Object.values(EVERY_SKIP_REASON_EMAILS).join(', ')], ...ready } },
  parameters: backend({ store: EVERY_SKIP_REASON_STORE, setup: ({ store }) => void withEverySkipReason(store) }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    expect(await dialog.findByText(t('invite.result.invitedCount', { count: 1 }), {}, TIMEOUT)).toBeInTheDocument();
    expect(dialog.getByText(t('invite.result.skippedCount', { count: 6 }))).toBeInTheDocument();
    const results = dialog.getByText(t('invite.result.title')).closest('section')!;
    for (const reason of ['already_member', 'already_invited', 'disposable', 'domain_not_allowed', 'invalid', 'duplicate'] as const) {
      expect(within(results).getByText(EVERY_SKIP_REASON_EMAILS[reason]).closest('li')).toHaveTextContent(t(`invite.skipReason.${reason}`));
    }
    expect(args.onInvited).toHaveBeenCalledTimes(1);
    // Only the skipped addresses remain as chips, ready for correction.
    expect(chipStatuses(dialog)).toHaveLength(6);
  },
};

/** One address fails on the backend while the others go out: it stays as a chip with its error, and a second send invites it. */
export const PartialFailure: Story = {
  args: { defaultOpen: true, defaultValues: { emails: ['new.one@acme.fr, Bea Lo <bea.lo@acme.fr>, new.three@acme.fr'], ...ready } },
  parameters: backend({ setup: ({ faults }) => faults.failInvitesTo(['bea.lo@acme.fr'], 'unavailable') }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    expect(await dialog.findByText(t('invite.result.invitedCount', { count: 2 }), {}, TIMEOUT)).toBeInTheDocument();
    expect(dialog.getByText(t('invite.result.failedCount', { count: 1 }))).toBeInTheDocument();
    const failedText = t('invite.failedReason', { error: t('errors.unavailable') });
    const results = dialog.getByText(t('invite.result.title')).closest('section')!;
    expect(within(results).getByText('bea.lo@acme.fr').closest('li')).toHaveTextContent(failedText);
    // The failed address is the only chip left, as typed, and says why.
    const chips = dialog.getByRole('list', { name: t('invite.emails.count', { count: 1 }) });
    expect(chips.querySelectorAll('li')).toHaveLength(1);
    expect(chips.querySelector('li')).toHaveAttribute('data-reason', 'failed');
    expect(within(chips).getByText(failedText)).toBeInTheDocument();
    expect(within(chips).getByText('Bea Lo')).toBeInTheDocument();
    expect(args.onInvited).toHaveBeenCalledTimes(1);

    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    expect(await dialog.findByText(t('invite.result.invitedCount', { count: 3 }), {}, TIMEOUT)).toBeInTheDocument();
    expect(dialog.queryByText(t('invite.result.failedCount', { count: 1 }))).toBeNull();
    expect(within(results).getByText('bea.lo@acme.fr').closest('li')).toHaveTextContent(t('invite.result.invited'));
  },
};

export const ServerError: Story = {
  args: { defaultOpen: true, defaultValues: { emails: ['new.person@acme.fr', 'other.person@acme.fr'], ...ready } },
  parameters: backend({ setup: ({ faults }) => faults.failNext('network', { methods: ['inviteUsers'] }) }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    const alert = await dialog.findByRole('alert', {}, TIMEOUT);
    expect(alert).toHaveTextContent(t('errors.network'));
    expect(alert).toHaveTextContent(t('invite.failed'));
    expect(chipStatuses(dialog)).toEqual(['valid', 'valid']);
    expect(args.onInvited).not.toHaveBeenCalled();
  },
};

export const FieldErrors: Story = {
  args: { defaultOpen: true, defaultValues: { emails: ['new.person@acme.fr'], roleId: ROLE_IDS.user, entityIds: ['entity-closed-last-week'] } },
  parameters: backend({}),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    expect(await dialog.findByRole('alert', {}, TIMEOUT)).toHaveTextContent(t('errors.reason.entity_not_found'));
    expect(await dialog.findByText(t('errors.field.not_found'), {}, TIMEOUT)).toBeInTheDocument();
  },
};

export const SsoEnforced: Story = {
  parameters: backend({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } }),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const reason = t('settings.ssoEnforced', { provider: 'Okta' });
    await waitFor(() => expect(canvas.getByRole('button', { name: t('invite.trigger') })).toHaveAttribute('aria-disabled', 'true'), TIMEOUT);
    const trigger = canvas.getByRole('button', { name: t('invite.trigger') });
    expect(trigger).toHaveAccessibleDescription(reason);
    expect(canvas.getByText(reason)).toBeVisible();
    await userEvent.click(trigger);
    expect(canvas.queryByRole('dialog')).toBeNull();
  },
};

export const SingleEntityOrganisation: Story = {
  args: { defaultOpen: true, defaultValues: { emails: ['solo@acme.fr'], roleId: ROLE_IDS.user } },
  parameters: backend({ store: { entityCount: 1, settings: { multiEntity: false, invitation: { ttlDays: 30, onExpiry: 'deactivate' } } } }),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    expect(dialog.queryByRole('group', { name: t('invite.entities.label') })).toBeNull();
    expect(dialog.getByText(t('invitation.onExpiry.deactivate'), { exact: false })).toBeInTheDocument();
    await userEvent.click(dialog.getByRole('button', { name: t('invite.submit') }));
    expect(await dialog.findByText(t('invite.result.invitedCount', { count: 1 }), {}, TIMEOUT)).toBeInTheDocument();
    const { store } = storyBackend(context);
    const invitation = store.listInvitations({ pageIndex: 0, pageSize: 500, search: 'solo@acme.fr' }).items[0];
    expect(invitation?.entityIds).toEqual([ROOT_ENTITY_ID]);
  },
};

/** The host owns the open state and its own button; the dialog renders no trigger. */
function ControlledHost(props: { onOpenChange?: (open: boolean) => void }) {
  const { t } = useUserAdminTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>{t('actions.invite')}</Button>
      <InviteDialog open={open} onOpenChange={(next) => { props.onOpenChange?.(next); setOpen(next); }} hideTrigger />
    </>
  );
}

export const Controlled: Story = {
  args: { onOpenChange: fn() },
  render: (args) => <ControlledHost onOpenChange={args.onOpenChange} />,
  parameters: backend({}),
  play: async ({ canvasElement, args, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(canvas.queryByRole('button', { name: t('invite.trigger') })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: t('actions.invite') }));
    const dialog = await openDialog({ canvasElement, ...context });
    await userEvent.click(dialog.getByRole('button', { name: t('common.cancel') }));
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull(), TIMEOUT);
    expect(args.onOpenChange).toHaveBeenCalledWith(false);
  },
};

/** A file with one line to invite and one of each reason to skip (the address field's and the file's own). */
const CSV_FILE = [
  'Email,First name,Last name,Role,Entities',
  `new.person@acme.fr,New,Person,${ROLE_IDS.user},Acme France SAS`,
  'jose.garcia@acme.es,José,Garcia,,',
  'not-an-address,,,,',
  ',No,Address,,',
  'pilot@acme.fr,,,Pilot,',
  'nowhere@acme.fr,,,,Nowhere Ltd',
].join('\r\n');

/** The CSV import's preview: each line marked "will invite" or skipped and why, before anything is added. */
export const CsvImportPreview: Story = {
  args: { defaultOpen: true },
  parameters: backend({}),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const dialog = await openDialog({ canvasElement, ...context });
    await dialog.findByRole('button', { name: t('invite.csv.button') }, TIMEOUT);
    const input = canvasElement.ownerDocument.querySelector<HTMLInputElement>('[data-slot="invite-csv-file"]')!;
    const files = new DataTransfer();
    files.items.add(new File([CSV_FILE], 'people.csv', { type: 'text/csv' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const preview = await dialog.findByRole('table', { name: t('invite.csv.previewTitle', { file: 'people.csv' }) }, TIMEOUT);
    const reasons = [...preview.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-reason') ?? 'invite');
    expect(reasons).toEqual(['invite', 'already_member', 'invalid', 'missing_email', 'unknown_role', 'unknown_entity']);
    expect(dialog.getByRole('button', { name: t('invite.csv.add', { count: 1 }) })).toBeEnabled();
  },
};
