/**
 * The check worker of a two-thread check: started before the file is opened, it gets its
 * {@link CheckWorkerData} as the first message from its parent, then runs a {@link CheckSession}
 * on the batches the read worker posts to its port (`batch`… `end`), acknowledging each; at the
 * end the read worker scans half of the cross-row partition files (`scan`/`scanned`). Tells its
 * parent `done` with the result or `error`; on `abort` from the parent it releases its temp
 * files and says `aborted`.
 * @module
 */
import { type MessagePort, parentPort } from 'node:worker_threads';
import { unpackBatch } from './batch-message.js';
import type { FromChecker, ToChecker } from './batch-sender.js';
import { type CheckResult, CheckSession, type CheckSetup } from './check-session.js';
import { setCrossRowTempRoot } from './cross-row-index.js';
import { scanRequester } from './shared-scan.js';
import { type ErrorData, errorData } from './worker-errors.js';

/** What the check worker is started with. */
export interface CheckWorkerData {
  readonly setup: CheckSetup;
  readonly port: MessagePort;
  /** The folder for the worker's temp files (its parent removes it on an interrupt). */
  readonly tempRoot: string;
}

/** Messages from the check worker to its parent. */
export type FromCheckWorker =
  | { readonly type: 'done'; readonly result: CheckResult }
  | { readonly type: 'aborted' }
  | { readonly type: 'error'; readonly error: ErrorData };

function serve(data: CheckWorkerData, parent: MessagePort): void {
  const { port } = data;
  let session: CheckSession | null = null;
  const reply = (m: FromCheckWorker): void => parent.postMessage(m);
  const stop = (): void => {
    session?.dispose();
    session = null;
    port.close();
  };
  try {
    setCrossRowTempRoot(data.tempRoot);
    session = new CheckSession(data.setup);
  } catch (error) {
    reply({ type: 'error', error: errorData(error) });
    return;
  }
  // the end-of-file scan on two threads: the read worker scans half of the partition files
  const scan = scanRequester((request) => port.postMessage(request satisfies FromChecker));
  const finish = async (s: CheckSession, end: Extract<ToChecker, { type: 'end' }>): Promise<void> => {
    try {
      const findings = await s.crossRowFindings(scan.helper);
      // release the read worker if it was not needed
      if (!scan.asked()) port.postMessage({ type: 'scan', paths: [], splitAbove: 0 } satisfies FromChecker);
      const result = s.finish(end.rows, end.fileIssues, end.forecast, findings);
      session = null;
      port.close();
      reply({ type: 'done', result });
    } catch (error) {
      stop();
      reply({ type: 'error', error: errorData(error) });
    }
  };
  port.on('message', (m: ToChecker) => {
    if (m.type === 'scanned') {
      scan.receive(m);
      return;
    }
    if (session === null) return;
    try {
      if (m.type === 'batch') {
        session.batch(unpackBatch(m.batch));
        const { starts, ends } = m.batch;
        const ack: FromChecker = { type: 'ack', spare: [starts, ends] };
        port.postMessage(ack, [starts.buffer, ends.buffer] as ArrayBuffer[]);
      } else {
        void finish(session, m);
      }
    } catch (error) {
      stop();
      reply({ type: 'error', error: errorData(error) });
    }
  });
  parent.once('message', () => {
    stop();
    reply({ type: 'aborted' });
    parent.close();
  });
}

const parent = parentPort;
if (parent) parent.once('message', (data: CheckWorkerData) => serve(data, parent));
