import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';
import { fullRow, TX_COLUMNS, toCsv } from '../support/konnektive-rows.js';

const BIN = join(ROOT, 'bin', 'kmigrate.js');
const header = `${TX_COLUMNS.join(',')}\n`;
const fx = tempDir({
  'empty.csv': '',
  'header-only.csv': header,
  'binary.csv': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  'nul.csv': Buffer.concat([Buffer.from(header), Buffer.from('C1,O1,\u0000\u0000\u0000,12\n')]),
  // a NUL byte far past the 64 KiB sample the reader looks at first
  'late-nul.csv': Buffer.concat([
    Buffer.from(toCsv(Array.from({ length: 400 }, (_, i) => fullRow(i)))),
    Buffer.from('C999,O999,\u0000,12\n'),
  ]),
  'unclosed.csv': `${toCsv([fullRow(0)])}C2,"O2,2026-01-01 00:00:00,12\n`,
  'pgp.csv': Buffer.from([0x85, 0x01, 0x0c, 0x03, 0x11, 0x22, 0x33]),
  'armored.csv': '-----BEGIN PGP MESSAGE-----\n\nhQEMA1234\n-----END PGP MESSAGE-----\n',
});
// a single 50 MB field
writeFileSync(
  `${fx.dir}/huge-field.csv`,
  Buffer.concat([Buffer.from(`${header}C1,"`), Buffer.alloc(50 * 1024 * 1024, 0x61), Buffer.from('",O1\n')]),
);
afterAll(fx.cleanup);

const cases: [string, number[], RegExp][] = [
  ['empty.csv', [2], /^kmigrate: CSV_EMPTY_FILE: /],
  ['header-only.csv', [1], /FILE_NO_RECORDS/],
  ['binary.csv', [2], /^kmigrate: CSV_BINARY_FILE: /],
  ['nul.csv', [2], /^kmigrate: CSV_BINARY_FILE: /],
  ['late-nul.csv', [2], /^kmigrate: CSV_BINARY_FILE: /],
  ['unclosed.csv', [1], /CSV_UNCLOSED_QUOTE/],
  // encrypted inputs are decrypted in a stream; a broken message is a coded PGP error
  // seven bytes of a packet: too short to be taken for a message to decrypt, refused by the CSV door
  ['pgp.csv', [2], /^kmigrate: CSV_ENCRYPTED_FILE: /],
  ['armored.csv', [2], /^kmigrate: PGP_[A-Z_]+: /],
  ['huge-field.csv', [2], /^kmigrate: CSV_RECORD_TOO_LARGE: /],
];

describe('hostile input ends with exit 1 or 2 and a one-line coded message', () => {
  it.each(cases)('%s', (file, codes, pattern) => {
    const started = Date.now();
    const r = kmigrate(['check', `${fx.dir}/${file}`, '--import-date', '2026-12-01'], { timeoutMs: 30_000 });
    expect(codes).toContain(r.code);
    expect(`${r.stderr}${r.stdout}`).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('an input that is not a regular file', () => {
  it('a named pipe nobody writes to is FILE_NOT_FOUND at once, not a hang', () => {
    const fifo = `${fx.dir}/pipe.csv`;
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    // SIGKILL: a process blocked opening the pipe does not end on SIGTERM
    const r = spawnSync(process.execPath, [BIN, 'check', fifo, '--import-date', '2026-12-01'], {
      encoding: 'utf8',
      timeout: 10_000,
      killSignal: 'SIGKILL',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: FILE_NOT_FOUND: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
