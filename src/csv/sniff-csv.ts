/**
 * The sniffer (pure): encoding, delimiter, `sep=` line, line endings and the header row, from a
 * sample of the file's first bytes.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import { looksLikeMojibake } from '../normalize/index.js';
import type { CsvEncoding } from './chunk-decoder.js';
import { ChunkDecoder } from './chunk-decoder.js';
import { chooseEncoding, guardSample } from './inspect-sample.js';
import { detectLineEnding, LineEndingNormalizer } from './line-endings.js';
import type { CsvDelimiter, CsvReadOptions, ResolvedCsvReadOptions } from './read-options.js';
import { CSV_DELIMITERS, resolveReadOptions } from './read-options.js';
import { RecordScanner } from './record-scanner.js';
import type { SampleRecord } from './sniff-rules.js';
import { chooseDelimiter, findHeader } from './sniff-rules.js';

/** How a file is written. */
export interface CsvDialect {
  readonly encoding: CsvEncoding;
  readonly bom: boolean;
  readonly delimiter: CsvDelimiter;
  /** 1-based physical line of the header. */
  readonly headerLine: number;
  /** True when the first line is an Excel `sep=X` line. */
  readonly sepLine: boolean;
  readonly lineEnding: 'LF' | 'CRLF' | 'CR' | 'mixed' | 'none';
}

/** Everything the sniffer learnt, for the reader. */
export interface SniffResult {
  readonly dialect: CsvDialect;
  readonly header: string[];
  /** Non-blank lines before the header that were skipped (not counting a `sep=` line). */
  readonly skippedLines: readonly number[];
  readonly encodingFallback: boolean;
  readonly mojibake: boolean;
}

const SAMPLE_RECORDS = 60;
const SEP_LINE = /^sep=(.)$/i;

interface Sampled {
  readonly records: SampleRecord[];
  /** The line of the record the sample ends in the middle of, or null when it ends on a record's end. */
  readonly pendingLine: number | null;
}

function sampleRecords(text: string, d: string, firstLine: number, complete: boolean): Sampled {
  const records: SampleRecord[] = [];
  const scanner = new RecordScanner(d, Number.MAX_SAFE_INTEGER, (fields, line) => {
    if (records.length < SAMPLE_RECORDS) records.push({ fields, line });
  });
  scanner.line = firstLine;
  scanner.scan(text, complete);
  return { records, pendingLine: scanner.needMore ? scanner.line : null };
}

/**
 * True when the header may lie in the record the sample ends in the middle of (a header line
 * longer than the sample): a longer sample may find it.
 */
function headerCutOff(sampled: Sampled, headerLine: number | 'auto'): boolean {
  const pending = sampled.pendingLine;
  if (pending === null) return false;
  if (headerLine === 'auto') return sampled.records.length === 0;
  return pending === headerLine;
}

function decodeSample(sample: Uint8Array, encoding: CsvEncoding, bom: boolean): string {
  return new ChunkDecoder(encoding, bom).decode(sample);
}

function sepDelimiter(firstLine: string): CsvDelimiter | null {
  const match = SEP_LINE.exec(firstLine);
  const ch = match?.[1];
  return CSV_DELIMITERS.find((d) => d === ch) ?? null;
}

/** Sniff with resolved options; `complete` says the sample is the whole file. */
export function sniffSample(
  sample: Uint8Array,
  options: ResolvedCsvReadOptions,
  complete: boolean,
): SniffResult {
  guardSample(sample, complete);
  const choice = chooseEncoding(sample, options.encoding);
  const raw = decodeSample(sample, choice.encoding, choice.bom);
  const text = new LineEndingNormalizer().normalize(raw);
  const firstEnd = text.indexOf('\n');
  const sep = sepDelimiter(firstEnd < 0 ? text : text.slice(0, firstEnd));
  const body = sep === null ? text : text.slice(firstEnd < 0 ? text.length : firstEnd + 1);
  const firstLine = sep === null ? 1 : 2;
  const requested = options.delimiter === 'auto' ? sep : options.delimiter;
  const candidates = requested === null ? CSV_DELIMITERS : [requested];
  const samples = candidates.map((d) => ({ delimiter: d, ...sampleRecords(body, d, firstLine, complete) }));
  const chosen = chooseDelimiter(samples);
  const header = findHeader(chosen.records, options.headerLine);
  if (header === null) {
    // `cutOff`: the sample ends inside the record that may be the header (openCsv reads more)
    const cutOff = !complete && headerCutOff(chosen, options.headerLine);
    throw new ToolkitError('CSV_NO_HEADER', 'No header row was found in the first lines of the file.', {
      context: {
        headerLine: options.headerLine === 'auto' ? 'auto' : options.headerLine,
        cutOff,
        pendingLine: cutOff ? chosen.pendingLine : null,
      },
    });
  }
  return {
    dialect: {
      encoding: choice.encoding,
      bom: choice.bom,
      delimiter: chosen.delimiter,
      headerLine: header.line,
      sepLine: sep !== null,
      lineEnding: detectLineEnding(raw),
    },
    header: [...header.fields],
    skippedLines: chosen.records.filter((r) => r.line < header.line).map((r) => r.line),
    encodingFallback: choice.fallback,
    mojibake: looksLikeMojibake(text),
  };
}

/** Sniff a sample of a file's first bytes (pure; throws the same coded errors as `openCsv`). */
export function sniffCsv(sample: Uint8Array, options?: CsvReadOptions): CsvDialect & { header: string[] } {
  const result = sniffSample(sample, resolveReadOptions(options), true);
  return { ...result.dialect, header: result.header };
}
