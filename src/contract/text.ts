/**
 * Input hygiene for what people type: names without invisible characters, and domains that look
 * like another one.
 */

// Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), marks (U+200E, U+200F,
// U+061C), zero-width space and joiners (U+200B–U+200D), word joiner (U+2060), BOM (U+FEFF).
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A name as it should be stored and searched: bidi controls and zero-width characters dropped,
 * composed (NFC), trimmed.
 * @example
 * cleanName(' Ana\u202E Lima\u200B '); // 'Ana Lima'
 * cleanName('Jose\u0301'); // 'José' (one code point)
 */
export function cleanName(value: string): string {
  return value.replace(INVISIBLE, '').normalize('NFC').trim();
}

/** Why a domain may not be the one it looks like. */
export type DomainRisk = 'mixed_script' | 'confusable';

const SCRIPTS: [name: string, re: RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
];
const OTHER_LETTER = /\p{L}/u;

// Scripts written together in one word (Japanese, Korean): not a mix worth a warning.
const ALLOWED_MIXES = [new Set(['Han', 'Hiragana', 'Katakana', 'Latin']), new Set(['Han', 'Hangul', 'Latin'])];

// Cyrillic and Greek letters that look like Latin ones in a lower-case domain.
const LATIN_LOOKALIKES = new Set([
  ...'аеорсухіјѕԁһԛԝӏьвкмнтг',
  ...'οαρνυικτχεγ',
]);

function scriptOf(char: string): string | null {
  for (const [name, re] of SCRIPTS) if (re.test(char)) return name;
  return OTHER_LETTER.test(char) ? 'Other' : null; // digits, hyphens: no script
}

/**
 * Whether a domain may pass for another one: `mixed_script` when one label mixes alphabets
 * (`аcme.fr` with a Cyrillic `а`), `confusable` when a label is written wholly in Cyrillic or
 * Greek letters that all look Latin (`асе.fr`); `null` otherwise (`acme.fr`, `exämple.com`,
 * `пример.рф`, `例え.jp`). Punycode labels (`xn--…`) are read as written: they look like no other
 * domain.
 * @example
 * domainRisk('аcme.fr'); // 'mixed_script'
 * domainRisk('acme.fr'); // null
 */
export function domainRisk(domain: string): DomainRisk | null {
  const labels = domain.normalize('NFC').toLowerCase().split('.');
  let risk: DomainRisk | null = null;
  for (const label of labels) {
    const scripts = new Set<string>();
    let lookalikes = true;
    let letters = 0;
    for (const char of label) {
      const script = scriptOf(char);
      if (!script) continue;
      scripts.add(script);
      letters += 1;
      if (!LATIN_LOOKALIKES.has(char)) lookalikes = false;
    }
    if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) return 'mixed_script';
    const [only] = scripts;
    if (scripts.size === 1 && (only === 'Cyrillic' || only === 'Greek') && letters > 0 && lookalikes) risk = 'confusable';
  }
  return risk;
}
