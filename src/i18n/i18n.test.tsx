import { useState } from 'react';
import { act, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { UserAdminError } from '../contract/errors';
import {
  createFormatters,
  createUserAdminI18n,
  getUserAdminT,
  resolveLocale,
  SUPPORTED_LOCALES,
  translateError,
  translateFieldError,
  UserAdminI18nProvider,
  useUserAdminTranslation,
  type UserAdminMessages,
} from './index';

const DAY = 86_400_000;

describe('resolveLocale', () => {
  it.each([
    ['pt-BR', 'pt'], ['pt-PT', 'pt'], ['pt', 'pt'], ['fr-CA', 'fr'], ['fr-FR', 'fr'], ['en-US', 'en'],
    ['FR_ca', 'fr'], ['ja', 'en'], ['', 'en'], [undefined, 'en'],
  ])('resolves %s to %s', (tag, expected) => {
    expect(resolveLocale(tag)).toBe(expected);
  });

  it('given a host-added locale, resolves it and its regional variants to itself', () => {
    const available = [...SUPPORTED_LOCALES, 'de'];
    expect(resolveLocale('de', available)).toBe('de');
    expect(resolveLocale('de-AT', available)).toBe('de');
    expect(resolveLocale('de-AT')).toBe('en');
  });
});

describe('createUserAdminI18n', () => {
  it('is ready synchronously, in the resolved locale, and leaves the global i18next alone', () => {
    const i18n = createUserAdminI18n({ locale: 'pt-BR' });
    expect(i18n.language).toBe('pt');
    expect(i18n.t('users.title')).toBe('Usuários');
    expect(i18next.isInitialized ?? false).toBe(false);
  });

  it('fills a core limit in any message without the caller passing it, and a passed value wins', () => {
    const i18n = createUserAdminI18n();
    expect(i18n.t('validation.nameTooLong')).toMatch(/\d/);
    expect(i18n.t('validation.nameTooLong')).not.toContain('{{');
  });

  it('gives the default text, else the key, for a key with no message; a missing value interpolates as nothing', () => {
    const i18n = createUserAdminI18n({ messages: { en: { extra: { greet: 'Hi {{name}}!' } } as never } });
    expect(i18n.t('nope.missing')).toBe('nope.missing');
    expect(i18n.t('nope.missing', { defaultValue: 'Fallback' })).toBe('Fallback');
    expect(i18n.t('users')).toBe('users');
    expect(i18n.t('extra.greet')).toBe('Hi !');
    expect(i18n.t('extra.greet', { name: 'Ana' })).toBe('Hi Ana!');
  });

  it('uses a `_zero` form for 0 when a locale has one, and the bare key when it has no plural forms', () => {
    const i18n = createUserAdminI18n({ messages: { en: { extra: { n_zero: 'none', n_one: 'one', n_other: '{{count}}', bare: '{{count}} thing(s)' } } as never } });
    expect(i18n.t('extra.n', { count: 0 })).toBe('none');
    expect(i18n.t('extra.n', { count: 1 })).toBe('one');
    expect(i18n.t('extra.n', { count: 7 })).toBe('7');
    expect(i18n.t('extra.bare', { count: 2 })).toBe('2 thing(s)');
  });

  it('tells subscribers of a locale or messages change, once each, and stops after unsubscribing', () => {
    const i18n = createUserAdminI18n();
    const listener = vi.fn();
    const stop = i18n.subscribe(listener);
    const before = i18n.revision;
    i18n.changeLanguage('fr');
    i18n.changeLanguage('fr');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(i18n.revision).toBe(before + 1);
    stop();
    i18n.changeLanguage('pt');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not HTML-escape interpolated values (React escapes them)', () => {
    const t = getUserAdminT(createUserAdminI18n());
    expect(t('actions.moreActions', { name: 'Ana & <Bruno>' })).toBe('More actions for Ana & <Bruno>');
  });

  it('picks the plural form each locale needs: fr 0 → _one, 1 000 000 → _many; pt 2 → _other', () => {
    const i18n = createUserAdminI18n();
    const t = (lng: string, count: number) => i18n.t('users.count', { lng, count });
    expect(t('en', 0)).toBe('0 users');
    expect(t('en', 1)).toBe('1 user');
    expect(t('fr', 0)).toBe('0 utilisateur');
    expect(t('fr', 1)).toBe('1 utilisateur');
    expect(t('fr', 2)).toBe('2 utilisateurs');
    expect(t('fr', 1_000_000)).toBe("1000000 d'utilisateurs");
    expect(t('pt', 1)).toBe('1 usuário');
    expect(t('pt', 2)).toBe('2 usuários');
    expect(t('pt', 1_000_000)).toBe('1000000 de usuários');
  });

  it('given a host override, shows it deep-merged: the overridden key changes, its siblings stay bundled', () => {
    const i18n = createUserAdminI18n({ locale: 'fr', messages: { fr: { users: { title: 'Collaborateurs' } } } });
    expect(i18n.t('users.title')).toBe('Collaborateurs');
    expect(i18n.t('users.empty')).toBe('Aucun utilisateur trouvé');
  });

  it('given messages for a new locale, makes it available and falls back to English for missing keys', () => {
    const i18n = createUserAdminI18n({ locale: 'de-AT', messages: { de: { common: { save: 'Speichern' } } } });
    expect(i18n.language).toBe('de');
    expect(i18n.t('common.save')).toBe('Speichern');
    expect(i18n.t('common.cancel')).toBe('Cancel');
  });

  it('given an unknown locale, shows English', () => {
    expect(createUserAdminI18n({ locale: 'ja-JP' }).t('common.cancel')).toBe('Cancel');
  });
});

describe('createFormatters', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('says relative times in the locale with the best unit', () => {
    expect(createFormatters('en').relativeTime(now + 3 * DAY, now)).toBe('in 3 days');
    expect(createFormatters('en').relativeTime(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(createFormatters('fr').relativeTime(now + 3 * DAY, now)).toBe('dans 3 jours');
    expect(createFormatters('pt').relativeTime(now + 3 * DAY, now)).toBe('em 3 dias');
    expect(createFormatters('en').relativeTime(now + DAY, now)).toBe('tomorrow');
    expect(createFormatters('en').relativeTime(now - 90 * DAY, now)).toBe('3 months ago');
  });

  it('accepts ISO strings, timestamps and Dates alike, and gives an empty string for an invalid date', () => {
    const f = createFormatters('en');
    const iso = '2026-03-13T12:00:00Z';
    expect(f.relativeTime(iso, now)).toBe(f.relativeTime(Date.parse(iso), new Date(now)));
    expect(f.date(iso, { timeZone: 'UTC' })).toBe('Mar 13, 2026');
    expect(f.date('not a date')).toBe('');
  });

  it('formats dates, numbers and lists the locale\'s way', () => {
    expect(createFormatters('fr').date('2026-03-13T12:00:00Z', { timeZone: 'UTC', dateStyle: 'long' })).toBe('13 mars 2026');
    expect(createFormatters('pt').number(1234.5)).toBe('1.234,5');
    expect(createFormatters('fr').list(['Ana', 'Bruno', 'Chloé'])).toBe('Ana, Bruno et Chloé');
    expect(createFormatters('pt').list(['Ana', 'Bruno'])).toBe('Ana e Bruno');
  });

  it('returns the same formatters for the same locale', () => {
    expect(createFormatters('fr')).toBe(createFormatters('fr'));
    expect(createFormatters('fr')).not.toBe(createFormatters('pt'));
  });
});

describe('translateError and translateFieldError', () => {
  const t = getUserAdminT(createUserAdminI18n());

  it('prefers the domain reason over the code', () => {
    expect(translateError(t, new UserAdminError('conflict', 'x', { reason: 'last_admin' }))).toBe(
      'This is the last administrator. Give another user an administrator role first.',
    );
  });

  it('falls back to the code, and to unknown for a value that is not a UserAdminError', () => {
    expect(translateError(t, new UserAdminError('network'))).toBe("We couldn't reach the server. Check your connection and try again.");
    expect(translateError(t, 'boom')).toBe(translateError(t, new UserAdminError('unknown')));
    expect(translateError(t, new Error('boom'))).toMatch(/^Something went wrong/);
  });

  it('given a rate limit with retryAfterMs, says how many whole seconds to wait', () => {
    expect(translateError(t, new UserAdminError('rate_limited', 'x', { retryAfterMs: 1_000 }))).toMatch(/in 1 second\.$/);
    expect(translateError(t, new UserAdminError('rate_limited', 'x', { retryAfterMs: 4_200 }))).toMatch(/in 5 seconds\.$/);
    expect(translateError(t, new UserAdminError('rate_limited'))).toBe('Too many requests in a short time. Wait a moment and try again.');
  });

  it('translates known field codes and schema keys, and shows other text as the backend sent it', () => {
    expect(translateFieldError(t, 'taken')).toBe('This is already in use.');
    expect(translateFieldError(t, 'validation.usernameTooShort', { min: 6 })).toBe('Use at least 6 characters.');
    expect(translateFieldError(t, 'Must be a company address')).toBe('Must be a company address');
  });
});

describe('UserAdminI18nProvider and useUserAdminTranslation', () => {
  function NameField() {
    const { t } = useUserAdminTranslation();
    const [value, setValue] = useState('');
    return (
      <label>
        {t('users.columns.name')}
        <input value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
    );
  }

  it('given a locale switch, changes the text and keeps a child\'s state (no remount)', async () => {
    const user = userEvent.setup();
    const { rerender } = render(
      <UserAdminI18nProvider locale="en">
        <NameField />
      </UserAdminI18nProvider>,
    );
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ana');
    rerender(
      <UserAdminI18nProvider locale="fr-FR">
        <NameField />
      </UserAdminI18nProvider>,
    );
    expect(screen.getByRole('textbox', { name: 'Nom' })).toHaveValue('Ana');
    rerender(
      <UserAdminI18nProvider locale="pt-BR">
        <NameField />
      </UserAdminI18nProvider>,
    );
    expect(screen.getByRole('textbox', { name: 'Nome' })).toHaveValue('Ana');
  });

  it('given new messages, re-renders with them, and brings the bundled text back when they go', () => {
    const Title = () => <h1>{useUserAdminTranslation().t('users.title')}</h1>;
    const ui = (messages?: UserAdminMessages) => (
      <UserAdminI18nProvider locale="en" messages={messages}>
        <Title />
      </UserAdminI18nProvider>
    );
    const { rerender } = render(ui());
    expect(screen.getByRole('heading')).toHaveTextContent('Users');
    rerender(ui({ en: { users: { title: 'People' } } }));
    expect(screen.getByRole('heading')).toHaveTextContent('People');
    rerender(ui());
    expect(screen.getByRole('heading')).toHaveTextContent('Users');
  });

  it('gives the resolved locale and formatters for the host\'s full tag', () => {
    const { result } = renderHook(() => useUserAdminTranslation(), {
      wrapper: ({ children }) => <UserAdminI18nProvider locale="pt-PT">{children}</UserAdminI18nProvider>,
    });
    expect(result.current.locale).toBe('pt');
    expect(result.current.format.locale).toBe('pt-PT');
    expect(result.current.t('common.save')).toBe('Salvar');
  });

  it('throws a sentence naming the provider when used outside it', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useUserAdminTranslation())).toThrow(
      '`useUserAdminTranslation` must be used within <UserAdminProvider>.',
    );
    vi.mocked(console.error).mockRestore();
  });

  it('leaves the host\'s own react-i18next to the host\'s components inside it', async () => {
    const host = i18next.createInstance();
    await host.init({
      lng: 'en',
      defaultNS: 'app',
      resources: { en: { app: { greeting: 'Hello from the host' } } },
      initAsync: false,
    });
    function HostGreeting() {
      const { t, i18n } = useTranslation();
      return <p data-testid="host" data-same={String(i18n === host || (i18n as { __original?: unknown }).__original === host)}>{t('greeting')}</p>;
    }
    function OurTitle() {
      return <h1>{useUserAdminTranslation().t('users.title')}</h1>;
    }
    render(
      <I18nextProvider i18n={host} defaultNS="app">
        <UserAdminI18nProvider locale="fr">
          <OurTitle />
          <HostGreeting />
        </UserAdminI18nProvider>
      </I18nextProvider>,
    );
    expect(screen.getByTestId('host')).toHaveTextContent('Hello from the host');
    expect(screen.getByTestId('host')).toHaveAttribute('data-same', 'true');
    expect(screen.getByRole('heading')).toHaveTextContent('Utilisateurs');
    expect(host.language).toBe('en');
    await act(async () => {
      await host.changeLanguage('fr');
    });
    expect(screen.getByRole('heading')).toHaveTextContent('Utilisateurs');
  });
});
