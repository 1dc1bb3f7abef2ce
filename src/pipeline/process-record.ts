/**
 * One source record through a compiled section: transform, final validation (the RowChecker:
 * every written row passes `kmigrate check`), then the output file or rejects.csv. Clean rows
 * take a short path that allocates no issue objects: the checker reads the row as ranges of one
 * text and the output file takes the row's CSV line as is.
 * @module
 */
import type { ForecastFeed, RowChecker } from '../check/index.js';
import { type Issue, maskPan, ToolkitError, VAULT_TOKEN_PATTERN } from '../core/index.js';
import type { CsvFileWriter } from '../csv/index.js';
import type { SectionContext } from './build-section.js';
import type { RowLine } from './row-line.js';
import type { RowPlan } from './row-plan.js';
import type { SourceRecord as ReadRecord } from './source-reader.js';

/** Where a record ended up. */
export type Fate = 'used' | 'rejected' | 'skipped';

/** A source record as a section reads it (source-reader.ts), with its joins' late issues. */
export type SourceRecord = ReadRecord & {
  /** Issues that reject the record unless a skip rule skips it first (e.g. a join orphan). */
  readonly lateIssues?: readonly Issue[];
};

/** What processRecord needs besides the record; one per section. */
export interface RecordContext {
  readonly ctx: SectionContext;
  readonly plan: RowPlan;
  readonly checker: RowChecker;
  readonly writer: CsvFileWriter;
  /** The line builder of the output rows (width = the plan's columns). */
  readonly line: RowLine;
  readonly sourceName: string;
  readonly file: string;
  /** Output indexes of customerId and orderId (-1 when absent). */
  readonly customerId: number;
  readonly orderId: number;
  /** Disk writes to wait for before the next batch. */
  readonly pending: Promise<void>[];
  /** The rebill forecast, fed with every written Transactions row (null for other files). */
  readonly forecast: ForecastFeed | null;
  /** Output index of cardNumber when card numbers in clear are refused (-1: no guard). */
  readonly cardGuard: number;
  /** The customerId and orderId of the last rejects.csv line (a further product's line repeats them). */
  lastRejected?: { readonly customerId: string; readonly orderId: string };
}

/**
 * Refuse to write a card number in clear (only vault tokens may stand in cardNumber unless
 * --cleartext-cards): the build stops before the row reaches the output buffer or the disk.
 */
function guardCard(rc: RecordContext, fields: readonly string[], row: number): void {
  if (rc.cardGuard < 0) return;
  const value = fields[rc.cardGuard] ?? '';
  if (value === '' || VAULT_TOKEN_PATTERN.test(value)) return;
  throw new ToolkitError(
    'SCAN_LEAK_DETECTED',
    `${rc.file} row ${row}: cardNumber would be written as a card number in clear (${maskPan(value)}); the build stopped and wrote nothing. Tokenize the card source first (kmigrate tokenize) and build from the tokenized file, then deliver with kmigrate detokenize --encrypt-to; or pass --cleartext-cards on a PCI-scoped host.`,
    { context: { file: rc.file, row } },
  );
}

function later(rc: RecordContext, p: void | Promise<void>): void {
  if (p !== undefined) rc.pending.push(p);
}

/** Write a row given as fields and feed it to the forecast under its output row number. */
function writeRow(rc: RecordContext, fields: readonly string[], row: number): void {
  guardCard(rc, fields, row);
  later(rc, rc.writer.write(fields));
  rc.forecast?.fields(fields, rc.writer.rows);
}

function rejectRow(
  rc: RecordContext,
  record: SourceRecord,
  fate: 'rejected' | 'skipped',
  detail: { codes: string[]; columns: string[]; message: string; customerId: string; orderId: string },
): Fate {
  const base = {
    source: rc.sourceName,
    output: rc.ctx.kind,
    file: rc.file,
    row: record.row,
    line: record.line,
  };
  // a further product's line in rejects.csv says which product of its record it is
  const message =
    record.item === undefined ? detail.message : `Product ${record.item} of this record: ${detail.message}`;
  later(rc, rc.ctx.rejects.write({ ...base, outcome: fate, ...detail, message }));
  rc.lastRejected = { customerId: detail.customerId, orderId: detail.orderId };
  return fate;
}

/**
 * A further product's row whose record was not written (its first row was rejected or skipped):
 * skipped too, so that a record is never counted out while some of its products are imported.
 */
export function skipFollower(rc: RecordContext, record: SourceRecord, recordFate: Fate): Fate {
  return rejectRow(rc, record, 'skipped', {
    codes: ['ITEM_RECORD_NOT_WRITTEN'],
    columns: [],
    message: `not written, because the record's first product was ${recordFate} (see its own line).`,
    // the record's own line came just before (a record's rows are consecutive)
    customerId: rc.lastRejected?.customerId ?? '',
    orderId: rc.lastRejected?.orderId ?? '',
  });
}

/** Transform, validate and route one record; returns its fate for the accounting. */
export function processRecord(rc: RecordContext, record: SourceRecord): Fate {
  const { ctx, plan, file } = rc;
  const { collector } = ctx;
  if (record.issues?.some((i) => i.severity === 'error')) {
    for (const i of record.issues) collector.add({ ...i, file });
    return rejectRow(rc, record, 'rejected', {
      codes: record.issues.map((i) => i.code),
      columns: [],
      message: record.issues[0]?.message ?? '',
      customerId: '',
      orderId: '',
    });
  }
  const outcome = plan.transform(record.fields);
  if (outcome.skip) {
    return rejectRow(rc, record, 'skipped', {
      codes: [outcome.skip],
      columns: [],
      message: `Skipped by rule ${outcome.skip}.`,
      customerId: '',
      orderId: '',
    });
  }
  if (record.lateIssues !== undefined && record.lateIssues.length > 0) {
    for (const i of record.lateIssues) collector.add({ ...i, file });
    // a join's errors (an orphan, a refund above its sale) reject the record; its warnings do not
    const errors = record.lateIssues.filter((i) => i.severity === 'error');
    if (errors.length > 0)
      return rejectRow(rc, record, 'rejected', {
        codes: errors.map((i) => i.code),
        columns: [],
        message: errors[0]?.message ?? '',
        customerId: '',
        orderId: '',
      });
  }
  const fields = outcome.fields;
  if (ctx.kind === 'details') {
    const id = idAt(fields, rc.customerId);
    if (id !== '' && ctx.detailsSeen.has(id)) {
      return rejectRow(rc, record, 'skipped', {
        codes: ['DUPLICATE_CUSTOMER_DETAILS'],
        columns: ['customerId'],
        message: 'This customer already has an Additional Customer Details row; the first one is kept.',
        customerId: id,
        orderId: '',
      });
    }
  }
  const crossCheck = ctx.customers !== null && ctx.kind !== 'transactions';
  if (outcome.problems.length === 0 && !crossCheck) {
    return checkClean(rc, record, fields);
  }
  const issues: Issue[] = outcome.problems.map((p) => ({
    code: p.problem.code,
    severity: p.problem.severity,
    message: `${p.column}: ${p.problem.message}`,
    row: record.row,
    line: record.line,
    column: p.column,
    file,
    ...(p.problem.received === undefined ? {} : { received: p.problem.received }),
  }));
  const hasCellError = issues.some((i) => i.severity === 'error');
  const checked = hasCellError ? [] : rc.checker.check(fields, record.row, record.line);
  if (crossCheck) {
    const id = idAt(fields, rc.customerId);
    if (id !== '' && !ctx.customers?.has(id)) {
      issues.push({
        code: 'CUSTOMER_NOT_IN_TRANSACTIONS',
        severity: 'error',
        message: 'customerId does not appear in the Transactions file.',
        row: record.row,
        line: record.line,
        column: 'customerId',
        file,
      });
    }
  }
  return finishRecord(rc, record, fields, issues, checked);
}

/**
 * The common case: no cell problem, so the row goes straight to the final validation, by ranges
 * when it needs no quoting (`checkRange` returns null when it is not sure: then `check`).
 */
function checkClean(rc: RecordContext, record: SourceRecord, fields: string[]): Fate {
  const { line, ctx } = rc;
  const csvLine = line.build(fields, rc.plan.versions);
  let checked: readonly Issue[] | null = null;
  if (csvLine !== null) {
    checked = rc.checker.checkRange(
      line.text,
      line.starts,
      line.ends,
      0,
      record.row,
      record.line,
      rc.plan.versions,
    );
    if (checked !== null && checked.length === 0) {
      guardCard(rc, fields, record.row);
      later(rc, rc.writer.writeLine(csvLine));
      rc.forecast?.range(line.text, line.starts, line.ends, 0, rc.writer.rows);
      if (ctx.customers !== null) ctx.customers.add(idAt(fields, rc.customerId));
      return 'used';
    }
  }
  checked ??= rc.checker.check(fields, record.row, record.line);
  if (checked.length === 0) {
    writeRow(rc, fields, record.row);
    if (ctx.customers !== null) ctx.customers.add(idAt(fields, rc.customerId));
    return 'used';
  }
  return finishRecord(rc, record, fields, [], checked);
}

/** A further product's issue says which product of its record it is (the row is the record's). */
function ofProduct(record: SourceRecord, issue: Issue): Issue {
  return record.item === undefined
    ? issue
    : { ...issue, message: `Product ${record.item} of this record: ${issue.message}` };
}

function idAt(fields: readonly string[], index: number): string {
  return index < 0 ? '' : (fields[index] ?? '');
}

/** Collect the row's issues; write it, or reject it when one is an error. */
function finishRecord(
  rc: RecordContext,
  record: SourceRecord,
  fields: string[],
  issues: readonly Issue[],
  checked: readonly Issue[],
): Fate {
  const { ctx, file } = rc;
  const all = [...issues, ...checked.map((i) => ({ ...i, file }))];
  for (const i of all) ctx.collector.add(ofProduct(record, i));
  const errors = all.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    return rejectRow(rc, record, 'rejected', {
      codes: errors.map((i) => i.code),
      columns: errors.map((i) => i.column ?? ''),
      message: errors[0]?.message ?? '',
      customerId: idAt(fields, rc.customerId),
      orderId: idAt(fields, rc.orderId),
    });
  }
  writeRow(rc, fields, record.row);
  if (ctx.customers !== null && ctx.kind === 'transactions') ctx.customers.add(idAt(fields, rc.customerId));
  if (ctx.kind === 'details') ctx.detailsSeen.add(idAt(fields, rc.customerId));
  return 'used';
}
