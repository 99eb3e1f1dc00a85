import { useContext, useMemo, useSyncExternalStore } from 'react';
import type { UserAdminI18n } from './engine';
import { UserAdminI18nContext } from './context';
import type { Formatters } from './format';
import type { UserAdminT } from './i18n';

/** What {@link useUserAdminTranslation} returns. */
export interface UserAdminTranslation {
  /** Translates a library key in the current locale. */
  t: UserAdminT;
  /** The library's private translation instance (never the host's i18n). */
  i18n: UserAdminI18n;
  /** The locale whose messages are shown (`pt` for `pt-BR`). */
  locale: string;
  /** Dates, relative times, numbers and lists in the host's locale. */
  format: Formatters;
  /** The direction the shown texts read in (`rtl` for Arabic), or the provider's `dir`. */
  dir: 'ltr' | 'rtl';
}

/**
 * The library's texts and formatters, re-rendering when the locale or the messages change.
 * Throws when used outside `UserAdminProvider`.
 * @example
 * function Title() {
 *   const { t, format } = useUserAdminTranslation();
 *   return <h1>{t('users.title')} · {format.number(1234)}</h1>;
 * }
 */
export function useUserAdminTranslation(): UserAdminTranslation {
  const context = useContext(UserAdminI18nContext);
  if (!context) throw new Error('`useUserAdminTranslation` must be used within <UserAdminProvider>.');
  const { i18n } = context;
  const revision = useSyncExternalStore(i18n.subscribe, () => i18n.revision, () => i18n.revision);
  // A new `t` at each change of locale or messages, so memoized children re-render with the new texts.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const t = useMemo(() => i18n.getFixedT(i18n.language) as UserAdminT, [i18n, revision]);
  return { t, i18n, locale: context.locale, format: context.format, dir: context.dir };
}
