/**
 * The end of a joined build: each joined source's row accounting (a staged row is used when a
 * written transaction row was joined to it; every other row goes to rejects.csv as skipped with
 * JOIN_UNUSED), and the join report: matches and orphans per join, unused rows (e.g. cards no
 * customer uses), duplicate-customer merges, derived REFUND rows, what the staging reused.
 * @module
 */
import { basename, relative } from 'node:path';
import type { LoadedConfig } from '../config/index.js';
import type { IssueCollector } from '../core/index.js';
import type { StagingDb } from '../workspace/index.js';
import type { SourceAccounting } from './build.js';
import { PIPELINE_ISSUE_CODES } from './codes.js';
import type { CompiledJoin } from './compile-joins.js';
import type { DerivedRefunds } from './join-runtime.js';
import type { RejectsWriter } from './rejects-writer.js';
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
function rebillingState(
  loaded: LoadedConfig,
  staged: ReadonlyMap<string, StagedSource>,
): { source: string; column: number; states: ReadonlySet<string> } | null {
  const sub = loaded.config.derive?.subscription;
  if (!sub) return null;
  const dot = sub.status.indexOf('.');
  const source = sub.status.slice(0, dot);
  const header = staged.get(source)?.header;
  const column = header?.indexOf(sub.status.slice(dot + 1)) ?? -1;
  if (column < 0) return null;
  const states = [...sub.active, ...(sub.trialing ?? [])].map((s) => s.toLowerCase());
  return { source, column, states: new Set(states) };
}

/** Account every staged row and build the join report. */
export async function finishJoins(input: FinishInput): Promise<JoinReport> {
  const rebilling = rebillingState(input.loaded, input.staged);
  const unused: JoinReport['unused'] = {};
  const merges: { source: string; customer: string; mergedInto: string; by: string }[] = [];
  for (const [name, s] of input.staged) {
    const bits = input.used.get(name) ?? new Uint8Array(0);
    const source = input.loaded.config.sources.find((x) => x.name === name);
    const file = basename(source?.file ?? name);
    const acc: SourceAccounting = { records: s.rows, used: 0, rejected: 0, skipped: 0 };
    const list = { count: 0, examples: [] as string[] };
    for (const r of s.each()) {
      if (bits[r.rid] === 1) {
        acc.used++;
        continue;
      }
      acc.skipped++;
      list.count++;
      const key = r.id;
      if (list.examples.length < 20) list.examples.push(key);
      const state =
        rebilling?.source === name ? (s.fieldsOf(r.rid)[rebilling.column] ?? '').trim().toLowerCase() : '';
      const lost = state !== '' && rebilling?.states.has(state) === true;
      const message = lost
        ? `This ${name} record is a subscription in state "${state}" that no written transaction row carries: the customer would not be billed after the cut-over.`
        : `No written transaction row uses this ${name} record.`;
      if (lost) {
        const code = 'JOIN_UNUSED_SUBSCRIBER';
        const at = { row: r.row, line: r.line, column: null, file };
        input.collector.add({ code, severity: PIPELINE_ISSUE_CODES[code].severity, message, ...at });
      }
      await input.rejects.write({
        source: name,
        output: 'transactions',
        file,
        row: r.row,
        line: r.line,
        outcome: 'skipped',
        codes: [lost ? 'JOIN_UNUSED_SUBSCRIBER' : 'JOIN_UNUSED'],
        columns: [],
        message,
        customerId: key,
        orderId: '',
      });
    }
    if (input.accounting[name] === undefined) input.accounting[name] = acc;
    unused[name] = list;
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
