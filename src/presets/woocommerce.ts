/**
 * WooCommerce Subscriptions: the Subscriptions Exporter CSV (one row per subscription; items and
 * payment tokens packed into `order_items` and `payment_method_post_meta` cells; `0` for "no
 * date"), joined to the card file of the gateway the tokens belong to (here Stripe's PAN export,
 * on `_stripe_card_id`, else the `_stripe_customer_id`'s default card). Each subscription becomes
 * one transaction row per product: its last payment (or its start when it has none). A
 * subscription of several products gives one row each, in one order, so that every product
 * rebills: each further product's row carries its own line total and tax and a transaction id
 * `<subscription_id>-<n>`; the first row carries the shipping and the rest of the order's tax and
 * total, so the rows add up to the order.
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

/**
 * [shipping, tax, total, transaction id] of each row of a record, one per product; null when the
 * record holds several products whose amounts cannot be split (an amount that is not one, or
 * separators that disagree): then it stays one row, and the adapter reports it.
 */
function shares(
  f: readonly string[],
  at: Readonly<Record<'items' | 'shipping' | 'tax' | 'total' | 'id', number>>,
): string[][] | null {
  const cell = (i: number): string => (i < 0 ? '' : (f[i] ?? '').trim());
  const id = cell(at.id);
  const first = [cell(at.shipping), cell(at.tax), cell(at.total), id];
  const items = unpackItems(cell(at.items)).slice(1);
  if (items.length === 0) return [first];
  const itemTax = items.map((item) => item.get('tax') ?? '');
  const itemTotal = items.map((item) => item.get('total') ?? '');
  const decimal = recordDecimal([first[1] ?? '', first[2] ?? '', ...itemTax, ...itemTotal]);
  if (decimal === null) return null;
  const taxes = itemTax.map((t) => centsOf(t, decimal));
  const totals = itemTotal.map((t) => centsOf(t, decimal));
  const orderTax = centsOf(first[1] ?? '', decimal);
  const orderTotal = centsOf(first[2] ?? '', decimal);
  if (orderTax === null || orderTotal === null || taxes.includes(null) || totals.includes(null)) return null;
  const rest = items.map((_, k) => {
    const tax = taxes[k] ?? 0;
    const total = (totals[k] ?? 0) + tax;
    return { tax, total, row: ['', written(tax, decimal), written(total, decimal), `${id}-${k + 2}`] };
  });
  const restTax = rest.reduce((sum, r) => sum + r.tax, 0);
  const restTotal = rest.reduce((sum, r) => sum + r.total, 0);
  // an order whose amounts are smaller than its other products' cannot be split
  if (orderTax < restTax || orderTotal < restTotal) return null;
  first[1] = written(orderTax - restTax, decimal);
  first[2] = written(orderTotal - restTotal, decimal);
  return [first, ...rest.map((r) => r.row)];
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
  return {
    extraHeader: [...(packed?.extraHeader ?? []), 'payment_date', ...SHARE_COLUMNS],
    expand: (f, row) => [...(packed?.expand(f, row) ?? []), paid(f), ...(shares(f, at)?.[0] ?? single(f))],
    items: (f, row) => {
      const more = packed?.items?.(f, row) ?? [];
      if (more.length === 0) return [];
      const split = shares(f, at);
      if (split === null) {
        unsplit.count++;
        if (unsplit.rows.length < 10) unsplit.rows.push(row);
        return [];
      }
      return more.map((values, k) => [...values, paid(f), ...(split[k + 1] ?? [])]);
    },
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
