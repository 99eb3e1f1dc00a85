import { render, screen } from '@testing-library/react';
import { UserAdminRoot } from '../ui/Root';
import { createUserAdminI18n, localeDirection, UserAdminI18nProvider, useUserAdminTranslation, type UserAdminMessages } from './index';

describe('localeDirection', () => {
  it.each([
    ['ar', 'rtl'], ['ar-EG', 'rtl'], ['he', 'rtl'], ['fa-IR', 'rtl'], ['ur', 'rtl'], ['ps', 'rtl'], ['ckb', 'rtl'],
    ['en', 'ltr'], ['fr-CA', 'ltr'], ['pt_BR', 'ltr'], ['ja', 'ltr'], ['tr', 'ltr'], ['not a tag', 'ltr'],
  ])('%s reads %s', (tag, expected) => {
    expect(localeDirection(tag)).toBe(expected);
  });

  it('without Intl.Locale#getTextInfo (Firefox), decides from the script, else the language', () => {
    const Real = Intl.Locale;
    // An Intl.Locale that has neither getTextInfo() nor textInfo.
    class Bare {
      language: string;
      script: string | undefined;
      constructor(tag: string) {
        const real = new Real(tag);
        this.language = real.language;
        this.script = real.script;
      }
    }
    vi.stubGlobal('Intl', { ...Intl, Locale: Bare });
    try {
      expect(localeDirection('ar')).toBe('rtl');
      expect(localeDirection('he-IL')).toBe('rtl');
      expect(localeDirection('fa')).toBe('rtl');
      expect(localeDirection('ur-PK')).toBe('rtl');
      expect(localeDirection('az-Arab')).toBe('rtl');
      expect(localeDirection('en')).toBe('ltr');
      expect(localeDirection('pa-Guru')).toBe('ltr');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

/** A locale the library does not ship, added by a host through `messages` alone. */
const ar: UserAdminMessages = {
  ar: {
    common: { save: 'حفظ' },
    users: {
      count_zero: 'لا مستخدمين',
      count_one: 'مستخدم واحد',
      count_two: 'مستخدمان',
      count_few: '{{count}} مستخدمين',
      count_many: '{{count}} مستخدمًا',
      count_other: '{{count}} مستخدم',
    },
  },
};

describe('an Arabic locale added through messages alone', () => {
  it("picks Arabic plural forms from Intl.PluralRules('ar'): zero, one, two, few, many, other", () => {
    const i18n = createUserAdminI18n({ locale: 'ar', messages: ar });
    expect(i18n.language).toBe('ar');
    expect([0, 1, 2, 3, 10, 11, 99, 100, 102].map((count) => i18n.t('users.count', { count }))).toEqual([
      'لا مستخدمين', 'مستخدم واحد', 'مستخدمان', '3 مستخدمين', '10 مستخدمين', '11 مستخدمًا', '99 مستخدمًا', '100 مستخدم', '102 مستخدم',
    ]);
  });

  it('falls back to English for a key the host did not translate', () => {
    const i18n = createUserAdminI18n({ locale: 'ar-SA', messages: ar });
    expect(i18n.t('common.save')).toBe('حفظ');
    expect(i18n.t('common.cancel')).toBe('Cancel');
    // A plural key missing in Arabic takes the English form of the count (en has only one/other).
    expect(i18n.t('common.selected', { count: 2 })).toBe('2 selected');
  });

  function Probe() {
    const { t, dir, locale } = useUserAdminTranslation();
    return <p data-dir={dir} data-locale={locale}>{t('users.count', { count: 2 })}</p>;
  }

  it('the styled root gets dir="rtl" and lang="ar"; the hook says rtl', () => {
    render(
      <UserAdminI18nProvider locale="ar" messages={ar}>
        <UserAdminRoot data-testid="root"><Probe /></UserAdminRoot>
      </UserAdminI18nProvider>,
    );
    const root = screen.getByTestId('root');
    expect(root).toHaveAttribute('dir', 'rtl');
    expect(root).toHaveAttribute('lang', 'ar');
    expect(screen.getByText('مستخدمان')).toHaveAttribute('data-dir', 'rtl');
  });

  it("a regional tag keeps the host's full tag in lang", () => {
    render(
      <UserAdminI18nProvider locale="ar-EG" messages={ar}>
        <UserAdminRoot data-testid="root" />
      </UserAdminI18nProvider>,
    );
    expect(screen.getByTestId('root')).toHaveAttribute('dir', 'rtl');
    expect(screen.getByTestId('root')).toHaveAttribute('lang', 'ar-EG');
  });

  it('Arabic asked for without Arabic messages shows English, left to right', () => {
    render(
      <UserAdminI18nProvider locale="ar">
        <UserAdminRoot data-testid="root"><Probe /></UserAdminRoot>
      </UserAdminI18nProvider>,
    );
    expect(screen.getByTestId('root')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByTestId('root')).toHaveAttribute('lang', 'en');
    expect(screen.getByText('2 users')).toBeInTheDocument();
  });

  it("the provider's dir, then the root's own dir and lang, override the locale's", () => {
    const view = render(
      <UserAdminI18nProvider locale="ar" messages={ar} dir="ltr">
        <UserAdminRoot data-testid="root"><Probe /></UserAdminRoot>
      </UserAdminI18nProvider>,
    );
    expect(screen.getByTestId('root')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('مستخدمان')).toHaveAttribute('data-dir', 'ltr');
    view.unmount();
    render(
      <UserAdminI18nProvider locale="ar" messages={ar}>
        <UserAdminRoot data-testid="root" dir="ltr" lang="ar-Latn" />
      </UserAdminI18nProvider>,
    );
    expect(screen.getByTestId('root')).toHaveAttribute('dir', 'ltr');
    expect(screen.getByTestId('root')).toHaveAttribute('lang', 'ar-Latn');
  });

  it('outside a provider the root sets neither dir nor lang (it inherits the page)', () => {
    render(<UserAdminRoot data-testid="root" />);
    expect(screen.getByTestId('root')).not.toHaveAttribute('dir');
    expect(screen.getByTestId('root')).not.toHaveAttribute('lang');
  });
});
