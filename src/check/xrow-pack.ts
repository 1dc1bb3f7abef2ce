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

  /** A written row for the forecast, as ranges (`ForecastFeed.range`). */
  forecastRange(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    // The usual case: the row the checker just fed, same text and ranges: one entry does both.
    const k = this.#count - 1;
    if (k >= 0 && text === this.#lastText && this.#meta[k * META] === FEED_XROW) {
      const w = this.#width;
      const at = this.#cells - w;
      const off = this.#chars - text.length;
      let same = true;
      for (let i = 0; i < w && same; i++)
        same =
          this.#starts[at + i] === starts[base + i]! + off && this.#ends[at + i] === ends[base + i]! + off;
      if (same) {
        this.#meta[k * META] = FEED_XROW | FEED_FORECAST_RANGE;
        this.#meta[k * META + 2] = row;
        return;
      }
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
    const off = this.#chars;
    for (let i = 0; i < width; i++) {
      this.#starts[cells + i] = (starts[base + i] ?? 0) + off;
      this.#ends[cells + i] = (ends[base + i] ?? 0) + off;
    }
    const m = this.#count * META;
    this.#meta[m] = flags;
    this.#meta[m + 1] = xrowRow;
    this.#meta[m + 2] = forecastRow;
    this.#meta[m + 3] = width;
    this.#parts.push(text);
    this.#lastText = text;
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
