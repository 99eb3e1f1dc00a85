/**
 * The unit and browser suites once more, against React 18 (the package declares `react: ^18.2 || ^19`;
 * the project itself installs 19). React 18 lives in its own folder, test/react18 (`npm ci --prefix
 * test/react18`), and every import of React, by the tests, the library's sources and the
 * dependencies Vite processes, resolves there:
 *
 *   npx vitest run --config vitest.react18.config.ts --project unit-react18
 *   npx vitest run --config vitest.react18.config.ts --project browser-react18
 *
 * test/react18/react-version.test.tsx runs only here and fails unless React, ReactDOM and the JSX
 * runtime the tests get are 18's, so this run cannot quietly use 19.
 */
import { defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import base from './vite.config.js';

const react18 = fileURLToPath(new URL('./test/react18/node_modules/', import.meta.url));
if (!existsSync(`${react18}react/package.json`)) {
  throw new Error('React 18 is not installed for the tests: run `npm ci --prefix test/react18 --no-audit --no-fund` first.');
}

/** Exact specifiers only: `react-dom/client` must not become `…/react-dom/index.js/client`. */
const aliases = Object.entries({
  react: 'react/index.js',
  'react/jsx-runtime': 'react/jsx-runtime.js',
  'react/jsx-dev-runtime': 'react/jsx-dev-runtime.js',
  'react-dom': 'react-dom/index.js',
  'react-dom/client': 'react-dom/client.js',
  'react-dom/server': 'react-dom/server.browser.js',
  // @testing-library/react takes act() from here when React has none (18.2); 18.3 has React.act.
  'react-dom/test-utils': 'react-dom/test-utils.js',
  scheduler: 'scheduler/index.js',
  // CommonJS, so Node loads it as it is and its require('react') must find 18: this folder's copy.
  'use-sync-external-store/shim': 'use-sync-external-store/shim/index.js',
  'use-sync-external-store/shim/with-selector': 'use-sync-external-store/shim/with-selector.js',
}).map(([name, file]) => ({ find: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`), replacement: `${react18}${file}` }));

/**
 * In jsdom, Vitest hands dependencies to Node, which would resolve their `import 'react'` from the
 * project's node_modules, React 19. These, every dependency that imports React (the library's, the
 * tests' and Storybook's), go through Vite instead, so the aliases above apply to them. One left
 * out does not pass quietly: two Reacts in one tree fail ("Invalid hook call", "Objects are not
 * valid as a React child").
 */
const throughVite = [
  /\/node_modules\/@radix-ui\//,
  /\/node_modules\/@floating-ui\/react-dom\//,
  /\/node_modules\/@tanstack\/react-(query|table|store|virtual)\//,
  /\/node_modules\/@hookform\//,
  /\/node_modules\/react-hook-form\//,
  /\/node_modules\/react-i18next\//,
  /\/node_modules\/(react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar)\//,
  /\/node_modules\/@storybook\/(react|react-vite|react-dom-shim)\//,
  // The testing library too: user-event must share @testing-library/react's @testing-library/dom,
  // the one act() is configured on, or every click updates React outside act().
  /\/node_modules\/@testing-library\/(react|dom|user-event)\//,
];

const esmFirst = ['module', 'jsnext:main', 'jsnext'];

const projects = (base.test?.projects ?? []) as TestProjectInlineConfiguration[];
const project = (name: string) => {
  const found = projects.find((p) => p.test?.name === name);
  if (!found?.test) throw new Error(`vite.config.ts has no test project named ${name}`);
  return found;
};

const asArray = (value: string | string[] | undefined) => (value === undefined ? [] : [value].flat());

const unit = project('unit');
const browser = project('browser');

const { test: _test, ...baseWithoutTests } = base as ViteUserConfig;

export default defineConfig({
  ...baseWithoutTests,
  // Vite's pre-bundled dependencies hold the React they were built with: not 19's cache.
  cacheDir: 'node_modules/.vite-react18',
  resolve: {
    ...base.resolve,
    alias: [...aliases, ...((base.resolve?.alias ?? []) as { find: RegExp; replacement: string }[])],
    dedupe: ['react', 'react-dom', 'scheduler'],
  },
  test: {
    projects: [
      {
        ...unit,
        // ES modules first, as a bundler does: a package without `exports` (react-remove-scroll and
        // the helpers Radix's dialogs use, @testing-library/react) otherwise resolves to its CommonJS
        // `main`, which Node loads with its own require('react'): 19.
        resolve: { mainFields: esmFirst },
        environments: { ssr: { resolve: { mainFields: esmFirst } } },
        test: {
          ...unit.test,
          name: 'unit-react18',
          include: [...(unit.test!.include ?? []), 'test/react18/**/*.test.{ts,tsx}'],
          // Asserts React 19: the normal run's counterpart of test/react18/react-version.test.tsx.
          exclude: ['**/node_modules/**', 'test/unit/react-version.test.tsx'],
          setupFiles: ['test/react18/setup.ts', ...asArray(unit.test!.setupFiles)],
          server: { deps: { inline: throughVite } },
        },
      },
      {
        ...browser,
        test: {
          ...browser.test,
          name: 'browser-react18',
          include: [...(browser.test!.include ?? []), 'test/react18/**/*.test.{ts,tsx}'],
          setupFiles: ['test/react18/setup.ts', ...asArray(browser.test!.setupFiles)],
        },
      },
    ],
  },
});
