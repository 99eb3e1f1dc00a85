/**
 * CSV, written and read here once, with no dependency: the users list's export and the invite
 * dialog's import.
 *
 * Decisions:
 * - **Writing** follows RFC 4180: fields separated by commas, a field holding a comma, a double
 *   quote or a line break is quoted with its quotes doubled, lines end with CRLF. The text starts
 *   with a UTF-8 byte order mark, so Excel reads accents.
 * - **Formula injection** (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, a tab
 *   or a carriage return is prefixed with `'`, so a spreadsheet shows it as text and never runs it.
 * - **Reading** accepts what spreadsheets save: an optional BOM, CRLF, LF or CR line ends, quoted
 *   fields holding commas, quotes and line breaks, and a comma, semicolon (Excel in French or
 *   Portuguese) or tab separator, found from the header line. The `'` that the writer put before
 *   a formula character is taken off again, so an export reads back as it was.
 */

/** The UTF-8 byte order mark that starts every CSV written here. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field, safe and quoted as needed: a leading formula character is neutralised with `'`,
 * and a field with a comma, quote or line break is quoted (quotes doubled).
 * @example
 * csvField('=HYPERLINK("x")'); // '"\'=HYPERLINK(""x"")"'
 * csvField('Lima, Ana'); // '"Lima, Ana"'
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One CSV line, CRLF included.
 * @example
 * csvLine(['Ana Lima', 'ana@acme.fr']); // 'Ana Lima,ana@acme.fr\r\n'
 */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A whole CSV text: the BOM, then one line per row.
 * @example
 * toCsv([['Name', 'Email'], ['Ana Lima', 'ana@acme.fr']]); // '\uFEFFName,Email\r\nAna Lima,ana@acme.fr\r\n'
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return CSV_BOM + rows.map(csvLine).join('');
}

/** Why a text could not be read as CSV. */
export class CsvFormatError extends Error {
  /** `unterminated_quote`: a quoted field never ends (the 1-based line where it started is `line`). */
  readonly code = 'unterminated_quote' as const;
  constructor(readonly line: number) {
    super(`CSV: the quoted field starting on line ${line} is never closed.`);
    this.name = 'CsvFormatError';
  }
}

/** The separator of a CSV text: the comma, semicolon or tab its first line holds most of (outside quotes). */
export function detectCsvSeparator(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** A cell as the writer neutralised it (`'=1`) back to what it was (`=1`). */
function unescapeCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One row read: its cells and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Reads a CSV text into rows of cells (RFC 4180, leniently: BOM, CRLF/LF/CR, quoted fields with
 * separators, quotes and line breaks; comma, semicolon or tab separator). Blank lines are dropped.
 * Throws a {@link CsvFormatError} when a quoted field is never closed.
 * @example
 * parseCsv('\uFEFFname,email\r\n"Lima, Ana",ana@acme.fr\r\n'); // [{ line: 1, cells: ['name', 'email'] }, { line: 2, cells: ['Lima, Ana', 'ana@acme.fr'] }]
 */
export function parseCsv(input: string, separator: ',' | ';' | '\t' = detectCsvSeparator(input.replace(/^\uFEFF/, ''))): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quotedCell = false;
  let i = 0;
  const endCell = () => {
    cells.push(quotedCell ? cell : unescapeCell(cell));
    cell = '';
    quotedCell = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && cell.trim() === '' && !quotedCell) {
      // A quoted field: up to the closing quote, "" being one quote.
      const start = line;
      cell = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvFormatError(start);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        cell += q;
        i++;
      }
      cell = unescapeCell(cell);
      quotedCell = true;
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      continue;
    }
    if (c === separator) { endCell(); i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    cell += c;
    i++;
  }
  if (cell !== '' || cells.length > 0 || quotedCell) endRecord();
  return records;
}
