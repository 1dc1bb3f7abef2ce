/**
 * The record of one finished run of a forecast subscription (forecast-runs.ts stores them,
 * run-merger.ts merges them), and the date key that orders runs.
 * @module
 */

import { dayAt, digitsValue } from './text-range.js';

/**
 * Words of one record: key (2), first row, last row, last date (2), sale row, sale date (2),
 * cents (2), 3 ids, the offset of its example strings.
 */
export const WORDS = 15;
/** Row of a run without a sale; offset of a run without example strings. */
export const NO_ROW = 0xffffffff;
export const NO_STRINGS = 0xffffffff;
/**
 * Subtracted from the date key of a declined sale attempt: it then sorts before every approved
 * sale and after earlier declined attempts, so the merge keeps the latest approved sale, else the
 * latest attempt. Keys are -1 to 99999999999999 (dateKey does not check the calendar: a cell
 * `9999-99-99 99:99:99` makes the largest), so the offset must exceed 1e14 + 1: with 1e14 that
 * cell's declined key was -1, an empty date's, and the two tied. Every key minus 2e14 is still
 * exact (below 2^48, steps of 1/16).
 */
export const DECLINED_SALE_KEY = 2e14;
/** The next-bill id of a run whose latest row is not active (its subscription is not counted if that row is its latest). */
export const INACTIVE = 0xfffffffe;

// a float64 as two 32-bit words
export const f64 = new Float64Array(1);
export const u32 = new Uint32Array(f64.buffer);

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
  const day = dayAt(text, s);
  if (day < 0) return -0.5;
  // a date alone sorts before every time of that day, as its text (a prefix) does
  if (n === 10) return day * 1_000_000 - 0.5;
  if (text.charCodeAt(s + 10) !== 32 || text.charCodeAt(s + 13) !== 58 || text.charCodeAt(s + 16) !== 58)
    return -0.5;
  const h = digitsValue(text, s + 11, s + 13);
  const m = digitsValue(text, s + 14, s + 16);
  const sec = digitsValue(text, s + 17, s + 19);
  return h < 0 || m < 0 || sec < 0 ? -0.5 : day * 1_000_000 + h * 10_000 + m * 100 + sec;
}
