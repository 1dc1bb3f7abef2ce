/**
 * Sticky.io (LimeLight): the order export (order_view names; `order_status` 2 approved,
 * 6 void/refunded, 7 declined, 8 shipped, 11 pending; `recurring_date` the next bill date;
 * `cc_expires` MMYY; phones digits only) joined on `customer_id` to the PAN file support sends.
 * Both layouts are inferred from the API: check them against the real files.
 * @module
 */
import type { Preset } from './preset-types.js';

const ORDERS =
  'order_id,customer_id,time_stamp,acquisition_date,order_status,is_recurring,recurring_date,retry_date,hold_date,is_hold,billing_cycle,ancestor_id,parent_id,child_id,campaign_id,main_product_id,order_total,gateway_id,transaction_id,auth_id,first_name,last_name,email_address,customers_telephone,billing_first_name,billing_last_name,billing_street_address,billing_street_address2,billing_city,billing_state,billing_postcode,billing_country,shipping_first_name,shipping_last_name,shipping_street_address,shipping_street_address2,shipping_city,shipping_state,shipping_postcode,shipping_country,cc_type,cc_first_6,cc_last_4,cc_expires,cc_number';
const PAN = 'customer_id,cc_number,cc_expires,cc_type,first_name,last_name,email_address';

const STATUS = '{ "2": SUCCESS, "8": SUCCESS, "7": DECLINE }';

const CONFIG = `# kmigrate migration: Sticky.io (order export + the PAN file from Sticky support).
# Next steps: kmigrate profile → map → fill lookups → build → check (see README.md).
version: 1

target:
  # importDate: "2026-12-01"
  timeZone: America/New_York

sources:
  - name: orders
    file: exports/orders.csv
    preset: sticky.orders
    timeZone: America/New_York      # the account's zone
  - name: cards
    file: exports/cards.csv
    preset: sticky.pan
    key: customer_id

joins:
  - { from: orders.customer_id, to: cards.customer_id, required: true }

derive:
  subscription:                     # the order carries the recurring state of its line
    status: orders.is_recurring
    active: ["1"]
    periodEnd: orders.recurring_date
    none: ["0000-00-00"]
  orders:
    id: orders.order_id
  duplicates:
    source: cards
    email: email_address
    card: cc_number

transactions:
  source: orders
  skip:
    - { column: order_status, in: ["6"], reason: VOID_OR_REFUNDED }
    - { column: order_status, in: ["11"], reason: PENDING }
  columns:
    customerId: { from: [derived.customerId, customer_id] }
    orderId: { from: derived.orderId }
    dateCreated: { from: time_stamp }
    campaignId: { from: main_product_id, lookup: plans, field: campaignId }
    productId: { from: main_product_id, lookup: plans, field: productId }
    isActiveRecurring: { from: derived.isActiveRecurring }
    nextBillDate: { from: derived.nextBillDate }
    paySource: { value: CREDITCARD }
    cardNumber: { from: cards.cc_number }
    cardExpiryMonth: { from: [cards.cc_expires, cc_expires], normalize: expiry-month, order: MMYY }
    cardExpiryYear: { from: [cards.cc_expires, cc_expires], normalize: expiry-year, order: MMYY }
    merchantId: { from: gateway_id, lookup: mids }
    merchantTxnId: { from: transaction_id }
    txnType: { value: SALE }
    subTotal: { from: order_total }
    responseType: { from: order_status, normalize: enum, map: ${STATUS} }
    responseText: { from: order_status, normalize: enum, map: ${STATUS} }
    firstName: { from: [billing_first_name, first_name] }
    lastName: { from: [billing_last_name, last_name] }
    address1: { from: billing_street_address }
    address2: { from: billing_street_address2 }
    city: { from: billing_city }
    state: { from: billing_state }
    postalCode: { from: billing_postcode }
    country: { from: billing_country }
    emailAddress: { from: email_address }
    phoneNumber: { from: customers_telephone, dummy: "1111111111" }
    billShipSame: { derive: billShipSame }
    shipFirstName: { from: shipping_first_name }
    shipLastName: { from: shipping_last_name }
    shipAddress1: { from: shipping_street_address }
    shipAddress2: { from: shipping_street_address2 }
    shipCity: { from: shipping_city }
    shipState: { from: shipping_state }
    shipPostalCode: { from: shipping_postcode }
    shipCountry: { from: shipping_country }

lookups:
  # TO DO: the merchant's assignments (build lists every value still missing)
  plans: {}    # Sticky main_product_id → { campaignId: N, productId: N }
  mids: {}     # gateway_id → Konnektive MID
`;

/** The Sticky.io preset. */
export const stickyPreset: Preset = {
  id: 'sticky',
  title: 'Sticky.io',
  configYaml: CONFIG,
  files: [
    {
      id: 'sticky.orders',
      title: 'Order export (order_view names, inferred)',
      headers: ORDERS.split(','),
      key: 'order_id',
      sensitive: ['cc_number'],
    },
    {
      id: 'sticky.pan',
      title: 'PAN file from support (inferred)',
      headers: PAN.split(','),
      key: 'customer_id',
      sensitive: ['cc_number'],
    },
  ],
};
