/**
 * The SQLite side shared by both vault formats: connection and pragmas, the meta table and the
 * append-only audit table (triggers refuse UPDATE and DELETE), wrapped keys, transactions.
 * A vault file holds no key and no clear card.
 * @module
 */
import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ToolkitError } from '../core/index.js';
import type { AuditRecord } from './token-vault.js';
import type { StoredKeys } from './vault-storage.js';

/** SQLite page cache per connection, in KiB (8 MiB: sorted index writes need no random working set). */
const CACHE_KIB = 8_192;
/** Page size of new vault files. */
const PAGE_BYTES = 16_384;

const COMMON_SCHEMA = `
CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
  count INTEGER NOT NULL, file_sha256 TEXT, result TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`;

/** A coded error for an SQLite failure on the vault at `path`. */
export function sqliteError(error: unknown, path: string): ToolkitError {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new ToolkitError('VAULT_BUSY', 'The vault is locked by another process.', {
      cause: error,
      context: { path },
    });
  if (code === 'SQLITE_CANTOPEN')
    return new ToolkitError('VAULT_NOT_FOUND', `No vault at ${path}.`, { cause: error, context: { path } });
  // the vault is intact: what failed is the disk (never call it damaged, it would be thrown away)
  if (code === 'SQLITE_FULL')
    return new ToolkitError('FILE_UNWRITABLE', `Cannot write the vault ${path}: the disk is full.`, {
      cause: error,
      context: { path },
    });
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM')
    return new ToolkitError(
      'FILE_UNWRITABLE',
      `Cannot write the vault ${path} (a read-only file or folder, or a disk error).`,
      { cause: error, context: { path } },
    );
  return new ToolkitError('VAULT_CORRUPT', `${path} is not a kmigrate vault or is damaged.`, {
    cause: error,
    context: { path },
  });
}

/** Open (or create) the SQLite file with the vault's pragmas. */
export function connect(path: string, create: boolean): Database.Database {
  try {
    const db = new Database(path, { fileMustExist: !create });
    // Before anything is written: 16 KiB pages (fewer, fuller B-tree pages for the bulk index).
    if (create) db.pragma(`page_size = ${PAGE_BYTES}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Format 2 merges each run's tokens in sorted order, so the cache need not hold a random working
    // set; it bounds the sorter too, which spills to temp files (tokens and block ids only, never
    // a card or a key). See docs/decisions/0008-vault.md.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('temp_store = FILE');
    return db;
  } catch (error) {
    throw sqliteError(error, path);
  }
}

/** The parts every SQLite vault storage shares: keys, transactions, audit, count, close. */
export abstract class SqliteBase {
  protected readonly db: Database.Database;
  protected readonly path: string;
  readonly #secondKey: string;
  readonly #meta: Database.Statement<[string]>;
  readonly #setMeta: Database.Statement<[string, Buffer]>;
  readonly #audit: Database.Statement<[string, string, string, number, string | null, string, string]>;

  /** `secondKey`: the meta name of the second wrapped key (wrapped_hmac, wrapped_token). */
  constructor(db: Database.Database, path: string, secondKey: string) {
    this.db = db;
    this.path = path;
    this.#secondKey = secondKey;
    this.#meta = db.prepare<[string]>('SELECT value FROM vault_meta WHERE name = ?').pluck();
    this.#setMeta = db.prepare<[string, Buffer]>('INSERT OR REPLACE INTO vault_meta VALUES (?, ?)');
    this.#audit = db.prepare(
      'INSERT INTO audit (at, who, action, count, file_sha256, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  readKeys(): StoredKeys {
    const vaultId = this.#meta.get('vault_id');
    const wrappedDek = this.#meta.get('wrapped_dek');
    const wrappedHmac = this.#meta.get(this.#secondKey);
    if (!(vaultId instanceof Buffer && wrappedDek instanceof Buffer && wrappedHmac instanceof Buffer))
      throw new ToolkitError('VAULT_CORRUPT', `${this.path} has no wrapped keys.`);
    return { vaultId: vaultId.toString(), wrappedDek, wrappedHmac };
  }

  writeKeys(keys: StoredKeys): void {
    this.#setMeta.run('vault_id', Buffer.from(keys.vaultId));
    this.#setMeta.run('wrapped_dek', keys.wrappedDek);
    this.#setMeta.run(this.#secondKey, keys.wrappedHmac);
  }

  begin(): void {
    this.run(() => this.db.exec('BEGIN IMMEDIATE'));
  }
  commit(): void {
    this.run(() => this.db.exec('COMMIT'));
  }
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  appendAudit(r: AuditRecord): void {
    this.run(() => this.#audit.run(r.at, r.who, r.action, r.count, r.fileSha256, r.result, r.detail));
  }

  auditRecords(): readonly AuditRecord[] {
    return this.db
      .prepare(
        'SELECT at, who, action, count, file_sha256 AS fileSha256, result, detail FROM audit ORDER BY id',
      )
      .all() as AuditRecord[];
  }

  count(): number {
    return Number(this.db.prepare('SELECT count(*) FROM cards').pluck().get());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Run `work`, turning an SQLite failure into a coded error. */
  protected run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw sqliteError(error, this.path);
    }
  }
}

/** Open an existing vault file: its connection and its format tag (VAULT_CORRUPT when none). */
export function openVaultFile(path: string): { db: Database.Database; format: string } {
  const db = connect(path, false);
  try {
    const format = db.prepare('SELECT value FROM vault_meta WHERE name = ?').pluck().get('format');
    if (!(format instanceof Buffer)) throw new Error('not a vault');
    return { db, format: format.toString() };
  } catch (error) {
    db.close();
    throw sqliteError(error, path);
  }
}

/** Create the file of a new vault with `schema` and its format tag; VAULT_EXISTS if one is there. */
export function createVaultFile(
  path: string,
  exists: boolean,
  schema: string,
  format: string,
): Database.Database {
  if (exists)
    throw new ToolkitError('VAULT_EXISTS', `A file already exists at ${path}.`, { context: { path } });
  const db = connect(path, true);
  chmodSync(path, 0o600);
  db.exec(`${COMMON_SCHEMA}${schema}`);
  db.prepare('INSERT INTO vault_meta VALUES (?, ?)').run('format', Buffer.from(format));
  return db;
}
