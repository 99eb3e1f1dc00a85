// @vitest-environment node
/**
 * The README's demo, end to end: the demo page served by Vite, opened in Debian's Chromium
 * through Playwright. It shows the composed UserAdmin screen over the MSW-backed REST adapter:
 * it must list users, invite someone and show them in both tabs, switch locale without losing
 * state, follow the SSO toggle, work with the keyboard alone, and pass axe with zero violations
 * in every locale, with the invite dialog open too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import en from '../../src/i18n/locales/en.json';
import fr from '../../src/i18n/locales/fr.json';
import pt from '../../src/i18n/locales/pt.json';
import { chromiumArgs, chromiumPath } from '../../vite.config';

let server: ViteDevServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  server = await createServer({
    configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'error',
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the demo server has no address');
  baseUrl = `http://127.0.0.1:${address.port}/`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDemo(path = ''): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(baseUrl + path);
  await page.getByRole('table').waitFor({ timeout: 30_000 });
  return page;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

const messages = { en, fr, pt } as const;
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

describe('the demo page', () => {
  for (const locale of ['en', 'fr', 'pt'] as const) {
    it(`in ${locale}, shows the composed screen with both tabs and passes axe on the users, the open invite dialog and the invitations`, async () => {
      const m = messages[locale];
      const page = await openDemo(`?locale=${locale}`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(m.demo.title);
      await expect(page.getByRole('heading', { level: 2, name: m.userAdmin.title }).count()).resolves.toBe(1);
      const tabs = page.getByRole('tablist', { name: m.userAdmin.tabsLabel }).getByRole('tab');
      await expect(tabs.count()).resolves.toBe(2);
      await expect(page.getByRole('tab', { name: new RegExp(m.userAdmin.tabs.users) }).getAttribute('aria-selected')).resolves.toBe('true');
      // A header row plus some users.
      expect(await page.getByRole('table').getByRole('row').count()).toBeGreaterThan(5);
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: m.invite.trigger }).click();
      await page.getByRole('dialog').waitFor();
      await expectNoAxeViolations(page);
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: new RegExp(m.userAdmin.tabs.invitations) }).click();
      await page.getByRole('tabpanel', { name: new RegExp(m.userAdmin.tabs.invitations) }).getByRole('table').waitFor({ timeout: 10_000 });
      await expectNoAxeViolations(page);
      await page.context().close();
    }, 90_000);
  }

  it('inviting someone named in the paste shows them in Pending invitations and among the users', async () => {
    const page = await openDemo();
    await page.getByRole('button', { name: en.invite.trigger }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: en.invite.emails.label }).fill('Zoé Demo <zoe.demo@acme.fr>,');
    await dialog.getByRole('combobox', { name: en.invite.role.label }).selectOption({ index: 1 });
    const list = dialog.getByRole('listbox', { name: en.invite.entities.list });
    await list.getByRole('option').first().click();
    await dialog.getByRole('button', { name: en.invite.submit }).click();
    await dialog.getByText(fill(en.invite.result.invitedCount_one, { count: 1 })).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.invitations) }).click();
    await page.getByRole('tabpanel').getByText('zoe.demo@acme.fr').first().waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.users) }).click();
    await page.getByRole('tab', { name: new RegExp(en.userList.views.invited) }).click();
    await page.getByRole('searchbox').fill('zoe.demo');
    // The name typed with the address reached the new user.
    await page.getByRole('tabpanel').getByRole('table').getByText('Zoé Demo').first().waitFor({ timeout: 10_000 });
    await page.context().close();
  }, 90_000);

  it('given a search typed, switching to French keeps it and translates the page', async () => {
    const page = await openDemo();
    const search = page.getByRole('searchbox');
    await search.fill('martin');
    await page.getByLabel(en.demo.localeLabel).selectOption('fr');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(fr.demo.title);
    await expect(page.getByRole('searchbox').inputValue()).resolves.toBe('martin');
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 60_000);

  it('enforcing SSO disables inviting and says users are created at their first sign-in', async () => {
    const page = await openDemo();
    await page.getByLabel(en.demo.ssoLabel).check();
    const trigger = page.getByRole('button', { name: en.invite.trigger });
    await expect.poll(() => trigger.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('true');
    await expect(page.getByText(fill(en.settings.ssoEnforced, { provider: 'Okta' })).count()).resolves.toBeGreaterThan(0);
    await trigger.click({ force: true });
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 60_000);

  it('is usable with the keyboard alone: tab to Invite, open it with Enter, close it with Escape', async () => {
    const page = await openDemo();
    const invite = page.getByRole('button', { name: en.invite.trigger });
    for (let i = 0; i < 40 && !(await invite.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(invite.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await expect(page.getByRole('textbox', { name: en.invite.emails.label }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    // Focus returns to the trigger, then the tabs are reachable and switch with the arrows.
    await expect(invite.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: new RegExp(en.userAdmin.tabs.invitations) }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.context().close();
  }, 60_000);
});
