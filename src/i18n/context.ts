import { createContext } from 'react';
import type { UserAdminI18n } from './engine';
import type { TextDirection } from './direction';
import type { Formatters } from './format';

/** What {@link UserAdminI18nProvider} shares with {@link useUserAdminTranslation}. */
export interface UserAdminI18nContextValue {
  /** The library's private translation instance. */
  i18n: UserAdminI18n;
  /** The locale whose messages are shown (`pt` for `pt-BR`). */
  locale: string;
  /** Formatters for the host's full tag (`pt-BR` dates) when `Intl` knows it, else for `locale`. */
  format: Formatters;
  /** The direction the shown locale reads in (`rtl` for `ar`), or the host's `dir`. The styled roots carry it. */
  dir: TextDirection;
  /** The language tag of the shown texts (the host's full tag when it is the shown language), for `lang`. */
  lang: string;
}

/** `null` outside the provider, so the hook can say what is missing. */
export const UserAdminI18nContext = createContext<UserAdminI18nContextValue | null>(null);
UserAdminI18nContext.displayName = 'UserAdminI18nContext';
