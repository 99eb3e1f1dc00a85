// tsc (TypeScript 7) emits declarations with the extensionless relative imports our sources use
// (moduleResolution "Bundler"). Node's ESM resolution (node16/nodenext hosts) needs full paths, so
// this rewrites each relative specifier in dist/types to the file it means: './x' → './x.js' or
// './x/index.js'. A specifier that matches no emitted file fails the build.
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';

const root = 'dist/types';
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.d.ts')) files.push(p);
  }
};
walk(root);
let rewritten = 0;
const missing = [];
const pattern = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  // Examples inside JSDoc comments are left alone.
  const next = text.split('\n').map((line) => /^\s*(\*|\/\/|\/\*)/.test(line) ? line : line.replace(pattern, (all, lead, quote, spec) => {
    if (/\.(js|css)$/.test(spec)) return all;
    // Node's ESM loader imports JSON only with an import attribute.
    if (spec.endsWith('.json')) { rewritten++; return `${all} with { type: 'json' }`; }
    const base = resolve(dirname(file), spec);
    let target;
    if (existsSync(`${base}.d.ts`)) target = `${spec}.js`;
    else if (existsSync(join(base, 'index.d.ts'))) target = `${spec.replace(/\/$/, '')}/index.js`;
    else { missing.push(`${file}: ${spec}`); return all; }
    rewritten++;
    return `${lead}${quote}${target}${quote}`;
  })).join('\n');
  if (next !== text) writeFileSync(file, next);
}
if (missing.length) {
  console.error(`fix-dts-extensions: unresolved relative imports:\n${missing.join('\n')}`);
  process.exit(1);
}
console.log(`fix-dts-extensions: ${rewritten} specifiers in ${files.length} declaration files`);
