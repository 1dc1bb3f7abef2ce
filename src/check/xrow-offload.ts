/**
 * A large build's cross-row rules and rebill forecast on a worker thread. The checker (through
 * {@link CrossRowSink}) and the forecast feed hand this class rows in row order; it packs them —
 * check text, field ranges, row numbers — into batches of about 64 KiB and posts them, a few in
 * flight. At the end the worker returns the raw findings (turned into issues by
 * `RowChecker.finish`) and the forecast: the same ones the main thread would have computed.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { onInterrupt } from '../core/index.js';
import type { ForecastResult } from '../forecast/index.js';
import type { FileSpec } from '../schema/index.js';
import type { ForecastFeed, ForecastFileOptions } from './forecast-feed.js';
import { type CheckerOptions, crossRowSetupFor } from './row-checker.js';
import { toError } from './worker-errors.js';
import {
  FEED_FORECAST_FIELDS,
  FEED_FORECAST_RANGE,
  FEED_XROW,
  type FromXrowWorker,
  META,
  type RowsMessage,
  type ToXrowWorker,
  type XrowWorkerData,
} from './xrow-batch.js';

/** Where a checker sends its cross-row feed instead of its own index (one row at a time, in order). */
export interface CrossRowSink {
  feed(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void;
}

/** What the worker hands back. */
export interface OffloadResult {
  readonly findings: Int32Array;
  readonly forecast: ForecastResult | null;
}

const PIECE_CHARS = 64 * 1024;
const MAX_ENTRIES = 4096;
const MAX_IN_FLIGHT = 4;

/** The main-thread side of the cross-row worker. */
export class CrossRowOffload implements CrossRowSink {
  /** The forecast feed to use instead of `createForecastFeed` (null when started without one). */
  readonly forecast: ForecastFeed | null;
  readonly #worker: Worker;
  readonly #width: number;
  readonly #removeTemp: () => void;
  readonly #forgetTemp: () => void;
  readonly #pool: Int32Array[] = [];
  #parts: string[] = [];
  #chars = 0;
  #count = 0;
  #cells = 0;
  readonly #size: number;
  #meta: Int32Array;
  #starts: Int32Array;
  #ends: Int32Array;
  #lastText: string | null = null;
  #inFlight = 0;
  #wake: (() => void) | null = null;
  #failure: Error | null = null;
  #done: { resolve: (r: OffloadResult) => void; reject: (e: Error) => void } | null = null;
  #running = true;
  #stopping = false;
  #stopped = false;

  constructor(data: Omit<XrowWorkerData, 'tempRoot'>) {
    this.#width = data.header.length;
    this.#size = Math.max(MAX_ENTRIES * META, this.#width * 1024);
    this.#meta = new Int32Array(this.#size);
    this.#starts = new Int32Array(this.#size);
    this.#ends = new Int32Array(this.#size);
    const tempRoot = mkdtempSync(join(tmpdir(), 'kmigrate-xrow-'));
    this.#removeTemp = (): void => rmSync(tempRoot, { recursive: true, force: true });
    this.#forgetTemp = onInterrupt(this.#removeTemp);
    const workerData: XrowWorkerData = { ...data, tempRoot };
    this.#worker = new Worker(new URL('./xrow-worker.js', import.meta.url), {
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    this.#worker.on('message', (m: FromXrowWorker) => this.#onMessage(m));
    this.#worker.on('error', (e) => this.#fail(e));
    this.#worker.once('exit', () => {
      this.#running = false;
      if (!this.#stopping) this.#fail(new Error('The cross-row worker stopped before finishing.'));
    });
    this.forecast =
      data.forecast === null
        ? null
        : {
            range: (text, starts, ends, base, row) => this.#forecastRange(text, starts, ends, base, row),
            fields: (fields, row) => this.#forecastFields(fields, row),
            result: () => {
              throw new Error('The offloaded forecast comes from CrossRowOffload.finish().');
            },
          };
  }

  feed(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    this.#add(text, starts, ends, base, FEED_XROW, row, 0);
  }

  #forecastRange(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
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

  #forecastFields(fields: readonly string[], row: number): void {
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
    if (this.#failure !== null) throw this.#failure;
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
    if (this.#chars >= PIECE_CHARS || this.#count === MAX_ENTRIES) this.#flush();
  }

  #flush(): void {
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
    this.#inFlight++;
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

  /** Wait while too many batches are unacknowledged (call between reader batches). */
  async drain(): Promise<void> {
    while (this.#inFlight > MAX_IN_FLIGHT && this.#failure === null)
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    if (this.#failure !== null) throw this.#failure;
  }

  /** After the last row: the findings (kind, row, firstRow triples) and the forecast. */
  async finish(): Promise<OffloadResult> {
    try {
      this.#flush();
      if (this.#failure !== null) throw this.#failure;
      const result = new Promise<OffloadResult>((resolve, reject) => {
        this.#done = { resolve, reject };
      });
      this.#post({ type: 'end' });
      return await result;
    } finally {
      await this.#stop(this.#failure !== null);
    }
  }

  /** Stop the worker and remove its temp files (on abort; idempotent). */
  async dispose(): Promise<void> {
    await this.#stop(true);
  }

  async #stop(abort: boolean): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopping = true;
    if (abort && this.#running) {
      const aborted = new Promise<void>((resolve) => {
        this.#worker.on('message', (m: FromXrowWorker) => {
          if (m.type === 'aborted' || m.type === 'error') resolve();
        });
        this.#worker.once('exit', () => resolve());
      });
      this.#post({ type: 'abort' });
      await aborted;
    }
    await this.#worker.terminate();
    this.#removeTemp();
    this.#forgetTemp();
  }

  #post(m: ToXrowWorker, transfer: ArrayBuffer[] = []): void {
    this.#worker.postMessage(m, transfer);
  }

  #onMessage(m: FromXrowWorker): void {
    if (m.type === 'ack') {
      this.#inFlight--;
      for (const a of m.spare) if (this.#pool.length < 3 * (MAX_IN_FLIGHT + 2)) this.#pool.push(a);
      this.#wake?.();
      this.#wake = null;
    } else if (m.type === 'done') {
      this.#done?.resolve({ findings: m.findings, forecast: m.forecast as ForecastResult | null });
    } else if (m.type === 'error') {
      this.#fail(toError(m.error));
    }
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#done?.reject(error);
    this.#wake?.();
    this.#wake = null;
  }
}

/** The worker script exists only in the build (running from TypeScript sources, it does not). */
export const CROSS_ROW_WORKER_BUILT = import.meta.url.endsWith('.js');

/**
 * Start a cross-row worker for a checker of this spec, header and options (pass the returned
 * offload as its `crossRowSink`); with `forecast`, the worker also runs the rebill forecast.
 */
export function startCrossRowOffload(
  spec: FileSpec,
  header: readonly string[],
  options: CheckerOptions,
  forecast: ForecastFileOptions | null,
): CrossRowOffload {
  const { columns, dummyPhones } = crossRowSetupFor(spec, header, options);
  return new CrossRowOffload({ columns: { ...columns }, dummyPhones, header: [...header], forecast });
}
