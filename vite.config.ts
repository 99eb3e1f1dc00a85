/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** Debian's Chromium; no browser download works on our machines. Override with CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const browserProvider = () =>
  playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } });

/**
 * Everything the library's entries import at run time but must not bundle: every dependency and
 * peer in package.json (a dependency added later is never copied into dist by mistake, where a
 * host would get it twice), plus the test runners' own entries.
 */
const external = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  'react/jsx-runtime', 'react-dom/client', 'msw/browser', 'msw/node',
];

export default defineConfig({
  plugins: [react()],
  // The README's examples (docs/examples), run by the tests and shown in Storybook, import the
  // package by its name as a host does. The library's own sources never import it.
  resolve: {
    alias: [
      { find: /^user-admin-kit$/, replacement: `${root}src/index.ts` },
      { find: /^user-admin-kit\/headless$/, replacement: `${root}src/headless.ts` },
      { find: /^user-admin-kit\/core$/, replacement: `${root}src/core-entry.ts` },
      { find: /^user-admin-kit\/styles\.css$/, replacement: `${root}src/styles.css` },
    ],
  },
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    copyPublicDir: false,
    sourcemap: true,
    minify: false,
    lib: {
      formats: ['es'],
      entry: {
        index: `${root}src/index.ts`,
        headless: `${root}src/headless.ts`,
        core: `${root}src/core-entry.ts`,
        'adapters/rest': `${root}src/adapters/rest/index.ts`,
        'adapters/better-auth': `${root}src/adapters/better-auth/index.ts`,
        'adapters/scim': `${root}src/adapters/scim/index.ts`,
        'disposable-domains': `${root}src/disposable-domains.ts`,
        mocks: `${root}mocks/index.ts`,
        'mocks/msw': `${root}mocks/msw.ts`,
        testing: `${root}src/testing/index.ts`,
        'testing/vitest': `${root}src/testing/vitest.ts`,
      },
    },
    rolldownOptions: {
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      // One file per source module (dist/users/UserList.js…), entries keep their names. A host's
      // bundler then drops whole modules it does not use (package.json sideEffects: CSS only) and
      // keeps UserAdmin's dynamic import()s (dialogs, matrix, guide, invitations tab, fr and pt
      // messages) as chunks of their own, loaded on demand.
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          globals: true,
          include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-unit.ts'],
          // Screens render whole flows in jsdom; on a shared, loaded 2-core machine 5 s is too tight.
          testTimeout: 20_000,
          pool: 'threads',
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          globals: true,
          include: ['test/browser/**/*.browser.test.{ts,tsx}'],
          setupFiles: ['test/setup-testing-library.ts', 'test/utils/storybook-setup.ts'],
          testTimeout: 30_000,
          browser: { enabled: true, headless: true, provider: browserProvider(), instances: [{ browser: 'chromium' }], viewport: { width: 1280, height: 900 } },
        },
      },
      {
        // The adapters for real backends, against those servers started on 127.0.0.1 by the tests.
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          globals: true,
          include: ['test/integration/**/*.test.ts'],
          // Each conformance check boots a fresh seeded server; a loaded 2-core machine needs room.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        // The built package (dist) as a React Server Components host and a plain Node process see
        // it; run after `npm run build` (scripts/test-all.sh).
        extends: true,
        test: {
          name: 'dist',
          environment: 'node',
          include: ['test/built/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The Next.js App Router example, built and served by `next start` (scripts/test-all.sh
        // installs and builds it after the library's build).
        extends: true,
        test: {
          name: 'next',
          environment: 'node',
          include: ['test/next/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // Every story runs in each locale: the project sets the story's starting locale global.
      ...(['en', 'fr', 'pt'] as const).map((locale) => ({
        extends: true as const,
        plugins: [storybookTest({ configDir: `${root}.storybook`, storybookScript: 'npm run storybook -- --ci' })],
        test: {
          name: `storybook-${locale}`,
          // `provide` is per project (a Vite `define` is not: the projects share one transform cache).
          provide: { storyLocale: locale },
          // A story's waits are up to 15 s each (.storybook/preview.tsx); a whole play function gets 60 s.
          testTimeout: 60_000,
          setupFiles: ['.storybook/locale.setup.ts'],
          browser: { enabled: true, headless: true, provider: browserProvider(), instances: [{ browser: 'chromium' as const }], viewport: { width: 1280, height: 900 } },
        },
      })),
    ],
  },
});
