import glossaryText from '../../docs/glossary.md?raw';
import { checkGlossary, parseGlossary } from '../../scripts/check-glossary.mjs';
import { USER_ADMIN_ERROR_CODES } from '../contract/errors';
import { VALIDATION_KEYS } from '../contract/schemas';
import { checkMessages } from './check-messages';
import en from './locales/en.json';
import fr from './locales/fr.json';
import pt from './locales/pt.json';

const kinds = (locales: Record<string, object>) => checkMessages(locales).map((p) => `${p.kind} ${p.locale} ${p.key}`);

describe('the bundled locales', () => {
  it('have no problem: every key translated in fr and pt, placeholders kept, plural forms complete', () => {
    // Words French writes exactly as English does (and the ellipsis of a loading cell) are not
    // untranslated; everything else identical to English is reported.
    const sameInFrench = ['SSO', 'Contacts', 'Contact', 'Actions', 'Invitations', '…'];
    expect(checkMessages({ en, fr, pt }, { allowIdentical: sameInFrench })).toEqual([]);
  });

  // The reviewers' own checker (outside the repository) is run by `node scripts/check-i18n.mjs`, not here:
  // the test above enforces the same rules with nothing outside the repository, on every machine.

  it('have a message for every error code and every schema message key', () => {
    for (const code of USER_ADMIN_ERROR_CODES) expect(en.errors[code], code).toEqual(expect.any(String));
    for (const key of Object.values(VALIDATION_KEYS)) {
      const [, name] = key.split('.');
      expect((en.validation as Record<string, string>)[name ?? ''], key).toEqual(expect.any(String));
    }
    expect(en.validation.usernameTooShort).toContain('{{min}}');
  });
});

describe('checkMessages', () => {
  const good = { en: { a: { hi: 'Hello {{name}}' } }, fr: { a: { hi: 'Bonjour {{name}}' } } };

  it('given two matching locales, reports nothing', () => {
    expect(checkMessages(good)).toEqual([]);
  });

  it('given a key missing in fr, reports it as missing', () => {
    expect(kinds({ en: { a: 'Hello', b: 'Bye' }, fr: { a: 'Bonjour' } })).toEqual(['missing fr b']);
  });

  it('given a key in fr that en does not have, reports it as extra', () => {
    expect(kinds({ en: { a: 'Hello' }, fr: { a: 'Bonjour', z: 'Zut' } })).toEqual(['extra fr z']);
  });

  it('given a value left in English, reports it as identical unless it is on the allowlist', () => {
    expect(kinds({ en: { a: 'Hello', b: 'SSO' }, fr: { a: 'Hello', b: 'SSO' } })).toEqual(['identical fr a']);
    expect(checkMessages({ en: { a: 'Hello' }, fr: { a: 'Hello' } }, { allowIdentical: ['Hello'] })).toEqual([]);
  });

  it('given a placeholder renamed or added, reports each difference', () => {
    expect(kinds({ en: { a: 'Hi {{name}}' }, fr: { a: 'Salut {{nom}}' } })).toEqual(['placeholder fr a', 'placeholder fr a']);
    expect(checkMessages({ en: { a: 'Hi {{name}}' }, fr: { a: 'Salut {{nom}}' } }).map((p) => p.message)).toEqual([
      'fr: a drops {{name}}',
      'fr: a adds {{nom}} that en does not pass',
    ]);
  });

  it('given a French plural without its _many form, reports the form Intl.PluralRules needs', () => {
    const en = { n_one: '{{count}} user', n_other: '{{count}} users' };
    expect(kinds({ en, fr: { n_one: '{{count}} utilisateur', n_other: '{{count}} utilisateurs' } })).toEqual(['plural fr n']);
    expect(kinds({ en, fr: { n_one: '{{count}} utilisateur', n_many: '{{count}} d\'utilisateurs', n_other: '{{count}} utilisateurs' } })).toEqual([]);
  });

  it('given a plural in en written as a plain string in pt, reports every missing form', () => {
    const problems = kinds({ en: { n_one: '{{count}} user', n_other: '{{count}} users' }, pt: { n: '{{count}} usuários' } });
    expect(problems).toEqual(['plural pt n', 'plural pt n', 'plural pt n']);
  });

  it('given an empty or non-string value, reports it as empty', () => {
    expect(kinds({ en: { a: 'Hello', b: 'Bye' }, fr: { a: '  ', b: 3 } })).toEqual(['empty fr a', 'empty fr b']);
  });

  it('lets a singular form leave out {{count}} but not another placeholder', () => {
    const en = { n_one: 'One day for {{name}}', n_other: '{{count}} days for {{name}}' };
    expect(kinds({ en, pt: { n_one: 'Um dia para {{name}}', n_many: '{{count}} de dias para {{name}}', n_other: '{{count}} dias para {{name}}' } })).toEqual([]);
    expect(kinds({ en, pt: { n_one: 'Um dia', n_many: '{{count}} de dias para {{name}}', n_other: '{{count}} dias para {{name}}' } })).toEqual(['placeholder pt n_one']);
  });
});

describe('the glossary (docs/glossary.md, enforced by scripts/check-i18n.mjs)', () => {
  const glossary = parseGlossary(glossaryText);

  it('has the concepts a reviewer looks up, each with a word in en, fr and pt', () => {
    const concepts = glossary.map((row) => row.concept.split(' (')[0]);
    for (const c of ['role', 'user', 'contact', 'entity', 'group', 'invitation', 'revoke', 'deactivate', 'search', 'permission level none / off']) {
      expect(concepts, c).toContain(c);
    }
    for (const row of glossary) for (const l of ['en', 'fr', 'pt']) expect(row.terms[l], `${row.concept} ${l}`).toBeTruthy();
  });

  it('is followed by the bundled locales: one word per concept (pt role "perfil", search "buscar"; fr level "Aucun accès")', () => {
    expect(checkGlossary(glossary, { en, fr, pt })).toEqual([]);
    // The terms the issue found doubled, read where they are shown.
    expect([pt.users.columns.role, pt.userEditor.role.label, pt.invite.role.label]).toEqual(['Perfil', 'Perfil', 'Perfil']);
    expect(pt.userEditor.fields.profile).not.toMatch(/perfil/i);
    expect([pt.userList.searchLabel, pt.invitations.search]).toEqual(['Buscar usuários', 'Buscar convites']);
    expect(fr.permissionMatrix.level.off).not.toBe(fr.status.deactivated);
    expect(pt.permissionMatrix.level.off).not.toBe(pt.status.deactivated);
  });

  it('given a pt message using a forbidden synonym, fails with a line naming the key, the word and the term to use', () => {
    const bad = { ...pt, invitations: { ...pt.invitations, search: 'Pesquisar convites' }, userEditor: { ...pt.userEditor, role: { ...pt.userEditor.role, label: 'Função' } } };
    expect(checkGlossary(glossary, { en, fr, pt: bad })).toEqual([
      'pt: userEditor.role.label uses "Função": the glossary\'s word for role (what a user may do, with its module defaults) in pt is "perfil", not "função" (docs/glossary.md)',
      'pt: invitations.search uses "Pesquisar": the glossary\'s word for search in pt is "buscar, busca", not "pesquis*" (docs/glossary.md)',
    ]);
  });

  it('given a word forbidden only for some keys, fails there and nowhere else (fr "Désactivé" is a status, not a level)', () => {
    const bad = { ...fr, permissionMatrix: { ...fr.permissionMatrix, level: { ...fr.permissionMatrix.level, off: 'Désactivé' } } };
    expect(checkGlossary(glossary, { fr: bad })).toEqual([
      'fr: permissionMatrix.level.off uses "Désactivé": the glossary\'s word for permission level none / off in fr is "Aucun accès", not "désactivé" (docs/glossary.md)',
    ]);
    expect(fr.status.deactivated).toBe('Désactivé');
  });

  it('matches whole words only, whatever the case', () => {
    const rows = parseGlossary('| Concept | Keys | en | Not in en |\n| --- | --- | --- | --- |\n| search | `*` | search | find* |');
    expect(checkGlossary(rows, { en: { a: 'Pathfinder', b: 'FINDING users' } })).toEqual([
      'en: b uses "FINDING": the glossary\'s word for search in en is "search", not "find*" (docs/glossary.md)',
    ]);
  });
});
