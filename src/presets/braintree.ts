/**
 * Braintree: the transaction-search CSV (dates in `Created Datetime` with the zone in a separate
 * `Created Timezone` column, refunds naming their sale in `Refunded Transaction ID`, a repeated
 * `Cardholder Name` header) joined to the vault export (one row per card, so a customer repeats)
 * on `Payment Method Token` ↔ `credit_card.token`, else the customer's first card; and to a
 * subscriptions file whose layout Braintree does not publish (API names, inferred).
 * @module
 */
import { foldName } from './packed-cells.js';
import type { Preset, RecordAdapter } from './preset-types.js';

const SEARCH =
  'Transaction ID,Subscription ID,Transaction Type,Transaction Status,Escrow Status,Created Datetime,Created Timezone,Settlement Date,Disbursement Date,Merchant Account,Currency ISO Code,Amount Authorized,Amount Submitted For Settlement,Service Fee,Tax Amount,Tax Exempt,Purchase Order Number,Order ID,Descriptor Name,Descriptor Phone,Descriptor URL,Refunded Transaction ID,Payment Instrument Type,Card Type,Cardholder Name,First Six of Credit Card,Last Four of Credit Card,Credit Card Number,Expiration Date,Credit Card Customer Location,Customer ID,Payment Method Token,Credit Card Unique Identifier,Customer First Name,Customer Last Name,Customer Company,Customer Email,Customer Phone,Customer Fax,Customer Website,Billing Address ID,Billing First Name,Billing Last Name,Billing Company,Billing Street Address,Billing Extended Address,Billing City (Locality),Billing State Province (Region),Billing Postal Code,Billing Country,Shipping Address ID,Shipping First Name,Shipping Last Name,Shipping Company,Shipping Street Address,Shipping Extended Address,Shipping City (Locality),Shipping State Province (Region),Shipping Postal Code,Shipping Country,User,IP Address,Creating Using Token,Transaction Source,Authorization Code,Processor Response Code,Processor Response Text,Gateway Rejection Reason,Postal Code Response Code,Street Address Response Code,AVS Response Text,CVV Response Code,CVV Response Text,Settlement Amount,Settlement Currency ISO Code,Settlement Currency Exchange Rate,Fraud Detected,Disputed Date,Authorized Transaction ID,Customer Group ID,Has Gift Card,Shipping Method,Country of Issuance,Issuing Bank,Durbin Regulated,Commercial,Prepaid,Payroll,Healthcare,Affluent Category,Debit,Product ID,PayPal Payer Email,PayPal Payment ID,PayPal Authorization ID,PayPal Debug ID,PayPal Capture ID,PayPal Refund ID,PayPal Custom Field,PayPal Payer ID,PayPal Payer First Name,PayPal Payer Last Name,PayPal Seller Protection Status,PayPal Transaction Fee Amount,PayPal Transaction Fee Currency ISO Code,Last Four of Apple Pay,Expiration Month,Expiration Year,Cardholder Name,Android Pay Source Card Last Four,Android Pay Source Card Type,Risk ID,Risk Decision';
const VAULT =
  'id,first_name,last_name,company,email,phone,fax,website,credit_card.token,credit_card.cardholder_name,credit_card.number,credit_card.expiration_date,billing_address.first_name,billing_address.last_name,billing_address.company,billing_address.street_address,billing_address.extended_address,billing_address.locality,billing_address.region,billing_address.postal_code,billing_address.country_code_alpha2';
const SUBSCRIPTIONS =
  'id,plan_id,status,price,next_billing_date,billing_period_start_date,billing_period_end_date,paid_through_date,billing_day_of_month,number_of_billing_cycles,current_billing_cycle,failure_count,payment_method_token,trial_period,trial_duration,trial_duration_unit';

/** `Created Datetime` + `Created Timezone` → one `Created` value the date normalizer reads. */
function createdAdapter(header: readonly string[]): RecordAdapter | null {
  const at = header.findIndex((h) => foldName(h) === 'createddatetime');
  const zone = header.findIndex((h) => foldName(h) === 'createdtimezone');
  if (at < 0) return null;
  return {
    extraHeader: ['Created'],
    expand: (f) => {
      const when = (f[at] ?? '').trim();
      const tz = zone < 0 ? '' : (f[zone] ?? '').trim();
      return [when !== '' && tz !== '' ? `${when} ${tz}` : when];
    },
  };
}

const STATUS =
  '{ settled: SUCCESS, settling: SUCCESS, submitted_for_settlement: SUCCESS, authorized: SUCCESS, processor_declined: DECLINE, gateway_rejected: DECLINE, failed: DECLINE }';

const CONFIG = `# kmigrate migration: Braintree (transaction search CSV + vault export + subscriptions).
# Next steps: kmigrate profile → map → fill lookups → build → check (see README.md).
version: 1

target:
  # importDate: "2026-12-01"
  timeZone: America/Chicago

sources:
  - name: transactions              # Transactions → Search → Download
    file: exports/transactions.csv
    preset: braintree.transactions  # adds "Created" = Created Datetime + Created Timezone
  - name: vault                     # MERCHANT_ID_export_DATE.csv (decrypted): one row per card
    file: exports/vault.csv
    preset: braintree.vault
    key: id
  - name: subscriptions             # subscriptions (API field names; no published CSV layout)
    file: exports/subscriptions.csv
    preset: braintree.subscriptions
    key: id

joins:
  - from: transactions.Payment Method Token
    to: vault.credit_card.token
    required: true
    else: { from: transactions.Customer ID, to: vault.id }
  - { from: transactions.Subscription ID, to: subscriptions.id }

derive:
  subscription:
    status: subscriptions.status
    active: [Active, Past Due]
    periodEnd: subscriptions.next_billing_date
  orders:
    id: transactions.Transaction ID
    by: transactions.Order ID
    refundOf: transactions.Refunded Transaction ID
  duplicates:
    source: vault
    email: email
    phone: phone

transactions:
  source: transactions
  skip:
    - { column: Transaction Status, in: [voided, authorization_expired], reason: NOT_SETTLED }
  columns:
    customerId: { from: [derived.customerId, Customer ID] }
    orderId: { from: derived.orderId }
    dateCreated: { from: Created }
    campaignId: { from: subscriptions.plan_id, lookup: plans, field: campaignId }
    productId: { from: subscriptions.plan_id, lookup: plans, field: productId }
    isActiveRecurring: { from: derived.isActiveRecurring }
    nextBillDate: { from: derived.nextBillDate }
    paySource: { value: CREDITCARD }
    cardNumber: { from: vault.credit_card.number }
    cardExpiryMonth: { from: vault.credit_card.expiration_date, normalize: expiry-month }
    cardExpiryYear: { from: vault.credit_card.expiration_date, normalize: expiry-year }
    merchantId: { from: Merchant Account, lookup: mids }
    merchantTxnId: { from: Transaction ID }
    txnType: { from: Transaction Type, normalize: enum, map: { sale: SALE, credit: REFUND } }
    subTotal: { from: [Amount Submitted For Settlement, Amount Authorized] }   # a decline settles nothing: its authorized amount
    responseType: { from: Transaction Status, normalize: enum, map: ${STATUS} }
    responseText: { from: Transaction Status, normalize: enum, map: ${STATUS} }
    firstName: { from: [Billing First Name, Customer First Name] }
    lastName: { from: [Billing Last Name, Customer Last Name] }
    address1: { from: Billing Street Address }
    address2: { from: Billing Extended Address }
    city: { from: Billing City (Locality) }
    state: { from: Billing State Province (Region) }
    postalCode: { from: Billing Postal Code }
    country: { from: Billing Country }
    emailAddress: { from: Customer Email }
    phoneNumber: { from: [Customer Phone, vault.phone], dummy: "1111111111" }
    billShipSame: { derive: billShipSame }

lookups:
  # TO DO: the merchant's assignments (build lists every value still missing)
  plans: {}    # Braintree plan_id → { campaignId: N, productId: N }
  mids: {}     # Merchant Account → Konnektive MID
`;

/** The Braintree preset. */
export const braintreePreset: Preset = {
  id: 'braintree',
  title: 'Braintree',
  configYaml: CONFIG,
  files: [
    {
      id: 'braintree.transactions',
      title: 'Transaction search CSV',
      headers: SEARCH.split(','),
      key: 'Transaction ID',
      adapter: createdAdapter,
    },
    {
      id: 'braintree.vault',
      title: 'Vault export (one row per card)',
      headers: VAULT.split(','),
      key: 'id',
      sensitive: ['credit_card.number'],
    },
    {
      id: 'braintree.subscriptions',
      title: 'Subscriptions (API names, inferred)',
      headers: SUBSCRIPTIONS.split(','),
      key: 'id',
    },
  ],
};
