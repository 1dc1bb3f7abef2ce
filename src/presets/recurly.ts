/**
 * Recurly: the accounts export (one row per billing info: a backup card repeats the account;
 * `primary_payment_method` TRUE/FALSE), the subscriptions export (`state`, `auto_renew`,
 * `current_period_ends_at` with `PDT` and `UTC` zones in one file), a transactions export and the
 * PAN file from Recurly support, joined account → billing info. The accounts and subscriptions
 * headers are Recurly's documented ones; the transactions and PAN layouts are inferred.
 * @module
 */
import type { Preset } from './preset-types.js';

const ACCOUNTS =
  'account_code,account_email,account_username,account_company_name,account_first_name,account_last_name,account_has_billing_info,account_created_at,account_address1,account_address2,account_city,account_state,account_postal_code,account_country,account_phone,account_vat_number,account_tax_exempt,modified_at,closed_at,account_acquisition_cost,account_acquisition_currency,account_acquisition_channel,account_acquisition_subchannel,account_acquisition_campaign,account_acquisition_created_at,account_acquisition_modified_at,location_validation_tax_type,account_geo_code,parent_account_code,primary_payment_method,billing_info_id,dunning_campaign_code,dunning_campaign_id,preferred_locale,account_api_id,cc_emails';
const SUBSCRIPTIONS =
  'uuid,account_code,email,plan_code,state,auto_renew,currency,quantity,unit_amount,add_on_amount,total_recurring_amount,current_period_started_at,current_period_ends_at,trial_started_at,trial_ends_at,total_billing_cycles,remaining_billing_cycles,renewal_billing_cycles,current_term_started_at,current_term_ends_at,activated_at,modified_at,canceled_at,expires_at,maintenance_url,net_terms,po_number,collection_method,plan_name,expiration_reason,ship_address_id,ship_address_nickname,ship_address_firstname,ship_address_lastname,ship_address_company_name,ship_address_street1,ship_address_street2,ship_address_city,ship_address_state,ship_address_zip,ship_address_country,ship_address_vat,ship_address_email,ship_address_phone,started_with_gift,converted_at';
const TRANSACTIONS =
  'uuid,account_code,invoice_number,subscription_uuid,type,status,amount,currency,date,original_transaction_uuid,gateway';
const PAN =
  'account_code,billing_info_id,first_name,last_name,number,month,year,address1,address2,city,state,zip,country,phone';

const CONFIG = `# kmigrate migration: Recurly (transactions + accounts + subscriptions + PAN file from support).
# Amounts: confirm per file whether they are dollars or cents (set cents: true on subTotal if cents).
# Next steps: kmigrate profile → map → fill lookups → build → check (see README.md).
version: 1

target:
  # importDate: "2026-12-01"
  timeZone: America/Los_Angeles

sources:
  - name: transactions
    file: exports/transactions.csv
    preset: recurly.transactions
    timeZone: UTC                   # values carry their zone (PDT, UTC); this is for any that do not
  - name: accounts                  # one row per billing info
    file: exports/accounts.csv
    preset: recurly.accounts
    key: account_code
  - name: subscriptions
    file: exports/subscriptions.csv
    preset: recurly.subscriptions
    key: uuid
  - name: cards                     # PAN file from Recurly support (decrypted)
    file: exports/cards.csv
    preset: recurly.pan
    key: billing_info_id

joins:
  - from: transactions.account_code
    to: accounts.account_code
    required: true
    prefer: { column: primary_payment_method, in: ["TRUE"] }
  - from: transactions.subscription_uuid
    to: subscriptions.uuid
    else: { from: transactions.account_code, to: subscriptions.account_code }
    prefer: { column: state, in: [active, in_trial, past_due] }
    ambiguous: warn                 # no subscription_uuid and an account with several subscriptions
  - { from: accounts.billing_info_id, to: cards.billing_info_id, required: true }

derive:
  subscription:
    status: subscriptions.state
    active: [active, in_trial, past_due]
    trialing: [in_trial]
    periodEnd: subscriptions.current_period_ends_at
    trialEnd: subscriptions.trial_ends_at
    autoRenew: subscriptions.auto_renew
  orders:
    id: transactions.uuid
    by: transactions.invoice_number
    refundOf: transactions.original_transaction_uuid
  duplicates:
    source: accounts
    email: account_email
    phone: account_phone

transactions:
  source: transactions
  skip:
    - { column: status, in: [void], reason: NOT_SETTLED }
  columns:
    customerId: { from: [derived.customerId, account_code] }
    orderId: { from: derived.orderId }
    dateCreated: { from: date }
    campaignId: { from: subscriptions.plan_code, lookup: plans, field: campaignId }
    productId: { from: subscriptions.plan_code, lookup: plans, field: productId }
    isActiveRecurring: { from: derived.isActiveRecurring }
    nextBillDate: { from: derived.nextBillDate }
    paySource: { value: CREDITCARD }
    cardNumber: { from: cards.number }
    cardExpiryMonth: { from: cards.month, normalize: expiry-month }
    cardExpiryYear: { from: cards.year, normalize: expiry-year }
    merchantId: { from: gateway, lookup: mids }
    merchantTxnId: { from: uuid }
    txnType: { from: type, normalize: enum, map: { purchase: SALE, refund: REFUND, authorization: AUTHORIZE, capture: CAPTURE } }
    subTotal: { from: amount }
    responseType: { from: status, normalize: enum, map: { success: SUCCESS, declined: DECLINE, error: DECLINE } }
    responseText: { from: status, normalize: enum, map: { success: SUCCESS, declined: DECLINE, error: DECLINE } }
    firstName: { from: [cards.first_name, accounts.account_first_name] }
    lastName: { from: [cards.last_name, accounts.account_last_name] }
    address1: { from: [cards.address1, accounts.account_address1] }
    address2: { from: [cards.address2, accounts.account_address2] }
    city: { from: [cards.city, accounts.account_city] }
    state: { from: [cards.state, accounts.account_state] }
    postalCode: { from: [cards.zip, accounts.account_postal_code] }
    country: { from: [cards.country, accounts.account_country] }
    emailAddress: { from: accounts.account_email }
    phoneNumber: { from: [accounts.account_phone, cards.phone], dummy: "1111111111" }
    billShipSame: { derive: billShipSame }

lookups:
  # TO DO: the merchant's assignments (build lists every value still missing)
  plans: {}    # Recurly plan_code → { campaignId: N, productId: N }
  mids: {}     # gateway → Konnektive MID
`;

/** The Recurly preset. */
export const recurlyPreset: Preset = {
  id: 'recurly',
  title: 'Recurly',
  configYaml: CONFIG,
  files: [
    {
      id: 'recurly.transactions',
      title: 'Transactions export (inferred)',
      headers: TRANSACTIONS.split(','),
      key: 'uuid',
    },
    {
      id: 'recurly.accounts',
      title: 'Accounts export (v8, one row per billing info)',
      headers: ACCOUNTS.split(','),
      key: 'account_code',
    },
    {
      id: 'recurly.subscriptions',
      title: 'Subscriptions export',
      headers: SUBSCRIPTIONS.split(','),
      key: 'uuid',
    },
    {
      id: 'recurly.pan',
      title: 'PAN file from support (inferred)',
      headers: PAN.split(','),
      key: 'billing_info_id',
      sensitive: ['number'],
    },
  ],
};
