import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';
import { buildPreset, expectAccounting, expectCheckAccepts, parseCsv, rowOf } from './sources-support.js';

/** The merchant's assignments (importDate, plans, MIDs); `plans` replaced where a test needs others. */
const ASSIGN = (plans = PLANS): [RegExp | string, string][] => [
  ['# importDate: "2026-12-01"', 'importDate: "2026-12-01"'],
  [/plans: \{\}.*/, `plans: ${plans}`],
  [/mids: \{\}.*/, 'mids: { stripe: "3" }'],
];
const PLANS =
  '{ "5179": { campaignId: 20, productId: 301 }, "5180": { campaignId: 20, productId: 302 }, "5181": { campaignId: 20, productId: 303 } }';

const b = buildPreset('woocommerce', ASSIGN());
afterAll(b.cleanup);

describe('WooCommerce Subscriptions preset: packed cells + the Stripe card file', () => {
  it('builds through the CLI and check accepts the transactions file', () => {
    expect(b.stderr).toBe('');
    expect(b.code).toBe(1);
    expectCheckAccepts(b, '2026-12-01');
  });

  it('keeps row accounting; PayPal (no card) is rejected, pending is skipped before any join', () => {
    expectAccounting(b, { subscriptions: 'subscriptions.csv', cards: 'cards.csv' }, 'woocommerce');
    expect(b.rejects.map((r) => [r.source, r.row, r.outcome, r.codes])).toEqual([
      ['subscriptions', '3', 'rejected', 'JOIN_ORPHAN'],
      ['subscriptions', '4', 'skipped', 'NOT_PAID'],
      ['cards', '2', 'skipped', 'JOIN_UNUSED'],
    ]);
    // 3002 holds two products in order_items: one row each, the second beside its record
    expect(b.report.countsByCode.PACKED_ITEMS_DROPPED ?? 0).toBe(0);
    expect(b.report.items).toEqual({ rows: 1, used: 1, rejected: 0, skipped: 0 });
    expect(b.report.accounting.subscriptions).toEqual({ records: 4, used: 2, rejected: 1, skipped: 1 });
  });

  it("counts each record once in the join's report, not once per product row", () => {
    // 3001 by its card id; 3002 (two products) by its customer's default card; 3003 (PayPal) and
    // 3004 (pending, skipped later) have no card
    expect(b.joins?.joins.map((j) => [j.matched, j.viaElse, j.orphans])).toEqual([[2, 1, 2]]);
  });

  it('3002: a subscription of two products is one row per product in one order; the rows add up to the order', () => {
    const rows = b.rows
      .filter((r) => r.customerId === '12')
      .map((r) => [
        r.orderId,
        r.productId,
        r.merchantTxnId,
        r.subTotal,
        r.shippingPrice,
        r.salesTax,
        r.totalAmount,
      ]);
    // order_total 20.00 = 15.00 (the first row: its product, the shipping, the order's tax) + 5.00
    expect(rows).toEqual([
      ['2', '302', '3002', '15.00', '5.00', '0.91', '15.00'],
      ['2', '303', '3002-2', '5.00', '', '0.00', '5.00'],
    ]);
    const second = b.rows.find((r) => r.merchantTxnId === '3002-2');
    expect(second).toMatchObject({
      dateCreated: '2026-10-15 08:00:00',
      isActiveRecurring: '0',
      cardNumber: rowOf(b, '3002').cardNumber,
    });
  });

  it('3001: order_items and payment_method_post_meta unpacked; state and country names; intl phone', () => {
    expect(rowOf(b, '3001')).toMatchObject({
      customerId: '11',
      dateCreated: '2026-11-01 10:00:00',
      campaignId: '20',
      productId: '301',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-01',
      cardNumber: '4242424242424242',
      cardExpiryMonth: '06',
      merchantId: '3',
      subTotal: '9.09',
      shippingPrice: '5.00',
      salesTax: '0.91',
      totalAmount: '15.00',
      state: 'QLD',
      country: 'AU',
      phoneNumber: '61755550123',
    });
  });

  it('3002: on hold with next_payment_date 0 → not recurring; no payment → start date; default card; ship address', () => {
    expect(rowOf(b, '3002')).toMatchObject({
      dateCreated: '2026-10-15 08:00:00',
      isActiveRecurring: '0',
      nextBillDate: '',
      productId: '302',
      subTotal: '15.00',
      cardNumber: '5555555555554444',
      billShipSame: '0',
      shipAddress1: '9 Gift Ln',
    });
  });
});

describe('WooCommerce: a broken record holding several products', () => {
  const broken = buildPreset('woocommerce', ASSIGN(), {}, (dir) => {
    // 3002 again as 3005, with one field too many: a ragged record
    const path = join(dir, 'subscriptions.csv');
    const line = readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .find((l) => l.startsWith('3002,'));
    appendFileSync(path, `${line?.replace(/^3002,/, '3005,')},extra\n`);
  });
  afterAll(broken.cleanup);

  it('is rejected once, as one record: none of its products is written', () => {
    expect(broken.rows.filter((r) => (r.merchantTxnId ?? '').startsWith('3005'))).toEqual([]);
    expect(broken.rejects.filter((r) => r.row === '5').map((r) => [r.source, r.outcome, r.codes])).toEqual([
      ['subscriptions', 'rejected', 'CSV_RAGGED_ROW'],
    ]);
    expect(broken.report.items).toEqual({ rows: 1, used: 1, rejected: 0, skipped: 0 });
    expect(broken.report.accounting.subscriptions).toEqual({ records: 5, used: 2, rejected: 2, skipped: 1 });
  });
});

describe('WooCommerce: a record whose first product is not written', () => {
  // 5180 (3002's first product) has no assignment: the record is rejected
  const partial = buildPreset(
    'woocommerce',
    ASSIGN('{ "5179": { campaignId: 20, productId: 301 }, "5181": { campaignId: 20, productId: 303 } }'),
  );
  afterAll(partial.cleanup);

  it('writes none of its products: the further one is skipped, under the same row, and counted', () => {
    expect(partial.rows.filter((r) => r.customerId === '12')).toEqual([]);
    expect(
      partial.rejects
        .filter((r) => r.source === 'subscriptions' && r.row === '2')
        .map((r) => [r.outcome, r.codes]),
    ).toEqual([
      ['rejected', 'LOOKUP_MISSING'],
      ['skipped', 'ITEM_RECORD_NOT_WRITTEN'],
    ]);
    expect(partial.report.items).toEqual({ rows: 1, used: 0, rejected: 0, skipped: 1 });
    // 3002's own row (product 1) is named as the record's; a further product's issues say which it is
    expect(
      partial.report.issues
        .filter((i) => i.row === 2 && i.code === 'LOOKUP_MISSING')
        .every((i) => !/^Product/.test(i.message)),
    ).toBe(true);
    const follower = partial.rejects.find((r) => r.codes === 'ITEM_RECORD_NOT_WRITTEN');
    expect(follower?.message).toMatch(/^Product 2 of this record: /);
    // its record's ids, as on the record's own line
    const own = partial.rejects.find((r) => r.source === 'subscriptions' && r.codes === 'LOOKUP_MISSING');
    expect([follower?.customerId, follower?.orderId]).toEqual([own?.customerId, own?.orderId]);
    expect(follower?.customerId).toBe('12');
    expectAccounting(partial, { subscriptions: 'subscriptions.csv', cards: 'cards.csv' }, 'woocommerce');
  });
});

describe('WooCommerce: a further product rejected on its own', () => {
  // 5181 (3002's second product) has no assignment: the record is rejected whole
  const alone = buildPreset(
    'woocommerce',
    ASSIGN('{ "5179": { campaignId: 20, productId: 301 }, "5180": { campaignId: 20, productId: 302 } }'),
  );
  afterAll(alone.cleanup);

  it("writes none of its products: the product is rejected with its reason, the record's own row not written", () => {
    const issues = alone.report.issues.filter((i) => i.row === 2 && i.code === 'LOOKUP_MISSING');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.message.startsWith('Product 2 of this record: '))).toBe(true);
    expect(alone.rows.filter((r) => r.customerId === '12')).toEqual([]);
    const lines = alone.rejects.filter((r) => r.source === 'subscriptions' && r.row === '2');
    expect(lines.map((r) => [r.outcome, r.codes, r.customerId, r.orderId])).toEqual([
      ['skipped', 'ITEM_RECORD_NOT_WRITTEN', '12', '2'],
      ['rejected', 'LOOKUP_MISSING', '12', '2'],
    ]);
    expect(lines[0]?.message).toBe(
      'not written, because product 2 of this record was rejected (see its own line).',
    );
    expect(lines[1]?.message).toMatch(/^Product 2 of this record: campaignId: /);
    // the held-back row listed in rejects.csv is counted among the warnings (report.json and summary)
    expect(alone.report.countsByCode.ITEM_RECORD_NOT_WRITTEN).toBe(1);
    expect(
      alone.report.issues.filter((i) => i.code === 'ITEM_RECORD_NOT_WRITTEN').map((i) => [i.row, i.severity]),
    ).toEqual([[2, 'warning']]);
    // each row counted once: the record held back by its rejected product as rejected, its further
    // product in items; the record's card is now used by no written row
    expect(alone.report.items).toEqual({ rows: 1, used: 0, rejected: 1, skipped: 0 });
    expect(alone.report.accounting.subscriptions).toEqual({ records: 4, used: 1, rejected: 2, skipped: 1 });
    expect(alone.rejects.filter((r) => r.source === 'cards').map((r) => [r.codes, r.customerId])).toEqual([
      ['JOIN_UNUSED', 'card_W2old'],
      ['JOIN_UNUSED', 'card_W2'],
    ]);
    expectAccounting(alone, { subscriptions: 'subscriptions.csv', cards: 'cards.csv' }, 'woocommerce');
  });

  it('the CLI summary gives the numbers of report.json', () => {
    const out = join(alone.dir, 'out-text');
    const r = kmigrate([
      'build',
      '--config',
      join(alone.dir, 'migration.yaml'),
      '--out',
      out,
      '--cleartext-cards',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  source subscriptions: 4 record(s): 1 used, 2 rejected, 1 skipped\n');
    expect(r.stdout).toContain(
      '  further products (records holding several): 1 row(s) beside their records: 0 used, 1 rejected, 0 skipped\n',
    );
    expect(r.stdout).toMatch(/transactions\.csv \(1 row\(s\)\)/);
    expect(r.stdout).toContain('forecast: 1 active subscription(s) will rebill 15.00 in total');
  });
});

describe('WooCommerce export without joins: the further products are counted all the same', () => {
  const t = tempDir({
    'migration.yaml': `version: 1
target: { importDate: "2026-12-01" }
sources:
  - { name: subs, file: ${join(ROOT, 'test/fixtures/sources/woocommerce/subscriptions.csv')}, preset: woocommerce.subscriptions }
transactions:
  source: subs
  skip:
    - { column: subscription_status, in: [wc-pending], reason: NOT_PAID }
  columns:
    customerId: { from: customer_id }
    orderId: { from: subscription_id }
    dateCreated: { from: payment_date }
    campaignId: { value: "20" }
    productId: { from: order_items.product_id }
    isActiveRecurring: { value: "0" }
    paySource: { value: CREDITCARD }
    cardNumber: { value: "4111111111111111" }
    cardExpiryMonth: { value: "12" }
    cardExpiryYear: { value: "2030" }
    merchantId: { value: "3" }
    merchantTxnId: { from: item.txn_id }
    txnType: { value: SALE }
    subTotal: { from: order_items.total }
    totalAmount: { from: item.total }
    responseType: { value: SUCCESS }
    responseText: { value: SUCCESS }
    firstName: { from: billing_first_name }
    lastName: { from: billing_last_name }
    address1: { from: billing_address_1 }
    city: { from: billing_city }
    state: { from: billing_state }
    postalCode: { from: billing_postcode }
    country: { from: billing_country }
    emailAddress: { from: billing_email }
    phoneNumber: { from: billing_phone, dummy: "1111111111" }
    billShipSame: { value: "1" }
`,
  });
  afterAll(t.cleanup);

  it('report.json and the summary count the further product rows beside the records', () => {
    const out = join(t.dir, 'out');
    const r = kmigrate([
      'build',
      '--config',
      join(t.dir, 'migration.yaml'),
      '--out',
      out,
      '--format',
      'json',
      '--cleartext-cards',
    ]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      accounting: Record<string, { records: number; used: number; rejected: number; skipped: number }>;
      items: { rows: number; used: number; rejected: number; skipped: number } | null;
    };
    const rows = parseCsv(join(out, 'transactions.csv'));
    const a = report.accounting.subs;
    expect(a).toEqual({ records: 4, used: 3, rejected: 0, skipped: 1 });
    expect(report.items).toEqual({ rows: 1, used: 1, rejected: 0, skipped: 0 });
    expect(rows.length).toBe((a?.used ?? 0) + (report.items?.used ?? 0));
    expect(rows.map((x) => x.merchantTxnId)).toEqual(['3001', '3002', '3002-2', '3003']);
  });
});

describe('WooCommerce: a free gift first in a subscription of several products', () => {
  // 3002 with a free gift (5999, price 0) before its two products, skipped by a rule
  const gift = buildPreset(
    'woocommerce',
    [
      ...ASSIGN(),
      [
        '- { column: subscription_status, in: [wc-pending, pending], reason: NOT_PAID }',
        '- { column: subscription_status, in: [wc-pending, pending], reason: NOT_PAID }\n    - { column: order_items.product_id, in: ["5999"], reason: FREE_GIFT }',
      ],
    ],
    {},
    (dir) => {
      const path = join(dir, 'subscriptions.csv');
      const text = readFileSync(path, 'utf8').replace(
        /^(3002,.*)product_id:5180\|quantity:2/m,
        '$1product_id:5999|quantity:1|total:0.00|tax:0;product_id:5180|quantity:2',
      );
      writeFileSync(path, text);
    },
  );
  afterAll(gift.cleanup);

  it('drops only the gift: the first written product carries the shipping and the rest of the order', () => {
    expect(gift.stderr).toBe('');
    const rows = gift.rows
      .filter((r) => r.customerId === '12')
      .map((r) => [r.productId, r.merchantTxnId, r.subTotal, r.shippingPrice, r.salesTax, r.totalAmount]);
    // order_total 20.00: the gift's share (shipping 5.00, the order's tax 0.91) is on 3002-2's row
    expect(rows).toEqual([
      ['302', '3002-2', '15.00', '5.00', '0.91', '15.00'],
      ['303', '3002-3', '5.00', '', '0.00', '5.00'],
    ]);
    expect(
      gift.rejects
        .filter((r) => r.source === 'subscriptions' && r.row === '2')
        .map((r) => [r.outcome, r.codes]),
    ).toEqual([['skipped', 'FREE_GIFT']]);
    // the record is used; the gift's row counts beside it, with the further products
    expect(gift.report.accounting.subscriptions).toEqual({ records: 4, used: 2, rejected: 1, skipped: 1 });
    expect(gift.report.items).toEqual({ rows: 2, used: 1, rejected: 0, skipped: 1 });
    expect(gift.report.countsByCode.ITEM_RECORD_NOT_WRITTEN ?? 0).toBe(0);
    expectAccounting(gift, { subscriptions: 'subscriptions.csv', cards: 'cards.csv' }, 'woocommerce');
    expectCheckAccepts(gift, '2026-12-01');
  });
});

describe('WooCommerce: a subscription whose two products both lack a plan', () => {
  const both = buildPreset('woocommerce', ASSIGN('{ "5179": { campaignId: 20, productId: 301 } }'));
  afterAll(both.cleanup);

  it("lists both plans in one build, each once; each product's line gives its own reason", () => {
    expect(both.report.lookupTodo?.plans).toEqual([
      { value: '5180', rows: 1 },
      { value: '5181', rows: 1 },
    ]);
    const lines = both.rejects.filter((r) => r.source === 'subscriptions' && r.row === '2');
    expect(lines.map((r) => [r.outcome, r.codes, (r.message ?? '').replace(/:.*/, '')])).toEqual([
      ['rejected', 'LOOKUP_MISSING', 'campaignId'],
      ['rejected', 'LOOKUP_MISSING', 'Product 2 of this record'],
    ]);
    const warnings = both.report.issues.filter((i) => i.severity === 'warning').length;
    expect(both.report.summary?.warnings).toBe(warnings);
    expectAccounting(both, { subscriptions: 'subscriptions.csv', cards: 'cards.csv' }, 'woocommerce');
  });
});
