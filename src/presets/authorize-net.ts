/**
 * Authorize.net: the transaction download (Expanded Fields layout, saved tab- or comma-separated:
 * the delimiter is sniffed) with `21-Aug-2002 03:26:12 PM MDT` dates in the account's zone,
 * masked cards (`XXXX9876`, expiry `XXXX`) and `Not Applicable` as the reference of non-refunds;
 * joined on `Customer ID` to the CIM/ARB PAN extraction, whose layout is not published (the
 * `authorize-net.pan` headers are our inference: check them against the real file).
 * @module
 */
import type { Preset } from './preset-types.js';

const EXPANDED =
  'Transaction ID,Transaction Status,Settlement Amount,Settlement Currency,Settlement Date/Time,Authorization Amount,Authorization Currency,Submit Date/Time,Authorization Code,Reference Transaction ID,Transaction Type,Address Verification Status,Card Code Status,Fraudscreen Applied,Recurring Billing Transaction,Partial Capture Status,Card Number,Expiration Date,Bank Account Number,Routing Number,Total Amount,Currency,Invoice Number,Invoice Description,Customer First Name,Customer Last Name,Company,Address,City,State,ZIP,Country,Phone,Fax,Email,Customer ID,Ship-To First Name,Ship-To Last Name,Ship-To Company,Ship-To Address,Ship-To City,Ship-To State,Ship-To ZIP,Ship-To Country,L2 - Tax,L2 - Freight,L2 - Duty,L2 - Tax Exempt,L2 - Purchase Order Number,CAVV Results Code,Business Day,Order Number,Available Card Balance,Approved Amount,Market Type,Product,Reserved7,Reserved8,Reserved9,Reserved10,Reserved11,Reserved12,Reserved13,Reserved14,Reserved15,Reserved16,Reserved17,Reserved18,Reserved19,Reserved20';
const PAN =
  'Customer Profile ID,Payment Profile ID,Customer ID,Card Number,Expiration Date,Bill To First Name,Bill To Last Name,Bill To Address,Bill To City,Bill To State,Bill To Zip,Bill To Country,Bill To Phone,Email,Subscription ID,Subscription Status,Next Billing Date';

const STATUS = `{ settled successfully: SUCCESS, captured/pending settlement: SUCCESS, refund settled successfully: SUCCESS, refund/pending settlement: SUCCESS, declined: DECLINE, general error: DECLINE }`;

const CONFIG = `# kmigrate migration: Authorize.net (transaction download + the CIM/ARB PAN extraction).
# Next steps: kmigrate profile → map → fill lookups → build → check (see README.md).
version: 1

target:
  # importDate: "2026-12-01"
  timeZone: America/Denver          # write dateCreated in the account's zone

sources:
  - name: transactions              # Search → Download to File, Expanded Fields, with column headings
    file: exports/transactions.tsv
    preset: authorize-net.transactions
    timeZone: America/Denver        # values carry MDT/MST; this is for any that do not
  - name: profiles                  # PAN extraction (CIM + active ARB), decrypted
    file: exports/profiles.csv
    preset: authorize-net.pan
    key: Customer ID

joins:
  - from: transactions.Customer ID
    to: profiles.Customer ID
    required: true
    # a customer with several payment profiles: the one its ARB subscription bills
    prefer: { column: Subscription Status, in: [Active] }

derive:
  subscription:
    status: profiles.Subscription Status
    active: [Active]                # ARB: Active Suspended Terminated Canceled Expired
    periodEnd: profiles.Next Billing Date
  orders:                           # one order per invoice; a credit joins the order of its sale
    id: transactions.Transaction ID
    by: transactions.Invoice Number
    refundOf: transactions.Reference Transaction ID
    ignore: [Not Applicable]
  duplicates:                       # same card or email under two Customer IDs
    source: profiles
    email: Email
    card: Card Number

transactions:
  source: transactions
  skip:
    - { column: Transaction Status, in: [Voided, Expired, Could Not Void, Failed Review], reason: NOT_SETTLED }
  columns:
    customerId: { from: [derived.customerId, Customer ID] }
    orderId: { from: derived.orderId }
    dateCreated: { from: Submit Date/Time }
    campaignId: { from: Invoice Description, lookup: plans, field: campaignId }
    productId: { from: Invoice Description, lookup: plans, field: productId }
    isActiveRecurring: { from: derived.isActiveRecurring }
    nextBillDate: { from: derived.nextBillDate }
    paySource: { value: CREDITCARD }
    cardNumber: { from: profiles.Card Number }
    cardExpiryMonth: { from: profiles.Expiration Date, normalize: expiry-month }
    cardExpiryYear: { from: profiles.Expiration Date, normalize: expiry-year }
    merchantId: { from: Settlement Currency, lookup: mids }
    merchantTxnId: { from: Transaction ID }
    txnType: { from: Transaction Type, normalize: enum, map: { "authorization w/ auto capture": SALE, credit: REFUND, "prior authorization capture": CAPTURE, "authorization only": AUTHORIZE } }
    subTotal: { from: Total Amount }
    responseType: { from: Transaction Status, normalize: enum, map: ${STATUS} }
    responseText: { from: Transaction Status, normalize: enum, map: ${STATUS} }
    firstName: { from: [Customer First Name, profiles.Bill To First Name] }
    lastName: { from: [Customer Last Name, profiles.Bill To Last Name] }
    address1: { from: [Address, profiles.Bill To Address] }
    city: { from: [City, profiles.Bill To City] }
    state: { from: [State, profiles.Bill To State] }
    postalCode: { from: [ZIP, profiles.Bill To Zip] }
    country: { from: [Country, profiles.Bill To Country] }
    emailAddress: { from: [Email, profiles.Email] }
    phoneNumber: { from: [Phone, profiles.Bill To Phone], dummy: "1111111111" }
    billShipSame: { derive: billShipSame }
    shipFirstName: { from: Ship-To First Name }
    shipLastName: { from: Ship-To Last Name }
    shipAddress1: { from: Ship-To Address }
    shipCity: { from: Ship-To City }
    shipState: { from: Ship-To State }
    shipPostalCode: { from: Ship-To ZIP }
    shipCountry: { from: Ship-To Country }

lookups:
  # TO DO: the merchant's assignments (build lists every value still missing)
  plans: {}    # Invoice Description → { campaignId: N, productId: N }
  mids: {}     # settlement currency → Konnektive MID
`;

/** The Authorize.net preset. */
export const authorizeNetPreset: Preset = {
  id: 'authorize-net',
  title: 'Authorize.net',
  configYaml: CONFIG,
  files: [
    {
      id: 'authorize-net.transactions',
      title: 'Transaction download (Expanded Fields)',
      headers: EXPANDED.split(','),
      key: 'Transaction ID',
    },
    {
      id: 'authorize-net.pan',
      title: 'CIM/ARB PAN extraction (layout inferred)',
      headers: PAN.split(','),
      key: 'Customer ID',
      sensitive: ['Card Number'],
    },
  ],
};
