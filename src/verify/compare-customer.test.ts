import { describe, expect, it } from 'vitest';
import type { CrmPurchase, CrmTransaction, KonnektiveClient } from '../api-client/index.js';
import { foldCustomer, legacyRow } from '../import-model/index.js';
import { compareCustomer } from './compare-customer.js';
import { fetchSnapshot } from './fetch-snapshot.js';
import type { CrmSnapshot } from './verify-types.js';

const HEADER = [
  'customerId',
  'orderId',
  'dateCreated',
  'campaignId',
  'productId',
  'isActiveRecurring',
  'nextBillDate',
  'paySource',
  'cardNumber',
  'merchantId',
  'merchantTxnId',
  'txnType',
  'subTotal',
  'totalAmount',
  'responseType',
  'firstName',
  'lastName',
  'emailAddress',
  'phoneNumber',
  'billShipSame',
  'country',
];

const saleValues = [
  'C1',
  'O1',
  '2026-01-01 10:00:00',
  '12',
  '101',
  '1',
  '2027-01-15',
  'CREDITCARD',
  '4111111111111111',
  '7',
  'T1',
  'SALE',
  '29.95',
  '34.90',
  'SUCCESS',
  'Avery',
  'Test',
  'a@example.com',
  '5552011000',
  '1',
  'US',
];
const saleRow = legacyRow(HEADER, saleValues, 1);

// the same sale, then its refund four days later
const refundValues = saleValues.map((v, k) =>
  k === 2 ? '2026-01-05 10:00:00' : k === 10 ? 'T2' : k === 11 ? 'REFUND' : v,
);
const file = foldCustomer('C1', [saleRow, legacyRow(HEADER, refundValues, 2)]);

const txn = (over: Partial<CrmTransaction>): CrmTransaction => ({
  transactionId: '1',
  orderId: '70',
  customerId: '50',
  purchaseId: '90',
  txnType: 'SALE',
  totalAmount: '34.90',
  responseType: 'SUCCESS',
  responseText: '',
  merchantId: '7',
  merchantTxnId: 'T1',
  paySource: 'CREDITCARD',
  cardLast4: '1111',
  dateCreated: '2026-01-01 10:00:00',
  ...over,
});
const purchase: CrmPurchase = {
  purchaseId: '90',
  orderId: '70',
  customerId: '50',
  status: 'ACTIVE',
  productId: '101',
  price: '29.95',
  shippingPrice: '0.00',
  billingCycleNumber: '1',
  billingIntervalDays: '30',
  nextBillDate: '2027-01-15',
  merchantId: '7',
  dateCreated: '',
};
const contact = { ...file.contact, customerId: '50', dateCreated: '' };
const clean: CrmSnapshot = {
  customer: { ...contact, emailAddress: 'A@Example.com', phoneNumber: '(555) 201-1000' },
  orders: [
    {
      orderId: '70',
      customerId: '50',
      campaignId: '12',
      orderStatus: 'REFUNDED',
      totalAmount: '0',
      emailAddress: '',
      dateCreated: '',
      items: [
        {
          orderItemId: '1',
          productId: '101',
          price: '29.95',
          qty: '1',
          purchaseId: '90',
          billingCycleNumber: '1',
        },
      ],
    },
  ],
  transactions: [
    txn({}),
    txn({ transactionId: '2', merchantTxnId: 'T2', txnType: 'REFUND', dateCreated: '2026-01-05 10:00:00' }),
  ],
  purchases: [purchase],
  foundBy: 'merchantTxnId',
};

const fields = (snap: CrmSnapshot | null) => compareCustomer(file, snap).map((d) => d.field);

describe('compareCustomer', () => {
  it('passes a faithful import (email case and phone punctuation ignored)', () => {
    expect(compareCustomer(file, clean)).toEqual([]);
  });

  it('names one field per planted difference', () => {
    expect(fields(null)).toEqual(['customer']);
    expect(fields({ ...clean, purchases: [{ ...purchase, nextBillDate: '2027-02-15' }] })).toEqual([
      'purchase[101].nextBillDate',
    ]);
    expect(fields({ ...clean, purchases: [{ ...purchase, status: 'CANCELLED' }] })).toEqual([
      'purchase[101].status',
    ]);
    expect(fields({ ...clean, purchases: [] })).toEqual(['purchase[101]']);
    expect(fields({ ...clean, transactions: [txn({})] })).toEqual(['transaction[T2]']);
    expect(
      fields({ ...clean, transactions: [txn({ merchantId: '8' }), clean.transactions[1] as CrmTransaction] }),
    ).toEqual(['transaction[T1].merchantId']);
  });

  it('expects one CRM transaction per legacy row in the order: an extra charge is a difference', () => {
    const extra = txn({ transactionId: '3', merchantTxnId: 'X1', totalAmount: '99.00' });
    expect(fields({ ...clean, transactions: [...clean.transactions, extra] })).toEqual([
      'order[O1].transactions',
    ]);
    // a charge of the same customer in another order (a rebill after the import) is not
    const rebill = txn({ transactionId: '4', orderId: '71', merchantTxnId: 'R1' });
    expect(fields({ ...clean, transactions: [...clean.transactions, rebill] })).toEqual([]);
  });

  it('flags a customer held by several CRM customers, an unasked-for rebilling purchase and a changed pay source', () => {
    expect(fields({ ...clean, alsoHeldBy: ['51'] })).toEqual(['customer.duplicates']);
    const extra = { ...purchase, purchaseId: '91', productId: '555', price: '99.00' };
    expect(fields({ ...clean, purchases: [purchase, extra] })).toEqual(['purchase[555]']);
    expect(fields({ ...clean, purchases: [purchase, { ...purchase, purchaseId: '92' }] })).toEqual([
      'purchase[101].count',
    ]);
    // a cancelled extra purchase does not rebill: not a difference
    expect(fields({ ...clean, purchases: [purchase, { ...extra, status: 'CANCELLED' }] })).toEqual([]);
    expect(
      fields({
        ...clean,
        transactions: [txn({ paySource: 'CHECK' }), clean.transactions[1] as CrmTransaction],
      }),
    ).toEqual(['transaction[T1].paySource']);
  });

  it("compares a completed order's total with its approved sales (a refunded order's is not compared)", () => {
    const sale = foldCustomer('C1', [saleRow]);
    const order = { ...(clean.orders[0] as CrmSnapshot['orders'][number]), orderStatus: 'COMPLETE' };
    const snap: CrmSnapshot = {
      ...clean,
      orders: [{ ...order, totalAmount: '34.90' }],
      transactions: [txn({})],
    };
    expect(compareCustomer(sale, snap).map((d) => d.field)).toEqual([]);
    const short = { ...snap, orders: [{ ...order, totalAmount: '29.95' }] };
    expect(compareCustomer(sale, short).map((d) => [d.field, d.expected, d.actual])).toEqual([
      ['order[O1].totalAmount', '34.90', '29.95'],
    ]);
    // not returned by the API: nothing to compare
    expect(compareCustomer(sale, { ...snap, orders: [{ ...order, totalAmount: '' }] })).toEqual([]);
    // the refunded order of the clean import reads 0 in the CRM: not a difference (the first test)
  });

  it('masks card digits in differences', () => {
    const d = compareCustomer(file, {
      ...clean,
      transactions: [txn({ cardLast4: '4242' }), clean.transactions[1] as CrmTransaction],
    });
    expect(d).toEqual([
      { customerId: 'C1', field: 'transaction[T1].cardLast4', expected: '****1111', actual: '****4242' },
    ]);
  });
});

describe('fetchSnapshot: which CRM customer a legacy customer is', () => {
  /** A client answering transactions by merchantTxnId from `hits`, everything else empty. */
  const client = (hits: CrmTransaction[]) =>
    ({
      transactions: async (q: Record<string, string>) =>
        q.merchantTxnId !== undefined ? hits.filter((h) => h.merchantTxnId === q.merchantTxnId) : [],
      customers: async () => [],
      purchases: async () => [],
      orders: async () => [],
    }) as unknown as KonnektiveClient;

  it('takes the customer whose transaction has the same MID and type, not another MID’s namesake', async () => {
    const snap = await fetchSnapshot(
      client([txn({ customerId: '60', merchantId: '8' }), txn({ customerId: '50' })]),
      file,
    );
    expect(snap).toMatchObject({ foundBy: 'merchantTxnId' });
    expect(snap?.alsoHeldBy).toBeUndefined();
  });

  it('takes, of two customers sharing a merchantTxnId (check only warns), the one with its name and email', async () => {
    const people: Record<string, { lastName: string; emailAddress: string }> = {
      '50': { lastName: 'Other', emailAddress: 'other@example.com' },
      '51': { lastName: 'TEST', emailAddress: 'A@example.com' },
    };
    const shared = {
      ...client([txn({ customerId: '50' }), txn({ customerId: '51' })]),
      customers: async (q: Record<string, string>) => {
        const p = people[q.customerId ?? ''];
        return p ? [{ ...contact, ...p, customerId: q.customerId }] : [];
      },
    } as unknown as KonnektiveClient;
    const snap = await fetchSnapshot(shared, file);
    expect(snap?.customer?.customerId).toBe('51');
    expect(snap?.alsoHeldBy).toBeUndefined();
    // imported twice: both CRM customers are this person
    people['50'] = people['51'] as { lastName: string; emailAddress: string };
    expect((await fetchSnapshot(shared, file))?.alsoHeldBy).toEqual(['51']);
  });

  it('names the other CRM customers when the same transaction was imported twice', async () => {
    const snap = await fetchSnapshot(client([txn({ customerId: '50' }), txn({ customerId: '51' })]), file);
    expect(snap?.alsoHeldBy).toEqual(['51']);
    expect(compareCustomer(file, snap).map((d) => d.field)).toContain('customer.duplicates');
  });
});
