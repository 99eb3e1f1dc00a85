// Deep-merges one top-level section into the three locale files, in one read-modify-write each,
// so several people (or helpers) can add their own sections without editing the same JSON by hand.
//   node scripts/locale-section.mjs <section> <file.json>
// where file.json is { "en": {...}, "fr": {...}, "pt": {...} }: the keys to add or change under
// <section>. Pass --replace to replace the section instead of merging into it.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';

const [section, file, flag] = process.argv.slice(2);
if (!section || !file) { console.error('usage: node scripts/locale-section.mjs <section> <file.json> [--replace]'); process.exit(2); }
const input = JSON.parse(readFileSync(file, 'utf8'));
const merge = (a, b) => {
  for (const [k, v] of Object.entries(b)) a[k] = v && typeof v === 'object' && a[k] && typeof a[k] === 'object' ? merge(a[k], v) : v;
  return a;
};
for (const locale of ['en', 'fr', 'pt']) {
  if (!input[locale]) { console.error(`${file} has no "${locale}"`); process.exit(1); }
  const path = new URL(`../src/i18n/locales/${locale}.json`, import.meta.url);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  data[section] = flag === '--replace' ? input[locale] : merge(data[section] ?? {}, input[locale]);
  const tmp = `${path.pathname}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2) + '\n');
  renameSync(tmp, path); // atomic on one filesystem
}
console.log(`locale section "${section}" written to en, fr, pt`);
