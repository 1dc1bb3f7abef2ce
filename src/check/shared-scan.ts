/**
 * The end-of-file cross-row scan on two threads, as messages: the thread that owns a
 * {@link CrossRowIndex} asks another (`scan`), which scans its share of the partition files and
 * answers (`scanned`); see `CrossRowIndex.finishShared`. Used by the check (check worker ↔ read
 * worker) and the build (cross-row worker ↔ main thread).
 * @module
 */
import { type PartitionHelper, scanPartitionFiles } from './cross-row-index.js';
import { type ErrorData, errorData, toError } from './worker-errors.js';

/** Scan these partition files (none: nothing to do, the helper is released). */
export interface ScanRequest {
  readonly type: 'scan';
  readonly paths: readonly string[];
  readonly splitAbove: number;
}

/** The findings of a {@link ScanRequest}, packed, or why it failed. */
export interface ScanAnswer {
  readonly type: 'scanned';
  readonly findings: Int32Array | null;
  readonly error?: ErrorData;
}

/** The answer to a request (on the helping thread); `transfer` moves the findings' buffer. */
export function answerScan(request: ScanRequest): { answer: ScanAnswer; transfer: ArrayBuffer[] } {
  try {
    const findings = scanPartitionFiles(request.paths, request.splitAbove);
    return { answer: { type: 'scanned', findings }, transfer: [findings.buffer as ArrayBuffer] };
  } catch (error) {
    return { answer: { type: 'scanned', findings: null, error: errorData(error) }, transfer: [] };
  }
}

/**
 * The owning thread's side: a {@link PartitionHelper} that posts requests with `post`;
 * pass each {@link ScanAnswer} that arrives to `receive`. `asked` tells whether it was used.
 */
export function scanRequester(post: (request: ScanRequest) => void): {
  readonly helper: PartitionHelper;
  readonly receive: (answer: ScanAnswer) => void;
  readonly asked: () => boolean;
} {
  let pending: ((answer: ScanAnswer) => void) | null = null;
  let asked = false;
  return {
    helper: (paths, splitAbove) => {
      asked = true;
      const findings = new Promise<Int32Array>((resolve, reject) => {
        pending = (m) => (m.findings ? resolve(m.findings) : reject(toError(m.error ?? errorData(null))));
      });
      post({ type: 'scan', paths, splitAbove });
      return findings;
    },
    receive: (answer) => pending?.(answer),
    asked: () => asked,
  };
}
