/**
 * A range batch as a self-contained message for the check worker: the reader reuses its batch,
 * so the message carries its own copy — only the span of text its range records cover, their
 * field boundaries rebased to that span (transferable typed arrays), and the ordinary records.
 * @module
 */
import type { CsvRangeBatch, CsvRecord } from '../csv/index.js';
import type { CheckBatch } from './check-session.js';

/** A packed batch (structured-clone friendly). */
export interface BatchMessage {
  readonly text: string;
  readonly count: number;
  readonly columns: number;
  readonly firstRow: number;
  readonly lines: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The ordinary records by batch index, or null when every record is a range record. */
  readonly records: readonly (CsvRecord | null)[] | null;
  /** Per record, 1 when a row screen found the range record certainly clean (see row-screen.ts). */
  readonly clean: Uint8Array | null;
}

/**
 * Copy records `[from, to)` of a reader batch into a message; `transfer` lists the buffers to
 * move, not copy. `pool` offers spare Int32Arrays (at least `(to - from) * columns` long) to reuse.
 */
export function packBatch(
  batch: CsvRangeBatch,
  from: number,
  to: number,
  pool: Int32Array[] = [],
): { message: BatchMessage; transfer: ArrayBuffer[] } {
  const { columns, records } = batch;
  const count = to - from;
  const cells = count * columns;
  let lo = -1;
  let hi = 0;
  let ordinary = false;
  for (let i = from; i < to; i++) {
    if (records[i]) {
      ordinary = true;
      continue;
    }
    if (lo < 0) lo = batch.starts[i * columns] ?? 0;
    hi = batch.ends[i * columns + columns - 1] ?? 0;
  }
  if (lo < 0) lo = hi;
  // Text before `lo` (e.g. the header line) is sent along when it is short: the field boundaries
  // then keep their values and are copied natively instead of rebased one by one.
  if (lo <= (hi - lo) >> 3) lo = 0;
  const starts = take(pool, cells);
  const ends = take(pool, cells);
  const first = from * columns;
  if (lo === 0) {
    starts.set(batch.starts.subarray(first, first + cells));
    ends.set(batch.ends.subarray(first, first + cells));
  } else {
    for (let k = 0; k < cells; k++) {
      starts[k] = (batch.starts[first + k] ?? 0) - lo;
      ends[k] = (batch.ends[first + k] ?? 0) - lo;
    }
  }
  const lines = batch.lines.slice(from, to);
  const message: BatchMessage = {
    text: batch.text.slice(lo, hi),
    count,
    columns,
    firstRow: batch.firstRow + from,
    lines,
    starts,
    ends,
    records: ordinary ? records.slice(from, to) : null,
    clean: null,
  };
  return { message, transfer: [lines.buffer, starts.buffer, ends.buffer] as ArrayBuffer[] };
}

function take(pool: Int32Array[], cells: number): Int32Array {
  const spare = pool.pop();
  return spare !== undefined && spare.length >= cells ? spare : new Int32Array(cells);
}

/** The batch a message describes, as the check reads it. */
export function unpackBatch(message: BatchMessage): CheckBatch {
  const { text, starts, ends, columns, records } = message;
  return {
    text,
    count: message.count,
    columns,
    firstRow: message.firstRow,
    lines: message.lines,
    starts,
    ends,
    records: records ?? new Array<null>(message.count).fill(null),
    clean: message.clean,
    fields(i: number): string[] {
      const out: string[] = [];
      for (let j = 0; j < columns; j++) out.push(text.slice(starts[i * columns + j], ends[i * columns + j]));
      return out;
    },
  };
}
