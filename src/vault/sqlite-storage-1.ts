/**
 * Format-1 (legacy) vault storage: one row per card (random token, HMAC fingerprint, sealed card).
 * New vaults are format 2; files made before it still open and work through this.
 * @module
 */
import type Database from 'better-sqlite3';
import { createVaultFile, SqliteBase } from './sqlite-storage.js';
import type { StoredCard, StoredKeys, VaultStorage } from './vault-storage.js';

/** The format tag of a format-1 vault file. */
export const FORMAT_1 = 'kmigrate-vault-1';

const SCHEMA_1 = `
CREATE TABLE cards (token TEXT PRIMARY KEY, fingerprint BLOB NOT NULL UNIQUE, sealed BLOB NOT NULL) WITHOUT ROWID;
`;

/** Create a format-1 vault file (kept so the legacy path stays tested). */
export function createSqliteStorage1(path: string, keys: StoredKeys, exists: boolean): VaultStorage {
  const storage = new SqliteStorage1(createVaultFile(path, exists, SCHEMA_1, FORMAT_1), path);
  storage.writeKeys(keys);
  return storage;
}

/** Format-1 storage over an open vault file. */
export class SqliteStorage1 extends SqliteBase implements VaultStorage {
  readonly #byFingerprint: Database.Statement<[Buffer]>;
  readonly #byToken: Database.Statement<[string]>;
  readonly #insert: Database.Statement<[string, Buffer, Buffer]>;

  constructor(db: Database.Database, path: string) {
    super(db, path, 'wrapped_hmac');
    this.#byFingerprint = db.prepare<[Buffer]>('SELECT token FROM cards WHERE fingerprint = ?').pluck();
    this.#byToken = db.prepare<[string]>('SELECT sealed FROM cards WHERE token = ?').pluck();
    this.#insert = db.prepare<[string, Buffer, Buffer]>('INSERT INTO cards VALUES (?, ?, ?)');
  }

  tokenFor(fingerprint: Buffer): string | undefined {
    const token = this.#byFingerprint.get(fingerprint);
    return typeof token === 'string' ? token : undefined;
  }

  insert(cards: readonly StoredCard[]): void {
    for (const card of cards) this.#insert.run(card.token, card.fingerprint, card.sealed);
  }

  sealedFor(token: string): Buffer | undefined {
    const sealed = this.#byToken.get(token);
    return sealed instanceof Buffer ? sealed : undefined;
  }
}
