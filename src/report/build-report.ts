/**
 * report.json and report.html of `kmigrate build`. report.json is deterministic: the same inputs
 * and config give the same bytes (no clock readings, no absolute paths).
 * @module
 */
import type { Issue } from '../core/index.js';
import { esc, page, table } from './html.js';
import { type JoinsReport, joinsSection } from './render-joins.js';
import { issuesSection } from './render-report.js';

/** Inputs of the report (a subset of the build result, kept free of pipeline types). */
export interface BuildReportInput {
  readonly importDate: string;
  readonly accounting: Readonly<
    Record<string, { records: number; used: number; rejected: number; skipped: number }>
  >;
  readonly outputs: Readonly<Record<string, { file: string; rows: number; sha256: string }>>;
  readonly issues: readonly Issue[];
  readonly truncatedIssues: number;
  readonly countsByCode: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly warnings: number;
  readonly lookupTodo: Readonly<Record<string, readonly { value: string; rows: number }[]>>;
  readonly inference: Readonly<Record<string, Readonly<Record<string, object>>>>;
  readonly spec: { format: string; version: string; template: string | null };
  /** What the joins did (multi-source builds); null or absent for a single source. */
  readonly joins?: JoinsReport | null;
  /** Rows of the further products of records holding several (WooCommerce); null or absent: none. */
  readonly items?: ExtraRows | null;
}

/** Rows written beside their source record (not records of their own), by fate. */
export interface ExtraRows {
  readonly rows: number;
  readonly used: number;
  readonly rejected: number;
  readonly skipped: number;
}

/** The report.json document. */
export interface BuildReport {
  readonly tool: { name: 'kmigrate'; version: string };
  readonly config: { sha256: string };
  readonly spec: BuildReportInput['spec'];
  readonly importDate: string;
  readonly summary: {
    errors: number;
    warnings: number;
    rejected: number;
    skipped: number;
    used: number;
    records: number;
  };
  readonly accounting: BuildReportInput['accounting'];
  readonly outputs: Readonly<Record<string, { file: string; rows: number; sha256: string }>>;
  readonly countsByCode: BuildReportInput['countsByCode'];
  /**
   * The merchant's to-do: per lookup table, each value that has no entry, with `rows` the number
   * of source records it is missing in (per output file, summed): a record counts once however
   * many rows it gives (its products, a REFUND row derived from it) and however many columns read
   * the table (campaignId and productId from `plans`).
   */
  readonly lookupTodo: BuildReportInput['lookupTodo'];
  readonly inference: BuildReportInput['inference'];
  /** Joins, orphans, unused staged rows, merged duplicates, derived refunds; null without joins. */
  readonly joins: JoinsReport | null;
  /**
   * Rows of the further products of records that hold several (one row per product): counted
   * here, beside their record's own accounting line; null when there are none. The row that
   * counts as the record is its first product's — or, when a rule skips the first product and
   * the others are written, the first written product's (the skipped one is then counted here).
   */
  readonly items: ExtraRows | null;
  readonly issues: readonly Issue[];
  readonly truncatedIssues: number;
  /** The rebill forecast of the Transactions output (shape: forecast module's ForecastResult). */
  readonly forecast: object | null;
}

/** Assemble report.json. `outputs` gets rejects.csv added by the caller. */
export function buildReport(
  input: BuildReportInput,
  meta: { version: string; configSha256: string },
  forecast: object | null = null,
): BuildReport {
  const totals = { records: 0, used: 0, rejected: 0, skipped: 0 };
  for (const a of Object.values(input.accounting)) {
    totals.records += a.records;
    totals.used += a.used;
    totals.rejected += a.rejected;
    totals.skipped += a.skipped;
  }
  return {
    tool: { name: 'kmigrate', version: meta.version },
    config: { sha256: meta.configSha256 },
    spec: input.spec,
    importDate: input.importDate,
    summary: { errors: input.errors, warnings: input.warnings, ...totals },
    accounting: input.accounting,
    outputs: input.outputs,
    countsByCode: input.countsByCode,
    lookupTodo: input.lookupTodo,
    inference: input.inference,
    joins: input.joins ? reportedJoins(input.joins) : null,
    items: input.items ?? null,
    issues: input.issues,
    truncatedIssues: input.truncatedIssues,
    forecast,
  };
}

/** The joins as report.json keeps them: only what the inputs and config decide (not what was reused). */
function reportedJoins(j: JoinsReport): JoinsReport {
  return {
    staging: { database: j.staging.database },
    joins: j.joins.map((x) => ({ ...x })),
    unused: j.unused,
    merges: j.merges,
    refunds: j.refunds,
  };
}

function accountingTable(report: BuildReport): string {
  const rows = Object.entries(report.accounting).map(([s, a]) => [
    s,
    a.records,
    a.used,
    a.rejected,
    a.skipped,
    a.records === a.used + a.rejected + a.skipped ? 'holds' : 'BROKEN',
  ]);
  const i = report.items;
  const items =
    i === null
      ? ''
      : `<p>Besides its records, the Transactions source gave ${i.rows} row(s) of further products (records holding several): ${i.used} written, ${i.rejected} rejected, ${i.skipped} skipped (each listed in rejects.csv under its record's row).</p>`;
  return `${table(['Source', 'Records', 'Used', 'Rejected', 'Skipped', 'Accounting'], rows)}${items}`;
}

function todoSection(report: BuildReport): string {
  const entries = Object.entries(report.lookupTodo).filter(([, v]) => v.length > 0);
  if (entries.length === 0) return '';
  return `<h2>To do: values with no assignment</h2>
<p>Add these to the lookup tables in <code>migration.yaml</code> (for example plan → campaignId/productId, gateway → merchantId).</p>
${entries
  .map(
    ([t, vs]) =>
      `<h3>${esc(t)}</h3>${table(
        ['Source value', 'Source records'],
        vs.map((v) => [v.value, v.rows]),
      )}`,
  )
  .join('\n')}`;
}

function inferenceSection(report: BuildReport): string {
  const rows: unknown[][] = [];
  for (const [section, cols] of Object.entries(report.inference)) {
    for (const [col, inf] of Object.entries(cols)) {
      const i = inf as { dateFormat?: string | null; dateEvidence?: string; decimal?: string | null };
      rows.push([
        section,
        col,
        i.dateFormat ?? (i.decimal ? `decimal '${i.decimal}'` : 'undecided'),
        i.dateEvidence ?? '',
      ]);
    }
  }
  return rows.length === 0
    ? ''
    : `<h2>Formats inferred from the data</h2>${table(['File', 'Column', 'Format', 'Evidence'], rows)}`;
}

/** report.html. */
export function renderBuildHtml(report: BuildReport, sections: readonly string[] = []): string {
  const s = report.summary;
  const status =
    s.errors > 0
      ? `<span class="pill bad">${s.rejected} record(s) rejected</span>`
      : '<span class="pill ok">every record used or skipped by rule</span>';
  const outputs = table(
    ['Output', 'File', 'Rows', 'SHA-256'],
    Object.entries(report.outputs).map(([k, o]) => [k, o.file, o.rows, o.sha256]),
  );
  const body = `<h1>kmigrate build report</h1>
<p>${status} <span class="pill warn">${s.warnings} warning(s)</span></p>
<p class="muted">Import date ${esc(report.importDate)} · spec ${esc(report.spec.format)} v${esc(report.spec.version)}${report.spec.template ? ` · template ${esc(report.spec.template)}` : ''} · kmigrate ${esc(report.tool.version)} · config sha256 ${esc(report.config.sha256.slice(0, 16))}…</p>
<h2>Row accounting</h2>
${accountingTable(report)}
<h2>Outputs</h2>
${outputs}
${todoSection(report)}
${inferenceSection(report)}
${joinsSection(report.joins)}
${sections.join('\n')}
${issuesSection(report.issues, report.countsByCode, report.truncatedIssues)}`;
  return page('kmigrate build report', body);
}
