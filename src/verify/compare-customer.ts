/**
 * The pure comparison of one legacy customer (import model) with what the CRM returned.
 * Field names: customer.X, order[legacyOrderId].X, transaction[merchantTxnId].X, purchase[productId].X.
 * @module
 */
import { apiFields, type CrmPurchase, type CrmTransaction } from '../api-client/index.js';
import { maskAccount } from '../core/index.js';
import { CONTACT_FIELDS, formatCents, type ModelCustomer, toCents } from '../import-model/index.js';
import type { CrmSnapshot, Difference } from './verify-types.js';

function norm(field: string, value: string): string {
  const v = value.trim().replace(/\s+/g, ' ');
  if (field === 'phoneNumber') return v.replace(/\D/g, '');
  return v.toLowerCase();
}

function money(value: string): string {
  const c = toCents(value);
  return c === null ? value : formatCents(c);
}

/** Compare; returns every difference (an empty list means the customer passes). */
export function compareCustomer(expected: ModelCustomer, crm: CrmSnapshot | null): Difference[] {
  const id = expected.customerId;
  const out: Difference[] = [];
  const diff = (field: string, want: string, got: string): void => {
    out.push({ customerId: id, field, expected: want, actual: got });
  };
  if (crm === null) {
    diff('customer', 'found (merchantTxnId, email or phone)', 'not found');
    return out;
  }
  if (crm.alsoHeldBy !== undefined && crm.alsoHeldBy.length > 0)
    diff(
      'customer.duplicates',
      'one CRM customer holds its transactions',
      `${crm.alsoHeldBy.length + 1} CRM customers (also ${crm.alsoHeldBy.slice(0, 5).join(', ')})`,
    );
  const contact = expected.contact as unknown as Record<string, string>;
  const actual = (crm.customer ?? {}) as Record<string, string>;
  for (const f of CONTACT_FIELDS)
    if (norm(f, contact[f] ?? '') !== norm(f, actual[f] ?? ''))
      diff(`customer.${f}`, contact[f] ?? '', actual[f] ?? '');
  compareTransactions(expected, crm.transactions, diff);
  comparePurchases(expected, crm.purchases, diff);
  compareOrders(expected, crm, diff);
  return out;
}

type Diff = (field: string, want: string, got: string) => void;

function findTxn(list: readonly CrmTransaction[], mtid: string, type: string): CrmTransaction | undefined {
  return (
    list.find((t) => t.merchantTxnId === mtid && t.txnType === type) ??
    list.find((t) => t.merchantTxnId === mtid)
  );
}

function compareTransactions(expected: ModelCustomer, actual: readonly CrmTransaction[], diff: Diff): void {
  for (const t of expected.transactions) {
    const key = `transaction[${t.merchantTxnId}]`;
    const a = findTxn(actual, t.merchantTxnId, t.txnType);
    if (!a) {
      diff(key, `${t.txnType} present`, 'missing');
      continue;
    }
    if (a.txnType !== t.txnType) diff(`${key}.txnType`, t.txnType, a.txnType);
    if (a.merchantId !== t.merchantId) diff(`${key}.merchantId`, t.merchantId, a.merchantId);
    if (a.paySource !== '' && a.paySource !== t.paySource) diff(`${key}.paySource`, t.paySource, a.paySource);
    if (toCents(a.totalAmount) !== t.amountCents)
      diff(`${key}.totalAmount`, formatCents(t.amountCents), money(a.totalAmount));
    const declined = t.responseType === 'DECLINE';
    const okResponse = declined
      ? apiFields.DECLINE_RESPONSE_TYPES.includes(a.responseType)
      : a.responseType === 'SUCCESS';
    if (!okResponse) diff(`${key}.responseType`, declined ? 'a decline' : 'SUCCESS', a.responseType);
    if (a.cardLast4 !== t.cardLast4 && (t.cardLast4 !== '' || t.paySource !== 'CREDITCARD'))
      diff(
        `${key}.cardLast4`,
        maskAccount(`0000${t.cardLast4}`),
        a.cardLast4 ? maskAccount(`0000${a.cardLast4}`) : '',
      );
    if (a.dateCreated.trim() !== t.dateCreated) diff(`${key}.dateCreated`, t.dateCreated, a.dateCreated);
  }
}

function pickPurchase(list: readonly CrmPurchase[], productId: string): CrmPurchase | undefined {
  const same = list.filter((p) => p.productId === productId);
  return same.find((p) => apiFields.REBILLING_STATUSES.includes(p.status)) ?? same[0];
}

function comparePurchases(expected: ModelCustomer, actual: readonly CrmPurchase[], diff: Diff): void {
  // a rebilling CRM purchase of a product the file does not have, or a second one of a product, is
  // a charge nobody asked for
  const rebilling = new Map<string, number>();
  for (const a of actual)
    if (apiFields.REBILLING_STATUSES.includes(a.status))
      rebilling.set(a.productId, (rebilling.get(a.productId) ?? 0) + 1);
  const known = new Set(expected.purchases.map((p) => p.productId));
  for (const [productId, n] of rebilling) {
    if (!known.has(productId)) diff(`purchase[${productId}]`, 'no such purchase', `${n} rebilling`);
    else if (n > 1) diff(`purchase[${productId}].count`, '1 rebilling', `${n} rebilling`);
  }
  for (const p of expected.purchases) {
    const key = `purchase[${p.productId}]`;
    const a = pickPurchase(actual, p.productId);
    const rebilling = a !== undefined && apiFields.REBILLING_STATUSES.includes(a.status);
    if (!p.active) {
      if (rebilling) diff(`${key}.status`, 'not rebilling (inactive in the file)', a.status);
      continue;
    }
    if (!a) {
      diff(key, 'active purchase present', 'missing');
      continue;
    }
    if (!rebilling) diff(`${key}.status`, 'ACTIVE', a.status);
    if (a.merchantId !== p.merchantId) diff(`${key}.merchantId`, p.merchantId, a.merchantId);
    if (toCents(a.price) !== p.priceCents) diff(`${key}.price`, formatCents(p.priceCents), money(a.price));
    if (a.nextBillDate !== p.nextBillDate) diff(`${key}.nextBillDate`, p.nextBillDate, a.nextBillDate);
  }
}

/**
 * One CRM transaction per legacy row (konnektive-api.md, verifying step 5): false when the CRM
 * orders hold a transaction no row has (an extra charge), or fewer copies of a merchantTxnId than
 * the rows (one of two duplicate rows lost). A merchantTxnId missing altogether is reported with
 * its transaction, not again here.
 */
function sameRowCount(
  rows: readonly { readonly merchantTxnId: string }[],
  crmTransactions: readonly CrmTransaction[],
  crmIds: ReadonlySet<string>,
): boolean {
  const want = new Map<string, number>();
  for (const t of rows) want.set(t.merchantTxnId, (want.get(t.merchantTxnId) ?? 0) + 1);
  const got = new Map<string, number>();
  for (const t of crmTransactions)
    if (crmIds.has(t.orderId)) got.set(t.merchantTxnId, (got.get(t.merchantTxnId) ?? 0) + 1);
  for (const [mtid, n] of got) if (n > (want.get(mtid) ?? 0)) return false;
  for (const [mtid, n] of want) {
    const g = got.get(mtid) ?? 0;
    if (g > 0 && g < n) return false;
  }
  return true;
}

function compareOrders(expected: ModelCustomer, crm: CrmSnapshot, diff: Diff): void {
  for (const o of expected.orders) {
    const rows = expected.transactions.filter((t) => t.orderId === o.orderId);
    const mtids = new Set(rows.map((t) => t.merchantTxnId));
    const crmIds = new Set(crm.transactions.filter((t) => mtids.has(t.merchantTxnId)).map((t) => t.orderId));
    if (crmIds.size === 0) continue; // every transaction of it is missing: reported there
    const key = `order[${o.orderId}]`;
    const orders = crm.orders.filter((x) => crmIds.has(x.orderId));
    if (orders.length === 0) {
      diff(key, 'present', 'missing');
      continue;
    }
    if (crmIds.size > 1) diff(`${key}.orderId`, 'one CRM order', [...crmIds].join(';'));
    if (!sameRowCount(rows, crm.transactions, crmIds))
      diff(
        `${key}.transactions`,
        `${rows.length} row(s)`,
        `${crm.transactions.filter((t) => crmIds.has(t.orderId)).length}`,
      );
    const order = orders[0];
    if (!order) continue;
    if (order.campaignId !== o.campaignId) diff(`${key}.campaignId`, o.campaignId, order.campaignId);
    const products = [...new Set(order.items.map((i) => i.productId))].sort().join(';');
    if (products !== o.productIds.join(';')) diff(`${key}.productIds`, o.productIds.join(';'), products);
    // the total of a completed order is its approved sales (konnektive-api.md, verifying step 4);
    // a refunded or declined order's total is the CRM's own reckoning, and a total the API did not
    // return is not compared
    const total = toCents(order.totalAmount);
    if (o.status === 'COMPLETE' && total !== null && total !== o.totalCents)
      diff(`${key}.totalAmount`, formatCents(o.totalCents), money(order.totalAmount));
  }
}
