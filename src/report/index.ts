/**
 * Reports: HTML pages (self-contained, escaped) and the build's report.json.
 * @module
 */
export { type BuildReport, type BuildReportInput, buildReport, renderBuildHtml } from './build-report.js';
export { esc, page, table } from './html.js';
export type { JoinsReport } from './render-joins.js';
export { type CheckReportData, issuesSection, renderCheckHtml } from './render-report.js';
