/**
 * Format-2 vault storage in SQLite: sealed blocks of card numbers (`blocks`), a token → (block,
 * position) index (`cards`: 16-byte raw token → block × 65,536 + position, WITHOUT ROWID) filled
 * from sorted chunks with
 * multi-row `INSERT OR IGNORE` statements, so its pages fill in order instead of at random.
 * @module
 */
import type Database from 'better-sqlite3';
import type { BlockStorage, CardPlace } from './block-storage.js';
import { createVaultFile, SqliteBase } from './sqlite-storage.js';
import { SLOT } from './token-cipher.js';
import type { StoredKeys } from './vault-storage.js';

/** The format tag of a format-2 vault file. */
export const FORMAT_2 = 'kmigrate-vault-2';

const SCHEMA_2 = `
CREATE TABLE blocks (id INTEGER PRIMARY KEY, sealed BLOB NOT NULL);
CREATE TABLE cards (token BLOB PRIMARY KEY, place INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Index rows per INSERT statement. */
const ROWS = 64;
/** `place` = block × PLACE + position (one integer column: measured ~20 % faster than two). */
const PLACE = 65_536;

/** Create a format-2 vault file holding `keys`. */
export function createSqliteStorage2(path: string, keys: StoredKeys, exists: boolean): BlockStorage {
  const storage = new SqliteStorage2(createVaultFile(path, exists, SCHEMA_2, FORMAT_2), path);
  storage.writeKeys(keys);
  return storage;
}

/** Format-2 storage over an open vault file. */
export class SqliteStorage2 extends SqliteBase implements BlockStorage {
  readonly #nextBlock: Database.Statement<[]>;
  readonly #putBlock: Database.Statement<[number, Buffer]>;
  readonly #addOne: Database.Statement<[Buffer, number]>;
  readonly #addMany: Database.Statement<unknown[]>;
  readonly #locate: Database.Statement<[Buffer]>;
  readonly #sealed: Database.Statement<[number]>;
  readonly #args: unknown[] = new Array<unknown>(ROWS * 2);

  constructor(db: Database.Database, path: string) {
    super(db, path, 'wrapped_token');
    this.#nextBlock = db.prepare<[]>('SELECT coalesce(max(id), 0) + 1 FROM blocks').pluck();
    this.#putBlock = db.prepare<[number, Buffer]>('INSERT INTO blocks (id, sealed) VALUES (?, ?)');
    this.#addOne = db.prepare<[Buffer, number]>('INSERT OR IGNORE INTO cards VALUES (?, ?)');
    this.#addMany = db.prepare<unknown[]>(
      `INSERT OR IGNORE INTO cards VALUES ${Array.from({ length: ROWS }, () => '(?, ?)').join(', ')}`,
    );
    this.#locate = db.prepare<[Buffer]>('SELECT place FROM cards WHERE token = ?').pluck();
    this.#sealed = db.prepare<[number]>('SELECT sealed FROM blocks WHERE id = ?').pluck();
  }

  nextBlockId(): number {
    return this.run(() => Number(this.#nextBlock.get()));
  }

  putBlock(id: number, sealed: Buffer): void {
    this.run(() => this.#putBlock.run(id, sealed));
  }

  addPlaces(tokens: Buffer, places: Uint32Array, count: number): number {
    const token = (i: number): Buffer => tokens.subarray(i * SLOT, i * SLOT + SLOT);
    const place = (i: number): number => (places[i * 2] ?? 0) * PLACE + (places[i * 2 + 1] ?? 0);
    const args = this.#args;
    return this.run(() => {
      let added = 0;
      let i = 0;
      for (; i + ROWS <= count; i += ROWS) {
        for (let k = 0; k < ROWS; k++) {
          args[k * 2] = token(i + k);
          args[k * 2 + 1] = place(i + k);
        }
        added += this.#addMany.run(...args).changes;
      }
      for (; i < count; i++) added += this.#addOne.run(token(i), place(i)).changes;
      args.fill(undefined);
      return added;
    });
  }

  dropUnusedBlocks(firstBlock: number): void {
    this.run(() =>
      this.db
        .prepare(
          'DELETE FROM blocks WHERE id >= ? AND id NOT IN (SELECT place / ? FROM cards WHERE place >= ?)',
        )
        .run(firstBlock, PLACE, firstBlock * PLACE),
    );
  }

  locate(token: Buffer): CardPlace | undefined {
    const place = this.#locate.get(token);
    return typeof place === 'number' ? { block: Math.floor(place / PLACE), pos: place % PLACE } : undefined;
  }

  sealedBlock(id: number): Buffer | undefined {
    const sealed = this.#sealed.get(id);
    return sealed instanceof Buffer ? sealed : undefined;
  }
}
