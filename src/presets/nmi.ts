/**
 * NMI (and white labels): a transaction report flattened one row per action (Query API field
 * names; `date` as `YYYYMMDDhhmmss` UTC; a sale and its refund share `transaction_id`), the
 * Customer Vault PAN export (Query API names plus a full `cc_number`; `cc_exp` MMYY; vault ids
 * with leading spaces; literal `null` strings) and recurring subscriptions. NMI publishes none of
 * these CSV layouts: the headers are the Query API's names, check them against the real files.
 * @module
 */
import type { Preset } from './preset-types.js';

const TRANSACTIONS =
  'transaction_id,transaction_type,condition,order_id,order_description,first_name,last_name,address_1,address_2,company,city,state,postal_code,country,email,phone,customerid,customer_vault_id,cc_number,cc_exp,cc_bin,cc_type,processor_id,currency,action_type,amount,date,success,response_text,response_code';
const VAULT =
  'customer_vault_id,first_name,last_name,address_1,address_2,company,city,state,postal_code,country,email,phone,fax,cell_phone,customertaxid,website,shipping_first_name,shipping_last_name,shipping_address_1,shipping_address_2,shipping_company,shipping_city,shipping_state,shipping_postal_code,shipping_country,shipping_email,shipping_carrier,tracking_number,shipping_date,shipping,cc_number,cc_hash,cc_exp,check_account,check_hash,check_aba,check_name,account_holder_type,account_type,sec_code,processor_id,cc_bin,created,updated';
const SUBSCRIPTIONS =
  'subscription_id,customer_vault_id,plan_id,plan_name,plan_amount,plan_payments,day_frequency,month_frequency,day_of_month,start_date,next_charge_date,completed_payments,attempted_payments,remaining_payments,status';

const CONFIG = `# kmigrate migration: NMI (transactions + Customer Vault PAN export + recurring subscriptions).
# Next steps: kmigrate profile → map → fill lookups → build → check (see README.md).
version: 1

target:
  # importDate: "2026-12-01"
  timeZone: America/New_York
  # NMI vault ids are 16-digit numbers and one in ten passes the card check: customerId holds them
  # (tokenize the vault export with --id-columns customer_vault_id)
  cardLikeIds: [customerId]

sources:
  - name: transactions              # one row per action (sale, refund, …)
    file: exports/transactions.csv
    preset: nmi.transactions
    timeZone: UTC                   # NMI dates are UTC
  - name: vault                     # Customer Vault PAN export (decrypted)
    file: exports/vault.csv
    preset: nmi.vault
    key: customer_vault_id
  - name: subscriptions
    file: exports/subscriptions.csv
    preset: nmi.subscriptions
    key: subscription_id

joins:
  - { from: transactions.customer_vault_id, to: vault.customer_vault_id, required: true }
  - from: transactions.customer_vault_id
    to: subscriptions.customer_vault_id
    prefer: { column: status, in: [active] }
    ambiguous: warn                 # a vault id with several subscriptions: the transaction does not say which

derive:
  subscription:
    status: subscriptions.status
    active: [active]
    periodEnd: subscriptions.next_charge_date
  orders:                           # a sale and its refund share transaction_id
    id: transactions.transaction_id
    by: transactions.order_id
  duplicates:
    source: vault
    email: email
    phone: phone
    card: cc_number

transactions:
  source: transactions
  skip:
    - { column: action_type, in: [void, settle, level3], reason: NOT_A_PAYMENT }
  columns:
    customerId: { from: [derived.customerId, customer_vault_id] }
    orderId: { from: derived.orderId }
    dateCreated: { from: date }
    campaignId: { from: subscriptions.plan_id, lookup: plans, field: campaignId }
    productId: { from: subscriptions.plan_id, lookup: plans, field: productId }
    isActiveRecurring: { from: derived.isActiveRecurring }
    nextBillDate: { from: derived.nextBillDate }
    paySource: { value: CREDITCARD }
    cardNumber: { from: vault.cc_number }
    cardExpiryMonth: { from: vault.cc_exp, normalize: expiry-month, order: MMYY }
    cardExpiryYear: { from: vault.cc_exp, normalize: expiry-year, order: MMYY }
    merchantId: { from: processor_id, lookup: mids }
    merchantTxnId: { from: transaction_id }
    txnType: { from: action_type, normalize: enum, map: { sale: SALE, refund: REFUND, credit: REFUND, auth: AUTHORIZE, capture: CAPTURE } }
    subTotal: { from: amount }
    responseType: { from: success, normalize: enum, map: { "1": SUCCESS, "0": DECLINE } }
    responseText: { from: success, normalize: enum, map: { "1": SUCCESS, "0": DECLINE } }
    firstName: { from: [first_name, vault.first_name] }
    lastName: { from: [last_name, vault.last_name] }
    address1: { from: [address_1, vault.address_1] }
    address2: { from: [address_2, vault.address_2] }
    city: { from: [city, vault.city] }
    state: { from: [state, vault.state] }
    postalCode: { from: [postal_code, vault.postal_code] }
    country: { from: [country, vault.country] }
    emailAddress: { from: [email, vault.email] }
    phoneNumber: { from: [phone, vault.phone], dummy: "1111111111" }
    billShipSame: { derive: billShipSame }

lookups:
  # TO DO: the merchant's assignments (build lists every value still missing)
  plans: {}    # NMI plan_id → { campaignId: N, productId: N }
  mids: {}     # processor_id → Konnektive MID
`;

/** The NMI preset. */
export const nmiPreset: Preset = {
  id: 'nmi',
  title: 'NMI',
  configYaml: CONFIG,
  files: [
    {
      id: 'nmi.transactions',
      title: 'Transactions, one row per action (Query API names, inferred)',
      headers: TRANSACTIONS.split(','),
      key: 'transaction_id',
    },
    {
      id: 'nmi.vault',
      title: 'Customer Vault PAN export (Query API names, inferred)',
      headers: VAULT.split(','),
      key: 'customer_vault_id',
      sensitive: ['cc_number', 'check_account'],
    },
    {
      id: 'nmi.subscriptions',
      title: 'Recurring subscriptions (inferred)',
      headers: SUBSCRIPTIONS.split(','),
      key: 'subscription_id',
    },
  ],
};
