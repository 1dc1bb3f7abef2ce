/**
 * Compiling the joins of a config against the transactions source's header: the virtual header
 * (the source's columns, the same prefixed with its name, each joined source's columns prefixed
 * with its name, the derived columns) and the function that joins one record.
 * @module
 */
import type { JoinConfig, LoadedConfig } from '../config/index.js';
import { refColumn, refSource } from '../config/index.js';
import { type Issue, ToolkitError } from '../core/index.js';
import type { CsvRecord } from '../csv/index.js';
import { compileSubscription, DERIVED_COLUMNS } from './derive-columns.js';
import type { JoinedRecord } from './join-runtime.js';
import { keyColumns } from './join-sources.js';
import type { OrderNumbers } from './order-numbers.js';
import { findSourceColumn } from './source-columns.js';
import type { StagedRow, StagedSource } from './stage-source.js';

/** One compiled join, with its counters for the report. */
export interface CompiledJoin {
  readonly label: string;
  readonly source: string;
  readonly required: boolean;
  matched: number;
  viaElse: number;
  orphans: number;
}

interface Step {
  readonly stats: CompiledJoin;
  readonly staged: StagedSource;
  readonly from: number;
  readonly slot: number;
  readonly elseFrom: number;
  readonly elseSlot: number;
  readonly pick: (rows: readonly StagedRow[]) => StagedRow | undefined;
  lastKey: string;
  lastRow: StagedRow | undefined;
}

function preferOf(
  j: JoinConfig,
  header: readonly string[],
): (rows: readonly StagedRow[]) => StagedRow | undefined {
  const p = j.prefer;
  if (!p) return (rows) => rows[0];
  const col = findSourceColumn(header, p.column);
  const eq = p.equalsColumn ? findSourceColumn(header, p.equalsColumn) : -1;
  const values = new Set((p.in ?? []).map((s) => s.trim().toLowerCase()));
  const good = (r: StagedRow): boolean => {
    const v = (r.fields[col] ?? '').trim();
    if (eq >= 0) return v !== '' && v === (r.fields[eq] ?? '').trim();
    return values.has(v.toLowerCase());
  };
  return (rows) => rows.find(good) ?? rows[0];
}

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
      lastKey: '\u0000',
      lastRow: undefined,
    });
  }
  const sub = config.derive?.subscription;
  const at = (ref: string | undefined): number => (ref === undefined ? -1 : index(ref));
  const subscription = sub
    ? compileSubscription(sub, {
        status: at(sub.status),
        periodEnd: at(sub.periodEnd),
        trialEnd: at(sub.trialEnd),
        autoRenew: at(sub.autoRenew),
      })
    : null;
  const dupSource = config.derive?.duplicates?.source;
  const dupStep = steps.findIndex((s) => s.stats.source === dupSource);
  if (missing.length > 0)
    throw new ToolkitError(
      'CONFIG_INVALID',
      `Joined columns not found in their source's header: ${missing.join(', ')}.`,
    );
  const width = virtual.length;
  virtual.push(...DERIVED_COLUMNS);
  const join = (r: CsvRecord): JoinedRecord => {
    const f: string[] = [...r.fields, ...r.fields];
    f.length = header.length * 2;
    const ids: number[] = [];
    let issues: Issue[] | undefined;
    let canon = '';
    for (const step of steps) {
      const row = lookup(step, f);
      if (row === undefined && step.stats.required) {
        step.stats.orphans++;
        issues ??= [];
        issues.push(orphanIssue(step, r, f[step.from] ?? ''));
      }
      ids.push(row?.rid ?? 0);
      if (row && steps[dupStep] === step) canon = row.canon;
      for (let i = 0; i < step.staged.header.length; i++) f.push(row?.fields[i] ?? '');
    }
    f.length = width;
    const [active, next] = subscription ? subscription(f) : ['', ''];
    const order = orders ? orders.orderOf(r.fields) : { orderId: '', saleMissing: false };
    f.push(active, next, order.orderId, canon);
    const out: JoinedRecord = {
      fields: f,
      row: r.row,
      line: r.line,
      joined: ids,
      ...(r.issues ? { issues: r.issues } : {}),
      ...(issues ? { lateIssues: issues } : {}),
    };
    return out;
  };
  return { header: virtual, joins: steps.map((s) => s.stats), join };
}

function lookup(step: Step, f: readonly string[]): StagedRow | undefined {
  const key = (f[step.from] ?? '').trim();
  if (key === step.lastKey) {
    if (step.lastRow) step.stats.matched++;
    return step.lastRow;
  }
  let row = step.pick(step.staged.find(step.slot, key));
  if (row === undefined && step.elseFrom >= 0) {
    row = step.pick(step.staged.find(step.elseSlot, f[step.elseFrom] ?? ''));
    if (row) step.stats.viaElse++;
    // an else-match depends on a second key: do not cache it under the first
    step.lastKey = '\u0000';
    step.lastRow = undefined;
    if (row) step.stats.matched++;
    return row;
  }
  step.lastKey = key;
  step.lastRow = row;
  if (row) step.stats.matched++;
  return row;
}

function orphanIssue(step: Step, r: CsvRecord, key: string): Issue {
  const what = key.trim() === '' ? 'the key is blank' : `no ${step.stats.source} row has this key`;
  return {
    code: 'JOIN_ORPHAN',
    severity: 'error',
    message: `${step.stats.label}: ${what}.`,
    row: r.row,
    line: r.line,
    column: null,
  };
}
