// @vitest-environment node
/**
 * The public API is bounded (docs/api.md): every entry names its exports itself (no `export *`),
 * the main entry carries every headless name, and the helpers that are internal stay so. The
 * names with their signatures are in etc/api/*.api.md, checked by `npm run api:check`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as main from '../../src';
import * as headless from '../../src/headless';
import * as core from '../../src/core-entry';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { types?: string }> };

/** Each entry's source file, from its declarations' path in package.json `exports`. */
const entrySources = Object.entries(pkg.exports)
  .flatMap(([key, target]) => (typeof target === 'object' && target.types ? [[key, target.types.replace('./dist/types/', '').replace(/\.d\.ts$/, '.ts')] as const] : []));

describe('public API', () => {
  it.each(entrySources)('%s (%s) names every export itself: no export *', (_key, file) => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text.match(/^\s*export\s+\*.*$/gm) ?? []).toEqual([]);
  });

  it('covers every entry of package.json exports but the stylesheet', () => {
    expect(entrySources.map(([key]) => key).sort()).toEqual([
      '.', './adapters/better-auth', './adapters/rest', './adapters/scim', './core', './disposable-domains', './headless', './mocks', './mocks/msw', './testing', './testing/vitest',
    ]);
  });

  it('the main entry exports every headless name, the same binding', () => {
    const missing = Object.keys(headless).filter((name) => !(name in main));
    expect(missing).toEqual([]);
    for (const [name, value] of Object.entries(headless)) expect((main as Record<string, unknown>)[name], name).toBe(value);
  });

  it('headless exports at most half of the 169 values issue 14 counted (the rules went to user-admin-kit/core)', () => {
    expect(Object.keys(headless).length).toBeLessThanOrEqual(84);
    // The rules are public in one place: the core entry, not again in headless or main.
    const rules = ['checkActOnUser', 'screenInvitees', 'classifyInvitee', 'lockedModuleIds', 'enforce', 'MAX_INVITE_ADDRESSES', 'createUserSchema'];
    expect(rules.filter((name) => !(name in core))).toEqual([]);
    expect(rules.filter((name) => name in headless || name in main)).toEqual([]);
  });

  it('the core entry needs no React, no TanStack and no Radix: a server imports it alone', async () => {
    const out = await build({
      entryPoints: [join(root, 'src/core-entry.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, metafile: true,
      packages: 'external', logLevel: 'silent',
    });
    const imported = Object.values(out.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
    expect([...new Set(imported)].sort()).toEqual(['zod/mini']);
    // The error class a backend throws is the one the hooks recognise.
    expect(core.UserAdminError).toBe(headless.UserAdminError);
  });

  it('keeps helpers internal', () => {
    const internal = [
      'commitsOnKey', 'chipAddress', 'valuesFromUser', 'gridFocusTarget', 'COLLECT_PAGE_SIZE', 'composeEventHandlers', 'cx',
      'ESCAPE_BOUNDARY_ATTRIBUTE', 'UserAdminContext', 'UserAdminI18nContext', 'mapWithConcurrency', 'missingAdapterMethods',
      'parseEmailsInSlices', 'setCellLevel', 'toUserPatch', 'foldSignInText', 'buildSupportDetails', 'collectMatchingUsers',
    ];
    expect(internal.filter((name) => name in main)).toEqual([]);
  });
});
