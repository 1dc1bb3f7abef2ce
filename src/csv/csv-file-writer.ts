/**
 * The CSV writer: UTF-8 without BOM, LF ("\n") line endings, "," delimiter, RFC 4180 quoting.
 * Output is deterministic. Rows are batched into ~64 KiB strings and backpressure is respected.
 * The file is written to `path + '.partial'` and renamed on `close()`, so a crash never leaves a
 * half-written file under the final name; `abort()` removes the partial file.
 * @module
 */

import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';
import { formatCsvRow } from './format-csv-row.js';

const BATCH_CHARS = 65_536;

function unwritable(path: string, cause: unknown): ToolkitError {
  return new ToolkitError('FILE_UNWRITABLE', 'The output CSV file could not be written.', {
    cause,
    context: { path },
  });
}

/** Writes one CSV file; call `close()` to publish it or `abort()` to drop it. */
export class CsvFileWriter {
  readonly #path: string;
  readonly #stream: WriteStream;
  #buffer = '';
  #rows = 0;
  #error: unknown = null;
  #closed = false;

  private constructor(path: string, stream: WriteStream) {
    this.#path = path;
    this.#stream = stream;
    stream.on('error', (error) => {
      this.#error = error;
    });
  }

  /** Create `path + '.partial'` and write the header row. */
  static async open(path: string, header: readonly string[]): Promise<CsvFileWriter> {
    const stream = createWriteStream(`${path}.partial`);
    try {
      await once(stream, 'open');
    } catch (error) {
      throw unwritable(path, error);
    }
    const writer = new CsvFileWriter(path, stream);
    writer.#buffer = `${formatCsvRow(header)}\n`;
    return writer;
  }

  /** Data rows written so far (the header is not counted). */
  get rows(): number {
    return this.#rows;
  }

  /** Append one row; returns a promise only when the caller should wait for the disk. */
  write(fields: readonly string[]): void | Promise<void> {
    if (this.#closed) throw new ToolkitError('INTERNAL', 'write() after close() or abort().');
    this.#buffer += `${formatCsvRow(fields)}\n`;
    this.#rows++;
    if (this.#buffer.length < BATCH_CHARS) return;
    return this.#flush();
  }

  /** Flush, close and rename the partial file to its final name. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#flush();
      this.#stream.end();
      await once(this.#stream, 'finish');
      this.#throwIfFailed();
      await rename(`${this.#path}.partial`, this.#path);
    } catch (error) {
      await this.#discard();
      throw error instanceof ToolkitError ? error : unwritable(this.#path, error);
    }
  }

  /** Stop writing and remove the partial file. */
  async abort(): Promise<void> {
    this.#closed = true;
    await this.#discard();
  }

  async #flush(): Promise<void> {
    this.#throwIfFailed();
    const chunk = this.#buffer;
    this.#buffer = '';
    if (chunk !== '' && !this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  async #discard(): Promise<void> {
    this.#buffer = '';
    if (!this.#stream.destroyed) {
      this.#stream.destroy();
      await once(this.#stream, 'close').catch(() => undefined);
    }
    await rm(`${this.#path}.partial`, { force: true });
  }

  #throwIfFailed(): void {
    if (this.#error !== null) throw unwritable(this.#path, this.#error);
  }
}
