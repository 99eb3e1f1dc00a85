// Copies what the build does not emit: the stylesheet (with its `@import`s of each feature's CSS
// inlined, so the package ships one file), and the locale JSON the declarations import (the
// `Messages` type is `typeof en.json`).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function inline(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/^@import\s+['"](\.[^'"]+)['"];\s*$/gm, (_, rel) => inline(join(dirname(file), rel), seen));
}
writeFileSync('dist/styles.css', inline('src/styles.css'));
mkdirSync('dist/types/src/i18n/locales', { recursive: true });
for (const f of readdirSync('src/i18n/locales')) {
  if (f.endsWith('.json')) copyFileSync(`src/i18n/locales/${f}`, `dist/types/src/i18n/locales/${f}`);
}
console.log('copy-assets: styles.css (imports inlined) and locale files copied');
