/**
 * `check`: validate any Konnektive import file (also hand-made ones) against the spec or a
 * vendor template. Streams; memory stays flat in the file size.
 * @module
 */
import { type Issue, IssueCollector } from '../core/index.js';
import { type CsvRangeBatch, type CsvReadOptions, openCsv } from '../csv/index.js';
import type { ForecastResult } from '../forecast/index.js';
import { applyTemplate, builtinSpec, detectKind, type FileKind, type FileSpec } from '../schema/index.js';
import { CHECK_ISSUE_CODES } from './codes.js';
import { createForecastFeed, type ForecastFeed } from './forecast-feed.js';
import { RowChecker } from './row-checker.js';

/** Options of {@link checkFile}. */
export interface CheckFileOptions {
  readonly kind?: FileKind;
  /** Header of a vendor template: decides the expected columns and their order. */
  readonly templateHeader?: readonly string[];
  readonly importDate: string;
  readonly imminentDays?: number;
  readonly maxIssues?: number;
  readonly csv?: CsvReadOptions;
  /** The bytes to read instead of `path` (e.g. a decrypting stream); `path` still names the file. */
  readonly input?: string | AsyncIterable<Uint8Array>;
  /** Called every ~64K rows with the rows read so far (for progress display). */
  readonly onProgress?: (rows: number, bytes: number) => void;
}

/** The outcome of a check, shaped like the CLI's JSON output. */
export interface CheckResult {
  readonly file: string;
  readonly kind: FileKind;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly Issue[];
  /** Issues counted but not listed because of the cap. */
  readonly truncated: number;
  readonly countsByCode: Readonly<Record<string, number>>;
  /** The rebill forecast (Transactions files only). */
  readonly forecast: ForecastResult | null;
  readonly spec: { readonly format: string; readonly version: string; readonly template: boolean };
}

/** Resolve the file spec for a header: kind detection plus template override. */
export function resolveFileSpec(
  header: readonly string[],
  options: Pick<CheckFileOptions, 'kind' | 'templateHeader'>,
): { spec: FileSpec; issues: readonly Issue[] } {
  const target = builtinSpec();
  const kind = options.kind ?? detectKind(target, options.templateHeader ?? header);
  const base = target.kinds[kind];
  if (!options.templateHeader) return { spec: base, issues: [] };
  return applyTemplate(base, options.templateHeader);
}

/** Check one file. Operational failures (unreadable, binary, encrypted) throw a ToolkitError. */
export async function checkFile(path: string, options: CheckFileOptions): Promise<CheckResult> {
  const reader = await openCsv(options.input ?? path, { ...options.csv, file: path });
  const { spec, issues: specIssues } = resolveFileSpec(reader.header, options);
  const collector = new IssueCollector(options.maxIssues ?? 100_000);
  const checker = new RowChecker(spec, reader.rawHeader, {
    importDate: options.importDate,
    imminentDays: options.imminentDays ?? 3,
    headerLine: reader.dialect.headerLine,
  });
  for (const i of specIssues) collector.add(i);
  for (const i of checker.headerIssues) collector.add(i);
  const feed = spec.kind === 'transactions' ? createForecastFeed(reader.rawHeader, options) : null;
  let rows = 0;
  try {
    for await (const batch of reader.rangeBatches()) {
      rows = checkBatch(batch, checker, collector, feed);
      options.onProgress?.(rows, reader.stats.bytes);
    }
  } catch (error) {
    checker.dispose();
    throw error;
  }
  for (const i of checker.finish()) collector.add(i);
  for (const i of reader.fileIssues) collector.add(i);
  if (rows === 0) {
    collector.add({
      code: 'FILE_NO_RECORDS',
      severity: CHECK_ISSUE_CODES.FILE_NO_RECORDS.severity,
      message: 'The file has a header but no data records.',
      row: null,
      line: null,
      column: null,
    });
  }
  return {
    file: path,
    kind: spec.kind,
    rows,
    errors: collector.errors,
    warnings: collector.warnings,
    issues: sortIssues(collector.issues),
    truncated: collector.dropped,
    countsByCode: Object.fromEntries(collector.countsByCode),
    forecast: feed?.result() ?? null,
    spec: {
      format: builtinSpec().format,
      version: builtinSpec().version,
      template: options.templateHeader !== undefined,
    },
  };
}

/** Check one range batch (fast path per record, string path when unsure); returns the last row. */
function checkBatch(
  batch: CsvRangeBatch,
  checker: RowChecker,
  collector: IssueCollector,
  feed: ForecastFeed | null,
): number {
  const { text, starts, ends, columns, records, lines } = batch;
  for (let i = 0; i < batch.count; i++) {
    const record = records[i];
    const row = batch.firstRow + i;
    let found: readonly Issue[] | null;
    if (record) {
      if (record.issues) for (const issue of record.issues) collector.add(issue);
      found = checker.check(record.fields, row, record.line);
      feed?.fields(record.fields, row);
    } else {
      feed?.range(text, starts, ends, i * columns, row);
      const line = lines[i]!;
      found = checker.checkRange(text, starts, ends, i * columns, row, line);
      found ??= checker.check(batch.fields(i), row, line);
    }
    for (let k = 0; k < found.length; k++) collector.add(found[k]!);
  }
  return batch.firstRow + batch.count - 1;
}

/** File-level issues first, then by row, then by column position of discovery. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
