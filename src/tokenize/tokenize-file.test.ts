import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryVaultStore, initMemoryVault, type TokenVault, VaultKek } from '../vault/index.js';
import { tokenizeFile } from './tokenize-file.js';

let dir: string;
let vault: TokenVault;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kmigrate-tokenize-'));
  vault = initMemoryVault(createMemoryVaultStore(), new VaultKek(randomBytes(32)));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(csv: string, columns: string[] = ['card']) {
  return tokenizeFile({
    source: Buffer.from(csv),
    file: 'in.csv',
    vault,
    out: join(dir, 'out.csv'),
    rejects: join(dir, 'out.rejects.csv'),
    columns,
  });
}

describe('tokenizeFile: card numbers outside the card columns', () => {
  it.each([
    ['dots', 'card 4012.8888.8888.1881 on file'],
    ['double spaces', 'card 4012  8888  8888  1881 on file'],
    ['no-break spaces', 'card 4012\u00a08888\u00a08888\u00a01881 on file'],
    ['narrow no-break spaces', 'card 4012\u202f8888\u202f8888\u202f1881 on file'],
    ['a line break in a quoted cell', '"card 4012 8888\n8888 1881 on file"'],
    ['a CRLF line break in a quoted cell', '"card 4012888888\r\n881881 on file"'],
  ])(
    'a card number written with %s in a kept column is refused by row, nothing written',
    async (_n, cell) => {
      const csv = `id,card,notes\n1,4111111111111111,hello\n2,5555555555554444,${cell}\n`;
      await expect(run(csv)).rejects.toMatchObject({ code: 'TOKENIZE_PAN_OUTSIDE_CARD_COLUMN' });
      expect(existsSync(join(dir, 'out.csv'))).toBe(false);
      expect(existsSync(join(dir, 'out.rejects.csv'))).toBe(false);
    },
  );
});

describe('tokenizeFile: a file without a header row', () => {
  it('is refused (CSV_NO_HEADER) when its first line holds a card number: that record would be lost', async () => {
    const csv = '1,4111111111111111,Ann\n2,5555555555554444,Bob\n';
    await expect(run(csv, [])).rejects.toMatchObject({ code: 'CSV_NO_HEADER' });
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});

describe('tokenizeFile: records the CSV reader could not read cleanly', () => {
  it('are rejected with the CSV code (as build rejects them), masked; the others are tokenized', async () => {
    const csv =
      'id,name,card,city\n1,Ann,4111111111111111,Paris\n2,Smith, John,5555555555554444,Rome\n3,Cy,4012888888881881,Oslo\n';
    const r = await run(csv);
    expect(r).toMatchObject({ rows: 3, written: 2, rejected: 1, cards: 2 });
    expect(r.issues.issues.map((i) => [i.code, i.row])).toEqual([['CSV_RAGGED_ROW', 2]]);
    const rejects = readFileSync(join(dir, 'out.rejects.csv'), 'utf8');
    expect(rejects).toContain('2,3,,CSV_RAGGED_ROW,,2,Smith,555555******4444\n');
    expect(rejects).not.toContain('5555555555554444');
  });
});

describe('tokenizeFile: what the CSV reader found in the file as a whole', () => {
  it('is reported with the run (a duplicate header name, a Windows-1252 file)', async () => {
    const csv = Buffer.from('id,card,name,name\n1,4111111111111111,Ren\xe9,x\n', 'latin1');
    const r = await tokenizeFile({
      source: csv,
      file: 'in.csv',
      vault,
      out: join(dir, 'out.csv'),
      rejects: join(dir, 'out.rejects.csv'),
      columns: ['card'],
    });
    expect(r.issues.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['CSV_DUPLICATE_HEADER', 'CSV_ENCODING_FALLBACK']),
    );
  });
});
