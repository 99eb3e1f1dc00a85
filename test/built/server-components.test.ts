// @vitest-environment node
/**
 * The built package in a React Server Components host (Next.js App Router), checked on dist after
 * `npm run build` (scripts/test-all.sh runs it after the build step; `npm run build` first here):
 * - every built module that uses React starts with `'use client'` (scripts/use-client.mjs adds it),
 *   so a server component can import the styled and headless entries and render their components;
 * - what a server calls stays plain: `prefetchUserAdmin`, the query options, the keys,
 *   `createUserAdminQueryClient`, the core, the adapters, the mocks (a directive there would make
 *   them client references a server component cannot call);
 * - every entry imports in a plain Node process, with no DOM, by the package's own name (its
 *   exports map), and the first screen prefetches there over the mock backend.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { import: string }> };
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target !== 'string')
  .map(([subpath, target]) => ({ name: `user-admin-kit${subpath.slice(1)}`, file: join(root, (target as { import: string }).import) }));

const read = (file: string) => readFileSync(file, 'utf8');
const isMarked = (file: string) => /^(['"])use client\1;/.test(read(file));
const rel = (file: string) => relative(dist, file);

function builtModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return p === join(dist, 'types') ? [] : builtModules(p);
    return p.endsWith('.js') ? [p] : [];
  });
}

/** The relative modules a built module imports statically, as files, with the names it takes from each. */
function localImports(file: string): Array<{ file: string; names: string[] }> {
  return [...read(file).matchAll(/^import\s+(?:\{([^}]*)\}\s+from\s+)?["'](\.[^"']+)["']/gm)].map((m) => ({
    file: resolve(dirname(file), m[2]!),
    names: (m[1] ?? '').split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!).filter(Boolean),
  }));
}

/** Every module an entry loads statically, itself included. */
function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of localImports(file)) visit(i.file);
  };
  visit(entry);
  return seen;
}

/** The module an entry takes a name from. */
function moduleOf(entry: string, name: string): string {
  const found = localImports(entry).find((i) => i.names.includes(name));
  if (!found) throw new Error(`${rel(entry)} imports no ${name}`);
  return found.file;
}

const entryFile = (name: string) => entries.find((e) => e.name === name)!.file;

describe('the built package in a React Server Components host', () => {
  beforeAll(() => {
    if (!existsSync(join(dist, 'index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');
  });

  it("puts 'use client' first in every built module that imports React", () => {
    const unmarked = builtModules(dist).filter((f) => /^import\s[^;]*from\s+["']react(-dom)?(\/[^"']*)?["']/m.test(read(f)) && !isMarked(f));
    expect(unmarked.map(rel)).toEqual([]);
  });

  it("the styled and headless entries' components, providers and hooks come from 'use client' modules", () => {
    const components = ['UserAdmin', 'UserAdminBase', 'UserAdminProvider', 'UserList', 'UserListBase', 'PendingInvitations', 'InviteDialog',
      'UserEditorDialog', 'PermissionMatrix', 'ModulePermissionsField', 'EntityAccessPicker', 'SignInErrorGuide'];
    for (const name of ['user-admin-kit', 'user-admin-kit/headless']) {
      const entry = entryFile(name);
      const hooks = localImports(entry).flatMap((i) => i.names).filter((n) => /^use[A-Z]/.test(n));
      expect(hooks.length).toBeGreaterThan(20);
      const names = [...hooks, ...(name === 'user-admin-kit' ? components : ['UserAdminProvider'])];
      expect(names.filter((n) => !isMarked(moduleOf(entry, n))), name).toEqual([]);
    }
  });

  it('keeps plain what a server calls: the entries themselves, prefetching, query options and keys, the query client, and the core, adapters and mocks whole', () => {
    for (const name of ['user-admin-kit', 'user-admin-kit/headless']) {
      const entry = entryFile(name);
      expect(isMarked(entry), name).toBe(false);
      for (const fn of ['prefetchUserAdmin', 'usersListQueryOptions', 'userAdminKeys', 'createUserAdminQueryClient', 'createUserAdminI18n']) {
        expect(isMarked(moduleOf(entry, fn)), `${name}: ${fn}`).toBe(false);
      }
    }
    for (const name of ['user-admin-kit/core', 'user-admin-kit/adapters/rest', 'user-admin-kit/adapters/better-auth', 'user-admin-kit/adapters/scim',
      'user-admin-kit/disposable-domains', 'user-admin-kit/mocks', 'user-admin-kit/mocks/msw', 'user-admin-kit/testing']) {
      expect([...graph(entryFile(name))].filter(isMarked).map(rel), name).toEqual([]);
    }
  });

  it('imports every entry in a plain Node process with no DOM, and prefetches the first screen there', () => {
    expect(entries.length).toBeGreaterThanOrEqual(11);
    // `window` and `document` do not exist here: any use at import time throws a ReferenceError.
    const script = `
      if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('a DOM is defined');
      for (const name of ${JSON.stringify(entries.map((e) => e.name))}) await import(name);
      const { QueryClient, dehydrate } = await import('@tanstack/react-query');
      const { prefetchUserAdmin, userAdminKeys } = await import('user-admin-kit/headless');
      const { createMockStore, createMemoryAdapter } = await import('user-admin-kit/mocks');
      const queryClient = new QueryClient();
      await prefetchUserAdmin(queryClient, createMemoryAdapter(createMockStore()));
      const { queries } = dehydrate(queryClient);
      const usersKey = JSON.stringify(userAdminKeys.users.lists()).slice(0, -1);
      const users = queries.find((q) => JSON.stringify(q.queryKey).startsWith(usersKey));
      console.log(JSON.stringify({ queries: queries.length, failed: queries.filter((q) => q.state.status !== 'success').length, users: users?.state.data.items.length ?? 0 }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { queries: number; failed: number; users: number };
    expect(result.failed).toBe(0);
    expect(result.queries).toBeGreaterThanOrEqual(5);
    expect(result.users).toBe(25);
  });
});
