import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { initSqliteVault, openSqliteVault, VaultKek } from '../../src/vault/index.js';
import { removeTempDirs, tempDir } from '../support/temp-dirs.js';
import { describeTokenVault } from './token-vault.contract.js';

afterAll(removeTempDirs);

describeTokenVault('sqlite', () => {
  const path = join(tempDir('kmigrate-vault-'), 'vault.db');
  return { init: (kek) => initSqliteVault(path, kek), open: (kek) => openSqliteVault(path, kek) };
});

it('sqlite: the database file holds neither the card numbers nor the keys', async () => {
  const dir = tempDir('kmigrate-vault-');
  const path = join(dir, 'vault.db');
  const kekBytes = Buffer.alloc(32, 7);
  const vault = initSqliteVault(path, new VaultKek(kekBytes));
  await vault.tokenize(['4111111111111111', '5555555555554444']);
  await vault.close();
  const bytes = readFileSync(path);
  expect(bytes.includes('4111111111111111')).toBe(false);
  expect(bytes.includes('5555555555554444')).toBe(false);
  expect(bytes.includes(kekBytes)).toBe(false);
  expect(() => openSqliteVault(join(dir, 'missing.db'), new VaultKek(kekBytes))).toThrow(
    expect.objectContaining({ code: 'VAULT_NOT_FOUND' }),
  );
  expect(() => initSqliteVault(path, new VaultKek(kekBytes))).toThrow(
    expect.objectContaining({ code: 'VAULT_EXISTS' }),
  );
});

it('sqlite: an init that fails (the audit log cannot be written) leaves no vault behind, so a retry works', () => {
  const dir = tempDir('kmigrate-vault-');
  const path = join(dir, 'vault.db');
  const kek = new VaultKek(Buffer.alloc(32, 9));
  expect(() => initSqliteVault(path, kek, { auditFile: join(dir, 'missing', 'audit.jsonl') })).toThrow(
    expect.objectContaining({ code: 'FILE_UNWRITABLE' }),
  );
  expect(existsSync(path)).toBe(false);
  expect(() => initSqliteVault(path, kek).close()).not.toThrow();
});
