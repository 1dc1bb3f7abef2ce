import { describe, expect, it } from 'vitest';
import type { CrmPurchase, CrmTransaction, KonnektiveClient } from '../api-client/index.js';
import { ToolkitError } from '../core/index.js';
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
    setNextBillDate: async () => ({}),
  } as Partial<KonnektiveClient> as KonnektiveClient;
}

/** A CRM whose answer to the refund (or to the Force Bill) is lost. */
function lostAnswer(at: 'billNow' | 'refundTransaction'): KonnektiveClient {
  const client = crm(true);
  return {
    ...client,
    [at]: async () => {
      throw new ToolkitError('API_UNREACHABLE', '/x/ got no answer.');
    },
  };
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

  it('records a charge or refund left without an answer (the report must show a charge not refunded), not thrown', async () => {
    const refund = await runLiveCharge(lostAnswer('refundTransaction'), charge);
    expect(refund.rebill).toBe('APPROVED');
    expect(refund.refund).toMatch(/^NO ANSWER \(look at the customer in the CRM\)/);
    const bill = await runLiveCharge(lostAnswer('billNow'), charge);
    expect(bill.rebill).toMatch(/^NO ANSWER/);
    expect(bill.refund).toBe('SKIPPED');
  });

  it('puts the next bill date back after a charge (not after a Force Bill the CRM refused), or says why not', async () => {
    const client = crm(true);
    const set: string[] = [];
    const restoring = {
      ...client,
      setNextBillDate: async (purchaseId: string, ymd: string) => {
        set.push(`${purchaseId} ${ymd}`);
        return {};
      },
    };
    expect((await runLiveCharge(restoring, charge)).nextBillDate).toBe('RESTORED 2027-01-15');
    expect(set).toEqual(['P1 2027-01-15']);
    const refused = {
      ...restoring,
      billNow: async () => {
        throw new ToolkitError('API_ERROR', '/purchase/update/: Purchase not active');
      },
    };
    expect((await runLiveCharge(refused, charge)).nextBillDate).toBe('UNCHANGED');
    expect(set).toHaveLength(1);
    const lost = {
      ...client,
      setNextBillDate: async () => {
        throw new ToolkitError('API_UNREACHABLE', '/purchase/update/ got no answer.');
      },
    };
    expect((await runLiveCharge(lost, charge)).nextBillDate).toMatch(
      /^NOT RESTORED to 2027-01-15: NO ANSWER/,
    );
  });

  it('records a charge whose confirmation query goes unanswered, not thrown (the card may be charged)', async () => {
    const client = crm(true);
    let charged = false;
    const flaky = {
      ...client,
      billNow: async (purchaseId: string) => {
        charged = true;
        return client.billNow(purchaseId);
      },
      transactions: async (f: Parameters<KonnektiveClient['transactions']>[0]) => {
        if (charged) throw new ToolkitError('API_UNREACHABLE', '/transactions/query/ could not be reached.');
        return client.transactions(f);
      },
    };
    const r = await runLiveCharge(flaky, charge);
    expect(r.rebill).toMatch(/^SENT, NOT CONFIRMED: NO ANSWER/);
    expect(r.refund).toBe('SKIPPED');
  });
});
