/**
 * The joins part of the build report: what each join matched (and through its `else` key, e.g.
 * the customer's default card), the orphans, the staged rows no written row used, the merged
 * duplicate customers and the derived REFUND rows. Shaped like the pipeline's join report, kept
 * free of pipeline types.
 * @module
 */
import { esc, table } from './html.js';

/** The `joins` member of report.json (null for a single-source build). */
export interface JoinsReport {
  /** Where the staged sources live: `.kmigrate/staging.sqlite` (relative) or `(temporary)`. */
  readonly staging: { readonly database: string };
  readonly joins: readonly {
    label: string;
    source: string;
    required: boolean;
    matched: number;
    viaElse: number;
    orphans: number;
  }[];
  readonly unused: Readonly<Record<string, { count: number; examples: readonly string[] }>>;
  readonly merges: readonly { source: string; customer: string; mergedInto: string; by: string }[];
  readonly refunds: { rows: number; used: number; rejected: number; skipped: number } | null;
}

const SHOWN_MERGES = 200;

/** The joins section of report.html ('' without joins). */
export function joinsSection(joins: JoinsReport | null): string {
  if (joins === null) return '';
  const perJoin = table(
    ['Join', 'Required', 'Matched', 'Via else (fallback key)', 'Orphans'],
    joins.joins.map((j) => [j.label, j.required ? 'yes' : 'no', j.matched, j.viaElse, j.orphans]),
  );
  const unused = Object.entries(joins.unused);
  const unusedTable =
    unused.length === 0
      ? ''
      : `<h3>Staged rows no written row uses</h3>${table(
          ['Source', 'Rows', 'First examples'],
          unused.map(([s, u]) => [s, u.count, u.examples.join(', ')]),
        )}`;
  const merges =
    joins.merges.length === 0
      ? '<p class="muted">No duplicate customers merged.</p>'
      : `<h3>Duplicate customers merged (${joins.merges.length})</h3>${table(
          ['Source', 'Customer', 'Merged into', 'Same'],
          joins.merges.slice(0, SHOWN_MERGES).map((m) => [m.source, m.customer, m.mergedInto, m.by]),
        )}${joins.merges.length > SHOWN_MERGES ? `<p class="muted">First ${SHOWN_MERGES} shown; report.json lists all.</p>` : ''}`;
  const r = joins.refunds;
  const refunds =
    r === null
      ? ''
      : `<h3>REFUND rows derived from refunded sales</h3>${table(
          ['Derived', 'Written', 'Rejected', 'Skipped'],
          [[r.rows, r.used, r.rejected, r.skipped]],
        )}`;
  return `<h2>Joins</h2>
<p class="muted">Staging database: ${esc(joins.staging.database)}</p>
${perJoin}
${unusedTable}
${merges}
${refunds}`;
}
