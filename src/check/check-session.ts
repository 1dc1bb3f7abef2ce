/**
 * One check in progress: spec, row checker, issue collector and forecast feed, fed batch by batch
 * and turned into a {@link CheckResult}. The same code runs in-process and in the check worker,
 * so both paths report identical findings.
 * @module
 */
import { type Issue, IssueCollector } from '../core/index.js';
import type { CsvDialect, CsvRangeBatch } from '../csv/index.js';
import type { ForecastResult } from '../forecast/index.js';
import { applyTemplate, builtinSpec, detectKind, type FileKind, type FileSpec } from '../schema/index.js';
import { CHECK_ISSUE_CODES } from './codes.js';
import type { PartitionHelper } from './cross-row-index.js';
import { layoutIssues } from './file-layout.js';
import { createForecastFeed, type ForecastFeed, type ForecastMode } from './forecast-feed.js';
import { RowChecker, rowScreenFor } from './row-checker.js';
import type { RowScreen } from './row-screen.js';

/** What a check needs besides the rows (plain data: it is also sent to the worker). */
export interface CheckSetup {
  readonly file: string;
  /** The header as read (trimmed names) and as written (for column binding). */
  readonly header: readonly string[];
  readonly rawHeader: readonly string[];
  readonly headerLine: number;
  /** How the file was read: its layout is checked too (file-layout.ts). */
  readonly dialect?: CsvDialect;
  readonly kind?: FileKind;
  readonly templateHeader?: readonly string[];
  readonly importDate: string;
  readonly imminentDays?: number;
  readonly maxIssues?: number;
  /**
   * The rebill forecast is computed by whoever reads the rows (the read worker of a two-thread
   * check, see {@link forecastFeedFor}) and handed to {@link CheckSession.finish}.
   */
  readonly forecastElsewhere?: boolean;
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

/**
 * The part of a range batch the check reads; `clean[i]` === 1 when a row screen already found
 * range record i clean (then only its cross-row side is left to do).
 */
export type CheckBatch = Pick<
  CsvRangeBatch,
  'text' | 'starts' | 'ends' | 'columns' | 'records' | 'lines' | 'count' | 'firstRow' | 'fields'
> & { readonly clean?: Uint8Array | null };

/** Rows between two progress reports of a check (either path). */
const PROGRESS_ROWS = 65_536;

/** `report`, called only when another ~64K rows have been read since it was last called. */
export function everyFewRows(
  report: (rows: number, bytes: number) => void,
): (rows: number, bytes: number) => void {
  let reported = 0;
  return (rows, bytes) => {
    if (rows < reported + PROGRESS_ROWS) return;
    reported = rows;
    report(rows, bytes);
  };
}

/** Resolve the file spec for a header: kind detection plus template override. */
export function resolveFileSpec(
  header: readonly string[],
  options: { readonly kind?: FileKind; readonly templateHeader?: readonly string[] },
): { spec: FileSpec; issues: readonly Issue[] } {
  const target = builtinSpec();
  const kind = options.kind ?? detectKind(target, options.templateHeader ?? header);
  const base = target.kinds[kind];
  if (!options.templateHeader) return { spec: base, issues: [] };
  return applyTemplate(base, options.templateHeader);
}

/** The row screen a check with this setup uses (for screening on another thread). */
export function screenFor(setup: CheckSetup): RowScreen {
  const { spec } = resolveFileSpec(setup.header, setup);
  return rowScreenFor(spec, setup.rawHeader, {
    importDate: setup.importDate,
    imminentDays: setup.imminentDays ?? 3,
    headerLine: setup.headerLine,
  });
}

/** The forecast feed of a check with this setup (null when the file is not a Transactions file). */
export function forecastFeedFor(setup: CheckSetup, mode: ForecastMode = 'exact'): ForecastFeed | null {
  const { spec } = resolveFileSpec(setup.header, setup);
  return spec.kind === 'transactions' ? createForecastFeed(setup.rawHeader, setup, mode) : null;
}

/** Feed one batch's rows to a forecast. */
export function feedForecast(feed: ForecastFeed, batch: CheckBatch): void {
  const { text, starts, ends, columns, records } = batch;
  for (let i = 0; i < batch.count; i++) {
    const record = records[i];
    if (record) feed.fields(record.fields, batch.firstRow + i);
    else feed.range(text, starts, ends, i * columns, batch.firstRow + i);
  }
}

/** A check being fed batches in row order. */
export class CheckSession {
  readonly #setup: CheckSetup;
  readonly #spec: FileSpec;
  readonly #collector: IssueCollector;
  readonly #checker: RowChecker;
  readonly #feed: ForecastFeed | null;

  constructor(setup: CheckSetup) {
    this.#setup = setup;
    const { spec, issues: specIssues } = resolveFileSpec(setup.header, setup);
    this.#spec = spec;
    this.#collector = new IssueCollector(setup.maxIssues ?? 100_000);
    this.#checker = new RowChecker(spec, setup.rawHeader, {
      importDate: setup.importDate,
      imminentDays: setup.imminentDays ?? 3,
      headerLine: setup.headerLine,
    });
    if (setup.dialect !== undefined)
      for (const i of layoutIssues(setup.dialect, setup.file)) this.#collector.add(i);
    for (const i of specIssues) this.#collector.add(i);
    for (const i of this.#checker.headerIssues) this.#collector.add(i);
    this.#feed =
      spec.kind === 'transactions' && !setup.forecastElsewhere
        ? createForecastFeed(setup.rawHeader, setup)
        : null;
  }

  /** Check one batch (fast path per record, string path when unsure); returns its last row. */
  batch(batch: CheckBatch): number {
    const { text, starts, ends, columns, records, lines } = batch;
    const clean = batch.clean ?? null;
    const checker = this.#checker;
    const collector = this.#collector;
    const feed = this.#feed;
    if (feed !== null) feedForecast(feed, batch);
    for (let i = 0; i < batch.count; i++) {
      const record = records[i];
      const row = batch.firstRow + i;
      let found: readonly Issue[] | null;
      if (record) {
        if (record.issues) for (const issue of record.issues) collector.add(issue);
        found = checker.check(record.fields, row, record.line);
      } else {
        const line = lines[i]!;
        if (clean === null) found = checker.checkRange(text, starts, ends, i * columns, row, line);
        else if (clean[i] === 1) found = checker.acceptRange(text, starts, ends, i * columns, row, line);
        else found = null;
        found ??= checker.check(batch.fields(i), row, line);
      }
      for (let k = 0; k < found.length; k++) collector.add(found[k]!);
    }
    return batch.firstRow + batch.count - 1;
  }

  /**
   * Finish after the last batch: cross-row findings, the reader's file issues, the result.
   * `forecast`: the forecast computed where the rows were read (with `forecastElsewhere`);
   * `findings`: the cross-row findings from {@link crossRowFindings}, when taken that way.
   */
  finish(
    rows: number,
    fileIssues: readonly Issue[],
    forecast: ForecastResult | null = null,
    findings?: Int32Array,
  ): CheckResult {
    const collector = this.#collector;
    for (const i of this.#checker.finish(findings)) collector.add(i);
    for (const i of fileIssues) collector.add(i);
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
      file: this.#setup.file,
      kind: this.#spec.kind,
      rows,
      errors: collector.errors,
      warnings: collector.warnings,
      issues: sortIssues(collector.issues),
      truncated: collector.dropped,
      countsByCode: Object.fromEntries(collector.countsByCode),
      forecast: this.#feed?.result() ?? forecast,
      spec: {
        format: builtinSpec().format,
        version: builtinSpec().version,
        template: this.#setup.templateHeader !== undefined,
      },
    };
  }

  /** The cross-row findings with `helper` scanning half of the temp files (see RowChecker). */
  crossRowFindings(helper: PartitionHelper): Promise<Int32Array> {
    return this.#checker.crossRowFindings(helper);
  }

  /** Release temp files without evaluating (on abort). */
  dispose(): void {
    this.#checker.dispose();
    this.#feed?.dispose();
  }
}

/** File-level issues first, then by row, then by column position of discovery. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
