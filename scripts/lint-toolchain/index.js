/**
 * typescript-eslint for this repository, on TypeScript 5.9 while the project compiles with TypeScript 7.
 *
 * Why: typescript-eslint parses through TypeScript's JavaScript API (`require('typescript')`, peer range
 * `>=4.8.4 <6.1.0`), and TypeScript 7, the project's compiler (`node_modules/typescript`), is a native
 * binary with no JavaScript API. So the lint toolchain gets its own TypeScript:
 *
 * - This folder is a local package (`"user-admin-kit-lint-toolchain": "file:scripts/lint-toolchain"` in
 *   the root devDependencies) that depends on `typescript@~5.9` and `typescript-eslint`. The name
 *   `typescript` is taken at the root by TypeScript 7, so npm installs 5.9 here, in
 *   `scripts/lint-toolchain/node_modules`, with typescript-eslint's packages beside it: their peer is
 *   met for real (no `--legacy-peer-deps`, no overrides), and TypeScript 5's `tsc` bin stays in this
 *   folder's `.bin` instead of competing with TypeScript 7's in the root `node_modules/.bin` (a root
 *   alias such as `typescript-5@npm:typescript@~5.9` links both to `node_modules/.bin/tsc`, and
 *   whichever npm links first wins).
 * - One package escapes the nesting: `ts-api-utils` (typescript-estree requires it at load) has an
 *   open-ended peer (`typescript >=4.8.4`) that TypeScript 7 meets, so npm hoists it to the root, where
 *   its `require('typescript')` would find TypeScript 7 and fail. Hence the redirect below: in the
 *   ESLint process, every request for `typescript` resolves to the 5.9 copy here. It is installed
 *   before typescript-eslint is first required, and this module is the first import of
 *   eslint.config.js, so `npx eslint`, `npm run lint` and editors all get it with no wrapper.
 *
 * `npm run typecheck` and the build keep TypeScript 7; nothing outside ESLint loads this file.
 */
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const typescript5 = require.resolve('typescript');
const { version } = require('typescript/package.json');
if (!/^5\./.test(version)) throw new Error(`scripts/lint-toolchain expected TypeScript 5 for typescript-eslint, found ${version} at ${typescript5}`);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveTypescript5(request, ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? typescript5 : request, ...rest);
};

/** The `typescript-eslint` module (configs, parser, plugin, `config()`), loaded on TypeScript 5.9. */
export default require('typescript-eslint');
