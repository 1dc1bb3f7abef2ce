/**
 * The rebill forecast's store of finished subscription runs (range-forecast.ts): one fixed-size
 * record per run of a subscription's rows, kept in memory and past a threshold spilled to
 * hash-partitioned temp files, then merged per subscription at the end, so a customer whose rows
 * are split across the file is counted once, with its latest row and latest sale, in flat memory.
 * Records hold keyed hashes, row numbers, sortable date keys, amounts and dictionary ids: no
 * customer, product or card text reaches the disk.
 * @module
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onInterrupt } from '../core/index.js';
import { writeAll } from './cross-row-scan.js';

/**
 * Words of one record: key (2), first row, last row, last date (2), sale row, sale date (2),
 * cents (2), 3 ids, the offset of its example strings.
 */
const WORDS = 15;
/** Records kept in memory before a spill (each spill appends to every partition file). */
const MEMORY_RECORDS = 1 << 15;
/** Partition files, chosen by the top bits of the key's first lane. */
const PARTITION_BITS = 6;
const PARTITIONS = 1 << PARTITION_BITS;
/** Row of a run without a sale; offset of a run without example strings. */
const NO_ROW = 0xffffffff;
export const NO_STRINGS = 0xffffffff;

// a float64 as two 32-bit words
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** One finished run of a subscription, as {@link RunStore.push} takes it. */
export interface RunRecord {
  /** The subscription's key hash (customer and product). */
  keyA: number;
  keyB: number;
  /** The row that opened the run, its latest row and that row's date key (see dateKey). */
  firstRow: number;
  lastRow: number;
  lastDate: number;
  /** The run's latest sale: row (-1: none), date key, amount in cents. */
  saleRow: number;
  saleDate: number;
  cents: number;
  /** Dictionary ids of the latest row's next bill date, merchant and card expiry (the caller's). */
  nextBill: number;
  merchant: number;
  expiry: number;
  /** Where the caller kept the run's customer and product IDs ({@link NO_STRINGS}: not kept). */
  strings: number;
}

/** A subscription after its runs are merged (see {@link RunStore.finish}). */
export interface MergedSubscription {
  keyA: number;
  keyB: number;
  /** The first row of its first run, and the first row of its final run (the one holding its latest row). */
  firstRow: number;
  finalRun: number;
  /** The cents of its latest sale (0 without one) and the dictionary ids of its latest row. */
  cents: number;
  nextBill: number;
  merchant: number;
  expiry: number;
  /** The final run's strings offset. */
  strings: number;
}

/**
 * A sortable number for a dateCreated value that orders like the text does for the shapes the
 * format allows (`YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`): -1 for empty, -0.5 for any other text
 * (such a value is an error in the file; it sorts before every date).
 */
export function dateKey(text: string, s: number, e: number): number {
  const n = e - s;
  if (n === 0) return -1;
  if (n !== 10 && n !== 19) return -0.5;
  let key = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(s + i);
    const sep = i === 4 || i === 7 ? 45 : i === 10 ? 32 : i === 13 || i === 16 ? 58 : 0;
    if (sep !== 0) {
      if (c !== sep) return -0.5;
    } else if (c < 48 || c > 57) return -0.5;
    else key = key * 10 + (c - 48);
  }
  // a date alone sorts before every time of that day, as its text (a prefix) does
  return n === 10 ? key * 1_000_000 - 0.5 : key;
}

/** True when (date, row) comes after (prevDate, prevRow). */
function later(date: number, row: number, prevDate: number, prevRow: number): boolean {
  return date > prevDate || (date === prevDate && row > prevRow);
}

/** Stores run records; {@link finish} merges them per subscription. One use. */
export class RunStore {
  readonly #tempRoot: string;
  readonly #rec = new Uint32Array(MEMORY_RECORDS * WORDS);
  #n = 0;
  #sorted: Uint32Array | null = null;
  #dir: string | null = null;
  #fds: number[] = [];
  #forget: (() => void) | null = null;

  constructor(tempRoot: string = tmpdir()) {
    this.#tempRoot = tempRoot;
  }

  push(r: RunRecord): void {
    if (this.#n === MEMORY_RECORDS) this.#spill();
    const rec = this.#rec;
    const o = this.#n++ * WORDS;
    rec[o] = r.keyA;
    rec[o + 1] = r.keyB;
    rec[o + 2] = r.firstRow;
    rec[o + 3] = r.lastRow;
    f64[0] = r.lastDate;
    rec[o + 4] = u32[0]!;
    rec[o + 5] = u32[1]!;
    rec[o + 6] = r.saleRow < 0 ? NO_ROW : r.saleRow;
    f64[0] = r.saleDate;
    rec[o + 7] = u32[0]!;
    rec[o + 8] = u32[1]!;
    f64[0] = r.cents;
    rec[o + 9] = u32[0]!;
    rec[o + 10] = u32[1]!;
    rec[o + 11] = r.nextBill;
    rec[o + 12] = r.merchant;
    rec[o + 13] = r.expiry;
    rec[o + 14] = r.strings;
  }

  /**
   * Merge the runs of each subscription and call `visit` once per subscription, in no particular
   * order (the object is reused between calls). Releases the temp files.
   */
  finish(visit: (merged: MergedSubscription) => void): void {
    const merger = new RunMerger();
    try {
      if (this.#dir === null) {
        merger.merge(this.#rec, this.#n, visit);
        return;
      }
      this.#spill();
      // one read buffer for every partition, grown to the largest (buffers are freed only by a GC)
      let rec = this.#rec;
      for (const fd of this.#fds) {
        const bytes = fstatSync(fd).size;
        if (rec.byteLength < bytes) rec = new Uint32Array(bytes / 4);
        const view = new Uint8Array(rec.buffer, 0, bytes);
        for (let at = 0; at < bytes; ) {
          const got = readSync(fd, view, at, bytes - at, at);
          if (got === 0) break;
          at += got;
        }
        merger.merge(rec, bytes / 4 / WORDS, visit);
      }
    } finally {
      this.dispose();
    }
  }

  /** Remove the temp files (idempotent). */
  dispose(): void {
    for (const fd of this.#fds) closeSync(fd);
    this.#fds = [];
    if (this.#dir !== null) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = null;
    this.#forget?.();
    this.#forget = null;
  }

  /** Append the records in memory to the partition files (grouped by partition, one write each). */
  #spill(): void {
    if (this.#dir === null) {
      const dir = mkdtempSync(join(this.#tempRoot, 'kmigrate-forecast-'));
      this.#dir = dir;
      this.#forget = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
      for (let p = 0; p < PARTITIONS; p++) this.#fds.push(openSync(join(dir, `r${p}.bin`), 'w+', 0o600));
    }
    const n = this.#n;
    const rec = this.#rec;
    this.#sorted ??= new Uint32Array(MEMORY_RECORDS * WORDS);
    const sorted = this.#sorted;
    const starts = new Int32Array(PARTITIONS + 1);
    for (let i = 0; i < n; i++) starts[(rec[i * WORDS]! >>> (32 - PARTITION_BITS)) + 1]!++;
    for (let p = 0; p < PARTITIONS; p++) starts[p + 1]! += starts[p]!;
    const at = starts.slice(0, PARTITIONS);
    for (let i = 0; i < n; i++) {
      const p = rec[i * WORDS]! >>> (32 - PARTITION_BITS);
      const to = at[p]!++ * WORDS;
      // word by word: a subarray per record would be an allocation
      for (let w = 0; w < WORDS; w++) sorted[to + w] = rec[i * WORDS + w]!;
    }
    for (let p = 0; p < PARTITIONS; p++) {
      const part = sorted.subarray(starts[p]! * WORDS, starts[p + 1]! * WORDS);
      if (part.length > 0)
        writeAll(this.#fds[p]!, new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    }
    this.#n = 0;
  }
}

function wordsToFloat(rec: Uint32Array, o: number): number {
  u32[0] = rec[o]!;
  u32[1] = rec[o + 1]!;
  return f64[0]!;
}

/** Groups records by key with tables reused from one partition to the next (grown as needed). */
class RunMerger {
  #head = new Int32Array(0);
  #tail = new Int32Array(0);
  #next = new Int32Array(0);
  readonly #out: MergedSubscription = {
    keyA: 0,
    keyB: 0,
    firstRow: 0,
    finalRun: 0,
    cents: 0,
    nextBill: 0,
    merchant: 0,
    expiry: 0,
    strings: NO_STRINGS,
  };

  /** Group `n` records by key (open addressing, runs chained in record order) and visit each group. */
  merge(rec: Uint32Array, n: number, visit: (merged: MergedSubscription) => void): void {
    if (n === 0) return;
    let cap = 16;
    while (cap < n * 2) cap *= 2;
    if (this.#head.length < cap) {
      this.#head = new Int32Array(cap);
      this.#tail = new Int32Array(cap);
    }
    if (this.#next.length < n) this.#next = new Int32Array(Math.max(n, 2 * this.#next.length));
    const mask = cap - 1;
    const head = this.#head.fill(-1, 0, cap);
    const tail = this.#tail;
    const next = this.#next.fill(-1, 0, n);
    for (let i = 0; i < n; i++) {
      const a = rec[i * WORDS]!;
      const b = rec[i * WORDS + 1]!;
      // the partition bits of `a` are equal within a file: mix in the other lane
      let s = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
      while (head[s] !== -1 && (rec[head[s]! * WORDS] !== a || rec[head[s]! * WORDS + 1] !== b))
        s = (s + 1) & mask;
      if (head[s] === -1) head[s] = i;
      else next[tail[s]!] = i;
      tail[s] = i;
    }
    for (let s = 0; s < cap; s++) if (head[s] !== -1) visit(this.#merged(rec, head[s]!, next));
  }

  /** The subscription whose runs are chained from record `first`. */
  #merged(rec: Uint32Array, first: number, next: Int32Array): MergedSubscription {
    let final = first;
    let finalDate = wordsToFloat(rec, first * WORDS + 4);
    let sale = -1;
    let saleDate = 0;
    let firstRow = rec[first * WORDS + 2]!;
    for (let i = first; i !== -1; i = next[i]!) {
      const o = i * WORDS;
      firstRow = Math.min(firstRow, rec[o + 2]!);
      const date = wordsToFloat(rec, o + 4);
      if (i !== first && later(date, rec[o + 3]!, finalDate, rec[final * WORDS + 3]!)) {
        final = i;
        finalDate = date;
      }
      if (rec[o + 6] === NO_ROW) continue;
      const d = wordsToFloat(rec, o + 7);
      if (sale === -1 || later(d, rec[o + 6]!, saleDate, rec[sale * WORDS + 6]!)) {
        sale = i;
        saleDate = d;
      }
    }
    const o = final * WORDS;
    const out = this.#out;
    out.keyA = rec[o]!;
    out.keyB = rec[o + 1]!;
    out.firstRow = firstRow;
    out.finalRun = rec[o + 2]!;
    out.cents = sale === -1 ? 0 : wordsToFloat(rec, sale * WORDS + 9);
    out.nextBill = rec[o + 11]!;
    out.merchant = rec[o + 12]!;
    out.expiry = rec[o + 13]!;
    out.strings = rec[o + 14]!;
    return out;
  }
}
