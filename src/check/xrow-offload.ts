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
import type { CellVersions } from './cell-versions.js';
import type { ForecastFeed, ForecastFileOptions } from './forecast-feed.js';
import { type CheckerOptions, crossRowSetupFor } from './row-checker.js';
import { answerScan } from './shared-scan.js';
import { toError } from './worker-errors.js';
import type { FromXrowWorker, ToXrowWorker, XrowWorkerData } from './xrow-batch.js';
import { RowPacker } from './xrow-pack.js';

/** Where a checker sends its cross-row feed instead of its own index (one row at a time, in order). */
export interface CrossRowSink {
  feed(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    row: number,
    versions?: CellVersions,
  ): void;
}

/** What the worker hands back. */
export interface OffloadResult {
  readonly findings: Int32Array;
  readonly forecast: ForecastResult | null;
}

const MAX_IN_FLIGHT = 4;

/** The main-thread side of the cross-row worker. */
export class CrossRowOffload implements CrossRowSink {
  /** The forecast feed to use instead of `createForecastFeed` (null when started without one). */
  readonly forecast: ForecastFeed | null;
  readonly #worker: Worker;
  readonly #packer: RowPacker;
  readonly #removeTemp: () => void;
  readonly #forgetTemp: () => void;
  #inFlight = 0;
  #wake: (() => void) | null = null;
  #failure: Error | null = null;
  #done: { resolve: (r: OffloadResult) => void; reject: (e: Error) => void } | null = null;
  #running = true;
  #stopping = false;
  #stopped = false;

  constructor(data: Omit<XrowWorkerData, 'tempRoot'>) {
    this.#packer = new RowPacker(data.header.length, (m, transfer) => {
      this.#post(m, transfer);
      this.#inFlight++;
    });
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
            range: (text, starts, ends, base, row) => {
              this.#check();
              this.#packer.forecastRange(text, starts, ends, base, row);
            },
            fields: (fields, row) => {
              this.#check();
              this.#packer.forecastFields(fields, row);
            },
            // a line is packed in one piece
            written: (_fields, text, starts, ends, base, row) => {
              this.#check();
              this.#packer.forecastRange(text, starts, ends, base, row);
            },
            result: () => {
              throw new Error('The offloaded forecast comes from CrossRowOffload.finish().');
            },
            // the worker's temp folder (its forecast may spill there) goes with CrossRowOffload.dispose()
            dispose: () => undefined,
          };
  }

  feed(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    this.#check();
    this.#packer.feed(text, starts, ends, base, row);
  }

  #check(): void {
    if (this.#failure !== null) throw this.#failure;
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
      this.#packer.flush();
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
      this.#packer.recycle(m.spare);
      this.#wake?.();
      this.#wake = null;
    } else if (m.type === 'scan') {
      // this thread's share of the end-of-file scan (it only waits for the worker meanwhile)
      const { answer, transfer } = answerScan(m);
      this.#post(answer, transfer);
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
  index: XrowWorkerData['index'] = {},
): CrossRowOffload {
  const { columns, dummyPhones } = crossRowSetupFor(spec, header, options);
  return new CrossRowOffload({ columns: { ...columns }, dummyPhones, header: [...header], forecast, index });
}
