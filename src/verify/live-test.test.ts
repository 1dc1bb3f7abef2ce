import { describe, expect, it } from 'vitest';
import type { CrmPurchase, CrmTransaction, KonnektiveClient } from '../api-client/index.js';
import { runLiveCharge } from './live-test.js';

const txn = (o: Partial<CrmTransaction>): CrmTransaction => ({
  transactionId: '',
  orderId: '',
  customerId: '1',
  purchaseId: 'P1',
  txnType: 'SALE',
  totalAmount: '34.90',
  responseType: 'SUCCESS',
  responseText: '',
  merchantId: '7',
  merchantTxnId: '',
  paySource: 'CREDITCARD',
  cardLast4: '1111',
  dateCreated: '',
  ...o,
});

const purchase: CrmPurchase = {
  purchaseId: 'P1',
  orderId: '',
  customerId: '1',
  status: 'ACTIVE',
  productId: '101',
  price: '29.95',
  shippingPrice: '4.95',
  billingCycleNumber: '2',
  billingIntervalDays: '30',
  nextBillDate: '2027-01-15',
  merchantId: '7',
  dateCreated: '',
};

/** A CRM whose purchase already holds an imported refund of the same amount; `refunds` says whether a refund call creates one. */
function crm(refunds: boolean): KonnektiveClient {
  const sales = [txn({ transactionId: '1' })];
  const refundRows = [txn({ transactionId: '2', txnType: 'REFUND' })];
  return {
    stats: { requests: 0, retries: 0, rateLimited: 0, sandbox: true },
    transactions: async (f) => [...(f.txnType === 'SALE' ? sales : refundRows)],
    billNow: async () => {
      sales.push(txn({ transactionId: '5' }));
      return {};
    },
    refundTransaction: async () => {
      if (refunds) refundRows.push(txn({ transactionId: '6', txnType: 'REFUND' }));
      return {};
    },
  } as Partial<KonnektiveClient> as KonnektiveClient;
}

describe('runLiveCharge', () => {
  const charge = { customerId: 'C1', crmCustomerId: '1', purchase, amount: '34.90' };

  it('counts only a refund made by the test, not one of the same amount imported with the history', async () => {
    expect(await runLiveCharge(crm(false), charge)).toMatchObject({
      rebill: 'APPROVED',
      refund: 'REFUND NOT FOUND',
    });
    expect(await runLiveCharge(crm(true), charge)).toMatchObject({ rebill: 'APPROVED', refund: 'REFUNDED' });
  });
});
