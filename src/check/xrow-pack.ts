/**
 * Packs rows for the cross-row worker (see xrow-batch.ts): each row's check text, its field
 * ranges rebased into the batch text, and row numbers, in row order; a batch goes out at about
 * 64 KiB of text. A forecast row that is the row the checker just fed shares its entry.
 * @module
 */
import {
  FEED_FORECAST_FIELDS,
  FEED_FORECAST_RANGE,
  FEED_XROW,
  META,
  type RowsMessage,
} from './xrow-batch.js';

const PIECE_CHARS = 64 * 1024;
const MAX_ENTRIES = 4096;
/** Spare arrays kept for reuse (three per batch in flight, and some). */
const POOL = 24;

/** Builds {@link RowsMessage}s and hands each to `post` with its transferable buffers. */
export class RowPacker {
  readonly #width: number;
  readonly #post: (m: RowsMessage, transfer: ArrayBuffer[]) => void;
  readonly #pool: Int32Array[] = [];
  readonly #size: number;
  #parts: string[] = [];
  #chars = 0;
  #count = 0;
  #cells = 0;
  #meta: Int32Array;
  #starts: Int32Array;
  #ends: Int32Array;
  #lastText: string | null = null;
  #lastStarts: Int32Array | null = null;
  #lastEnds: Int32Array | null = null;
  #lastBase = -1;

  constructor(width: number, post: (m: RowsMessage, transfer: ArrayBuffer[]) => void) {
    this.#width = width;
    this.#post = post;
    this.#size = Math.max(MAX_ENTRIES * META, width * 1024);
    this.#meta = new Int32Array(this.#size);
    this.#starts = new Int32Array(this.#size);
    this.#ends = new Int32Array(this.#size);
  }

  /** A row for the cross-row index (the checker's feed). */
  feed(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    this.#add(text, starts, ends, base, FEED_XROW, row, 0);
  }

  /**
   * A written row for the forecast, as ranges (`ForecastFeed.range`). The usual case — the row
   * the checker just fed, the same text, range arrays and base (the caller does not change the
   * arrays between the two calls) — shares that entry.
   */
  forecastRange(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    const k = this.#count - 1;
    if (
      k >= 0 &&
      text === this.#lastText &&
      starts === this.#lastStarts &&
      ends === this.#lastEnds &&
      base === this.#lastBase &&
      this.#meta[k * META] === FEED_XROW
    ) {
      this.#meta[k * META] = FEED_XROW | FEED_FORECAST_RANGE;
      this.#meta[k * META + 2] = row;
      return;
    }
    this.#add(text, starts, ends, base, FEED_FORECAST_RANGE, 0, row);
  }

  /** A written row for the forecast, as fields (`ForecastFeed.fields`). */
  forecastFields(fields: readonly string[], row: number): void {
    const n = fields.length;
    const starts = new Int32Array(Math.max(n, this.#width));
    const ends = new Int32Array(starts.length);
    let at = 0;
    for (let i = 0; i < n; i++) {
      starts[i] = at;
      at += fields[i]!.length;
      ends[i] = at;
    }
    this.#add(fields.join(''), starts, ends, 0, FEED_FORECAST_FIELDS, 0, row, n);
  }

  #add(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    flags: number,
    xrowRow: number,
    forecastRow: number,
    width = this.#width,
  ): void {
    const cells = this.#cells;
    if (cells + width > this.#starts.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(Math.max(2 * a.length, cells + width));
        b.set(a.subarray(0, cells));
        return b;
      };
      this.#starts = grow(this.#starts);
      this.#ends = grow(this.#ends);
    }
    // copied natively as they are: the worker adds the entry's text offset
    const whole = base === 0 && starts.length === width && ends.length === width;
    const s = whole ? starts : starts.subarray(base, base + width);
    const e = whole ? ends : ends.subarray(base, base + width);
    this.#starts.set(s, cells);
    this.#ends.set(e, cells);
    // ranges missing from a short array read as empty (as `?? 0` did), never as a spare's old values
    if (s.length < width) this.#starts.fill(0, cells + s.length, cells + width);
    if (e.length < width) this.#ends.fill(0, cells + e.length, cells + width);
    const m = this.#count * META;
    this.#meta[m] = flags;
    this.#meta[m + 1] = xrowRow;
    this.#meta[m + 2] = forecastRow;
    this.#meta[m + 3] = width;
    this.#meta[m + 4] = this.#chars;
    this.#parts.push(text);
    this.#lastText = text;
    this.#lastStarts = starts;
    this.#lastEnds = ends;
    this.#lastBase = base;
    this.#chars += text.length;
    this.#cells += width;
    this.#count++;
    if (this.#chars >= PIECE_CHARS || this.#count === MAX_ENTRIES) this.flush();
  }

  /** Post what is packed. */
  flush(): void {
    if (this.#count === 0) return;
    const message: RowsMessage = {
      type: 'rows',
      text: this.#parts.join(''),
      count: this.#count,
      meta: this.#meta,
      starts: this.#starts,
      ends: this.#ends,
    };
    this.#post(message, [message.meta.buffer, message.starts.buffer, message.ends.buffer] as ArrayBuffer[]);
    this.#parts = [];
    this.#chars = 0;
    this.#count = 0;
    this.#cells = 0;
    this.#lastText = null;
    this.#lastStarts = null;
    this.#lastEnds = null;
    this.#meta = this.#take();
    this.#starts = this.#take();
    this.#ends = this.#take();
  }

  #take(): Int32Array {
    const spare = this.#pool.pop();
    return spare !== undefined && spare.length >= this.#size ? spare : new Int32Array(this.#size);
  }

  /** Arrays the worker handed back. */
  recycle(spare: readonly Int32Array[]): void {
    for (const a of spare) if (this.#pool.length < POOL) this.#pool.push(a);
  }
}
