/**
 * The action endpoints of the sandbox: Force Bill (purchase/update billNow=1), refunds, cancel.
 * Charges and refunds go through the simulated gateway.
 * @module
 */
import { apiFields, fromApiDate } from '../api-client/index.js';
import { addDaysYmd } from '../core/index.js';
import { formatCents, toCents } from '../import-model/index.js';
import type { SandboxDb } from './sandbox-db.js';
import { errorAnswer, type SandboxAnswer } from './sandbox-queries.js';
import { gatewayDecide } from './simulated-gateway.js';

const F = apiFields;
const A = F.ACTION_PARAMS;

type Row = Record<string, string | number | null>;

function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace('T', ' ');
}

function billNow(db: SandboxDb, p: Row, now: Date): SandboxAnswer {
  const cents = (toCents(String(p.price ?? '0')) ?? 0) + (toCents(String(p.shippingPrice ?? '0')) ?? 0);
  const decision = gatewayDecide(String(p.cardMasked ?? ''), 'sale');
  const created = stamp(now);
  const order = db
    .prepare(
      'INSERT INTO orders (customerId, campaignId, orderStatus, totalAmount, dateCreated) VALUES (?, ?, ?, ?, ?)',
    )
    .run(
      p.customerId,
      p.campaignId,
      decision.approved ? 'COMPLETE' : 'DECLINED',
      formatCents(cents),
      created,
    );
  const cycle = Number(p.billingCycleNumber ?? 1) + (decision.approved ? 1 : 0);
  db.prepare(
    'INSERT INTO order_items (orderId, productId, price, qty, purchaseId, billingCycleNumber) VALUES (?, ?, ?, 1, ?, ?)',
  ).run(order.lastInsertRowid, p.productId, p.price, p.purchaseId, cycle);
  const txn = db
    .prepare(
      `INSERT INTO transactions (orderId, customerId, purchaseId, txnType, totalAmount, responseType, responseText, merchantId,
        merchantTxnId, paySource, cardMasked, cardLast4, dateCreated) VALUES (?, ?, ?, 'SALE', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      order.lastInsertRowid,
      p.customerId,
      p.purchaseId,
      formatCents(cents),
      decision.responseType,
      decision.responseText,
      p.merchantId,
      `SBX${order.lastInsertRowid}`,
      p.paySource,
      p.cardMasked,
      p.cardLast4,
      created,
    );
  if (decision.approved)
    db.prepare('UPDATE purchases SET billingCycleNumber = ?, nextBillDate = ? WHERE purchaseId = ?').run(
      cycle,
      addDaysYmd(now.toISOString().slice(0, 10), Number(p.billingIntervalDays ?? 30)),
      p.purchaseId,
    );
  return {
    result: 'SUCCESS',
    message: {
      purchaseId: p.purchaseId,
      orderId: Number(order.lastInsertRowid),
      transactionId: Number(txn.lastInsertRowid),
      responseType: decision.responseType,
      responseText: decision.responseText,
      totalAmount: formatCents(cents),
    },
  };
}

/** purchase/update: billNow, status, nextBillDate (MM/DD/YYYY), price. */
export function updatePurchase(db: SandboxDb, params: URLSearchParams, now: Date): SandboxAnswer {
  const p = db.prepare('SELECT * FROM purchases WHERE purchaseId = ?').get(params.get(A.purchaseId) ?? '') as
    | Row
    | undefined;
  if (!p) return errorAnswer('No purchases matching those parameters could be found');
  if (params.get(A.billNow) === '1' || params.get(A.billNow) === 'true') return billNow(db, p, now);
  const next = params.get('nextBillDate');
  if (next !== null) {
    const ymd = fromApiDate(next);
    if (ymd === null) return errorAnswer('nextBillDate must be MM/DD/YYYY');
    db.prepare('UPDATE purchases SET nextBillDate = ? WHERE purchaseId = ?').run(ymd, p.purchaseId);
  }
  const status = params.get('status');
  if (status !== null)
    db.prepare('UPDATE purchases SET status = ? WHERE purchaseId = ?').run(status, p.purchaseId);
  const price = params.get('price');
  if (price !== null && toCents(price) !== null)
    db.prepare('UPDATE purchases SET price = ? WHERE purchaseId = ?').run(
      formatCents(toCents(price) ?? 0),
      p.purchaseId,
    );
  return { result: 'SUCCESS', message: { purchaseId: p.purchaseId } };
}

/** transactions/refund (and purchase/refund on the purchase's latest approved sale). */
export function refundTransaction(
  db: SandboxDb,
  t: Row | undefined,
  params: URLSearchParams,
  now: Date,
): SandboxAnswer {
  if (!t) return errorAnswer('No transactions matching those parameters could be found');
  if (!['SALE', 'CAPTURE'].includes(String(t.txnType)) || t.responseType !== 'SUCCESS')
    return errorAnswer('Only an approved SALE or CAPTURE can be refunded');
  const remaining = (toCents(String(t.totalAmount)) ?? 0) - Number(t.refundedCents ?? 0);
  const asked = params.get(A.fullRefund) === '1' ? remaining : toCents(params.get(A.refundAmount) ?? '');
  if (asked === null || asked <= 0 || asked > remaining) return errorAnswer('Invalid refundAmount');
  const decision = gatewayDecide(String(t.cardMasked ?? ''), 'refund');
  const refund = db
    .prepare(
      `INSERT INTO transactions (orderId, customerId, purchaseId, txnType, totalAmount, responseType, responseText, merchantId,
        merchantTxnId, paySource, cardMasked, cardLast4, dateCreated) VALUES (?, ?, ?, 'REFUND', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      t.orderId,
      t.customerId,
      t.purchaseId,
      formatCents(asked),
      decision.responseType,
      decision.responseText,
      t.merchantId,
      `SBXR${t.transactionId}`,
      t.paySource,
      t.cardMasked,
      t.cardLast4,
      stamp(now),
    );
  db.prepare('UPDATE transactions SET refundedCents = refundedCents + ? WHERE transactionId = ?').run(
    asked,
    t.transactionId,
  );
  db.prepare("UPDATE orders SET orderStatus = 'REFUNDED' WHERE orderId = ?").run(t.orderId);
  return {
    result: 'SUCCESS',
    message: { transactionId: Number(refund.lastInsertRowid), refundAmount: formatCents(asked) },
  };
}

/** Dispatch an action endpoint; null when `path` is not one. */
export function answerAction(
  db: SandboxDb,
  path: string,
  params: URLSearchParams,
  now: Date,
): SandboxAnswer | null {
  const E = F.ENDPOINTS;
  if (path === E.purchaseUpdate) return updatePurchase(db, params, now);
  if (path === E.transactionsRefund)
    return refundTransaction(
      db,
      db
        .prepare('SELECT * FROM transactions WHERE transactionId = ?')
        .get(params.get(A.transactionId) ?? '') as Row | undefined,
      params,
      now,
    );
  if (path === E.purchaseRefund) {
    const t = db
      .prepare(
        "SELECT * FROM transactions WHERE purchaseId = ? AND txnType = 'SALE' AND responseType = 'SUCCESS' ORDER BY transactionId DESC LIMIT 1",
      )
      .get(params.get(A.purchaseId) ?? '') as Row | undefined;
    return refundTransaction(db, t, params, now);
  }
  if (path === E.purchaseCancel) {
    const r = db
      .prepare("UPDATE purchases SET status = 'CANCELLED' WHERE purchaseId = ?")
      .run(params.get(A.purchaseId) ?? '');
    return r.changes === 0
      ? errorAnswer('No purchases matching those parameters could be found')
      : { result: 'SUCCESS', message: 'Purchase cancelled' };
  }
  return null;
}
