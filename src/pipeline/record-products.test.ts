import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config/index.js';
import { openCsv } from '../csv/index.js';
import { runBuild } from './build.js';

// A WooCommerce subscription of several products is one Transactions row per product; the record
// is written whole or not at all (process-record.ts, processProducts).

const FIXTURE = readFileSync(
  fileURLToPath(new URL('../../test/fixtures/sources/woocommerce/subscriptions.csv', import.meta.url)),
  'utf8',
).split(/\r?\n/);
const HEADER = (FIXTURE[0] ?? '').split(',');
// 3002: a subscription of two products (no quoted cell in the fixture)
const TEMPLATE = (FIXTURE.find((l) => l.startsWith('3002,')) ?? '').split(',');

/** A subscription record: the 3002 line with these cells. */
function record(cells: Record<string, string>): string {
  const fields = [...TEMPLATE];
  for (const [name, value] of Object.entries(cells)) {
    const at = HEADER.indexOf(name);
    if (at < 0) throw new Error(`no column ${name}`);
    fields[at] = value;
  }
  return fields.join(',');
}

/** order_items of products given as [product_id, total]. */
const items = (...products: [string, string][]): string =>
  products.map(([id, total]) => `product_id:${id}|quantity:1|total:${total}|tax:0`).join(';');

const CARD = ['4111', '1111', '1111', '1111'].join('');
const CONFIG = `version: 1
target: { importDate: "2026-12-01" }
sources:
  - { name: subs, file: subs.csv, preset: woocommerce.subscriptions }
transactions:
  source: subs
  skip:
    - { column: subscription_status, in: [wc-pending], reason: NOT_PAID }
    - { column: order_items.product_id, in: ["5999"], reason: FREE_GIFT }
  columns:
    customerId: { from: customer_id }
    orderId: { from: subscription_id }
    dateCreated: { from: payment_date }
    campaignId: { from: order_items.product_id, lookup: plans, field: campaignId }
    productId: { from: order_items.product_id, lookup: plans, field: productId }
    isActiveRecurring: { value: "1" }
    nextBillDate: { value: "2027-01-15" }
    paySource: { value: CREDITCARD }
    cardNumber: { value: "${CARD}" }
    cardExpiryMonth: { value: "12" }
    cardExpiryYear: { value: "2030" }
    merchantId: { value: "3" }
    merchantTxnId: { from: item.txn_id }
    txnType: { value: SALE }
    subTotal: { from: order_items.total }
    shippingPrice: { from: item.shipping }
    salesTax: { from: item.tax }
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
    phoneNumber: { from: billing_phone }
    billShipSame: { value: "1" }
lookups:
  plans: { "5180": { campaignId: 20, productId: 302 }, "5181": { campaignId: 20, productId: 303 }, "5182": { campaignId: 20, productId: 304 } }
`;

/** CONFIG with a refund of order_shipping_tax derived for each record (derive.refunds). */
const REFUND_CONFIG = CONFIG.replace(
  'transactions:\n',
  'derive:\n  refunds: { amount: subs.order_shipping_tax }\ntransactions:\n',
)
  .replace('txnType: { value: SALE }', 'txnType: { from: derived.txnType }')
  .replace(
    'subTotal: { from: order_items.total }',
    'subTotal: { from: [derived.refundAmount, order_items.total] }',
  );

const root = mkdtempSync(join(tmpdir(), 'kmigrate-products-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A CSV file as objects by header name. */
async function readCsv(path: string): Promise<Record<string, string>[]> {
  const reader = await openCsv(path, {});
  const rows: Record<string, string>[] = [];
  for await (const batch of reader.batches())
    for (const r of batch) rows.push(Object.fromEntries(reader.header.map((h, i) => [h, r.fields[i] ?? ''])));
  return rows;
}

async function build(name: string, records: readonly string[], config = CONFIG) {
  const dir = join(root, name);
  const out = join(dir, 'out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.yaml'), config);
  writeFileSync(join(dir, 'subs.csv'), `${[HEADER.join(','), ...records].join('\r\n')}\r\n`);
  const loaded = await readConfig(join(dir, 'migration.yaml'));
  const result = await runBuild(loaded, { outDir: out, today: '2026-12-01', cleartextCards: true });
  return {
    result,
    text: readFileSync(join(out, 'transactions.csv'), 'utf8'),
    rows: await readCsv(join(out, 'transactions.csv')),
    rejects: await readCsv(join(out, 'rejects.csv')),
  };
}

/** Issues as [row, code, message], in order (cross-row findings name rows). */
const issuesOf = (b: Awaited<ReturnType<typeof build>>, from: number) =>
  b.result.issues.filter((i) => (i.row ?? 0) >= from).map((i) => [i.row, i.code, i.message]);

// Record 1: three products, the second (5183) with no assignment in plans. The records after it
// share its subscription_id, customer and email: a row of record 1 counted by the cross-row rules
// would make them duplicates. Record 3 (two products, all assigned) is written whole.
const THREE = items(['5180', '10.00'], ['5183', '5.00'], ['5182', '5.00']);
const FAILING = record({
  subscription_id: '4001',
  customer_id: '41',
  order_items: THREE,
  order_total: '25.00',
});
const REST = [
  // the same subscription id and customer with another name, and a single product
  record({
    subscription_id: '4001',
    customer_id: '41',
    billing_first_name: 'Other',
    order_items: items(['5180', '15.00']),
    order_total: '20.00',
  }),
  record({
    subscription_id: '4003',
    customer_id: '43',
    order_items: items(['5180', '15.00'], ['5181', '5.00']),
  }),
  // a duplicate of 4003's first row: still found, so written rows of several products feed the rules
  record({
    subscription_id: '4003',
    customer_id: '43',
    order_items: items(['5180', '15.00']),
    order_total: '20.00',
  }),
];

describe('build: a record of several products is written whole or not at all', () => {
  it('writes none of its rows when a further product is rejected; each row is in rejects.csv', async () => {
    const b = await build('failing', [FAILING, ...REST]);
    expect(b.rows.map((r) => r.merchantTxnId)).toEqual(['4001', '4003', '4003-2', '4003']);
    expect(b.rejects.map((r) => [r.row, r.outcome, r.codes, r.message, r.customerId, r.orderId])).toEqual([
      [
        '1',
        'skipped',
        'ITEM_RECORD_NOT_WRITTEN',
        'not written, because product 2 of this record was rejected (see its own line).',
        '41',
        '4001',
      ],
      [
        '1',
        'rejected',
        'LOOKUP_MISSING',
        'Product 2 of this record: campaignId: No entry for this value in lookup table plans; add it to migration.yaml.',
        '41',
        '4001',
      ],
      [
        '1',
        'skipped',
        'ITEM_RECORD_NOT_WRITTEN',
        'Product 3 of this record: not written, because product 2 of this record was rejected (see its own line).',
        '41',
        '4001',
      ],
    ]);
    // the record held back by its rejected product counts as rejected; its further rows in items
    expect(b.result.accounting.subs).toEqual({ records: 4, used: 3, rejected: 1, skipped: 0 });
    expect(b.result.items).toEqual({ rows: 3, used: 1, rejected: 1, skipped: 1 });
    expect(b.rows.length).toBe(3 + 1);
    expect(b.rejects.length).toBe(1 + 2);
    expect(b.result.lookupTodo.plans).toEqual([{ value: '5183', rows: 1 }]);
  });

  it('leaves no trace on the rest of the build: the same rows, findings and forecast as a skipped record', async () => {
    const failing = await build('trace', [FAILING, ...REST]);
    const skipped = await build('baseline', [record({ subscription_status: 'wc-pending' }), ...REST]);
    expect(failing.text).toBe(skipped.text);
    expect(failing.result.forecast).toEqual(skipped.result.forecast);
    // the rows after it: no duplicate txn id, inconsistent customer or duplicate customer of record 1
    expect(issuesOf(failing, 2)).toEqual(issuesOf(skipped, 2));
    // (the rules do run: 4003 twice is found; nothing is found against the 4001 of row 2)
    expect(issuesOf(skipped, 2).map(([row, code]) => [row, code])).toContainEqual([
      4,
      'DUPLICATE_MERCHANT_TXN_ID',
    ]);
    expect(issuesOf(failing, 2).filter(([row]) => row === 2)).toEqual([]);
    // record 1's own issues: the rejected product's, and a warning for each row held back (as
    // listed in rejects.csv), not the held-back rows' own warnings
    expect(failing.result.issues.filter((i) => i.row === 1).map((i) => i.code)).toEqual([
      'ITEM_RECORD_NOT_WRITTEN',
      'LOOKUP_MISSING',
      'LOOKUP_MISSING',
      'ITEM_RECORD_NOT_WRITTEN',
    ]);
  });

  it('when its first product is rejected, every product is still evaluated: each missing plan is listed', async () => {
    const first = record({
      subscription_id: '4001',
      customer_id: '41',
      order_items: items(['5183', '10.00'], ['5180', '5.00'], ['5184', '5.00']),
      order_total: '25.00',
    });
    const b = await build('first', [first, ...REST]);
    expect(b.rejects.map((r) => [r.outcome, r.codes, (r.message ?? '').replace(/:.*/, '')])).toEqual([
      ['rejected', 'LOOKUP_MISSING', 'campaignId'],
      ['skipped', 'ITEM_RECORD_NOT_WRITTEN', 'Product 2 of this record'],
      ['rejected', 'LOOKUP_MISSING', 'Product 3 of this record'],
    ]);
    expect(b.rejects[1]?.message).toMatch(/because product 1 of this record was rejected/);
    expect(b.result.items).toEqual({ rows: 3, used: 1, rejected: 1, skipped: 1 });
    expect(b.result.accounting.subs).toEqual({ records: 4, used: 3, rejected: 1, skipped: 0 });
    // both missing plans in one build, each counted once (one source record)
    expect(b.result.lookupTodo.plans).toEqual([
      { value: '5183', rows: 1 },
      { value: '5184', rows: 1 },
    ]);
  });

  it("reports a fault of the record itself once, not once per product; each product's own fault is kept", async () => {
    const config = CONFIG.replace(
      'merchantId: { value: "3" }',
      'merchantId: { from: payment_method, lookup: mids }',
    ).replace('lookups:\n', 'lookups:\n  mids: { paypal: "4" }\n');
    const faulty = record({
      subscription_id: '4001',
      customer_id: '41',
      billing_email: 'not-an-email',
      order_items: items(['5180', '10.00'], ['5183', '5.00'], ['5184', '5.00']),
      order_total: '25.00',
    });
    const b = await build('record-fault', [faulty], config);
    const issues = b.result.issues.map((i) => [i.code, i.column, i.message.replace(/:.*/, '')]);
    // the email and the gateway's MID (a record-level lookup) once, with the record's own row
    expect(issues.filter(([, column]) => column === 'emailAddress')).toHaveLength(1);
    expect(issues.filter(([, column]) => column === 'merchantId')).toEqual([
      ['LOOKUP_MISSING', 'merchantId', 'merchantId'],
    ]);
    // each further product's missing plan, under its own label
    expect(issues.filter(([, column]) => column === 'campaignId')).toEqual([
      ['LOOKUP_MISSING', 'campaignId', 'Product 2 of this record'],
      ['LOOKUP_MISSING', 'campaignId', 'Product 3 of this record'],
    ]);
    // each row's line names its own faults only
    expect(b.rejects.map((r) => [r.outcome, r.codes, r.columns])).toEqual([
      ['rejected', 'LOOKUP_MISSING EMAIL_INVALID', 'merchantId emailAddress'],
      ['rejected', 'LOOKUP_MISSING', 'campaignId productId'],
      ['rejected', 'LOOKUP_MISSING', 'campaignId productId'],
    ]);
    // one source record: every value counted once
    expect(b.result.lookupTodo).toEqual({
      mids: [{ value: 'stripe', rows: 1 }],
      plans: [
        { value: '5183', rows: 1 },
        { value: '5184', rows: 1 },
      ],
    });
  });

  it('a further product skipped by a rule leaves the others written', async () => {
    const gift = record({
      subscription_id: '4001',
      customer_id: '41',
      order_items: items(['5180', '10.00'], ['5999', '0.00'], ['5181', '5.00']),
      order_total: '20.00',
    });
    const b = await build('gift', [gift]);
    expect(b.rows.map((r) => r.merchantTxnId)).toEqual(['4001', '4001-3']);
    expect(b.rejects.map((r) => [r.outcome, r.codes])).toEqual([['skipped', 'FREE_GIFT']]);
    expect(b.result.items).toEqual({ rows: 2, used: 1, rejected: 0, skipped: 1 });
  });

  it('a first product skipped by a rule drops only itself: the first written product carries the shared values', async () => {
    // 3002's template: order_shipping 5.00, order_tax 0.91
    const gift = record({
      subscription_id: '4001',
      customer_id: '41',
      order_items: items(['5999', '0.00'], ['5180', '10.00'], ['5181', '5.00']),
      order_total: '20.00',
    });
    const b = await build('gift-first', [gift, ...REST]);
    const mine = b.rows.filter((r) => r.customerId === '41' && r.firstName !== 'Other');
    expect(
      mine.map((r) => [r.merchantTxnId, r.subTotal, r.shippingPrice, r.salesTax, r.totalAmount]),
    ).toEqual([
      ['4001-2', '10.00', '5.00', '0.91', '15.00'],
      ['4001-3', '5.00', '', '0.00', '5.00'],
    ]);
    // the written rows add up to the order
    expect(mine.reduce((sum, r) => sum + Number(r.totalAmount), 0)).toBe(20);
    expect(b.rejects.filter((r) => r.row === '1').map((r) => [r.outcome, r.codes, r.message])).toEqual([
      [
        'skipped',
        'FREE_GIFT',
        "Skipped by rule FREE_GIFT. The record's other products are written: product 2's row carries the record's shipping and the rest of the order's tax and total.",
      ],
    ]);
    // the record is used (its first written product counts as its row); the skipped one in items
    expect(b.result.accounting.subs).toEqual({ records: 4, used: 4, rejected: 0, skipped: 0 });
    expect(b.result.items).toEqual({ rows: 3, used: 2, rejected: 0, skipped: 1 });
    expect(b.rows.length).toBe(4 + 2);
    expect(b.rejects.length).toBe(1);
    expect(b.result.countsByCode.ITEM_RECORD_NOT_WRITTEN).toBeUndefined();
  });

  it.each([
    ['first', items(['5999', '3.00'], ['5180', '10.00'], ['5181', '5.00']), '2, 3', 1],
    ['later', items(['5180', '10.00'], ['5999', '3.00'], ['5181', '5.00']), '1, 3', 2],
  ])(
    'a product skipped by a rule that carries an amount (%s) keeps the whole record out',
    async (name, cell, others, gift) => {
      const b = await build(`gift-paid-${name}`, [
        record({ subscription_id: '4001', customer_id: '41', order_items: cell, order_total: '23.00' }),
      ]);
      expect(b.rows).toEqual([]);
      const lines = b.rejects.map((r) => [r.codes, r.message]);
      expect(lines.filter(([code]) => code === 'FREE_GIFT')).toHaveLength(1);
      const held = lines.filter(([code]) => code === 'ITEM_RECORD_NOT_WRITTEN');
      expect(
        held.map(([, m]) =>
          (m ?? '').replace(/^Product (\d) of this record: .*/, '$1').replace(/^not.*/, '1'),
        ),
      ).toEqual(others.split(', '));
      expect(held[0]?.[1]).toContain(
        `because product ${gift} of this record was skipped by a rule yet carries part of the order's amount`,
      );
      // listed in rejects.csv and counted among the warnings alike
      expect(b.result.countsByCode.ITEM_RECORD_NOT_WRITTEN).toBe(2);
      expect(b.result.warnings).toBe(2);
      expect(b.result.accounting.subs).toEqual({ records: 1, used: 0, rejected: 0, skipped: 1 });
    },
  );

  it('lookupTodo counts source records: a sale and its derived REFUND row are one', async () => {
    const config = CONFIG.replace(
      'transactions:\n',
      'derive:\n  refunds: { amount: subs.order_shipping_tax }\ntransactions:\n',
    ).replace('txnType: { value: SALE }', 'txnType: { from: derived.txnType }');
    const single = (id: string, product: string) =>
      record({
        subscription_id: id,
        customer_id: id,
        billing_email: `c${id}@example.com`,
        order_items: items([product, '10.00']),
        order_total: '15.00',
        order_shipping_tax: '1.00',
      });
    const b = await build(
      'todo-refunds',
      [single('4001', '5183'), single('4002', '5183'), single('4003', '5184')],
      config,
    );
    // 3 sales and 3 REFUND rows rejected; 5183 in two source records, 5184 in one
    expect(b.rejects).toHaveLength(6);
    expect(b.result.lookupTodo.plans).toEqual([
      { value: '5183', rows: 2 },
      { value: '5184', rows: 1 },
    ]);
  });

  it("derives one REFUND row per record from the record's refunded amount, not one per product", async () => {
    const config = REFUND_CONFIG;
    const refunded = record({
      subscription_id: '4001',
      customer_id: '41',
      order_items: items(['5180', '10.00'], ['5181', '5.00']),
      order_total: '15.00',
      order_shipping_tax: '1.00',
    });
    const b = await build('one-refund', [refunded], config);
    expect(b.rejects).toEqual([]);
    expect(b.rows.map((r) => [r.txnType, r.subTotal])).toEqual([
      ['SALE', '10.00'],
      ['REFUND', '1.00'],
      ['SALE', '5.00'],
    ]);
  });

  it("compares the refunded amount with what all of the record's products charged", async () => {
    const refund = (amount: string, id: string) =>
      record({
        subscription_id: id,
        customer_id: '42',
        order_items: items(['5180', '10.00'], ['5181', '5.00']),
        order_total: '15.00',
        order_shipping_tax: amount,
      });
    // 12.00 of 15.00 refunded: more than the first product's 10.00, no more than the order
    const partial = await build('refund-partial', [refund('12.00', '4001')], REFUND_CONFIG);
    expect(partial.rejects).toEqual([]);
    expect(partial.rows.map((r) => [r.txnType, r.subTotal])).toEqual([
      ['SALE', '10.00'],
      ['REFUND', '12.00'],
      ['SALE', '5.00'],
    ]);
    const over = await build('refund-over', [refund('16.00', '4002')], REFUND_CONFIG);
    expect(over.result.issues.filter((i) => i.code === 'REFUND_EXCEEDS_SALE').map((i) => i.message)).toEqual([
      "The refunded amount (16.00) is more than the sale's (15.00): the export is inconsistent; the REFUND row is not written.",
    ]);
  });

  it('a REFUND row derived from a first product skipped by a rule goes with the product that carries the record', async () => {
    // the refunded amount is the record's (order_shipping_tax here): when the first product is a
    // free gift skipped by a rule and the next product carries the record, so does the REFUND row
    const gift = record({
      subscription_id: '4001',
      customer_id: '41',
      order_items: items(['5999', '0.00'], ['5180', '10.00'], ['5181', '5.00']),
      order_total: '20.00',
      order_shipping_tax: '1.00',
    });
    const b = await build('refund-regrouped', [gift], REFUND_CONFIG);
    expect(b.rows.map((r) => [r.txnType, r.merchantTxnId, r.productId, r.subTotal])).toEqual([
      ['SALE', '4001-2', '302', '10.00'],
      ['REFUND', '4001-2', '302', '1.00'],
      ['SALE', '4001-3', '303', '5.00'],
    ]);
    expect(b.rejects.map((r) => [r.outcome, r.codes])).toEqual([['skipped', 'FREE_GIFT']]);
    expect(b.result.joins?.refunds).toMatchObject({ rows: 1, used: 1, skipped: 0 });
    expect(b.result.accounting.subs).toEqual({ records: 1, used: 1, rejected: 0, skipped: 0 });
    expect(b.result.items).toEqual({ rows: 2, used: 1, rejected: 0, skipped: 1 });
  });

  it('says which rejects.csv lines are REFUND rows derived from a product', async () => {
    // a refund of order_shipping_tax: the record's amount, one REFUND row (with the record's own row),
    // not one per product (each would refund the whole amount again)
    const config = REFUND_CONFIG;
    const refunded = record({
      subscription_id: '4001',
      customer_id: '41',
      order_items: items(['5180', '10.00'], ['5183', '5.00']),
      order_total: '15.00',
      order_shipping_tax: '1.00',
    });
    const b = await build('refunds', [refunded], config);
    expect(b.rows).toEqual([]);
    expect(b.rejects.map((r) => [r.outcome, r.codes, r.message])).toEqual([
      [
        'skipped',
        'ITEM_RECORD_NOT_WRITTEN',
        'not written, because product 2 of this record was rejected (see its own line).',
      ],
      [
        'skipped',
        'ITEM_RECORD_NOT_WRITTEN',
        'The REFUND row derived from product 1 of this record: not written, because product 2 of this record was rejected (see its own line).',
      ],
      [
        'rejected',
        'LOOKUP_MISSING',
        'Product 2 of this record: campaignId: No entry for this value in lookup table plans; add it to migration.yaml.',
      ],
    ]);
  });
});
