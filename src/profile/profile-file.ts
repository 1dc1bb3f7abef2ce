/**
 * `profileFile`: stream one CSV file through the column profilers (the I/O shell).
 * @module
 */
import { basename } from 'node:path';
import type { Issue } from '../core/index.js';
import type { CsvReadOptions } from '../csv/index.js';
import { openCsv } from '../csv/index.js';
import { ColumnProfiler } from './column-profiler.js';
import type { SourceGuess } from './detect-source.js';
import { detectSource } from './detect-source.js';
import { DEFAULT_EXACT_CAP } from './distinct-counter.js';
import type { DuplicateReport } from './duplicate-finder.js';
import { DuplicateFinder } from './duplicate-finder.js';
import { shownColumnName } from './mask-example.js';
import type { ColumnProfile } from './summarize-column.js';
import { summarizeColumn } from './summarize-column.js';

/** `kmigrate profile --format json`: one entry per file. */
export interface FileProfile {
  readonly file: string;
  readonly encoding: string;
  readonly bom: boolean;
  readonly delimiter: string;
  readonly headerLine: number;
  readonly lineEnding: string;
  readonly records: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly source: SourceGuess | null;
  readonly columns: readonly ColumnProfile[];
  readonly duplicates: readonly DuplicateReport[];
  /** File-level reading issues (codes and messages; never cell values). */
  readonly issues: readonly Pick<Issue, 'code' | 'severity' | 'message'>[];
}

/** Options for {@link profileFile}. */
export interface ProfileOptions {
  readonly csv?: Omit<CsvReadOptions, 'file'>;
  /** Distinct values counted exactly up to this many per column (default: {@link exactCapFor}). */
  readonly exactCap?: number;
  readonly onProgress?: (records: number, bytes: number) => void;
  /** The bytes to read instead of `path` (e.g. a decrypting stream); `path` still names the file. */
  readonly input?: string | AsyncIterable<Uint8Array>;
}

/** Distinct values counted exactly across all columns of a file, at most. */
export const EXACT_BUDGET = 250_000;

/**
 * The exact-count cap per column: {@link DEFAULT_EXACT_CAP}, lowered for a file so wide that its
 * columns together would keep more than {@link EXACT_BUDGET} values (6,500 columns kept 32 million
 * and ran out of memory); a column past its cap is estimated, so memory stays bounded.
 */
export function exactCapFor(columns: number): number {
  return Math.max(16, Math.min(DEFAULT_EXACT_CAP, Math.floor(EXACT_BUDGET / Math.max(1, columns))));
}

/**
 * The records the reader delivered with a problem (a quote never closed, cells shifted by a
 * delimiter in an unquoted cell, bytes that are not UTF-8), counted by code: the profile says so
 * once per code, with the first record's message and line (messages never hold cell values).
 */
class RecordIssueTally {
  readonly #byCode = new Map<string, { issue: Issue; line: number; count: number }>();

  note(issue: Issue, line: number): void {
    const seen = this.#byCode.get(issue.code);
    if (seen === undefined) this.#byCode.set(issue.code, { issue, line, count: 1 });
    else seen.count++;
  }

  summary(): Pick<Issue, 'code' | 'severity' | 'message'>[] {
    return [...this.#byCode.values()].map(({ issue, line, count }) => ({
      code: issue.code,
      severity: issue.severity,
      message: `${count} record(s); the first, on line ${line}: ${issue.message}`,
    }));
  }
}

/** Profile one file in a single streaming pass. */
export async function profileFile(path: string, options: ProfileOptions = {}): Promise<FileProfile> {
  const start = performance.now();
  const file = basename(path);
  const reader = await openCsv(options.input ?? path, { ...options.csv, file });
  const cap = options.exactCap ?? exactCapFor(reader.header.length);
  // what the profile prints: a headerless file's first record is not shown as column names
  const names = reader.header.map(shownColumnName);
  const columns = names.map((name, i) => new ColumnProfiler(name, i, cap));
  const duplicates = new DuplicateFinder(names);
  const width = columns.length;
  let records = 0;
  const recordIssues = new RecordIssueTally();
  for await (const batch of reader.rangeBatches()) {
    const { text, starts, ends } = batch;
    for (let i = 0; i < batch.count; i++) {
      const record = batch.records[i];
      if (record != null) {
        if (record.issues !== undefined)
          for (const issue of record.issues) recordIssues.note(issue, record.line);
        const fields = record.fields;
        for (let j = 0; j < width; j++) (columns[j] as ColumnProfiler).add(fields[j] ?? '');
        duplicates.add(fields, record.row);
        continue;
      }
      const base = i * width;
      for (let j = 0; j < width; j++)
        (columns[j] as ColumnProfiler).addSpan(text, starts[base + j] as number, ends[base + j] as number);
      duplicates.addSpans(text, starts, ends, base, batch.firstRow + i);
    }
    records += batch.count;
    options.onProgress?.(records, reader.stats.bytes);
  }
  const d = reader.dialect;
  const usAddresses = columns.some((c) => c.usStateColumn);
  return {
    file,
    encoding: d.encoding,
    bom: d.bom,
    delimiter: d.delimiter,
    headerLine: d.headerLine,
    lineEnding: d.lineEnding,
    records,
    bytes: reader.stats.bytes,
    seconds: Math.round((performance.now() - start) / 10) / 100,
    source: detectSource(reader.header),
    columns: columns.map((c) => summarizeColumn(c, records, usAddresses)),
    duplicates: duplicates.report(),
    // a code the reader already reports for the file (CSV_INVALID_UTF8) is not said twice
    issues: [
      ...reader.fileIssues.map((i) => ({ code: i.code, severity: i.severity, message: i.message })),
      ...recordIssues.summary().filter((i) => !reader.fileIssues.some((f) => f.code === i.code)),
    ],
  };
}
