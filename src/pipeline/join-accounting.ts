/**
 * The end of a joined build: each joined source's row accounting (a staged row is used when a
 * written transaction row was joined to it; every other row goes to rejects.csv as skipped with
 * JOIN_UNUSED), and the join report: matches and orphans per join, unused rows (e.g. cards no
 * customer uses), duplicate-customer merges, derived REFUND rows, what the staging reused.
 * @module
 */
import { basename, relative } from 'node:path';
import { type LoadedConfig, refColumn, refSource } from '../config/index.js';
import type { Issue, IssueCollector } from '../core/index.js';
import type { StagingDb } from '../workspace/index.js';
import type { SourceAccounting } from './build.js';
import { PIPELINE_ISSUE_CODES } from './codes.js';
import type { CompiledJoin } from './compile-joins.js';
import { NOT_RENEWING } from './derive-columns.js';
import type { DerivedRefunds } from './join-runtime.js';
import type { RejectsWriter } from './rejects-writer.js';
import { findSourceColumn } from './source-columns.js';
import type { StagedSource } from './stage-source.js';

/** What the joins did, for report.json (`joins`; `staging.reused` only on the CLI's output). */
export interface JoinReport {
  readonly staging: { readonly database: string; readonly reused: readonly string[] };
  readonly joins: readonly Omit<CompiledJoin, never>[];
  readonly unused: Record<string, { count: number; examples: string[] }>;
  readonly merges: readonly { source: string; customer: string; mergedInto: string; by: string }[];
  /** REFUND rows derived from sale rows (`derive.refunds`); null without it. */
  readonly refunds: DerivedRefunds | null;
}

/** Inputs of {@link finishJoins}. */
export interface FinishInput {
  readonly loaded: LoadedConfig;
  readonly sdb: StagingDb;
  readonly staged: ReadonlyMap<string, StagedSource>;
  readonly used: ReadonlyMap<string, Uint8Array>;
  readonly joins: readonly CompiledJoin[];
  readonly refunds: DerivedRefunds;
  readonly rejects: RejectsWriter;
  readonly accounting: Record<string, SourceAccounting>;
  /** Takes a JOIN_UNUSED_SUBSCRIBER error per unused row whose subscription rebills. */
  readonly collector: IssueCollector;
}

/**
 * Where the subscription state is read (derive.subscription: `source.Column` and the statuses that
 * rebill), or null: an unused row of that source in such a state is a subscriber who would never
 * be billed again after the cut-over.
 */
function rebillingState(loaded: LoadedConfig, staged: ReadonlyMap<string, StagedSource>): Rebilling | null {
  const sub = loaded.config.derive?.subscription;
  if (!sub) return null;
  // resolved as the subscription derivation resolves it (compile-joins.ts)
  const source = refSource(sub.status);
  const header = staged.get(source)?.header;
  const column = header ? findSourceColumn(header, refColumn(sub.status)) : -1;
  if (column < 0 || header === undefined) return null;
  const states = [...sub.active, ...(sub.trialing ?? [])].map((s) => s.toLowerCase());
  // a subscription that will not renew (auto_renew FALSE) bills nobody after the cut-over either
  const autoRenew =
    sub.autoRenew !== undefined && refSource(sub.autoRenew) === source
      ? findSourceColumn(header, refColumn(sub.autoRenew))
      : -1;
  return { source, column, autoRenew, states: new Set(states) };
}

/** Where an unused row's subscription state is read (see {@link rebillingState}). */
interface Rebilling {
  readonly source: string;
  readonly column: number;
  /** The auto-renew flag's column (-1: none): false/0/no/n/f is not recurring (derive-columns.ts). */
  readonly autoRenew: number;
  readonly states: ReadonlySet<string>;
}

/** The subscription status of a staged row that rebills, else '' (not a subscriber to lose). */
function rebillingStatus(s: StagedSource, rid: number, rebilling: Rebilling): string {
  const fields = s.fieldsOf(rid);
  const renews = (fields[rebilling.autoRenew] ?? '').trim().toLowerCase();
  if (rebilling.autoRenew >= 0 && NOT_RENEWING.has(renews)) return '';
  return fields[rebilling.column] ?? '';
}

/**
 * rejects.csv line (and, for a subscriber who would no longer be billed, an error) of an unused
 * row; `state`: its subscription status when it belongs to the subscription source. `listed`:
 * false when a notes or details file reads the source: that file accounts for each of its records
 * (written there, or in rejects.csv with its own reason), so no second line says "skipped".
 */
async function skipUnused(
  input: FinishInput,
  r: {
    readonly name: string;
    readonly file: string;
    readonly row: number;
    readonly line: number;
    readonly id: string;
  },
  state: string,
  rebilling: { readonly states: ReadonlySet<string> } | null,
  listed: boolean,
): Promise<void> {
  const status = state.trim().toLowerCase();
  const lost = status !== '' && rebilling?.states.has(status) === true;
  const code = lost ? 'JOIN_UNUSED_SUBSCRIBER' : 'JOIN_UNUSED';
  const message = lost
    ? `This ${r.name} record is a subscription in state "${status}" that no written transaction row carries: the customer would not be billed after the cut-over.`
    : `No written transaction row uses this ${r.name} record.`;
  if (lost) {
    const severity = PIPELINE_ISSUE_CODES[code].severity;
    input.collector.add({ code, severity, message, row: r.row, line: r.line, column: null, file: r.file });
  }
  if (!listed) return;
  await input.rejects.write({
    source: r.name,
    output: 'transactions',
    file: r.file,
    row: r.row,
    line: r.line,
    outcome: 'skipped',
    codes: [code],
    columns: [],
    message,
    customerId: r.id,
    orderId: '',
  });
}

/**
 * A record the CSV door found broken (bad: its issues as JSON): rejected with them, in rejects.csv
 * and among the build's issues — it was staged without keys, so nothing was joined to its cells.
 */
async function rejectBroken(
  input: FinishInput,
  r: { readonly name: string; readonly file: string; readonly row: number; readonly id: string },
  bad: string,
  line: number,
): Promise<void> {
  const issues = JSON.parse(bad) as Issue[];
  for (const i of issues) input.collector.add({ ...i, file: r.file });
  await input.rejects.write({
    source: r.name,
    output: 'transactions',
    file: r.file,
    row: r.row,
    line,
    outcome: 'rejected',
    codes: issues.map((i) => i.code),
    columns: [],
    message: issues[0]?.message ?? '',
    customerId: r.id,
    orderId: '',
  });
}

/**
 * One staged source's rows: used, rejected (a broken record), or skipped as unused (listed in
 * rejects.csv); its accounting unless a section that reads it keeps one.
 */
async function accountSource(
  input: FinishInput,
  name: string,
  s: StagedSource,
  rebilling: Rebilling | null,
): Promise<{ count: number; examples: string[] }> {
  const bits = input.used.get(name) ?? new Uint8Array(0);
  const source = input.loaded.config.sources.find((x) => x.name === name);
  const file = basename(source?.file ?? name);
  const acc: SourceAccounting = { records: s.rows, used: 0, rejected: 0, skipped: 0 };
  // a source that a section also reads has its records and file issues reported by that section
  const own = input.accounting[name] === undefined;
  if (own) for (const i of s.fileIssues) input.collector.add({ ...i, file });
  const list = { count: 0, examples: [] as string[] };
  for (const r of s.each()) {
    if (r.bad !== null) {
      acc.rejected++;
      if (own) await rejectBroken(input, { name, file, row: r.row, id: r.id }, r.bad, r.line);
      continue;
    }
    if (bits[r.rid] === 1) {
      acc.used++;
      continue;
    }
    acc.skipped++;
    list.count++;
    if (list.examples.length < 20) list.examples.push(r.id);
    const state = rebilling?.source === name ? rebillingStatus(s, r.rid, rebilling) : '';
    await skipUnused(input, { name, file, row: r.row, line: r.line, id: r.id }, state, rebilling, own);
  }
  if (own) input.accounting[name] = acc;
  return list;
}

/** Account every staged row and build the join report. */
export async function finishJoins(input: FinishInput): Promise<JoinReport> {
  const rebilling = rebillingState(input.loaded, input.staged);
  const unused: JoinReport['unused'] = {};
  const merges: { source: string; customer: string; mergedInto: string; by: string }[] = [];
  for (const [name, s] of input.staged) {
    unused[name] = await accountSource(input, name, s, rebilling);
    for (const m of s.merges) merges.push({ source: name, ...m });
  }
  return {
    staging: {
      database: input.sdb.temporary ? '(temporary)' : relative(input.loaded.baseDir, input.sdb.path),
      reused: [...input.staged.values()].filter((s) => s.reused).map((s) => s.name),
    },
    joins: input.joins.map((j) => ({ ...j })),
    unused,
    merges,
    refunds: input.loaded.config.derive?.refunds ? { ...input.refunds } : null,
  };
}
