/**
 * The SQLite `TokenVault`: `initSqliteVault` creates the file, `openSqliteVault` unlocks it.
 * @module
 */
import { existsSync } from 'node:fs';
import type { VaultKek } from './kek.js';
import { newStoredKeys, openKeyedVault, openNewKeyedVault, type VaultOptions } from './keyed-vault.js';
import { createSqliteStorage, openSqliteStorage } from './sqlite-storage.js';
import type { TokenVault } from './token-vault.js';

/** Create a vault file at `path` with fresh keys wrapped under `kek`, and open it. */
export function initSqliteVault(path: string, kek: VaultKek, options: VaultOptions = {}): TokenVault {
  const storage = createSqliteStorage(path, newStoredKeys(kek), existsSync(path));
  return openNewKeyedVault(storage, kek, options);
}

/** Open the vault file at `path` (VAULT_NOT_FOUND, VAULT_CORRUPT, VAULT_KEK_WRONG). */
export function openSqliteVault(path: string, kek: VaultKek, options: VaultOptions = {}): TokenVault {
  return openKeyedVault(openSqliteStorage(path), kek, options);
}
