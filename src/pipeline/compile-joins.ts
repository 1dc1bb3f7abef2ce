/**
 * Compiling the joins of a config against the transactions source's header: the virtual header
 * (the source's columns, the same prefixed with its name, each joined source's columns prefixed
 * with its name, the derived columns) and the function that joins a batch of records (one query
 * per join and batch, not one per record).
 * @module
 */

import type { LoadedConfig } from '../config/index.js';
import { refColumn, refSource } from '../config/index.js';
import { type Issue, ToolkitError } from '../core/index.js';
import type { CsvRecord } from '../csv/index.js';
import { formatCents, toCents } from '../import-model/index.js';
import { cleanKey } from './clean-key.js';
import { compileSubscription, DERIVED_COLUMNS, isPositiveAmount } from './derive-columns.js';
import { type CompiledJoin, lookupBatch, preferOf, type Step } from './join-lookup.js';
import type { JoinedRecord } from './join-runtime.js';
import { keyColumns } from './join-sources.js';
import type { OrderNumbers } from './order-numbers.js';
import { findSourceColumn } from './source-columns.js';
import type { SourceRecord } from './source-reader.js';
import type { StagedSource } from './stage-source.js';

export type { CompiledJoin };

/** Compile the joins for the transactions source's `header`. */
export function compileJoins(
  loaded: LoadedConfig,
  header: readonly string[],
  staged: ReadonlyMap<string, StagedSource>,
  orders: OrderNumbers | null,
) {
  const { config } = loaded;
  const root = config.transactions.source;
  const offsets = new Map<string, { at: number; header: readonly string[] }>([[root, { at: 0, header }]]);
  const virtual = [...header, ...header.map((h) => `${root}.${h}`)];
  const missing: string[] = [];
  /** Virtual index of a ref; an optional ref may be absent from its file (older export layouts). */
  const index = (ref: string, optional = false): number => {
    const o = offsets.get(refSource(ref));
    const i = o ? findSourceColumn(o.header, refColumn(ref)) : -1;
    if (i < 0 && !optional) missing.push(ref);
    return o && i >= 0 ? o.at + i : -1;
  };
  const steps: Step[] = [];
  for (const j of config.joins ?? []) {
    const name = refSource(j.to);
    const s = staged.get(name);
    if (!s) continue;
    const keys = keyColumns(loaded, name);
    const from = index(j.from, j.else !== undefined);
    const elseFrom = j.else ? index(j.else.from) : -1;
    offsets.set(name, { at: virtual.length, header: s.header });
    for (const h of s.header) virtual.push(`${name}.${h}`);
    const label = `${j.from} → ${j.to}${j.else ? ` (else ${j.else.from} → ${j.else.to})` : ''}`;
    steps.push({
      stats: { label, source: name, required: j.required === true, matched: 0, viaElse: 0, orphans: 0 },
      staged: s,
      from,
      slot: keys.indexOf(refColumn(j.to)),
      elseFrom,
      elseSlot: j.else ? keys.indexOf(refColumn(j.else.to)) : -1,
      pick: preferOf(j, s.header),
      warnAmbiguous: j.ambiguous === 'warn',
      warnUnmatched: j.unmatched === 'warn' && j.required !== true,
    });
  }
  const sub = config.derive?.subscription;
  // the trial end and auto-renew flag are optional columns (exports let merchants drop columns)
  const at = (ref: string | undefined, optional = false): number =>
    ref === undefined ? -1 : index(ref, optional);
  const subscription = sub
    ? compileSubscription(sub, {
        status: at(sub.status),
        periodEnd: at(sub.periodEnd),
        trialEnd: at(sub.trialEnd, true),
        autoRenew: at(sub.autoRenew, true),
      })
    : null;
  const refundRef = config.derive?.refunds?.amount;
  const refundAt = refundRef === undefined ? -1 : index(refundRef);
  // the sale's own amount: subTotal's other source beside derived.refundAmount (Stripe: Amount)
  const subTotalFrom = config.transactions.columns.subTotal?.from;
  const saleRef = Array.isArray(subTotalFrom)
    ? subTotalFrom.find((f) => f !== 'derived.refundAmount')
    : undefined;
  const saleAt = refundAt < 0 || saleRef === undefined ? -1 : virtual.indexOf(saleRef);
  const dupSource = config.derive?.duplicates?.source;
  const dupStep = steps.findIndex((s) => s.stats.source === dupSource);
  if (missing.length > 0)
    throw new ToolkitError(
      'CONFIG_INVALID',
      `Joined columns not found in their source's header: ${missing.join(', ')}.`,
    );
  const width = virtual.length;
  virtual.push(...DERIVED_COLUMNS);
  /** Join a batch of records: one query per join (and per `else` key) for the whole batch. */
  const joinBatch = (records: readonly CsvRecord[]): JoinedRecord[] => {
    const rows = records.map((r) => {
      const f: string[] = [...r.fields, ...r.fields];
      f.length = header.length * 2;
      return f;
    });
    const ids: number[][] = records.map(() => []);
    const issues: (Issue[] | undefined)[] = [];
    const late = (n: number, issue: Issue): void => {
      const list = issues[n] ?? [];
      issues[n] = list;
      list.push(issue);
    };
    const canon: string[] = [];
    // the report counts records: a further product's row (same record) is joined, not counted
    const counted = records.map((r) => (r as SourceRecord).extra === undefined);
    for (const step of steps) {
      const choices: number[] | undefined = step.warnAmbiguous ? [] : undefined;
      const picked = lookupBatch(step, rows, choices, counted);
      records.forEach((r, n) => {
        const f = rows[n] ?? [];
        const row = picked[n];
        const miss = row === undefined ? missIssue(step, r, f, issues[n], counted[n] === true) : null;
        if (miss !== null) late(n, miss);
        const among = choices?.[n] ?? 0;
        if (among > 1) late(n, ambiguousIssue(step, r, among));
        ids[n]?.push(row?.rid ?? 0);
        if (row && steps[dupStep] === step) canon[n] = row.canon;
        for (let i = 0; i < step.staged.header.length; i++) f.push(row?.fields[i] ?? '');
      });
    }
    const orderIds = orders ? orders.ordersOf(records) : null;
    return records.map((r, n) => {
      const f = rows[n] ?? [];
      const { extra, item } = r as SourceRecord;
      f.length = width;
      const [active, next] = subscription ? subscription(f) : ['', ''];
      f.push(active, next, orderIds?.[n] ?? '', canon[n] ?? '', refundAt < 0 ? '' : 'SALE', '');
      const late = issues[n];
      return {
        fields: f,
        row: r.row,
        line: r.line,
        joined: ids[n] ?? [],
        ...(extra ? { extra } : {}),
        ...(item ? { item } : {}),
        ...(r.issues ? { issues: r.issues } : {}),
        ...(late ? { lateIssues: late } : {}),
      };
    });
  };
  /**
   * The REFUND row that follows a joined sale whose refunded amount is positive, else null;
   * `rows`: the record's rows (the sale and its further products), whose amounts it may refund.
   */
  const refundOf = (joined: JoinedRecord, rows: readonly JoinedRecord[] = [joined]): JoinedRecord | null => {
    const amount = refundAt < 0 ? '' : (joined.fields[refundAt] ?? '');
    if (!isPositiveAmount(amount)) return null;
    // the sale's join warnings (JOIN_AMBIGUOUS) are reported once, with the sale
    const errors = joined.lateIssues?.filter((i) => i.severity === 'error');
    const sale = errors && errors.length > 0 ? { ...joined, lateIssues: errors } : withoutLateIssues(joined);
    const fields = [...sale.fields];
    fields[fields.length - 2] = 'REFUND';
    fields[fields.length - 1] = amount.trim();
    const charged = saleAt < 0 ? null : chargedCents(rows, saleAt);
    const refunded = plainAmount(amount);
    if (charged === null || refunded === null || refunded <= charged)
      return { ...sale, fields, extra: 'refund' };
    const sold = rows.length === 1 ? (sale.fields[saleAt] ?? '').trim() : formatCents(charged);
    const issue: Issue = {
      code: 'REFUND_EXCEEDS_SALE',
      severity: 'error',
      message: `The refunded amount (${amount.trim()}) is more than the sale's (${sold}): the export is inconsistent; the REFUND row is not written.`,
      row: sale.row,
      line: sale.line,
      column: 'subTotal',
    };
    return { ...sale, fields, extra: 'refund', lateIssues: [...(sale.lateIssues ?? []), issue] };
  };
  return { header: virtual, joins: steps.map((s) => s.stats), joinBatch, refundOf };
}

/**
 * The issue of a record its join found no row for: JOIN_ORPHAN (a required join; counted for the
 * report when `counted`), JOIN_UNMATCHED (unmatched: warn, a non-blank key, not rejected already).
 */
function missIssue(
  step: Step,
  r: CsvRecord,
  f: readonly string[],
  issues: readonly Issue[] | undefined,
  counted: boolean,
): Issue | null {
  if (step.stats.required) {
    if (counted) step.stats.orphans++;
    return orphanIssue(step, r, f[step.from] ?? '');
  }
  return step.warnUnmatched && hasKey(step, f) && !rejected(issues) ? unmatchedIssue(step, r) : null;
}

function withoutLateIssues(record: JoinedRecord): JoinedRecord {
  const { lateIssues: _dropped, ...rest } = record;
  return rest;
}

/** What the rows of a record charged together, in cents; null when an amount is not plain. */
function chargedCents(rows: readonly JoinedRecord[], at: number): number | null {
  let total = 0;
  for (const r of rows) {
    const cents = plainAmount(r.fields[at] ?? '');
    if (cents === null) return null;
    total += cents;
  }
  return total;
}

/** `12.50`, `$12.50`, `1,250.00` in cents; null for anything else (then no comparison). */
function plainAmount(raw: string): number | null {
  return toCents(
    raw
      .trim()
      .replace(/^\$/, '')
      .replace(/,(?=\d{3}(?:\D|$))/g, ''),
  );
}

function ambiguousIssue(step: Step, r: CsvRecord, among: number): Issue {
  return {
    code: 'JOIN_AMBIGUOUS',
    severity: 'warning',
    message: `${step.stats.label}: ${among} ${step.stats.source} rows have this key; the preferred one was taken and may be the wrong one.`,
    row: r.row,
    line: r.line,
    column: null,
  };
}

/** True when the record has a (non-blank) key for the join, or for its `else`. */
function hasKey(step: Step, f: readonly string[]): boolean {
  return (
    (step.from >= 0 && cleanKey(f[step.from] ?? '') !== '') ||
    (step.elseFrom >= 0 && cleanKey(f[step.elseFrom] ?? '') !== '')
  );
}

/** True when an earlier join already rejects the record (its warnings would be noise). */
function rejected(issues: readonly Issue[] | undefined): boolean {
  return issues?.some((i) => i.severity === 'error') ?? false;
}

function unmatchedIssue(step: Step, r: CsvRecord): Issue {
  return {
    code: 'JOIN_UNMATCHED',
    severity: 'warning',
    message: `${step.stats.label}: no ${step.stats.source} row has this key; the record is kept without it (is the ${step.stats.source} export complete?).`,
    row: r.row,
    line: r.line,
    column: null,
  };
}

function orphanIssue(step: Step, r: CsvRecord, key: string): Issue {
  const what = cleanKey(key) === '' ? 'the key is blank' : `no ${step.stats.source} row has this key`;
  return {
    code: 'JOIN_ORPHAN',
    severity: 'error',
    message: `${step.stats.label}: ${what}.`,
    row: r.row,
    line: r.line,
    column: null,
  };
}
