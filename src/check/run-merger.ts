/**
 * The end of the forecast's run store (forecast-runs.ts): groups one partition's run records by
 * subscription key and merges each subscription's runs into its latest row and latest sale.
 * @module
 */
import { f64, type MergedSubscription, NO_ROW, NO_STRINGS, u32, WORDS } from './run-record.js';

/** True when (date, row) comes after (prevDate, prevRow). */
function later(date: number, row: number, prevDate: number, prevRow: number): boolean {
  return date > prevDate || (date === prevDate && row > prevRow);
}

function wordsToFloat(rec: Uint32Array, o: number): number {
  u32[0] = rec[o]!;
  u32[1] = rec[o + 1]!;
  return f64[0]!;
}

/** Groups records by key with tables reused from one partition to the next (grown as needed). */
export class RunMerger {
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
