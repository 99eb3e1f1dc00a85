// Runs the reviewers' shared i18n checker when it sits beside the project (../shared), as in CI.
// The same rules are also enforced by src/i18n/locales.test.ts, which needs nothing outside the repo.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const shared = new URL('../../shared/tools/check-i18n.mjs', import.meta.url);
if (!existsSync(shared)) {
  console.log('i18n: ../shared/tools/check-i18n.mjs not present; src/i18n/locales.test.ts covers the same rules');
  process.exit(0);
}
const r = spawnSync(process.execPath, [shared.pathname, 'src/i18n/locales'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
