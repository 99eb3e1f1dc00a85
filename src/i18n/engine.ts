/**
 * The library's own message engine: nested keys, `{{value}}` interpolation, CLDR plural forms
 * through `Intl.PluralRules` (`key_one`, `key_many`, `key_other`, and `key_zero` for a count of
 * 0 when a locale has it) and a fallback locale. It replaces i18next (~15 KB gzip on the first
 * screen) with what the messages use, in the same format, so a host's message files written for
 * i18next work unchanged. It is private to the library and never touches a host's i18n.
 */

/** Options of one translation: interpolation values, the plural count, a default text, a locale. */
export interface EngineTranslateOptions {
  /** Selects the plural form and fills `{{count}}`. */
  count?: number;
  /** Shown when the key has no message in any locale. */
  defaultValue?: string;
  /** Translates in this locale instead of the instance's. */
  lng?: string;
  [name: string]: unknown;
}

type Tree = { [key: string]: string | Tree };

/** Options of {@link createMessageEngine}. */
export interface MessageEngineOptions {
  /** The locale shown. */
  language: string;
  /** Tried when the shown locale has no message for a key. */
  fallbackLanguage: string;
  /** Messages by locale, nested objects of strings. */
  resources: Record<string, object>;
  /** Values every message may interpolate (`{{maxName}}`) without its caller passing them. */
  defaultVariables?: Record<string, unknown>;
}

/**
 * The library's private translation instance: the shown locale, its messages, and a
 * subscription React reads through `useSyncExternalStore`.
 */
export interface UserAdminI18n {
  /** The locale shown (`pt` for `pt-BR`, once resolved). */
  readonly language: string;
  /** The locales that have messages in this instance. */
  readonly languages: readonly string[];
  /** Translates `key` in the shown locale, or in `options.lng`. */
  t(key: string, options?: EngineTranslateOptions): string;
  /** A translate function fixed to `language` (the shown one, read at each call, when `null` or absent). */
  getFixedT(language?: string | null): (key: string, options?: EngineTranslateOptions) => string;
  /** Shows another locale and tells subscribers. */
  changeLanguage(language: string): void;
  /** Replaces every locale's messages and tells subscribers. */
  setResources(resources: Record<string, object>): void;
  /** Called after each change of locale or messages; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Grows by one at each change: a snapshot for `useSyncExternalStore`. */
  readonly revision: number;
}

const pluralRules = new Map<string, Intl.PluralRules | null>();
function pluralCategory(language: string, count: number): string {
  let rules = pluralRules.get(language);
  if (rules === undefined) {
    try {
      rules = new Intl.PluralRules(language);
    } catch {
      rules = null;
    }
    pluralRules.set(language, rules);
  }
  return rules ? rules.select(count) : count === 1 ? 'one' : 'other';
}

function lookup(tree: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const PLACEHOLDER = /\{\{\s*-?\s*([\w.]+)\s*\}\}/g;

/**
 * Creates a message engine. Plural forms are looked up as i18next does: for a `count`, the
 * locale's form (`_zero` first for 0), then the bare key; the shown locale, then the fallback
 * (with the fallback's own plural form: a 2 missing its Arabic `_two` takes English's `_other`).
 * A value missing from `options` and `defaultVariables` interpolates as an empty string; a key
 * missing everywhere gives `defaultValue`, else the key itself. Values are not HTML-escaped
 * (React escapes what it renders).
 * @example
 * const i18n = createMessageEngine({ language: 'fr', fallbackLanguage: 'en', resources: { en: { a: { b_one: '{{count}} user', b_other: '{{count}} users' } } } });
 * i18n.t('a.b', { count: 2 }); // '2 users'
 */
export function createMessageEngine(options: MessageEngineOptions): UserAdminI18n {
  let language = options.language;
  let resources = options.resources as Record<string, Tree>;
  let revision = 0;
  const listeners = new Set<() => void>();
  const defaults = options.defaultVariables ?? {};
  const changed = () => {
    revision += 1;
    for (const listener of [...listeners]) listener();
  };

  const translate = (lng: string, key: string, opts: EngineTranslateOptions = {}): string => {
    const { count } = opts;
    // Each locale's own plural form: Arabic's `_two` for 2, then English's `_other` in the fallback.
    const candidatesIn = (code: string) => {
      const candidates: string[] = [];
      if (typeof count === 'number') {
        if (count === 0) candidates.push(`${key}_zero`);
        candidates.push(`${key}_${pluralCategory(code, count)}`);
      }
      candidates.push(key);
      return candidates;
    };
    let text: string | undefined;
    for (const code of lng === options.fallbackLanguage ? [lng] : [lng, options.fallbackLanguage]) {
      const tree = Object.prototype.hasOwnProperty.call(resources, code) ? resources[code] : undefined;
      for (const candidate of candidatesIn(code)) {
        text = lookup(tree, candidate);
        if (text !== undefined) break;
      }
      if (text !== undefined) break;
    }
    if (text === undefined) return opts.defaultValue ?? key;
    return text.replace(PLACEHOLDER, (_, name: string) => {
      const value = Object.prototype.hasOwnProperty.call(opts, name) ? opts[name] : defaults[name];
      return value === undefined || value === null ? '' : String(value);
    });
  };

  return {
    get language() {
      return language;
    },
    get languages() {
      return Object.keys(resources);
    },
    get revision() {
      return revision;
    },
    t: (key, opts) => translate(opts?.lng ?? language, key, opts),
    getFixedT: (fixed) => (key, opts) => translate(opts?.lng ?? fixed ?? language, key, opts),
    changeLanguage(next) {
      if (next === language) return;
      language = next;
      changed();
    },
    setResources(next) {
      resources = next as Record<string, Tree>;
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
