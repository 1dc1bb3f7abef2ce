/**
 * The cross-row worker of a large build: feeds a {@link CrossRowIndex} and the rebill forecast
 * with the rows its parent posts (`rows`… `end`), acknowledging each batch, then — the parent
 * scanning half of the cross-row partition files meanwhile (`scan`/`scanned`) — answers `done`
 * with the raw findings and the forecast. On `abort` it releases its temp files.
 * @module
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type CrossRowColumns, CrossRowFeeder } from './cross-row-feed.js';
import { CrossRowIndex, packFindings, setCrossRowTempRoot } from './cross-row-index.js';
import { createForecastFeed, type ForecastFeed } from './forecast-feed.js';
import { scanRequester } from './shared-scan.js';
import { errorData } from './worker-errors.js';
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

function feedRows(m: RowsMessage, feeder: CrossRowFeeder, forecast: ForecastFeed | null): void {
  const { text, meta, starts, ends } = m;
  let base = 0;
  for (let k = 0; k < m.count; k++) {
    const flags = meta[k * META]!;
    const width = meta[k * META + 3]!;
    const offset = meta[k * META + 4]!;
    for (let i = base; i < base + width; i++) {
      starts[i]! += offset;
      ends[i]! += offset;
    }
    if ((flags & FEED_XROW) !== 0) feeder.feed(text, starts, ends, base, meta[k * META + 1]!);
    if (forecast !== null) {
      const row = meta[k * META + 2]!;
      if ((flags & FEED_FORECAST_RANGE) !== 0) forecast.range(text, starts, ends, base, row);
      if ((flags & FEED_FORECAST_FIELDS) !== 0) {
        const fields: string[] = [];
        for (let i = 0; i < width; i++) fields.push(text.slice(starts[base + i], ends[base + i]));
        forecast.fields(fields, row);
      }
    }
    base += width;
  }
}

function serve(data: XrowWorkerData, parent: MessagePort): void {
  const reply = (m: FromXrowWorker, transfer: ArrayBuffer[] = []): void => parent.postMessage(m, transfer);
  let index: CrossRowIndex | null = null;
  let feeder: CrossRowFeeder;
  let forecast: ForecastFeed | null;
  try {
    setCrossRowTempRoot(data.tempRoot);
    index = new CrossRowIndex(data.index);
    feeder = new CrossRowFeeder(index, data.columns as unknown as CrossRowColumns, data.dummyPhones);
    // the cheap mode: the build forecasts its written file again when a customer's rows are split
    forecast = data.forecast === null ? null : createForecastFeed(data.header, data.forecast, 'runs');
  } catch (error) {
    reply({ type: 'error', error: errorData(error) });
    return;
  }
  // the end-of-file scan on two threads: the parent, waiting meanwhile, scans half of the files
  const scan = scanRequester((request) => reply(request));
  const finish = async (x: CrossRowIndex): Promise<void> => {
    try {
      const findings = packFindings(await x.finishShared(scan.helper));
      reply({ type: 'done', findings, forecast: forecast?.result() ?? null }, [
        findings.buffer,
      ] as ArrayBuffer[]);
    } catch (error) {
      reply({ type: 'error', error: errorData(error) });
    }
  };
  parent.on('message', (m: ToXrowWorker) => {
    if (m.type === 'scanned') {
      scan.receive(m);
      return;
    }
    if (m.type === 'abort') {
      index?.dispose();
      index = null;
      forecast?.dispose();
      reply({ type: 'aborted' });
      return;
    }
    if (index === null) return;
    try {
      if (m.type === 'rows') {
        feedRows(m, feeder, forecast);
        reply({ type: 'ack', spare: [m.meta, m.starts, m.ends] }, [
          m.meta.buffer,
          m.starts.buffer,
          m.ends.buffer,
        ] as ArrayBuffer[]);
      } else {
        const x = index;
        index = null;
        void finish(x);
      }
    } catch (error) {
      index?.dispose();
      index = null;
      forecast?.dispose();
      reply({ type: 'error', error: errorData(error) });
    }
  });
}

if (parentPort) serve(workerData as XrowWorkerData, parentPort);
