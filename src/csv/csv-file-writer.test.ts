import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runInterruptTasks } from '../core/index.js';
import type { CsvRecord } from './index.js';
import { CsvFileWriter, formatCsvRow, openCsv } from './index.js';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe('formatCsvRow', () => {
  test.each([
    [['a', 'b'], 'a,b'],
    [['a,b', 'c'], '"a,b",c'],
    [['say "hi"'], '"say ""hi"""'],
    [['line\nbreak', 'cr\rx'], '"line\nbreak","cr\rx"'],
    [[' lead', 'trail ', 'in side'], '" lead","trail ",in side'],
    [['', ''], ','],
    [[''], '""'],
    [['4111111111111111', '007'], '4111111111111111,007'],
    [['a;b', 'x\ty'], 'a;b,x\ty'],
  ])('%j → %s', (fields, line) => {
    expect(formatCsvRow(fields)).toBe(line);
  });
});

const tricky: string[][] = [
  ['1', 'Doe, Jane', '4111111111111111', 'said "hi"'],
  ['2', 'multi\nline', ' padded ', ''],
  ['3', 'José Müller €', '"', ','],
  ['4', '', '', ''],
];

async function writeFile(file: string, rows: readonly string[][]): Promise<void> {
  const writer = await CsvFileWriter.open(file, ['id', 'name', 'card', 'note']);
  for (const row of rows) await writer.write(row);
  expect(writer.rows).toBe(rows.length);
  await writer.close();
}

// both ways of writing the file: a stream, or with one core on this thread (file-io-mode.ts)
describe.each(['async', 'sync'])('CsvFileWriter, %s file I/O', (mode) => {
  const before = process.env.KMIGRATE_FILE_IO;
  beforeAll(() => {
    process.env.KMIGRATE_FILE_IO = mode;
  });
  // every test's folder lives under one root, removed at the end
  const root = mkdtemp(path.join(tmpdir(), 'kmigrate-csv-'));
  const folder = async (): Promise<string> => mkdtemp(path.join(await root, 't-'));
  afterAll(async () => {
    if (before === undefined) delete process.env.KMIGRATE_FILE_IO;
    else process.env.KMIGRATE_FILE_IO = before;
    await rm(await root, { recursive: true, force: true });
  });

  test('round trip: what is written reads back identically', async () => {
    const dir = await folder();
    const file = path.join(dir, 'out.csv');
    await writeFile(file, tricky);
    const reader = await openCsv(file);
    const records: CsvRecord[] = [];
    for await (const record of reader) records.push(record);
    expect(reader.header).toEqual(['id', 'name', 'card', 'note']);
    expect(records.map((r) => r.fields)).toEqual(tricky);
    expect(records.every((r) => r.issues === undefined)).toBe(true);
    expect(reader.dialect).toMatchObject({ encoding: 'utf-8', bom: false, lineEnding: 'LF' });
  });

  test('output is byte-identical for identical input, UTF-8 without BOM, LF endings', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, 'a.csv'), tricky);
    await writeFile(path.join(dir, 'b.csv'), tricky);
    const a = await readFile(path.join(dir, 'a.csv'));
    expect(a.equals(await readFile(path.join(dir, 'b.csv')))).toBe(true);
    expect(a[0]).toBe('i'.charCodeAt(0));
    expect(a.includes('\r\n')).toBe(false);
  });

  test('writes to .partial until close, and abort removes the partial file', async () => {
    const dir = await folder();
    const file = path.join(dir, 'out.csv');
    const writer = await CsvFileWriter.open(file, ['id']);
    await writer.write(['1']);
    expect(await exists(`${file}.partial`)).toBe(true);
    expect(await exists(file)).toBe(false);
    await writer.abort();
    expect(await exists(`${file}.partial`)).toBe(false);
    expect(await exists(file)).toBe(false);
  });

  test('abort() undoes a close(), finished or still running; close() after abort() does nothing', async () => {
    const dir = await folder();
    const done = path.join(dir, 'done.csv');
    const a = await CsvFileWriter.open(done, ['id']);
    await a.write(['1']);
    await a.close();
    expect(await exists(done)).toBe(true);
    await a.abort();
    expect(await exists(done)).toBe(false);

    const running = path.join(dir, 'running.csv');
    const b = await CsvFileWriter.open(running, ['id']);
    for (let i = 0; i < 20_000; i++) await b.write([`${i}`]);
    const closing = b.close();
    await b.abort();
    await closing;
    expect(await exists(running)).toBe(false);
    expect(await exists(`${running}.partial`)).toBe(false);

    const dropped = path.join(dir, 'dropped.csv');
    const c = await CsvFileWriter.open(dropped, ['id']);
    await c.abort();
    await c.close();
    expect(await exists(dropped)).toBe(false);
  });

  test('many rows are batched and all arrive', async () => {
    const dir = await folder();
    const file = path.join(dir, 'big.csv');
    const writer = await CsvFileWriter.open(file, ['id', 'name']);
    for (let i = 0; i < 50_000; i++) await writer.write([`${i}`, `Name ${i}, Jr`]);
    await writer.close();
    const reader = await openCsv(file);
    let count = 0;
    for await (const record of reader) if (record.fields[0] === `${count++}`) continue;
    expect(count).toBe(50_000);
    expect(reader.stats.records).toBe(50_000);
  });

  test('removeOnInterrupt: an interrupt after close() removes the published file (else it stays)', async () => {
    const dir = await folder();
    const kept = path.join(dir, 'kept.csv');
    const removed = path.join(dir, 'removed.csv');
    const a = await CsvFileWriter.open(kept, ['id']);
    const b = await CsvFileWriter.open(removed, ['id'], { removeOnInterrupt: true });
    for (const w of [a, b]) {
      await w.write(['1']);
      await w.close();
    }
    expect(await exists(removed)).toBe(true);
    runInterruptTasks();
    expect(await exists(removed)).toBe(false);
    expect(await exists(kept)).toBe(true);
  });

  test('an unwritable path throws FILE_UNWRITABLE', async () => {
    await expect(CsvFileWriter.open('/nonexistent-dir/x/out.csv', ['a'])).rejects.toMatchObject({
      code: 'FILE_UNWRITABLE',
    });
  });
});
