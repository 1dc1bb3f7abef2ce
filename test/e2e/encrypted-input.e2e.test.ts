import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, tempDir } from '../support/cli.js';
import { fullRow, toCsv } from '../support/konnektive-rows.js';

const PASSPHRASE = 'correct horse battery staple';
const fx = tempDir({ 'transactions.csv': toCsv(Array.from({ length: 20 }, (_, i) => fullRow(i))) });
afterAll(fx.cleanup);
const env = { KMIGRATE_PGP_PASSPHRASE: PASSPHRASE, KMIGRATE_KEYRING: join(fx.dir, 'keys') };
const km = (args: string[]) => kmigrate(args, { cwd: fx.dir, env });

describe('check reads OpenPGP-encrypted files in a stream', () => {
  const gen = km([
    'keys',
    'generate',
    '--name',
    'Receiver',
    '--email',
    'receiver@example.invalid',
    '--format',
    'json',
  ]);
  const enc = km([
    'encrypt',
    'transactions.csv',
    '--to',
    'receiver@example.invalid',
    '-o',
    'transactions.csv.pgp',
  ]);

  it('checks the plaintext of an encrypted file without writing it to disk', () => {
    expect([gen.code, enc.code]).toEqual([0, 0]);
    const r = km(['check', 'transactions.csv.pgp', '--format', 'json', '--import-date', '2026-12-01']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 20, errors: 0 });
    expect(r.code).toBe(0);
  });

  it('fails with PGP_TAMPERED on a tampered file and writes no report', () => {
    const bytes = readFileSync(join(fx.dir, 'transactions.csv.pgp'));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    writeFileSync(join(fx.dir, 'tampered.pgp'), bytes);
    const r = km(['check', 'tampered.pgp', '--report', 'r.html', '--import-date', '2026-12-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: PGP_(TAMPERED|MALFORMED): /);
    expect(existsSync(join(fx.dir, 'r.html'))).toBe(false);
  });

  it('profile reads it the same way', () => {
    const plain = JSON.parse(km(['profile', 'transactions.csv', '--format', 'json']).stdout) as {
      files: { records: number }[];
    };
    const r = km(['profile', 'transactions.csv.pgp', '--format', 'json']);
    expect(r.code).toBe(0);
    const enc = JSON.parse(r.stdout) as { files: { records: number }[] };
    expect(enc.files[0]?.records).toBe(20);
    expect(enc.files[0]?.records).toBe(plain.files[0]?.records);
  });

  it('map reads it the same way (the proposal and the to-do values)', () => {
    const config = (file: string) =>
      `version: 1\nsources:\n  - { name: tx, file: ${file} }\ntransactions:\n  source: tx\n  columns: {}\n`;
    writeFileSync(join(fx.dir, 'map-plain.yaml'), config('transactions.csv'));
    writeFileSync(join(fx.dir, 'map-enc.yaml'), config('transactions.csv.pgp'));
    const plain = km(['map', '--config', 'map-plain.yaml', '--format', 'json']);
    const r = km(['map', '--config', 'map-enc.yaml', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { file: _f, ...enc } = JSON.parse(r.stdout) as { file: string; records: number };
    const { file: _p, ...clear } = JSON.parse(plain.stdout) as { file: string };
    expect(enc.records).toBe(20);
    expect(enc).toEqual(clear);
  });

  it('needs the passphrase', () => {
    const r = kmigrate(['check', 'transactions.csv.pgp'], {
      cwd: fx.dir,
      env: { KMIGRATE_KEYRING: env.KMIGRATE_KEYRING, KMIGRATE_PGP_PASSPHRASE: '' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PGP_PASSPHRASE_MISSING/);
  });
});

describe('build reads OpenPGP-encrypted sources in a stream', () => {
  const demo = join(import.meta.dirname, '..', '..', 'examples', 'demo');
  const config = readFileSync(join(demo, 'migration.yaml'), 'utf8');
  writeFileSync(join(fx.dir, 'orders.csv'), readFileSync(join(demo, 'exports', 'orders.csv')));
  writeFileSync(join(fx.dir, 'plain.yaml'), config.replace('file: exports/orders.csv', 'file: orders.csv'));
  writeFileSync(join(fx.dir, 'enc.yaml'), config.replace('file: exports/orders.csv', 'file: orders.csv.gpg'));
  writeFileSync(join(fx.dir, 'bad.yaml'), config.replace('file: exports/orders.csv', 'file: orders-bad.gpg'));

  it('gives the same outputs as the plaintext source, and fails closed on a tampered one', () => {
    expect(km(['keys', 'list']).code).toBe(0);
    expect(
      km(['encrypt', 'orders.csv', '--to', 'receiver@example.invalid', '-o', 'orders.csv.gpg']).code,
    ).toBe(0);
    const plain = km(['build', '--config', 'plain.yaml', '--out', 'out-plain', '--cleartext-cards']);
    const enc = km(['build', '--config', 'enc.yaml', '--out', 'out-enc', '--cleartext-cards']);
    expect([plain.code, enc.code]).toEqual([1, 1]);
    const read = (dir: string, f: string): string => readFileSync(join(fx.dir, dir, f), 'utf8');
    expect(read('out-enc', 'transactions.csv')).toBe(read('out-plain', 'transactions.csv'));
    // rejects.csv names the file the records came from
    expect(read('out-enc', 'rejects.csv').replaceAll('orders.csv.gpg', 'orders.csv')).toBe(
      read('out-plain', 'rejects.csv'),
    );
    const bytes = readFileSync(join(fx.dir, 'orders.csv.gpg'));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    writeFileSync(join(fx.dir, 'orders-bad.gpg'), bytes);
    const bad = km(['build', '--config', 'bad.yaml', '--out', 'out-bad', '--cleartext-cards']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kmigrate: PGP_[A-Z_]+: /);
    expect(existsSync(join(fx.dir, 'out-bad', 'transactions.csv'))).toBe(false);
  });
});
