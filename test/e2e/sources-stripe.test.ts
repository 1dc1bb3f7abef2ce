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
      'plans: { Gold Monthly: { campaignId: 12, productId: 101 }, Silver Monthly: { campaignId: 12, productId: 102 }, "": { campaignId: 12, productId: 199 } }',
    ],
    [/mids: \{\}.*/, 'mids: { usd: "7" }'],
  ],
  { KMIGRATE_STAGING_KEY: KEY },
);
afterAll(b.cleanup);

describe('Stripe preset: customers + invoices + subscriptions + payments + PAN file, built through the CLI', () => {
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
        invoices: 'invoices.csv',
        subscriptions: 'subscriptions.csv',
        cards: 'cards.csv',
      },
      'stripe',
    );
    const why = b.rejects.map((r) => [r.source, r.row, r.outcome, r.codes, r.customerId]);
    expect(why).toEqual([
      ['payments', '8', 'rejected', 'JOIN_ORPHAN', ''],
      ['customers', '5', 'skipped', 'JOIN_UNUSED', 'cus_E5'],
      // the orphan payment's invoice, and a void invoice no payment refers to
      ['invoices', '7', 'skipped', 'JOIN_UNUSED', 'in_ZZa'],
      ['invoices', '10', 'skipped', 'JOIN_UNUSED', 'in_VOID'],
      ['subscriptions', '1', 'skipped', 'JOIN_UNUSED', 'cus_A1'],
      // an active subscription with no payment: the customer would never be billed again
      ['subscriptions', '6', 'skipped', 'JOIN_UNUSED_SUBSCRIBER', 'cus_E5'],
      ['cards', '3', 'skipped', 'JOIN_UNUSED', 'card_B2x'],
      ['cards', '6', 'skipped', 'JOIN_UNUSED', 'card_E5'],
      ['cards', '7', 'skipped', 'JOIN_UNUSED', 'card_QQ'],
    ]);
    expect(b.report.countsByCode.JOIN_UNUSED_SUBSCRIBER).toBe(1);
  });

  it("links each payment to its invoice's subscription, whatever else the customer subscribes to", () => {
    // cus_F6 has two active subscriptions: each invoiced payment carries its own plan and next bill
    expect(rowOf(b, 'ch_F6g')).toMatchObject({
      productId: '101',
      isActiveRecurring: '1',
      nextBillDate: '2026-12-05',
    });
    expect(rowOf(b, 'ch_F6s')).toMatchObject({
      productId: '102',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-06',
    });
    // cus_A1's payments are for sub_A1 by their invoices: no guess among its two subscriptions
    for (const id of ['ch_A1a', 'ch_A1b', 'ch_A1c'])
      expect(rowOf(b, id)).toMatchObject({ nextBillDate: '2027-01-15' });
    // both of cus_F6's subscriptions are carried: neither is left out as JOIN_UNUSED_SUBSCRIBER
    expect(b.rejects.filter((r) => r.customerId === 'cus_F6')).toEqual([]);
  });

  it('a payment without an invoice is a one-time charge: no subscription, the "" plan, and no rebill price', () => {
    // ch_F6x (cus_F6 has two subscriptions) and ch_B2b (cus_B2 has one): neither is guessed
    for (const id of ['ch_F6x', 'ch_B2b'])
      expect(rowOf(b, id)).toMatchObject({ productId: '199', isActiveRecurring: '0', nextBillDate: '' });
    expect(b.report.countsByCode.JOIN_AMBIGUOUS ?? 0).toBe(0);
    // each subscription rebills at its own price, not at a one-time charge's that came later
    const forecast = (b.report as unknown as { forecast: { byDay: { date: string; amount: string }[] } })
      .forecast;
    expect(forecast.byDay.map((d) => [d.date, d.amount])).toEqual([
      ['2026-12-05', '29.95'],
      ['2026-12-17', '19.95'],
      ['2027-01-06', '19.95'],
      ['2027-01-15', '29.95'],
    ]);
  });

  it('reports orphans on both sides, the default-card fallback and the duplicate-customer merge', () => {
    const j = b.joins;
    expect(j?.joins.map((x) => [x.matched, x.orphans, x.viaElse])).toEqual([
      [10, 1, 0], // customers: ch_ZZa's customer is missing
      [9, 0, 0], // invoices: ch_B2b and ch_F6x have none
      [8, 0, 0], // subscriptions: by invoice (in_ZZa's sub_ZZ is not in the export)
      [10, 1, 1], // cards: ch_B2b has no Card ID (the default card)
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
    // payments' accounting counts records, not output rows: 11 records, 10 used, 1 orphan
    expect(b.report.accounting.payments).toEqual({ records: 11, used: 10, rejected: 1, skipped: 0 });
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
    expect(again.reused.sort()).toEqual(['cards', 'customers', 'invoices', 'subscriptions']);
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
        'plans: { Gold Monthly: { campaignId: 12, productId: 101 }, Silver Monthly: { campaignId: 12, productId: 102 }, "": { campaignId: 12, productId: 199 } }',
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
    expect(older.joins?.joins[3]).toMatchObject({ matched: 10, viaElse: 10, orphans: 1 });
  });
});
