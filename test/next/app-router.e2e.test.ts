// @vitest-environment node
/**
 * The Next.js App Router example (examples/next-app-router), built with `next build` and served by
 * `next start` on 127.0.0.1, in Debian's Chromium: the first screen is in the server's HTML (the
 * page prefetched it), the page hydrates (a click opens the invite dialog) with no hydration
 * error, its strict Content-Security-Policy (a nonce, no `unsafe-inline`) is never violated, and
 * axe finds nothing, with the dialog open too.
 *
 * scripts/test-all.sh installs and builds the example first (after the library's build); alone:
 * `npm run build && (cd examples/next-app-router && npm ci && npx next build) && npx vitest run --project next`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import en from '../../src/i18n/locales/en.json';
import { chromiumArgs, chromiumPath } from '../../vite.config';
import { cspViolations, openWatched } from '../utils/csp';
import { expectNoAxeViolations } from '../e2e/support';
import { createMemoryAdapter, createMockStore } from '../../mocks';
import { DEFAULT_PAGE_SIZE } from '../../src/query/options';

const app = fileURLToPath(new URL('../../examples/next-app-router/', import.meta.url));
let server: ChildProcess | undefined;
let serverLog = '';
let browser: Browser;
let baseUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (server?.exitCode !== null) throw new Error(`next start exited (${server?.exitCode}):\n${serverLog}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`next start did not answer in ${timeoutMs} ms:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (!existsSync(`${app}.next/BUILD_ID`)) throw new Error('the example is not built: (cd examples/next-app-router && npm ci && npx next build)');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}/`;
  server = spawn(process.execPath, [`${app}node_modules/next/dist/bin/next`, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: app,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  await waitForServer(baseUrl, 45_000);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  // Stopped by its PID.
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    process.kill(server.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null && server.signalCode === null) process.kill(server.pid, 'SIGKILL');
  }
});

const openPage = () => openWatched(browser, baseUrl);

describe('the Next.js App Router example', () => {
  it('serves the first users page in its HTML, under a nonce-based CSP with no unsafe-inline', async () => {
    const response = await fetch(baseUrl);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).toMatch(/style-src 'self' 'nonce-[^']+'/);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const html = await response.text();
    // Prefetched on the server: the table's rows (and its header row) are in the HTML, the seeded
    // store's first page (the example's store: the default seed and clock).
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    const firstPage = await createMemoryAdapter(createMockStore()).listUsers({ pageIndex: 0, pageSize: DEFAULT_PAGE_SIZE });
    expect(table.match(/<tr[\s>]/g)?.length).toBe(firstPage.items.length + 1);
    expect(firstPage.items.map((u) => u.email).filter((email) => !table.includes(`>${email}<`))).toEqual([]);
    // Every script carries the request's nonce.
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
  });

  it('hydrates with no mismatch and no CSP violation: the invite dialog opens on a click, and axe finds nothing', async () => {
    const { page, reports } = await openPage();
    await page.getByRole('table').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('table').getByRole('row').count()).toBe(DEFAULT_PAGE_SIZE + 1);
    // A click does something only once React has hydrated the button: retry until the dialog opens.
    const dialog = page.getByRole('dialog');
    for (let attempt = 0; ; attempt++) {
      await page.getByRole('button', { name: en.invite.trigger }).click();
      try {
        await dialog.waitFor({ timeout: 2_000 });
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
      }
    }
    await dialog.getByRole('textbox', { name: en.invite.emails.label }).waitFor({ timeout: 15_000 });
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await expectNoAxeViolations(page);

    expect(await cspViolations(page)).toEqual([]);
    expect(reports.errors).toEqual([]);
    // Hydration errors ("Hydration failed…", "…did not match", React's minified #418/#423/#425) and
    // CSP refusals ("Refused to…") reach the console as errors: none at all.
    expect(reports.console).toEqual([]);
    await page.context().close();
  }, 90_000);
});
