/**
 * The reading side of a two-thread check: posts packed batches to the check worker's port, at
 * most a few in flight (memory stays flat when checking is slower than reading). The check
 * worker answers each batch with an `ack` that hands the typed arrays back for reuse.
 * @module
 */
import type { MessagePort } from 'node:worker_threads';
import type { Issue } from '../core/index.js';
import { type CsvRangeBatch, MAX_CHUNK_BYTES } from '../csv/index.js';
import type { ForecastResult } from '../forecast/index.js';
import { type BatchMessage, packBatch } from './batch-message.js';
import type { RowScreen } from './row-screen.js';
import { answerScan, type ScanAnswer, type ScanRequest } from './shared-scan.js';

const MAX_IN_FLIGHT = 16;
/**
 * Screen here only while at least this many batches wait for the check worker: when it keeps
 * up, it has time to screen them itself (same rules, `checkRange`), so the work balances
 * between the two threads. Findings are the same whichever side screens a batch.
 */
const SCREEN_WHEN_QUEUED = 8;
/**
 * Text per message: one read chunk and the record it completes (see read-worker.ts), below the
 * 128 KiB where V8 puts strings in the large-object space: they die young in both heaps.
 */
const PIECE_CHARS = MAX_CHUNK_BYTES + 4096;

/** Messages on the reader → checker port. */
export type ToChecker =
  | { readonly type: 'batch'; readonly batch: BatchMessage }
  | ScanAnswer
  | {
      readonly type: 'end';
      readonly rows: number;
      readonly fileIssues: readonly Issue[];
      readonly forecast: ForecastResult | null;
    };

/**
 * Messages on the checker → reader port: `ack` a batch (its typed arrays come back for reuse);
 * after the last batch, `scan` asks the reader to scan these cross-row partition files (none:
 * nothing to do; the reader is released either way).
 */
export type FromChecker = { readonly type: 'ack'; readonly spare: readonly Int32Array[] } | ScanRequest;

/** Sends batches over a port, waiting while too many are unacknowledged. */
export class BatchSender {
  readonly #port: MessagePort;
  readonly #screen: RowScreen | null;
  readonly #pool: Int32Array[] = [];
  #inFlight = 0;
  #wake: (() => void) | null = null;

  /** `screen`: screen range records here, so the check worker only feeds the clean ones. */
  constructor(port: MessagePort, screen: RowScreen | null) {
    this.#port = port;
    this.#screen = screen;
    port.on('message', (m: FromChecker) => {
      if (m.type === 'scan') {
        this.#scan(m);
        return;
      }
      this.#inFlight--;
      for (const a of m.spare) if (this.#pool.length < 2 * MAX_IN_FLIGHT) this.#pool.push(a);
      this.#wake?.();
      this.#wake = null;
    });
  }

  /** Post one batch (copied: the reader reuses it) in pieces of about {@link PIECE_CHARS}. */
  async send(batch: CsvRangeBatch): Promise<void> {
    const step = piece(batch);
    for (let from = 0; from < batch.count; from += step) {
      const packed = packBatch(batch, from, Math.min(batch.count, from + step), this.#pool);
      const message = this.#screened(packed.message);
      if (message.clean) packed.transfer.push(message.clean.buffer as ArrayBuffer);
      this.#post({ type: 'batch', batch: message }, packed.transfer);
      this.#inFlight++;
      while (this.#inFlight >= MAX_IN_FLIGHT) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
      }
    }
  }

  /**
   * After the last batch: the rows read, the reader's file-level issues and the forecast. The
   * port stays open for the check worker's `scan` request (see cross-row-index.ts finishShared).
   */
  end(rows: number, fileIssues: readonly Issue[], forecast: ForecastResult | null): void {
    this.#post({ type: 'end', rows, fileIssues, forecast });
  }

  /** Scan the partition files the check worker hands over, answer with the findings, close. */
  #scan(request: ScanRequest): void {
    if (request.paths.length > 0) {
      const { answer, transfer } = answerScan(request);
      this.#post(answer, transfer);
    }
    this.#port.close();
  }

  #screened(message: BatchMessage): BatchMessage {
    const screen = this.#screen;
    if (screen === null || this.#inFlight < SCREEN_WHEN_QUEUED) return message;
    const { text, starts, ends, columns, records, count } = message;
    const clean = new Uint8Array(count);
    for (let i = 0; i < count; i++)
      if (!records?.[i] && screen.clean(text, starts, ends, i * columns)) clean[i] = 1;
    return { ...message, clean };
  }

  #post(message: ToChecker, transfer: ArrayBuffer[] = []): void {
    this.#port.postMessage(message, transfer);
  }
}

/** Records per message: about {@link PIECE_CHARS} of text. */
function piece(batch: CsvRangeBatch): number {
  const { count, columns } = batch;
  const span = (batch.ends[count * columns - 1] ?? 0) - (batch.starts[0] ?? 0);
  const perRecord = span > 0 ? span / count : 1;
  return Math.max(16, Math.min(count, Math.floor(PIECE_CHARS / perRecord)));
}
