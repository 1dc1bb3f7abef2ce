import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CsvReader, CsvReadOptions, CsvRecord } from './index.js';
import { openCsv } from './index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/csv');

async function readAll(source: Parameters<typeof openCsv>[0], options?: CsvReadOptions) {
  const reader: CsvReader = await openCsv(source, options);
  const records: CsvRecord[] = [];
  for await (const record of reader) records.push(record);
  return {
    reader,
    records,
    fields: records.map((r) => r.fields),
    codes: reader.fileIssues.map((i) => i.code),
  };
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('encodings', () => {
  test('a UTF-8 BOM is detected and stripped from the first header name', async () => {
    const { reader, fields } = await readAll(bytes([0xef, 0xbb, 0xbf], 'id,name\n1,José\n'));
    expect(reader.dialect).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(reader.rawHeader).toEqual(['id', 'name']);
    expect(fields).toEqual([['1', 'José']]);
  });

  test('windows-1252 (é, ü, €) is detected, decoded and reported', async () => {
    const source = bytes(
      'id,name\n1,Jos',
      [0xe9],
      '\n2,M',
      [0xfc],
      'ller\n3,',
      [0x80],
      '5 ',
      [0x93, 0x94],
      '\n',
    );
    const { reader, fields, codes } = await readAll(source);
    expect(reader.dialect.encoding).toBe('windows-1252');
    expect(fields).toEqual([
      ['1', 'José'],
      ['2', 'Müller'],
      ['3', '€5 “”'],
    ]);
    expect(codes).toEqual(['CSV_ENCODING_FALLBACK']);
  });

  test('latin-1 letters decode the same way', async () => {
    const { fields } = await readAll(bytes('id,name\n1,', [0xc9, 0x6c, 0xe9, 0x6e, 0x61, 0x20, 0xdf], '\n'));
    expect(fields).toEqual([['1', 'Éléna ß']]);
  });

  test('mojibake ("JosÃ©") is reported as a warning', async () => {
    const { fields, codes } = await readAll(bytes('id,name\n1,JosÃ©\n'));
    expect(fields).toEqual([['1', 'JosÃ©']]);
    expect(codes).toEqual(['CSV_MOJIBAKE']);
  });

  test('Windows-1252 after an all-ASCII 64 KiB sample: read as Windows-1252 from there, reported at its line', async () => {
    const rows = 'r,ok\n'.repeat(20_000);
    const source = bytes('id,name\n', rows, '9,Jos', [0xe9], '\n10,M', [0xfc], 'ller\n');
    const { reader, records, codes } = await readAll(source);
    expect(reader.dialect.encoding).toBe('utf-8');
    expect(records.at(-2)?.fields).toEqual(['9', 'José']);
    expect(records.at(-1)?.fields).toEqual(['10', 'Müller']);
    expect(records.every((r) => r.issues === undefined)).toBe(true);
    expect(codes).toEqual(['CSV_ENCODING_FALLBACK']);
    expect(reader.fileIssues[0]?.line).toBe(20_002);
  });

  test('invalid UTF-8 after UTF-8 text: replaced, reported at its line, and its records carry an error (rejected)', async () => {
    const rows = 'r,ok\n'.repeat(20_000);
    const source = bytes('id,name\n1,Zoë\n', rows, '9,Jos', [0xe9], '\n10,ok\n');
    const { records, codes, reader } = await readAll(source);
    expect(records.at(-2)?.fields).toEqual(['9', 'Jos\uFFFD']);
    expect(records.at(-2)?.issues?.map((i) => [i.code, i.severity, i.line])).toEqual([
      ['CSV_INVALID_UTF8', 'error', 20_003],
    ]);
    expect(records.at(-1)?.issues).toBeUndefined();
    expect(codes).toEqual(['CSV_INVALID_UTF8']);
    expect(reader.fileIssues[0]?.line).toBe(20_003);
  });

  test('a UTF-8 file with a few Windows-1252 bytes in its sample stays UTF-8: those records are rejected', async () => {
    const utf8Rows = Array.from({ length: 5 }, (_, i) => `${i + 2},Zoë Šimić\n`).join('');
    const source = bytes('id,name\n1,Jos', [0xe9], '\n', utf8Rows, '7,M', [0xfc], 'ller\n');
    const { reader, records, codes } = await readAll(source);
    expect(reader.dialect.encoding).toBe('utf-8');
    expect(records.slice(1, 6).map((r) => r.fields[1])).toEqual(Array(5).fill('Zoë Šimić'));
    expect(records.map((r) => r.issues?.map((i) => i.code) ?? [])).toEqual([
      ['CSV_INVALID_UTF8'],
      [],
      [],
      [],
      [],
      [],
      ['CSV_INVALID_UTF8'],
    ]);
    expect(codes).toEqual(['CSV_INVALID_UTF8']);
  });

  test('a Windows-1252 file with a few byte pairs that happen to be UTF-8 stays Windows-1252', async () => {
    // "Ã©" (C3 A9) is a UTF-8 é; here it is literal text among Windows-1252 letters
    const source = bytes('id,name\n1,Jos', [0xe9], '\n2,M', [0xfc], 'ller\n3,', [0xc3, 0xa9], '\n');
    const { reader, fields } = await readAll(source);
    expect(reader.dialect.encoding).toBe('windows-1252');
    expect(fields.map((f) => f[1])).toEqual(['José', 'Müller', 'Ã©']);
  });

  test('a Windows-1252 file whose accented capitals often precede a symbol stays Windows-1252', async () => {
    // É® (C9 AE) and É + no-break space (C9 A0) are well-formed UTF-8 (IPA letters), Ö© (D6 A9) too
    const rows = Array.from({ length: 6 }, (_, i): (string | number[])[] => [
      `${i + 2},NESCAF`,
      [0xc9, 0xae],
      ' CAF',
      [0xc9, 0xa0],
      '!\n',
    ]);
    const source = bytes('id,name\n1,Jos', [0xe9], ' K', [0xd6, 0xa9], '\n', ...rows.flat());
    const { reader, fields, codes } = await readAll(source);
    expect(reader.dialect.encoding).toBe('windows-1252');
    expect(fields.map((f) => f[1])).toEqual(['José KÖ©', ...Array(6).fill('NESCAFÉ® CAFÉ\u00a0!')]);
    expect(codes).not.toContain('CSV_INVALID_UTF8');
  });

  test('a configured utf-8 encoding never falls back', async () => {
    const rows = 'r,ok\n'.repeat(20_000);
    const { records, codes } = await readAll(bytes('id,name\n', rows, '9,Jos', [0xe9], '\n'), {
      encoding: 'utf-8',
    });
    expect(records.at(-1)?.fields).toEqual(['9', 'Jos\uFFFD']);
    expect(codes).toEqual(['CSV_INVALID_UTF8']);
  });

  test('an explicit encoding is obeyed', async () => {
    const { fields } = await readAll(bytes('id,name\n1,JosÃ©\n'), { encoding: 'windows-1252' });
    expect(fields).toEqual([['1', 'JosÃƒÂ©']]);
  });
});

describe('files that are not CSV throw coded errors', () => {
  test.each([
    ['empty.csv', 'CSV_EMPTY_FILE'],
    ['whitespace-only.csv', 'CSV_EMPTY_FILE'],
    ['pgp-armored.csv.asc', 'CSV_ENCRYPTED_FILE'],
    ['does-not-exist.csv', 'FILE_NOT_FOUND'],
    ['.', 'FILE_NOT_FOUND'],
  ])('%s → %s', async (name, code) => {
    await expect(openCsv(path.join(FIXTURES, name))).rejects.toMatchObject({ name: 'ToolkitError', code });
  });

  test('the message names the file: a build reads several (sources, a template)', async () => {
    const empty = path.join(FIXTURES, 'empty.csv');
    await expect(openCsv(empty)).rejects.toThrow(`${empty}: The file is empty`);
    await expect(openCsv(bytes(''), { file: 'template.csv' })).rejects.toThrow(
      /^template\.csv: The file is empty/,
    );
  });

  test('NUL bytes → CSV_BINARY_FILE', async () => {
    await expect(openCsv(bytes('id,name\n1,Ja', [0], 'ne\n'))).rejects.toMatchObject({
      code: 'CSV_BINARY_FILE',
    });
  });

  test('a NUL byte after the 64 KiB sample → CSV_BINARY_FILE too, naming the file (the verdict does not depend on where it is)', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `${i},Jane Testwood\n`).join('');
    expect(rows.length).toBeGreaterThan(65_536);
    const read = readAll(bytes('id,name\n', rows, '4000,Ja', [0], 'ne\n4001,Ann\n'), { file: 'late.csv' });
    await expect(read).rejects.toMatchObject({ code: 'CSV_BINARY_FILE' });
    await expect(read).rejects.toThrow(/^late\.csv: The file holds binary data/);
  });

  test('a binary OpenPGP packet → CSV_ENCRYPTED_FILE', async () => {
    const packet = bytes([0x85, 0x01, 0x0c, 0x03, 0x00, 0x11, 0x22, 0x00, 0x01, 0x07, 0xff, 0x00]);
    await expect(openCsv(packet)).rejects.toMatchObject({ code: 'CSV_ENCRYPTED_FILE' });
    await expect(openCsv(bytes([0xc1, 0x00, 0x03, 0x00, 0x02]))).rejects.toMatchObject({
      code: 'CSV_ENCRYPTED_FILE',
    });
  });

  test('bad options → CSV_INVALID_OPTION', async () => {
    const bad = { delimiter: ':' } as unknown as CsvReadOptions;
    await expect(openCsv(bytes('a\n'), bad)).rejects.toMatchObject({ code: 'CSV_INVALID_OPTION' });
    for (const chunkBytes of [0, 4095, 120 * 1024 + 1, 1.5])
      await expect(openCsv(bytes('a\n'), { chunkBytes })).rejects.toMatchObject({
        code: 'CSV_INVALID_OPTION',
      });
  });
});

describe('record size limit', () => {
  async function* hugeField(quoted: boolean, pulled: { bytes: number }): AsyncGenerator<Uint8Array> {
    const head = Buffer.from(quoted ? 'id,note\n1,"' : 'id,note\n1,');
    pulled.bytes += head.length;
    yield head;
    const block = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 50; i++) {
      pulled.bytes += block.length;
      yield block;
    }
  }

  test.each([true, false])(
    'a 50 MB single field (quoted: %s) throws CSV_RECORD_TOO_LARGE early',
    async (quoted) => {
      const pulled = { bytes: 0 };
      const rssBefore = process.memoryUsage().rss;
      const reader = await openCsv(hugeField(quoted, pulled));
      const drain = async () => {
        for await (const _ of reader) {
          // consume
        }
      };
      await expect(drain()).rejects.toMatchObject({ code: 'CSV_RECORD_TOO_LARGE' });
      expect(pulled.bytes).toBeLessThan(4 << 20);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200_000_000);
    },
  );

  test('a large multi-line field in tiny chunks is read in linear time', async () => {
    const field = 'line of text\n'.repeat(25_000);
    const all = Buffer.from(`id,note\n1,"${field}"\n2,end\n`);
    async function* tiny(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < all.length; i += 64) yield all.subarray(i, i + 64);
    }
    const started = performance.now();
    const { records } = await readAll(tiny());
    expect(records.map((r) => [r.fields[1]?.length, r.line])).toEqual([
      [field.length, 2],
      [3, 25_003],
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('maxRecordBytes is configurable', async () => {
    const source = bytes('id,note\n1,short\n2,', 'y'.repeat(200), '\n3,short\n');
    const drain = async () => readAll(source, { maxRecordBytes: 64 });
    await expect(drain()).rejects.toMatchObject({ code: 'CSV_RECORD_TOO_LARGE' });
  });
});

describe('read chunk size', () => {
  test('a file reads the same in 4 KiB, 64 KiB and 120 KiB chunks (records across chunk ends)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `C${i},"multi\nline ${i}","q""${i}",é${i}`);
    const dir = await mkdtemp(path.join(tmpdir(), 'kmigrate-chunks-'));
    try {
      const file = path.join(dir, 'rows.csv');
      await writeFile(file, `a,b,c,d\n${rows.join('\r\n')}\n`);
      const want = await readAll(file);
      expect(want.records).toHaveLength(3000);
      for (const chunkBytes of [4096, 120 * 1024]) {
        const got = await readAll(file, { chunkBytes });
        expect(got.records).toEqual(want.records);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('iteration', () => {
  test('breaking out early closes the source', async () => {
    const reader = await openCsv(path.join(FIXTURES, 'ragged.csv'));
    let seen = 0;
    for await (const _ of reader) {
      seen++;
      break;
    }
    expect(seen).toBe(1);
  });

  test('close() releases a reader that is not iterated; it cannot be iterated afterwards', async () => {
    const reader = await openCsv(path.join(FIXTURES, 'ragged.csv'));
    expect(reader.header).toEqual(['a', 'b', 'c']);
    await reader.close();
    await expect(reader.batches()[Symbol.asyncIterator]().next()).rejects.toThrow(/only once/);
  });

  test('batches() yields the same records', async () => {
    const reader = await openCsv(path.join(FIXTURES, 'multiline-lines.csv'));
    const rows: number[] = [];
    for await (const batch of reader.batches()) rows.push(...batch.map((r) => r.line));
    expect(rows).toEqual([2, 5, 7, 9, 11]);
  });

  test('a reader can be iterated only once', async () => {
    const reader = await openCsv(path.join(FIXTURES, 'ragged.csv'));
    for await (const _ of reader) {
      // consume
    }
    await expect(reader.batches()[Symbol.asyncIterator]().next()).rejects.toThrow(/only once/);
  });
});
