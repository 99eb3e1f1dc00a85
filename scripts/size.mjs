// Bundle-size benchmark: bundles each built entry as a host app would (minified, peers external),
// prints raw and gzip sizes, and fails if mock-only code (msw, the disposable-domain list, mocks/)
// leaked into an entry that must not carry it.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';

const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'vitest'];
const entries = [
  { name: 'user-admin-kit', file: 'dist/index.js', forbid: ['msw', 'disposable-email-domains', '/mocks/', 'zod/v4/classic'] },
  { name: 'user-admin-kit/headless', file: 'dist/headless.js', forbid: ['msw', 'disposable-email-domains', '/mocks/', 'zod/v4/classic'] },
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
process.exit(failed ? 1 : 0);
