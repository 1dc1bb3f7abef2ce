/**
 * The messages of a build's cross-row worker: rows packed in row order, each as its check text
 * (the text the checker fed, see row-line.ts) with its field ranges, plus what to do with it — feed the cross-row index, the forecast by ranges,
 * or the forecast by fields — and the row numbers each of those uses.
 * @module
 */
import type { ForecastFileOptions } from './forecast-feed.js';
import type { ScanAnswer, ScanRequest } from './shared-scan.js';
import type { ErrorData } from './worker-errors.js';

/** Entry flags. */
export const FEED_XROW = 1;
export const FEED_FORECAST_RANGE = 2;
export const FEED_FORECAST_FIELDS = 4;

/**
 * Ints per entry in {@link RowsMessage.meta}: flags, checker row, forecast row, width, and where
 * the entry's text starts in the batch text (its field ranges are relative to its own text: the
 * worker rebases them, the main thread only copies them).
 */
export const META = 5;

/** A batch of packed rows. Entry k's cells start at the sum of the widths before it. */
export interface RowsMessage {
  readonly type: 'rows';
  readonly text: string;
  readonly count: number;
  readonly meta: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** What the worker is started with. */
export interface XrowWorkerData {
  /** Header indexes of the cross-row columns (see CrossRowColumns). */
  readonly columns: Readonly<Record<string, number>>;
  readonly dummyPhones: readonly string[];
  /** The output header and the forecast options (null: no forecast). */
  readonly header: readonly string[];
  readonly forecast: ForecastFileOptions | null;
  readonly tempRoot: string;
  /** Index sizes (tests; see CrossRowIndexOptions). */
  readonly index: { readonly memoryRecords?: number; readonly splitAbove?: number };
}

/** Parent → worker (`scanned`: the parent's share of the end-of-file scan, see `scan`). */
export type ToXrowWorker = RowsMessage | { readonly type: 'end' } | { readonly type: 'abort' } | ScanAnswer;

/**
 * Worker → parent. `scan`: after the last row the worker scans half of its cross-row partition
 * files and asks the parent, idle until the findings come, to scan the other half.
 */
export type FromXrowWorker =
  | { readonly type: 'ack'; readonly spare: readonly Int32Array[] }
  | ScanRequest
  | {
      readonly type: 'done';
      /** (kind, row, firstRow) per finding, sorted like `CrossRowIndex.finish`. */
      readonly findings: Int32Array;
      readonly forecast: unknown;
    }
  | { readonly type: 'aborted' }
  | { readonly type: 'error'; readonly error: ErrorData };
