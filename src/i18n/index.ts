export {
  SUPPORTED_LOCALES,
  resolveLocale,
  getAvailableLocales,
  applyMessages,
  createUserAdminI18n,
  getUserAdminT,
  getLoadedLocaleMessages,
  loadUserAdminLocale,
  preloadUserAdminLocales,
} from './i18n';
export type {
  SupportedLocale,
  Messages,
  DeepPartial,
  PluralCategory,
  LocaleMessages,
  UserAdminMessages,
  MessageKey,
  TranslateOptions,
  UserAdminT,
  CreateUserAdminI18nOptions,
} from './i18n';
export type { UserAdminI18n } from './engine';
export { localeDirection } from './direction';
export type { TextDirection } from './direction';
export { createFormatters } from './format';
export type { DateInput, Formatters } from './format';
export { UserAdminI18nProvider } from './I18nProvider';
export type { UserAdminI18nProviderProps, UserAdminLocaleLoader } from './I18nProvider';
export { useUserAdminTranslation } from './useUserAdminTranslation';
export type { UserAdminTranslation } from './useUserAdminTranslation';
export { UserAdminI18nContext } from './context';
export type { UserAdminI18nContextValue } from './context';
export { translateError, translateFieldError } from './errors';
export { checkMessages } from './check-messages';
export type { MessageProblem, MessageProblemKind, CheckMessagesOptions } from './check-messages';
