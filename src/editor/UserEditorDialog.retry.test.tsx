import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ROLE_IDS, createFaultInjector, createMemoryAdapter, createMockStore, type FaultInjector } from '../../mocks';
import { createUserAdminI18n, getUserAdminT, type UserAdminT } from '../i18n';
import { createUserAdminQueryClient } from '../provider/queryClient';
import { UserAdminProvider } from '../provider/UserAdminProvider';
import { UserEditorDialog, type UserEditorDialogProps } from './UserEditorDialog';

type Locale = 'en' | 'fr' | 'pt';
const tOf = (locale: Locale) => getUserAdminT(createUserAdminI18n({ locale }));
const t = tOf('en');
// Typing with user-event is slow on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000 });
const WAIT = { timeout: 10_000 };

/** The provider's own QueryClient: a rate-limited load is retried after its Retry-After; a save is never retried. */
function renderEditor(props: Partial<UserEditorDialogProps>, setup: (faults: FaultInjector) => void, locale: Locale = 'en') {
  const store = createMockStore({ userCount: 40 });
  const faults = createFaultInjector();
  setup(faults);
  const adapter = createMemoryAdapter(store, { latencyMs: 0, faults });
  const createUser = vi.spyOn(adapter, 'createUser');
  const updateUser = vi.spyOn(adapter, 'updateUser');
  const onSaved = vi.fn();
  const view = render(
    <UserAdminProvider adapter={adapter} locale={locale} queryClient={createUserAdminQueryClient()}>
      <UserEditorDialog defaultOpen onSaved={onSaved} now={() => store.clock.now()} {...props} />
    </UserAdminProvider>,
  );
  return { ...view, store, faults, onSaved, createUser, updateUser, user: userEvent.setup() };
}

const input = (tr: UserAdminT, field: 'firstName' | 'lastName' | 'email') => screen.getByRole('textbox', { name: tr(`userEditor.fields.${field}`) }) as HTMLInputElement;
const notice = () => document.querySelector('[data-slot="retry-notice"]');

async function expectCountdown(tr: UserAdminT, seconds: number) {
  const text = tr('ui.retryingIn', { count: seconds });
  const dialog = await screen.findByRole('dialog', {}, WAIT);
  // What is seen (counting down), inside the dialog, and what is announced once, politely.
  expect(await within(dialog).findByText(text, { selector: '[aria-hidden]' }, WAIT)).toBeInTheDocument();
  const status = within(dialog).getByText(text, { selector: '[role="status"]' });
  expect(status).toHaveClass('uak-sr-only');
  expect(status.closest('[data-slot="retry-notice"]')).not.toBeNull();
  // Waiting, not failed.
  expect(within(dialog).queryByRole('alert')).toBeNull();
}

describe('UserEditorDialog: rate-limited', () => {
  it('given loading the user rate-limited, the dialog says when it tries again, then shows the user', async () => {
    renderEditor({ userId: 'user-jose' }, (faults) => faults.failNext('rate_limited', { methods: ['getUser'], retryAfterMs: 1500 }));
    await expectCountdown(t, 2);
    expect(screen.queryByText(t('userEditor.loadError'))).toBeNull();
    expect(await screen.findByRole('textbox', { name: t('userEditor.fields.firstName') }, WAIT)).toHaveValue('José');
    expect(notice()).toBeNull();
  });

  it('given loading the roles rate-limited, the dialog says when it tries again, then shows the form with the roles', async () => {
    renderEditor({}, (faults) => faults.failNext('rate_limited', { methods: ['listRoles'], retryAfterMs: 1500 }));
    await expectCountdown(t, 2);
    expect(screen.queryByText(t('userEditor.setupLoadError'))).toBeNull();
    await screen.findByRole('textbox', { name: t('userEditor.fields.firstName') }, WAIT);
    const roles = screen.getByRole('combobox', { name: t('userEditor.role.label') });
    expect(within(roles).getByRole('option', { name: 'User' })).toHaveValue(ROLE_IDS.user);
    expect(notice()).toBeNull();
  });

  it('given loading the modules rate-limited, in Portuguese, the countdown is translated', async () => {
    const tPt = tOf('pt');
    renderEditor({}, (faults) => faults.failNext('rate_limited', { methods: ['listModules'], retryAfterMs: 1500 }), 'pt');
    await expectCountdown(tPt, 2);
    await screen.findByRole('textbox', { name: tPt('userEditor.fields.firstName') }, WAIT);
    expect(notice()).toBeNull();
  });

  it('given a save refused as rate-limited with a Retry-After, the error says when to try again and everything typed stays', async () => {
    const { user, onSaved, createUser } = renderEditor(
      { defaultValues: { entityIds: ['entity-acme-paris'], roleId: ROLE_IDS.user } },
      (faults) => faults.failNext('rate_limited', { methods: ['createUser'], retryAfterMs: 3000 }),
    );
    await screen.findByRole('textbox', { name: t('userEditor.fields.firstName') }, WAIT);
    await user.type(input(t, 'firstName'), 'Ana');
    await user.type(input(t, 'lastName'), 'Lima');
    await user.type(input(t, 'email'), 'ana.lima@acme.fr');
    await user.click(screen.getByRole('button', { name: t('userEditor.submit.create') }));
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert).toHaveTextContent(t('errors.rateLimitedRetryIn', { count: 3 }));
    expect(alert).toHaveTextContent('Too many requests in a short time. Try again in 3 seconds.');
    expect(alert).toHaveTextContent(t('userEditor.saveFailed'));
    // Refused once, not retried behind the admin's back.
    expect(createUser).toHaveBeenCalledTimes(1);
    expect(onSaved).not.toHaveBeenCalled();
    expect(input(t, 'firstName')).toHaveValue('Ana');
    expect(input(t, 'lastName')).toHaveValue('Lima');
    expect(input(t, 'email')).toHaveValue('ana.lima@acme.fr');
    expect(screen.getByRole('combobox', { name: t('userEditor.role.label') })).toHaveValue(ROLE_IDS.user);
    // Trying again once the wait is over saves what was typed.
    await user.click(screen.getByRole('button', { name: t('userEditor.submit.create') }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1), WAIT);
    expect(onSaved.mock.calls[0]![0].user).toMatchObject({ firstName: 'Ana', lastName: 'Lima', email: 'ana.lima@acme.fr' });
  });

  it('given an edit refused as rate-limited for 1 second, in French, the error says "1 seconde" and the changed name stays', async () => {
    const tFr = tOf('fr');
    const { user, onSaved, updateUser } = renderEditor(
      { userId: 'user-jose' },
      (faults) => faults.failNext('rate_limited', { methods: ['updateUser'], retryAfterMs: 1000 }),
      'fr',
    );
    await screen.findByRole('textbox', { name: tFr('userEditor.fields.firstName') }, WAIT);
    await user.clear(input(tFr, 'firstName'));
    await user.type(input(tFr, 'firstName'), 'Pepe');
    await user.click(screen.getByRole('button', { name: tFr('userEditor.submit.edit') }));
    const alert = await screen.findByRole('alert', {}, WAIT);
    expect(alert).toHaveTextContent(tFr('errors.rateLimitedRetryIn', { count: 1 }));
    expect(alert).toHaveTextContent('Réessayez dans 1 seconde.');
    expect(updateUser).toHaveBeenCalledTimes(1);
    expect(onSaved).not.toHaveBeenCalled();
    expect(input(tFr, 'firstName')).toHaveValue('Pepe');
  });
});
