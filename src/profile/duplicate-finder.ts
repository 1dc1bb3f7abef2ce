/**
 * Likely duplicate customers: the same e-mail or phone under different customer ids. An
 * open-addressing table of 32-bit hashes keeps memory fixed (about 12 MB per key column).
 * @module
 */
import { maskCardNumbers } from '../core/index.js';
import { hashRange, hashString } from './hash-string.js';
import { headerKey } from './header-key.js';

const CAPACITY = 1 << 20;
const EXAMPLES = 5;

/** A key column's duplicate findings. */
export interface DuplicateReport {
  readonly key: 'email' | 'phone';
  readonly column: string;
  readonly idColumn: string;
  /** Rows whose e-mail/phone was already seen under another id. */
  readonly rows: number;
  /** True when the table filled up and later keys were not tracked. */
  readonly truncated: boolean;
  readonly examples: readonly { readonly value: string; readonly firstRow: number; readonly row: number }[];
}

const ID_KEYS = ['customervaultid', 'customerid', 'accountcode', 'id', 'customer'];

class KeyTable {
  readonly keys = new Uint32Array(CAPACITY);
  /** A second, independent hash of the key: two 32-bit hashes make false matches negligible. */
  readonly checks = new Uint32Array(CAPACITY);
  readonly ids = new Uint32Array(CAPACITY);
  readonly rows = new Int32Array(CAPACITY);
  size = 0;
  dupRows = 0;
  truncated = false;
  readonly examples: { value: string; firstRow: number; row: number }[] = [];

  constructor(
    readonly key: 'email' | 'phone',
    readonly column: number,
    readonly name: string,
  ) {}

  add(h: number, raw: string, id: number, row: number, start = 0, end = raw.length): void {
    let slot = h & (CAPACITY - 1);
    for (;;) {
      const k = this.keys[slot] as number;
      if (k === 0) break;
      if (k === h && this.checks[slot] === SECOND[0]) {
        if (this.ids[slot] !== id) {
          this.dupRows++;
          if (this.examples.length < EXAMPLES)
            this.examples.push({
              value: maskCardNumbers(raw.slice(start, end).trim()),
              firstRow: this.rows[slot] as number,
              row,
            });
        }
        return;
      }
      slot = (slot + 1) & (CAPACITY - 1);
    }
    if (this.size > CAPACITY * 0.75) {
      this.truncated = true;
      return;
    }
    this.keys[slot] = h;
    this.checks[slot] = SECOND[0] as number;
    this.ids[slot] = id;
    this.rows[slot] = row;
    this.size++;
  }
}

const FNV = 0x811c9dc5;
/** The second hash of the last key hashed (set by emailHash/phoneHash). */
const SECOND = new Uint32Array(1);

/** Hash of the trimmed, ASCII-lower-cased e-mail (0 when blank or `null`). */
function emailHash(raw: string, start = 0, end = raw.length): number {
  let h = FNV;
  let g = 0x9747b28c;
  let n = 0;
  for (let i = start; i < end; i++) {
    let c = raw.charCodeAt(i);
    if (c === 32) continue;
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
    g = Math.imul(g + c, 0x5bd1e995) ^ (g >>> 15);
    n++;
  }
  SECOND[0] = g;
  return n < 5 ? 0 : (h | 1) >>> 0;
}

/** Hash of the last 10 digits of a phone (0 with fewer than 7 digits). */
function phoneHash(raw: string, start = 0, end = raw.length): number {
  let h = FNV;
  let g = 0x9747b28c;
  let n = 0;
  for (let i = end - 1; i >= start && n < 10; i--) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    h = Math.imul(h ^ c, 0x01000193);
    g = Math.imul(g + c, 0x5bd1e995) ^ (g >>> 15);
    n++;
  }
  SECOND[0] = g;
  return n < 7 ? 0 : (h | 1) >>> 0;
}

/** Finds rows sharing an e-mail or phone with a different customer id. */
export class DuplicateFinder {
  readonly idColumn: number;
  readonly #tables: KeyTable[] = [];
  readonly #header: readonly string[];

  constructor(header: readonly string[]) {
    this.#header = header;
    const keys = header.map(headerKey);
    this.idColumn = ID_KEYS.map((k) => keys.indexOf(k)).find((i) => i >= 0) ?? -1;
    const pick = (test: (k: string) => boolean): number =>
      keys.findIndex((k) => test(k) && !/ship|descriptor|paypal|cc/.test(k));
    const email = pick((k) => k === 'email' || k.endsWith('email') || k === 'emailaddress');
    const phone = pick((k) => k.endsWith('phone') || k.endsWith('telephone') || k === 'phonenumber');
    if (this.idColumn < 0) return;
    if (email >= 0) this.#tables.push(new KeyTable('email', email, header[email] ?? ''));
    if (phone >= 0) this.#tables.push(new KeyTable('phone', phone, header[phone] ?? ''));
  }

  /** Take one record. */
  add(fields: readonly string[], row: number): void {
    if (this.#tables.length === 0) return;
    const id = (fields[this.idColumn] ?? '').trim();
    if (id === '') return;
    const idHash = hashString(id);
    for (const table of this.#tables) {
      const raw = fields[table.column] ?? '';
      const h = table.key === 'email' ? emailHash(raw) : phoneHash(raw);
      if (h !== 0) table.add(h, raw, idHash, row);
    }
  }

  /** Take one record given as field ranges into `text` (see the CSV door's range batches). */
  addSpans(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    if (this.#tables.length === 0) return;
    let s = starts[base + this.idColumn] as number;
    let e = ends[base + this.idColumn] as number;
    while (s < e && text.charCodeAt(s) === 32) s++;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    if (s === e) return;
    const idHash = hashRange(text, s, e);
    for (const table of this.#tables) {
      const fs = starts[base + table.column] as number;
      const fe = ends[base + table.column] as number;
      const h = table.key === 'email' ? emailHash(text, fs, fe) : phoneHash(text, fs, fe);
      if (h !== 0) table.add(h, text, idHash, row, fs, fe);
    }
  }

  /** The findings (none when the file has no customer id column). */
  report(): DuplicateReport[] {
    const idColumn = this.#header[this.idColumn] ?? '';
    return this.#tables.map((t) => ({
      key: t.key,
      column: t.name,
      idColumn,
      rows: t.dupRows,
      truncated: t.truncated,
      examples: t.examples,
    }));
  }
}
