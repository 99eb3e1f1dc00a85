import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18nInstance } from 'i18next';
import { UserAdminI18nContext } from './context';
import type { Formatters } from './format';
import { USER_ADMIN_NAMESPACE, type UserAdminT } from './i18n';

/** What {@link useUserAdminTranslation} returns. */
export interface UserAdminTranslation {
  /** Translates a library key in the current locale. */
  t: UserAdminT;
  /** The library's private i18next instance (never the host's). */
  i18n: I18nInstance;
  /** The locale whose messages are shown (`pt` for `pt-BR`). */
  locale: string;
  /** Dates, relative times, numbers and lists in the host's locale. */
  format: Formatters;
}

/**
 * The library's texts and formatters, re-rendering when the locale changes.
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
  // The namespace is explicit: a host's I18nextProvider above us may carry its own defaultNS.
  const { t } = useTranslation(USER_ADMIN_NAMESPACE, context.translationOptions);
  return { t: t as unknown as UserAdminT, i18n: context.i18n, locale: context.locale, format: context.format };
}
