// @vitest-environment node
/**
 * The built demo under a strict Content-Security-Policy: `vite build` of demo/ into a temporary
 * folder, served by a small Node server on 127.0.0.1 with `script-src 'self'` (no inline script,
 * no eval) and `style-src 'self' 'nonce-…'` (no `unsafe-inline`: the one <style> element a dialog
 * or menu adds, Radix's scroll lock, carries the response's nonce, which the server puts in
 * `<meta property="csp-nonce">` and demo/main.tsx hands to get-nonce's `setNonce`). In Chromium:
 * the users table loads over MSW's worker, the invite dialog, the user editor and a row's menu
 * open, with no `securitypolicyviolation` event, no CSP console error, no page error, and zero axe
 * violations. The same build served without the nonce must report a violation: the check has teeth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import en from '../../src/i18n/locales/en.json';
import { chromiumArgs, chromiumPath } from '../../vite.config';
import { cspViolations, openWatched } from '../utils/csp';
import { expectNoAxeViolations, fill } from './support';

/** The policy, with `{nonce}` for the response's nonce. No `unsafe-inline`, no `unsafe-eval`. */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'nonce-{nonce}'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

let outDir: string;
let browser: Browser;
const servers: Server[] = [];

/**
 * Serves the build with the policy on every response; `withNonce: false` still sends a nonce in
 * the header but not in the page (what a host that forgets `setNonce` looks like to the browser).
 * `/__demo/backend.json` says `mock`, as the dev server's plugin does (demo/backends.ts).
 */
async function serve({ withNonce }: { withNonce: boolean }): Promise<string> {
  const index = await readFile(join(outDir, 'index.html'), 'utf8');
  const server = createServer((req, res) => {
    const nonce = randomBytes(16).toString('base64');
    const headers = { 'content-security-policy': POLICY.replace('{nonce}', nonce), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/__demo/backend.json') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.json'] }).end(JSON.stringify({ kind: 'mock' }));
      return;
    }
    const file = normalize(join(outDir, decodeURIComponent(path)));
    const html = () => {
      const meta = withNonce ? `<meta property="csp-nonce" nonce="${nonce}" />` : '';
      res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] }).end(index.replace('<head>', `<head>\n    ${meta}`));
    };
    if (path === '/' || path.endsWith('.html') || !file.startsWith(outDir + sep)) return html();
    readFile(file).then(
      (body) => res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => (extname(file) ? res.writeHead(404, headers).end() : html()),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no address');
  return `http://127.0.0.1:${address.port}/`;
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'uak-demo-csp-'));
  await build({
    configFile: fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const open = (url: string) => openWatched(browser, url);

/** axe on an open dialog or menu only (the page behind it had its full run): quicker on a busy machine. */
async function expectNoAxeViolationsIn(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('the built demo under a strict CSP', () => {
  it('builds with no inline script or style, and every response carries the policy', async () => {
    const url = await serve({ withNonce: true });
    const response = await fetch(url);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|strict-dynamic/);
    expect(policy).toMatch(/script-src 'self';/);
    const html = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}" />`);
    // Scripts by src only (no module-preload polyfill or anything else inline), styles by link only.
    expect((html.match(/<script\b[^>]*>/g) ?? []).filter((s) => !/\ssrc=/.test(s))).toEqual([]);
    expect(html).not.toMatch(/<style\b|\sstyle=/);
    const worker = await fetch(`${url}mockServiceWorker.js`);
    expect(worker.headers.get('content-security-policy')).toContain("worker-src 'self'");
  });

  it('loads the users, opens the invite dialog, the user editor and a row menu with no CSP violation, and passes axe', async () => {
    const { page, reports } = await open(await serve({ withNonce: true }));
    const table = page.getByRole('table');
    await table.waitFor({ timeout: 30_000 });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await expectNoAxeViolations(page);

    // The invite dialog: Radix's scroll lock adds its <style> with the nonce.
    await page.getByRole('button', { name: en.invite.trigger }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: en.invite.emails.label }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => [...document.querySelectorAll('style')].map((s) => Boolean(s.nonce)))).toContain(true);
    await expectNoAxeViolationsIn(page, '[role="dialog"]');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 10_000 });

    // The user editor.
    await page.getByRole('button', { name: en.userEditor.trigger }).click();
    await page.getByRole('dialog', { name: en.userEditor.title.create }).getByRole('textbox', { name: en.userEditor.fields.firstName, exact: true }).waitFor({ timeout: 15_000 });
    await expectNoAxeViolationsIn(page, '[role="dialog"]');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 10_000 });

    // A row's menu.
    await page.getByRole('button', { name: new RegExp(fill(en.actions.moreActions, { name: '' }).trim()) }).first().click();
    await page.getByRole('menuitem', { name: en.actions.edit }).waitFor({ timeout: 10_000 });
    await expectNoAxeViolationsIn(page, '[role="menu"]');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached', timeout: 10_000 });

    expect(await cspViolations(page)).toEqual([]);
    expect(reports.console.filter((m) => /Content[- ]Security[- ]Policy|Refused to/i.test(m))).toEqual([]);
    expect(reports.errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('reports a violation when the page lacks the nonce (the scroll lock <style> is refused)', async () => {
    const { page, reports } = await open(await serve({ withNonce: false }));
    await page.getByRole('table').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: en.invite.trigger }).click();
    await page.getByRole('dialog').waitFor({ timeout: 15_000 });
    await expect.poll(() => cspViolations(page), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/^style-src-elem: inline/));
    expect(reports.console.some((m) => /Content Security Policy/.test(m))).toBe(true);
    await page.context().close();
  });
});
