import { describe, expect, it } from 'vitest';
import { CSV_BOM, CsvFormatError, csvField, csvLine, detectCsvSeparator, parseCsv, toCsv } from './csv';

describe('the CSV writer', () => {
  it('quotes a field holding a comma, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Lima, Ana')).toBe('"Lima, Ana"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
  });

  it('neutralises formula injection: a cell starting with =, +, -, @, tab or carriage return gets a leading quote', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\r=x')).toBe('"\'\r=x"');
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    // Not at the start: left alone.
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes a UTF-8 BOM first and ends every line with CRLF', () => {
    const text = toCsv([['Name', 'Email'], ['Zoé Lima', 'zoe@acme.fr']]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toBe('\uFEFFName,Email\r\nZoé Lima,zoe@acme.fr\r\n');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
    // Encoded, the BOM is the three bytes Excel looks for.
    expect([...new TextEncoder().encode(text).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('the CSV reader', () => {
  it('reads quoted fields holding commas, quotes and line breaks, with a BOM and CRLF', () => {
    const rows = parseCsv('\uFEFFname,email,note\r\n"Lima, Ana",ana@acme.fr,"said ""hi""\r\non two lines"\r\nBob,bob@acme.fr,\r\n');
    expect(rows).toEqual([
      { line: 1, cells: ['name', 'email', 'note'] },
      { line: 2, cells: ['Lima, Ana', 'ana@acme.fr', 'said "hi"\r\non two lines'] },
      { line: 4, cells: ['Bob', 'bob@acme.fr', ''] },
    ]);
  });

  it('reads LF and CR line ends, drops blank lines, and reads a last line without a line end', () => {
    expect(parseCsv('a,b\n\n1,2\r3,4').map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('finds a semicolon or tab separator from the header line (Excel in French or Portuguese)', () => {
    expect(detectCsvSeparator('Prénom;Nom;E-mail\r\n')).toBe(';');
    expect(detectCsvSeparator('a\tb\tc')).toBe('\t');
    expect(detectCsvSeparator('"a;b",c')).toBe(',');
    expect(parseCsv('Prénom;Nom;E-mail;Entités\r\nAna;Lima;ana@acme.fr;"Paris, Lyon"').map((r) => r.cells)).toEqual([
      ['Prénom', 'Nom', 'E-mail', 'Entités'],
      ['Ana', 'Lima', 'ana@acme.fr', 'Paris, Lyon'],
    ]);
  });

  it('takes off the quote the writer put before a formula character, so an export reads back as written', () => {
    const cells = ['=1+2', '-5', '@x', 'Lima, "Ana"', "'plain"];
    expect(parseCsv(toCsv([cells]))[0]!.cells).toEqual(cells);
  });

  it('says on which line a quoted field is never closed', () => {
    expect(() => parseCsv('a,b\r\n1,"open\r\n2,3')).toThrow(CsvFormatError);
    try {
      parseCsv('a,b\r\n1,"open\r\n2,3');
    } catch (error) {
      expect((error as CsvFormatError).line).toBe(2);
    }
  });
});
