// @vitest-environment node
/**
 * The README's demo, end to end: the demo page served by Vite, opened in Debian's Chromium
 * through Playwright. It must list users through the hooks over the MSW-backed REST adapter,
 * switch locale without losing state, show the SSO note, and pass axe with zero violations.
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

describe('the demo page', () => {
  it('lists users through the hooks, twenty rows to a page, and passes axe', async () => {
    const page = await openDemo();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(en.demo.title);
    // A header row plus a full page of users.
    expect(await page.getByRole('table').getByRole('row').count()).toBe(21);
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 60_000);

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

  it('in Portuguese, passes axe and names the pager in Portuguese', async () => {
    const page = await openDemo('?locale=pt');
    await expect(page.getByRole('button', { name: pt.common.nextPage }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);
    await page.context().close();
  }, 60_000);

  it('enforcing SSO shows the note naming the provider', async () => {
    const page = await openDemo();
    await page.getByLabel(en.demo.ssoLabel).check();
    await expect(page.getByRole('note').textContent({ timeout: 10_000 })).resolves.toContain('Okta');
    await page.context().close();
  }, 60_000);

  it('is usable with the keyboard alone: tab to the next-page button and press Enter', async () => {
    const page = await openDemo();
    const next = page.getByRole('button', { name: en.common.nextPage });
    for (let i = 0; i < 30 && !(await next.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(next.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(en.common.pageOf.replace('{{page}}', '2').replace('{{pageCount}}', '10')).waitFor({ timeout: 10_000 });
    await page.context().close();
  }, 60_000);
});
