/**
 * `--live-test N`: Force Bill a few sampled customers' purchases, then refund each new sale in
 * full, proving rebills and refunds reach the gateway. The plan is printed before any charge.
 * @module
 */
import {
  apiFields,
  type CrmPurchase,
  type CrmTransaction,
  type KonnektiveClient,
} from '../api-client/index.js';
import { isToolkitError } from '../core/index.js';
import { formatCents, toCents } from '../import-model/index.js';
import type { LiveTestResult } from './verify-types.js';

/** One planned charge. */
export interface LiveTestCharge {
  readonly customerId: string;
  readonly crmCustomerId: string;
  readonly purchase: CrmPurchase;
  readonly amount: string;
}

/** The charges of a live test: the first `n` customers with a rebilling purchase. */
export function planLiveTest(
  candidates: readonly { customerId: string; crmCustomerId: string; purchases: readonly CrmPurchase[] }[],
  n: number,
): LiveTestCharge[] {
  const out: LiveTestCharge[] = [];
  for (const c of candidates) {
    if (out.length >= n) break;
    const p = c.purchases.find((x) => apiFields.REBILLING_STATUSES.includes(x.status));
    if (!p) continue;
    const cents = (toCents(p.price) ?? 0) + (toCents(p.shippingPrice) ?? 0);
    out.push({
      customerId: c.customerId,
      crmCustomerId: c.crmCustomerId,
      purchase: p,
      amount: formatCents(cents),
    });
  }
  return out;
}

/** Describe a charge for the operator, before it happens. */
export function describeCharge(c: LiveTestCharge): string {
  return `charge ${c.amount} to customer ${c.customerId} (CRM ${c.crmCustomerId}), purchase ${c.purchase.purchaseId}, product ${c.purchase.productId}, MID ${c.purchase.merchantId}, then refund it in full`;
}

/** The IDs of the purchase's transactions of one type, before a charge or refund. */
async function idsOf(client: KonnektiveClient, purchaseId: string, txnType: string): Promise<Set<string>> {
  return new Set((await client.transactions({ purchaseId, txnType })).map((t) => t.transactionId));
}

async function newSale(client: KonnektiveClient, purchaseId: string, before: ReadonlySet<string>) {
  const sales = await client.transactions({ purchaseId, txnType: 'SALE' });
  return sales
    .filter((t) => !before.has(t.transactionId))
    .sort((a, b) => Number(b.transactionId) - Number(a.transactionId))[0];
}

/** API failures that leave a charge or refund in doubt: recorded, so the report says so. */
const NO_ANSWER = new Set(['API_UNREACHABLE', 'API_RATE_LIMITED', 'API_BAD_RESPONSE']);

/**
 * The outcome of a failed charge or refund call. An unanswered one is recorded, not thrown: a
 * charge already made (or a refund still owed) must reach the report, with the other results.
 */
function outcomeOf(error: unknown): string {
  if (!isToolkitError(error)) throw error;
  if (error.code === 'API_ERROR') return `FAILED: ${error.message}`;
  if (NO_ANSWER.has(error.code)) return `NO ANSWER (look at the customer in the CRM): ${error.message}`;
  throw error;
}

/**
 * Run one charge and its refund, then put the purchase's next bill date back: a Force Bill
 * schedules the next rebill one interval from today, which may be long before the date imported.
 */
export async function runLiveCharge(client: KonnektiveClient, c: LiveTestCharge): Promise<LiveTestResult> {
  const result = await forceBillAndRefund(client, c);
  const date = c.purchase.nextBillDate;
  // refused by the CRM (API_ERROR): nothing was billed, nothing moved
  if (result.rebill.startsWith('FAILED')) return { ...result, nextBillDate: 'UNCHANGED' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    return { ...result, nextBillDate: `NOT RESTORED: the CRM gave no next bill date (${date || 'empty'})` };
  try {
    await client.setNextBillDate(c.purchase.purchaseId, date);
    return { ...result, nextBillDate: `RESTORED ${date}` };
  } catch (error) {
    return { ...result, nextBillDate: `NOT RESTORED to ${date}: ${outcomeOf(error)}` };
  }
}

async function forceBillAndRefund(
  client: KonnektiveClient,
  c: LiveTestCharge,
): Promise<Omit<LiveTestResult, 'nextBillDate'>> {
  const id = c.purchase.purchaseId;
  const base = { customerId: c.customerId, purchaseId: id, amount: c.amount };
  const before = await idsOf(client, id, 'SALE');
  // a refund of the same amount imported with the history is no proof: only a new one counts
  const refundsBefore = await idsOf(client, id, 'REFUND');
  try {
    await client.billNow(id);
  } catch (error) {
    return { ...base, rebill: outcomeOf(error), refund: 'SKIPPED' };
  }
  // from here on a card may have been charged: every outcome reaches the report
  let sale: Awaited<ReturnType<typeof newSale>>;
  try {
    sale = await newSale(client, id, before);
  } catch (error) {
    return { ...base, rebill: `SENT, NOT CONFIRMED: ${outcomeOf(error)}`, refund: 'SKIPPED' };
  }
  if (!sale) return { ...base, rebill: 'NO NEW SALE FOUND', refund: 'SKIPPED' };
  if (sale.responseType !== 'SUCCESS')
    return { ...base, rebill: `DECLINED (${sale.responseType})`, refund: 'SKIPPED' };
  try {
    await client.refundTransaction(sale.transactionId);
  } catch (error) {
    return { ...base, rebill: 'APPROVED', refund: outcomeOf(error) };
  }
  let refunds: CrmTransaction[];
  try {
    refunds = await client.transactions({ purchaseId: id, txnType: 'REFUND' });
  } catch (error) {
    return { ...base, rebill: 'APPROVED', refund: `SENT, NOT CONFIRMED: ${outcomeOf(error)}` };
  }
  const ok = refunds.some(
    (t) =>
      !refundsBefore.has(t.transactionId) &&
      t.responseType === 'SUCCESS' &&
      toCents(t.totalAmount) === toCents(sale.totalAmount),
  );
  return { ...base, rebill: 'APPROVED', refund: ok ? 'REFUNDED' : 'REFUND NOT FOUND' };
}
