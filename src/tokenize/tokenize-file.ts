/**
 * `tokenizeFile`: stream a CSV (plain or already-decrypted bytes) through the vault into OUT
 * and a rejects file, inside one vault transaction; on any failure nothing is kept (partials
 * removed, new tokens rolled back). The written files are then scanned for card numbers.
 * @module
 */
import { rm } from 'node:fs/promises';
import { IssueCollector, maskCardNumbers, ToolkitError } from '../core/index.js';
import { CsvFileWriter, type CsvRecord, type CsvSource, openCsv } from '../csv/index.js';
import { assertNoPan } from '../scan/index.js';
import type { TokenVault } from '../vault/index.js';
import { type ColumnPlan, planColumns } from './card-columns.js';
import { TOKENIZE_ISSUE_CODES } from './issue-codes.js';
import { type RejectRow, tokenizeBatch } from './tokenize-batch.js';

/** Options for {@link tokenizeFile}. */
export interface TokenizeOptions {
  readonly source: CsvSource;
  /** Name used in issues (the input path). */
  readonly file: string;
  readonly vault: TokenVault;
  readonly out: string;
  readonly rejects: string;
  /** Card-number columns by header name; more are detected by their values. */
  readonly columns?: readonly string[] | undefined;
  /** Id columns whose values may be shaped like card numbers (NMI vault ids): kept, not a leak. */
  readonly idColumns?: readonly string[] | undefined;
  readonly onProgress?: ((rows: number) => void) | undefined;
}

/** What a run did. */
export interface TokenizeResult {
  readonly rows: number;
  readonly written: number;
  readonly rejected: number;
  readonly cards: number;
  readonly cardColumns: readonly string[];
  readonly detectedColumns: readonly string[];
  readonly droppedColumns: readonly string[];
  readonly issues: IssueCollector;
}

const REJECT_PREFIX = ['source_row', 'source_line', 'column', 'code', 'masked_value'];

function rejectFields(r: RejectRow, plan: ColumnPlan): string[] {
  // kept cells hold no card number (refused before), but a shifted record's may: masked
  const rest = plan.kept.map((i) => maskCardNumbers(r.record.fields[i] ?? ''));
  return [String(r.record.row), String(r.record.line), r.column, r.code, r.masked, ...rest];
}

function planIssues(plan: ColumnPlan, header: readonly string[], file: string, issues: IssueCollector): void {
  for (const i of plan.detected)
    issues.add({
      code: 'TOKENIZE_UNCONFIGURED_PAN_COLUMN',
      severity: 'warning',
      message: `Column "${header[i]}" holds card numbers but was not in --columns: tokenized anyway.`,
      row: null,
      line: null,
      column: header[i] ?? null,
      file,
    });
  for (const i of plan.dropped)
    issues.add({
      code: 'TOKENIZE_CVC_DROPPED',
      severity: TOKENIZE_ISSUE_CODES.TOKENIZE_CVC_DROPPED.severity,
      message: `Column "${header[i]}" is a card security code: dropped.`,
      row: null,
      line: null,
      column: header[i] ?? null,
      file,
    });
}

/** Tokenize one file; see the module comment for the all-or-nothing guarantee. */
export async function tokenizeFile(options: TokenizeOptions): Promise<TokenizeResult> {
  const issues = new IssueCollector();
  const reader = await openCsv(options.source, { file: options.file });
  // a card number on the header line: the file has no header row, and its first record (a card)
  // would become the column names, in neither the output nor the rejects
  if (reader.fileIssues.some((i) => i.code === 'CSV_HEADER_CARD_NUMBER')) {
    await reader.close();
    throw new ToolkitError(
      'CSV_NO_HEADER',
      `${options.file}: the first line holds a card number, so the file has no header row. Add one (the column names) and run again.`,
      { context: { file: options.file } },
    );
  }
  const header = reader.header;
  const writers: CsvFileWriter[] = [];
  let plan: ColumnPlan | null = null;
  let rows = 0;
  let rejected = 0;
  let cards = 0;
  let published = false;
  try {
    await options.vault.atomically(async () => {
      const start = async (sample: readonly CsvRecord[]): Promise<ColumnPlan> => {
        const planned = planColumns(header, options.columns ?? [], sample, options.idColumns ?? []);
        planIssues(planned, header, options.file, issues);
        writers.push(await CsvFileWriter.open(options.out, planned.outputHeader));
        writers.push(
          await CsvFileWriter.open(options.rejects, [
            ...REJECT_PREFIX,
            ...planned.kept.map((i) => header[i] ?? ''),
          ]),
        );
        return planned;
      };
      for await (const batch of reader.batches()) {
        plan ??= await start(batch);
        const [out, rej] = writers as [CsvFileWriter, CsvFileWriter];
        const result = await tokenizeBatch(batch, plan, header, options.vault);
        for (const row of result.rows) {
          const wait = out.write(row);
          if (wait !== undefined) await wait;
        }
        for (const r of result.rejects) {
          issues.add({
            code: r.code,
            severity: 'error',
            message: r.message ?? `Card number ${r.masked} rejected.`,
            row: r.record.row,
            line: r.record.line,
            column: r.column === '' ? null : r.column,
            file: options.file,
            ...(r.message === undefined ? { received: r.masked } : {}),
          });
          const wait = rej.write(rejectFields(r, plan));
          if (wait !== undefined) await wait;
        }
        rows += batch.length;
        rejected += result.rejects.length;
        cards += result.cards;
        options.onProgress?.(rows);
      }
      plan ??= await start([]);
      // what the reader found in the file as a whole (encoding fallback, duplicate header names…)
      for (const i of reader.fileIssues) issues.add({ ...i, file: options.file });
      for (const w of writers) await w.close();
      published = true;
      const ids = plan.ids.map((i) => header[i] ?? '');
      await assertNoPan([options.out, options.rejects], { idColumns: ids });
    });
  } catch (error) {
    for (const w of writers) await w.abort();
    await reader.close();
    if (published)
      await Promise.all([rm(options.out, { force: true }), rm(options.rejects, { force: true })]);
    throw error;
  }
  const done: ColumnPlan = plan ?? planColumns(header, options.columns ?? [], [], options.idColumns ?? []);
  const name = (i: number): string => header[i] ?? '';
  return {
    rows,
    written: rows - rejected,
    rejected,
    cards,
    cardColumns: done.card.map(name),
    detectedColumns: done.detected.map(name),
    droppedColumns: done.dropped.map(name),
    issues,
  };
}
