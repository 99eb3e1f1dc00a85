/**
 * The invite dialog's CSV import, without React: a file's text becomes lines (email, names, role,
 * entities), and each line is marked "will invite" or "skipped, and why" by the same
 * classification the address field and the backends use (the core's `screenInvitees` and
 * `classifyInvitee`), plus the reasons only a file has (no address, an unknown role or entity).
 *
 * Decisions:
 * - **Columns** are found by their header, case, accents and punctuation aside, in English,
 *   French and Portuguese (`Email`, `E-mail`, `Courriel`; `First name`, `Prénom`; `Last name`,
 *   `Sobrenome`; `Role`, `Rôle`, `Perfil`; `Entities`, `Entités`, `Entidades`). A `Name` column
 *   (the users list's export) is the full name, split as a typed name is; beside a first-name
 *   column it is the last name (`Prénom;Nom`), beside a last-name column the first name
 *   (`Nome;Sobrenome`).
 * - **Role** by name (case aside) or id; **entities** by name or id, separated by `;`. An empty
 *   cell means the dialog's choice.
 * - **Order of reasons**: no address first, then the core's order (invalid, duplicate, already a
 *   member or invited, disposable), then an unknown role, then an unknown or ambiguous entity: an
 *   existing person is named as such before the file's own mistakes.
 */
import { CsvFormatError, parseCsv } from '../../csv/csv';
import { MAX_INVITE_ADDRESSES } from '../../contract/limits';
import type { InviteSkipReason, Role } from '../../contract/types';
import { classifyInvitee, type InviteeFacts } from '../../core';
import { classifyAddresses, parseEmails, splitDisplayName, type ParsedAddress } from './parseEmails';

/** A column of an invite file. */
export type CsvInviteColumn = 'email' | 'firstName' | 'lastName' | 'name' | 'role' | 'entities';

/** A header as compared: lower-case, no accents, letters and digits only (`E-mail` → `email`). */
export function csvHeaderKey(header: string): string {
  return header.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The headers recognised for each column, in English, French and Portuguese (as {@link csvHeaderKey} gives them). */
export const CSV_INVITE_HEADERS: Readonly<Record<CsvInviteColumn, readonly string[]>> = {
  email: ['email', 'emailaddress', 'mail', 'courriel', 'adressemail', 'adresseemail', 'adressecourriel', 'enderecodeemail', 'enderecoemail', 'login'],
  firstName: ['firstname', 'givenname', 'first', 'prenom', 'primeironome', 'prenome'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'nomdefamille', 'sobrenome', 'apelido', 'ultimonome'],
  name: ['name', 'fullname', 'displayname', 'nom', 'nomcomplet', 'nome', 'nomecompleto'],
  role: ['role', 'roleid', 'perfil', 'papel', 'funcao'],
  entities: ['entities', 'entity', 'entityids', 'entites', 'entite', 'entidades', 'entidade'],
};

/** Why a file could not be imported at all; translated as `invite.csv.error.<code>`. */
export type CsvInviteFileError = 'empty' | 'no_email_column' | 'no_rows' | 'too_many_rows' | 'unterminated_quote' | 'unreadable';

/** One line of an invite file, as written. */
export interface CsvInviteRow {
  /** The 1-based line of the file. */
  line: number;
  /** The address cell, trimmed. */
  email: string;
  firstName: string;
  lastName: string;
  /** The role cell, trimmed (`''`: the dialog's role). */
  role: string;
  /** The entity names or ids (`[]`: the dialog's entities). */
  entities: string[];
}

/** A file read: its lines, or why it cannot be imported. */
export type CsvInviteFile =
  | { ok: true; rows: CsvInviteRow[]; columns: CsvInviteColumn[] }
  | { ok: false; error: CsvInviteFileError; line?: number; count?: number };

/**
 * Reads an invite file's text: the header line names the columns, each other line is one person.
 * @example
 * readInviteCsv('Email,First name,Last name,Role\r\nana@acme.fr,Ana,Lima,Manager');
 * // { ok: true, rows: [{ line: 2, email: 'ana@acme.fr', firstName: 'Ana', lastName: 'Lima', role: 'Manager', entities: [] }], ... }
 */
export function readInviteCsv(text: string): CsvInviteFile {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvFormatError) return { ok: false, error: 'unterminated_quote', line: error.line };
    return { ok: false, error: 'unreadable' };
  }
  const [header, ...lines] = records;
  if (!header) return { ok: false, error: 'empty' };
  const index = new Map<CsvInviteColumn, number>();
  header.cells.forEach((cell, i) => {
    const key = csvHeaderKey(cell);
    for (const [column, names] of Object.entries(CSV_INVITE_HEADERS) as [CsvInviteColumn, readonly string[]][]) {
      if (names.includes(key) && !index.has(column)) index.set(column, i);
    }
  });
  const emailAt = index.get('email');
  if (emailAt === undefined) return { ok: false, error: 'no_email_column' };
  if (lines.length === 0) return { ok: false, error: 'no_rows' };
  if (lines.length > MAX_INVITE_ADDRESSES) return { ok: false, error: 'too_many_rows', count: lines.length };
  const has = (column: CsvInviteColumn) => index.has(column);
  // What a `Name` column holds, given the other name columns.
  const nameAs: 'full' | 'first' | 'last' | null = !has('name')
    ? null
    : has('firstName') && has('lastName') ? null : has('firstName') ? 'last' : has('lastName') ? 'first' : 'full';
  const rows = lines.map(({ line, cells }): CsvInviteRow => {
    const cell = (column: CsvInviteColumn) => {
      const at = index.get(column);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const email = cell('email');
    let firstName = cell('firstName');
    let lastName = cell('lastName');
    const name = cell('name');
    if (nameAs === 'first') firstName = name;
    else if (nameAs === 'last') lastName = name;
    // The users list's export writes the address as the name of a user without one.
    else if (nameAs === 'full' && name && name.toLowerCase() !== email.toLowerCase()) ({ firstName, lastName } = splitDisplayName(name));
    const entities = cell('entities').split(';').map((part) => part.trim()).filter(Boolean);
    return { line, email, firstName, lastName, role: cell('role'), entities };
  });
  return { ok: true, rows, columns: [...index.keys()] };
}

/** Why a line of a file is not invited: the core's reasons, and the file's own. */
export type CsvInviteSkipReason = InviteSkipReason | 'missing_email' | 'unknown_role' | 'unknown_entity' | 'ambiguous_entity';

/** The reasons only a file has; translated as `invite.csv.reason.<reason>` (the core's as `invite.skipReason.<reason>`). */
export const CSV_ONLY_SKIP_REASONS: readonly CsvInviteSkipReason[] = ['missing_email', 'unknown_role', 'unknown_entity', 'ambiguous_entity'];

/** An entity name or id of a file, resolved: its id, or why not. */
export type CsvEntityMatch = { id: string } | 'unknown' | 'ambiguous';

/** What the preview knows besides the file. */
export interface CsvInviteContext {
  /** The addresses already in the field: a line with one of them is a duplicate. */
  taken: readonly Pick<ParsedAddress, 'email' | 'valid'>[];
  /** Under enforced SSO nobody is invited. Defaults to false. */
  ssoEnforced?: boolean;
  roles: readonly Role[];
  /** Each entity cell value (as {@link csvEntityKey} gives it) resolved. A value missing is unknown. */
  entities: ReadonlyMap<string, CsvEntityMatch>;
  /** What is known of each candidate address (by normalized address): an existing user, a disposable domain. */
  facts: ReadonlyMap<string, InviteeFacts>;
}

/** An entity cell value as compared: trimmed, lower-case. */
export function csvEntityKey(value: string): string {
  return value.trim().toLowerCase();
}

/** One line of the preview. */
export interface CsvInvitePreviewLine extends CsvInviteRow {
  /** The address to send (normalized), `''` when there is none. */
  address: string;
  /** The role the line asks for, resolved; `null`: the dialog's. */
  roleId: string | null;
  /** The entities the line asks for, resolved; `null`: the dialog's. */
  entityIds: string[] | null;
  /** Why the line is skipped; `null`: it will be invited. */
  reason: CsvInviteSkipReason | null;
  /** The value the reason is about (the unknown role or entity), when one is. */
  reasonValue?: string;
}

/** The address cell of a line, parsed as the address field parses (`Ana Lima <ana@acme.fr>` too). */
export function csvAddress(cell: string): ParsedAddress | null {
  if (cell === '') return null;
  const found = parseEmails(cell);
  return found.length === 1 ? found[0]! : { text: cell, name: null, address: cell, email: cell.toLowerCase(), valid: false };
}

/**
 * Marks each line: will invite (`reason: null`), or skipped and why.
 * @example
 * const preview = classifyCsvInviteRows(file.rows, { taken: [], roles, entities, facts });
 * preview.filter((line) => line.reason === null).length; // how many will be invited
 */
export function classifyCsvInviteRows(rows: readonly CsvInviteRow[], context: CsvInviteContext): CsvInvitePreviewLine[] {
  const parsed = rows.map((row) => csvAddress(row.email));
  const statuses = classifyAddresses([...context.taken, ...parsed.map((p) => p ?? { email: '', valid: false })]).slice(context.taken.length);
  return rows.map((row, i): CsvInvitePreviewLine => {
    const address = parsed[i];
    const roleId = row.role ? (context.roles.find((r) => r.id === row.role || r.name.toLowerCase() === row.role.toLowerCase())?.id ?? null) : null;
    const entityMatches = row.entities.map((value) => ({ value, match: context.entities.get(csvEntityKey(value)) ?? 'unknown' }));
    const entityIds = row.entities.length > 0 ? entityMatches.flatMap(({ match }) => (typeof match === 'object' ? [match.id] : [])) : null;
    // A name given with the address (`Ana Lima <ana@acme.fr>`) when the file has no name columns.
    const names = !row.firstName && !row.lastName && address?.name ? splitDisplayName(address.name) : { firstName: row.firstName, lastName: row.lastName };
    const base = { ...row, ...names, address: address?.valid ? address.email : '', roleId, entityIds: entityIds ? [...new Set(entityIds)] : null };
    const skip = (reason: CsvInviteSkipReason, reasonValue?: string): CsvInvitePreviewLine => ({
      ...base, reason, ...(reasonValue !== undefined ? { reasonValue } : {}),
    });
    if (!address) return skip('missing_email');
    if (context.ssoEnforced) return skip('sso_enforced');
    const status = statuses[i];
    if (status === 'invalid') return skip('invalid');
    if (status === 'duplicate') return skip('duplicate');
    const facts = context.facts.get(address.email);
    const core = facts ? classifyInvitee(facts) : null;
    if (core) return skip(core);
    if (row.role && !roleId) return skip('unknown_role', row.role);
    const badEntity = entityMatches.find(({ match }) => typeof match !== 'object');
    if (badEntity) return skip(badEntity.match === 'ambiguous' ? 'ambiguous_entity' : 'unknown_entity', badEntity.value);
    return { ...base, reason: null };
  });
}

/**
 * The text of a file as read from its bytes: UTF-8 (with or without BOM), else Windows-1252 (what
 * Excel saves as "CSV" on Windows). `null` when it is not text.
 */
export function decodeCsvBytes(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  // A NUL character: a binary file (a spreadsheet saved as .xlsx), not CSV.
  return text.includes('\u0000') ? null : text;
}
