// The API report: every exported name of every entry of package.json `exports`, with its
// signature, as API Extractor prints it from the declarations in dist/types, committed in
// etc/api/<entry>.api.md.
//
//   node etc/api-report.mjs --check    fails when the built API differs from the committed
//                                          reports (CI, `npm run api:check`)
//   node etc/api-report.mjs --update   rewrites the reports (`npm run api:update`): review the
//                                          diff, then commit it with the change
//
// Both read dist/types (`npm run build`, or `npm run api:types` for the declarations alone). The
// check also fails when etc/api holds a report of no entry. A signature naming a type its entry
// does not export is marked in the report (ae-forgotten-export), for the reviewer to judge: a
// contract type another entry exports, or an internal helper type. API Extractor ships its own TypeScript (our tsc 7
// has no JS API); it cannot read the JSON modules the declarations import (the messages), so it
// reads a copy of dist/types where each has an opaque `.d.json.ts` declaration beside it.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const mode = process.argv[2];
if (mode !== '--check' && mode !== '--update') {
  console.error('usage: node etc/api-report.mjs --check | --update');
  process.exit(2);
}
const check = mode === '--check';
const t0 = Date.now();
const root = resolve(import.meta.dirname, '..');
const reportFolder = join(root, 'etc/api');
// Outside node_modules (API Extractor takes what lies there for other packages): a copy of
// dist/types, and the reports API Extractor writes before they are compared with etc/api.
const work = join(tmpdir(), `user-admin-kit-api-${process.pid}`);
const types = join(work, 'types');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!existsSync(join(root, 'dist/types'))) {
  console.error('api-report: no dist/types; run `npm run build` (or `npm run api:types`) first');
  process.exit(1);
}

// The entries: every `exports` key with declarations. '.' is reported as user-admin-kit.api.md,
// './adapters/rest' as adapters-rest.api.md.
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.types)
  .map(([key, target]) => ({
    key,
    name: key === '.' ? pkg.name : key.slice(2).replaceAll('/', '-'),
    dts: join(types, relative('./dist/types', target.types)),
  }));

// A copy of dist/types, with a declaration for each JSON module.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
mkdirSync(types, { recursive: true });
cpSync(join(root, 'dist/types'), types, { recursive: true });
// Each JSON module a declaration imports (the messages: `Messages` is `typeof en`) gets an opaque
// declaration beside it: their keys are checked by scripts/check-i18n.mjs, not by this report, so
// a new message does not change the API report.
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.d.ts')) {
      for (const [, spec] of readFileSync(path, 'utf8').matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)\.json'/g)) {
        const shim = join(dir, `${spec}.d.json.ts`);
        mkdirSync(dirname(shim), { recursive: true });
        writeFileSync(shim, '/** A JSON module of the package (its content is not part of the API report). */\ndeclare const json: { readonly [key: string]: unknown };\nexport default json;\n');
      }
    }
  }
};
walk(types);

const base = ExtractorConfig.loadFile(join(root, 'etc/api-extractor.json'));
const configs = entries.map((entry) =>
  ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: entry.dts,
      // The entries' declarations only (by default TypeScript would take every file of the project).
      compiler: { ...base.compiler, overrideTsconfig: { ...base.compiler.overrideTsconfig, files: entries.map((e) => e.dts) } },
      apiReport: { ...base.apiReport, reportFileName: entry.name, reportFolder: join(work, 'reports'), reportTempFolder: join(work, 'temp') },
    },
    configObjectFullPath: join(root, 'etc/api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  }),
);
// One TypeScript program for every entry.
const compilerState = CompilerState.create(configs[0], { additionalEntryPoints: entries.map((e) => e.dts) });

const problems = [];
const counts = [];
const builtFolder = join(root, 'node_modules/.cache/api-report');
mkdirSync(builtFolder, { recursive: true });
mkdirSync(reportFolder, { recursive: true });
mkdirSync(join(work, 'reports'), { recursive: true });
for (const [i, config] of configs.entries()) {
  const entry = entries[i];
  const result = Extractor.invoke(config, {
    localBuild: true,
    compilerState,
    messageCallback(message) {
      // Only errors are shown: the report is compared here, not by API Extractor.
      if (message.logLevel !== 'error') message.handled = true;
    },
  });
  if (!result.succeeded) {
    problems.push(`${entry.key}: API Extractor failed (${result.errorCount} errors)`);
    continue;
  }
  // The declarations' paths as in the repository, not in the temporary copy.
  const built = readFileSync(join(work, 'reports', `${entry.name}.api.md`), 'utf8').replaceAll(`${types}/`, 'dist/types/')
    // Without line numbers, which any edit of a comment above would change.
    .replace(/^(\/\/ dist\/types\/\S+?):\d+:\d+ - /gm, '$1 - ');
  const report = join(reportFolder, `${entry.name}.api.md`);
  const committed = existsSync(report) ? readFileSync(report, 'utf8') : null;
  counts.push(`${entry.name} ${(built.match(/^export (declare )?(abstract )?(class|const|function|enum|let|var) /gm) ?? []).length}v/${(built.match(/^export (interface|type) /gm) ?? []).length}t`);
  if (!check) {
    if (built !== committed) writeFileSync(report, built);
  } else if (committed === null) {
    problems.push(`${entry.key}: no report etc/api/${entry.name}.api.md`);
  } else if (built !== committed) {
    // What changed: the committed report against the built one.
    const builtFile = join(builtFolder, `${entry.name}.api.md`);
    writeFileSync(builtFile, built);
    const diff = spawnSync('diff', ['-u', relative(root, report), relative(root, builtFile)], { cwd: root, encoding: 'utf8' }).stdout ?? '';
    const lines = diff.trimEnd().split('\n');
    problems.push(`${entry.key}: the built API differs from etc/api/${entry.name}.api.md:\n${lines.slice(0, 80).join('\n')}${lines.length > 80 ? `\n... (${lines.length - 80} more lines)` : ''}`);
  }
}

const known = new Set(entries.map((e) => `${e.name}.api.md`));
for (const file of readdirSync(reportFolder)) {
  if (file.endsWith('.api.md') && !known.has(file)) {
    if (check) problems.push(`etc/api/${file}: the report of no entry of package.json exports`);
    else rmSync(join(reportFolder, file));
  }
}

const seconds = ((Date.now() - t0) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(`api-report: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  if (check) {
    console.error('The public API changed. If that is intended, run `npm run api:update`, review the diff of etc/api/ and commit it with the change (docs/api.md says what is public).');
  }
  process.exit(1);
}
console.log(`api-report: ${check ? 'the built API matches' : 'wrote'} etc/api/ (${entries.length} entries: ${counts.join(', ')}; values/types) in ${seconds} s`);
