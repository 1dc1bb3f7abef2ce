/**
 * Range batches: records as field boundaries into one decoded text, with no substring per field.
 * Records the range splitter does not take (doubled quotes, multi-line fields, ragged or malformed
 * records) travel in the same batch as ordinary {@link CsvRecord}s, in file order.
 * @module
 */
import type { CsvRecord } from './csv-record.js';

/**
 * A batch of records from one decoded text. Reused by the reader: valid only until the next batch
 * is requested (copy what must outlive it).
 */
export interface CsvRangeBatch {
  /** The decoded text the ranges point into. */
  readonly text: string;
  /** Records in the batch. */
  readonly count: number;
  /** Fields per range record (the header's column count). */
  readonly columns: number;
  /** Data record number of record 0; record i is row `firstRow + i`. */
  readonly firstRow: number;
  /** Physical line of record i. */
  readonly lines: Int32Array;
  /** Field j of range record i is `text.slice(starts[i * columns + j], ends[i * columns + j])`. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Non-null when record i is an ordinary record (its ranges are then meaningless). */
  readonly records: readonly (CsvRecord | null)[];
  /** The fields of range record i as strings (for the rare slow path). */
  fields(i: number): string[];
}

/** The reader's reusable range batch. */
export class RangeBatch implements CsvRangeBatch {
  text = '';
  count = 0;
  firstRow = 1;
  readonly columns: number;
  readonly lines: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly records: (CsvRecord | null)[] = [];

  constructor(columns: number, capacity: number) {
    this.columns = columns;
    this.lines = new Int32Array(capacity);
    this.starts = new Int32Array(capacity * columns);
    this.ends = new Int32Array(capacity * columns);
  }

  /** Offset of the next record's ranges in `starts`/`ends`. */
  get nextBase(): number {
    return this.count * this.columns;
  }

  /** Start a new batch whose first record is `firstRow`. */
  reset(firstRow: number): void {
    this.count = 0;
    this.firstRow = firstRow;
    this.records.length = 0;
  }

  /** Append a range record (its ranges are already written at `nextBase`). */
  pushRange(text: string, line: number): void {
    this.text = text;
    this.lines[this.count] = line;
    this.records.push(null);
    this.count++;
  }

  /** Append an ordinary record. */
  pushRecord(record: CsvRecord): void {
    this.lines[this.count] = record.line;
    this.records.push(record);
    this.count++;
  }

  fields(i: number): string[] {
    const out: string[] = [];
    const base = i * this.columns;
    for (let j = 0; j < this.columns; j++)
      out.push(this.text.slice(this.starts[base + j], this.ends[base + j]));
    return out;
  }
}
