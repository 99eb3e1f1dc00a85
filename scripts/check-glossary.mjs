// The glossary check: docs/glossary.md lists, per concept and language, the synonyms a message
// must not use; this reports every message of the locale files that uses one.
// Used by scripts/check-i18n.mjs and by src/i18n/locales.test.ts (which also proves it can fail).

/**
 * Reads the "Terms" table of docs/glossary.md.
 * @param {string} markdown
 * @returns {{ concept: string, keys: string[], terms: Record<string, string>, forbidden: Record<string, string[]> }[]}
 */
export function parseGlossary(markdown) {
  const rows = markdown
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim().replace(/`/g, '')));
  const [header, , ...body] = rows;
  if (!header) return [];
  const col = (name) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const locales = header.filter((h) => /^[a-z]{2}$/.test(h));
  const list = (cell) => (cell ?? '').split(',').map((w) => w.trim()).filter((w) => w && w !== '—' && w !== '-');
  return body.map((cells) => ({
    concept: cells[col('Concept')] ?? '',
    keys: list(cells[col('Keys')]),
    terms: Object.fromEntries(locales.map((l) => [l, cells[col(l)] ?? ''])),
    forbidden: Object.fromEntries(locales.map((l) => [l, list(cells[col(`Not in ${l}`)])])),
  }));
}

const flatten = (value, prefix = '', out = {}) => {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out[key] = v;
  }
  return out;
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const globToRegExp = (glob) => new RegExp(`^${glob.split('*').map(escape).join('.*')}$`);
const wordToRegExp = (word) => {
  const prefix = word.endsWith('*');
  const stem = escape(prefix ? word.slice(0, -1) : word).replace(/ /g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${stem}${prefix ? '[\\p{L}\\p{N}]*' : ''}(?![\\p{L}\\p{N}])`, 'iu');
};

/**
 * Every message that uses a forbidden synonym, as one line each:
 * `pt: invitations.search uses "Pesquisar": the glossary's word for search in pt is "buscar, busca", not "pesquis*"`.
 * @param {ReturnType<typeof parseGlossary>} glossary
 * @param {Record<string, object>} locales the messages by locale (`{ en, fr, pt }`)
 * @returns {string[]}
 */
export function checkGlossary(glossary, locales) {
  const problems = [];
  for (const [locale, messages] of Object.entries(locales)) {
    const flat = Object.entries(flatten(messages));
    for (const row of glossary) {
      const keys = row.keys.length > 0 ? row.keys.map(globToRegExp) : [/^/];
      for (const word of row.forbidden[locale] ?? []) {
        const pattern = wordToRegExp(word);
        for (const [key, value] of flat) {
          if (typeof value !== 'string' || !keys.some((k) => k.test(key))) continue;
          const found = pattern.exec(value);
          if (found) {
            problems.push(
              `${locale}: ${key} uses "${found[0]}": the glossary's word for ${row.concept} in ${locale} is "${row.terms[locale]}", not "${word}" (docs/glossary.md)`,
            );
          }
        }
      }
    }
  }
  return problems;
}
