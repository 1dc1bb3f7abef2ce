/**
 * The rebill forecast as a streaming accumulator: `add(row)` for every Transactions row (any
 * order), then `result()`. Memory is one small record per subscription (customerId × productId).
 * @module
 */

import { type LegacyRow, rowAmountCents } from '../import-model/index.js';
import { createForecastTotals } from './forecast-totals.js';
import type { ForecastOptions, ForecastResult } from './forecast-types.js';

/** One subscription's latest state (what the totals read of it). */
export interface Subscription {
  customerId: string;
  productId: string;
  dateCreated: string;
  row: number;
  active: boolean;
  nextBillDate: string;
  merchantId: string;
  cardExpiry: string;
  amountCents: number;
  saleDate: string;
  saleRow: number;
  /** False while the sale kept is a declined attempt (kept only until an approved sale comes). */
  saleApproved: boolean;
}

const SALE_TYPES = new Set(['SALE', 'CAPTURE']);

const EMPTY_SUBSCRIPTION: Subscription = {
  customerId: '',
  productId: '',
  dateCreated: '',
  row: -1,
  active: false,
  nextBillDate: '',
  merchantId: '',
  cardExpiry: '',
  amountCents: 0,
  saleDate: '',
  saleRow: -1,
  saleApproved: false,
};

/** True when (date, row) comes after (prevDate, prevRow). */
function later(date: string, row: number, prevDate: string, prevRow: number): boolean {
  return date > prevDate || (date === prevDate && row > prevRow);
}

/** The only columns `add` reads (a fast path may build just these). */
export const FORECAST_COLUMNS: readonly string[] = [
  'customerId',
  'productId',
  'dateCreated',
  'txnType',
  'responseType',
  'isActiveRecurring',
  'nextBillDate',
  'merchantId',
  'paySource',
  'cardExpiryMonth',
  'cardExpiryYear',
  'subTotal',
  'shippingPrice',
  'salesTax',
  'totalAmount',
];

/** A forecast being accumulated. */
export interface Forecast {
  add(row: LegacyRow): void;
  result(): ForecastResult;
}

/** Fold one row into its subscription's latest state. */
function update(s: Subscription, r: LegacyRow): void {
  const date = r.get('dateCreated');
  if (SALE_TYPES.has(r.get('txnType'))) {
    // the latest approved sale; without one, the latest declined attempt: what a past-due
    // subscription retries (its amount was 0.00)
    const approved = r.get('responseType') !== 'DECLINE';
    const better =
      s.saleRow < 0 || (approved !== s.saleApproved ? approved : later(date, r.row, s.saleDate, s.saleRow));
    if (better) {
      s.saleDate = date;
      s.saleRow = r.row;
      s.saleApproved = approved;
      s.amountCents = rowAmountCents(r.get);
    }
  }
  if (!later(date, r.row, s.dateCreated, s.row)) return;
  const month = r.get('cardExpiryMonth');
  const year = r.get('cardExpiryYear');
  s.dateCreated = date;
  s.row = r.row;
  s.active = r.get('isActiveRecurring') === '1';
  s.nextBillDate = r.get('nextBillDate');
  s.merchantId = r.get('merchantId');
  s.cardExpiry =
    r.get('paySource') === 'CREDITCARD' && month && year ? `${year}-${month.padStart(2, '0')}` : '';
}

/** Start a forecast. */
export function createForecast(options: ForecastOptions): Forecast {
  const subs = new Map<string, Subscription>();
  return {
    add(r) {
      const key = `${r.get('customerId')}\u0000${r.get('productId')}`;
      let sub = subs.get(key);
      if (!sub) {
        sub = { ...EMPTY_SUBSCRIPTION, customerId: r.get('customerId'), productId: r.get('productId') };
        subs.set(key, sub);
      }
      update(sub, r);
    },
    result() {
      const totals = createForecastTotals(options);
      for (const s of subs.values()) if (s.active) totals.add(s);
      return totals.result();
    },
  };
}
