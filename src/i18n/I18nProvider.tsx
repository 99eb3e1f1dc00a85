import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createFormatters } from './format';
import { applyMessages, createUserAdminI18n, resolveLocale, SUPPORTED_LOCALES, type UserAdminMessages } from './i18n';
import { UserAdminI18nContext, type UserAdminI18nContextValue } from './context';

/** Props of {@link UserAdminI18nProvider}. */
export interface UserAdminI18nProviderProps {
  /** A BCP 47 tag (`fr-CA`, `pt-BR`); the texts follow its language. Defaults to `en`. */
  locale?: string;
  /** A host's messages by locale, deep-merged over the bundled ones; a new locale becomes available. Defaults to none. */
  messages?: UserAdminMessages;
  children?: ReactNode;
}

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
 * Gives the library's components their texts in `locale` through a private i18next instance.
 * Changing `locale` or `messages` re-renders the texts without remounting children, so an
 * open form keeps what was typed. It renders no `I18nextProvider`: the host's own
 * react-i18next keeps working inside it. `UserAdminProvider` renders it for you.
 * @example
 * <UserAdminI18nProvider locale="pt-BR" messages={{ pt: { users: { title: 'Pessoas' } } }}>
 *   <UserList />
 * </UserAdminI18nProvider>
 */
export function UserAdminI18nProvider({ locale, messages, children }: UserAdminI18nProviderProps) {
  const [i18n] = useState(() => createUserAdminI18n({ locale, messages }));
  const [translationOptions] = useState(() => ({ i18n, useSuspense: false as const }));
  const messagesKey = useMemo(() => JSON.stringify(messages ?? {}), [messages]);
  const appliedKey = useRef(messagesKey);
  const resolved = resolveLocale(locale, [...SUPPORTED_LOCALES, ...Object.keys(messages ?? {})]);
  const formatLocale = formatLocaleFor(locale, resolved);

  useIsomorphicLayoutEffect(() => {
    if (appliedKey.current !== messagesKey) {
      appliedKey.current = messagesKey;
      applyMessages(i18n, messages);
    }
    if (i18n.language !== resolved) void i18n.changeLanguage(resolved);
  }, [i18n, messagesKey, resolved]);

  const value = useMemo<UserAdminI18nContextValue>(
    () => ({ i18n, locale: resolved, format: createFormatters(formatLocale), translationOptions }),
    // messagesKey: a new value makes consumers re-render with the new messages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, resolved, formatLocale, translationOptions, messagesKey],
  );
  return <UserAdminI18nContext.Provider value={value}>{children}</UserAdminI18nContext.Provider>;
}
