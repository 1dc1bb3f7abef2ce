/**
 * The SQLite `TokenVault`: `initSqliteVault` creates a format-2 file, `openSqliteVault` unlocks a
 * file of either format (format 1 through the legacy engine, so existing vaults keep working).
 * @module
 */
import { existsSync, rmSync } from 'node:fs';
import { ToolkitError } from '../core/index.js';
import { openBlockVault, openNewBlockVault } from './block-vault.js';
import type { VaultKek } from './kek.js';
import { newStoredKeys } from './key-pair.js';
import { openKeyedVault } from './keyed-vault.js';
import { openVaultFile } from './sqlite-storage.js';
import { FORMAT_1, SqliteStorage1 } from './sqlite-storage-1.js';
import { createSqliteStorage2, FORMAT_2, SqliteStorage2 } from './sqlite-storage-2.js';
import type { TokenVault } from './token-vault.js';
import type { VaultOptions } from './vault-base.js';

/** Create a vault file at `path` with fresh keys wrapped under `kek`, and open it. */
export function initSqliteVault(path: string, kek: VaultKek, options: VaultOptions = {}): TokenVault {
  const storage = createSqliteStorage2(path, newStoredKeys(kek, 'token'), existsSync(path));
  try {
    return openNewBlockVault(storage, kek, options);
  } catch (error) {
    // a failed init (the audit log cannot be written) leaves no vault that a retry would refuse
    storage.close();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    throw error;
  }
}

/** Open the vault file at `path` (VAULT_NOT_FOUND, VAULT_CORRUPT, VAULT_KEK_WRONG). */
export function openSqliteVault(path: string, kek: VaultKek, options: VaultOptions = {}): TokenVault {
  const { db, format } = openVaultFile(path);
  if (format === FORMAT_2) return openBlockVault(new SqliteStorage2(db, path), kek, options);
  if (format === FORMAT_1) return openKeyedVault(new SqliteStorage1(db, path), kek, options);
  db.close();
  throw new ToolkitError(
    'VAULT_CORRUPT',
    `${path} is a vault of an unknown format (${format.slice(0, 40)}).`,
    {
      context: { path },
    },
  );
}
