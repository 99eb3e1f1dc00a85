/**
 * The CSV export and import in real Chromium: axe with zero violations in every locale and theme
 * for the export in progress (with its cancel), cancelled and failed, and for the invite dialog's
 * import preview and a file it cannot import. The states are the stories of
 * stories/UserList.stories.tsx and stories/InviteDialog.stories.tsx, with their backends.
 */
import { describe, expect } from 'vitest';
import { userEvent } from 'vitest/browser';
import { screen, waitFor, within } from '@testing-library/react';
import { ROLE_IDS } from '../../mocks';
import type { UserAdminT } from '../../src/i18n';
import * as inviteStories from '../../stories/InviteDialog.stories';
import * as listStories from '../../stories/UserList.stories';
import { itHasNoAxeViolations, tFor, type AxeState } from '../utils/browser';
import { renderStory, storiesIn } from '../utils/stories';

const TIMEOUT = { timeout: 10_000 };

async function listWithExport(o: Parameters<AxeState>[0]) {
  const t = tFor(o.locale);
  const view = await renderStory(storiesIn(listStories, o).FixtureUsers);
  const table = await screen.findByRole('table', {}, TIMEOUT);
  await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1), TIMEOUT);
  return { ...view, t, button: screen.getByRole('button', { name: t('userList.export.button') }) };
}

async function importFile(t: UserAdminT, text: string) {
  const dialog = await screen.findByRole('dialog', {}, TIMEOUT);
  await within(dialog).findByRole('button', { name: t('invite.csv.button') }, TIMEOUT);
  const input = dialog.querySelector<HTMLInputElement>('[data-slot="invite-csv-file"]')!;
  const files = new DataTransfer();
  files.items.add(new File([text], 'people.csv', { type: 'text/csv' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return dialog;
}

const FILE = [
  'Email,First name,Last name,Role,Entities',
  `new.person@acme.fr,New,Person,${ROLE_IDS.user},Acme France SAS`,
  'jose.garcia@acme.es,José,Garcia,,',
  'not-an-address,,,,',
  ',No,Address,,',
  'pilot@acme.fr,,,Pilot,',
  'nowhere@acme.fr,,,,Nowhere Ltd',
].join('\r\n');

const STATES: Record<string, AxeState> = {
  'the export in progress, with its cancel': async (o) => {
    const { container, faults, t, button } = await listWithExport(o);
    faults.setLatency(60_000);
    await userEvent.click(button);
    const cancel = await screen.findByRole('button', { name: t('userList.export.cancel') }, TIMEOUT);
    // The total shows once the export's code (loaded on demand) has started reading.
    await screen.findByText(t('userList.export.progress', { count: 7, formatted: '7', done: '0' }), {}, TIMEOUT);
    return {
      container,
      check: () => {
        expect(screen.getByRole('progressbar', { name: t('userList.export.progressLabel') })).toBeTruthy();
        // The seven fixed users, none read yet.
        expect(screen.getByText(t('userList.export.progress', { count: 7, formatted: '7', done: '0' }))).toBeTruthy();
        // The focus moved to Cancel, the button it replaces as the way on.
        expect(document.activeElement).toBe(cancel);
      },
    };
  },
  'a cancelled export': async (o) => {
    const { container, faults, t, button } = await listWithExport(o);
    faults.setLatency(60_000);
    await userEvent.click(button);
    await userEvent.click(await screen.findByRole('button', { name: t('userList.export.cancel') }, TIMEOUT));
    await screen.findByText(t('userList.export.cancelled'), {}, TIMEOUT);
    return { container, check: () => expect(document.activeElement).toBe(button) };
  },
  'a failed export': async (o) => {
    const { container, faults, t, button } = await listWithExport(o);
    faults.failNext('unavailable', { methods: ['listUsers'], count: 5 });
    await userEvent.click(button);
    const alert = await screen.findByRole('alert', {}, TIMEOUT);
    return { container, check: () => expect(alert.textContent).toContain(t('userList.export.failed', { reason: '' }).trim()) };
  },
  'the import preview': async (o) => {
    const t = tFor(o.locale);
    await renderStory(storiesIn(inviteStories, o).Open);
    const dialog = await importFile(t, FILE);
    const preview = await within(dialog).findByRole('table', { name: t('invite.csv.previewTitle', { file: 'people.csv' }) }, TIMEOUT);
    return {
      container: document.body,
      check: () => {
        const outcomes = within(preview).getAllByRole('row').slice(1).map((row) => row.getAttribute('data-reason') ?? 'invite');
        expect(outcomes).toEqual(['invite', 'already_member', 'invalid', 'missing_email', 'unknown_role', 'unknown_entity']);
        expect(within(dialog).getByText(`${t('invite.csv.invitable', { count: 1 })} ${t('invite.csv.skipped', { count: 5 })}`)).toBeTruthy();
      },
    };
  },
  'a file it cannot import': async (o) => {
    const t = tFor(o.locale);
    await renderStory(storiesIn(inviteStories, o).Open);
    const dialog = await importFile(t, 'Name,Phone\r\nAna,123\r\n');
    const alert = await within(dialog).findByRole('alert', {}, TIMEOUT);
    return { container: document.body, check: () => expect(alert.textContent).toContain(t('invite.csv.error.no_email_column')) };
  },
};

describe('the CSV export and import in Chromium', { timeout: 40_000 }, () => {
  itHasNoAxeViolations(STATES);
});
