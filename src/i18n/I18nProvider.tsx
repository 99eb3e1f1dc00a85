import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createFormatters } from './format';
import {
  applyMessages, createUserAdminI18n, getLoadedLocaleMessages, loadUserAdminLocale, resolveLocale, SUPPORTED_LOCALES,
  type LocaleMessages, type UserAdminMessages,
} from './i18n';
import { UserAdminI18nContext, type UserAdminI18nContextValue } from './context';
import { localeDirection, type TextDirection } from './direction';

/** Props of {@link UserAdminI18nProvider}. */
export interface UserAdminI18nProviderProps {
  /** A BCP 47 tag (`fr-CA`, `pt-BR`); the texts follow its language. Defaults to `en`. */
  locale?: string;
  /** A host's messages by locale, deep-merged over the bundled ones; a new locale becomes available. Defaults to none. */
  messages?: UserAdminMessages;
  /**
   * Loads a locale's messages on demand: a locale the library does not ship (`de`), or a
   * host's own texts for a shipped one (whose messages come from their own chunk). Called with
   * the language the provider resolved (`de` for `de-AT`); what it resolves with is merged
   * between the shipped messages and `messages`; `undefined` means none (the shipped messages,
   * else English, are shown). Keep it stable (a module-level function). Defaults to none.
   */
  loadMessages?: UserAdminLocaleLoader;
  /**
   * The reading direction of the styled components, whose roots carry it as `dir` (with `lang`).
   * Defaults to the shown locale's: `rtl` for Arabic, Hebrew, Persian, Urdu… (see `localeDirection`).
   */
  dir?: TextDirection;
  /** Shown instead of the children until the first locale's messages are there. Defaults to nothing. */
  fallback?: ReactNode;
  children?: ReactNode;
}

/** A host's loader of one locale's messages, for {@link UserAdminI18nProviderProps.loadMessages}. */
export type UserAdminLocaleLoader = (locale: string) => Promise<LocaleMessages | undefined>;

/** Runs before paint in the browser; on the server there is nothing to paint. */
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? () => {} : useLayoutEffect;

/** Formats with the host's full tag (pt-PT dates differ from pt-BR) when it is the shown language and `Intl` knows it. */
function formatLocaleFor(locale: string | undefined, resolved: string): string {
  if (!locale) return resolved;
  const tag = locale.trim().replace(/_/g, '-');
  const sameLanguage = tag.toLowerCase().split('-')[0] === resolved.toLowerCase().split('-')[0];
  try {
    return sameLanguage && Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : resolved;
  } catch {
    return resolved;
  }
}

/**
 * Gives the library's components their texts in `locale` through a private translation instance.
 * Changing `locale` or `messages` re-renders the texts without remounting children, so an
 * open form keeps what was typed. It touches no host i18n: a host's own react-i18next (or any
 * other) keeps working inside it. `UserAdminProvider` renders it for you.
 * @example
 * <UserAdminI18nProvider locale="pt-BR" messages={{ pt: { users: { title: 'Pessoas' } } }}>
 *   <UserList />
 * </UserAdminI18nProvider>
 */
export function UserAdminI18nProvider({ locale, messages, loadMessages, dir, fallback = null, children }: UserAdminI18nProviderProps) {
  const messagesKey = useMemo(() => JSON.stringify(messages ?? {}), [messages]);
  const available = [...SUPPORTED_LOCALES, ...Object.keys(messages ?? {})];
  // With a host loader, the locale's language is worth asking it for even if nothing else has it.
  const language = locale?.trim().replace(/_/g, '-').toLowerCase().split('-')[0];
  const wanted = resolveLocale(locale, loadMessages && language ? [...available, language] : available);
  // A locale is ready once its messages are in the instance: English and a host's `messages`
  // locale at once, a shipped one once its chunk has loaded, any other once the host's loader answered.
  const [hostLoaded] = useState(() => new Map<string, LocaleMessages | undefined>());
  // The shipped locales whose messages are in this instance (created with those loaded so far).
  const [merged] = useState(() => new Set<string>(SUPPORTED_LOCALES.filter((l) => getLoadedLocaleMessages(l) !== undefined)));
  const isReady = (l: string) =>
    l === 'en' || ((!(SUPPORTED_LOCALES as readonly string[]).includes(l) || merged.has(l)) && (!loadMessages || hostLoaded.has(l)));
  const [i18n] = useState(() => createUserAdminI18n({ locale: isReady(wanted) ? wanted : 'en', messages }));
  // The locale shown: the wanted one once ready; until then the previous one (no text goes
  // blank or shows its key), or nothing at all on a first render in a locale still loading.
  const [shown, setShown] = useState<string | null>(() => (isReady(wanted) ? wanted : null));
  const current = isReady(wanted) ? wanted : shown;
  // Remember the locale last shown, for the next switch to keep until its messages are there.
  if (current !== null && shown !== current) setShown(current);
  const appliedKey = useRef(messagesKey);
  const loadedObject = () => Object.fromEntries([...hostLoaded].filter((e): e is [string, LocaleMessages] => e[1] !== undefined));

  useEffect(() => {
    if (isReady(wanted)) return;
    let live = true;
    const shipped = loadUserAdminLocale(wanted);
    const host = loadMessages ? loadMessages(wanted) : Promise.resolve(undefined);
    Promise.all([shipped, host])
      .catch((error: unknown) => {
        // A locale that cannot load shows the shipped (else English) texts rather than nothing.
        console.error(`user-admin-kit: the messages of "${wanted}" could not be loaded`, error);
        return [undefined, undefined] as const;
      })
      .then(([, fromHost]) => {
        if (loadMessages) hostLoaded.set(wanted, fromHost);
        applyMessages(i18n, messages, loadedObject());
        for (const l of SUPPORTED_LOCALES) if (getLoadedLocaleMessages(l) !== undefined) merged.add(l);
        appliedKey.current = messagesKey;
        if (!live) return;
        // Before the children render in it, so their first render is already in this language.
        i18n.changeLanguage(wanted);
        setShown(wanted);
      });
    return () => {
      live = false;
    };
    // isReady reads hostLoaded and the shipped cache, which only grow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n, wanted, loadMessages]);

  const resolved = current ?? wanted;
  const formatLocale = formatLocaleFor(locale, resolved);
  // The direction of the texts shown: English shown for a locale without messages reads left to right.
  const direction = dir ?? localeDirection(formatLocale);
  useIsomorphicLayoutEffect(() => {
    if (appliedKey.current !== messagesKey) {
      appliedKey.current = messagesKey;
      applyMessages(i18n, messages, loadedObject());
    }
    if (current !== null && i18n.language !== current) i18n.changeLanguage(current);
  }, [i18n, messagesKey, current]);

  const value = useMemo<UserAdminI18nContextValue>(
    () => ({ i18n, locale: resolved, format: createFormatters(formatLocale), dir: direction, lang: formatLocale }),
    // messagesKey: a new value makes consumers re-render with the new messages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, resolved, formatLocale, direction, messagesKey],
  );
  return <UserAdminI18nContext.Provider value={value}>{current === null ? fallback : children}</UserAdminI18nContext.Provider>;
}
