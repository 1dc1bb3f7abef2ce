/**
 * The INSERTs of an import: one customer with its orders, purchases, items and transactions.
 * @module
 */
import { formatCents, type ModelCustomer } from '../import-model/index.js';
import { CONTACT_COLUMNS, type SandboxDb } from './sandbox-db.js';

/** Rows inserted for one customer. */
export interface InsertCounts {
  readonly orders: number;
  readonly purchases: number;
  readonly transactions: number;
}

const SQL = {
  customer: `INSERT INTO customers (legacyCustomerId, ${CONTACT_COLUMNS.join(', ')}, dateCreated)
    VALUES (?, ${CONTACT_COLUMNS.map(() => '?').join(', ')}, ?)`,
  order: `INSERT INTO orders (legacyOrderId, customerId, campaignId, orderStatus, totalAmount, emailAddress, dateCreated)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  item: `INSERT INTO order_items (orderId, productId, price, qty, purchaseId, billingCycleNumber)
    VALUES (?, ?, ?, 1, ?, ?)`,
  purchase: `INSERT INTO purchases (orderId, customerId, status, productId, campaignId, price, shippingPrice,
      billingCycleNumber, billingIntervalDays, nextBillDate, merchantId, paySource, cardMasked, cardLast4, dateCreated)
    VALUES (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  txn: `INSERT INTO transactions (orderId, customerId, purchaseId, txnType, totalAmount, responseType, responseText,
      merchantId, merchantTxnId, paySource, cardMasked, cardLast4, dateCreated)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
} as const;

/** Prepared statements and the per-customer insert. */
export function prepareInserts(db: SandboxDb): {
  customer(c: ModelCustomer, intervalDays: number): InsertCounts;
} {
  const st = {
    customer: db.prepare(SQL.customer),
    order: db.prepare(SQL.order),
    item: db.prepare(SQL.item),
    purchase: db.prepare(SQL.purchase),
    txn: db.prepare(SQL.txn),
  };
  const id = (r: { lastInsertRowid: number | bigint }): number => Number(r.lastInsertRowid);
  return {
    customer(c, intervalDays) {
      const first = c.transactions[0]?.dateCreated ?? '';
      const contact = c.contact as unknown as Record<string, string>;
      const customerId = id(
        st.customer.run(c.customerId, ...CONTACT_COLUMNS.map((k) => contact[k] ?? ''), first),
      );
      const orderIds = new Map<string, number>();
      for (const o of c.orders) {
        const total = formatCents(o.totalCents);
        const row = [
          o.orderId,
          customerId,
          o.campaignId,
          o.status,
          total,
          c.contact.emailAddress,
          o.dateCreated,
        ];
        orderIds.set(o.orderId, id(st.order.run(...row)));
      }
      const purchaseIds = new Map<string, number>();
      const active = c.purchases.filter((x) => x.active);
      for (const p of active) {
        const row = [
          ...[orderIds.get(p.orderId) ?? null, customerId, p.productId, p.campaignId],
          ...[formatCents(p.priceCents), formatCents(p.shippingCents), p.billingCycleNumber, intervalDays],
          ...[p.nextBillDate, p.merchantId, p.paySource, p.cardMasked, p.cardLast4, first],
        ];
        purchaseIds.set(p.productId, id(st.purchase.run(...row)));
      }
      for (const o of c.orders)
        for (const productId of o.productIds) {
          const p = c.purchases.find((x) => x.productId === productId);
          const price = formatCents(p?.priceCents ?? 0);
          st.item.run(
            orderIds.get(o.orderId),
            productId,
            price,
            purchaseIds.get(productId) ?? null,
            p?.billingCycleNumber ?? 1,
          );
        }
      for (const t of c.transactions) {
        const declined = t.responseType === 'DECLINE';
        st.txn.run(
          ...[orderIds.get(t.orderId) ?? null, customerId, purchaseIds.get(t.productId) ?? null, t.txnType],
          ...[
            formatCents(t.amountCents),
            declined ? 'HARD_DECLINE' : 'SUCCESS',
            declined ? 'DECLINE' : 'SUCCESS',
          ],
          ...[t.merchantId, t.merchantTxnId, t.paySource, t.cardMasked, t.cardLast4, t.dateCreated],
        );
      }
      return { orders: c.orders.length, purchases: active.length, transactions: c.transactions.length };
    },
  };
}
