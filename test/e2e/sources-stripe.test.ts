import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate } from '../support/cli.js';
import { buildPreset, expectAccounting, expectCheckAccepts, rowOf } from './sources-support.js';

const KEY = 'ab'.repeat(32);
const b = buildPreset(
  'stripe',
  [
    ['# importDate: "2026-12-01"', 'importDate: "2026-12-01"'],
    [
      /plans: \{\}.*/,
      'plans: { Gold Monthly: { campaignId: 12, productId: 101 }, Silver Monthly: { campaignId: 12, productId: 102 } }',
    ],
    [/mids: \{\}.*/, 'mids: { usd: "7" }'],
  ],
  { KMIGRATE_STAGING_KEY: KEY },
);
afterAll(b.cleanup);

describe('Stripe preset: customers + subscriptions + payments + PAN file, built through the CLI', () => {
  it('builds (exit 1: one payment has no customer) and check accepts the transactions file', () => {
    expect(b.stderr).toBe('');
    expect(b.code).toBe(1);
    expectCheckAccepts(b, '2026-12-01');
  });

  it('keeps row accounting for every source file; every unused record is explained in rejects.csv', () => {
    expectAccounting(
      b,
      {
        payments: 'payments.csv',
        customers: 'customers.csv',
        subscriptions: 'subscriptions.csv',
        cards: 'cards.csv',
      },
      'stripe',
    );
    const why = b.rejects.map((r) => [r.source, r.row, r.outcome, r.codes, r.customerId]);
    expect(why).toEqual([
      ['payments', '8', 'rejected', 'JOIN_ORPHAN', ''],
      ['customers', '5', 'skipped', 'JOIN_UNUSED', 'cus_E5'],
      ['subscriptions', '1', 'skipped', 'JOIN_UNUSED', 'cus_A1'],
      // an active subscription with no payment: the customer would never be billed again
      ['subscriptions', '6', 'skipped', 'JOIN_UNUSED_SUBSCRIBER', 'cus_E5'],
      ['cards', '3', 'skipped', 'JOIN_UNUSED', 'card_B2x'],
      ['cards', '6', 'skipped', 'JOIN_UNUSED', 'card_E5'],
      ['cards', '7', 'skipped', 'JOIN_UNUSED', 'card_QQ'],
    ]);
    expect(b.report.countsByCode.JOIN_UNUSED_SUBSCRIBER).toBe(1);
  });

  it('warns on each payment of a customer with several subscriptions (the export does not say which it is for), keeping it', () => {
    const ambiguous = b.report.issues.filter((i) => i.code === 'JOIN_AMBIGUOUS');
    expect(ambiguous.length).toBeGreaterThan(0);
    const rows = new Set(ambiguous.map((i) => i.row));
    // one warning per payment row (not again for its derived REFUND row); the payments are written
    expect(rows.size).toBe(ambiguous.length);
    for (const row of rows)
      expect(b.rejects.some((r) => r.source === 'payments' && r.row === String(row))).toBe(false);
    expect(ambiguous.every((i) => i.severity === 'warning' && /cus|subscriptions/.test(i.message))).toBe(
      true,
    );
  });

  it('reports orphans on both sides, the default-card fallback and the duplicate-customer merge', () => {
    const j = b.joins;
    expect(j?.joins.map((x) => [x.matched, x.orphans, x.viaElse])).toEqual([
      [7, 1, 0],
      [7, 0, 0],
      [7, 1, 1],
    ]);
    expect(j?.unused.cards).toEqual({ count: 3, examples: ['card_B2x', 'card_E5', 'card_QQ'] });
    expect(j?.merges).toEqual([
      { source: 'customers', customer: 'cus_D4', mergedInto: 'cus_A1', by: 'email' },
    ]);
  });

  it('cus_A1: active subscription → nextBillDate from the day-first period end; unpadded month; state name', () => {
    expect(rowOf(b, 'ch_A1a')).toMatchObject({
      customerId: 'cus_A1',
      orderId: '1',
      dateCreated: '2026-09-15 14:03:00',
      campaignId: '12',
      productId: '101',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-15',
      paySource: 'CREDITCARD',
      cardNumber: '4242424242424242',
      cardExpiryMonth: '09',
      cardExpiryYear: '2028',
      merchantId: '7',
      txnType: 'SALE',
      subTotal: '29.95',
      responseType: 'SUCCESS',
      firstName: 'Rowan',
      lastName: 'Exampleton',
      address1: '6965 Example Ave',
      city: 'Hartford',
      state: 'CT',
      postalCode: '06103',
      country: 'US',
      emailAddress: 'rowan@example.com',
      phoneNumber: '1111111111',
      billShipSame: '1',
    });
    expect(rowOf(b, 'ch_A1c')).toMatchObject({
      orderId: '3',
      responseType: 'DECLINE',
      responseText: 'DECLINE',
    });
  });

  it('cus_B2: trialing → nextBillDate is the trial end; a payment without Card ID gets the default card', () => {
    expect(rowOf(b, 'ch_B2a')).toMatchObject({
      isActiveRecurring: '1',
      nextBillDate: '2026-12-17',
      productId: '102',
      emailAddress: 'sage@example.org',
    });
    expect(rowOf(b, 'ch_B2b')).toMatchObject({
      cardNumber: '5555555555554444',
      cardExpiryMonth: '12',
      orderId: '5',
      address2: 'Apt 4',
    });
  });

  it("refunds: a refunded and a partially refunded payment each get a REFUND row in the sale's order", () => {
    const rows = (id: string) =>
      b.rows
        .filter((r) => r.merchantTxnId === id)
        .map((r) => [r.txnType, r.subTotal, r.orderId, r.responseType]);
    expect(rows('ch_B2b')).toEqual([
      ['SALE', '5.00', '5', 'SUCCESS'],
      ['REFUND', '5.00', '5', 'SUCCESS'],
    ]);
    expect(rows('ch_C3a')).toEqual([
      ['SALE', '29.95', '6', 'SUCCESS'],
      ['REFUND', '10.00', '6', 'SUCCESS'],
    ]);
    const refund = b.rows.find((r) => r.merchantTxnId === 'ch_C3a' && r.txnType === 'REFUND');
    expect(refund).toMatchObject({
      customerId: 'cus_C3',
      cardNumber: '378282246310005',
      dateCreated: '2026-08-01 12:00:00',
    });
    expect(b.rows.filter((r) => r.txnType === 'REFUND')).toHaveLength(2);
    expect(b.joins?.refunds).toEqual({ rows: 2, used: 2, rejected: 0, skipped: 0 });
    // payments' accounting counts records, not output rows: 8 records, 7 used, 1 orphan
    expect(b.report.accounting.payments).toEqual({ records: 8, used: 7, rejected: 1, skipped: 0 });
  });

  it('check finds no refund without a sale in the output', () => {
    const r = kmigrate([
      'check',
      join(b.out, 'transactions.csv'),
      '--import-date',
      '2026-12-01',
      '--format',
      'json',
    ]);
    const codes = (JSON.parse(r.stdout) as { countsByCode: Record<string, number> }).countsByCode;
    expect(codes.REFUND_WITHOUT_SALE ?? 0).toBe(0);
    expect(codes.DUPLICATE_MERCHANT_TXN_ID ?? 0).toBe(0);
  });

  it('cus_C3: canceled → not recurring, no next bill date; Amex; "null" address line is blank', () => {
    expect(rowOf(b, 'ch_C3a')).toMatchObject({
      isActiveRecurring: '0',
      nextBillDate: '',
      cardNumber: '378282246310005',
      cardExpiryMonth: '01',
      address2: '',
      state: 'CO',
    });
  });

  it('cus_D4 (same email as cus_A1) is merged into cus_A1 with its own card', () => {
    expect(rowOf(b, 'ch_D4a')).toMatchObject({
      customerId: 'cus_A1',
      cardNumber: '5105105105105100',
      isActiveRecurring: '0',
    });
  });

  it('keeps card numbers sealed in the staging database and reuses it when inputs are unchanged', () => {
    const db = readFileSync(join(b.dir, '.kmigrate', 'staging.sqlite'));
    // the staged exports are the owner's only, like the vault
    expect(statSync(join(b.dir, '.kmigrate', 'staging.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(join(b.dir, '.kmigrate')).mode & 0o777).toBe(0o700);
    for (const pan of ['4242424242424242', '5555555555554444', '378282246310005'])
      expect(db.includes(pan)).toBe(false);
    const before = readFileSync(join(b.out, 'transactions.csv'));
    const report = readFileSync(join(b.out, 'report.json'));
    const again = b.rebuild();
    expect(again.code).toBe(1);
    expect(again.reused.sort()).toEqual(['cards', 'customers', 'subscriptions']);
    expect(readFileSync(join(b.out, 'transactions.csv')).equals(before)).toBe(true);
    // report.json (joins included) is the same bytes whether the staging was reused or not
    expect(readFileSync(join(b.out, 'report.json')).equals(report)).toBe(true);
    expect(existsSync(join(b.out, 'joins.json'))).toBe(false);
  });
});

describe('Stripe preset on an older payments layout (columns missing, renamed, added, reordered)', () => {
  const older = buildPreset(
    'stripe',
    [
      ['# importDate: "2026-12-01"', 'importDate: "2026-12-01"'],
      [
        /plans: \{\}.*/,
        'plans: { Gold Monthly: { campaignId: 12, productId: 101 }, Silver Monthly: { campaignId: 12, productId: 102 } }',
      ],
      [/mids: \{\}.*/, 'mids: { usd: "7" }'],
    ],
    {},
    (exportsDir) => {
      const path = join(exportsDir, 'payments.csv');
      const rows = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
        skipEmptyLines: true,
      }).data;
      const header = rows[0] ?? [];
      const drop = new Set([
        'Seller Message',
        'Card ID',
        'Card Tokenization Method',
        'Transfer Group',
        'PaymentIntent ID',
      ]);
      const keep = header
        .map((h, i) => [h, i] as const)
        .filter(([h]) => !drop.has(h))
        .reverse();
      const out = rows.map((r, n) => [
        ...keep.map(([h, i]) =>
          n === 0 && h === 'Statement Descriptor' ? 'Statement Description' : (r[i] ?? ''),
        ),
        n === 0 ? 'plan (metadata)' : 'x',
      ]);
      writeFileSync(path, Papa.unparse(out));
    },
  );
  afterAll(older.cleanup);

  it("builds the same transactions: without Card ID every payment gets its customer's default card", () => {
    expect(older.stderr).toBe('');
    expect(older.rows).toEqual(b.rows);
    expect(older.joins?.joins[2]).toMatchObject({ matched: 7, viaElse: 7, orphans: 1 });
  });
});
