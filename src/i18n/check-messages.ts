/** What can be wrong with a locale's messages. */
export type MessageProblemKind = 'missing' | 'extra' | 'identical' | 'placeholder' | 'plural' | 'empty';

/** One problem in one locale. */
export interface MessageProblem {
  kind: MessageProblemKind;
  locale: string;
  /** The flat key (`users.count_many`), or its base without plural suffix for `missing`, `extra` and `plural`. */
  key: string;
  /** A sentence for a reviewer. */
  message: string;
}

/** Options of {@link checkMessages}. */
export interface CheckMessagesOptions {
  /** The locale every other one is compared with. Defaults to `en`. */
  base?: string;
  /** Values that may stay as in the base locale because they are names, not words. Defaults to `['SSO']`. */
  allowIdentical?: readonly string[];
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*-?\s*([\w.]+)[^}]*\}\}/g;

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

const baseOf = (key: string) => key.replace(PLURAL, '');
const placeholdersOf = (text: string) => new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''));

/**
 * Reviews locales against the base one (English) and lists every problem: a key missing or
 * extra, an empty value, a value left in English, placeholders that differ, a plural form the
 * locale's `Intl.PluralRules` needs but lacks. An empty list means the locales are complete.
 * @example
 * checkMessages({ en: { hi: 'Hello {{name}}' }, fr: { hi: 'Bonjour {{nom}}' } });
 * // [{ kind: 'placeholder', locale: 'fr', key: 'hi', message: 'fr: hi drops {{name}}' }, ...]
 */
export function checkMessages(locales: Record<string, object>, options: CheckMessagesOptions = {}): MessageProblem[] {
  const baseLocale = options.base ?? 'en';
  const allowIdentical = new Set(options.allowIdentical ?? ['SSO']);
  const problems: MessageProblem[] = [];
  const add = (kind: MessageProblemKind, locale: string, key: string, message: string) =>
    problems.push({ kind, locale, key, message: `${locale}: ${message}` });

  const baseMessages = locales[baseLocale];
  if (!baseMessages) {
    add('missing', baseLocale, '', `no messages for the base locale ${baseLocale}`);
    return problems;
  }
  const base = flatten(baseMessages, '', new Map());
  const baseKeys = new Set([...base.keys()].map(baseOf));

  for (const [locale, messages] of Object.entries(locales)) {
    const flat = flatten(messages, '', new Map());
    const keys = new Set([...flat.keys()].map(baseOf));
    for (const k of baseKeys) if (!keys.has(k)) add('missing', locale, k, `missing ${k}`);
    for (const k of keys) if (!baseKeys.has(k)) add('extra', locale, k, `extra ${k} (not in ${baseLocale})`);

    let categories: string[];
    try {
      categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    } catch {
      categories = ['other'];
    }
    const pluralBases = new Set([...base.keys(), ...flat.keys()].filter((k) => PLURAL.test(k) && keys.has(baseOf(k))).map(baseOf));
    for (const b of pluralBases) {
      for (const c of categories) {
        if (!flat.has(`${b}_${c}`)) add('plural', locale, b, `plural ${b} lacks _${c} (Intl.PluralRules('${locale}') needs ${categories.join('/')})`);
      }
    }

    for (const [key, value] of flat) {
      if (typeof value !== 'string' || value.trim() === '') {
        add('empty', locale, key, `${key} is empty or not a string`);
        continue;
      }
      if (locale === baseLocale) continue;
      const plural = PLURAL.test(key);
      const baseKey = base.has(key) ? key : `${baseOf(key)}_other`;
      const baseValue = base.get(baseKey);
      if (typeof baseValue !== 'string') continue;
      const expected = placeholdersOf(baseValue);
      const actual = placeholdersOf(value);
      for (const p of expected) {
        if (!actual.has(p) && !(p === 'count' && plural)) add('placeholder', locale, key, `${key} drops {{${p}}}`);
      }
      for (const p of actual) if (!expected.has(p)) add('placeholder', locale, key, `${key} adds {{${p}}} that ${baseLocale} does not pass`);
      if (value === baseValue && !allowIdentical.has(value)) add('identical', locale, key, `${key} is the same as in ${baseLocale} ("${value}"): untranslated?`);
    }
  }
  return problems;
}
