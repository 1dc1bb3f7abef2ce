/**
 * The CSV writer: UTF-8 without BOM, LF ("\n") line endings unless told otherwise, "," delimiter,
 * RFC 4180 quoting.
 * Output is deterministic. Rows are batched into strings (64 KiB by default) and backpressure is
 * respected; `writeLine` takes a row the caller already formatted (the build formats each row
 * once and feeds the same text to its final check).
 * The file is written to `path + '.partial'` and renamed on `close()`, so a crash never leaves a
 * half-written file under the final name; `abort()` removes the partial file.
 * @module
 */

import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { closeSync, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { onInterrupt, ToolkitError } from '../core/index.js';
import { syncFileIo } from './file-io-mode.js';
import { formatCsvRow } from './format-csv-row.js';

/** Characters per disk write unless `open` is told otherwise. */
export const CSV_BATCH_CHARS = 65_536;

/**
 * Output buffers used in turn. The stream takes up to RING - 1 batches before a write waits for
 * the disk: with one batch (its default 16 KiB high-water mark), every 64 KiB write waited for
 * the disk to take it (~0.5 s of a 1M-row build).
 */
const RING = 4;

/** Options for {@link CsvFileWriter.open}. */
export interface CsvFileWriterOptions {
  /** Characters buffered per disk write (default {@link CSV_BATCH_CHARS}). */
  readonly batchChars?: number;
  /** Hash the bytes as they are written: {@link CsvFileWriter.sha256} after `close()`. */
  readonly sha256?: boolean;
  /**
   * What ends each line (default "\n"): `sample` writes its input's own line endings. A line break
   * inside a quoted value is written as it is held (the CSV door reads every one as "\n").
   */
  readonly lineEnding?: CsvLineEnding;
  /**
   * Remove the published file too if the process is interrupted after `close()` (a run whose
   * outputs form one set, like a build: an interrupted build leaves none of its new files).
   */
  readonly removeOnInterrupt?: boolean;
}

/** The line endings the writer can write. */
export type CsvLineEnding = '\n' | '\r\n';

function unwritable(path: string, cause: unknown): ToolkitError {
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why = errno === 'ENOSPC' ? ' (the disk is full)' : errno ? ` (${errno})` : '';
  return new ToolkitError('FILE_UNWRITABLE', `The output CSV file ${path} could not be written${why}.`, {
    cause,
    context: { path },
  });
}

/** Writes one CSV file; call `close()` to publish it or `abort()` to drop it. */
export class CsvFileWriter {
  readonly #path: string;
  /** The file: a stream, or with one core a descriptor written on this thread (file-io-mode.ts). */
  readonly #stream: WriteStream | null;
  #fd: number;
  /**
   * Lines (the header first) since the last write, joined once per batch: a string grown row by
   * row is a rope that encoding must first flatten (~0.2 s per 1M rows of 44 columns).
   */
  #lines: string[] = [];
  #chars = 0;
  #rows = 0;
  #error: unknown = null;
  #closed = false;
  readonly #batchChars: number;
  readonly #eol: CsvLineEnding;
  readonly #hash: Hash | null;
  /** The output buffers used in turn and whether each is still queued in the stream. */
  readonly #out: (Buffer | undefined)[] = new Array<Buffer | undefined>(RING).fill(undefined);
  readonly #queued: boolean[] = new Array<boolean>(RING).fill(false);
  #turn = 0;
  /** Removes the partial file if the process is interrupted before close/abort. */
  readonly #forget: () => void;
  #digest: string | null = null;
  #removeOnInterrupt = false;
  #closing: Promise<void> | null = null;
  #published = false;

  private constructor(
    path: string,
    stream: WriteStream | number,
    batchChars: number,
    hash: boolean,
    forget: () => void,
    eol: CsvLineEnding,
  ) {
    this.#path = path;
    this.#stream = typeof stream === 'number' ? null : stream;
    this.#fd = typeof stream === 'number' ? stream : -1;
    this.#batchChars = batchChars;
    this.#eol = eol;
    this.#hash = hash ? createHash('sha256') : null;
    this.#forget = forget;
    this.#stream?.on('error', (error) => {
      this.#error = error;
    });
  }

  /** Create `path + '.partial'` and write the header row. */
  static async open(
    path: string,
    header: readonly string[],
    options: CsvFileWriterOptions = {},
  ): Promise<CsvFileWriter> {
    const batchChars = options.batchChars ?? CSV_BATCH_CHARS;
    // registered before the file exists: a signal between its creation and the 'open' event
    // (another thread makes it) would otherwise leave the partial file behind
    const forget = onInterrupt(() => rmSync(`${path}.partial`, { force: true }));
    let stream: WriteStream | number;
    try {
      if (syncFileIo()) stream = openSync(`${path}.partial`, 'w');
      else {
        stream = createWriteStream(`${path}.partial`, { highWaterMark: (RING - 1) * batchChars });
        await once(stream, 'open');
      }
    } catch (error) {
      forget();
      throw unwritable(path, error);
    }
    const eol = options.lineEnding ?? '\n';
    const writer = new CsvFileWriter(path, stream, batchChars, options.sha256 === true, forget, eol);
    writer.#removeOnInterrupt = options.removeOnInterrupt === true;
    const first = formatCsvRow(header);
    writer.#lines.push(first);
    writer.#chars = first.length + eol.length;
    return writer;
  }

  /** Data rows written so far (the header is not counted). */
  get rows(): number {
    return this.#rows;
  }

  /**
   * Hex SHA-256 of the published file, hashed while it was written (no second read of the
   * file); only after `close()` of a writer opened with `sha256: true`.
   */
  get sha256(): string {
    if (this.#digest === null)
      throw new ToolkitError('INTERNAL', 'sha256 before close() or without the sha256 option.');
    return this.#digest;
  }

  /** Append one row; returns a promise only when the caller should wait for the disk. */
  write(fields: readonly string[]): void | Promise<void> {
    return this.writeLine(formatCsvRow(fields));
  }

  /** Append one row already formatted as CSV (no line ending); a promise only when to wait. */
  writeLine(line: string): void | Promise<void> {
    if (this.#closed) throw new ToolkitError('INTERNAL', 'write() after close() or abort().');
    this.#lines.push(line);
    this.#chars += line.length + this.#eol.length;
    this.#rows++;
    if (this.#chars < this.#batchChars) return;
    return this.#flush();
  }

  /** Flush, close and rename the partial file to its final name. */
  close(): Promise<void> {
    // closed without a close(): aborted, nothing to publish
    if (this.#closing === null && this.#closed) return Promise.resolve();
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    try {
      await this.#flush();
      if (this.#stream === null) this.#closeFd();
      else {
        this.#stream.end();
        await once(this.#stream, 'finish');
      }
      this.#throwIfFailed();
      // an interrupt from here on removes the published file too, when the owner asked for that
      const path = this.#path;
      const undo = this.#removeOnInterrupt ? onInterrupt(() => rmSync(path, { force: true })) : null;
      try {
        await rename(`${path}.partial`, path);
      } catch (error) {
        undo?.();
        throw error;
      }
      this.#published = true;
      this.#forget();
      if (this.#hash !== null) this.#digest = this.#hash.digest('hex');
    } catch (error) {
      await this.#discard();
      throw error instanceof ToolkitError ? error : unwritable(this.#path, error);
    }
  }

  /**
   * Stop writing and remove what was written: the partial file, or — when a `close()` ran (a
   * caller may close while other work finishes, then fail) — the published file.
   */
  async abort(): Promise<void> {
    this.#closed = true;
    if (this.#closing !== null) {
      await this.#closing.catch(() => undefined);
      if (this.#published) {
        await rm(this.#path, { force: true });
        this.#published = false;
      }
      return;
    }
    await this.#discard();
  }

  async #flush(): Promise<void> {
    this.#throwIfFailed();
    if (this.#lines.length === 0) return;
    this.#lines.push('');
    const chunk = this.#lines.join(this.#eol);
    this.#lines.length = 0;
    this.#chars = 0;
    // Encoded into RING buffers used in turn (no megabyte-sized garbage per write that only a full
    // garbage collection would free); a buffer still queued in the stream is never overwritten
    // (a fresh one is used then). Written synchronously, so concurrent flushes keep their order.
    const turn = this.#turn;
    let data: Buffer;
    let ring = -1;
    if (this.#queued[turn] === true) {
      data = Buffer.from(chunk, 'utf8');
    } else {
      ring = turn;
      const size = Buffer.byteLength(chunk, 'utf8');
      let out = this.#out[turn];
      if (out === undefined || out.length < size) {
        out = Buffer.allocUnsafe(Math.max(size, Math.ceil((out?.length ?? 0) * 1.25)));
        this.#out[turn] = out;
      }
      data = out.subarray(0, out.write(chunk, 0, 'utf8'));
      this.#queued[turn] = true;
      this.#turn = (turn + 1) % RING;
    }
    if (this.#hash !== null) this.#hash.update(data);
    if (this.#stream === null) {
      this.#writeSync(data);
      if (ring >= 0) this.#queued[ring] = false;
      return;
    }
    const ok = this.#stream.write(data, () => {
      if (ring >= 0) this.#queued[ring] = false;
    });
    if (!ok) {
      try {
        await once(this.#stream, 'drain');
      } catch (error) {
        // abort() destroyed the stream on purpose while this write waited: nothing to report (a
        // caller that stopped on its own error may no longer be listening)
        if (!this.#closed) throw unwritable(this.#path, error);
      }
    }
  }

  async #discard(): Promise<void> {
    this.#lines.length = 0;
    if (this.#stream === null) {
      try {
        this.#closeFd();
      } catch {
        // the file is removed below: a failed close loses nothing
      }
    } else if (!this.#stream.destroyed) {
      this.#stream.destroy();
      await once(this.#stream, 'close').catch(() => undefined);
    }
    await rm(`${this.#path}.partial`, { force: true });
    this.#forget();
  }

  /** Write all of `data` to the descriptor; a failure is kept (every later call throws it). */
  #writeSync(data: Buffer): void {
    try {
      for (let at = 0; at < data.length; ) at += writeSync(this.#fd, data, at);
    } catch (error) {
      this.#error = error;
      this.#throwIfFailed();
    }
  }

  #closeFd(): void {
    const fd = this.#fd;
    if (fd < 0) return;
    this.#fd = -1;
    closeSync(fd);
  }

  #throwIfFailed(): void {
    if (this.#error !== null) throw unwritable(this.#path, this.#error);
  }
}
