/**
 * Bytes → records, one chunk at a time: decode, normalise line endings, scan, build records.
 * @module
 */
import { type Issue, ToolkitError } from '../core/index.js';
import { looksLikeMojibake } from '../normalize/index.js';
import { ChunkDecoder } from './chunk-decoder.js';
import type { CsvRecord } from './csv-record.js';
import { splitFieldRanges } from './field-ranges.js';
import { csvIssue } from './issue-codes.js';
import { LineEndingNormalizer } from './line-endings.js';
import { RangeBatch } from './range-batch.js';
import type { RecordProblem } from './record-scanner.js';
import { countNewlines, RecordScanner } from './record-scanner.js';
import type { SniffResult } from './sniff-csv.js';

const BATCH_RECORDS = 1024;
const NOT_ASCII = /[^\x00-\x7f]/;

/** True when `fields[from…]` are all empty. */
function emptyFrom(fields: readonly string[], from: number): boolean {
  for (let i = from; i < fields.length; i++) if (fields[i] !== '') return false;
  return true;
}

/** The physical line of `text[index]`, `text` starting on line `first` (`first` when index < 0). */
function lineOf(text: string, first: number, index: number): number {
  return index < 0 ? first : first + countNewlines(text, 0, index);
}

/** What the stream needs to know about the file. */
export interface RecordStreamSetup {
  readonly sniff: SniffResult;
  readonly columns: number;
  readonly maxRecordBytes: number;
  readonly file: string | undefined;
  readonly fileIssues: Issue[];
  /** The encoding was detected, not configured: a UTF-8 guess may fall back to Windows-1252. */
  readonly encodingDetected?: boolean;
}

/** Turns byte chunks into batches of records. */
export class RecordStream {
  readonly #setup: RecordStreamSetup;
  readonly #decoder: ChunkDecoder;
  readonly #normalizer = new LineEndingNormalizer();
  readonly #scanner: RecordScanner;
  readonly #headerLine: number;
  #carry = '';
  #text = '';
  #pos = 0;
  #final = false;
  #ended = false;
  #rescanAt = 0;
  #batch: CsvRecord[] = [];
  #ranges: RangeBatch | null = null;
  #invalidReported = false;
  #fallbackReported = false;
  /** Records whose extra fields past the header's were all empty (and dropped). */
  #trailingDelimiters = 0;
  /**
   * Whether the file's records end with a delimiter (Authorize.net's downloads), decided by its
   * first record (null before it): only then are empty fields past the header's dropped.
   */
  #endsWithDelimiter: boolean | null = null;
  #mojibakeReported: boolean;
  rows = 0;
  bytes = 0;

  constructor(setup: RecordStreamSetup) {
    this.#setup = setup;
    const { dialect } = setup.sniff;
    this.#decoder = new ChunkDecoder(dialect.encoding, dialect.bom, setup.encodingDetected === true);
    this.#headerLine = dialect.headerLine;
    this.#mojibakeReported = setup.sniff.mojibake;
    this.#scanner = new RecordScanner(dialect.delimiter, setup.maxRecordBytes, (f, l, p) =>
      this.#add(f, l, p),
    );
  }

  /** Physical lines seen so far. */
  get lines(): number {
    return this.#scanner.line - 1;
  }

  /** Take in the next chunk of bytes; then call `take()` until it returns null. */
  feed(chunk: Uint8Array): void {
    // a NUL byte makes a file binary wherever it is, as in the first look at the sample
    // (inspect-sample.ts): one native memchr per chunk
    const nul = (
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
    ).indexOf(0);
    if (nul >= 0) this.#binary(this.bytes + nul);
    this.bytes += chunk.length;
    this.#load(this.#decoder.decode(chunk), false);
  }

  #binary(offset: number): never {
    const file = this.#setup.file === undefined ? '' : `${this.#setup.file}: `;
    throw new ToolkitError(
      'CSV_BINARY_FILE',
      `${file}The file holds binary data, not CSV text (a NUL byte at byte ${offset + 1}).`,
      { context: { nulBytes: true, offset } },
    );
  }

  /** Signal the end of the input; then call `take()` until it returns null. */
  finish(): void {
    this.#load(this.#decoder.end(), true);
  }

  /**
   * Switch to range batches (call before feeding): one-line records the range splitter accepts are
   * delivered as field ranges; take them with `takeRanges()`.
   */
  enableRanges(): void {
    const { delimiter } = this.#setup.sniff.dialect;
    if (delimiter.length !== 1) return;
    const dc = delimiter.charCodeAt(0);
    const columns = this.#setup.columns;
    const ranges = new RangeBatch(columns, BATCH_RECORDS);
    this.#ranges = ranges;
    this.#scanner.rangeSink = (text, pos, nl, q, line) => {
      if (line <= this.#headerLine) return false;
      const k = splitFieldRanges(text, pos, nl, q, dc, ranges.starts, ranges.ends, ranges.nextBase, columns);
      if (k !== columns) return false;
      this.rows++;
      ranges.pushRange(text, line);
      return true;
    };
  }

  /** Like `take()`, in range mode: the reused range batch, or null when the fed text is used up. */
  takeRanges(): RangeBatch | null {
    const ranges = this.#ranges;
    if (ranges === null) throw new Error('enableRanges() was not called.');
    ranges.reset(this.rows + 1);
    return this.#advance() ? ranges : null;
  }

  /** The next batch of at most 1024 records, or null when the fed text is used up. */
  take(): CsvRecord[] | null {
    if (!this.#advance()) return null;
    const batch = this.#batch;
    this.#batch = [];
    return batch;
  }

  /** Scan up to one batch of records; false when the fed text is used up. */
  #advance(): boolean {
    const text = this.#text;
    if (this.#pos >= text.length && !this.#final) return false;
    if (this.#pos >= text.length && this.#ended) return false;
    const pos = this.#scanner.scan(text, this.#final, this.#pos, BATCH_RECORDS);
    this.#pos = pos;
    if (this.#scanner.needMore || pos >= text.length) {
      this.#carry = pos < text.length ? text.slice(pos) : '';
      this.#rescanAt = this.#carry.length < 4096 ? 0 : this.#carry.length * 2;
      this.#text = '';
      this.#pos = 0;
      if (this.#final) this.#end();
    }
    return true;
  }

  #load(decoded: string, final: boolean): void {
    const line = this.#scanner.line;
    const normalized = this.#normalizer.normalize(decoded);
    // join, unlike +, builds a flat string: char access into a cons string is slow.
    const text = this.#carry === '' ? normalized : [this.#carry, normalized].join('');
    this.#text = text;
    this.#carry = '';
    this.#pos = 0;
    this.#final = final;
    this.#checkText(text, line);
    // An incomplete record is rescanned only once the text has doubled: small chunks stay linear.
    if (!final && text.length < this.#rescanAt && text.length <= this.#setup.maxRecordBytes) {
      this.#carry = text;
      this.#text = '';
    }
  }

  #end(): void {
    this.#ended = true;
    const trailing = this.#trailingDelimiters;
    if (trailing > 0) {
      const message = `${trailing} record${trailing === 1 ? '' : 's'} had more fields than the header, all of them empty (a delimiter at the end of the line); they were read without them.`;
      this.#setup.fileIssues.push(
        csvIssue('CSV_TRAILING_DELIMITER', message, { file: this.#setup.file, received: `${trailing}` }),
      );
    }
    const blank = this.#scanner.blankLines;
    if (blank > 0) {
      const message = `${blank} blank line${blank === 1 ? ' was' : 's were'} skipped (empty, or only spaces).`;
      this.#setup.fileIssues.push(
        csvIssue('CSV_BLANK_LINES', message, { file: this.#setup.file, received: `${blank}` }),
      );
    }
  }

  #checkText(text: string, line: number): void {
    const { file, fileIssues } = this.#setup;
    if (this.#decoder.fellBack && !this.#fallbackReported) {
      this.#fallbackReported = true;
      const at = lineOf(text, line, text.search(NOT_ASCII));
      const message = `The file is not UTF-8: its first other characters, on line ${at}, are Windows-1252; it was read as Windows-1252 (its ASCII start reads the same).`;
      fileIssues.push(csvIssue('CSV_ENCODING_FALLBACK', message, { line: at, file }));
    }
    if (this.#decoder.invalidBytes && !this.#invalidReported) {
      this.#invalidReported = true;
      const at = lineOf(text, line, text.indexOf('\uFFFD'));
      const message = `Invalid UTF-8 bytes from line ${at} on (after UTF-8 text): they were replaced with U+FFFD and the records holding them are rejected.`;
      fileIssues.push(csvIssue('CSV_INVALID_UTF8', message, { line: at, file }));
    }
    if (!(this.#mojibakeReported || this.#decoder.lastAscii) && looksLikeMojibake(text)) {
      this.#mojibakeReported = true;
      const message = `Text on or after line ${line} looks like UTF-8 that was once read as Windows-1252 (e.g. "Ã©" for "é").`;
      fileIssues.push(csvIssue('CSV_MOJIBAKE', message, { line, file }));
    }
  }

  #add(fields: string[], line: number, problem: RecordProblem): void {
    if (line <= this.#headerLine) return;
    const columns = this.#setup.columns;
    // a line of only spaces and tabs in a file of several columns is a blank line, counted as one
    // (in a file of one column it is a record whose cell is blank)
    if (fields.length === 1 && columns > 1 && problem === 'none' && (fields[0] as string).trim() === '') {
      this.#scanner.blankLines++;
      return;
    }
    const row = ++this.rows;
    const damaged = this.#decoder.invalidBytes && fields.some((f) => f.includes('\uFFFD'));
    const trailing = fields.length > columns && problem === 'none' && emptyFrom(fields, columns);
    // the file's pattern is its first record's: in a file whose records do not end with a
    // delimiter, one record with an empty field too many holds an unquoted delimiter inside a
    // cell ("Doe, Jane" before an empty last column) and its cells are shifted: it stays ragged
    this.#endsWithDelimiter ??= trailing;
    if (trailing && this.#endsWithDelimiter) {
      // a trailing delimiter (Authorize.net's rows end with one): the extra fields are empty
      fields.length = columns;
      this.#trailingDelimiters++;
    }
    if (fields.length === columns && problem === 'none' && !damaged) {
      this.#emit({ fields, row, line });
      return;
    }
    const issues: Issue[] = [];
    const at = { row, line, file: this.#setup.file };
    if (problem === 'malformed') {
      issues.push(
        csvIssue('CSV_MALFORMED_QUOTE', 'A quote is misplaced in this record; it was read leniently.', at),
      );
    } else if (problem === 'unclosed') {
      const last = Math.max(line, this.#scanner.line - 1);
      const message = `A quoted field is never closed; lines ${line}–${last} (the rest of the file) were read as this record.`;
      issues.push(csvIssue('CSV_UNCLOSED_QUOTE', message, at));
    }
    if (damaged) {
      const message = 'This record holds bytes that are not UTF-8 (shown as U+FFFD); its text is lost.';
      issues.push(csvIssue('CSV_INVALID_UTF8', message, at));
    }
    if (fields.length !== columns) {
      const message = `The record has ${fields.length} fields; the header has ${columns}.`;
      const shape = { ...at, expected: `${columns} fields`, received: `${fields.length} fields` };
      issues.push(csvIssue('CSV_RAGGED_ROW', message, shape));
    }
    this.#emit({ fields, row, line, issues });
  }

  #emit(record: CsvRecord): void {
    if (this.#ranges === null) this.#batch.push(record);
    else this.#ranges.pushRecord(record);
  }
}
