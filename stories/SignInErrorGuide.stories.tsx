import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { User } from '../src/contract/types';
import { SignInErrorGuide, SignInErrorGuideDialog } from '../src/sign-in-guide/components';
import { backend, storyBackend, storyT, TIMEOUT } from './support';

/**
 * The sign-in error guide over the REST adapter and the reference backend behind MSW. With 20 users
 * the backend's sign-in diagnostics are fixed: user-18 (active) failed a second step, then an entity,
 * then got locked; user-12 (deactivated) hit "account deactivated"; user-joao (invited) an expired
 * invitation. Play functions assert the story locale's texts.
 */
const meta = {
  title: 'Screens/SignInErrorGuide',
  component: SignInErrorGuide,
  args: { onEditUser: fn() },
  parameters: backend({ store: { userCount: 20 } }),
} satisfies Meta<typeof SignInErrorGuide>;
export default meta;
type Story = StoryObj<typeof meta>;

type Ctx = Pick<StoryContext, 'loaded'>;

const userOf = (context: Ctx, id: string): User => storyBackend(context).store.getUser({ id });
const nameOf = (user: User) => `${user.firstName} ${user.lastName}`.trim() || user.email;
const cause = (root: HTMLElement) => root.querySelector('[data-slot="sign-in-guide-cause"]');
const resolver = (root: HTMLElement) => root.querySelector('[data-slot="sign-in-guide-resolver"]');

/** Replaces the clipboard for one story; the returned cleanup puts it back. */
function withClipboard(writeText: (text: string) => Promise<void>) {
  return () => {
    // An own property shadows the browser's (on Navigator.prototype); deleting it brings that one back.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: fn(writeText) }, configurable: true });
    return () => {
      delete (navigator as { clipboard?: unknown }).clipboard;
    };
  };
}

export const ForUser: Story = {
  render: (args, context) => <SignInErrorGuide {...args} user={userOf(context, 'user-18')} now={storyBackend(context).store.clock.now} />,
  beforeEach: withClipboard(() => Promise.resolve()),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const person = userOf(context, 'user-18');
    const group = await canvas.findByRole('group', { name: t('signInGuide.failures.legend', { name: nameOf(person) }) }, TIMEOUT);
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(radios[0]).toBeChecked();
    expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.mfa_failed'));
    expect(resolver(canvasElement)?.textContent).toBe(t('signInGuide.resolver.support'));
    // The older entity failure: this admin fixes it, through the host's editor.
    await userEvent.click(radios[1]!);
    expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.entity_not_granted'));
    expect(canvas.getByRole('button', { name: t('signInGuide.action.editEntities', { name: nameOf(person) }) })).toBeInTheDocument();
    // Copy: the request id of the chosen failure travels with the details.
    await userEvent.click(canvas.getByRole('button', { name: t('signInGuide.copy.button') }));
    expect(await canvas.findByText(t('signInGuide.copy.copied'))).toBeInTheDocument();
    const writeText = (navigator.clipboard as unknown as { writeText: ReturnType<typeof fn> }).writeText;
    expect(writeText.mock.calls[0]![0]).toContain('req_8c7d84d1');
  },
};

export const ForDeactivatedUser: Story = {
  render: (args, context) => <SignInErrorGuide {...args} user={userOf(context, 'user-12')} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const person = userOf(context, 'user-12');
    await waitFor(() => expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.account_deactivated')), TIMEOUT);
    expect(resolver(canvasElement)?.textContent).toBe(t('signInGuide.resolver.admin'));
    await userEvent.click(canvas.getByRole('button', { name: t('signInGuide.action.reactivate', { name: nameOf(person) }) }));
    expect(await canvas.findByText(t('signInGuide.action.reactivated', { name: nameOf(person) }), {}, TIMEOUT)).toBeInTheDocument();
    expect(storyBackend(context).store.getUser({ id: 'user-12' }).status).toBe('active');
  },
};

export const ForInvitedUser: Story = {
  render: (args, context) => <SignInErrorGuide {...args} user={userOf(context, 'user-joao')} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await waitFor(() => expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.invitation_pending')), TIMEOUT);
    expect(canvas.getByRole('button', { name: t('signInGuide.action.resendInvitation') })).toBeEnabled();
  },
};

/** user-13 (active) typed a wrong password three times: this admin may send a password reset link (the adapter has sendPasswordReset). */
export const ForForgottenPassword: Story = {
  render: (args, context) => <SignInErrorGuide {...args} user={userOf(context, 'user-13')} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const person = userOf(context, 'user-13');
    await waitFor(() => expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.invalid_credentials')), TIMEOUT);
    expect(resolver(canvasElement)?.textContent).toBe(t('signInGuide.resolver.admin'));
    await userEvent.click(canvas.getByRole('button', { name: t('signInGuide.action.sendPasswordReset', { email: person.email }) }));
    expect(await canvas.findByText(t('signInGuide.action.passwordResetSent', { email: person.email }), {}, TIMEOUT)).toBeInTheDocument();
    expect(storyBackend(context).store.sentPasswordResets().map((r) => r.userId)).toEqual(['user-13']);
  },
};

export const PasteMessage: Story = {
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    expect(canvas.getByText(t('signInGuide.diagnosis.empty'))).toBeInTheDocument();
    await userEvent.type(canvas.getByRole('textbox', { name: t('signInGuide.paste.label') }), 'AADSTS50053: The account is locked.');
    expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.locked'));
    expect(resolver(canvasElement)?.textContent).toBe(t('signInGuide.resolver.support'));
    expect(canvas.getByText(t('signInGuide.diagnosis.matched', { text: 'AADSTS50053' }), { exact: false })).toBeInTheDocument();
  },
};

export const UnknownMessage: Story = {
  args: { defaultMessage: 'Unexpected response (0x80070005)' },
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    expect(cause(canvasElement)?.textContent).toBe(t('signInGuide.diagnosis.unknownCause'));
    expect(resolver(canvasElement)?.textContent).toBe(t('signInGuide.resolver.support'));
    const steps = within(canvasElement.querySelector<HTMLElement>('[data-slot="sign-in-guide-steps"]')!).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual([t('signInGuide.steps.unknown.checkStatus'), t('signInGuide.steps.unknown.sendDetails')]);
  },
};

export const WithoutDiagnostics: Story = {
  parameters: backend({ store: { userCount: 20 }, capabilities: { accessDiagnostics: false } }),
  render: (args, context) => <SignInErrorGuide {...args} user={userOf(context, 'user-12')} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const person = userOf(context, 'user-12');
    expect(await canvas.findByText(t('signInGuide.failures.unsupported', { name: nameOf(person) }), {}, TIMEOUT)).toBeInTheDocument();
    expect(canvas.queryByRole('radio')).toBeNull();
    await userEvent.type(canvas.getByRole('textbox', { name: t('signInGuide.paste.label') }), 'Compte désactivé');
    expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.account_deactivated'));
    expect(canvas.getByRole('button', { name: t('signInGuide.action.reactivate', { name: nameOf(person) }) })).toBeEnabled();
  },
};

/** An invited user whose backend keeps no sign-in history, with the message they pasted: the message alone gives the cause. */
export const PastedWithoutDiagnostics: Story = {
  args: { defaultMessage: 'Invitation expired' },
  parameters: backend({ store: { userCount: 20 }, capabilities: { accessDiagnostics: false } }),
  render: (args, context) => <SignInErrorGuide {...args} user={userOf(context, 'user-joao')} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const person = userOf(context, 'user-joao');
    expect(await canvas.findByText(t('signInGuide.failures.unsupported', { name: nameOf(person) }), {}, TIMEOUT)).toBeInTheDocument();
    expect(cause(canvasElement)?.textContent).toBe(t('signInFailure.invitation_expired'));
  },
};

export const HistoryUnavailable: Story = {
  parameters: backend({ store: { userCount: 20 }, setup: ({ faults }) => faults.failNext('unavailable', { count: 1, methods: ['getAccessDiagnostics'] }) }),
  render: (args, context) => <SignInErrorGuide {...args} user={userOf(context, 'user-12')} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, TIMEOUT);
    expect(alert.textContent).toContain(t('signInGuide.failures.loadError'));
    // The paste path still works meanwhile.
    expect(canvas.getByRole('textbox', { name: t('signInGuide.paste.label') })).toBeEnabled();
    await userEvent.click(within(alert).getByRole('button', { name: t('common.retry') }));
    expect(await canvas.findAllByRole('radio', {}, TIMEOUT)).not.toHaveLength(0);
  },
};

export const Dialog: Story = {
  render: (args, context) => <SignInErrorGuideDialog defaultOpen user={userOf(context, 'user-joao')} onEditUser={args.onEditUser} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const body = within(canvasElement.ownerDocument.body);
    const person = userOf(context, 'user-joao');
    const dialog = await body.findByRole('dialog', { name: t('signInGuide.dialogTitle', { name: nameOf(person) }) }, TIMEOUT);
    await waitFor(() => expect(cause(dialog)?.textContent).toBe(t('signInFailure.invitation_pending')), TIMEOUT);
    expect(within(dialog).getByRole('textbox', { name: t('signInGuide.paste.label') })).toBeInTheDocument();
  },
};

/** The guide in its dialog for a user with several recent failures: the latest is chosen, the others a radio away. */
export const DialogWithFailures: Story = {
  render: (args, context) => <SignInErrorGuideDialog defaultOpen user={userOf(context, 'user-18')} onEditUser={args.onEditUser} />,
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const body = within(canvasElement.ownerDocument.body);
    const person = userOf(context, 'user-18');
    const dialog = await body.findByRole('dialog', { name: t('signInGuide.dialogTitle', { name: nameOf(person) }) }, TIMEOUT);
    await waitFor(() => expect(cause(dialog)?.textContent).toBe(t('signInFailure.mfa_failed')), TIMEOUT);
    expect(within(dialog).getAllByRole('radio')).toHaveLength(3);
    expect(within(dialog).getByRole('textbox', { name: t('signInGuide.paste.label') })).toBeInTheDocument();
  },
};

export const CopyFailed: Story = {
  args: { defaultMessage: 'AADSTS50105: The signed in user is not assigned to a role for the application.' },
  beforeEach: withClipboard(() => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'))),
  play: async ({ canvasElement, ...context }) => {
    const t = storyT(context);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: t('signInGuide.copy.button') }));
    const details = (await canvas.findByRole('textbox', { name: t('signInGuide.copy.manualLabel') }, TIMEOUT)) as HTMLTextAreaElement;
    expect(details.readOnly).toBe(true);
    expect(details).toHaveFocus();
    expect(details.value).toContain('AADSTS50105: The signed in user is not assigned to a role for the application.');
    expect(details.selectionEnd - details.selectionStart).toBe(details.value.length);
    expect(canvas.getByText(t('signInGuide.copy.manualHint'))).toBeInTheDocument();
  },
};
