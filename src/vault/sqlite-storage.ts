/**
 * {@link VaultStorage} in an SQLite file (better-sqlite3): WAL, prepared statements, an
 * append-only audit table (triggers refuse UPDATE and DELETE). Holds no key and no clear card.
 * @module
 */
import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ToolkitError } from '../core/index.js';
import type { AuditRecord } from './token-vault.js';
import type { StoredCard, StoredKeys, VaultStorage } from './vault-storage.js';

const FORMAT = 'kmigrate-vault-1';
/** SQLite page cache per connection, in KiB (64 MiB). */
const CACHE_KIB = 65_536;

const SCHEMA = `
CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE cards (token TEXT PRIMARY KEY, fingerprint BLOB NOT NULL UNIQUE, sealed BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
  count INTEGER NOT NULL, file_sha256 TEXT, result TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`;

function sqliteError(error: unknown, path: string): ToolkitError {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new ToolkitError('VAULT_BUSY', 'The vault is locked by another process.', {
      cause: error,
      context: { path },
    });
  if (code === 'SQLITE_CANTOPEN')
    return new ToolkitError('VAULT_NOT_FOUND', `No vault at ${path}.`, { cause: error, context: { path } });
  return new ToolkitError('VAULT_CORRUPT', `${path} is not a kmigrate vault or is damaged.`, {
    cause: error,
    context: { path },
  });
}

function connect(path: string, create: boolean): Database.Database {
  try {
    const db = new Database(path, { fileMustExist: !create });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Card keys (token, HMAC fingerprint) are random, so every insert and look-up lands on a random
    // B-tree page: a page cache that holds the hot part of both indexes is what keeps tokenize fast
    // (measured 3–4× over SQLite's default 2 MB). Bounded: see docs/decisions/0008-vault.md.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    throw sqliteError(error, path);
  }
}

/** Create a new vault file holding `keys`; VAULT_EXISTS when a file is already there. */
export function createSqliteStorage(path: string, keys: StoredKeys, exists: boolean): VaultStorage {
  if (exists)
    throw new ToolkitError('VAULT_EXISTS', `A file already exists at ${path}.`, { context: { path } });
  const db = connect(path, true);
  chmodSync(path, 0o600);
  db.exec(SCHEMA);
  const storage = new SqliteStorage(db, path);
  db.prepare('INSERT INTO vault_meta VALUES (?, ?)').run('format', Buffer.from(FORMAT));
  storage.writeKeys(keys);
  return storage;
}

/** Open an existing vault file. */
export function openSqliteStorage(path: string): VaultStorage {
  const db = connect(path, false);
  try {
    const format = db.prepare('SELECT value FROM vault_meta WHERE name = ?').pluck().get('format');
    if (!(format instanceof Buffer) || format.toString() !== FORMAT) throw new Error('not a vault');
    return new SqliteStorage(db, path);
  } catch (error) {
    db.close();
    throw sqliteError(error, path);
  }
}

class SqliteStorage implements VaultStorage {
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #meta: Database.Statement<[string]>;
  readonly #setMeta: Database.Statement<[string, Buffer]>;
  readonly #byFingerprint: Database.Statement<[Buffer]>;
  readonly #byToken: Database.Statement<[string]>;
  readonly #insert: Database.Statement<[string, Buffer, Buffer]>;
  readonly #audit: Database.Statement<[string, string, string, number, string | null, string, string]>;

  constructor(db: Database.Database, path: string) {
    this.#db = db;
    this.#path = path;
    this.#meta = db.prepare<[string]>('SELECT value FROM vault_meta WHERE name = ?').pluck();
    this.#setMeta = db.prepare<[string, Buffer]>('INSERT OR REPLACE INTO vault_meta VALUES (?, ?)');
    this.#byFingerprint = db.prepare<[Buffer]>('SELECT token FROM cards WHERE fingerprint = ?').pluck();
    this.#byToken = db.prepare<[string]>('SELECT sealed FROM cards WHERE token = ?').pluck();
    this.#insert = db.prepare<[string, Buffer, Buffer]>('INSERT INTO cards VALUES (?, ?, ?)');
    this.#audit = db.prepare(
      'INSERT INTO audit (at, who, action, count, file_sha256, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  readKeys(): StoredKeys {
    const vaultId = this.#meta.get('vault_id');
    const wrappedDek = this.#meta.get('wrapped_dek');
    const wrappedHmac = this.#meta.get('wrapped_hmac');
    if (!(vaultId instanceof Buffer && wrappedDek instanceof Buffer && wrappedHmac instanceof Buffer))
      throw new ToolkitError('VAULT_CORRUPT', `${this.#path} has no wrapped keys.`);
    return { vaultId: vaultId.toString(), wrappedDek, wrappedHmac };
  }

  writeKeys(keys: StoredKeys): void {
    this.#setMeta.run('vault_id', Buffer.from(keys.vaultId));
    this.#setMeta.run('wrapped_dek', keys.wrappedDek);
    this.#setMeta.run('wrapped_hmac', keys.wrappedHmac);
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

  begin(): void {
    this.#run(() => this.#db.exec('BEGIN IMMEDIATE'));
  }
  commit(): void {
    this.#run(() => this.#db.exec('COMMIT'));
  }
  rollback(): void {
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
  }

  appendAudit(r: AuditRecord): void {
    this.#run(() => this.#audit.run(r.at, r.who, r.action, r.count, r.fileSha256, r.result, r.detail));
  }

  auditRecords(): readonly AuditRecord[] {
    const rows = this.#db
      .prepare(
        'SELECT at, who, action, count, file_sha256 AS fileSha256, result, detail FROM audit ORDER BY id',
      )
      .all() as AuditRecord[];
    return rows;
  }

  count(): number {
    return Number(this.#db.prepare('SELECT count(*) FROM cards').pluck().get());
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #run(work: () => unknown): void {
    try {
      work();
    } catch (error) {
      throw sqliteError(error, this.#path);
    }
  }
}
