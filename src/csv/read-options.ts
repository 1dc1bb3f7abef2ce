/**
 * Reader options, resolved once at the boundary.
 * @module
 */
import { ToolkitError } from '../core/index.js';

/** A field delimiter the door can read. */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

/** The delimiters tried by the sniffer, in tie-break order. */
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/** Options for `openCsv` and `sniffCsv`. */
export interface CsvReadOptions {
  /** Default 'auto' (sniffed; a `sep=X` first line wins). */
  readonly delimiter?: CsvDelimiter | 'auto';
  /** Default 'auto': BOM, then strict UTF-8 validation of the first 64 KiB, else windows-1252. */
  readonly encoding?: 'auto' | 'utf-8' | 'windows-1252';
  /** 1-based physical line of the header; 'auto' skips leading metadata rows and a `sep=` line. */
  readonly headerLine?: number | 'auto';
  /** Largest record accepted, in bytes (default 1 MiB); a longer one throws CSV_RECORD_TOO_LARGE. */
  readonly maxRecordBytes?: number;
  /** File name used in issues. */
  readonly file?: string;
  /**
   * Bytes per read of a file, 4–120 KiB (default 64 KiB: byte-source.ts). A reader that hands
   * each chunk on as one message (the check's read worker) reads 120 KiB: half the messages.
   */
  readonly chunkBytes?: number;
}

/** Largest read chunk: its text must stay a regular young-generation string (below 128 KiB). */
export const MAX_CHUNK_BYTES = 120 * 1024;

/** Options with every default filled in and every value checked. */
export interface ResolvedCsvReadOptions {
  readonly delimiter: CsvDelimiter | 'auto';
  readonly encoding: 'auto' | 'utf-8' | 'windows-1252';
  readonly headerLine: number | 'auto';
  readonly maxRecordBytes: number;
  readonly file: string | undefined;
  readonly chunkBytes: number | undefined;
}

/** Default largest record: 1 MiB. */
export const DEFAULT_MAX_RECORD_BYTES = 1_048_576;

function invalid(message: string): ToolkitError {
  return new ToolkitError('CSV_INVALID_OPTION', message);
}

/** Check and complete user options; throws CSV_INVALID_OPTION. */
export function resolveReadOptions(options: CsvReadOptions = {}): ResolvedCsvReadOptions {
  const delimiter = options.delimiter ?? 'auto';
  if (delimiter !== 'auto' && !CSV_DELIMITERS.includes(delimiter)) {
    throw invalid('delimiter must be one of , ; tab | or "auto".');
  }
  const encoding = options.encoding ?? 'auto';
  if (!['auto', 'utf-8', 'windows-1252'].includes(encoding)) {
    throw invalid('encoding must be "auto", "utf-8" or "windows-1252".');
  }
  const headerLine = options.headerLine ?? 'auto';
  if (headerLine !== 'auto' && !(Number.isInteger(headerLine) && headerLine >= 1)) {
    throw invalid('headerLine must be a positive integer or "auto".');
  }
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!(Number.isInteger(maxRecordBytes) && maxRecordBytes >= 16)) {
    throw invalid('maxRecordBytes must be an integer of at least 16.');
  }
  const chunkBytes = options.chunkBytes;
  if (
    chunkBytes !== undefined &&
    !(Number.isInteger(chunkBytes) && chunkBytes >= 4096 && chunkBytes <= MAX_CHUNK_BYTES)
  ) {
    throw invalid(`chunkBytes must be an integer from 4096 to ${MAX_CHUNK_BYTES}.`);
  }
  return { delimiter, encoding, headerLine, maxRecordBytes, file: options.file, chunkBytes };
}
