// @vitest-environment node
/**
 * The CSV round trip on the demo, end to end, with the keyboard alone: export the users matching
 * a search (the file is a real download), edit it as a person would (change one address, add a
 * new person), import it in the invite dialog through the file chooser, check the preview's marks
 * (the two new addresses will be invited, everyone already there is skipped and why), add them,
 * send, and check the results; axe finds nothing on the export's outcome or the preview.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import en from '../../src/i18n/locales/en.json';
import { parseCsv, toCsv } from '../../src/csv/csv';
import { chromiumArgs, chromiumPath } from '../../vite.config';
import { expectNoAxeViolations, fill, startDemo } from './support';

let server: ViteDevServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ server, url: baseUrl } = await startDemo());
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Presses Tab (or Shift+Tab) until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 80, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press(key);
  await expect(target.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
}

describe('the CSV round trip on the demo', () => {
  it('export the users matching a search, change one address and add a person, import the file in the invite dialog, check the preview, invite', async () => {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    // Listened for from the start: Chromium hands the file chooser over only once the interception is on.
    const chooserOpened = page.waitForEvent('filechooser', { timeout: 150_000 });
    chooserOpened.catch(() => undefined); // a failure before the import closes the page: not a second error
    await page.goto(baseUrl);
    await page.getByRole('table').waitFor({ timeout: 30_000 });
    await page.getByRole('searchbox').fill('martin');
    await page.locator('table[data-slot="user-list-table"]:not([aria-busy])').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await page.getByRole('table').getByRole('row').allTextContents()).slice(1).every((row) => /martin/i.test(row)), { timeout: 15_000 }).toBe(true);

    // Export, with the keyboard: Tab to the button, Enter, and the browser downloads the file.
    const exportButton = page.getByRole('button', { name: en.userList.export.button });
    await tabTo(page, exportButton);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const outcome = page.locator('[data-slot="user-list-export-outcome"]');
    await outcome.waitFor({ timeout: 30_000 });
    // The focus came back to the export button.
    await expect(exportButton.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expectNoAxeViolations(page);

    // The file: the visible columns with their headers as shown, one line per user matching the search.
    const [header, ...records] = parseCsv(text).map((record) => record.cells);
    expect(header!.slice(0, 2)).toEqual([en.users.columns.name, en.users.columns.email]);
    expect(header).toContain(en.users.columns.role);
    expect(header).toContain(en.users.columns.entities);
    // As many as the list shows for the search, and the outcome says so.
    const shown = (await page.getByRole('table').getByRole('row').count()) - 1;
    expect(records).toHaveLength(shown);
    await expect(outcome.textContent()).resolves.toContain(fill(shown === 1 ? en.userList.export.done_one : en.userList.export.done_other, { formatted: shown, file: download.suggestedFilename() }));
    const at = (column: keyof typeof en.users.columns) => header!.indexOf(en.users.columns[column]);
    for (const record of records) expect(`${record[at('name')]} ${record[at('email')]}`).toMatch(/martin/i);

    // Edit it: one person's address changes, and a new person is added with the same role and entity.
    const target = records.find((record) => ![en.userList.contact, en.users.noRole].includes(record[at('role')]!) && record[at('entities')] && !record[at('entities')]!.includes(';'));
    expect(target).toBeDefined();
    const stamp = Date.now().toString(36);
    const changed = `changed.${stamp}@acme.fr`;
    const added = `nina.${stamp}@acme.fr`;
    const newRecord = header!.map((column) =>
      column === en.users.columns.name ? 'Nina Nouvelle'
        : column === en.users.columns.email ? added
          : column === en.users.columns.role || column === en.users.columns.entities ? target![header!.indexOf(column)]! : '');
    const edited = toCsv([header!, ...records.map((record) => (record === target ? record.map((cell, i) => (i === at('email') ? changed : cell)) : record)), newRecord]);

    // Import, with the keyboard: Shift+Tab from the addresses to "Import a CSV file" just before
    // them, Enter opens the file chooser.
    await tabTo(page, page.getByRole('button', { name: en.invite.trigger }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    // The dialog puts the cursor in the address field once its form is there.
    const addresses = dialog.getByRole('textbox', { name: en.invite.emails.label });
    await expect.poll(() => addresses.evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
    const importButton = dialog.getByRole('button', { name: en.invite.csv.button });
    await tabTo(page, importButton, 10, 'Shift+Tab');
    await page.keyboard.press('Enter');
    const chooser = await chooserOpened;
    await chooser.setFiles({ name: 'users-edited.csv', mimeType: 'text/csv', buffer: Buffer.from(edited, 'utf8') });

    // The preview: the two new addresses will be invited; everyone already there is skipped, and why.
    const preview = dialog.locator('[data-slot="invite-csv-preview"]');
    await preview.waitFor({ timeout: 30_000 });
    const lines = preview.locator('[data-slot="invite-csv-line"]');
    await expect(lines.count()).resolves.toBe(records.length + 1);
    const marks = await lines.evaluateAll((rows) => rows.map((row) => ({
      email: row.children[1]!.textContent, outcome: row.getAttribute('data-outcome'), reason: row.getAttribute('data-reason'), text: row.lastElementChild!.textContent,
    })));
    for (const mark of marks) {
      if (mark.email === changed || mark.email === added) {
        expect(mark).toMatchObject({ outcome: 'invite', text: en.invite.csv.willInvite });
      } else {
        expect(mark.outcome).toBe('skip');
        expect(['already_member', 'already_invited']).toContain(mark.reason);
        expect(mark.text).toBe(fill(en.invite.csv.skippedBecause, { reason: en.invite.skipReason[mark.reason as 'already_member' | 'already_invited'] }));
      }
    }
    expect(marks.filter((mark) => mark.outcome === 'invite').map((mark) => mark.email).sort()).toEqual([added, changed].sort());
    await preview.getByText(fill(en.invite.csv.invitable_other, { count: 2 })).waitFor();
    await expectNoAxeViolations(page);

    // Add them (Tab to the button, Enter): two chips, named, with the file's role and entity chosen.
    const addButton = preview.getByRole('button', { name: fill(en.invite.csv.add_other, { count: 2 }) });
    await tabTo(page, addButton, 10);
    await page.keyboard.press('Enter');
    await dialog.getByText(fill(en.invite.csv.added_other, { count: 2 })).waitFor();
    const chips = dialog.locator('[data-slot="invite-chips"] li');
    await expect(chips.count()).resolves.toBe(2);
    await expect(chips.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining(added), expect.stringContaining(changed)]));
    await expect(dialog.getByText('Nina Nouvelle').count()).resolves.toBe(1);
    await expect(dialog.getByRole('combobox', { name: en.invite.role.label }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]!.textContent))
      .resolves.toBe(target![at('role')]);

    // The normal send, and its results.
    await dialog.getByRole('button', { name: en.invite.submit }).click();
    await dialog.getByText(fill(en.invite.result.invitedCount_other, { count: 2 })).waitFor({ timeout: 30_000 });
    const results = dialog.locator('[data-slot="invite-results"]');
    await results.getByText(added).waitFor();
    await results.getByText(changed).waitFor();
    await expectNoAxeViolations(page);

    // They are now pending invitations.
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.invitations) }).click();
    await page.getByRole('tabpanel').getByRole('searchbox').fill(stamp);
    await page.getByRole('tabpanel').getByText(added).first().waitFor({ timeout: 15_000 });
    await page.getByRole('tabpanel').getByText(changed).first().waitFor({ timeout: 15_000 });
    await page.context().close();
  }, 180_000);
});
