/**
 * The CSV door: bytes in, records with physical line numbers and issues out; and the writer.
 * A small fast path (`String.split` for lines without quotes, a strict quoted splitter) sits in
 * front of Papa Parse, which reads the records the strict splitter rejects (see
 * docs/decisions/0001-csv-door.md).
 * @module
 */

export type { CsvSource } from './byte-source.js';
export {
  CSV_BATCH_CHARS,
  CsvFileWriter,
  type CsvFileWriterOptions,
  type CsvLineEnding,
} from './csv-file-writer.js';
export type { CsvReader, CsvRecord, CsvStats } from './csv-record.js';
export { formatCsvRow } from './format-csv-row.js';
export type { CsvIssueCode } from './issue-codes.js';
export { CSV_ISSUE_CODES } from './issue-codes.js';
export { openCsv } from './open-csv.js';
export type { CsvRangeBatch } from './range-batch.js';
export type { CsvDelimiter, CsvReadOptions } from './read-options.js';
export { MAX_CHUNK_BYTES } from './read-options.js';
export { fileKey, realPathOf } from './real-path.js';
export type { CsvDialect } from './sniff-csv.js';
export { sniffCsv } from './sniff-csv.js';
