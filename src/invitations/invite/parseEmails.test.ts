import { describe, expect, it } from 'vitest';
import { screenInvitees } from '../../core';
import { classifyAddresses, commitsOnKey, hasOpenGroup, normalizeEmail, parseEmails, splitDisplayName } from './parseEmails';

const emails = (text: string) => parseEmails(text).map((a) => a.email);
const statuses = (text: string) => classifyAddresses(parseEmails(text));

describe('parseEmails', () => {
  it('given one bare address, returns it lower-cased and valid', () => {
    expect(parseEmails('Jane.Doe@Acme.FR')).toEqual([
      { text: 'Jane.Doe@Acme.FR', name: null, address: 'Jane.Doe@Acme.FR', email: 'jane.doe@acme.fr', valid: true },
    ]);
  });

  it('given empty or blank text, returns nothing', () => {
    expect(parseEmails('')).toEqual([]);
    expect(parseEmails('  \n\t , ;; ')).toEqual([]);
  });

  it('splits by commas, semicolons, spaces, tabs and new lines, mixed and repeated', () => {
    expect(emails('a@acme.fr,b@acme.fr;c@acme.fr d@acme.fr\ne@acme.fr\tf@acme.fr\r\ng@acme.fr ,; \n h@acme.fr')).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `${l}@acme.fr`),
    );
  });

  it('given Name <email>, keeps the name apart and the text whole', () => {
    expect(parseEmails('Jane Doe <jane@acme.fr>')).toEqual([
      { text: 'Jane Doe <jane@acme.fr>', name: 'Jane Doe', address: 'jane@acme.fr', email: 'jane@acme.fr', valid: true },
    ]);
  });

  it('given "Last, First" <email>, the comma inside the quotes does not split', () => {
    const [one, two, ...rest] = parseEmails('"Doe, Jane" <jane@acme.fr>, "Roe; Rick \\"R\\"" <rick@acme.fr>');
    expect(rest).toEqual([]);
    expect(one).toMatchObject({ name: 'Doe, Jane', email: 'jane@acme.fr', text: '"Doe, Jane" <jane@acme.fr>', valid: true });
    expect(two).toMatchObject({ name: 'Roe; Rick "R"', email: 'rick@acme.fr', valid: true });
  });

  it('given a bracketed address without name, and an address with spaces inside the brackets, trims it', () => {
    expect(parseEmails('<jane@acme.fr> < bob@acme.fr >').map((a) => [a.name, a.email])).toEqual([
      [null, 'jane@acme.fr'],
      [null, 'bob@acme.fr'],
    ]);
  });

  it('given several named addresses separated by spaces only (an email client header), splits at each bracket', () => {
    expect(parseEmails('Jane Doe <jane@acme.fr> Bob <bob@acme.fr>').map((a) => [a.name, a.email])).toEqual([
      ['Jane Doe', 'jane@acme.fr'],
      ['Bob', 'bob@acme.fr'],
    ]);
  });

  it('given a quoted name before a bare address, takes it as the name', () => {
    expect(parseEmails('"Jane Doe" jane@acme.fr')).toMatchObject([{ name: 'Jane Doe', email: 'jane@acme.fr', valid: true }]);
  });

  it('given words without an address up to a comma, returns them as one invalid entry', () => {
    expect(parseEmails('Jane Doe, bob@acme.fr').map((a) => [a.text, a.valid])).toEqual([
      ['Jane Doe', false],
      ['bob@acme.fr', true],
    ]);
  });

  it('given a plain word before a bare address, does not take it as a name', () => {
    expect(parseEmails('hello bob@acme.fr').map((a) => [a.text, a.name, a.valid])).toEqual([
      ['hello', null, false],
      ['bob@acme.fr', null, true],
    ]);
  });

  it('removes trailing dots, a mailto: prefix and surrounding spaces', () => {
    expect(parseEmails('Write to jane@acme.fr. or mailto:Bob@acme.fr...').filter((a) => a.valid).map((a) => [a.address, a.email])).toEqual([
      ['jane@acme.fr', 'jane@acme.fr'],
      ['Bob@acme.fr', 'bob@acme.fr'],
    ]);
  });

  it('marks malformed addresses invalid', () => {
    expect(parseEmails('nope, @acme.fr, jane@, jane@acme, a..b@acme.fr, <>, jane@@acme.fr').map((a) => a.valid)).toEqual([
      false, false, false, false, false, false, false,
    ]);
  });

  it('given an unclosed quote or bracket, reads to the end rather than losing the text', () => {
    expect(parseEmails('"Doe, Jane')).toMatchObject([{ text: '"Doe, Jane', valid: false }]);
    expect(parseEmails('Jane <jane@acme.fr')).toMatchObject([{ name: 'Jane', email: 'jane@acme.fr', valid: true }]);
  });

  it('accepts an internationalised domain and sends its ASCII form, but rejects an internationalised local part', () => {
    expect(parseEmails('ana@exämple.com')).toEqual([
      { text: 'ana@exämple.com', name: null, address: 'ana@exämple.com', email: 'ana@xn--exmple-cua.com', valid: true },
    ]);
    expect(parseEmails('josé@acme.fr')).toMatchObject([{ email: 'josé@acme.fr', valid: false }]);
  });

  it('is idempotent on an entry text: parsing a chip again gives the same address', () => {
    for (const entry of parseEmails('"Doe, Jane" <jane@acme.fr>; Jane Doe, "Bob" bob@acme.fr, x@acme.fr.')) {
      expect(parseEmails(entry.text)).toEqual([entry]);
    }
  });
});

describe('classifyAddresses', () => {
  it('follows the core\'s order (invalid before duplicate, screenInvitees) on the normalized addresses, IDN domains included', () => {
    const text = 'nope, NOPE, ana@exämple.com, ana@xn--exmple-cua.com, jane@acme.fr., Jane@Acme.fr, x@@y';
    const parsed = parseEmails(text);
    expect(classifyAddresses(parsed)).toEqual(['invalid', 'invalid', 'valid', 'duplicate', 'valid', 'duplicate', 'invalid']);
    const { skipped } = screenInvitees(parsed.map((a) => (a.valid ? a.email : a.text)), { ssoEnforced: false });
    expect(classifyAddresses(parsed).filter((status) => status !== 'valid')).toEqual(skipped.map((s) => s.reason));
  });

  it('marks later occurrences of the same address duplicate, ignoring case, name and trailing dots', () => {
    expect(statuses('jane@acme.fr, JANE@ACME.FR, Jane <Jane@acme.fr>, jane@acme.fr., bob@acme.fr')).toEqual([
      'valid', 'duplicate', 'duplicate', 'duplicate', 'valid',
    ]);
  });

  it('marks an invalid entry invalid even when repeated, and a valid one after it stays valid', () => {
    expect(statuses('nope nope jane@acme.fr')).toEqual(['invalid', 'valid']);
    expect(statuses('nope, nope, jane@acme.fr')).toEqual(['invalid', 'invalid', 'valid']);
  });

  it('treats an internationalised domain and its ASCII form as the same address', () => {
    expect(statuses('ana@exämple.com ana@xn--exmple-cua.com')).toEqual(['valid', 'duplicate']);
  });
});

describe('normalizeEmail', () => {
  it('lower-cases, trims, drops mailto: and trailing dots', () => {
    expect(normalizeEmail('  MAILTO:Jane@Acme.FR.. ')).toBe('jane@acme.fr');
  });

  it('leaves text without @ as it is, lower-cased', () => {
    expect(normalizeEmail('Jane Doe')).toBe('jane doe');
  });
});

describe('hasOpenGroup and commitsOnKey', () => {
  it('knows when the text is inside a quote or a bracket', () => {
    expect(hasOpenGroup('"Doe, Jane')).toBe(true);
    expect(hasOpenGroup('Jane <jane@')).toBe(true);
    expect(hasOpenGroup('"Doe, \\"J\\" Jane" <jane@acme.fr>')).toBe(false);
  });

  it('commits on Enter always, on comma and semicolon outside quotes, on space once there is an address', () => {
    expect(commitsOnKey('Enter', '"Doe, Jane')).toBe(true);
    expect(commitsOnKey(',', 'jane@acme.fr')).toBe(true);
    expect(commitsOnKey(';', 'jane@acme.fr')).toBe(true);
    expect(commitsOnKey(',', '"Doe')).toBe(false);
    expect(commitsOnKey(' ', 'Jane')).toBe(false);
    expect(commitsOnKey(' ', 'jane@acme.fr')).toBe(true);
    expect(commitsOnKey(' ', 'Jane <jane@acme.fr')).toBe(false);
    expect(commitsOnKey('a', 'jane@acme.fr')).toBe(false);
    expect(commitsOnKey('Enter', '   ')).toBe(false);
  });
});

describe('splitDisplayName', () => {
  it('splits "Last, First" at the comma and "First Last" at the first space; one word is a first name', () => {
    expect(splitDisplayName('Doe, Jane')).toEqual({ firstName: 'Jane', lastName: 'Doe' });
    expect(splitDisplayName(' Jane   Doe ')).toEqual({ firstName: 'Jane', lastName: 'Doe' });
    expect(splitDisplayName('Maria da Silva')).toEqual({ firstName: 'Maria', lastName: 'da Silva' });
    expect(splitDisplayName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });
});
