/**
 * The record and reader shapes of the CSV door.
 * @module
 */
import type { Issue } from '../core/index.js';
import type { CsvRangeBatch } from './range-batch.js';
import type { CsvDialect } from './sniff-csv.js';

/** One data record. */
export interface CsvRecord {
  /** Exactly as in the file (no trimming, no typing); embedded newlines normalised to "\n". */
  readonly fields: readonly string[];
  /** 1-based data record number (the header and blank lines are not records). */
  readonly row: number;
  /** 1-based physical line where the record starts (CR, LF and CRLF each end a line). */
  readonly line: number;
  /** Structural problems; the record is still delivered, never padded or truncated. */
  readonly issues?: readonly Issue[];
}

/** Counters, final once iteration is done. */
export interface CsvStats {
  readonly bytes: number;
  readonly lines: number;
  readonly records: number;
}

/** An open CSV file: iterate it once for its records. */
export interface CsvReader extends AsyncIterable<CsvRecord> {
  /** Unique names (`Cardholder Name (2)` for a repeat, `Column N` for an empty cell). */
  readonly header: readonly string[];
  /** The header cells as in the file (a BOM is never part of them). */
  readonly rawHeader: readonly string[];
  readonly dialect: CsvDialect;
  /** File-level issues; grows during iteration, so read it after iterating. */
  readonly fileIssues: readonly Issue[];
  readonly stats: CsvStats;
  /** The records in internal batches (one per chunk): the fastest way to iterate. */
  batches(): AsyncIterable<readonly CsvRecord[]>;
  /**
   * The records as field ranges into the decoded text (no substring per field), with the records
   * that need the string path mixed in, in file order. Each batch is reused: it is valid only
   * until the next one is requested. Use either this or `batches()`, once.
   */
  rangeBatches(): AsyncIterable<CsvRangeBatch>;
  /** Release the file when the records are not (fully) iterated; iterating to the end does this. */
  close(): Promise<void>;
}
