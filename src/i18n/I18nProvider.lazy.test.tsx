/**
 * French and Portuguese load on demand: the provider shows nothing until the wanted locale's
 * messages are there (never a key), and on a switch keeps the old texts until the new ones came.
 * Each test imports a fresh copy of the i18n modules, so no locale is loaded yet (the test setup
 * preloads them for every other test).
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type I18nModule = typeof import('./index');
const KEY = /^[a-z]+\.[a-zA-Z.]+$/;

let mod: I18nModule;
let seen: string[];
let observer: MutationObserver;

beforeEach(async () => {
  vi.resetModules();
  mod = await import('./index');
  seen = [];
  // Every text the DOM ever holds, including between React commits.
  observer = new MutationObserver(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) seen.push((n.textContent ?? '').trim());
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
});
afterEach(() => observer.disconnect());

function Texts() {
  const { t } = mod.useUserAdminTranslation();
  return (
    <div>
      <h1>{t('userAdmin.title')}</h1>
      <button type="button">{t('common.save')}</button>
    </div>
  );
}

describe('locales loaded on demand', () => {
  it('ships English only: French is not loaded until asked for', async () => {
    expect(mod.getLoadedLocaleMessages('en')).toBeDefined();
    expect(mod.getLoadedLocaleMessages('fr')).toBeUndefined();
    await mod.loadUserAdminLocale('fr');
    expect(mod.createUserAdminI18n({ locale: 'fr' }).t('common.save')).toBe('Enregistrer');
  });

  it('given a French start, renders French text once loaded and no key at any point', async () => {
    render(<mod.UserAdminI18nProvider locale="fr-CA"><Texts /></mod.UserAdminI18nProvider>);
    expect(screen.queryByRole('button')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Enregistrer' })).toBeInTheDocument();
    expect(screen.getByRole('heading')).toHaveTextContent('Gestion des utilisateurs');
    expect(seen.filter((text) => KEY.test(text))).toEqual([]);
    expect(seen).not.toContain('Save');
  });

  it('given a switch from English to Portuguese, keeps the English texts until the Portuguese ones arrive, without remounting', async () => {
    const { rerender } = render(<mod.UserAdminI18nProvider locale="en"><Texts /></mod.UserAdminI18nProvider>);
    const button = screen.getByRole('button', { name: 'Save' });
    rerender(<mod.UserAdminI18nProvider locale="pt-BR"><Texts /></mod.UserAdminI18nProvider>);
    expect(screen.getByRole('button')).toHaveTextContent('Save');
    await waitFor(() => expect(screen.getByRole('button')).toHaveTextContent('Salvar'));
    expect(screen.getByRole('button')).toBe(button);
    expect(seen.filter((text) => KEY.test(text) || text === '')).toEqual(seen.filter((text) => text === ''));
    expect(seen.filter((text) => KEY.test(text))).toEqual([]);
  });

  it("given a host loader, a host locale starts on the fallback, then shows the loader's texts over English", async () => {
    let finish!: () => void;
    const loadMessages = vi.fn((locale: string) =>
      new Promise<import('./index').LocaleMessages | undefined>((resolve) => {
        finish = () => resolve(locale === 'de' ? { common: { save: 'Speichern' } } : undefined);
      }));
    render(
      <mod.UserAdminI18nProvider locale="de-AT" loadMessages={loadMessages} fallback={<p>loading</p>}>
        <Texts />
      </mod.UserAdminI18nProvider>,
    );
    expect(screen.getByText('loading')).toBeInTheDocument();
    expect(loadMessages).toHaveBeenCalledWith('de');
    await act(async () => finish());
    expect(await screen.findByRole('button', { name: 'Speichern' })).toBeInTheDocument();
    expect(screen.getByRole('heading')).toHaveTextContent('User administration');
    expect(seen.filter((text) => KEY.test(text))).toEqual([]);
  });
});
