/**
 * rejects.csv: one line for every source record that did not become an output row, with the
 * reason codes. It never holds source values except the record's own IDs (never card data).
 * @module
 */
import { CsvFileWriter } from '../csv/index.js';

export const REJECT_COLUMNS = [
  'source',
  'output',
  'file',
  'row',
  'line',
  'outcome',
  'codes',
  'columns',
  'message',
  'customerId',
  'orderId',
] as const;

/** One rejected or skipped record. */
export interface RejectEntry {
  readonly source: string;
  /** Which output's mapping rejected or skipped it (transactions, notes, details). */
  readonly output: string;
  readonly file: string;
  readonly row: number;
  readonly line: number;
  readonly outcome: 'rejected' | 'skipped';
  readonly codes: readonly string[];
  readonly columns: readonly string[];
  readonly message: string;
  readonly customerId: string;
  readonly orderId: string;
}

export class RejectsWriter {
  readonly #writer: CsvFileWriter;
  #count = 0;

  private constructor(writer: CsvFileWriter) {
    this.#writer = writer;
  }

  static async open(path: string): Promise<RejectsWriter> {
    return new RejectsWriter(
      await CsvFileWriter.open(path, REJECT_COLUMNS, { sha256: true, removeOnInterrupt: true }),
    );
  }

  get count(): number {
    return this.#count;
  }

  write(e: RejectEntry): void | Promise<void> {
    this.#count++;
    const unique = (xs: readonly string[]): string => [...new Set(xs)].join(' ');
    return this.#writer.write([
      e.source,
      e.output,
      e.file,
      String(e.row),
      String(e.line),
      e.outcome,
      unique(e.codes),
      unique(e.columns),
      e.message,
      e.customerId,
      e.orderId,
    ]);
  }

  close(): Promise<void> {
    return this.#writer.close();
  }

  /** SHA-256 of rejects.csv, after {@link close}. */
  get sha256(): string {
    return this.#writer.sha256;
  }

  abort(): Promise<void> {
    return this.#writer.abort();
  }
}
