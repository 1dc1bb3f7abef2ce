/**
 * The rebill forecast as a streaming accumulator: `add(row)` for every Transactions row (any
 * order), then `result()`. Memory is one small record per subscription (customerId × productId).
 * @module
 */

import { formatCents, type LegacyRow, rowAmountCents } from '../import-model/index.js';
import { addDaysYmd } from './dates.js';
import type { ForecastExample, ForecastOptions, ForecastResult, ForecastRisk } from './forecast-types.js';

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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] ?? 0);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A standalone copy: a kept example must not pin the (large) text it was sliced from. */
function own(text: string): string {
  return text.length < 13 ? text : decoder.decode(encoder.encode(text));
}

/** What the totals read of a finished subscription (read during `add` only, never kept). */
export type SubscriptionTotalsInput = Readonly<
  Pick<
    Subscription,
    'customerId' | 'productId' | 'nextBillDate' | 'merchantId' | 'cardExpiry' | 'amountCents'
  >
>;

function example(s: SubscriptionTotalsInput, detail?: string): ForecastExample {
  const base = {
    customerId: own(s.customerId),
    productId: own(s.productId),
    merchantId: own(s.merchantId),
    nextBillDate: own(s.nextBillDate),
  };
  return detail === undefined ? base : { ...base, detail };
}

function bump(map: Map<string, { count: number; cents: number }>, key: string, cents: number): void {
  const b = map.get(key);
  if (b === undefined) map.set(key, { count: 1, cents });
  else {
    b.count++;
    b.cents += cents;
  }
}

/** Fold one row into its subscription's latest state. */
function update(s: Subscription, r: LegacyRow): void {
  const date = r.get('dateCreated');
  const isSale = SALE_TYPES.has(r.get('txnType')) && r.get('responseType') !== 'DECLINE';
  if (isSale && later(date, r.row, s.saleDate, s.saleRow)) {
    s.saleDate = date;
    s.saleRow = r.row;
    s.amountCents = rowAmountCents(r.get);
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

/** Totals fed one finished subscription at a time (see check's forecast feed). */
export interface ForecastTotals {
  /** Count one subscription (active ones only; the caller decides). */
  add(s: SubscriptionTotalsInput): void;
  result(): ForecastResult;
}

/**
 * Totals for a forecast in flat memory over files of any size (check and build): the caller folds
 * the subscriptions of one customer while the customer's rows are consecutive (its products' rows
 * may interleave) and adds each finished subscription. A customer whose rows are split across the
 * file has its subscriptions counted once per run; Konnektive files keep a customer's rows
 * together, so this is exact for them.
 */
export function createForecastTotals(options: ForecastOptions): ForecastTotals {
  return createTotals(options.importDate, options.imminentDays ?? 3, {
    known: options.knownMerchantIds ? new Set(options.knownMerchantIds) : null,
    maxExamples: options.maxExamples ?? 20,
    spikeThreshold: options.spikeThreshold,
  });
}

/** Start a forecast. */
export function createForecast(options: ForecastOptions): Forecast {
  const imminentDays = options.imminentDays ?? 3;
  const maxExamples = options.maxExamples ?? 20;
  const known = options.knownMerchantIds ? new Set(options.knownMerchantIds) : null;
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
      return summarize(
        [...subs.values()].filter((s) => s.active),
        options.importDate,
        imminentDays,
        {
          known,
          maxExamples,
          spikeThreshold: options.spikeThreshold,
        },
      );
    },
  };
}

interface TotalsOptions {
  known: Set<string> | null;
  maxExamples: number;
  spikeThreshold: number | undefined;
}

/** Bounded list: the first `max` examples and the full count (an example is made only when kept). */
function createRiskList(max: number): {
  push: (s: SubscriptionTotalsInput, detail?: string) => void;
  risk: () => ForecastRisk;
} {
  const items: ForecastExample[] = [];
  let count = 0;
  return {
    push: (s, detail) => {
      count++;
      if (items.length < max) items.push(example(s, detail));
    },
    risk: () => ({ count, examples: items }),
  };
}

/** Incremental totals over active subscriptions: per-day and per-MID buckets, bounded examples. */
function createTotals(importDate: string, imminentDays: number, o: TotalsOptions) {
  const days = new Map<string, { count: number; cents: number }>();
  const mids = new Map<string, { count: number; cents: number }>();
  const limit = addDaysYmd(importDate, imminentDays);
  const past = createRiskList(o.maxExamples);
  const imminent = createRiskList(o.maxExamples);
  const expiring = createRiskList(o.maxExamples);
  const unknown = createRiskList(o.maxExamples);
  let total = 0;
  let active = 0;
  return {
    add(s: SubscriptionTotalsInput): void {
      active++;
      total += s.amountCents;
      bump(days, s.nextBillDate || '(none)', s.amountCents);
      bump(mids, s.merchantId, s.amountCents);
      if (s.nextBillDate === '' || s.nextBillDate < importDate) past.push(s);
      else if (s.nextBillDate <= limit) imminent.push(s);
      if (s.cardExpiry !== '' && s.nextBillDate !== '' && s.cardExpiry < s.nextBillDate.slice(0, 7))
        expiring.push(s, `card expires ${s.cardExpiry}`);
      if (o.known && !o.known.has(s.merchantId)) unknown.push(s);
    },
    result(): ForecastResult {
      const byDay = [...days]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([date, b]) => ({ date, count: b.count, amount: formatCents(b.cents) }));
      const threshold = o.spikeThreshold ?? Math.max(10, Math.ceil(3 * median(byDay.map((d) => d.count))));
      return {
        importDate,
        imminentDays,
        spikeThreshold: threshold,
        activeSubscriptions: active,
        expectedAmount: formatCents(total),
        byDay,
        byMerchant: [...mids]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([merchantId, b]) => ({
            merchantId,
            count: b.count,
            amount: formatCents(b.cents),
            known: o.known ? o.known.has(merchantId) : true,
          })),
        risks: {
          pastDue: past.risk(),
          imminent: imminent.risk(),
          expiringCards: expiring.risk(),
          unknownMerchants: unknown.risk(),
          spikes: byDay.filter((d) => d.count > threshold),
        },
      };
    },
  };
}

function summarize(
  active: readonly Subscription[],
  importDate: string,
  imminentDays: number,
  o: TotalsOptions,
): ForecastResult {
  const totals = createTotals(importDate, imminentDays, o);
  for (const s of active) totals.add(s);
  return totals.result();
}
