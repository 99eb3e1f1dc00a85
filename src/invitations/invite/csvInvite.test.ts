import { describe, expect, it } from 'vitest';
import type { Role } from '../../contract/types';
import { toCsv } from '../../csv/csv';
import { classifyCsvInviteRows, csvHeaderKey, decodeCsvBytes, readInviteCsv, type CsvEntityMatch, type CsvInviteContext } from './csvInvite';
import { parseEmails } from './parseEmails';

const ROLES = [
  { id: 'role-admin', name: 'Administrator', isAdmin: true },
  { id: 'role-user', name: 'User', isAdmin: false },
] as Role[];

function context(overrides: Partial<CsvInviteContext> = {}): CsvInviteContext {
  return {
    taken: [],
    roles: ROLES,
    entities: new Map<string, CsvEntityMatch>([['acme paris', { id: 'entity-paris' }], ['entity-lyon', { id: 'entity-lyon' }], ['acme', 'ambiguous']]),
    facts: new Map(),
    ...overrides,
  };
}

describe('reading an invite file', () => {
  it('maps English headers case-insensitively and reads role and entities (separated by ;)', () => {
    const file = readInviteCsv('\uFEFFEMAIL,First Name,last_name,Role,Entities\r\nana@acme.fr,Ana,Lima,user,"Acme Paris; entity-lyon"\r\n');
    expect(file).toEqual({
      ok: true,
      columns: ['email', 'firstName', 'lastName', 'role', 'entities'],
      rows: [{ line: 2, email: 'ana@acme.fr', firstName: 'Ana', lastName: 'Lima', role: 'user', entities: ['Acme Paris', 'entity-lyon'] }],
    });
  });

  it('maps French headers (semicolons, as French Excel saves): Prénom;Nom is first and last name', () => {
    const file = readInviteCsv('Prénom;Nom;Courriel;Rôle;Entités\r\nZoé;Martin;zoe@acme.fr;Administrator;Acme Paris\r\n');
    expect(file.ok && file.rows[0]).toEqual({ line: 2, email: 'zoe@acme.fr', firstName: 'Zoé', lastName: 'Martin', role: 'Administrator', entities: ['Acme Paris'] });
  });

  it('maps Portuguese headers: Nome;Sobrenome is first and last name', () => {
    const file = readInviteCsv('E-mail,Nome,Sobrenome,Perfil,Entidades\njoao@acme.com.br,João,da Silva,,\n');
    expect(file.ok && file.rows[0]).toEqual({ line: 2, email: 'joao@acme.com.br', firstName: 'João', lastName: 'da Silva', role: '', entities: [] });
  });

  it('reads the users list export: a full Name column is split, an address standing for a missing name is no name', () => {
    const text = toCsv([['Name', 'Email', 'Role', 'Entities', 'Status'], ['Ana Lima', 'ana@acme.fr', 'User', 'Acme Paris', 'Active'], ['bob@acme.fr', 'bob@acme.fr', 'User', '', 'Invited']]);
    const file = readInviteCsv(text);
    expect(file.ok && file.rows.map(({ firstName, lastName }) => [firstName, lastName])).toEqual([['Ana', 'Lima'], ['', '']]);
  });

  it('says why a file cannot be imported: empty, no email column, no lines, too many lines, an unclosed quote', () => {
    expect(readInviteCsv('')).toEqual({ ok: false, error: 'empty' });
    expect(readInviteCsv('\r\n\r\n')).toEqual({ ok: false, error: 'empty' });
    expect(readInviteCsv('name,phone\r\nAna,123')).toEqual({ ok: false, error: 'no_email_column' });
    expect(readInviteCsv('email\r\n')).toEqual({ ok: false, error: 'no_rows' });
    expect(readInviteCsv(['email', ...Array.from({ length: 501 }, (_, i) => `u${i}@acme.fr`)].join('\n'))).toEqual({ ok: false, error: 'too_many_rows', count: 501 });
    expect(readInviteCsv('email,name\r\nana@acme.fr,"Ana\r\n')).toEqual({ ok: false, error: 'unterminated_quote', line: 2 });
  });

  it('compares headers without case, accents or punctuation', () => {
    expect(csvHeaderKey(' E-Mail ')).toBe('email');
    expect(csvHeaderKey('Prénom')).toBe('prenom');
    expect(csvHeaderKey('Entités')).toBe('entites');
  });

  it('decodes UTF-8 (with its BOM) and falls back to Windows-1252; a binary file is not text', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('\uFEFFPrénom'))).toBe('Prénom');
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x72, 0xe9, 0x6e, 0x6f, 0x6d]))).toBe('Prénom');
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBeNull();
  });
});

describe('the import preview', () => {
  const rows = (text: string) => {
    const file = readInviteCsv(text);
    if (!file.ok) throw new Error(file.error);
    return file.rows;
  };

  it('marks each line with the one classification, then the file\'s own reasons', () => {
    const lines = classifyCsvInviteRows(
      rows([
        'email,first name,last name,role,entities',
        'new@acme.fr,New,Person,User,Acme Paris', // 2 will invite
        ',No,Address,,', // 3 missing email
        'not-an-address,,,,', // 4 invalid
        'NEW@acme.fr,,,,', // 5 duplicate of line 2
        'member@acme.fr,,,,', // 6 already a member
        'pending@acme.fr,,,,', // 7 already invited
        'temp@mailinator.com,,,,', // 8 disposable
        'typed@acme.fr,,,,', // 9 already in the field: duplicate
        'role@acme.fr,,,Pilot,', // 10 unknown role
        'entity@acme.fr,,,,Nowhere', // 11 unknown entity
        'twice@acme.fr,,,,Acme', // 12 two entities have this name
        'member2@acme.fr,,,Pilot,', // 13 already a member comes before the unknown role
        'Ana Lima <ana@acme.fr>,,,role-admin,entity-lyon', // 14 will invite, named in the cell, role by id
      ].join('\r\n')),
      context({
        taken: parseEmails('typed@acme.fr'),
        facts: new Map([
          ['member@acme.fr', { existing: 'member' as const }],
          ['member2@acme.fr', { existing: 'member' as const }],
          ['pending@acme.fr', { existing: 'invited' as const }],
          ['temp@mailinator.com', { existing: null, disposable: true }],
        ]),
      }),
    );
    expect(lines.map((line) => [line.line, line.reason, line.reasonValue ?? null])).toEqual([
      [2, null, null],
      [3, 'missing_email', null],
      [4, 'invalid', null],
      [5, 'duplicate', null],
      [6, 'already_member', null],
      [7, 'already_invited', null],
      [8, 'disposable', null],
      [9, 'duplicate', null],
      [10, 'unknown_role', 'Pilot'],
      [11, 'unknown_entity', 'Nowhere'],
      [12, 'ambiguous_entity', 'Acme'],
      [13, 'already_member', null],
      [14, null, null],
    ]);
    expect(lines[0]).toMatchObject({ address: 'new@acme.fr', roleId: 'role-user', entityIds: ['entity-paris'], firstName: 'New', lastName: 'Person' });
    expect(lines[12]).toMatchObject({ address: 'ana@acme.fr', roleId: 'role-admin', entityIds: ['entity-lyon'], firstName: 'Ana', lastName: 'Lima' });
  });

  it('a line without role or entities takes the dialog\'s (null), and under SSO nothing is invited', () => {
    const [line] = classifyCsvInviteRows(rows('email\r\nana@acme.fr'), context());
    expect(line).toMatchObject({ roleId: null, entityIds: null, reason: null });
    const [sso] = classifyCsvInviteRows(rows('email\r\nana@acme.fr'), context({ ssoEnforced: true }));
    expect(sso!.reason).toBe('sso_enforced');
  });
});
