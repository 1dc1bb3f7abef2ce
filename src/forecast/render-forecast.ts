/**
 * The forecast as an HTML section (an inline SVG chart and tables; no scripts).
 * @module
 */
import { esc, table } from '../report/index.js';
import type { ForecastResult, ForecastRisk } from './forecast-types.js';

const MAX_BARS = 366;

function chart(result: ForecastResult): string {
  const days = result.byDay.filter((d) => d.date !== '(none)').slice(0, MAX_BARS);
  if (days.length === 0) return '<p class="muted">No active subscriptions with a next bill date.</p>';
  const max = Math.max(...days.map((d) => d.count), result.spikeThreshold);
  const width = 1000;
  const height = 160;
  const bar = width / days.length;
  const y = (n: number): number => height - (n / max) * height;
  const bars = days
    .map((d, i) => {
      const cls =
        d.count > result.spikeThreshold ? '#cf222e' : d.date < result.importDate ? '#9a6700' : '#0969da';
      return `<rect x="${(i * bar).toFixed(2)}" y="${y(d.count).toFixed(2)}" width="${Math.max(bar - 1, 0.5).toFixed(2)}" height="${(height - y(d.count)).toFixed(2)}" fill="${cls}"><title>${esc(d.date)}: ${d.count} rebill(s), ${esc(d.amount)}</title></rect>`;
    })
    .join('');
  const line = `<line x1="0" x2="${width}" y1="${y(result.spikeThreshold).toFixed(2)}" y2="${y(result.spikeThreshold).toFixed(2)}" stroke="#cf222e" stroke-dasharray="4 3"/>`;
  const first = days[0]?.date ?? '';
  const last = days[days.length - 1]?.date ?? '';
  return `<svg role="img" aria-label="Active subscriptions by next bill date" viewBox="0 0 ${width} ${height + 20}" width="100%" height="${height + 20}">${bars}${line}<text x="0" y="${height + 15}" font-size="11">${esc(first)}</text><text x="${width}" y="${height + 15}" font-size="11" text-anchor="end">${esc(last)}</text></svg>
<p class="muted">Bars: rebills per next bill date (red: above the spike threshold of ${result.spikeThreshold}/day; amber: before the import date). Dashed line: the threshold.</p>`;
}

function riskTable(title: string, risk: ForecastRisk): string {
  if (risk.count === 0) return `<h3>${esc(title)}</h3><p class="ok">None.</p>`;
  const rows = risk.examples.map((e) => [
    e.customerId,
    e.productId,
    e.merchantId,
    e.nextBillDate,
    e.detail ?? '',
  ]);
  const more = risk.count - risk.examples.length;
  return `<h3>${esc(title)}: <span class="bad">${risk.count}</span></h3>
${table(['Customer', 'Product', 'MID', 'Next bill date', 'Detail'], rows)}${more > 0 ? `<p class="muted">${more} more not shown.</p>` : ''}`;
}

/** The forecast in one line of a command's text output. */
export function forecastSummaryLine(f: ForecastResult): string {
  return `  forecast: ${f.activeSubscriptions} active subscription(s) will rebill ${f.expectedAmount} in total; ${f.risks.pastDue.count} past due, ${f.risks.imminent.count} within ${f.imminentDays} days, ${f.risks.expiringCards.count} card(s) expiring first, ${f.risks.spikes.length} spike day(s)\n`;
}

/** The "Rebill forecast" section of a report (escaped HTML). */
export function renderForecastSection(result: ForecastResult): string {
  const r = result.risks;
  const spikes =
    r.spikes.length === 0
      ? '<p class="ok">None.</p>'
      : table(
          ['Date', 'Rebills', 'Amount'],
          r.spikes.map((d) => [d.date, d.count, d.amount]),
        );
  return `<h2>Rebill forecast</h2>
<p>${result.activeSubscriptions.toLocaleString('en-US')} active subscription(s), expected rebill amount ${esc(result.expectedAmount)}. Import date ${esc(result.importDate)}; imminent window ${result.imminentDays} day(s).</p>
${chart(result)}
<h3>Per MID</h3>
${table(
  ['MID', 'Rebills', 'Amount', 'In assignment table'],
  result.byMerchant.map((m) => [m.merchantId, m.count, m.amount, m.known ? 'yes' : 'NO']),
)}
<h3>Per day</h3>
${table(
  ['Next bill date', 'Rebills', 'Amount'],
  result.byDay.slice(0, MAX_BARS).map((d) => [d.date, d.count, d.amount]),
)}
<h2>Cut-over risks</h2>
${riskTable('Next bill date missing or before the import date (rebills at once)', r.pastDue)}
${riskTable(`Next bill date within ${result.imminentDays} day(s) of the import`, r.imminent)}
${riskTable('Card expires before the next bill', r.expiringCards)}
${riskTable('MID not in the assignment table', r.unknownMerchants)}
<h3>Volume spikes (gateway velocity limits): ${r.spikes.length}</h3>
${spikes}`;
}
