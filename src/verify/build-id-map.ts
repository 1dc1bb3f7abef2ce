/**
 * The old → new ID map: one row per legacy order with the CRM customer, order and purchase IDs.
 * @module
 */
import type { ModelCustomer } from '../import-model/index.js';
import type { CrmSnapshot, IdMapRow } from './verify-types.js';

/** ID map rows of one customer (CRM columns empty when it was not found). */
export function idMapRows(c: ModelCustomer, crm: CrmSnapshot | null): IdMapRow[] {
  return c.orders.map((o) => {
    const mtids = new Set(c.transactions.filter((t) => t.orderId === o.orderId).map((t) => t.merchantTxnId));
    const txns = crm?.transactions.filter((t) => mtids.has(t.merchantTxnId)) ?? [];
    const orderIds = [...new Set(txns.map((t) => t.orderId).filter((x) => x !== ''))];
    const purchaseIds = [...new Set(txns.map((t) => t.purchaseId).filter((x) => x !== ''))];
    return {
      legacyCustomerId: c.customerId,
      legacyOrderId: o.orderId,
      crmCustomerId: crm?.customer?.customerId ?? '',
      crmOrderId: orderIds.join(';'),
      crmPurchaseIds: purchaseIds.join(';'),
    };
  });
}
