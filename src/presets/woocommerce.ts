/**
 * WooCommerce Subscriptions: the Subscriptions Exporter CSV (one row per subscription; items and
 * payment tokens packed into `order_items` and `payment_method_post_meta` cells; `0` for "no
 * date"), joined to the card file of the gateway the tokens belong to (here Stripe's PAN export,
 * on `_stripe_card_id`, else the `_stripe_customer_id`'s default card). Each subscription becomes
 * one transaction row per product: its last payment (or its start when it has none). A
 * subscription of several products gives one row each, in one order, so that every product
 * rebills: each further product's row carries its own line total and tax and a transaction id
 * `<subscription_id>-<n>`; the first row carries the shipping and the rest of the order's tax and
 * total, so the rows add up to the order; the build writes them all or none (a product rejected
 * rejects the record: record-products.ts), but for a product a rule skips that carries no amount
 * of its own (a free gift): when it is the first, `regroup` moves its share to the first written
 * row. Lines of one `product_id` (variations: two sizes) are one product for the CRM — one
 * purchase — so they are added into one row.
 * @module
 */
import { formatCents, toCents } from '../import-model/index.js';
import { normalizeMoney } from '../normalize/index.js';
import { foldName, packedCellsAdapter, unpackItems } from './packed-cells.js';
import type { Preset, RecordAdapter } from './preset-types.js';

const EXPORT =
  'subscription_id,subscription_status,customer_id,start_date,trial_end_date,next_payment_date,last_payment_date,end_date,billing_period,billing_interval,order_shipping,order_shipping_tax,fee_total,fee_tax_total,order_tax,cart_discount,cart_discount_tax,order_total,order_currency,payment_method,payment_method_title,payment_method_post_meta,payment_method_user_meta,shipping_method,billing_first_name,billing_last_name,billing_email,billing_phone,billing_address_1,billing_address_2,billing_postcode,billing_city,billing_state,billing_country,billing_company,shipping_first_name,shipping_last_name,shipping_address_1,shipping_address_2,shipping_postcode,shipping_city,shipping_state,shipping_country,shipping_company,customer_note,order_items,order_notes,coupon_items,fee_items,tax_items,download_permissions';
const PAN =
  'description,name,email,id,card.address_city,card.address_country,card.address_line1,card.address_line2,card.address_state,card.address_zip,card.exp_month,card.exp_year,card.id,card.name,card.number,default_source,card.transaction_ids';

const PACKED = {
  order_items: ['product_id', 'quantity', 'total', 'tax'],
  payment_method_post_meta: [
    '_stripe_customer_id',
    '_stripe_card_id',
    '_stripe_source_id',
    '_wc_authorize_net_cim_credit_card_customer_id',
    '_wc_authorize_net_cim_credit_card_payment_token',
    '_paypal_subscription_id',
  ],
};

/** The columns each row's share of its order is read from (see the module comment). */
const SHARE_COLUMNS = ['item.shipping', 'item.tax', 'item.total', 'item.txn_id'];

/** How a record writes its amounts: with a decimal point, a decimal comma, or whole numbers only. */
type Decimal = '.' | ',' | 'whole';

/**
 * The decimal separator a record's amounts are written with (`29.95`, `29,95`, `1,005.00`,
 * `1.005,00`): decided by the amounts that end in a separator and 1–2 digits. `whole` when every
 * amount is plain digits (its shares are then written as whole numbers too, not to add evidence
 * of a separator to the column); null when the amounts disagree or do not decide (`1.000`).
 */
function recordDecimal(amounts: readonly string[]): Decimal | null {
  let dot = false;
  let comma = false;
  let other = false;
  for (const a of amounts) {
    if (/\.\d{1,2}$/.test(a)) dot = true;
    else if (/,\d{1,2}$/.test(a)) comma = true;
    else if (!/^\d*$/.test(a)) other = true;
  }
  if (dot && comma) return null;
  if (dot || comma) return dot ? '.' : ',';
  return other ? null : 'whole';
}

/** Cents of an amount written with `decimal` ('' is 0), or null when it is not an amount. */
function centsOf(text: string, decimal: Decimal): number | null {
  if (text.trim() === '') return 0;
  const read = normalizeMoney(text, { decimal: decimal === ',' ? ',' : '.', negative: 'allow' });
  return read.ok ? toCents(read.value) : null;
}

/** Cents written as the record writes its amounts (whole numbers stay whole: their sums are). */
function written(cents: number, decimal: Decimal): string {
  if (decimal === 'whole') return String(cents / 100);
  const text = formatCents(cents);
  return decimal === ',' ? text.replace('.', ',') : text;
}

/** The keys of an `order_items` line that become columns (`order_items.product_id` …). */
const ITEM_KEYS = PACKED.order_items;

/** A record split into rows: per product, its line's values and its share of the order. */
interface RecordRows {
  /** Per row, the `order_items.*` values (one product: its lines merged). */
  readonly lines: readonly (readonly string[])[];
  /** Per row, [shipping, tax, total, transaction id] (see the module comment). */
  readonly shares: readonly (readonly string[])[];
}

/**
 * A record's lines, one per product: lines of one `product_id` (variations of a product, e.g. two
 * sizes) are one product for the CRM — one purchase — so their quantities, totals and taxes are
 * added. Lines without a product id stay lines of their own.
 */
function productLines(lines: readonly Map<string, string>[], decimal: Decimal): string[][] | null {
  const rows: { product: string; values: string[] }[] = [];
  for (const line of lines) {
    const values = ITEM_KEYS.map((k) => line.get(k) ?? '');
    const product = values[0] ?? '';
    const same = product === '' ? undefined : rows.find((r) => r.product === product);
    if (same === undefined) rows.push({ product, values });
    else if (!addLine(same.values, values, decimal)) return null;
  }
  return rows.map((r) => r.values);
}

/** Add a line's quantity, total and tax into `into` (two blanks stay blank); false when one is not a number. */
function addLine(into: string[], line: readonly string[], decimal: Decimal): boolean {
  for (const k of [1, 2, 3]) {
    const x = into[k] ?? '';
    const y = line[k] ?? '';
    if (x === '' && y === '') continue;
    // the quantity is whole units; the total and tax amounts
    const a = k === 1 ? wholeOf(x) : centsOf(x, decimal);
    const b = k === 1 ? wholeOf(y) : centsOf(y, decimal);
    if (a === null || b === null) return false;
    into[k] = k === 1 ? String(a + b) : written(a + b, decimal);
  }
  return true;
}

/** A quantity ('' is 0), or null when it is not a whole number. */
function wholeOf(text: string): number | null {
  const t = text.trim();
  return t === '' ? 0 : /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * The rows of a record, one per product; null when it holds several lines whose amounts cannot be
 * split or added (an amount that is not one, separators that disagree, an order total smaller than
 * its other products'): then it stays one row, and the adapter reports it.
 */
function recordRows(
  f: readonly string[],
  at: Readonly<Record<'items' | 'shipping' | 'tax' | 'total' | 'id', number>>,
): RecordRows | null {
  const cell = (i: number): string => (i < 0 ? '' : (f[i] ?? '').trim());
  const id = cell(at.id);
  const first = [cell(at.shipping), cell(at.tax), cell(at.total), id];
  const all = unpackItems(cell(at.items));
  if (all.length === 1) return { lines: [ITEM_KEYS.map((k) => all[0]?.get(k) ?? '')], shares: [first] };
  const amounts = all.flatMap((item) => [item.get('tax') ?? '', item.get('total') ?? '']);
  const decimal = recordDecimal([first[1] ?? '', first[2] ?? '', ...amounts]);
  if (decimal === null) return null;
  const lines = productLines(all, decimal);
  if (lines === null) return null;
  if (lines.length === 1) return { lines, shares: [first] };
  const taxes = lines.slice(1).map((l) => centsOf(l[3] ?? '', decimal));
  const totals = lines.slice(1).map((l) => centsOf(l[2] ?? '', decimal));
  const orderTax = centsOf(first[1] ?? '', decimal);
  const orderTotal = centsOf(first[2] ?? '', decimal);
  if (orderTax === null || orderTotal === null || taxes.includes(null) || totals.includes(null)) return null;
  const rest = taxes.map((t, k) => {
    const tax = t ?? 0;
    const total = (totals[k] ?? 0) + tax;
    return { tax, total, row: ['', written(tax, decimal), written(total, decimal), `${id}-${k + 2}`] };
  });
  const restTax = rest.reduce((sum, r) => sum + r.tax, 0);
  const restTotal = rest.reduce((sum, r) => sum + r.total, 0);
  if (orderTax < restTax || orderTotal < restTotal) return null;
  first[1] = written(orderTax - restTax, decimal);
  first[2] = written(orderTotal - restTotal, decimal);
  return { lines, shares: [first, ...rest.map((r) => r.row)] };
}

/**
 * Packed cells (`order_items` itemized: one row per product), plus `payment_date` (the last
 * payment date, else the start date; `0` is none) and each row's share of its order.
 */
function exportAdapter(header: readonly string[]): RecordAdapter | null {
  const packed = packedCellsAdapter(header, PACKED, 'order_items');
  const find = (name: string): number => header.findIndex((h) => foldName(h) === foldName(name));
  const last = find('last_payment_date');
  const start = find('start_date');
  const at = {
    items: find('order_items'),
    shipping: find('order_shipping'),
    tax: find('order_tax'),
    total: find('order_total'),
    id: find('subscription_id'),
  };
  // where the order_items.* values stand among the packed cells' (-1: no order_items column)
  const linesAt = packed?.extraHeader.indexOf(`order_items.${ITEM_KEYS[0]}`) ?? -1;
  const date = (f: readonly string[], i: number): string => {
    const v = i < 0 ? '' : (f[i] ?? '').trim();
    return v === '0' ? '' : v;
  };
  const paid = (f: readonly string[]): string => date(f, last) || date(f, start);
  // records of several products whose amounts could not be split: one row each, reported
  const unsplit = { count: 0, rows: [] as number[] };
  const single = (f: readonly string[]): string[] => {
    const cell = (i: number): string => (i < 0 ? '' : (f[i] ?? '').trim());
    return [cell(at.shipping), cell(at.tax), cell(at.total), cell(at.id)];
  };
  /** The row's values: the packed cells' (first item), its product's line, its date and share. */
  const rowValues = (
    base: readonly string[],
    line: readonly string[] | undefined,
    f: readonly string[],
    share: readonly string[],
  ) => {
    const values = [...base];
    if (line !== undefined && linesAt >= 0) values.splice(linesAt, line.length, ...line);
    return [...values, paid(f), ...share];
  };
  const extraHeader = [...(packed?.extraHeader ?? []), 'payment_date', ...SHARE_COLUMNS];
  const regroup = regroupOf(header.length, extraHeader);
  return {
    extraHeader,
    expand: (f, row) => {
      const split = recordRows(f, at);
      return rowValues(packed?.expand(f, row) ?? [], split?.lines[0], f, split?.shares[0] ?? single(f));
    },
    items: (f, row) => {
      if (at.items < 0 || unpackItems((f[at.items] ?? '').trim()).length < 2) return [];
      const split = recordRows(f, at);
      if (split === null) {
        unsplit.count++;
        if (unsplit.rows.length < 10) unsplit.rows.push(row);
        return [];
      }
      const base = packed?.expand(f, row) ?? [];
      return split.lines.slice(1).map((line, k) => rowValues(base, line, f, split.shares[k + 1] ?? []));
    },
    ...(regroup === undefined ? {} : { regroup }),
    notes: () => [
      ...(packed?.notes?.() ?? []),
      ...(unsplit.count === 0
        ? []
        : [
            {
              code: 'PACKED_ITEMS_DROPPED' as const,
              message: `${unsplit.count} record(s) hold several products whose amounts cannot be split into one row per product (rows ${unsplit.rows.join(', ')}${unsplit.count > unsplit.rows.length ? ', …' : ''}: an amount that is not one, separators that disagree, or an order total smaller than its products'); only the first product of each is imported — add the others by hand or fix the amounts.`,
            },
          ]),
    ],
  };
}

/**
 * {@link RecordAdapter.regroup} for rows whose added columns start at `base`: a product left out
 * must carry no amount of its own — the first row's own is its line's total and tax (the rest of
 * its share is the record's: shipping, fees, the rest of the order's tax), a further row's is its
 * whole share; with the first row left out, the first written row adds the first row's share to
 * its own (and takes its shipping). Null when a product left out carries an amount, or the
 * amounts cannot be read.
 */
function regroupOf(base: number, extraHeader: readonly string[]): RecordAdapter['regroup'] {
  const at = (name: string): number => {
    const i = extraHeader.indexOf(name);
    return i < 0 ? -1 : base + i;
  };
  const [ship, tax, total, lineTotal, lineTax] = [
    'item.shipping',
    'item.tax',
    'item.total',
    'order_items.total',
    'order_items.tax',
  ].map(at) as [number, number, number, number, number];
  if (ship < 0 || tax < 0 || total < 0 || lineTotal < 0 || lineTax < 0) return undefined;
  const cell = (f: readonly string[], i: number): string => (f[i] ?? '').trim();
  return (rows, kept) => {
    const decimal = recordDecimal(
      rows.flatMap((f) => [tax, total, lineTotal, lineTax].map((i) => cell(f, i))),
    );
    if (decimal === null) return null;
    for (let k = 0; k < rows.length; k++) {
      const f = rows[k] ?? [];
      if (kept[k] === true) continue;
      const own = k === 0 ? [lineTotal, lineTax] : [tax, total];
      if (own.some((i) => centsOf(cell(f, i), decimal) !== 0)) return null;
    }
    const to = kept.indexOf(true);
    if (to <= 0) return rows;
    const first = rows[0] ?? [];
    const fields = [...(rows[to] ?? [])];
    for (const i of [ship, tax, total]) {
      const a = cell(first, i);
      const b = cell(fields, i);
      if (a === '' && b === '') continue;
      const sum = (centsOf(a, decimal) ?? Number.NaN) + (centsOf(b, decimal) ?? Number.NaN);
      if (Number.isNaN(sum)) return null;
      fields[i] = written(sum, decimal);
    }
    return rows.map((f, k) => (k === to ? fields : f));
  };
}

const CONFIG = `# kmigrate migration: WooCommerce Subscriptions (Subscriptions Exporter CSV + the gateway's card file).
# Tick "Payment Method Tokens" when exporting, or the token cells are empty.
# Next steps: kmigrate profile → map → fill lookups → build → check (see README.md).
version: 1

target:
  # importDate: "2026-12-01"
  timeZone: UTC

sources:
  - name: subscriptions             # WooCommerce → Subscriptions → Export
    file: exports/subscriptions.csv
    preset: woocommerce.subscriptions   # unpacks order_items.* and payment_method_post_meta.*
    timeZone: UTC
  - name: cards                     # the gateway's PAN export (Stripe format here)
    file: exports/cards.csv
    preset: stripe.pan
    key: card.id

joins:
  - from: subscriptions.payment_method_post_meta._stripe_card_id
    to: cards.card.id
    required: true                  # PayPal subscriptions have no card: rejected, the customer must re-enter one
    else: { from: subscriptions.payment_method_post_meta._stripe_customer_id, to: cards.id }
    prefer: { column: default_source, equalsColumn: card.id }

derive:
  subscription:
    status: subscriptions.subscription_status
    active: [wc-active, active]
    periodEnd: subscriptions.next_payment_date
    none: ["0"]
  orders:
    id: subscriptions.subscription_id

transactions:
  source: subscriptions
  skip:
    - { column: subscription_status, in: [wc-pending, pending], reason: NOT_PAID }
  columns:
    customerId: { from: customer_id }
    orderId: { from: derived.orderId }
    dateCreated: { from: payment_date }
    campaignId: { from: order_items.product_id, lookup: plans, field: campaignId }
    productId: { from: order_items.product_id, lookup: plans, field: productId }
    isActiveRecurring: { from: derived.isActiveRecurring }
    nextBillDate: { from: derived.nextBillDate }
    paySource: { value: CREDITCARD }
    cardNumber: { from: cards.card.number }
    cardExpiryMonth: { from: cards.card.exp_month, normalize: expiry-month }
    cardExpiryYear: { from: cards.card.exp_year, normalize: expiry-year }
    merchantId: { from: payment_method, lookup: mids }
    merchantTxnId: { from: item.txn_id }       # the export has no transaction id: subscription_id (-2, -3… for further products)
    txnType: { value: SALE }
    subTotal: { from: order_items.total }      # one row per product (order_items)
    shippingPrice: { from: item.shipping }     # the order's shipping, on its first row
    salesTax: { from: item.tax }               # each product's tax; the first row also the rest of the order's
    totalAmount: { from: item.total }          # the rows add up to order_total
    responseType: { value: SUCCESS }
    responseText: { value: SUCCESS }
    firstName: { from: billing_first_name }
    lastName: { from: billing_last_name }
    address1: { from: billing_address_1 }
    address2: { from: billing_address_2 }
    city: { from: billing_city }
    state: { from: billing_state }
    postalCode: { from: billing_postcode }
    country: { from: billing_country }
    emailAddress: { from: billing_email }
    phoneNumber: { from: billing_phone, dummy: "1111111111" }
    billShipSame: { derive: billShipSame }
    shipFirstName: { from: shipping_first_name }
    shipLastName: { from: shipping_last_name }
    shipAddress1: { from: shipping_address_1 }
    shipAddress2: { from: shipping_address_2 }
    shipCity: { from: shipping_city }
    shipState: { from: shipping_state }
    shipPostalCode: { from: shipping_postcode }
    shipCountry: { from: shipping_country }

lookups:
  # TO DO: the merchant's assignments (build lists every value still missing)
  plans: {}    # WooCommerce product_id → { campaignId: N, productId: N }
  mids: {}     # payment_method (e.g. stripe) → Konnektive MID
`;

/** The WooCommerce Subscriptions preset. */
export const woocommercePreset: Preset = {
  id: 'woocommerce',
  title: 'WooCommerce Subscriptions',
  configYaml: CONFIG,
  files: [
    {
      id: 'woocommerce.subscriptions',
      title: 'Subscriptions Exporter CSV',
      headers: EXPORT.split(','),
      key: 'subscription_id',
      adapter: exportAdapter,
    },
    {
      id: 'woocommerce.pan',
      title: 'Gateway card file (Stripe PAN export format)',
      headers: PAN.split(','),
      key: 'card.id',
      sensitive: ['card.number'],
    },
  ],
};
