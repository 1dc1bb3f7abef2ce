import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/temp-dirs.js';
import { VaultKek } from './kek.js';
import { newStoredKeys } from './key-pair.js';
import { openNewKeyedVault } from './keyed-vault.js';
import { createSqliteStorage1 } from './sqlite-storage-1.js';
import { initSqliteVault, openSqliteVault } from './sqlite-vault.js';

afterAll(removeTempDirs);

const kek = (): VaultKek => new VaultKek(randomBytes(32));
const vaultPath = (): string => join(tempDir('kmigrate-block-vault-'), 'vault.db');

/** Luhn-free synthetic digit strings are enough here: the vault takes validated digits. */
const pans = (n: number, from = 0): string[] =>
  Array.from({ length: n }, (_, i) => `4000${String(from + i).padStart(12, '0')}`);

function rows(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.prepare(sql).pluck().get());
  } finally {
    db.close();
  }
}

function write(path: string, sql: string, ...args: unknown[]): void {
  const db = new Database(path);
  try {
    db.prepare(sql).run(...args);
  } finally {
    db.close();
  }
}

describe('format-2 SQLite vault', () => {
  it('a run over several chunks and blocks, with repeats, round-trips; tokens are stable across runs and rotation', async () => {
    const path = vaultPath();
    const key = kek();
    const cards = pans(70_000);
    const input = [...cards, ...cards.slice(0, 5_000)];
    const vault = initSqliteVault(path, key);
    const tokens = await vault.atomically(() => vault.tokenize(input));
    expect(new Set(tokens).size).toBe(70_000);
    expect(tokens.slice(70_000)).toEqual(tokens.slice(0, 5_000));
    expect(await vault.count()).toBe(70_000);
    const blocks = rows(path, 'SELECT count(*) FROM blocks');
    expect(blocks).toBe(Math.ceil(70_000 / 256));
    await vault.close();

    const newKey = kek();
    const again = openSqliteVault(path, key);
    expect(await again.atomically(() => again.tokenize(cards))).toEqual(tokens.slice(0, 70_000));
    await again.rotate(newKey);
    await again.close();
    // Re-tokenizing known cards adds no card and keeps no block.
    expect(rows(path, 'SELECT count(*) FROM cards')).toBe(70_000);
    expect(rows(path, 'SELECT count(*) FROM blocks')).toBe(blocks);

    const rotated = openSqliteVault(path, newKey);
    expect(await rotated.tokenize(cards.slice(123, 130))).toEqual(tokens.slice(123, 130));
    const sample = [tokens[0] ?? '', tokens[69_999] ?? '', tokens[31_337] ?? ''];
    expect(await rotated.detokenize(sample)).toEqual([cards[0], cards[69_999], cards[31_337]]);
    await rotated.close();
  }, 60_000);

  it('mixed runs: new cards get new tokens, known ones keep theirs', async () => {
    const path = vaultPath();
    const vault = initSqliteVault(path, kek());
    const first = await vault.tokenize(pans(300));
    const second = await vault.tokenize(pans(300, 200));
    expect(second.slice(0, 100)).toEqual(first.slice(200));
    expect(await vault.count()).toBe(500);
    expect(await vault.detokenize(second)).toEqual(pans(300, 200));
    await vault.close();
  });

  it('a modified block or a card pointed at another slot → VAULT_TAMPERED; a foreign token → VAULT_TOKEN_UNKNOWN', async () => {
    const path = vaultPath();
    const key = kek();
    const vault = initSqliteVault(path, key);
    const tokens = await vault.tokenize(pans(10));
    const foreign = initSqliteVault(vaultPath(), kek());
    const [other] = await foreign.tokenize(pans(1));
    await foreign.close();
    await expect(vault.detokenize([other ?? ''])).rejects.toMatchObject({ code: 'VAULT_TOKEN_UNKNOWN' });
    await vault.close();

    write(path, 'UPDATE cards SET place = place - place % 65536 + (place % 65536 + 1) % 10');
    const moved = openSqliteVault(path, key);
    await expect(moved.detokenize([tokens[0] ?? ''])).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
    await moved.close();

    write(path, 'UPDATE cards SET place = place - place % 65536 + (place % 65536 + 9) % 10');
    const sealed = (() => {
      const db = new Database(path, { readonly: true });
      const value = db.prepare('SELECT sealed FROM blocks').pluck().get() as Buffer;
      db.close();
      return Buffer.from(value);
    })();
    sealed[40] = (sealed[40] ?? 0) ^ 1;
    write(path, 'UPDATE blocks SET sealed = ?', sealed);
    const bent = openSqliteVault(path, key);
    await expect(bent.detokenize([tokens[3] ?? ''])).rejects.toMatchObject({ code: 'VAULT_TAMPERED' });
    await bent.close();
  });

  it('a format-1 vault file still opens and works (same tokens, detokenize, rotation)', async () => {
    const path = vaultPath();
    const key = kek();
    const legacy = openNewKeyedVault(createSqliteStorage1(path, newStoredKeys(key, 'hmac'), false), key);
    const old = await legacy.tokenize(pans(5));
    await legacy.close();
    const vault = openSqliteVault(path, key);
    expect(await vault.tokenize(pans(5))).toEqual(old);
    expect(await vault.detokenize(old)).toEqual(pans(5));
    const newKey = kek();
    await vault.rotate(newKey);
    await vault.close();
    expect(() => openSqliteVault(path, key)).toThrow(expect.objectContaining({ code: 'VAULT_KEK_WRONG' }));
    const rotated = openSqliteVault(path, newKey);
    expect(await rotated.detokenize(old)).toEqual(pans(5));
    await rotated.close();
  });

  it('a vault file of an unknown format → VAULT_CORRUPT', async () => {
    const path = vaultPath();
    const key = kek();
    await initSqliteVault(path, key).close();
    write(path, "UPDATE vault_meta SET value = CAST('kmigrate-vault-99' AS BLOB) WHERE name = 'format'");
    expect(() => openSqliteVault(path, key)).toThrow(expect.objectContaining({ code: 'VAULT_CORRUPT' }));
  });
});
