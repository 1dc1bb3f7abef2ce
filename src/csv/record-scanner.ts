/**
 * The record scanner: normalised text (only "\n" line ends) in, records with physical line numbers
 * out. Lines without a quote take the fast path (`String.split`, reusing a tail repeated from the
line before: repeated-tail.ts); the others go to the strict
 * quoted splitter, and records it rejects to Papa Parse.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import type { QuotedRead } from './quoted-record.js';
import { QuoteState, readLenientRecord, readQuotedRecord } from './quoted-record.js';
import { RepeatedTail } from './repeated-tail.js';
import { splitQuotedLine } from './split-quoted-line.js';

/** A structural problem of one record. */
export type RecordProblem = 'none' | 'malformed' | 'unclosed';

/** Receives each record: its fields, the physical line it starts on, and its problem. */
export type RecordSink = (fields: string[], line: number, problem: RecordProblem) => void;

/**
 * Offered each complete one-line record `text[pos, nl)` (`q`: first quote at or after `pos`, or -1)
 * before it is split; returns true when it took the record, false to let the string path read it.
 */
export type RangeSink = (text: string, pos: number, nl: number, q: number, line: number) => boolean;

/** The line feeds in `text[from, to)`. */
export function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Scans records out of successive text chunks; it keeps the physical line count between calls. */
export class RecordScanner {
  readonly #d: string;
  readonly #maxBytes: number;
  readonly #sink: RecordSink;
  readonly #lines: RepeatedTail;
  /** Physical line number of the next unread line. */
  line = 1;
  /** Blank lines seen so far. */
  blankLines = 0;

  constructor(delimiter: string, maxRecordBytes: number, sink: RecordSink) {
    this.#d = delimiter;
    this.#maxBytes = maxRecordBytes;
    this.#sink = sink;
    this.#lines = new RepeatedTail(delimiter);
  }

  /** True when the last `scan` stopped at an incomplete record (more text is needed). */
  needMore = false;

  /** When set, one-line records are offered to it first (the range fast path). */
  rangeSink: RangeSink | null = null;

  /**
   * Emit complete records of `text` from `from` on, at most `limit` of them, and return the index
   * of the first unconsumed character. When `needMore` is set, that index starts an incomplete
   * record to prepend to the next chunk. With `final`, everything is consumed.
   */
  scan(text: string, final: boolean, from = 0, limit = Number.POSITIVE_INFINITY): number {
    const d = this.#d;
    const n = text.length;
    let pos = from;
    let emitted = 0;
    let q = text.indexOf('"', from);
    this.needMore = false;
    while (pos < n && emitted < limit) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) {
          this.needMore = true;
          break;
        }
        nl = n;
      }
      if (nl === pos) {
        this.blankLines++;
        this.line++;
        pos++;
        continue;
      }
      if (q >= 0 && q < pos) q = text.indexOf('"', pos);
      if (this.#offerRange(text, pos, nl, q)) {
        emitted++;
        pos = nl + 1;
        continue;
      }
      if (q < 0 || q > nl) {
        if (nl - pos > this.#maxBytes) this.#checkSize(pos, nl);
        this.#sink(this.#lines.split(text, pos, nl), this.line++, 'none');
        emitted++;
        pos = nl + 1;
        continue;
      }
      const fields = nl < n ? splitQuotedLine(text.slice(pos, nl), d, q - pos) : null;
      if (fields !== null) {
        if (nl - pos > this.#maxBytes) this.#checkSize(pos, nl);
        this.#sink(fields, this.line++, 'none');
        emitted++;
        pos = nl + 1;
        continue;
      }
      const end = this.#quoted(text, pos, nl, final);
      if (end < 0) {
        this.needMore = true;
        break;
      }
      emitted++;
      pos = end;
    }
    if (this.needMore) this.#checkCarry(text, pos);
    return Math.min(pos, n);
  }

  /** Offer a complete one-line record to the range sink; true when it took it. */
  #offerRange(text: string, pos: number, nl: number, q: number): boolean {
    const sink = this.rangeSink;
    if (sink === null || (nl >= text.length && q >= 0 && q <= nl)) return false;
    if (nl - pos > this.#maxBytes) this.#checkSize(pos, nl);
    if (!sink(text, pos, nl, q, this.line)) return false;
    this.line++;
    return true;
  }

  /** Handle one record containing quotes; returns its end, or -1 when more text is needed. */
  #quoted(text: string, pos: number, nl: number, final: boolean): number {
    let read: QuotedRead | null = readQuotedRecord(text, pos, this.#d, final);
    if (read.state === QuoteState.needMore) return -1;
    if (read.state === QuoteState.malformed) {
      read = readLenientRecord(text, pos, read.end, this.#d, final);
      if (read === null) return -1;
    }
    if (read.end - pos > this.#maxBytes) this.#checkSize(pos, read.end);
    const problem: RecordProblem =
      read.state === QuoteState.ok ? 'none' : read.state === QuoteState.unclosed ? 'unclosed' : 'malformed';
    const line = this.line;
    const terminated = text.charCodeAt(read.end - 1) === 10;
    this.line += read.end === nl + 1 ? 1 : countNewlines(text, pos, read.end) + (terminated ? 0 : 1);
    this.#sink(read.fields, line, problem);
    return read.end;
  }

  #checkCarry(text: string, pos: number): void {
    if (text.length - pos > this.#maxBytes) this.#checkSize(pos, text.length);
  }

  /** Characters are a lower bound of UTF-8 bytes, so more characters than the limit means too large. */
  #checkSize(from: number, to: number): void {
    if (to - from > this.#maxBytes) {
      throw new ToolkitError(
        'CSV_RECORD_TOO_LARGE',
        `The record starting on line ${this.line} is larger than ${this.#maxBytes} bytes.`,
        { context: { line: this.line, maxRecordBytes: this.#maxBytes } },
      );
    }
  }
}
