import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
    ['dots', '4012.8888.8888.1881'],
    ['double spaces', '4012  8888  8888  1881'],
    ['no-break spaces', '4012\u00a08888\u00a08888\u00a01881'],
    ['narrow no-break spaces', '4012\u202f8888\u202f8888\u202f1881'],
  ])('a card number written with %s in a kept column is refused by row, nothing written', async (_n, pan) => {
    const csv = `id,card,notes\n1,4111111111111111,hello\n2,5555555555554444,card ${pan} on file\n`;
    await expect(run(csv)).rejects.toMatchObject({ code: 'TOKENIZE_PAN_OUTSIDE_CARD_COLUMN' });
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    expect(existsSync(join(dir, 'out.rejects.csv'))).toBe(false);
  });
});

describe('tokenizeFile: a file without a header row', () => {
  it('is refused (CSV_NO_HEADER) when its first line holds a card number: that record would be lost', async () => {
    const csv = '1,4111111111111111,Ann\n2,5555555555554444,Bob\n';
    await expect(run(csv, [])).rejects.toMatchObject({ code: 'CSV_NO_HEADER' });
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});
