import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { CHUNK_BYTES, openByteSource, YIELD_CHUNKS } from './byte-source.js';
import { syncFileIo } from './file-io-mode.js';
import { openCsv } from './index.js';

const before = process.env.KMIGRATE_FILE_IO;
afterEach(() => {
  if (before === undefined) delete process.env.KMIGRATE_FILE_IO;
  else process.env.KMIGRATE_FILE_IO = before;
});

describe('file I/O mode', () => {
  test('synchronous on one core, asynchronous with more; the variable overrides both ways', () => {
    delete process.env.KMIGRATE_FILE_IO;
    expect(syncFileIo()).toBe(availableParallelism() < 2);
    process.env.KMIGRATE_FILE_IO = 'sync';
    expect(syncFileIo()).toBe(true);
    process.env.KMIGRATE_FILE_IO = 'async';
    expect(syncFileIo()).toBe(false);
  });

  const dir = mkdtemp(path.join(tmpdir(), 'kmigrate-io-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  test('a file of many chunks reads the same records either way (the chunk ring wraps)', async () => {
    const file = path.join(await dir, 'many.csv');
    const lines = ['id,name,note'];
    // quoted cells with line breaks cross chunk boundaries too
    for (let i = 0; lines.join('\n').length < 5 * CHUNK_BYTES; i++)
      lines.push(i % 7 === 0 ? `${i},"Name ${i}","two\nlines, ${i}"` : `${i},Name ${i},plain ${i}`);
    await writeFile(file, `${lines.join('\n')}\n`);
    const read = async (mode: string) => {
      process.env.KMIGRATE_FILE_IO = mode;
      const reader = await openCsv(file);
      const rows: string[][] = [];
      for await (const record of reader) rows.push([...record.fields, String(record.line)]);
      return { rows, sha: reader.stats };
    };
    const a = await read('async');
    const s = await read('sync');
    expect(lines.length).toBeGreaterThan(10_000);
    expect(s.rows.length).toBe(lines.length - 1);
    expect(s.rows).toEqual(a.rows);
    expect(s.sha).toEqual(a.sha);
  });

  test('read on the main thread, a file still lets the event loop turn (a signal is handled mid-read)', async () => {
    const file = path.join(await dir, 'chunks.bin');
    await writeFile(file, Buffer.alloc(CHUNK_BYTES * (4 * YIELD_CHUNKS)));
    process.env.KMIGRATE_FILE_IO = 'sync';
    const chunks = await openByteSource(file);
    // the first chunk opens the file (asynchronously); from there on every read is synchronous
    expect((await chunks.next()).done).toBe(false);
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    // a run of promises alone never leaves the microtask queue: the callback waits for a yield
    let read = 1;
    let turnedAt = -1;
    for (let r = await chunks.next(); r.done !== true; r = await chunks.next()) {
      read++;
      if (turned && turnedAt < 0) turnedAt = read;
    }
    expect(read).toBe(4 * YIELD_CHUNKS);
    expect(turnedAt).toBeGreaterThan(0);
    expect(turnedAt).toBeLessThanOrEqual(YIELD_CHUNKS + 1);
  });
});
