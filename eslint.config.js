// ESLint for the library, its mocks, tests, stories, demo and scripts: `npm run lint` (0 warnings).
// typescript-eslint comes from scripts/lint-toolchain, which runs it on TypeScript 5.9 (the project's
// TypeScript 7 has no JavaScript API); it must stay the first import. The rules are the non-type-
// checked recommended sets: a type-aware run needs a TypeScript program of the whole project.
import tseslint from './scripts/lint-toolchain/index.js';
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { componentFiles, noLiteralEnglishSelectors } from './scripts/eslint-no-literal-english.js';

export default tseslint.config(
  {
    ignores: ['dist/', 'test-results/', 'storybook-static/', '.vitest-attachments/', 'public/', 'etc/api/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // React Compiler diagnostics that forbid this library's latest-value ref idiom (`ref.current =
      // value` in render, read by stable callbacks; React 18 has no useEffectEvent). No compiler here.
      'react-hooks/refs': 'off',
      'react-hooks/immutability': 'off',
      // "Compilation skipped" notices (memoization the compiler cannot keep, TanStack Virtual): they only
      // matter when building with the React Compiler, which this library does not.
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/incompatible-library': 'off',
    },
  },
  { files: ['**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['**/*.tsx'],
    rules: {
      // A scrollable region is focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true }],
      // A label wrapping its control finds its text up to 5 elements deep (2 by default), past styling spans.
      'jsx-a11y/label-has-associated-control': ['error', { depth: 5 }],
    },
  },
  {
    rules: {
      // `_`-prefixed names and rest siblings are how this code drops a field or skips a parameter.
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', '.storybook/main.ts', '**/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Their page.evaluate() callbacks run in the browser.
    files: ['scripts/bench-*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['mocks/**', 'demo/**', 'stories/**', '.storybook/**', 'src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    ...componentFiles,
    rules: { 'no-restricted-syntax': ['error', ...noLiteralEnglishSelectors] },
  },
);
