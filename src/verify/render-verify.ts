/**
 * Verify's HTML report: the verdict, per-customer pass/fail, every difference named.
 * @module
 */
import { esc, page, table } from '../report/index.js';
import type { VerifyResult } from './run-verify.js';

/** The page of `kmigrate verify`. */
export function renderVerifyHtml(r: VerifyResult): string {
  const total = r.customers.length;
  const pct = total === 0 ? 100 : Math.floor((r.passed / total) * 1000) / 10;
  const verdict =
    r.failed === 0
      ? `<span class="pill ok">${r.passed} of ${total} customer(s) verified (${pct}%)</span>`
      : `<span class="pill bad">${r.failed} of ${total} customer(s) differ</span> <span class="pill ok">${r.passed} pass</span>`;
  const diffs = r.customers.flatMap((c) =>
    c.differences.map((d) => [d.customerId, c.crmCustomerId, d.field, d.expected, d.actual]),
  );
  const live =
    r.liveTest.length === 0
      ? ''
      : `<h2>Live test (force bill, then refund)</h2>${table(
          ['Customer', 'Purchase', 'Amount', 'Rebill', 'Refund', 'Next bill date'],
          r.liveTest.map((l) => [l.customerId, l.purchaseId, l.amount, l.rebill, l.refund, l.nextBillDate]),
        )}`;
  const body = `<h1>kmigrate verify: ${esc(r.sample)}</h1>
<p>${verdict}</p>
<p class="muted">${r.requests} API request(s), ${r.retries} retr(ies), ${r.rateLimited} rate-limit answer(s), ${(r.elapsedMs / 1000).toFixed(1)} s.</p>
<h2>Differences</h2>
${diffs.length === 0 ? '<p class="ok">None.</p>' : table(['Customer', 'CRM customer', 'Field', 'Expected (file)', 'Actual (CRM)'], diffs)}
${live}
<h2>Customers</h2>
${table(
  ['Customer', 'CRM customer', 'Result', 'Differences'],
  r.customers.map((c) => [c.customerId, c.crmCustomerId, c.status.toUpperCase(), c.differences.length]),
)}`;
  return page(`kmigrate verify: ${r.sample}`, body);
}
