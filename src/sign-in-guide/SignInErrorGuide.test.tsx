import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createFaultInjector, createMemoryAdapter, createMockStore, type MockStoreOptions } from '../../mocks';
import type { User, UserAdminAdapter } from '../contract/types';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import { createTestQueryClient } from '../../test/utils/test-adapter';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { SignInErrorGuide, type SignInErrorGuideProps } from './SignInErrorGuide';
import { SignInErrorGuideDialog } from './SignInErrorGuideDialog';

/*
 * With 20 users and the default seed, the mock's getAccessDiagnostics reports, newest first:
 * user-12 (deactivated): account_deactivated (req_f9bc7d78, 2026-01-12T16:00Z), then three more;
 * user-joao (invited): invitation_expired (req_13e8b70c, 2026-01-15T07:00Z), invitation_expired;
 * user-13 (active): invalid_credentials ×3; user-18 (active): mfa_failed, entity_not_granted, locked.
 */
// The first render of a file on a busy 2-core machine can take more than the default second.
configure({ asyncUtilTimeout: 10_000 });

const DEACTIVATED = 'user-12';
const INVITED = 'user-joao';
const ACTIVE = 'user-13';
const MIXED = 'user-18';

function setup(options: { store?: MockStoreOptions; withoutDiagnostics?: boolean; withoutPasswordReset?: boolean } = {}) {
  const store = createMockStore({ userCount: 20, ...options.store });
  const faults = createFaultInjector();
  let adapter: UserAdminAdapter = createMemoryAdapter(store, { latencyMs: 0, faults });
  if (options.withoutDiagnostics) {
    const { getAccessDiagnostics: _, ...rest } = adapter;
    adapter = rest;
  }
  if (options.withoutPasswordReset) {
    const { sendPasswordReset: _, ...rest } = adapter;
    adapter = rest;
  }
  return { store, faults, adapter };
}

function renderGuide(context: ReturnType<typeof setup>, props: SignInErrorGuideProps = {}, locale = 'en') {
  const user = userEvent.setup();
  const view = render(
    <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale={locale}>
      <SignInErrorGuide now={() => context.store.clock.now()} {...props} />
    </UserAdminProvider>,
  );
  return { ...view, user };
}

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replaceAll(`{{${k}}}`, String(v)), text);
const nameOf = (user: User) => `${user.firstName} ${user.lastName}`.trim() || user.email;

const cause = () => document.querySelector('[data-slot="sign-in-guide-cause"]') as HTMLElement | null;
const resolver = () => document.querySelector('[data-slot="sign-in-guide-resolver"]') as HTMLElement | null;
const steps = () => within(document.querySelector('[data-slot="sign-in-guide-steps"]') as HTMLElement).getAllByRole('listitem').map((li) => li.textContent);

function mockClipboard(writeText: ((text: string) => Promise<void>) | undefined) {
  const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  Object.defineProperty(navigator, 'clipboard', { value: writeText ? { writeText: vi.fn(writeText) } : undefined, configurable: true });
  onTestFinished(() => {
    if (original) Object.defineProperty(navigator, 'clipboard', original);
    else delete (navigator as { clipboard?: unknown }).clipboard;
  });
  return (navigator.clipboard as unknown as { writeText: ReturnType<typeof vi.fn> } | undefined)?.writeText;
}

describe('SignInErrorGuide', { timeout: 20_000 }, () => {
  it("given a deactivated user, lists their recent failures newest first, chooses the newest and explains it", async () => {
    const context = setup();
    const person = context.store.getUser({ id: DEACTIVATED });
    renderGuide(context, { user: person });
    const group = await screen.findByRole('group', { name: fill(en.signInGuide.failures.legend, { name: nameOf(person) }) });
    const radios = within(group).getAllByRole('radio');
    const failures = context.store.getAccessDiagnostics({ userId: DEACTIVATED }).failures;
    expect(radios).toHaveLength(failures.length);
    expect(radios[0]).toBeChecked();
    expect(within(group).getByText(fill(en.signInGuide.failures.requestId, { id: 'req_f9bc7d78' }))).toBeInTheDocument();
    expect(cause()?.textContent).toBe(en.signInFailure.account_deactivated);
    expect(resolver()?.textContent).toBe(en.signInGuide.resolver.admin);
    expect(steps()).toEqual([
      en.signInGuide.steps.account_deactivated.confirm,
      en.signInGuide.steps.account_deactivated.reactivate,
      fill(en.signInGuide.steps.account_deactivated.idpDisabled, { provider: en.signInGuide.providerFallback }),
    ]);
    expect(screen.getByRole('button', { name: fill(en.signInGuide.action.reactivate, { name: nameOf(person) }) })).toBeEnabled();
  });

  it('given a deactivated user, reactivating from the guide makes them active in the store and says so', async () => {
    const context = setup();
    const person = context.store.getUser({ id: DEACTIVATED });
    const { user } = renderGuide(context, { user: person });
    await user.click(await screen.findByRole('button', { name: fill(en.signInGuide.action.reactivate, { name: nameOf(person) }) }));
    const outcome = await screen.findByText(fill(en.signInGuide.action.reactivated, { name: nameOf(person) }));
    expect(context.store.getUser({ id: DEACTIVATED }).status).toBe('active');
    // The action no longer applies, and the outcome holds the focus the button had.
    expect(screen.queryByRole('button', { name: fill(en.signInGuide.action.reactivate, { name: nameOf(person) }) })).toBeNull();
    expect(outcome.closest('[data-slot="sign-in-guide-action-outcome"]')).toHaveFocus();
  });

  it('given a failing server, reactivating keeps the user deactivated, the guide as it was and the pasted message, and says why', async () => {
    const context = setup();
    const person = context.store.getUser({ id: DEACTIVATED });
    const { user } = renderGuide(context, { user: person });
    const box = screen.getByRole('textbox', { name: en.signInGuide.paste.label });
    await user.type(box, 'Account deactivated');
    context.faults.failNext('unavailable', { count: 1, methods: ['setUserStatus'] });
    const button = await screen.findByRole('button', { name: fill(en.signInGuide.action.reactivate, { name: nameOf(person) }) });
    await user.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(fill(en.signInGuide.action.failed, { reason: en.errors.unavailable }));
    expect(context.store.getUser({ id: DEACTIVATED }).status).toBe('deactivated');
    expect(box).toHaveValue('Account deactivated');
    expect(screen.getByRole('button', { name: fill(en.signInGuide.action.reactivate, { name: nameOf(person) }) })).toBeEnabled();
    expect(cause()?.textContent).toBe(en.signInFailure.account_deactivated);
  });

  it('given an invited user whose invitation expired, resends it from the guide', async () => {
    const context = setup();
    const person = context.store.getUser({ id: INVITED });
    const before = person.invitation!.sentAt;
    context.store.clock.advance(8 * 24 * 60 * 60_000); // past the 7-day validity: the invitation has expired
    const { user } = renderGuide(context, { user: person });
    await waitFor(() => expect(cause()?.textContent).toBe(en.signInFailure.invitation_expired));
    expect(resolver()?.textContent).toBe(en.signInGuide.resolver.admin);
    await user.click(screen.getByRole('button', { name: en.signInGuide.action.resendInvitation }));
    expect(await screen.findByText(fill(en.signInGuide.action.resent, { email: person.email }))).toBeInTheDocument();
    expect(context.store.getUser({ id: INVITED }).invitation!.sentAt).not.toBe(before);
  });

  it('given an active user who typed a wrong password and an adapter without sendPasswordReset, sends them to reset it and offers no admin action', async () => {
    const context = setup({ withoutPasswordReset: true });
    renderGuide(context, { user: context.store.getUser({ id: ACTIVE }) });
    await waitFor(() => expect(cause()?.textContent).toBe(en.signInFailure.invalid_credentials));
    expect(steps()).toContain(en.signInGuide.steps.invalid_credentials.resetPassword);
    expect(document.querySelector('[data-slot="sign-in-guide-action"]')).toBeNull();
    expect(screen.getByText(new RegExp(fill(en.signInGuide.diagnosis.fromFailure, { date: '' }).trim().replace(/\.$/, '')))).toBeInTheDocument();
  });

  it('given an active user who typed a wrong password, sends them a password reset link from the guide and says where it went', async () => {
    const context = setup();
    const person = context.store.getUser({ id: ACTIVE });
    const { user } = renderGuide(context, { user: person });
    await waitFor(() => expect(cause()?.textContent).toBe(en.signInFailure.invalid_credentials));
    const action = document.querySelector('[data-slot="sign-in-guide-action"]');
    expect(action?.getAttribute('data-action')).toBe('sendPasswordReset');
    await user.click(screen.getByRole('button', { name: fill(en.signInGuide.action.sendPasswordReset, { email: person.email }) }));
    expect(await screen.findByText(fill(en.signInGuide.action.passwordResetSent, { email: person.email }))).toBeInTheDocument();
    expect(context.store.sentPasswordResets().map((r) => [r.userId, r.sentTo])).toEqual([[ACTIVE, person.email]]);
    expect(context.store.getUser({ id: ACTIVE })).toEqual(person);
  });

  it('given enforced SSO, a wrong password offers no password reset: the identity provider owns passwords', async () => {
    const context = setup({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    const { user } = renderGuide(context, { user: context.store.getUser({ id: ACTIVE }) });
    await user.type(screen.getByRole('textbox', { name: en.signInGuide.paste.label }), 'Wrong email or password');
    await waitFor(() => expect(cause()?.textContent).toBe(en.signInFailure.invalid_credentials));
    expect(resolver()?.textContent).toBe(en.signInGuide.resolver.admin);
    expect(document.querySelector('[data-slot="sign-in-guide-action"]')).toBeNull();
  });

  it('given a user deactivated elsewhere meanwhile, the refused password reset says why in the admin language and sends nothing', async () => {
    const context = setup();
    const person = context.store.getUser({ id: ACTIVE });
    const { user } = renderGuide(context, { user: person });
    const button = await screen.findByRole('button', { name: fill(en.signInGuide.action.sendPasswordReset, { email: person.email }) });
    context.store.setUserStatus({ id: ACTIVE, status: 'deactivated' });
    await user.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(fill(en.signInGuide.action.failed, { reason: en.errors.reason.password_reset_not_applicable }));
    expect(context.store.sentPasswordResets()).toEqual([]);
  });

  it('choosing an older failure explains that one; for an entity failure, the host editor opens for the user', async () => {
    const context = setup();
    const person = context.store.getUser({ id: MIXED });
    const onEditUser = vi.fn();
    const { user } = renderGuide(context, { user: person, onEditUser });
    await waitFor(() => expect(cause()?.textContent).toBe(en.signInFailure.mfa_failed));
    expect(resolver()?.textContent).toBe(en.signInGuide.resolver.support);
    await user.click(screen.getAllByRole('radio')[1]!);
    expect(cause()?.textContent).toBe(en.signInFailure.entity_not_granted);
    await user.click(screen.getByRole('button', { name: fill(en.signInGuide.action.editEntities, { name: nameOf(person) }) }));
    expect(onEditUser).toHaveBeenCalledWith(expect.objectContaining({ id: MIXED }));
  });

  it('a pasted message decides over the failures, and an action shows only when it applies to the user now', async () => {
    const context = setup();
    const { user } = renderGuide(context, { user: context.store.getUser({ id: ACTIVE }) });
    await waitFor(() => expect(cause()?.textContent).toBe(en.signInFailure.invalid_credentials));
    await user.type(screen.getByRole('textbox', { name: en.signInGuide.paste.label }), 'AADSTS50057: The user account is disabled.');
    expect(cause()?.textContent).toBe(en.signInFailure.account_deactivated);
    expect(screen.getByText(new RegExp(fill(en.signInGuide.diagnosis.matched, { text: 'AADSTS50057' })))).toBeInTheDocument();
    // The user is active here: nothing to reactivate.
    expect(document.querySelector('[data-slot="sign-in-guide-action"]')).toBeNull();
  });

  it('given an adapter without diagnostics, says the backend does not report sign-ins and still diagnoses a pasted message', async () => {
    const context = setup({ withoutDiagnostics: true });
    const person = context.store.getUser({ id: DEACTIVATED });
    const { user } = renderGuide(context, { user: person });
    expect(screen.getByText(fill(en.signInGuide.failures.unsupported, { name: nameOf(person) }))).toBeInTheDocument();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByText(en.signInGuide.diagnosis.empty)).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: en.signInGuide.paste.label }), 'Conta bloqueada');
    expect(cause()?.textContent).toBe(en.signInFailure.locked);
    expect(resolver()?.textContent).toBe(en.signInGuide.resolver.support);
  });

  it('given no user and an unknown message, sends it to support with the generic steps', async () => {
    const context = setup();
    renderGuide(context, { defaultMessage: 'Something odd happened (code 0x42)' });
    expect(screen.queryByRole('radio')).toBeNull();
    expect(cause()?.textContent).toBe(en.signInGuide.diagnosis.unknownCause);
    expect(resolver()?.textContent).toBe(en.signInGuide.resolver.support);
    expect(steps()).toEqual([en.signInGuide.steps.unknown.checkStatus, en.signInGuide.steps.unknown.sendDetails]);
  });

  it("given SSO through a named provider, names that provider's administrator for an SSO error", async () => {
    const context = setup({ store: { settings: { sso: { enforced: true, providerName: 'Okta' } } } });
    renderGuide(context, { defaultMessage: 'SAML response rejected: InResponseTo mismatch' });
    await waitFor(() => expect(resolver()?.textContent).toBe(fill(en.signInGuide.resolver.identity_provider, { provider: 'Okta' })));
    expect(steps()[0]).toBe(fill(en.signInGuide.steps.sso_error.sendDetails, { provider: 'Okta' }));
  });

  it('copies the exact message, the ISO date, the email and the request id for support, and announces it', async () => {
    const context = setup();
    const person = context.store.getUser({ id: DEACTIVATED });
    const { user, container } = renderGuide(context, { user: person });
    const writeText = mockClipboard(() => Promise.resolve());
    await screen.findAllByRole('radio');
    const message = 'Connexion impossible : Compte désactivé (réf. 7Q-19)';
    await user.type(screen.getByRole('textbox', { name: en.signInGuide.paste.label }), message);
    await user.click(screen.getByRole('button', { name: en.signInGuide.copy.button }));
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = writeText!.mock.calls[0]![0] as string;
    expect(text).toContain(`${en.signInGuide.details.message}: ${message}`);
    expect(text).toContain('2026-01-12T16:00:00.000Z');
    expect(text).toContain(person.email);
    expect(text).toContain('req_f9bc7d78');
    expect(await screen.findByText(en.signInGuide.copy.copied)).toBeInTheDocument();
    expect(container.querySelector('[data-slot="announcer"]')?.textContent).toContain(en.signInGuide.copy.copied);
  });

  it('given a clipboard that refuses, shows the details selected in a read-only box to copy by hand', async () => {
    const context = setup();
    const { user } = renderGuide(context, { defaultMessage: 'Mot de passe incorrect' });
    mockClipboard(() => Promise.reject(new DOMException('Denied', 'NotAllowedError')));
    await user.click(screen.getByRole('button', { name: en.signInGuide.copy.button }));
    const details = await screen.findByRole('textbox', { name: en.signInGuide.copy.manualLabel });
    expect(details).toHaveAttribute('readonly');
    expect(details).toHaveFocus();
    const value = (details as HTMLTextAreaElement).value;
    expect(value).toContain('Mot de passe incorrect');
    expect(value).toContain(new Date(context.store.clock.now()).toISOString());
    expect((details as HTMLTextAreaElement).selectionStart).toBe(0);
    expect((details as HTMLTextAreaElement).selectionEnd).toBe(value.length);
    expect(screen.getByText(en.signInGuide.copy.manualHint)).toBeInTheDocument();
  });

  it('given no clipboard at all, falls back to the read-only box too', async () => {
    const context = setup();
    const { user } = renderGuide(context, { defaultMessage: 'Invitation expired' });
    mockClipboard(undefined);
    await user.click(screen.getByRole('button', { name: en.signInGuide.copy.button }));
    const details = (await screen.findByRole('textbox', { name: en.signInGuide.copy.manualLabel })) as HTMLTextAreaElement;
    expect(details.value).toContain(`${en.signInGuide.details.message}: Invitation expired`);
  });

  it('with nothing pasted and no user, has nothing to copy yet', () => {
    renderGuide(setup());
    expect(screen.getByRole('button', { name: en.signInGuide.copy.button })).toBeDisabled();
  });

  it('speaks French in French', async () => {
    const context = setup();
    const person = context.store.getUser({ id: DEACTIVATED });
    renderGuide(context, { user: person }, 'fr');
    await waitFor(() => expect(cause()?.textContent).toBe(fr.signInFailure.account_deactivated));
    expect(resolver()?.textContent).toBe(fr.signInGuide.resolver.admin);
    expect(screen.getByRole('textbox', { name: fr.signInGuide.paste.label })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: fr.signInGuide.copy.button })).toBeInTheDocument();
  });
});

describe('SignInErrorGuideDialog', { timeout: 20_000 }, () => {
  it("opened for a user, is titled with their name and holds the guide; closing it tells the host", async () => {
    const context = setup();
    const person = context.store.getUser({ id: INVITED });
    const onOpenChange = vi.fn();
    const user = userEvent.setup();
    render(
      <UserAdminProvider adapter={context.adapter} queryClient={createTestQueryClient()} locale="en">
        <SignInErrorGuideDialog open onOpenChange={onOpenChange} user={person} />
      </UserAdminProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: fill(en.signInGuide.dialogTitle, { name: nameOf(person) }) });
    await waitFor(() => expect(within(dialog).getAllByRole('radio').length).toBeGreaterThan(0));
    expect(within(dialog).getByRole('textbox', { name: en.signInGuide.paste.label })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: en.common.close }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });
});
