import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPreset, expectAccounting, expectCheckAccepts, rowOf } from './sources-support.js';

const ASSIGN = [
  ['# importDate: "2026-12-01"', 'importDate: "2026-12-01"'],
  [
    /plans: \{\}.*/,
    'plans: { Gold Monthly: { campaignId: 12, productId: 101 }, Silver Monthly: { campaignId: 12, productId: 102 } }',
  ],
  [/mids: \{\}.*/, 'mids: { USD: "9" }'],
] as const;

const b = buildPreset('authorize-net', ASSIGN);
afterAll(b.cleanup);

describe('Authorize.net preset: tab-separated transaction download + PAN extraction', () => {
  it('builds through the CLI and check accepts the transactions file', () => {
    expect(b.stderr).toBe('');
    expect(b.code).toBe(1);
    expectCheckAccepts(b, '2026-12-01');
  });

  it('keeps row accounting for both files and explains every unused record', () => {
    expectAccounting(b, { transactions: 'transactions.tsv', profiles: 'profiles.csv' }, 'authorize-net');
    expect(b.rejects.map((r) => [r.source, r.row, r.outcome, r.codes])).toEqual([
      ['transactions', '1', 'rejected', 'JOIN_ORPHAN'],
      ['transactions', '3', 'skipped', 'NOT_SETTLED'],
      ['profiles', '4', 'skipped', 'JOIN_UNUSED'],
    ]);
  });

  it('C100: vendor dates with MDT, ARB Active → next bill date, refund in the order of its sale (listed first)', () => {
    const sale = rowOf(b, '40000000001');
    expect(sale).toMatchObject({
      customerId: 'C100',
      dateCreated: '2026-09-15 14:03:12',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-15',
      cardNumber: '4111111111111111',
      cardExpiryMonth: '09',
      cardExpiryYear: '2028',
      merchantId: '9',
      txnType: 'SALE',
      subTotal: '39.00',
      responseType: 'SUCCESS',
      firstName: 'Avery',
      lastName: 'Testperson',
      state: 'CO',
      phoneNumber: '3035550147',
      billShipSame: '1',
    });
    expect(rowOf(b, '40000000002')).toMatchObject({
      txnType: 'REFUND',
      orderId: sale.orderId,
      responseType: 'SUCCESS',
      dateCreated: '2026-09-20 10:15:00',
    });
  });

  it('C200: unpadded day and hour with MST; Suspended is not active; declined', () => {
    expect(rowOf(b, '40000000003')).toMatchObject({
      customerId: 'C200',
      dateCreated: '2026-11-03 09:05:44',
      isActiveRecurring: '0',
      nextBillDate: '',
      responseType: 'DECLINE',
      phoneNumber: '8015550199',
    });
  });

  it('C300 (leading space in its id, same card as C100) is merged into C100', () => {
    expect(rowOf(b, '40000000005')).toMatchObject({ customerId: 'C100', cardNumber: '4111111111111111' });
    expect(b.joins?.merges).toEqual([
      { source: 'profiles', customer: 'C300', mergedInto: 'C100', by: 'card' },
    ]);
  });
});

describe('Authorize.net preset: a customer with two payment profiles', () => {
  // C100's first profile: an older card with no subscription; the ARB subscription bills the second
  const two = buildPreset('authorize-net', ASSIGN, {}, (dir) => {
    const path = join(dir, 'profiles.csv');
    const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
    const older =
      '500100,600099,C100,5555555555554444,2026-12,Avery,Testperson,77 Sample Blvd,Boulder,Colorado,80301,US,(303)555-0147,avery@example.com,,,';
    writeFileSync(path, `${[header, older, ...rows].join('\n')}\n`);
  });
  afterAll(two.cleanup);

  it('takes the profile its active subscription bills (not the first one in the file)', () => {
    expect(rowOf(two, '40000000001')).toMatchObject({
      customerId: 'C100',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-15',
      cardNumber: '4111111111111111',
    });
  });
});
