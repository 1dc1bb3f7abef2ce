/**
 * A check on two cores: a read worker decodes and splits the file while a check worker runs the
 * rules, batches flowing between them over a MessageChannel; this thread only waits. The workers
 * are started before this thread opens the file ({@link startCheckWorkers}): they load their code
 * while the header is read, and get their data in a first message. Both get a small young
 * generation: their peak memory stays low, at little CPU cost.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { onInterrupt } from '../core/index.js';
import type { CsvReadOptions } from '../csv/index.js';
import type { CheckResult, CheckSetup } from './check-session.js';
import type { CheckWorkerData, FromCheckWorker } from './check-worker.js';
import type { FromReader, ReadWorkerData } from './read-worker.js';
import { toError } from './worker-errors.js';

/** Young-generation size of each worker (V8's default lets it grow to ~48 MB). */
const YOUNG_MB = 4;

/** The two workers of a check, started and waiting for their data. */
export interface CheckWorkers {
  /** Check the file at `path`; the workers stop when it is done (or fails). */
  run(
    path: string,
    setup: CheckSetup,
    csv: CsvReadOptions,
    onProgress?: (rows: number, bytes: number) => void,
  ): Promise<CheckResult>;
  /** Stop the workers without running a check. */
  stop(): Promise<void>;
}

/** Start a read worker and a check worker; give them a check with `run` (or `stop` them). */
export function startCheckWorkers(): CheckWorkers {
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_MB };
  const checker = new Worker(new URL('./check-worker.js', import.meta.url), { resourceLimits });
  const reader = new Worker(new URL('./read-worker.js', import.meta.url), { resourceLimits });
  // until `run` gives them work they must not keep the process alive (nor fail it: errors of a
  // worker that never ran are reported by `run`'s own listeners or dropped with `stop`)
  checker.unref();
  reader.unref();
  const stop = async (): Promise<void> => {
    await Promise.all([reader.terminate(), checker.terminate()]);
  };
  return {
    stop,
    run: async (path, setup, csv, onProgress) => {
      checker.ref();
      reader.ref();
      // the workers' temp files go here: this thread can remove them if the run is interrupted
      const tempRoot = mkdtempSync(join(tmpdir(), 'kmigrate-check-'));
      const removeTemp = (): void => rmSync(tempRoot, { recursive: true, force: true });
      const forgetTemp = onInterrupt(removeTemp);
      try {
        return await runCheck(
          { checker, reader },
          path,
          { ...setup, forecastElsewhere: true },
          csv,
          tempRoot,
          onProgress,
        );
      } finally {
        await stop();
        removeTemp();
        forgetTemp();
      }
    },
  };
}

async function runCheck(
  { checker, reader }: { readonly checker: Worker; readonly reader: Worker },
  path: string,
  setup: CheckSetup,
  csv: CsvReadOptions,
  tempRoot: string,
  onProgress?: (rows: number, bytes: number) => void,
): Promise<CheckResult> {
  const { port1, port2 } = new MessageChannel();
  let checkerRunning = true;
  const checkerExit = new Promise<void>((resolve) =>
    checker.once('exit', () => {
      checkerRunning = false;
      resolve();
    }),
  );
  const result = new Promise<CheckResult>((resolve, reject) => {
    checker.on('message', (m: FromCheckWorker) => {
      if (m.type === 'done') resolve(m.result);
      else if (m.type === 'error') reject(toError(m.error));
    });
    checker.on('error', reject);
    checker.on('exit', () => reject(new Error('The check worker stopped before finishing.')));
    reader.on('message', (m: FromReader) => {
      if (m.type === 'progress') onProgress?.(m.rows, m.bytes);
      else reject(toError(m.error));
    });
    reader.on('error', reject);
  });
  const checkData: CheckWorkerData = { setup, port: port1, tempRoot };
  checker.postMessage(checkData, [port1]);
  const readData: ReadWorkerData = { path, csv, port: port2, setup, tempRoot };
  reader.postMessage(readData, [port2]);
  try {
    return await result;
  } catch (error) {
    await reader.terminate();
    if (checkerRunning) {
      // Let the check worker release its temp files before it is stopped.
      const aborted = new Promise<void>((resolve) =>
        checker.on('message', (m: FromCheckWorker) => {
          if (m.type !== 'done') resolve();
        }),
      );
      checker.postMessage('abort');
      await Promise.race([aborted, checkerExit]);
    }
    throw error;
  }
}
