/**
 * Stripe: Dashboard exports (customers, payments, invoices, subscriptions) plus the PAN export's
 * card file, joined on `cus_…`, `in_…`, `sub_…` and `card_…` ids. A payment's subscription is its
 * invoice's `Subscription` (exact, whatever else the customer subscribes to). A payment without
 * an invoice is a one-time charge: no subscription (its campaign product is the `plans` entry
 * ""); an invoice missing from the export is a JOIN_UNMATCHED warning. Dashboard dates are `YYYY-MM-DD HH:MM` in UTC; the PAN file
 * writes `card.exp_month` unpadded. A payment's card is its `Card ID`, else the customer's
 * `default_source` card. A payment with a positive `Amount Refunded` (status `Refunded`, or a
 * partial refund) is followed by a REFUND row for that amount in the same order.
 * @module
 */
import type { Preset } from './preset-types.js';

const PAYMENTS = `id,Description,Seller Message,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Mode,Status,Statement Descriptor,Customer ID,Customer Description,Customer Email,Captured,Card ID,Card Last4,Card Brand,Card Funding,Card Exp Month,Card Exp Year,Card Name,Card Address Line1,Card Address Line2,Card Address City,Card Address State,Card Address Country,Card Address Zip,Card Issue Country,Card Fingerprint,Card CVC Status,Card AVS Zip Status,Card AVS Line1 Status,Card Tokenization Method,Disputed Amount,Dispute Status,Dispute Reason,Dispute Date (UTC),Dispute Evidence Due (UTC),Invoice ID,Payment Source Type,Destination,Transfer,Interchange Costs,Merchant Service Charge,Transfer Group,PaymentIntent ID`;
const CUSTOMERS =
  'id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Total Spend,Payment Count,Refunded Volume,Dispute Losses,tag (metadata)';
const SUBSCRIPTIONS =
  'id,Customer ID,Customer Name,Customer Email,Plan,Quantity,Currency,Interval,Amount,Status,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC),Cancellation Reason';
// Reference [C]: Customer, Amount Paid, Status, Date (UTC), Subscription; the others as the
// Dashboard writes them (the column set is user-selectable: only id and Subscription are read).
const INVOICES =
  'id,Number,Customer,Customer Name,Customer Email,Amount Due,Amount Paid,Amount Remaining,Currency,Status,Date (UTC),Due Date (UTC),Period Start (UTC),Period End (UTC),Subscription,Charge,Billing Reason';
const PAN =
  'description,name,email,id,card.address_city,card.address_country,card.address_line1,card.address_line2,card.address_state,card.address_zip,card.exp_month,card.exp_year,card.id,card.name,card.number,default_source,card.transaction_ids';

const CONFIG = `# kmigrate migration: Stripe (Dashboard exports + the PAN export's card file).
# Put the files under exports/ (names below), then: kmigrate profile → map → fill lookups → build → check.
# Editor completion: kmigrate schema > migration.schema.json, then add
# "# yaml-language-server: $schema=migration.schema.json" as the first line.
version: 1

target:
  # importDate: "2026-12-01"       # the day the vendor imports (rebill warnings are relative to it)
  timeZone: UTC                     # zone dateCreated is written in

sources:
  - name: payments                  # Payments → Export (one row per charge)
    file: exports/payments.csv
    preset: stripe.payments
    timeZone: UTC                   # "(UTC)" columns
  - name: customers                 # Customers → Export
    file: exports/customers.csv
    preset: stripe.customers
    key: id
  # Billing → Invoices → Export: links each payment to its subscription. Without it, remove this
  # source and the two joins below, and join payments.Customer ID → subscriptions.Customer ID
  # (prefer active ones; ambiguous: warn) — a customer's payments then all go to one subscription.
  - name: invoices
    file: exports/invoices.csv
    preset: stripe.invoices
    key: id
  - name: subscriptions             # Billing → Subscriptions → Export
    file: exports/subscriptions.csv
    preset: stripe.subscriptions
    key: Customer ID
  - name: cards                     # the PAN export (decrypted); card.number stays encrypted in staging
    file: exports/cards.csv
    preset: stripe.pan
    key: card.id

joins:
  # every payment needs its customer: payments of a missing customer are rejected (JOIN_ORPHAN)
  - { from: payments.Customer ID, to: customers.id, required: true }
  # the payment's invoice (one-time charges have none) and the invoice's subscription
  - { from: payments.Invoice ID, to: invoices.id, unmatched: warn }
  - { from: invoices.Subscription, to: subscriptions.id, unmatched: warn }
  # the card the payment used, else the customer's default card
  - from: payments.Card ID
    to: cards.card.id
    required: true
    else: { from: payments.Customer ID, to: cards.id }
    prefer: { column: default_source, equalsColumn: card.id }

derive:
  subscription:                     # → derived.isActiveRecurring, derived.nextBillDate
    status: subscriptions.Status
    active: [active, trialing, past_due]
    trialing: [trialing]
    periodEnd: subscriptions.Current Period End (UTC)
    trialEnd: subscriptions.Trial End (UTC)
  orders:                           # → derived.orderId (one order per invoice, else per charge)
    id: payments.id
    by: payments.Invoice ID
  refunds:                          # → a REFUND row (same order, same charge id) after each
    amount: payments.Amount Refunded  #   payment with a positive Amount Refunded (full or partial)
  duplicates:                       # → derived.customerId (same email = same customer)
    source: customers
    email: Email

transactions:
  source: payments
  columns:
    customerId: { from: [derived.customerId, payments.Customer ID] }
    orderId: { from: derived.orderId }
    dateCreated: { from: Created (UTC) }
    campaignId: { from: subscriptions.Plan, lookup: plans, field: campaignId }
    productId: { from: subscriptions.Plan, lookup: plans, field: productId }
    isActiveRecurring: { from: derived.isActiveRecurring }
    nextBillDate: { from: derived.nextBillDate }
    paySource: { value: CREDITCARD }
    cardNumber: { from: cards.card.number }
    cardExpiryMonth: { from: cards.card.exp_month, normalize: expiry-month }
    cardExpiryYear: { from: cards.card.exp_year, normalize: expiry-year }
    merchantId: { from: Currency, lookup: mids }
    merchantTxnId: { from: id }
    txnType: { from: derived.txnType }                       # SALE, or REFUND on the derived row
    subTotal: { from: [derived.refundAmount, Amount] }       # the refunded amount on a REFUND row
    responseType: { from: Status, normalize: enum, map: { paid: SUCCESS, succeeded: SUCCESS, refunded: SUCCESS, failed: DECLINE } }
    responseText: { from: Status, normalize: enum, map: { paid: SUCCESS, succeeded: SUCCESS, refunded: SUCCESS, failed: DECLINE } }
    firstName: { from: [cards.card.name, customers.Name], normalize: first-name }
    lastName: { from: [cards.card.name, customers.Name], normalize: last-name }
    address1: { from: cards.card.address_line1 }
    address2: { from: cards.card.address_line2 }
    city: { from: cards.card.address_city }
    state: { from: cards.card.address_state }
    postalCode: { from: cards.card.address_zip }
    country: { from: cards.card.address_country }
    emailAddress: { from: [customers.Email, Customer Email] }
    phoneNumber: { value: "", dummy: "1111111111" }   # Stripe exports carry no phone
    billShipSame: { derive: billShipSame }

lookups:
  # TO DO (the merchant's assignments; build lists every value still missing):
  plans: {}    # Stripe plan → { campaignId: N, productId: N } (the campaign product); "" → one-time charges'
  mids: {}     # currency → Konnektive MID, e.g. usd: "7"
`;

/** The Stripe preset. */
export const stripePreset: Preset = {
  id: 'stripe',
  title: 'Stripe',
  configYaml: CONFIG,
  files: [
    { id: 'stripe.payments', title: 'Payments export', headers: PAYMENTS.split(','), key: 'id' },
    { id: 'stripe.customers', title: 'Customers export', headers: CUSTOMERS.split(','), key: 'id' },
    {
      id: 'stripe.subscriptions',
      title: 'Subscriptions export',
      headers: SUBSCRIPTIONS.split(','),
      key: 'id',
    },
    {
      id: 'stripe.invoices',
      title: 'Invoices export',
      headers: INVOICES.split(','),
      key: 'id',
    },
    {
      id: 'stripe.pan',
      title: 'PAN export (cards)',
      headers: PAN.split(','),
      key: 'card.id',
      sensitive: ['card.number'],
    },
  ],
};
