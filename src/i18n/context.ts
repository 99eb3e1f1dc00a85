import { createContext } from 'react';
import type { i18n as I18nInstance } from 'i18next';
import type { Formatters } from './format';

/** What {@link UserAdminI18nProvider} shares with {@link useUserAdminTranslation}. */
export interface UserAdminI18nContextValue {
  /** The library's private i18next instance. */
  i18n: I18nInstance;
  /** The locale whose messages are shown (`pt` for `pt-BR`). */
  locale: string;
  /** Formatters for the host's full tag (`pt-BR` dates) when `Intl` knows it, else for `locale`. */
  format: Formatters;
  /** Options for react-i18next's `useTranslation`, stable per instance. */
  translationOptions: { i18n: I18nInstance; useSuspense: false };
}

/** `null` outside the provider, so the hook can say what is missing. */
export const UserAdminI18nContext = createContext<UserAdminI18nContextValue | null>(null);
UserAdminI18nContext.displayName = 'UserAdminI18nContext';
