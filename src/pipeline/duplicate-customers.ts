/**
 * Duplicate customers: records of one customer source that share an email, a phone (not a dummy
 * fill) or a card (compared as keyed hashes, so neither the values nor card numbers are stored) get the id of
 * the first such record as their canonical customer id. A record whose own id was seen before
 * keeps that id's canonical id. The first match wins (no transitive re-merging of two groups
 * that were already apart); every merge is recorded with what matched.
 * @module
 */
import type Database from 'better-sqlite3';
import { DEFAULT_DUMMY_PHONES } from '../check/index.js';
import type { CellCipher } from '../workspace/index.js';
import { cleanKey } from './clean-key.js';

/** Column indexes of the compared values and of the customer id. */
export interface DuplicateOptions {
  readonly key: number;
  readonly email?: number;
  readonly phone?: number;
  readonly card?: number;
}

const DUMMY_PHONES = new Set(DEFAULT_DUMMY_PHONES);

/**
 * Dummy fill that exports put in a required phone field (`1234567890`, one digit repeated:
 * `0000000000`, `555-555-5555`), as `kmigrate check` knows it: shared by unrelated people, so it
 * never makes two customers one.
 */
function dummyPhone(digits: string): boolean {
  return DUMMY_PHONES.has(digits) || /^(\d)\1*$/.test(digits);
}

function comparable(kind: 'email' | 'phone' | 'card', raw: string): string {
  const v = cleanKey(raw);
  if (kind === 'email') return v.includes('@') ? v.toLowerCase() : '';
  const digits = v.replace(/\D/g, '');
  if (kind === 'phone') {
    const last = digits.slice(-10);
    return digits.length >= 7 && !dummyPhone(last) ? last : '';
  }
  return digits.length >= 12 ? digits : '';
}

/** Tracks canonical ids while a source is staged. */
export class DuplicateTracker {
  readonly #get: Database.Statement;
  readonly #put: Database.Statement;
  readonly #merge: Database.Statement;
  readonly #options: DuplicateOptions;
  readonly #cipher: CellCipher;

  constructor(
    db: Database.Database,
    table: string,
    merges: string,
    options: DuplicateOptions,
    cipher: CellCipher,
  ) {
    db.exec(`CREATE TABLE ${table} (h TEXT PRIMARY KEY, canon TEXT)`);
    this.#get = db.prepare(`SELECT canon FROM ${table} WHERE h = ?`).pluck();
    this.#put = db.prepare(`INSERT OR IGNORE INTO ${table} VALUES (?, ?)`);
    this.#merge = db.prepare(`INSERT OR IGNORE INTO ${merges} VALUES (?, ?, ?)`);
    this.#options = options;
    this.#cipher = cipher;
  }

  /** The canonical customer id of a record. */
  canonOf(fields: readonly string[]): string {
    const id = cleanKey(fields[this.#options.key] ?? '');
    if (id === '') return '';
    const hashes: [string, string][] = [['id', `i:${id}`]];
    for (const kind of ['email', 'phone', 'card'] as const) {
      const at = this.#options[kind];
      if (at === undefined) continue;
      const v = comparable(kind, fields[at] ?? '');
      if (v !== '') hashes.push([kind, `${kind[0]}:${this.#cipher.keyedHash(v)}`]);
    }
    let canon = id;
    let by = '';
    for (const [kind, h] of hashes) {
      const found = this.#get.get(h) as string | undefined;
      if (found !== undefined) {
        canon = found;
        by = kind;
        break;
      }
    }
    for (const [, h] of hashes) this.#put.run(h, canon);
    if (canon !== id && by !== 'id') this.#merge.run(id, canon, by);
    return canon;
  }
}
