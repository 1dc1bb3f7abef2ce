import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CsvReader, CsvReadOptions, CsvRecord } from './index.js';
import { openCsv } from './index.js';
import { HEADER_MAX_BYTES } from './open-csv.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/csv');
const fixture = (name: string): string => path.join(FIXTURES, name);

interface Read {
  reader: CsvReader;
  records: CsvRecord[];
}

async function readAll(source: Parameters<typeof openCsv>[0], options?: CsvReadOptions): Promise<Read> {
  const reader = await openCsv(source, options);
  const records: CsvRecord[] = [];
  for await (const record of reader) records.push(record);
  return { reader, records };
}

const shape = (records: readonly CsvRecord[]) =>
  records.map((r) => ({
    fields: r.fields,
    row: r.row,
    line: r.line,
    codes: (r.issues ?? []).map((i) => i.code),
  }));
const fileCodes = (reader: CsvReader) => reader.fileIssues.map((i) => i.code);

describe('openCsv reads the conformance corpus', () => {
  test('quoted fields with delimiters, doubled quotes and LF / CRLF newlines', async () => {
    const { reader, records } = await readAll(fixture('quoted-fields.csv'));
    expect(reader.header).toEqual(['id', 'name', 'address', 'note']);
    expect(shape(records)).toEqual([
      { fields: ['1', 'Doe, Jane', '1 Main St\nApt 2', 'She said "hi"'], row: 1, line: 2, codes: [] },
      { fields: ['2', 'Roe, Rick', '5 Elm Rd\nUnit 9', ''], row: 2, line: 4, codes: [] },
      { fields: ['3', 'Plain', '', 'x'], row: 3, line: 6, codes: [] },
    ]);
    // records end with LF; the CRLF inside a quoted field is content, not a line ending
    expect(reader.dialect.lineEnding).toBe('LF');
    expect(reader.stats).toEqual({ bytes: 120, lines: 6, records: 3 });
  });

  test('exact physical line numbers in a multi-line-field file', async () => {
    const { reader, records } = await readAll(fixture('multiline-lines.csv'));
    expect(shape(records)).toEqual([
      { fields: ['1', 'a\nb\nc'], row: 1, line: 2, codes: [] },
      { fields: ['2', 'plain'], row: 2, line: 5, codes: [] },
      { fields: ['3', 'x\ny'], row: 3, line: 7, codes: [] },
      { fields: ['4', '"q"\n'], row: 4, line: 9, codes: [] },
      { fields: ['5', 'end'], row: 5, line: 11, codes: [] },
    ]);
    expect(reader.stats.lines).toBe(11);
    expect(fileCodes(reader)).toEqual(['CSV_BLANK_LINES']);
  });

  test.each([
    ['semicolon-decimal.csv', ';', ['Jane Doe', '49,95', '1,00']],
    ['tab.tsv', '\t', ['1', 'Jane Doe', '4111111111111111']],
    ['pipe.csv', '|', ['1', 'Jane Doe', '4111111111111111']],
    ['sep-line.csv', ';', ['1', 'Jane, Doe']],
  ])('sniffs the delimiter of %s', async (name, delimiter, first) => {
    const { reader, records } = await readAll(fixture(name));
    expect(reader.dialect.delimiter).toBe(delimiter);
    expect(records[0]?.fields).toEqual(first);
    expect(records.every((r) => r.issues === undefined)).toBe(true);
  });

  test('a sep= line sets the delimiter, is skipped and reported', async () => {
    const { reader, records } = await readAll(fixture('sep-line.csv'));
    expect(reader.dialect).toMatchObject({ sepLine: true, headerLine: 2 });
    expect(reader.header).toEqual(['id', 'name']);
    expect(records.map((r) => r.line)).toEqual([3, 4]);
    expect(fileCodes(reader)).toEqual(['CSV_SEP_LINE']);
  });

  test.each([
    ['crlf.csv', 'CRLF', [2, 3, 5], ['2', 'Multi\nLine']],
    ['cr-only.csv', 'CR', [2, 3], ['2', 'John']],
    ['mixed-endings.csv', 'mixed', [2, 3, 4], ['2', 'John']],
    ['no-trailing-newline.csv', 'LF', [2, 3], ['2', 'John']],
  ])('line endings of %s', async (name, lineEnding, lines, second) => {
    const { reader, records } = await readAll(fixture(name));
    expect(reader.dialect.lineEnding).toBe(lineEnding);
    expect(records.map((r) => r.line)).toEqual(lines);
    expect(records[1]?.fields).toEqual(second);
  });

  test('duplicate and empty header names get unique names and warnings', async () => {
    const { reader, records } = await readAll(fixture('duplicate-header.csv'));
    expect(reader.rawHeader).toEqual(['Customer ID', 'Cardholder Name', 'Amount', 'Cardholder Name', '']);
    expect(reader.header).toEqual([
      'Customer ID',
      'Cardholder Name',
      'Amount',
      'Cardholder Name (2)',
      'Column 5',
    ]);
    expect(fileCodes(reader)).toEqual(['CSV_DUPLICATE_HEADER', 'CSV_EMPTY_HEADER_NAME']);
    expect(records[0]?.issues).toBeUndefined();
  });

  test('a line of only spaces in a file of several columns is a blank line, not a ragged record of one blank field', async () => {
    const text = 'id,name\n1,Jane\n   \n2,John\n \t \n';
    const { reader, records } = await readAll(Buffer.from(text), { file: 'spaces.csv' });
    expect(shape(records)).toEqual([
      { fields: ['1', 'Jane'], row: 1, line: 2, codes: [] },
      { fields: ['2', 'John'], row: 2, line: 4, codes: [] },
    ]);
    expect(reader.fileIssues).toMatchObject([
      { code: 'CSV_BLANK_LINES', severity: 'warning', received: '2' },
    ]);
  });

  test('in a file of one column, a value of spaces stays a record (its cell is blank)', async () => {
    const { records } = await readAll(Buffer.from('name\nJane\n   \nJohn\n'), { file: 'one.csv' });
    expect(shape(records).map((r) => r.fields)).toEqual([['Jane'], ['   '], ['John']]);
  });

  test('blank lines (leading, inner, trailing) are skipped, counted and reported once', async () => {
    const { reader, records } = await readAll(fixture('blank-lines.csv'));
    expect(reader.dialect.headerLine).toBe(2);
    expect(shape(records)).toEqual([
      { fields: ['1', 'Jane'], row: 1, line: 4, codes: [] },
      { fields: ['2', 'John'], row: 2, line: 7, codes: [] },
    ]);
    expect(reader.fileIssues).toMatchObject([
      { code: 'CSV_BLANK_LINES', severity: 'warning', received: '6' },
    ]);
    expect(reader.stats.lines).toBe(9);
  });

  test('a delimiter ending every data row (Authorize.net): line 1 stays the header, the empty extra field is dropped and reported once', async () => {
    const text = 'id,name,amount\n1,Jane,1.00,\n2,John,2.00,\n3,"Doe, J",3.00,,\n4,Ann,4.00,x\n';
    const { reader, records } = await readAll(Buffer.from(text), { file: 'anet.csv' });
    expect(reader.header).toEqual(['id', 'name', 'amount']);
    expect(shape(records)).toEqual([
      { fields: ['1', 'Jane', '1.00'], row: 1, line: 2, codes: [] },
      { fields: ['2', 'John', '2.00'], row: 2, line: 3, codes: [] },
      { fields: ['3', 'Doe, J', '3.00'], row: 3, line: 4, codes: [] },
      { fields: ['4', 'Ann', '4.00', 'x'], row: 4, line: 5, codes: ['CSV_RAGGED_ROW'] },
    ]);
    expect(reader.fileIssues.map((i) => [i.code, i.severity, i.message])).toEqual([
      [
        'CSV_TRAILING_DELIMITER',
        'warning',
        '3 records had more fields than the header, all of them empty (a delimiter at the end of the line); they were read without them.',
      ],
    ]);
  });

  test('one record with an empty field too many, in a file whose first record has none, is ragged: an unquoted delimiter inside a cell shifted its cells', async () => {
    // the last column is often empty (a cancellation reason): "Doe, Jane" unquoted then reads as
    // one empty field too many, which is not a trailing delimiter — the file has none
    const text =
      'id,name,email,reason\n1,Ann Lee,ann@example.com,\n2,Doe, Jane,jane@example.com,\n3,Bo,bo@example.com,moved\n';
    const { reader, records } = await readAll(Buffer.from(text), { file: 'subs.csv' });
    expect(shape(records)).toEqual([
      { fields: ['1', 'Ann Lee', 'ann@example.com', ''], row: 1, line: 2, codes: [] },
      { fields: ['2', 'Doe', ' Jane', 'jane@example.com', ''], row: 2, line: 3, codes: ['CSV_RAGGED_ROW'] },
      { fields: ['3', 'Bo', 'bo@example.com', 'moved'], row: 3, line: 4, codes: [] },
    ]);
    expect(reader.fileIssues.map((i) => i.code)).toEqual([]);
  });

  test('ragged rows (short and long) are delivered unchanged with CSV_RAGGED_ROW', async () => {
    const { records } = await readAll(fixture('ragged.csv'), { file: 'ragged.csv' });
    expect(shape(records)).toEqual([
      { fields: ['1', '2', '3'], row: 1, line: 2, codes: [] },
      { fields: ['4', '5'], row: 2, line: 3, codes: ['CSV_RAGGED_ROW'] },
      { fields: ['6', '7', '8', '9'], row: 3, line: 4, codes: ['CSV_RAGGED_ROW'] },
      { fields: ['10', '11', '12'], row: 4, line: 5, codes: [] },
    ]);
    expect(records[1]?.issues?.[0]).toEqual({
      code: 'CSV_RAGGED_ROW',
      severity: 'error',
      message: 'The record has 2 fields; the header has 3.',
      row: 2,
      line: 3,
      column: null,
      file: 'ragged.csv',
      expected: '3 fields',
      received: '2 fields',
    });
  });

  test('leading metadata rows are skipped and reported with their lines', async () => {
    const { reader, records } = await readAll(fixture('metadata-header.csv'));
    expect(reader.dialect.headerLine).toBe(4);
    expect(reader.header).toEqual(['id', 'name', 'amount']);
    expect(records.map((r) => [r.row, r.line])).toEqual([
      [1, 5],
      [2, 6],
      [3, 7],
      [4, 8],
    ]);
    expect(fileCodes(reader)).toEqual(['CSV_HEADER_NOT_FIRST_LINE', 'CSV_BLANK_LINES']);
    expect(reader.fileIssues[0]?.message).toContain('lines 1–2');
  });

  test('an explicit headerLine is used, a missing one throws CSV_NO_HEADER', async () => {
    const { reader } = await readAll(fixture('metadata-header.csv'), { headerLine: 4 });
    expect(reader.header).toEqual(['id', 'name', 'amount']);
    await expect(openCsv(fixture('metadata-header.csv'), { headerLine: 3 })).rejects.toMatchObject({
      code: 'CSV_NO_HEADER',
    });
  });

  test('a header row longer than the 64 KiB sniffing window is read (20,000 columns), its rows too', async () => {
    const columns = Array.from({ length: 20_000 }, (_, i) => `c${i}`);
    const text = `${columns.join(',')}\n${columns.map((_, i) => `v${i}`).join(',')}\n`;
    const { reader, records } = await readAll(Buffer.from(text));
    expect(reader.header).toHaveLength(20_000);
    expect(reader.header[19_999]).toBe('c19999');
    expect(records).toHaveLength(1);
    expect(records[0]?.fields[19_999]).toBe('v19999');
    const after = await readAll(Buffer.from(`sep=,\n\n${text}`));
    expect([after.reader.header.length, after.records[0]?.line]).toEqual([20_000, 4]);
  });

  test('a header row longer than 1 MiB is CSV_HEADER_TOO_LONG naming the file and its line, not CSV_NO_HEADER', async () => {
    const columns = Array.from({ length: 120_000 }, (_, i) => `col${i}`);
    const text = `${columns.join(',')}\n${columns.map(() => 'v').join(',')}\n`;
    expect(text.indexOf('\n')).toBeGreaterThan(HEADER_MAX_BYTES);
    await expect(openCsv(Buffer.from(text), { file: 'wide.csv' })).rejects.toMatchObject({
      code: 'CSV_HEADER_TOO_LONG',
      message: expect.stringMatching(
        /^wide\.csv: The header row starting on line 1 is longer than 1048576 bytes \(1 MiB\)/,
      ),
    });
    const after = `sep=,\n\n${text}`;
    await expect(openCsv(Buffer.from(after), { file: 'wide.csv' })).rejects.toMatchObject({
      code: 'CSV_HEADER_TOO_LONG',
      message: expect.stringContaining('starting on line 3'),
    });
    // an explicit header line cut off by the window, too; a header further on stays CSV_NO_HEADER
    const metadata = `Export of all columns\n${text}`;
    await expect(openCsv(Buffer.from(metadata), { headerLine: 2 })).rejects.toMatchObject({
      code: 'CSV_HEADER_TOO_LONG',
    });
    await expect(openCsv(Buffer.from(metadata), { headerLine: 3 })).rejects.toMatchObject({
      code: 'CSV_NO_HEADER',
    });
  });

  test('an unclosed quote at EOF becomes one last record with CSV_UNCLOSED_QUOTE and its line span', async () => {
    const { records } = await readAll(fixture('unclosed-quote.csv'));
    expect(records[1]?.issues?.[0]?.message).toBe(
      'A quoted field is never closed; lines 3–5 (the rest of the file) were read as this record.',
    );
    expect(shape(records)).toEqual([
      { fields: ['1', 'Jane', 'ok'], row: 1, line: 2, codes: [] },
      {
        fields: ['2', 'John', 'never closed\n3,Amy,lost\n4,Bob,lost\n'],
        row: 2,
        line: 3,
        codes: ['CSV_UNCLOSED_QUOTE'],
      },
    ]);
  });

  test('malformed quotes mid-file are read leniently with CSV_MALFORMED_QUOTE', async () => {
    const { records } = await readAll(fixture('malformed-quote.csv'));
    expect(shape(records)).toEqual([
      { fields: ['1', 'Jane', 'ok'], row: 1, line: 2, codes: [] },
      { fields: ['2', 'Jo"hn', 'x'], row: 2, line: 3, codes: ['CSV_MALFORMED_QUOTE'] },
      { fields: ['3', 'Amy"x,y'], row: 3, line: 4, codes: ['CSV_MALFORMED_QUOTE', 'CSV_RAGGED_ROW'] },
      { fields: ['4', 'Bob', 'fine'], row: 4, line: 5, codes: [] },
    ]);
  });

  test('a header-only file has a header and no records', async () => {
    const { reader, records } = await readAll(fixture('header-only.csv'));
    expect(reader.header).toEqual(['id', 'name', 'card']);
    expect(records).toEqual([]);
    expect(reader.stats.records).toBe(0);
  });

  test('issue messages never contain cell values', async () => {
    const { reader, records } = await readAll(fixture('malformed-quote.csv'));
    const messages = [...reader.fileIssues, ...records.flatMap((r) => r.issues ?? [])].map((i) => i.message);
    expect(messages.join(' ')).not.toMatch(/Jo"hn|Amy|Bob/);
  });
});

describe('openCsv gives the same records whatever the chunk size', () => {
  const names = [
    'quoted-fields.csv',
    'multiline-lines.csv',
    'crlf.csv',
    'cr-only.csv',
    'mixed-endings.csv',
    'blank-lines.csv',
    'unclosed-quote.csv',
    'malformed-quote.csv',
    'no-trailing-newline.csv',
  ];
  async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  test.each(names)('%s', async (name) => {
    const bytes = await readFile(fixture(name));
    const whole = await readAll(bytes);
    for (const size of [1, 2, 3, 7]) {
      const chunked = await readAll(inChunks(bytes, size));
      expect(shape(chunked.records)).toEqual(shape(whole.records));
      expect(chunked.reader.stats).toEqual(whole.reader.stats);
    }
  });
});
