// Runs the reviewers' shared i18n checker when it sits beside the project (../shared), as in CI,
// then the glossary check (docs/glossary.md: one word per concept and language).
// The same rules are also enforced by src/i18n/locales.test.ts, which needs nothing outside the repo.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { checkGlossary, parseGlossary } from './check-glossary.mjs';

let status = 0;
const shared = new URL('../../shared/tools/check-i18n.mjs', import.meta.url);
if (existsSync(shared)) {
  const r = spawnSync(process.execPath, [shared.pathname, 'src/i18n/locales'], { stdio: 'inherit' });
  status = r.status ?? 1;
} else {
  console.log('i18n: ../shared/tools/check-i18n.mjs not present; src/i18n/locales.test.ts covers the same rules');
}

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const glossary = parseGlossary(read('docs/glossary.md'));
const locales = Object.fromEntries(['en', 'fr', 'pt'].map((l) => [l, JSON.parse(read(`src/i18n/locales/${l}.json`))]));
const problems = checkGlossary(glossary, locales);
for (const p of problems) console.log(p);
console.log(`glossary: ${glossary.length} concepts, ${problems.length} problems`);
if (glossary.length === 0) console.log('glossary: docs/glossary.md has no terms table');
process.exit(status || problems.length > 0 || glossary.length === 0 ? 1 : 0);
