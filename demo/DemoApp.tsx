import { useId, useMemo, useState, useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { UserAdminProvider, localeDirection, useUserAdminTranslation, useSettings, userAdminKeys, type UserAdminMessages } from '../src/headless';
import { ar } from '../docs/examples/locale-ar';
import { createRestAdapter } from '../src/adapters/rest';
import type { MockStore } from '../mocks';
import type { UserAdminAdapter } from '../src/contract/types';
import { UserAdmin } from '../src';

type Locale = 'en' | 'fr' | 'pt' | 'ar';
type Theme = 'light' | 'dark';
const LOCALES: Locale[] = ['en', 'fr', 'pt', 'ar'];
/** Arabic is not shipped: the demo adds it as a host would, in one object; the screen then reads right to left. */
const MESSAGES: UserAdminMessages = { ar };

/** The backend the page runs on: the mock store in the page (behind MSW), or a real server's adapter. */
export type DemoConnection =
  | { kind: 'mock'; store: MockStore }
  | { kind: 'better-auth' | 'scim'; adapter: UserAdminAdapter };

export interface DemoAppProps {
  connection: DemoConnection;
}

/**
 * The demo page: the composed UserAdmin screen with a locale switcher and a theme; on the mock
 * backend (the REST adapter over MSW) also switches for SSO, the admin's workspace and usernames.
 */
export function DemoApp({ connection }: DemoAppProps) {
  const initial = (new URLSearchParams(location.search).get('locale') as Locale | null) ?? 'en';
  const [locale, setLocale] = useState<Locale>(LOCALES.includes(initial) ? initial : 'en');
  const [theme, setTheme] = useState<Theme>('light');
  const adapter = useMemo(() => (connection.kind === 'mock' ? createRestAdapter({ baseUrl: '/api' }) : connection.adapter), [connection]);
  const store = connection.kind === 'mock' ? connection.store : null;

  const dir = localeDirection(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = dir;
  }, [locale, dir]);

  return (
    <UserAdminProvider adapter={adapter} locale={locale} messages={MESSAGES}>
      <div className="uak-root uak-demo" data-theme={theme} lang={locale} dir={dir}>
        <DemoHeader locale={locale} onLocale={setLocale} theme={theme} onTheme={setTheme} backend={connection.kind} store={store} />
        <main>
          {/* The mock store's clock starts on 2026-01-15; relative times are measured against it. Real servers use the real time. */}
          <UserAdmin {...(store ? { now: store.clock.now } : {})} userListProps={{ defaultState: { pageSize: 25 } }} />
        </main>
      </div>
    </UserAdminProvider>
  );
}

function DemoHeader(props: { locale: Locale; onLocale(l: Locale): void; theme: Theme; onTheme(t: Theme): void; backend: DemoConnection['kind']; store: MockStore | null }) {
  const { t } = useUserAdminTranslation();
  const localeId = useId();
  const themeId = useId();

  return (
    <header className="uak-demo-header">
      <div>
        <h1>{t('demo.title')}</h1>
        <p className="uak-muted">{t(`demo.backend.${props.backend}`)}</p>
      </div>
      <div className="uak-demo-controls">
        <label htmlFor={localeId}>{t('demo.localeLabel')}</label>
        <select id={localeId} value={props.locale} onChange={(e) => props.onLocale(e.target.value as Locale)}>
          {LOCALES.map((l) => (
            // Arabic, added by the demo, is named in Arabic, as language pickers name languages.
            <option key={l} value={l} lang={l === 'ar' ? 'ar' : undefined}>{l === 'ar' ? 'العربية' : t(`demo.language.${l}`)}</option>
          ))}
        </select>
        <label htmlFor={themeId}>{t('demo.themeLabel')}</label>
        <select id={themeId} value={props.theme} onChange={(e) => props.onTheme(e.target.value as Theme)}>
          <option value="light">{t('demo.themeLight')}</option>
          <option value="dark">{t('demo.themeDark')}</option>
        </select>
        {props.store ? <MockSwitches store={props.store} /> : null}
      </div>
    </header>
  );
}

/** Switches that change the mock store's settings: SSO, the admin's workspace, the username policy. */
function MockSwitches({ store }: { store: MockStore }) {
  const { t } = useUserAdminTranslation();
  const settings = useSettings();
  const queryClient = useQueryClient();
  const ssoId = useId();
  const workspaceId = useId();
  const usernameId = useId();
  // The controls follow the click at once; the settings query catches up after its refetch.
  const [ssoChoice, setSsoChoice] = useState<boolean | null>(null);
  const enforced = ssoChoice ?? settings.data?.sso.enforced ?? false;
  const [workspace, setWorkspace] = useState<'group' | 'entity'>('group');
  const [usernames, setUsernames] = useState(false);
  const refreshSettings = () => void queryClient.invalidateQueries({ queryKey: userAdminKeys.settings() });
  return (
      <>
        <input
          id={ssoId}
          type="checkbox"
          checked={enforced}
          onChange={(e) => {
            setSsoChoice(e.target.checked);
            store.updateSettings({ sso: { enforced: e.target.checked, providerName: 'Okta' } });
            refreshSettings();
          }}
        />
        <label htmlFor={ssoId}>{t('demo.ssoLabel')}</label>
        <label htmlFor={workspaceId}>{t('demo.workspaceLabel')}</label>
        <select
          id={workspaceId}
          value={workspace}
          onChange={(e) => {
            const level = e.target.value as 'group' | 'entity';
            setWorkspace(level);
            store.updateSettings({ workspace: level === 'group' ? { level } : { level, entityId: 'entity-acme-france' } });
            refreshSettings();
            // The entities a backend shows depend on where the admin works (only the workspace
            // entity's subtree at entity level): the screens' pickers and labels load them again.
            void queryClient.invalidateQueries({ queryKey: userAdminKeys.entities.all });
          }}
        >
          <option value="group">{t('demo.workspaceGroup')}</option>
          <option value="entity">{t('demo.workspaceEntity')}</option>
        </select>
        <input
          id={usernameId}
          type="checkbox"
          checked={usernames}
          onChange={(e) => {
            setUsernames(e.target.checked);
            store.updateSettings({ username: e.target.checked ? { mode: 'required', minLength: 6, charset: 'alphanumeric' } : { mode: 'none' } });
            refreshSettings();
          }}
        />
        <label htmlFor={usernameId}>{t('demo.usernameLabel')}</label>
      </>
  );
}
