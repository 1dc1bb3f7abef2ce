import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPreset, expectAccounting, expectCheckAccepts, rowOf } from './sources-support.js';

const ASSIGN = [
  ['# importDate: "2026-12-01"', 'importDate: "2026-12-01"'],
  [
    /plans: \{\}.*/,
    'plans: { gold: { campaignId: 12, productId: 101 }, silver: { campaignId: 12, productId: 102 } }',
  ],
  [/mids: \{\}.*/, 'mids: { examplecoUSD: "5" }'],
] as const;

const b = buildPreset('braintree', ASSIGN);
afterAll(b.cleanup);

describe('Braintree preset: transaction search + vault (one row per card) + subscriptions', () => {
  it('builds through the CLI and check accepts the transactions file', () => {
    expect(b.stderr).toBe('');
    expect(b.code).toBe(1);
    expectCheckAccepts(b, '2026-12-01');
  });

  it('keeps row accounting for every file and explains every unused record', () => {
    expectAccounting(
      b,
      { transactions: 'transactions.csv', vault: 'vault.csv', subscriptions: 'subscriptions.csv' },
      'braintree',
    );
    expect(b.rejects.map((r) => [r.source, r.row, r.outcome, r.codes])).toEqual([
      ['transactions', '5', 'skipped', 'NOT_SETTLED'],
      ['transactions', '6', 'rejected', 'JOIN_ORPHAN'],
      ['vault', '2', 'skipped', 'JOIN_UNUSED'],
      ['vault', '5', 'skipped', 'JOIN_UNUSED'],
      ['subscriptions', '4', 'skipped', 'JOIN_UNUSED'],
    ]);
    expect(b.report.countsByCode.CSV_DUPLICATE_HEADER).toBe(1);
  });

  it('71001: date + separate zone column, the token picks the card, state name, phone with dashes', () => {
    expect(rowOf(b, 'bt01a')).toMatchObject({
      customerId: '71001',
      orderId: '1',
      dateCreated: '2026-09-15 14:03:22',
      campaignId: '12',
      productId: '101',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-15',
      cardNumber: '4111111111111111',
      cardExpiryMonth: '09',
      cardExpiryYear: '2028',
      merchantId: '5',
      txnType: 'SALE',
      subTotal: '24.00',
      address2: 'Suite 5',
      state: 'IL',
      phoneNumber: '3125551234',
    });
    expect(rowOf(b, 'bt01b')).toMatchObject({ txnType: 'REFUND', orderId: '1', phoneNumber: '3125551234' });
  });

  it("71002: no token → the customer's card; Past Due still recurring; CST; 2-digit expiry year", () => {
    expect(rowOf(b, 'bt02a')).toMatchObject({
      dateCreated: '2026-11-02 08:30:00',
      isActiveRecurring: '1',
      nextBillDate: '2026-12-10',
      cardNumber: '378282246310005',
      cardExpiryYear: '2027',
      responseType: 'DECLINE',
    });
  });

  it('71003 (same phone as 71001) is merged into 71001', () => {
    expect(rowOf(b, 'bt03a')).toMatchObject({
      customerId: '71001',
      isActiveRecurring: '0',
      cardNumber: '4000056655665556',
    });
    expect(b.joins?.merges).toEqual([
      { source: 'vault', customer: '71003', mergedInto: '71001', by: 'phone' },
    ]);
  });
});

describe('Braintree preset: a decline with nothing submitted for settlement', () => {
  // Braintree leaves "Amount Submitted For Settlement" blank on a processor decline
  const d = buildPreset('braintree', ASSIGN, {}, (dir) => {
    const path = join(dir, 'transactions.csv');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('examplecoUSD,USD,,12.50,', 'examplecoUSD,USD,12.50,,'),
    );
  });
  afterAll(d.cleanup);

  it('keeps the decline in the history with its authorized amount (it was rejected: subTotal required)', () => {
    expect(rowOf(d, 'bt02a')).toMatchObject({ subTotal: '12.50', responseType: 'DECLINE' });
  });
});
