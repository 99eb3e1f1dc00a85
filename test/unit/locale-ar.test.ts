/**
 * The Arabic messages a host adds through `messages` alone (docs/examples/locale-ar.ts, shown in
 * stories/Rtl.stories.tsx and the demo): every message of the users list, the invite dialog, the
 * pending invitations, the permission matrix and the entity picker, and the shared ones, with the
 * six Arabic plural forms and the English placeholders; the rest falls back to English.
 */
import { ar } from '../../docs/examples/locale-ar';
import { checkMessages, createUserAdminI18n, type LocaleMessages } from '../../src/i18n';
import en from '../../src/i18n/locales/en.json';

/** The sections a host's Arabic translates in full; the others (user editor, sign-in help, demo) show in English. */
const TRANSLATED = [
  'common', 'actions', 'errors', 'validation', 'status', 'invitationStatus', 'invitationKind', 'kind', 'scope', 'entityKind',
  'invite', 'time', 'users', 'settings', 'invitation', 'signInFailure', 'ui', 'userList', 'userAdmin', 'invitations',
  'permissionMatrix', 'entityPicker',
];
const LEFT_IN_ENGLISH = ['userEditor', 'signInGuide', 'demo'];

const leaves = (node: object): number =>
  Object.values(node).reduce<number>((n, v) => n + (typeof v === 'string' ? 1 : leaves(v as object)), 0);

describe('the Arabic messages of docs/examples/locale-ar.ts', () => {
  it('translate every key of the users tab, the invite dialog, the pending invitations and the shared sections, with every Arabic plural form and the same placeholders', () => {
    const problems = checkMessages({ en, ar } as Record<string, object>, { allowIdentical: ['SSO', '{{module}}: {{level}}', '{{name}}: {{reason}}'] }).filter((p) => p.locale === 'ar');
    // A message added to English since shows in English until the host translates it: a few at most.
    const missing = problems.filter((p) => p.kind === 'missing' && !LEFT_IN_ENGLISH.includes(p.key.split('.')[0]!)).map((p) => p.key);
    expect(missing.length, missing.join(', ')).toBeLessThanOrEqual(10);
    expect(problems.filter((p) => p.kind !== 'missing').map((p) => p.message)).toEqual([]);
    expect(Object.keys(ar).sort()).toEqual([...TRANSLATED].sort());
    expect(Object.keys(en).sort()).toEqual([...TRANSLATED, ...LEFT_IN_ENGLISH].sort());
  });

  it('the untranslated sections fall back to English', () => {
    const i18n = createUserAdminI18n({ locale: 'ar', messages: { ar } });
    expect(i18n.t('userAdmin.title')).toBe('إدارة المستخدمين');
    expect(i18n.t('users.count', { count: 11 })).toBe('11 مستخدمًا');
    expect(i18n.t('userEditor.title.edit', { name: 'Ana' })).toBe(createUserAdminI18n().t('userEditor.title.edit', { name: 'Ana' }));
  });

  it('translates about three quarters of the English messages (counted by leaf, plural forms by base key)', () => {
    const translatedEnglish = TRANSLATED.reduce((n, s) => n + leaves((en as Record<string, object>)[s]!), 0);
    const share = translatedEnglish / leaves(en);
    expect(share).toBeGreaterThan(0.6);
    expect(leaves(ar as LocaleMessages)).toBeGreaterThan(translatedEnglish);
  });
});
