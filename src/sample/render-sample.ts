/**
 * The sample's HTML report: split counts, what each stratum holds, and the rebill forecast.
 * @module
 */
import { renderForecastSection } from '../forecast/index.js';
import { esc, page, table } from '../report/index.js';
import type { SampleReport } from './run-sample.js';

/** The page of `kmigrate sample`. */
export function renderSampleHtml(report: SampleReport): string {
  const uncovered = report.strata.filter((s) => s.sampled === 0).length;
  const body = `<h1>kmigrate sample: ${esc(report.file)}</h1>
<p>${
    uncovered === 0
      ? '<span class="pill ok">every stratum is represented</span>'
      : `<span class="pill warn">${uncovered} stratum/strata not represented: raise --size</span>`
  }</p>
${table(
  ['', 'Customers', 'Rows'],
  [
    ['Input', report.customers, report.rows],
    ['Sample', report.sample.customers, report.sample.rows],
    ['Remainder', report.remainder.customers, report.remainder.rows],
  ],
)}
<p class="muted">Seed ${esc(report.seed)} · requested size ${report.size} customer(s). Customers are never split between the files.</p>
${report.fileNotes.map((n) => `<p class="muted">${esc(n.code)}: ${esc(n.message)}</p>`).join('\n')}
<h2>Strata</h2>
${table(
  ['Kind', 'Stratum', 'Customers in file', 'Customers in sample'],
  report.strata.map((s) => [s.kind, s.description, s.customers, s.sampled]),
)}
${renderForecastSection(report.forecast)}`;
  return page(`kmigrate sample: ${report.file}`, body);
}
