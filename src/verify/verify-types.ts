/**
 * Verify's data: what the CRM holds for one customer, the differences, the per-customer result.
 * @module
 */
import type { CrmCustomer, CrmOrder, CrmPurchase, CrmTransaction } from '../api-client/index.js';

/** Everything fetched from the CRM for one customer. */
export interface CrmSnapshot {
  readonly customer: CrmCustomer | null;
  readonly orders: readonly CrmOrder[];
  readonly transactions: readonly CrmTransaction[];
  readonly purchases: readonly CrmPurchase[];
  /** How the customer was found. */
  readonly foundBy: 'merchantTxnId' | 'emailAddress' | 'phoneNumber';
  /** Other CRM customers holding the same transaction (same merchantTxnId, MID and type): a double import. */
  readonly alsoHeldBy?: readonly string[];
}

/** One named difference (values already masked where sensitive). */
export interface Difference {
  readonly customerId: string;
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

/** Legacy → CRM IDs of one legacy order. */
export interface IdMapRow {
  readonly legacyCustomerId: string;
  readonly legacyOrderId: string;
  readonly crmCustomerId: string;
  readonly crmOrderId: string;
  readonly crmPurchaseIds: string;
}

/** The outcome of one live test (force bill then refund). */
export interface LiveTestResult {
  readonly customerId: string;
  readonly purchaseId: string;
  readonly amount: string;
  readonly rebill: string;
  readonly refund: string;
  /**
   * The purchase's next bill date put back after the Force Bill moved it (`RESTORED YYYY-MM-DD`),
   * `UNCHANGED` when nothing was charged, else why it could not be (the customer would rebill early).
   */
  readonly nextBillDate: string;
}

/** Verify's verdict on one sampled customer. */
export interface CustomerVerdict {
  readonly customerId: string;
  readonly crmCustomerId: string;
  readonly status: 'pass' | 'fail';
  readonly differences: readonly Difference[];
}
