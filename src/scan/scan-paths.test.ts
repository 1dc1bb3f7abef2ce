import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { assertNoPan } from './assert-no-pan.js';
import { scanPaths } from './scan-paths.js';

// an id shaped like a card number (here a published test number: nothing else may sit in the repository)
const ID = '4012888888881881';
const dir = mkdtempSync(join(tmpdir(), 'kmigrate-scan-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('card-shaped ids (ScanOptions.idColumns)', () => {
  const csv = file('transactions.csv', `customerId,cardNumber\n${ID},tok_abcdefghijklmnopqrstuvwxyz\n`);
  const report = file('report.json', JSON.stringify({ examples: [{ customerId: ID }] }));

  it('without idColumns the id is a finding (nothing is allowed by default)', async () => {
    const r = await scanPaths([csv, report]);
    expect(r.findings.map((f) => [f.file, f.column])).toEqual([
      [csv, 'customerId'],
      [report, null],
    ]);
  });

  it('with idColumns: not in its column, nor in a report scanned after it', async () => {
    expect((await scanPaths([csv, report], { idColumns: ['customerId'] })).findings).toEqual([]);
  });

  it('an id column spelled another way in the header (a vendor template: CustomerID) is the same column', async () => {
    const spelled = file('spelled.csv', `CustomerID,cardNumber\n${ID},tok_abcdefghijklmnopqrstuvwxyz\n`);
    expect((await scanPaths([spelled, report], { idColumns: ['customerId'] })).findings).toEqual([]);
  });

  it('a card number elsewhere is still found: another column, another value in the report', async () => {
    const other = file('other.csv', `customerId,note\n${ID},${ID}\n`);
    const leak = file('leak.json', JSON.stringify({ card: '4111111111111111' }));
    const r = await scanPaths([other, leak], { idColumns: ['customerId'] });
    expect(r.findings.map((f) => [f.file, f.column])).toEqual([
      [other, 'note'],
      [leak, null],
    ]);
  });

  it('assertNoPan reads card files for ids without counting their card numbers', async () => {
    const clear = file('clear.csv', `customerId,cardNumber\n${ID},4111111111111111\n`);
    await expect(
      assertNoPan([clear, report], { idColumns: ['customerId'], cardFiles: [clear] }),
    ).resolves.toBeUndefined();
    await expect(assertNoPan([clear, report], { idColumns: ['customerId'] })).rejects.toMatchObject({
      code: 'SCAN_LEAK_DETECTED',
    });
  });
});

describe('card digits grouped with no-break or thin spaces', () => {
  const text =
    'id,note\n1,paid with 4111\u202f1111\u202f1111\u20091111\n2,and 5555\u00a05555\u00a05555\u00a04444\n';
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
  ])('%s: both card numbers are found', async (_, bytes) => {
    const path = join(dir, 'nbsp.csv');
    writeFileSync(path, bytes);
    const r = await scanPaths([path]);
    expect(r.findings.map((f) => [f.line, f.masked])).toEqual([
      [2, '411111******1111'],
      [3, '555555******4444'],
    ]);
  });
});

describe('wrapped files: gzip, zip and UTF-16 (Excel "Unicode Text")', () => {
  const text = 'id,note\n1,paid with 4111 1111 1111 1111\n';
  it.each([
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16LE without one', Buffer.from(text, 'utf16le')],
    ['UTF-16BE with a BOM', Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()],
    ['gzip', gzipSync(Buffer.from(text))],
    ['zip, deflated (an .xlsx is one)', Buffer.from(zipSync({ 'xl/sharedStrings.xml': strToU8(text) }))],
    ['zip, stored', Buffer.from(zipSync({ 'notes.csv': [strToU8(text), { level: 0 }] }))],
    // Excel's "Unicode Text" export, compressed
    ['gzip of UTF-16LE', gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))],
    ['zip of UTF-16LE', Buffer.from(zipSync({ 'notes.txt': new Uint8Array(Buffer.from(text, 'utf16le')) }))],
  ])('%s: the card number is found', async (_, bytes) => {
    const path = join(dir, 'wrapped.bin');
    writeFileSync(path, bytes);
    const r = await scanPaths([path]);
    expect(r.findings.map((f) => [f.line, f.masked])).toEqual([[2, '411111******1111']]);
  });
});

describe('a zip of several entries', () => {
  it('names each finding by its entry and its line in that entry; each entry has its own header', async () => {
    const path = join(dir, 'several.zip');
    const csv = 'id,account_number\n1,123456789012\n';
    writeFileSync(
      path,
      zipSync({
        'sub/': new Uint8Array(0),
        'sub/a.txt': strToU8('one\ntwo\nthree\n'),
        'sub/b.csv': strToU8('id,note\n1,x\n2,paid with 4111 1111 1111 1111\n'),
        'c.csv': strToU8(csv),
      }),
    );
    const r = await scanPaths([path]);
    expect(r.findings.map((f) => [f.file, f.line, f.code])).toEqual([
      [`${path}!sub/b.csv`, 3, 'SCAN_PAN_FOUND'],
      [`${path}!c.csv`, 2, 'SCAN_ACH_ACCOUNT_FOUND'],
    ]);
  });
});

describe('unmasked bank accounts in a compressed CSV', () => {
  const csv = 'id,account_number\n1,123456789012\n';
  it.each([
    ['accounts.csv.gz', gzipSync(csv)],
    ['accounts.zip', Buffer.from(zipSync({ 'accounts.csv': strToU8(csv) }))],
  ])('%s: the account column is found, masked', async (name, bytes) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const r = await scanPaths([path]);
    expect(r.findings.map((f) => [f.code, f.column, f.masked])).toEqual([
      ['SCAN_ACH_ACCOUNT_FOUND', 'account_number', '********9012'],
    ]);
  });
});

describe('a zip scan cannot read to its end is FILE_UNREADABLE (not proven clean), never a clean file', () => {
  it('an entry in a method scan does not decompress (bzip2)', async () => {
    const zip = Buffer.from(
      zipSync({ 'cards.csv': [strToU8('id,card\n1,4111111111111111\n'), { level: 0 }] }),
    );
    zip.writeUInt16LE(12, 8); // the local header's method: bzip2
    const path = join(dir, 'bzip2.zip');
    writeFileSync(path, zip);
    await expect(scanPaths([path])).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('method 12'),
    });
  });

  it.each([
    ['a gzip in a gzip', gzipSync(gzipSync('id,card\n1,4111111111111111\n'))],
    ['a gzip in a zip', Buffer.from(zipSync({ 'cards.csv.gz': gzipSync('id,card\n1,4111111111111111\n') }))],
  ])('%s (an archive inside is not opened)', async (_, bytes) => {
    const path = join(dir, 'nested.bin');
    writeFileSync(path, bytes);
    await expect(scanPaths([path])).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('compressed file (gzip) inside'),
    });
  });

  it('a zip cut inside its first header (no entry at all)', async () => {
    const path = join(dir, 'damaged.zip');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(10)]));
    await expect(scanPaths([path])).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringContaining('damaged or cut short'),
    });
  });
});
