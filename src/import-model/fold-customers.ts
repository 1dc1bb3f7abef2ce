/**
 * The vendor's import semantics, in one place: rows → customers, orders, transactions and
 * purchases. Used by the sandbox (to import), by verify (to know what to expect) and by tests.
 * @module
 */
import type { LegacyRow } from './legacy-row.js';
import { maskCard } from './mask-card.js';
import type {
  ModelContact,
  ModelCustomer,
  ModelOrder,
  ModelPurchase,
  ModelTransaction,
} from './model-types.js';
import { rowAmountCents, toCents } from './money.js';

const SALE_TYPES = new Set(['SALE', 'CAPTURE']);

function contactOf(r: LegacyRow): ModelContact {
  const same = r.get('billShipSame') !== '0';
  const ship = (name: string, billing: string): string => (same ? r.get(billing) : r.get(name));
  return {
    firstName: r.get('firstName'),
    lastName: r.get('lastName'),
    emailAddress: r.get('emailAddress'),
    phoneNumber: r.get('phoneNumber'),
    address1: r.get('address1'),
    address2: r.get('address2'),
    city: r.get('city'),
    state: r.get('state'),
    postalCode: r.get('postalCode'),
    country: r.get('country'),
    shipFirstName: ship('shipFirstName', 'firstName'),
    shipLastName: ship('shipLastName', 'lastName'),
    shipAddress1: ship('shipAddress1', 'address1'),
    shipAddress2: ship('shipAddress2', 'address2'),
    shipCity: ship('shipCity', 'city'),
    shipState: ship('shipState', 'state'),
    shipPostalCode: ship('shipPostalCode', 'postalCode'),
    shipCountry: ship('shipCountry', 'country'),
  };
}

function transactionOf(r: LegacyRow): ModelTransaction {
  const card =
    r.get('paySource') === 'CREDITCARD' ? maskCard(r.get('cardNumber')) : { last4: '', masked: '' };
  return {
    row: r.row,
    orderId: r.get('orderId'),
    productId: r.get('productId'),
    campaignId: r.get('campaignId'),
    merchantTxnId: r.get('merchantTxnId'),
    txnType: r.get('txnType'),
    dateCreated: r.get('dateCreated'),
    amountCents: rowAmountCents(r.get),
    responseType: r.get('responseType'),
    merchantId: r.get('merchantId'),
    paySource: r.get('paySource'),
    cardLast4: card.last4,
    cardMasked: card.masked,
  };
}

/** Rows in time order: dateCreated, then file order. */
function chronological(rows: readonly LegacyRow[]): LegacyRow[] {
  return [...rows].sort((a, b) => a.get('dateCreated').localeCompare(b.get('dateCreated')) || a.row - b.row);
}

function orderOf(orderId: string, rows: readonly LegacyRow[]): ModelOrder {
  const sales = rows.filter((r) => SALE_TYPES.has(r.get('txnType')));
  const approved = sales.filter((r) => r.get('responseType') !== 'DECLINE');
  const refunded = rows.some((r) => r.get('txnType') === 'REFUND');
  const status = refunded ? 'REFUNDED' : approved.length > 0 || sales.length === 0 ? 'COMPLETE' : 'DECLINED';
  return {
    orderId,
    campaignId: rows[0]?.get('campaignId') ?? '',
    productIds: [...new Set(rows.map((r) => r.get('productId')))].sort(),
    dateCreated: rows[0]?.get('dateCreated') ?? '',
    status,
    totalCents: approved.reduce((sum, r) => sum + rowAmountCents(r.get), 0),
  };
}

function purchaseOf(rows: readonly LegacyRow[]): ModelPurchase {
  const latest = rows[rows.length - 1] as LegacyRow;
  const sales = rows.filter((r) => SALE_TYPES.has(r.get('txnType')) && r.get('responseType') !== 'DECLINE');
  const priced = sales[sales.length - 1] ?? latest;
  const card = latest.get('paySource') === 'CREDITCARD' ? maskCard(latest.get('cardNumber')) : null;
  const month = latest.get('cardExpiryMonth');
  const year = latest.get('cardExpiryYear');
  return {
    productId: latest.get('productId'),
    campaignId: latest.get('campaignId'),
    orderId: latest.get('orderId'),
    active: latest.get('isActiveRecurring') === '1',
    nextBillDate: latest.get('nextBillDate'),
    merchantId: latest.get('merchantId'),
    priceCents: toCents(priced.get('subTotal')) ?? 0,
    shippingCents: toCents(priced.get('shippingPrice')) ?? 0,
    billingCycleNumber: Math.max(1, sales.length),
    paySource: latest.get('paySource'),
    cardLast4: card?.last4 ?? '',
    cardMasked: card?.masked ?? '',
    cardExpiry: card && month && year ? `${year}-${month}` : '',
  };
}

function groupBy(rows: readonly LegacyRow[], key: (r: LegacyRow) => string): Map<string, LegacyRow[]> {
  const groups = new Map<string, LegacyRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/** One customer from all of its rows (any order). */
export function foldCustomer(customerId: string, rows: readonly LegacyRow[]): ModelCustomer {
  const ordered = chronological(rows);
  const latest = ordered[ordered.length - 1];
  if (latest === undefined) throw new RangeError('foldCustomer needs at least one row.');
  return {
    customerId,
    contact: contactOf(latest),
    orders: [...groupBy(ordered, (r) => r.get('orderId'))].map(([id, list]) => orderOf(id, list)),
    transactions: ordered.map(transactionOf),
    purchases: [...groupBy(ordered, (r) => r.get('productId'))].map(([, list]) => purchaseOf(list)),
  };
}

/** Every customer of a file, in order of first appearance. */
export function foldCustomers(rows: Iterable<LegacyRow>): ModelCustomer[] {
  const byCustomer = new Map<string, LegacyRow[]>();
  for (const r of rows) {
    const id = r.get('customerId');
    const list = byCustomer.get(id);
    if (list) list.push(r);
    else byCustomer.set(id, [r]);
  }
  return [...byCustomer].map(([id, list]) => foldCustomer(id, list));
}
