// Copies what the build does not emit: the stylesheet, and the locale JSON the declarations import
// (the `Messages` type is `typeof en.json`).
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';

copyFileSync('src/styles.css', 'dist/styles.css');
mkdirSync('dist/types/src/i18n/locales', { recursive: true });
for (const f of readdirSync('src/i18n/locales')) {
  if (f.endsWith('.json')) copyFileSync(`src/i18n/locales/${f}`, `dist/types/src/i18n/locales/${f}`);
}
console.log('copy-assets: styles.css and locale files copied');
