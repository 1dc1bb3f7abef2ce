/**
 * The read worker of a two-thread check (its {@link ReadWorkerData} comes as the first message
 * from its parent): reads the CSV (decode, scan, split into ranges), computes the rebill
 * forecast, and streams the batches to the check worker's port; then helps with the end-of-file
 * cross-row scan. Tells its parent the progress, and `error` when reading fails (the parent then
 * stops the check worker).
 * @module
 */
import { type MessagePort, parentPort } from 'node:worker_threads';
import { type CsvReadOptions, MAX_CHUNK_BYTES, openCsv } from '../csv/index.js';
import { BatchSender } from './batch-sender.js';
import { type CheckSetup, everyFewRows, feedForecast, forecastFeedFor, screenFor } from './check-session.js';
import { setCrossRowTempRoot } from './cross-row-index.js';
import { forecastTransactionsFile } from './forecast-feed.js';
import { errorData } from './worker-errors.js';

/** What the read worker is started with. */
export interface ReadWorkerData {
  readonly path: string;
  readonly csv: CsvReadOptions;
  readonly port: MessagePort;
  /** The check's setup: the read worker screens rows with the same rules. */
  readonly setup: CheckSetup;
  /** Where the forecast may spill (the parent removes it). */
  readonly tempRoot: string;
}

/** Messages from the read worker to its parent. */
export type FromReader =
  | { readonly type: 'progress'; readonly rows: number; readonly bytes: number }
  | { readonly type: 'error'; readonly error: ReturnType<typeof errorData> };

async function read(data: ReadWorkerData, parent: MessagePort): Promise<void> {
  setCrossRowTempRoot(data.tempRoot);
  const sender = new BatchSender(data.port, screenFor(data.setup));
  // the rebill forecast is computed here, where the rows are read: it needs them in order and
  // nothing else, and the check worker has the cross-row rules to run. The cheap mode, as the
  // file can be read again (exact mode) if a customer's rows turn out to be split.
  const forecast = forecastFeedFor(data.setup, 'runs');
  // one message per chunk read: 120 KiB chunks halve the messages (each costs ~50 µs of CPU)
  const reader = await openCsv(data.path, { ...data.csv, file: data.path, chunkBytes: MAX_CHUNK_BYTES });
  let rows = 0;
  // every ~64K rows (a message per batch woke the main thread ~2,000 times per 1M rows)
  const progress = everyFewRows((n, bytes) =>
    parent.postMessage({ type: 'progress', rows: n, bytes } satisfies FromReader),
  );
  try {
    for await (const batch of reader.rangeBatches()) {
      if (forecast !== null) feedForecast(forecast, batch);
      await sender.send(batch);
      rows = batch.firstRow + batch.count - 1;
      progress(rows, reader.stats.bytes);
    }
  } catch (error) {
    forecast?.dispose();
    throw error;
  }
  const result =
    forecast === null
      ? null
      : (forecast.result() ?? (await forecastTransactionsFile(data.path, data.setup, data.csv)));
  sender.end(rows, reader.fileIssues, result);
}

const parent = parentPort;
if (parent) {
  parent.once('message', (data: ReadWorkerData) => {
    read(data, parent).catch((error: unknown) => {
      parent.postMessage({ type: 'error', error: errorData(error) } satisfies FromReader);
    });
  });
}
