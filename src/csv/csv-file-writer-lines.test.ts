import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ToolkitError } from '../core/index.js';
import { CsvFileWriter } from './csv-file-writer.js';

const OUTPUT_BATCH_CHARS = 1 << 20;
const open = (path: string, header: string[]) =>
  CsvFileWriter.open(path, header, { batchChars: OUTPUT_BATCH_CHARS });

const root = mkdtempSync(join(tmpdir(), 'kmigrate-csv-lines-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('CsvFileWriter with preformatted lines and a 1 MiB batch (the build)', () => {
  it('writes the header, formatted rows and lines, and publishes on close', async () => {
    const path = join(root, 'a.csv');
    const out = await open(path, ['x', 'y']);
    await out.writeLine('1,2');
    await out.write(['a,b', ' c']);
    expect(existsSync(`${path}.partial`)).toBe(true);
    expect(existsSync(path)).toBe(false);
    await out.close();
    expect(out.rows).toBe(2);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('x,y\n1,2\n"a,b"," c"\n');
  });

  it('asks the caller to wait once a batch is full, and keeps every row', async () => {
    const path = join(root, 'big.csv');
    const out = await open(path, ['v']);
    const row = 'x'.repeat(999);
    let waits = 0;
    for (let i = 0; i < 3000; i++) {
      const p = out.writeLine(row);
      if (p !== undefined) {
        waits++;
        await p;
      }
    }
    await out.close();
    expect(waits).toBe(Math.floor((2 + 3000 * 1000) / OUTPUT_BATCH_CHARS));
    expect(readFileSync(path, 'utf8').length).toBe(2 + 3000 * 1000);
  });

  it('ends every line with the lineEnding it is given (CRLF), across batches', async () => {
    const path = join(root, 'crlf.csv');
    const out = await CsvFileWriter.open(path, ['x', 'y'], { batchChars: 16, lineEnding: '\r\n' });
    for (let i = 0; i < 20; i++) await out.write([String(i), 'a,b']);
    await out.close();
    const expected = ['x,y', ...Array.from({ length: 20 }, (_, i) => `${i},"a,b"`), ''].join('\r\n');
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });

  it('removes the partial file on abort and refuses later writes', async () => {
    const path = join(root, 'b.csv');
    const out = await open(path, ['x']);
    await out.writeLine('1');
    await out.abort();
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(existsSync(path)).toBe(false);
    expect(() => out.writeLine('2')).toThrow(ToolkitError);
  });

  it('fails with FILE_UNWRITABLE when the folder does not exist', async () => {
    await expect(open(join(root, 'missing', 'c.csv'), ['x'])).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
    });
  });

  it('hashes the bytes it writes: sha256 equals the published file, multi-byte text included', async () => {
    const path = join(root, 'hashed.csv');
    const out = await CsvFileWriter.open(path, ['name', 'n'], { batchChars: 100, sha256: true });
    expect(() => out.sha256).toThrow(ToolkitError);
    for (let i = 0; i < 500; i++) await out.write([`Zoë Ünal ${i}`, String(i)]);
    await out.close();
    const expected = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(out.sha256).toBe(expected);
  });

  it('has no sha256 unless asked for one', async () => {
    const path = join(root, 'plain.csv');
    const out = await open(path, ['v']);
    await out.writeLine('1');
    await out.close();
    expect(() => out.sha256).toThrow(/sha256/);
  });

  it('keeps row order when flushes overlap (callers that do not wait), multi-byte rows included', async () => {
    const path = join(root, 'overlap.csv');
    const out = await CsvFileWriter.open(path, ['n', 'text'], { batchChars: 50, sha256: true });
    const waits: Promise<void>[] = [];
    const expected = ['n,text'];
    for (let i = 0; i < 2000; i++) {
      const text = i % 3 === 0 ? `Zoë ${'é'.repeat(i % 40)}` : 'x'.repeat(i % 90);
      expected.push(`${i},${text}`);
      const wait = out.writeLine(`${i},${text}`);
      if (wait !== undefined) waits.push(wait);
    }
    await Promise.all(waits);
    await out.close();
    const written = readFileSync(path);
    expect(written.toString('utf8')).toBe(`${expected.join('\n')}\n`);
    expect(out.sha256).toBe(createHash('sha256').update(written).digest('hex'));
  });

  it('abort while writes wait for the disk leaves no rejected promise behind', async () => {
    const rejected: unknown[] = [];
    const onRejection = (reason: unknown): void => {
      rejected.push(reason);
    };
    process.on('unhandledRejection', onRejection);
    try {
      for (let round = 0; round < 5; round++) {
        const path = join(root, `aborted-${round}.csv`);
        const out = await CsvFileWriter.open(path, ['v'], { batchChars: 16 });
        // callers that stopped on their own error never await these
        for (let i = 0; i < 500; i++) void out.writeLine('x'.repeat(200));
        await out.abort();
        expect(existsSync(`${path}.partial`)).toBe(false);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(rejected).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
