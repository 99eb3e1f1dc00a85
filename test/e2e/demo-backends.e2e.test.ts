// @vitest-environment node
/**
 * The demo on the real backends (`npm run demo -- --backend better-auth|scim`): the demo page
 * served by Vite with the real server mounted in it, opened in Debian's Chromium through
 * Playwright. On each, the composed UserAdmin screen must list the server's users, pass axe,
 * invite an address that the server then lists as pending, and deactivate and reactivate a user
 * (the server's own state is read back through the screen).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';
import { chromiumArgs, chromiumPath } from '../../vite.config';
import { expectNoAxeViolations, fill, inviteOne, startDemo } from './support';

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

for (const backend of ['better-auth', 'scim'] as const) {
  describe(`the demo on the ${backend} server`, () => {
    let demo: { server: ViteDevServer; url: string };
    beforeAll(async () => {
      demo = await startDemo(backend);
    }, 60_000);
    afterAll(async () => {
      await demo?.server.close();
    });

    async function open(path = ''): Promise<Page> {
      const page = await (await browser.newContext()).newPage();
      await page.goto(demo.url + path);
      await page.getByRole('table').waitFor({ timeout: 30_000 });
      return page;
    }

    it('lists the server\'s users in the composed screen, says which backend it is, and passes axe in English and French', async () => {
      const page = await open();
      await expect(page.getByText(en.demo.backend[backend]).count()).resolves.toBe(1);
      await expect.poll(() => page.getByRole('table').getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(5);
      await expectNoAxeViolations(page);
      await page.getByLabel(en.demo.localeLabel).selectOption('fr');
      await page.getByRole('heading', { level: 2, name: fr.userAdmin.title }).waitFor();
      await expectNoAxeViolations(page);
      await page.context().close();
    }, 90_000);

    it('inviting an address makes the server list it as a pending invitation', async () => {
      const page = await open();
      const address = `demo.${backend.replace('-', '')}.${Date.now().toString(36)}@acme.fr`;
      await inviteOne(page, address);
      await page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.invitations) }).click();
      await page.getByRole('tabpanel').getByRole('searchbox').fill(address);
      await page.getByRole('tabpanel').getByText(address).first().waitFor({ timeout: 15_000 });
      await expectNoAxeViolations(page);
      await page.context().close();
    }, 90_000);

    it('deactivating a user from the list changes their status on the server, and reactivating brings them back', async () => {
      const page = await open();
      await page.getByRole('tab', { name: new RegExp(`^${en.userList.views.active}`) }).click();
      // An active user other than the signed-in admin, read once the active view has loaded (the
      // rows of the previous view, such as an invitee, can still be on screen just after the click).
      await page.locator('table[data-slot="user-list-table"]:not([aria-busy])').waitFor({ timeout: 30_000 });
      const activeRow = page.locator('table[data-slot="user-list-table"] tbody tr[data-state="active"]').filter({ hasNotText: en.userList.you }).first();
      const prefix = en.actions.moreActions.replace('{{name}}', '');
      const name = (await activeRow.getByRole('button', { name: new RegExp(`^${prefix}`) }).getAttribute('aria-label'))?.replace(prefix, '') ?? '';
      expect(name).not.toBe('');
      await page.getByRole('button', { name: fill(en.actions.moreActions, { name }), exact: true }).click();
      await page.getByRole('menuitem', { name: en.actions.deactivate }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByRole('button', { name: en.actions.deactivate }).click();
      await page.getByRole('tab', { name: new RegExp(`^${en.userList.views.deactivated}`) }).click();
      const row = page.getByRole('table').getByRole('row').filter({ hasText: name });
      await row.first().waitFor({ timeout: 30_000 });
      await row.first().getByRole('button', { name: fill(en.actions.moreActions, { name }) }).click();
      await page.getByRole('menuitem', { name: en.userList.rowActions.reactivate }).click();
      const again = page.getByRole('alertdialog');
      if (await again.count()) await again.getByRole('button', { name: en.userList.rowActions.reactivate }).click();
      // The row stays in view until the list is refreshed, now marked active; a fresh load agrees.
      await page.getByText(fill(en.userList.outcome.reactivated, { name })).first().waitFor({ timeout: 30_000 });
      await expect.poll(() => row.first().textContent(), { timeout: 30_000 }).toContain(en.status.active);
      await page.reload();
      await page.getByRole('tab', { name: new RegExp(`^${en.userList.views.deactivated}`) }).click();
      await page.getByRole('tab', { name: new RegExp(`^${en.userList.views.deactivated}`), selected: true }).waitFor({ timeout: 30_000 });
      // Read once the deactivated view has loaded, or an empty table while loading would pass.
      await page.locator('table[data-slot="user-list-table"]:not([aria-busy])').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByRole('table').getByRole('row').filter({ hasText: name }).count(), { timeout: 30_000 }).toBe(0);
      await page.context().close();
    }, 180_000);
  });
}
