/**
 * The user editor in real Chromium: axe with zero violations in every locale and theme for its
 * main states (create a login user, a contact, edit, the email-change confirmation, SSO, a
 * read-only group user), and a whole creation with the keyboard alone (real key presses). Each
 * state is a story of stories/UserEditor.stories.tsx, rendered with its backend, providers, locale
 * and theme.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, within, waitFor } from '@testing-library/react';
import { ROLE_IDS } from '../../mocks';
import type { UserAdminT } from '../../src/i18n';
import * as stories from '../../stories/UserEditor.stories';
import { tFor, itHasNoAxeViolations, type AxeState } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };

async function openForm(t: UserAdminT) {
  const dialog = await screen.findByRole('dialog', {}, TIMEOUT);
  await within(dialog).findByRole('textbox', { name: t('userEditor.fields.firstName') }, TIMEOUT);
  return dialog;
}

const STATES: Record<string, AxeState> = {
  'creating a login user, with an admin role chosen': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).CreateLogin, { args: { defaultValues: { roleId: ROLE_IDS.admin, entityIds: ['entity-acme-paris'] } } });
    const dialog = await openForm(t);
    return { container, check: () => expect(within(dialog).getByRole('group', { name: t('userEditor.adminScope.legend') })).toBeTruthy() };
  },
  'creating a contact': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).CreateContact);
    const dialog = await openForm(t);
    return { container, check: () => expect((within(dialog).getByRole('radio', { name: t('userEditor.kind.contact') }) as HTMLInputElement).checked).toBe(true) };
  },
  'editing a user, after a refused save': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).EditSaveFailure);
    const dialog = await openForm(t);
    const first = within(dialog).getByRole('textbox', { name: t('userEditor.fields.firstName') });
    await userEvent.fill(first, 'Karima');
    await userEvent.click(within(dialog).getByRole('button', { name: t('userEditor.submit.edit') }));
    const alert = await within(dialog).findByRole('alert', {}, TIMEOUT);
    return { container, check: () => expect(alert.textContent).toContain(t('errors.unavailable')) };
  },
  'the email-change confirmation': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).EditEmailChange);
    const dialog = await openForm(t);
    await userEvent.fill(within(dialog).getByRole('textbox', { name: t('userEditor.fields.email') }), 'jose.new@acme.es');
    await userEvent.click(within(dialog).getByRole('button', { name: t('userEditor.submit.edit') }));
    const confirm = await screen.findByRole('alertdialog', {}, TIMEOUT);
    return { container, check: () => expect(within(confirm).getByRole('button', { name: t('userEditor.emailChange.confirm') })).toBeTruthy() };
  },
  'the awaiting-confirmation state after an email change': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).EditEmailChange);
    const dialog = await openForm(t);
    await userEvent.fill(within(dialog).getByRole('textbox', { name: t('userEditor.fields.email') }), 'jose.new@acme.es');
    await userEvent.click(within(dialog).getByRole('button', { name: t('userEditor.submit.edit') }));
    const confirm = await screen.findByRole('alertdialog', {}, TIMEOUT);
    await userEvent.click(within(confirm).getByRole('button', { name: t('userEditor.emailChange.confirm') }));
    await within(dialog).findByText(t('userEditor.pendingEmail', { email: 'jose.new@acme.es' }), { exact: false }, TIMEOUT);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), TIMEOUT);
    return { container, check: () => expect(within(dialog).getByText(t('userEditor.result.registrationRequestSent', { email: 'jose.new@acme.es' }))).toBeTruthy() };
  },
  'creating under enforced SSO': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).SsoEnforcedCreate);
    const dialog = await openForm(t);
    return { container, check: () => expect((within(dialog).getByRole('radio', { name: t('userEditor.kind.login') }) as HTMLInputElement).disabled).toBe(true) };
  },
  'editing a user created by SSO': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).EditSsoUser);
    const dialog = await openForm(t);
    return { container, check: () => expect(within(dialog).getByText(t('userEditor.readOnly.sso', { provider: 'Okta' }))).toBeTruthy() };
  },
  'a group user at entity level (read-only profile)': async (o) => {
    const t = tFor(o.locale);
    const { container } = await renderStory(storiesIn(stories, o).GroupUserAtEntityLevel);
    const dialog = await openForm(t);
    return { container, check: () => expect(within(dialog).getByText(t('userEditor.readOnly.groupProfile'))).toBeTruthy() };
  },
};

describe('the user editor in Chromium', () => {
  itHasNoAxeViolations(STATES);

  it('with the keyboard alone, a person opens the editor, fills a login user, picks a role and an entity, and creates them', async () => {
    const t = tFor('en');
    const { store } = await renderStory(storiesIn(stories).Closed);
    const trigger = await screen.findByRole('button', { name: t('userEditor.trigger') }, TIMEOUT);
    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(trigger);
    await userEvent.keyboard('{Enter}');
    const dialog = await openForm(t);
    // The cursor starts in the form: on the kind, login user chosen.
    const login = within(dialog).getByRole('radio', { name: t('userEditor.kind.login') });
    await waitFor(() => expect(document.activeElement).toBe(login), TIMEOUT);

    await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: t('userEditor.fields.firstName') }));
    await userEvent.keyboard('Ana{Tab}Lima{Tab}ana.keyboard@acme.fr{Tab}{Tab}');
    const role = within(dialog).getByRole('combobox', { name: t('userEditor.role.label') }) as HTMLSelectElement;
    expect(document.activeElement).toBe(role);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(role.value).toBe(ROLE_IDS.communication));

    // On to the entity picker: Enter opens it in the search field; the tree follows with ArrowDown.
    const picker = within(dialog).getByRole('button', { name: new RegExp(t('userEditor.entities.label')) });
    for (let i = 0; i < 10 && document.activeElement !== picker; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(picker);
    await userEvent.keyboard('{Enter}');
    const tree = await within(dialog).findByRole('tree', { name: t('userEditor.entities.label') }, TIMEOUT);
    await userEvent.keyboard('{ArrowDown}');
    const first = within(tree).getAllByRole('treeitem')[0]!;
    await waitFor(() => expect(document.activeElement).toBe(first));
    await userEvent.keyboard('{Space}');
    await waitFor(() => expect(first.getAttribute('aria-checked')).toBe('true'));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(picker));
    expect(screen.getByRole('dialog', { name: t('userEditor.title.create') })).toBeTruthy();

    // On to the create button, with Tab only, and create with Enter.
    const submit = within(dialog).getByRole('button', { name: t('userEditor.submit.create') });
    for (let i = 0; i < 40 && document.activeElement !== submit; i++) await userEvent.keyboard('{Tab}');
    expect(document.activeElement).toBe(submit);
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), TIMEOUT);
    const created = store.listUsers({ pageIndex: 0, pageSize: 10, search: 'ana.keyboard@acme.fr' }).items[0];
    expect(created).toMatchObject({ kind: 'login', status: 'invited', roleId: ROLE_IDS.communication, firstName: 'Ana', lastName: 'Lima' });
    expect(created!.entityIds).toHaveLength(1);
    // Focus goes back to the button that opened the editor.
    await waitFor(() => expect(document.activeElement).toBe(trigger));
  });
});
