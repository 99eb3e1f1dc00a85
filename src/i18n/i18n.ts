import { createMessageEngine, type UserAdminI18n } from './engine';
import { LIMIT_MESSAGE_VALUES } from '../contract/limits';
import en from './locales/en.json';

/**
 * The locales the library ships messages for. `pt` is Brazilian Portuguese.
 * @example
 * SUPPORTED_LOCALES.includes('fr'); // true
 */
export const SUPPORTED_LOCALES = ['en', 'fr', 'pt'] as const;

/** A locale the library ships messages for. */
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/**
 * The shape of the library's messages, as in `locales/en.json`.
 * @example
 * const title: Messages['users']['title'] = 'People';
 */
export type Messages = typeof en;

/**
 * Every level optional, for a host overriding only some messages.
 * @example
 * const partial: DeepPartial<Messages> = { users: { title: 'People' } };
 */
export type DeepPartial<T> = T extends string ? T : { [K in keyof T]?: DeepPartial<T[K]> };

/** The CLDR plural categories appended to a key (`users.count_many`), as in i18next's format. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * A host's messages for one locale: any part of {@link Messages}, plus the plural forms the
 * locale needs beyond English (`count_many` in French, `count_few` in Polish).
 * @example
 * const fr: LocaleMessages = { users: { count_one: '{{count}} personne', count_many: '{{count}} de personnes' } };
 */
export type LocaleMessages = T_LocaleMessages<Messages>;
type T_LocaleMessages<T> = T extends string
  ? string
  : { [K in keyof T]?: T_LocaleMessages<T[K]> } & { [key: `${string}_${PluralCategory}`]: string };

/**
 * A host's messages by locale: overrides of bundled locales, or whole new locales.
 * @example
 * const messages: UserAdminMessages = { en: { users: { title: 'People' } }, de: { common: { save: 'Speichern' } } };
 */
export type UserAdminMessages = Record<string, LocaleMessages>;

type StripPlural<K extends string> = K extends `${infer B}_${PluralCategory}` ? B : K;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? StripPlural<`${P}${K}`> : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/**
 * Every message key, plural suffixes removed (`users.count`, not `users.count_one`).
 * @example
 * const key: MessageKey = 'errors.network';
 */
export type MessageKey = Leaves<Messages>;

/** Interpolation values and options for one message. */
export interface TranslateOptions {
  /** Selects the plural form and fills `{{count}}`. */
  count?: number;
  /** Shown when the key has no message in any locale. */
  defaultValue?: string;
  [name: string]: unknown;
}

/**
 * The library's translate function: a known key and its values → the text in the current locale.
 * @example
 * t('users.count', { count: 3 }); // "3 users"
 */
export type UserAdminT = (key: MessageKey, options?: TranslateOptions) => string;

/**
 * The shipped messages loaded so far: English is bundled, French and Portuguese are loaded on
 * demand (each its own chunk in a host's bundle) by {@link loadUserAdminLocale}.
 */
const BUNDLED: Partial<Record<SupportedLocale, LocaleMessages>> = { en };
const LOADERS: Record<Exclude<SupportedLocale, 'en'>, () => Promise<{ default: unknown }>> = {
  fr: () => import('./locales/fr.json'),
  pt: () => import('./locales/pt.json'),
};
const pending = new Map<string, Promise<LocaleMessages | undefined>>();

const isSupported = (locale: string): locale is SupportedLocale => (SUPPORTED_LOCALES as readonly string[]).includes(locale);

/**
 * The messages the library ships for `locale` if they are loaded already, else `undefined`.
 * English is always loaded.
 * @example
 * getLoadedLocaleMessages('en')?.common.save; // 'Save'
 */
export function getLoadedLocaleMessages(locale: string): LocaleMessages | undefined {
  return isSupported(locale) ? BUNDLED[locale] : undefined;
}

/**
 * Loads the messages the library ships for one of {@link SUPPORTED_LOCALES} (French and
 * Portuguese are not in the main bundle); resolves with `undefined` for any other locale. Loads
 * once: later calls resolve with the same messages. A failed load can be tried again.
 * @example
 * await loadUserAdminLocale('fr');
 * createUserAdminI18n({ locale: 'fr' }).t('common.save'); // 'Enregistrer'
 */
export function loadUserAdminLocale(locale: string): Promise<LocaleMessages | undefined> {
  if (!isSupported(locale)) return Promise.resolve(undefined);
  const ready = BUNDLED[locale];
  if (ready) return Promise.resolve(ready);
  let loading = pending.get(locale);
  if (!loading) {
    loading = LOADERS[locale as Exclude<SupportedLocale, 'en'>]().then(
      (m) => (BUNDLED[locale] = m.default as LocaleMessages),
      (error: unknown) => {
        pending.delete(locale);
        throw error;
      },
    );
    pending.set(locale, loading);
  }
  return loading;
}

/**
 * Loads the shipped messages of several locales (all by default), so that
 * {@link createUserAdminI18n} has them at once, as in tests or on a server.
 * @example
 * await preloadUserAdminLocales(); // en, fr and pt
 */
export async function preloadUserAdminLocales(locales: readonly string[] = SUPPORTED_LOCALES): Promise<void> {
  await Promise.all(locales.map((l) => loadUserAdminLocale(l)));
}

/**
 * Picks the locale whose messages to show: an exact match among `available`, else the language
 * subtag (`pt-BR` → `pt`, `de-AT` → `de`), else `en`.
 * @param locale A BCP 47 tag such as `fr-CA`. Defaults to `en` when absent.
 * @param available The locales that have messages. Defaults to {@link SUPPORTED_LOCALES}.
 * @example
 * resolveLocale('pt-PT'); // 'pt'
 * resolveLocale('de-AT', [...SUPPORTED_LOCALES, 'de']); // 'de'
 * resolveLocale('ja'); // 'en'
 */
export function resolveLocale(locale: string | null | undefined, available: readonly string[] = SUPPORTED_LOCALES): string {
  if (!locale) return 'en';
  const wanted = locale.trim().replace(/_/g, '-').toLowerCase();
  const exact = available.find((l) => l.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return available.find((l) => l.toLowerCase() === language) ?? 'en';
}

/**
 * The locales an instance has messages for: the bundled ones and any a host added.
 * @example
 * getAvailableLocales(createUserAdminI18n({ messages: { de: {} } })); // ['en', 'fr', 'pt', 'de']
 */
export function getAvailableLocales(instance: UserAdminI18n): string[] {
  const added = instance.languages.filter((l) => !(SUPPORTED_LOCALES as readonly string[]).includes(l));
  return [...SUPPORTED_LOCALES, ...added];
}

/**
 * The messages of every locale: the shipped ones loaded so far, then a host's loaded ones, then
 * its `messages`, deep-merged key by key in that order (each copied, `__proto__` and the like dropped).
 */
function mergedResources(messages: UserAdminMessages | undefined, loaded?: UserAdminMessages): Record<string, object> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const layer of [BUNDLED as UserAdminMessages, loaded ?? {}, messages ?? {}]) {
    for (const [lng, msgs] of Object.entries(layer)) {
      if (UNSAFE_KEYS.has(lng) || !msgs) continue;
      resources[lng] = deepMerge(resources[lng] ?? {}, msgs);
    }
  }
  return resources;
}

/**
 * Puts a host's messages over the shipped ones loaded so far, deep-merged key by key. Messages
 * applied before are dropped first, so removing an override brings the shipped text back.
 * `loaded` are messages a host's loader gave (see `UserAdminI18nProvider`'s `loadMessages`),
 * merged between the shipped ones and `messages`.
 * @example
 * applyMessages(instance, { en: { users: { title: 'People' } } });
 */
export function applyMessages(instance: UserAdminI18n, messages: UserAdminMessages | undefined, loaded?: UserAdminMessages): void {
  instance.setResources(mergedResources(messages, loaded));
}

/** Options of {@link createUserAdminI18n}. */
export interface CreateUserAdminI18nOptions {
  /** A BCP 47 tag, resolved by {@link resolveLocale}. Defaults to `en`. */
  locale?: string;
  /** A host's messages by locale, deep-merged over the bundled ones; a new locale becomes available. Defaults to none. */
  messages?: UserAdminMessages;
}

/**
 * Creates the library's own translation instance, ready as soon as it returns. It never touches
 * a host's i18n (i18next or other). It has the shipped messages loaded so far: English always,
 * French and Portuguese once {@link loadUserAdminLocale} (or `UserAdminI18nProvider`) has loaded them.
 * @example
 * const i18n = createUserAdminI18n({ locale: 'pt-BR', messages: { pt: { users: { title: 'Pessoas' } } } });
 * i18n.t('users.title'); // 'Pessoas'
 */
export function createUserAdminI18n(options: CreateUserAdminI18nOptions = {}): UserAdminI18n {
  const messages = options.messages ?? {};
  return createMessageEngine({
    language: resolveLocale(options.locale, [...SUPPORTED_LOCALES, ...Object.keys(messages)]),
    fallbackLanguage: 'en',
    resources: mergedResources(messages),
    // The core's limits fill `{{maxName}}`, `{{maxInviteAddresses}}`… in any message, so a message
    // states a limit without its caller passing it, and the number lives only in the core.
    defaultVariables: { ...LIMIT_MESSAGE_VALUES },
  });
}

/**
 * A translate function bound to an instance, for use outside React: in `locale`, or in the
 * instance's locale at each call.
 * @example
 * const t = getUserAdminT(createUserAdminI18n({ locale: 'fr' }));
 * t('common.save'); // 'Enregistrer'
 */
export function getUserAdminT(instance: UserAdminI18n, locale?: string): UserAdminT {
  return instance.getFixedT(locale ?? null) as UserAdminT;
}

/** Keys a merge must never write: through them a host's `messages` would reach `Object.prototype`. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function deepMerge(target: Record<string, unknown>, source: object): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const current = target[key];
    if (value && typeof value === 'object') {
      target[key] = deepMerge(current && typeof current === 'object' ? (current as Record<string, unknown>) : {}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}
