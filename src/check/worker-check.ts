/**
 * A check on two cores: a read worker decodes and splits the file while a check worker runs the
 * rules, batches flowing between them over a MessageChannel; this thread only waits. Both
 * workers get a small young generation: their peak memory stays low, at little CPU cost.
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

/** Check the file at `path` with a read worker and a check worker. */
export async function checkInWorkers(
  path: string,
  setup: CheckSetup,
  csv: CsvReadOptions,
  onProgress?: (rows: number, bytes: number) => void,
): Promise<CheckResult> {
  const { port1, port2 } = new MessageChannel();
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_MB };
  // the check worker's temp files go here: this thread can remove them if the run is interrupted
  const tempRoot = mkdtempSync(join(tmpdir(), 'kmigrate-check-'));
  const removeTemp = (): void => rmSync(tempRoot, { recursive: true, force: true });
  const forgetTemp = onInterrupt(removeTemp);
  const checkData: CheckWorkerData = { setup: { ...setup, forecastElsewhere: true }, port: port1, tempRoot };
  const checker = new Worker(new URL('./check-worker.js', import.meta.url), {
    workerData: checkData,
    transferList: [port1],
    resourceLimits,
  });
  const readData: ReadWorkerData = { path, csv, port: port2, setup };
  const reader = new Worker(new URL('./read-worker.js', import.meta.url), {
    workerData: readData,
    transferList: [port2],
    resourceLimits,
  });
  let checkerRunning = true;
  const checkerExit = new Promise<void>((resolve) =>
    checker.once('exit', () => {
      checkerRunning = false;
      resolve();
    }),
  );
  try {
    return await new Promise<CheckResult>((resolve, reject) => {
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
  } finally {
    await Promise.all([reader.terminate(), checker.terminate()]);
    removeTemp();
    forgetTemp();
  }
}
