/**
 * Generic: one CSV of transactions with whatever headers the merchant has; the config names the
 * columns. No joins: add `sources`, `joins` and `derive` when the data comes in several files.
 * @module
 */
import type { Preset } from './preset-types.js';

const HEADERS =
  'Customer ID,Order ID,Transaction ID,Created,Plan,Gateway,Status,Type,Amount,Shipping,Tax,Card Number,Card Expiry,Name,Address,Address 2,City,State,Zip,Country,Email,Phone,Subscription,Next Bill';

const CONFIG = `# kmigrate migration: a generic processor export (one CSV, one row per transaction).
# Rename each "from:" to your file's column (matching ignores case, spaces and punctuation).
# Next steps: kmigrate profile → map → fill lookups → build → check (see README.md).
version: 1

target:
  # importDate: "2026-12-01"
  timeZone: America/New_York        # zone dateCreated is written in

sources:
  - name: orders
    file: exports/orders.csv
    preset: generic.transactions
    timeZone: America/New_York      # the export's wall-clock zone
    # dateOrder: DMY                # only if the dates are day-first and the data cannot tell

transactions:
  source: orders
  skip:
    - { column: Status, in: [pending, voided], reason: NOT_SETTLED }
  columns:
    customerId: { from: Customer ID }
    orderId: { from: Order ID }
    dateCreated: { from: Created }
    campaignId: { from: Plan, lookup: plans, field: campaignId }
    productId: { from: Plan, lookup: plans, field: productId }
    isActiveRecurring: { from: Subscription, normalize: enum, map: { active: "1", cancelled: "0", canceled: "0" } }
    nextBillDate: { from: Next Bill }
    paySource: { value: CREDITCARD }
    cardNumber: { from: Card Number }
    cardExpiryMonth: { from: Card Expiry, normalize: expiry-month }
    cardExpiryYear: { from: Card Expiry, normalize: expiry-year }
    merchantId: { from: Gateway, lookup: mids }
    merchantTxnId: { from: Transaction ID }
    txnType: { from: Type, normalize: enum, map: { sale: SALE, refund: REFUND } }
    subTotal: { from: Amount }         # the price before shipping and tax: if Amount is what was charged
    shippingPrice: { from: Shipping }  # (it holds them), drop these two lines or they count twice
    salesTax: { from: Tax }
    responseType: { from: Status, normalize: enum, map: { approved: SUCCESS, declined: DECLINE } }
    responseText: { from: Status, normalize: enum, map: { approved: SUCCESS, declined: DECLINE } }
    firstName: { from: Name, normalize: first-name }
    lastName: { from: Name, normalize: last-name }
    address1: { from: Address }
    address2: { from: Address 2 }
    city: { from: City }
    state: { from: State }
    postalCode: { from: Zip }
    country: { from: Country }
    emailAddress: { from: Email }
    phoneNumber: { from: Phone, dummy: "1111111111" }
    billShipSame: { derive: billShipSame }

lookups:
  # TO DO: the merchant's assignments (build lists every value still missing)
  plans: {}    # plan → { campaignId: N, productId: N }
  mids: {}     # gateway → Konnektive MID
`;

/** The generic preset. */
export const genericPreset: Preset = {
  id: 'generic',
  title: 'Generic CSV',
  configYaml: CONFIG,
  files: [
    {
      id: 'generic.transactions',
      title: 'One CSV, one row per transaction',
      headers: HEADERS.split(','),
      sensitive: ['Card Number'],
    },
  ],
};
