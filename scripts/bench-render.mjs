/**
 * Figures, not assertions: how long the users table takes to render and to scroll when one page
 * holds 1,000 users, in real Chromium. Builds test/bench/render (production React, Vite), serves it
 * on 127.0.0.1, and loads it fresh for each run: time to the first rendered row, body rows in the
 * DOM (virtualization), scrolling to the last row, scrolling through page by page, and the
 * JS heap and DOM node counts Chromium reports (CDP Performance.getMetrics). The same with
 * virtualization off, for comparison.
 *
 * Run: node scripts/bench-render.mjs            (options: --runs 5 --users 1000)
 * Chromium: CHROMIUM_PATH, else /usr/bin/chromium.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const USERS = arg('users', 1000);
const root = fileURLToPath(new URL('../test/bench/render/', import.meta.url));
const outDir = join(tmpdir(), `uak-bench-render-${process.pid}`);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

await build({
  configFile: false,
  root,
  base: './',
  logLevel: 'warn',
  mode: 'production',
  plugins: [react()],
  build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 5000 },
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? (path === '/' ? 'text/html' : 'application/octet-stream') }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });

async function metrics(page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name) => list.find((m) => m.name === name)?.value ?? NaN;
  return { heapMb: get('JSHeapUsedSize') / 1_048_576, nodes: get('Nodes') };
}

async function run(virtualizeAbove) {
  const page = await context.newPage();
  await page.goto(`${origin}/?users=${USERS}&virtualizeAbove=${virtualizeAbove}`);
  await page.waitForFunction(() => typeof window.uakBench === 'object');
  const mount = await page.evaluate(() => window.uakBench.mount());
  const settled = await page.evaluate(() => window.uakBench.settledRows());
  const afterMount = await metrics(page);
  const toEnd = await page.evaluate(() => window.uakBench.scrollToEnd());
  const through = await page.evaluate(() => window.uakBench.scrollThrough());
  const afterScroll = await metrics(page);
  await page.close();
  return { ...mount, rows: settled.rows, ariaRowCount: settled.total, afterMount, toEnd, through, afterScroll };
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (values, digits = 0) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

const version = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
console.log(`${version}, Node ${process.version}, ${RUNS} fresh page loads per variant, ${USERS} users on one page`);
console.log('median (min–max)\n');

try {
  for (const [label, virtualizeAbove] of [['virtualized (default)', 100], ['not virtualized (virtualizeAbove: 100000)', 100_000]]) {
    // One load first, not counted: the browser's caches and compiled code, as for a returning user.
    await run(virtualizeAbove);
    const results = [];
    for (let i = 0; i < RUNS; i++) results.push(await run(virtualizeAbove));
    const col = (f, d) => summary(results.map(f), d);
    console.log(`== ${label}`);
    console.log(`first row in the DOM, ms             ${col((r) => r.firstRowInDomMs)}`);
    console.log(`first row painted, ms                ${col((r) => r.firstRowPaintedMs)}`);
    console.log(`body rows in the DOM after render    ${col((r) => r.rows)}   (aria-rowcount ${results[0].ariaRowCount})`);
    console.log(`JS heap after render, MB             ${col((r) => r.afterMount.heapMb, 1)}`);
    console.log(`DOM nodes after render               ${col((r) => r.afterMount.nodes)}`);
    console.log(`scroll to the last row, ms           ${col((r) => r.toEnd.ms)}   (frames ${col((r) => r.toEnd.frames)}, last row index ${results[0].toEnd.lastRowIndex})`);
    console.log(`scroll through, one viewport/frame   ${col((r) => r.through.ms)} ms over ${col((r) => r.through.frames)} frames`);
    console.log(`  mean frame, ms                     ${col((r) => r.through.meanFrameMs, 1)}`);
    console.log(`  longest frame, ms                  ${col((r) => r.through.maxFrameMs, 1)}`);
    console.log(`  most body rows in the DOM          ${col((r) => r.through.maxRows)}`);
    console.log(`JS heap after scrolling, MB          ${col((r) => r.afterScroll.heapMb, 1)}`);
    console.log('');
  }
} finally {
  await browser.close();
  server.close();
}
