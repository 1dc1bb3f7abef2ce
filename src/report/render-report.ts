/**
 * HTML renderings of the check result and the build report.
 * @module
 */
import { type Issue, shownIssues } from '../core/index.js';
import { esc, page, table } from './html.js';

/** The data a check report shows. */
export interface CheckReportData {
  readonly file: string;
  readonly kind: string;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly Issue[];
  readonly truncated: number;
  readonly countsByCode: Readonly<Record<string, number>>;
  /** Further sections, already rendered as escaped HTML by their own renderers (e.g. the forecast). */
  readonly sections?: readonly string[];
}

const MAX_ROWS = 2000;

function verdict(errors: number, warnings: number): string {
  if (errors > 0)
    return `<span class="pill bad">${errors} error(s)</span> <span class="pill warn">${warnings} warning(s)</span>`;
  if (warnings > 0)
    return `<span class="pill ok">no errors</span> <span class="pill warn">${warnings} warning(s)</span>`;
  return '<span class="pill ok">no errors, no warnings</span>';
}

/** Issue tables: counts by code, then the first issues (errors first). */
export function issuesSection(
  issues: readonly Issue[],
  countsByCode: Readonly<Record<string, number>>,
  truncated: number,
): string {
  const counts = Object.entries(countsByCode).sort((a, b) => b[1] - a[1]);
  const severity = new Map(issues.map((i) => [i.code, i.severity] as const));
  const shown = shownIssues(issues, MAX_ROWS);
  const more = issues.length - shown.length + truncated;
  return `<h2>Issues by code</h2>
${
  counts.length === 0
    ? '<p class="ok">None.</p>'
    : table(
        ['Code', 'Severity', 'Count'],
        counts.map(([c, n]) => [c, severity.get(c) ?? '', n]),
      )
}
<h2>Issues</h2>
${
  shown.length === 0
    ? '<p class="ok">None.</p>'
    : table(
        ['Severity', 'Code', 'File', 'Row', 'Line', 'Column', 'Message'],
        shown.map((i) => [
          i.severity,
          i.code,
          i.file ?? '',
          i.row ?? '',
          i.line ?? '',
          i.column ?? '',
          i.message,
        ]),
      )
}
${more > 0 ? `<p class="muted">${more} more issue(s) not shown; the JSON output lists up to the cap.</p>` : ''}`;
}

/** The HTML page of `kmigrate check --report`. */
export function renderCheckHtml(data: CheckReportData): string {
  const body = `<h1>kmigrate check: ${esc(data.file)}</h1>
<p>${verdict(data.errors, data.warnings)}</p>
${table(['File', 'Kind', 'Records'], [[data.file, data.kind, data.rows]])}
${(data.sections ?? []).join('\n')}
${issuesSection(data.issues, data.countsByCode, data.truncated)}`;
  return page(`kmigrate check: ${data.file}`, body);
}
