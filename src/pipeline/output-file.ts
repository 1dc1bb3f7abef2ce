/**
 * A section's output file, written from preformatted CSV lines (see row-line.ts) in large
 * batches. Same file contract as the CSV door's `CsvFileWriter` (UTF-8, LF, header first,
 * `path + '.partial'` renamed on `close()`, removed on `abort()`), but it takes a line the
 * build already formatted, so a row is formatted once and its text also feeds the final check.
 * @module
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';
import { formatCsvRow } from '../csv/index.js';

/** Characters per disk write: a few large writes instead of many small ones. */
export const OUTPUT_BATCH_CHARS = 1 << 20;

function unwritable(path: string, cause: unknown): ToolkitError {
  return new ToolkitError('FILE_UNWRITABLE', 'The output CSV file could not be written.', {
    cause,
    context: { path },
  });
}

/** Writes one output CSV file; call `close()` to publish it or `abort()` to drop it. */
export class OutputFile {
  readonly #path: string;
  readonly #stream: WriteStream;
  #buffer: string;
  #rows = 0;
  #error: unknown = null;
  #closed = false;

  private constructor(path: string, stream: WriteStream, header: readonly string[]) {
    this.#path = path;
    this.#stream = stream;
    this.#buffer = `${formatCsvRow(header)}\n`;
    stream.on('error', (error) => {
      this.#error = error;
    });
  }

  /** Create `path + '.partial'` with the header row. */
  static async open(path: string, header: readonly string[]): Promise<OutputFile> {
    const stream = createWriteStream(`${path}.partial`);
    try {
      await once(stream, 'open');
    } catch (error) {
      throw unwritable(path, error);
    }
    return new OutputFile(path, stream, header);
  }

  /** Data rows written so far (the header is not counted). */
  get rows(): number {
    return this.#rows;
  }

  /** Append one formatted row (no line ending); a promise only when the caller should wait. */
  writeLine(line: string): void | Promise<void> {
    if (this.#closed) throw new ToolkitError('INTERNAL', 'writeLine() after close() or abort().');
    this.#buffer += line;
    this.#buffer += '\n';
    this.#rows++;
    if (this.#buffer.length < OUTPUT_BATCH_CHARS) return;
    return this.#flush();
  }

  /** Append one row given as fields (formatted and quoted as the CSV door does). */
  write(fields: readonly string[]): void | Promise<void> {
    return this.writeLine(formatCsvRow(fields));
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
