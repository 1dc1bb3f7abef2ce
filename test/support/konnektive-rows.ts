/**
 * Builders of valid Konnektive Transactions rows (synthetic people, public test cards) for tests.
 */
import { builtinSpec } from '../../src/schema/index.js';

export const TX_COLUMNS: readonly string[] = builtinSpec().kinds.transactions.columns.map((c) => c.name);

export type TxRow = Record<string, string>;

/** Public test card numbers (Luhn-valid), one per synthetic customer. */
export const TEST_CARDS: readonly string[] = [
  '4111111111111111',
  '5555555555554444',
  '378282246310005',
  '6011111111111117',
  '4012888888881881',
  '5105105105105100',
  '4242424242424242',
  '4000056655665556',
  '5200828282828210',
  '371449635398431',
  '6011000990139424',
  '3056930009020004',
  '3566002020360505',
  '4222222222222',
  '2223003122003222',
  '6200000000000005',
  '4000002500003155',
  '4917610000000000',
  '4462030000000000',
  '4988080000000000',
];

/** A valid row with every column filled (billShipSame=0 so the ship block is required and present). */
export function fullRow(n: number, overrides: Partial<TxRow> = {}): TxRow {
  const c = Math.floor(n / 2) + 1;
  return {
    customerId: `C${c}`,
    orderId: `O${c}`,
    dateCreated: '2026-03-04 10:11:12',
    campaignId: '12',
    productId: '101',
    isActiveRecurring: '1',
    nextBillDate: '2027-01-15',
    paySource: 'CREDITCARD',
    cardNumber: TEST_CARDS[c % TEST_CARDS.length] ?? '4111111111111111',
    cardExpiryMonth: '09',
    cardExpiryYear: '2029',
    achRoutingNumber: '011000015',
    achAccountNumber: '000123456789',
    achAccountType: 'CHECKING',
    merchantId: '7',
    merchantTxnId: `TXN${n}`,
    txnType: 'SALE',
    subTotal: '29.95',
    shippingPrice: '4.95',
    salesTax: '0.00',
    totalAmount: '34.90',
    responseType: 'SUCCESS',
    responseText: 'SUCCESS',
    firstName: 'Avery',
    lastName: `Testwood${c}`,
    address1: `${c} Example Ave`,
    address2: 'Apt 4',
    city: 'Springfield',
    state: 'IL',
    postalCode: '62701',
    country: 'US',
    emailAddress: `avery${c}@example.com`,
    phoneNumber: `555201${String(1000 + c).slice(-4)}`,
    billShipSame: '0',
    shipFirstName: 'Avery',
    shipLastName: `Testwood${c}`,
    shipAddress1: `${c} Sample Rd`,
    shipAddress2: 'Unit 2',
    shipCity: 'Toronto',
    shipState: 'ON',
    shipPostalCode: 'M5V 2T6',
    shipCountry: 'CA',
    trackingNumber: `1Z999AA1${String(n).padStart(10, '0')}`,
    externalToken: `tok_${c}`,
    ...overrides,
  } as TxRow;
}

function quote(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Serialize rows with the spec header (or a given column list). */
export function toCsv(rows: readonly TxRow[], columns: readonly string[] = TX_COLUMNS): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => quote(r[c] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}
