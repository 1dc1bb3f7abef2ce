/**
 * `openCsv`: read a sample, sniff the dialect and header, then stream records in batches.
 * @module
 */
import { type Issue, maskCardNumbers, ToolkitError } from '../core/index.js';
import type { CsvSource } from './byte-source.js';
import { openByteSource } from './byte-source.js';
import type { CsvReader, CsvRecord, CsvStats } from './csv-record.js';
import { SAMPLE_BYTES } from './inspect-sample.js';
import { csvIssue } from './issue-codes.js';
import type { CsvRangeBatch } from './range-batch.js';
import type { CsvReadOptions, ResolvedCsvReadOptions } from './read-options.js';
import { resolveReadOptions } from './read-options.js';
import { RecordStream } from './record-stream.js';
import type { CsvDialect, SniffResult } from './sniff-csv.js';
import { sniffSample } from './sniff-csv.js';
import { sniffIssues } from './sniff-issues.js';
import { uniqueHeader } from './unique-header.js';

/** The most read to find a header row longer than the sniffing sample (thousands of columns). */
export const HEADER_MAX_BYTES = 1_048_576;

/** Read chunks into `head` until it holds `limit` bytes or the input ends (`complete`). */
async function readSample(
  chunks: AsyncIterator<Uint8Array>,
  limit: number,
  head: Uint8Array[] = [],
): Promise<{ head: Uint8Array[]; complete: boolean }> {
  let size = head.reduce((n, c) => n + c.length, 0);
  while (size < limit) {
    const next = await chunks.next();
    if (next.done === true) return { head, complete: true };
    // a copy: a file's chunks are read into reused buffers (byte-source.ts), the head is kept
    head.push(Uint8Array.from(next.value));
    size += next.value.length;
  }
  return { head, complete: false };
}

function cutOffHeader(error: unknown): number | null {
  if (!(error instanceof ToolkitError) || error.code !== 'CSV_NO_HEADER') return null;
  const line = error.context.pendingLine;
  return error.context.cutOff === true && typeof line === 'number' ? line : null;
}

/**
 * Sniff the first {@link SAMPLE_BYTES}. When the sample ends inside what would be the header row
 * (a header line longer than the sample: thousands of columns), the sample grows once, to
 * {@link HEADER_MAX_BYTES}; a header longer than that cannot be read: CSV_HEADER_TOO_LONG, not "no
 * header row" — the memory and the work per header stay bounded whatever the input.
 */
async function sniffHead(
  source: AsyncIterator<Uint8Array>,
  options: ResolvedCsvReadOptions,
): Promise<{ sniff: SniffResult; head: Uint8Array[] }> {
  let { head, complete } = await readSample(source, SAMPLE_BYTES);
  for (let limit = SAMPLE_BYTES; ; ) {
    const sample = head.length === 1 ? (head[0] as Uint8Array) : Buffer.concat(head);
    try {
      return { sniff: sniffSample(sample, options, complete), head };
    } catch (error) {
      const line = cutOffHeader(error);
      if (line === null) throw error;
      if (limit < HEADER_MAX_BYTES) {
        limit = HEADER_MAX_BYTES;
        ({ head, complete } = await readSample(source, limit, head));
        continue;
      }
      throw new ToolkitError(
        'CSV_HEADER_TOO_LONG',
        `The header row starting on line ${line} is longer than ${HEADER_MAX_BYTES} bytes (1 MiB), the most read to find the header: it cannot be read. Remove unneeded columns from the file.`,
        { cause: error, context: { line, limitBytes: HEADER_MAX_BYTES } },
      );
    }
  }
}

class StreamingCsvReader implements CsvReader {
  readonly header: readonly string[];
  readonly rawHeader: readonly string[];
  readonly dialect: CsvDialect;
  readonly fileIssues: Issue[];
  readonly #stream: RecordStream;
  readonly #head: Uint8Array[];
  readonly #chunks: AsyncIterator<Uint8Array>;
  #started = false;

  constructor(
    sniff: SniffResult,
    options: ResolvedCsvReadOptions,
    head: Uint8Array[],
    chunks: AsyncIterator<Uint8Array>,
  ) {
    // a header cell holding a card number (a file without a header row) is never shown in clear
    const names = sniff.header.map(maskCardNumbers);
    const masked = names.some((n, i) => n !== sniff.header[i]);
    const unique = uniqueHeader(names, sniff.dialect.headerLine, options.file);
    this.header = unique.header;
    this.rawHeader = names;
    this.dialect = sniff.dialect;
    this.fileIssues = [...sniffIssues(sniff, options.file), ...unique.issues];
    if (masked) {
      const message =
        'The header row holds a card number: the file seems to have no header row (the names are shown masked).';
      this.fileIssues.push(
        csvIssue('CSV_HEADER_CARD_NUMBER', message, { line: sniff.dialect.headerLine, file: options.file }),
      );
    }
    this.#head = head;
    this.#chunks = chunks;
    this.#stream = new RecordStream({
      sniff,
      columns: sniff.header.length,
      maxRecordBytes: options.maxRecordBytes,
      file: options.file,
      fileIssues: this.fileIssues,
      encodingDetected: options.encoding === 'auto',
    });
  }

  get stats(): CsvStats {
    return { bytes: this.#stream.bytes, lines: this.#stream.lines, records: this.#stream.rows };
  }

  batches(): AsyncGenerator<readonly CsvRecord[]> {
    return this.#run(() => this.#stream.take());
  }

  rangeBatches(): AsyncGenerator<CsvRangeBatch> {
    if (!this.#started) this.#stream.enableRanges();
    return this.#run(() => this.#stream.takeRanges());
  }

  async *#run<B extends { readonly length?: number; readonly count?: number }>(
    take: () => B | null,
  ): AsyncGenerator<B> {
    if (this.#started) throw new Error('A CsvReader can be iterated only once.');
    this.#started = true;
    const stream = this.#stream;
    const size = (b: B): number => b.length ?? b.count ?? 0;
    try {
      for (const chunk of this.#head.splice(0)) {
        stream.feed(chunk);
        for (let batch = take(); batch !== null; batch = take()) if (size(batch) > 0) yield batch;
      }
      for (let next = await this.#chunks.next(); next.done !== true; next = await this.#chunks.next()) {
        stream.feed(next.value);
        for (let batch = take(); batch !== null; batch = take()) if (size(batch) > 0) yield batch;
      }
      stream.finish();
      for (let batch = take(); batch !== null; batch = take()) if (size(batch) > 0) yield batch;
    } finally {
      await this.#chunks.return?.();
    }
  }

  async close(): Promise<void> {
    this.#started = true;
    await this.#chunks.return?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<CsvRecord> {
    const batches = this.batches();
    let batch: readonly CsvRecord[] = [];
    let index = 0;
    const refill = async (): Promise<IteratorResult<CsvRecord>> => {
      for (;;) {
        const next = await batches.next();
        if (next.done === true) return { done: true, value: undefined };
        if (next.value.length > 0) {
          batch = next.value;
          index = 1;
          return { done: false, value: batch[0] as CsvRecord };
        }
      }
    };
    return {
      next: () =>
        index < batch.length
          ? Promise.resolve({ done: false, value: batch[index++] as CsvRecord })
          : refill(),
      return: async () => {
        await batches.return(undefined);
        return { done: true, value: undefined };
      },
    };
  }
}

/** Open a CSV file (a path, a byte stream or a buffer): sniff it, then iterate its records once. */
export async function openCsv(source: CsvSource, options?: CsvReadOptions): Promise<CsvReader> {
  const resolved = resolveReadOptions(options);
  const chunks = await openByteSource(source, resolved.chunkBytes);
  try {
    const { sniff, head } = await sniffHead(chunks, resolved);
    return new StreamingCsvReader(sniff, resolved, head, chunks);
  } catch (error) {
    await chunks.return?.();
    throw named(error, typeof source === 'string' ? source : options?.file);
  }
}

/** Errors about the whole file that say "the file": which one (a build reads several). */
const FILE_ERRORS: ReadonlySet<string> = new Set([
  'CSV_EMPTY_FILE',
  'CSV_BINARY_FILE',
  'CSV_ENCRYPTED_FILE',
  'CSV_NO_HEADER',
  'CSV_HEADER_TOO_LONG',
]);

function named(error: unknown, file: string | undefined): unknown {
  if (file === undefined || !(error instanceof ToolkitError) || !FILE_ERRORS.has(error.code)) return error;
  return new ToolkitError(error.code, `${file}: ${error.message}`, { cause: error, context: error.context });
}
