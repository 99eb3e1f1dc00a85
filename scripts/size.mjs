// Bundle-size benchmark: bundles each built entry as a host app would (minified, peers external),
// prints raw and gzip sizes, and fails if mock-only code (msw, the disposable-domain list, mocks/)
// leaked into an entry that must not carry it.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'vitest'];
const entries = [
  { name: 'user-admin-kit', file: 'dist/index.js', forbid: ['msw', 'disposable-email-domains', '/mocks/', 'zod/v4/classic'] },
  { name: 'user-admin-kit/headless', file: 'dist/headless.js', forbid: ['msw', 'disposable-email-domains', '/mocks/', 'zod/v4/classic'] },
  // The rules alone, for a server: nothing of React, TanStack or Radix.
  { name: 'user-admin-kit/core', file: 'dist/core.js', forbid: ['msw', 'disposable-email-domains', '/mocks/', 'zod/v4/classic', 'node_modules/react', '@tanstack', '@radix-ui'] },
  { name: 'user-admin-kit/adapters/rest', file: 'dist/adapters/rest.js', forbid: ['msw', 'disposable-email-domains', '/mocks/'] },
  // The real-backend adapters talk HTTP: none of the backend's own packages may be bundled, nor
  // the complete disposable-domain list (opt-in, from user-admin-kit/disposable-domains).
  ...['better-auth', 'scim'].map((a) => ({
    name: `user-admin-kit/adapters/${a}`, file: `dist/adapters/${a}.js`,
    forbid: ['msw', '/mocks/', 'disposable-email-domains', 'node_modules/better-auth', 'node_modules/scimmy', 'node_modules/express', 'zod/v4/classic'],
  })),
  // The opt-in entry itself, then the list it downloads on its first check.
  { name: 'user-admin-kit/disposable-domains', file: 'dist/disposable-domains.js', external: ['disposable-email-domains'], forbid: ['msw', '/mocks/'] },
  { name: 'disposable-email-domains (downloaded by that entry on its first check)', file: 'node_modules/disposable-email-domains/index.json', forbid: [] },
];
let failed = false;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// Dependencies stay imports in dist (vite.config.ts makes every one external): a copy of one in
// dist would reach a host twice, beside the one its bundler resolves from node_modules.
const vendored = ['dist/node_modules', 'dist/_virtual'].filter((d) => existsSync(d));
if (vendored.length) { console.log(`size: dist must not contain dependencies' code: ${vendored.join(', ')}`); failed = true; }
for (const e of entries) {
  if (!existsSync(e.file)) { console.log(`size: ${e.file} missing (run npm run build)`); failed = true; continue; }
  const out = await build({
    entryPoints: [e.file], bundle: true, minify: true, format: 'esm', write: false, metafile: true,
    external: [...peers, ...(e.external ?? [])], platform: 'browser', logLevel: 'silent', define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = out.outputFiles[0].contents;
  const inputs = Object.keys(out.metafile.inputs);
  const leaked = e.forbid.filter((f) => inputs.some((i) => i.includes(f)));
  const deps = [...new Set(inputs.map((i) => i.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]).filter(Boolean))].sort();
  console.log(`size: ${e.name}: ${kb(code.length)} min, ${kb(gzipSync(code, { level: 9 }).length)} gzip; bundled deps: ${deps.join(', ') || 'none'}`);
  if (leaked.length) { console.log(`size: ${e.name} must not contain ${leaked.join(', ')}`); failed = true; }
}

// What a host pays: a tiny app rendering <UserAdminProvider><UserAdmin /></UserAdminProvider> in
// English (React external, @tanstack/react-query bundled). The first screen is what loads before
// any dynamic import() runs: the same bundle with every dynamically imported module left out (the
// dialogs, the matrix, the guide, the invitations tab, fr and pt). esbuild's own code splitting is
// not used for it: it hoists code that only the lazy chunks need into chunks the entry imports.
// The whole kit is every chunk of a code-split bundle of the same app.
const hostPeers = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime'];
const deferDynamicImports = {
  name: 'defer-dynamic-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};
async function hostBundle() {
  const dir = mkdtempSync(join(tmpdir(), 'uak-size-'));
  try {
    writeFileSync(join(dir, 'host.js'), [
      "import { createElement as h } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import { UserAdminProvider, UserAdmin } from 'user-admin-kit';",
      "createRoot(document.getElementById('root')).render(h(UserAdminProvider, { adapter: globalThis.adapter }, h(UserAdmin)));",
    ].join('\n'));
    const common = {
      entryPoints: [join(dir, 'host.js')], bundle: true, minify: true, format: 'esm', write: false, metafile: true,
      external: hostPeers, platform: 'browser', logLevel: 'silent',
      alias: { 'user-admin-kit': resolve('dist/index.js') }, nodePaths: [resolve('node_modules')],
      define: { 'process.env.NODE_ENV': '"production"' },
    };
    const first = await build({ ...common, plugins: [deferDynamicImports] });
    const all = await build({ ...common, splitting: true, outdir: join(dir, 'out') });
    // The whole kit in one file (esbuild inlines dynamic imports without splitting): what it weighs
    // when nothing is split, with the three locales, and with English only (fr and pt left out).
    const one = await build({ ...common, metafile: false });
    const dropLocales = {
      name: 'drop-fr-pt',
      setup(b) {
        b.onResolve({ filter: /locales\/(fr|pt)\.js$/ }, (args) => ({ path: args.path, external: true }));
      },
    };
    const oneEn = await build({ ...common, metafile: false, plugins: [dropLocales] });
    const gz = (files) => files.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
    const min = (files) => files.reduce((n, f) => n + f.contents.length, 0);
    const byDep = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(Object.values(first.metafile.outputs)[0].inputs)) {
      const dep = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (input.includes('/locales/') ? 'user-admin-kit (en messages)' : 'user-admin-kit');
      byDep.set(dep, (byDep.get(dep) ?? 0) + bytesInOutput);
    }
    // What each heavy dependency weighs on the first screen under gzip: the bundle without it, subtracted.
    const weighs = [];
    const groups = {
      'Radix (menu, dialog) + floating-ui + scroll lock': ['@radix-ui/*', '@floating-ui/*', 'react-remove-scroll', 'react-remove-scroll-bar', 'aria-hidden'],
      '@tanstack/table-core': ['@tanstack/table-core', '@tanstack/react-table'],
      '@tanstack/virtual-core': ['@tanstack/virtual-core', '@tanstack/react-virtual'], '@tanstack/react-query': ['@tanstack/react-query'],
    };
    for (const [name, without] of Object.entries(groups)) {
      const rest = await build({ ...common, metafile: false, external: [...hostPeers, ...without], plugins: [deferDynamicImports] });
      weighs.push([name, gz(first.outputFiles) - gz(rest.outputFiles)]);
    }
    const lazy = Object.values(all.metafile.outputs).filter((o) => o.entryPoint && !o.entryPoint.endsWith('host.js')).length;
    return { first: first.outputFiles, all: all.outputFiles.filter((f) => f.path.endsWith('.js')), one: one.outputFiles, oneEn: oneEn.outputFiles, gz, min, byDep, lazy, weighs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (existsSync('dist/index.js')) {
  const { first, all, one, oneEn, gz, min, byDep, lazy, weighs } = await hostBundle();
  const css = existsSync('dist/styles.css') ? gzipSync(readFileSync('dist/styles.css'), { level: 9 }).length : 0;
  console.log(`size: first screen (provider + UserAdmin, en, React Query bundled, React external): ${kb(gz(first))} gzip JS (${kb(min(first))} min) + ${kb(css)} gzip CSS = ${kb(gz(first) + css)}`);
  console.log(`size: first screen by package (min): ${[...byDep].filter(([, n]) => n >= 512).sort((a, b) => b[1] - a[1]).map(([d, n]) => `${d} ${kb(n)}`).join(', ')}`);
  console.log(`size: first screen, gzip weight of: ${weighs.map(([d, n]) => `${d} ${kb(n)}`).join(', ')}`);
  console.log(`size: whole kit (${all.length} chunks, ${lazy} loaded on demand): ${kb(gz(all))} gzip JS (${kb(min(all))} min) + ${kb(css)} gzip CSS = ${kb(gz(all) + css)}`);
  console.log(`size: whole kit in one file: en, fr, pt ${kb(gz(one) + css)} gzip JS + CSS (${kb(min(one))} min JS); English only ${kb(gz(oneEn) + css)} (${kb(min(oneEn))} min JS)`);
}
process.exit(failed ? 1 : 0);
