/**
 * One source record through a compiled section: transform, final validation (the RowChecker:
 * every written row passes `kmigrate check`), then the output file or rejects.csv. Clean rows
 * take a short path that allocates no issue objects: the checker reads the row as ranges of one
 * text and the output file takes the row's CSV line as is. The rows of a record of several
 * products (one row per product) are held here until their record's fate is known
 * (record-products.ts).
 * @module
 */
import type { ForecastFeed, RowChecker } from '../check/index.js';
import { detachString, type Issue, maskPan, ToolkitError, VAULT_TOKEN_PATTERN } from '../core/index.js';
import type { CsvFileWriter } from '../csv/index.js';
import type { SectionContext } from './build-section.js';
import type { RowLine } from './row-line.js';
import type { RowPlan } from './row-plan.js';
import type { SourceRecord as ReadRecord, Regroup } from './source-reader.js';

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
  /** The source adapter's regrouping of a record written without some products (null: none). */
  readonly regroup: Regroup | null;
  /**
   * The row of a record of several products being evaluated: processRecord then holds the row's
   * issues, fields and fate here instead of writing anything (null: write as it goes).
   */
  held: HeldRow | null;
  /** True while a record of several products is processed (its rows' labels name their product). */
  several: boolean;
}

/** What rejects.csv says of a row besides its place. */
export interface RejectDetail {
  readonly codes: string[];
  readonly columns: string[];
  readonly message: string;
  readonly customerId: string;
  readonly orderId: string;
}

/** An issue of a held row; `labelled`: reported with the row's label (which product it is). */
export interface HeldIssue {
  readonly issue: Issue;
  readonly labelled: boolean;
}

/** A row of a record of several products, evaluated and held until its record's fate is known. */
export interface HeldRow {
  readonly record: SourceRecord;
  /** Its issues, reported when the row is written or rejected on its own (not when held back). */
  issues: HeldIssue[];
  /** Its fate on its own. */
  fate: Fate | null;
  /** The fields to write (a copy: the plan reuses its array), when its fate is used. */
  fields: string[] | null;
  /** Its own rejects.csv detail, when rejected or skipped on its own. */
  reject: RejectDetail | null;
  /** Rejected only by faults an earlier row of its record raised already (record-products.ts). */
  repeat: boolean;
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

/**
 * An issue of the row being processed: to the collector, or held with the row. With `of`, it
 * takes the label of that row (which product, or REFUND row, of its record it is).
 */
function report(rc: RecordContext, issue: Issue, of?: SourceRecord): void {
  if (rc.held !== null) rc.held.issues.push({ issue, labelled: of !== undefined });
  else rc.ctx.collector.add(of === undefined ? issue : ofProduct(rc, of, issue));
}

/**
 * Write a row given as fields (checked with `validate`): feed it to the cross-row rules, to the
 * forecast under its output row number, and to the customers seen.
 */
export function writeRow(rc: RecordContext, fields: readonly string[], record: SourceRecord): void {
  const { ctx } = rc;
  guardCard(rc, fields, record.row);
  rc.checker.feed(fields, record.row, record.line);
  later(rc, rc.writer.write(fields));
  rc.forecast?.fields(fields, rc.writer.rows);
  if (ctx.customers !== null && ctx.kind === 'transactions')
    remember(ctx.customers, idAt(fields, rc.customerId));
  if (ctx.kind === 'details') remember(ctx.detailsSeen, idAt(fields, rc.customerId));
}

/** Add an id to a set kept for the whole build: detached from the input's text (core/detach.ts). */
function remember(set: Set<string>, id: string): void {
  if (!set.has(id)) set.add(detachString(id));
}

/** Give a row its line in rejects.csv (or, held, keep its fate and detail); returns `fate`. */
export function rejectRow(
  rc: RecordContext,
  record: SourceRecord,
  fate: 'rejected' | 'skipped',
  detail: RejectDetail,
): Fate {
  if (rc.held !== null) {
    rc.held.fate = fate;
    rc.held.reject = detail;
    return fate;
  }
  const base = {
    source: rc.sourceName,
    output: rc.ctx.kind,
    file: rc.file,
    row: record.row,
    line: record.line,
  };
  // a further product's or a derived REFUND row's line in rejects.csv says which row it is
  const message = `${rowLabel(rc, record)}${detail.message}`;
  later(rc, rc.ctx.rejects.write({ ...base, outcome: fate, ...detail, message }));
  return fate;
}

/** Transform, validate and route one record; returns its fate for the accounting. */
export function processRecord(rc: RecordContext, record: SourceRecord): Fate {
  const { ctx, plan, file } = rc;
  if (record.issues?.some((i) => i.severity === 'error')) {
    for (const i of record.issues) report(rc, { ...i, file });
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
    plan.misses.settle(record.row);
    for (const i of record.lateIssues) report(rc, { ...i, file });
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
  const fields = mergedCustomer(rc, record, outcome.fields);
  if (fields === null) {
    plan.misses.settle(record.row);
    const id = idAt(outcome.fields, rc.customerId);
    return rejectRow(rc, record, 'skipped', {
      codes: ['CUSTOMER_ID_MERGED'],
      columns: ['customerId'],
      message: `Customer ${id} was merged into ${ctx.joins?.mergedInto(id) ?? ''} (a duplicate customer): details hold one row per customer, and a merged duplicate's row is not written under that id (it could displace the customer's own).`,
      customerId: id,
      orderId: '',
    });
  }
  if (ctx.kind === 'details') {
    const id = idAt(fields, rc.customerId);
    if (id !== '' && ctx.detailsSeen.has(id)) {
      plan.misses.settle(record.row);
      const message = 'This customer already has an Additional Customer Details row; the first one is kept.';
      // counted among the build's warnings, as listed in rejects.csv
      report(rc, {
        code: 'DUPLICATE_CUSTOMER_DETAILS',
        severity: 'warning',
        message,
        row: record.row,
        line: record.line,
        column: 'customerId',
        file,
      });
      return rejectRow(rc, record, 'skipped', {
        codes: ['DUPLICATE_CUSTOMER_DETAILS'],
        columns: ['customerId'],
        message,
        customerId: id,
        orderId: '',
      });
    }
  }
  const crossCheck = ctx.customers !== null && ctx.kind !== 'transactions';
  // a held row is not written yet: it takes the general path below, which feeds nothing
  if (outcome.problems.length === 0 && !crossCheck && rc.held === null) {
    return checkClean(rc, record, fields);
  }
  // a lookup miss is a cell problem, so only rows taking this path have misses to count
  plan.misses.settle(record.row);
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
  // checked without feeding the cross-row rules: a row feeds them when it is written
  const checked = hasCellError ? [] : rc.checker.validate(fields, record.row, record.line);
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
 * A notes or details row of a customer that derive.duplicates merged into another, whom the
 * Transactions file knows by the id it was merged into (it failed with
 * CUSTOMER_NOT_IN_TRANSACTIONS): a note takes that id (a copy: the plan's row is reused for the
 * next record); a details row is skipped, null (details hold one row per customer: the merged
 * one must not displace the customer's own row, which may come later). Warning CUSTOMER_ID_MERGED.
 */
function mergedCustomer(rc: RecordContext, record: SourceRecord, fields: string[]): string[] | null {
  const { ctx } = rc;
  if (ctx.kind === 'transactions' || ctx.customers === null || ctx.joins === null) return fields;
  const id = idAt(fields, rc.customerId);
  if (id === '' || ctx.customers.has(id)) return fields;
  const into = ctx.joins.mergedInto(id);
  if (into === undefined || !ctx.customers.has(into)) return fields;
  const note = ctx.kind === 'notes';
  report(rc, {
    code: 'CUSTOMER_ID_MERGED',
    severity: 'warning',
    message: note
      ? `customerId ${id} was merged into ${into} (a duplicate customer), as in the Transactions file: the note is written for ${into}.`
      : `customerId ${id} was merged into ${into} (a duplicate customer), as in the Transactions file: its details row is not written (one row per customer; it could displace ${into}'s own).`,
    row: record.row,
    line: record.line,
    column: 'customerId',
    file: rc.file,
  });
  if (!note) return null;
  const copy = [...fields];
  copy[rc.customerId] = into;
  return copy;
}

/**
 * The common case: no cell problem, so the row goes straight to the final validation, by ranges
 * when it needs no quoting (`checkRange` returns null when it is not sure: then `validate`).
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
      rc.forecast?.written(fields, line.text, line.starts, line.ends, 0, rc.writer.rows);
      if (ctx.customers !== null) remember(ctx.customers, idAt(fields, rc.customerId));
      return 'used';
    }
  }
  checked ??= rc.checker.validate(fields, record.row, record.line);
  if (checked.length === 0) {
    writeRow(rc, fields, record);
    return 'used';
  }
  return finishRecord(rc, record, fields, [], checked);
}

/** A further product's (or REFUND row's) issue says which row of its record it is. */
export function ofProduct(rc: RecordContext, record: SourceRecord, issue: Issue): Issue {
  const label = rowLabel(rc, record);
  return label === '' ? issue : { ...issue, message: `${label}${issue.message}` };
}

/**
 * What a row's line in rejects.csv (and its issues) say it is, when it is not the record's own
 * row: a further product, or a REFUND row derived from a sale (it shares the sale's row number) —
 * in a record of several products, from which product (1 is the record's own row).
 */
export function rowLabel(rc: RecordContext, record: SourceRecord): string {
  const { extra, item } = record;
  if (extra === 'refund')
    return item === undefined && !rc.several
      ? 'The REFUND row derived from this record: '
      : `The REFUND row derived from product ${item ?? 1} of this record: `;
  return item === undefined ? '' : `Product ${item} of this record: `;
}

export function idAt(fields: readonly string[], index: number): string {
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
  const { file } = rc;
  const all = [...issues, ...checked.map((i) => ({ ...i, file }))];
  for (const i of all) report(rc, i, record);
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
  if (rc.held !== null) {
    rc.held.fate = 'used';
    rc.held.fields = [...fields];
    return 'used';
  }
  writeRow(rc, fields, record);
  return 'used';
}
