// Marks the built modules that run only in a browser React tree with the `'use client'` directive,
// for React Server Components hosts (Next.js App Router): a server component may then import the
// package and render its components, whose modules become client references.
//
// Which modules: with preserveModules every source module is one file in dist, so the directive goes
// on the files that use React at run time: those that import `react`, `react-dom`, the JSX runtime, a
// React-only dependency (Radix, react-hook-form, TanStack Table and Virtual), a hook or a provider of
// TanStack Query, or a hook (`useX`) of another module. Everything else stays plain, so a server can
// call it: the entries themselves (they re-export both kinds; a directive there would turn
// `prefetchUserAdmin`, the query options and `createUserAdminQueryClient` into client references that
// a server component cannot call), the query options and keys, the core, the adapters, the mocks.
//
// The bundler drops module-level directives, so this runs after `vite build`, prepends the line and
// shifts each file's source map by that line. Run again on a marked file, it changes nothing.
// `isClientModule` is exported for the test that checks the built files (test/built/server-components.test.ts).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIRECTIVE = "'use client';";

/** Packages whose every import means React at run time. */
const reactPackages = /^(react|react-dom|@radix-ui\/[^/]+|react-hook-form|@tanstack\/react-table|@tanstack\/react-virtual)(\/.*)?$/;
/** TanStack Query's exports that need a React tree (its QueryClient, queryOptions and dehydrate do not). */
const reactQueryClientName = /^(use[A-Z]\w*|QueryClientProvider|HydrationBoundary|QueryErrorResetBoundary|IsRestoringProvider)$/;
const hookName = /^use[A-Z]\w*$/;

/**
 * The static imports of an ES module's text: specifier, imported names (`default` for a default
 * import) and the local bindings the module's code uses them by (`useY` for `useX as useY`; `Menu.`
 * for `* as Menu`).
 */
export function staticImports(code) {
  const found = [];
  const re = /^\s*import\s+(?:([\s\S]*?)\s+from\s+)?["']([^"']+)["'];?/gm;
  for (const m of code.matchAll(re)) {
    const clause = m[1] ?? '';
    const names = [];
    const locals = [];
    const braces = clause.match(/\{([\s\S]*)\}/);
    if (braces) for (const part of braces[1].split(',')) {
      const [imported, local] = part.trim().split(/\s+as\s+/).map((x) => x?.trim());
      if (imported) { names.push(imported); locals.push(local || imported); }
    }
    const outside = clause.replace(/\{[\s\S]*\}/, '').replace(/,/g, ' ').trim();
    const namespace = outside.match(/\*\s*as\s+([\w$]+)/);
    if (namespace) { names.push('*'); locals.push(`${namespace[1]}.`); }
    else if (outside) { names.push('default'); locals.push(outside.split(/\s+/)[0]); }
    found.push({ specifier: m[2], names, locals });
  }
  return found;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a built module uses React at run time (see the header). */
export function isClientModule(code) {
  // What the module runs: its text without its import statements and `export { … }` lists, so an
  // entry that only re-exports a hook does not count as calling it.
  const body = code.replace(/^\s*import\s[\s\S]*?["'];?\s*$/gm, '').replace(/^\s*export\s*\{[\s\S]*?\}[^;\n]*;?/gm, '');
  // A binding used by the code: `useX(`, `<Menu.Root`… (a namespace's local ends with its dot).
  const called = (local) => new RegExp(`(^|[^\\w$.])${escapeRegExp(local)}${local.endsWith('.') ? '' : '(?![\\w$])'}`).test(body);
  return staticImports(code).some(({ specifier, names, locals }) => {
    const uses = (test) => names.some((n, i) => test(n) && called(locals[i]));
    if (reactPackages.test(specifier)) return names.length === 0 || uses(() => true);
    if (specifier === '@tanstack/react-query') return uses((n) => reactQueryClientName.test(n));
    if (specifier.startsWith('.')) return uses((n) => hookName.test(n));
    return false;
  });
}

export const hasDirective = (code) => /^\s*(['"])use client\1;?/.test(code);

/** Every built JavaScript module of dist (the declarations excepted). */
export function builtModules(dist) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (p !== join(dist, 'types')) walk(p); }
      else if (p.endsWith('.js')) files.push(p);
    }
  };
  walk(dist);
  return files.sort();
}

function main() {
  const dist = process.argv[2] ?? 'dist';
  let marked = 0;
  const files = builtModules(dist);
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    if (!isClientModule(code) || hasDirective(code)) continue;
    writeFileSync(file, `${DIRECTIVE}\n${code}`);
    // One line more at the top: the map's first line maps nothing.
    const map = `${file}.map`;
    if (existsSync(map)) {
      const json = JSON.parse(readFileSync(map, 'utf8'));
      json.mappings = `;${json.mappings}`;
      writeFileSync(map, JSON.stringify(json));
    }
    marked++;
  }
  console.log(`use-client: 'use client' on ${marked} of ${files.length} built modules`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
