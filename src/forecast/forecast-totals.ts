/**
 * The forecast's totals, fed one finished subscription at a time: counts and cents per next bill
 * date and per MID, the cut-over risks with bounded examples, spikes. Used by the string fold
 * (create-forecast.ts) and by check's range forecast.
 * @module
 */

import { addDaysYmd, isCalendarDate, maskCardNumbers } from '../core/index.js';
import { formatCents } from '../import-model/index.js';
import type { Subscription } from './create-forecast.js';
import type { ForecastExample, ForecastOptions, ForecastResult, ForecastRisk } from './forecast-types.js';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] ?? 0);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A standalone copy: a kept example must not pin the (large) text it was sliced from. */
export function own(text: string): string {
  return text.length < 13 ? text : decoder.decode(encoder.encode(text));
}

/** What the totals read of a finished subscription (read during `add` only, never kept). */
export type SubscriptionTotalsInput = Readonly<
  Pick<
    Subscription,
    'customerId' | 'productId' | 'nextBillDate' | 'merchantId' | 'cardExpiry' | 'amountCents'
  >
>;

/**
 * A cell shown as it is, but a card number in it masked: the cells a forecast shows are not
 * checked yet (a card number pasted into merchantId or productId is a TYPE_INTEGER error, one in
 * customerId none) and must not reach the output nor the report.
 */
function shown(cell: string): string {
  return own(maskCardNumbers(cell));
}

function example(s: SubscriptionTotalsInput, detail?: string): ForecastExample {
  const base = {
    customerId: shown(s.customerId),
    productId: shown(s.productId),
    merchantId: shown(s.merchantId),
    nextBillDate: own(s.nextBillDate),
  };
  return detail === undefined ? base : { ...base, detail };
}

const SPLIT = 2 ** 26;

/**
 * A sum of cents that does not depend on the order of the terms: integer terms are added as two
 * exact parts (multiples of 2^26 and the rest; exact up to 2^26 terms), so totals past 2^53 cents
 * round once, at the end. Other terms (not integers, or beyond 2^53) are summed as they come.
 */
class CentsSum {
  #high = 0;
  #low = 0;
  #other = 0;

  add(cents: number): void {
    if (Number.isSafeInteger(cents)) {
      const low = ((cents % SPLIT) + SPLIT) % SPLIT;
      this.#low += low;
      this.#high += (cents - low) / SPLIT;
    } else this.#other += cents;
  }

  get value(): number {
    return this.#high * SPLIT + this.#low + this.#other;
  }
}

interface Bucket {
  count: number;
  readonly cents: CentsSum;
}

function bucket(map: Map<string, Bucket>, key: string): Bucket {
  let b = map.get(key);
  if (b === undefined) {
    b = { count: 0, cents: new CentsSum() };
    map.set(key, b);
  }
  return b;
}

/** The cut-over risks with example lists, in the order of their bits in {@link ForecastTotals.risksOf}. */
export const RISK_NAMES = ['pastDue', 'imminent', 'expiringCards', 'unknownMerchants'] as const;
export type RiskName = (typeof RISK_NAMES)[number];

/** Totals fed one finished subscription at a time (see check's forecast feed). */
export interface ForecastTotals {
  /** Count one subscription (active ones only; the caller decides); kept as an example while there is room. */
  add(s: SubscriptionTotalsInput): void;
  /** Count one subscription without keeping it as an example (the caller chooses the examples). */
  count(s: SubscriptionTotalsInput): void;
  /** The risks `s` counts in: bit k for RISK_NAMES[k]. */
  risksOf(s: SubscriptionTotalsInput): number;
  /** The example `s` shows in a risk's list (strings copied). */
  exampleOf(s: SubscriptionTotalsInput, risk: RiskName): ForecastExample;
  /** Examples shown per risk. */
  readonly maxExamples: number;
  /** The result; `examples` replaces the example lists (at most {@link maxExamples} are shown). */
  result(examples?: Readonly<Record<RiskName, readonly ForecastExample[]>>): ForecastResult;
}

/** A MID as compared with the known ones: `03` and `3` are one MID (the file's column is a number). */
function midKey(mid: string): string {
  const t = mid.trim();
  return /^\d+$/.test(t) ? String(Number(t)) : t;
}

/**
 * Totals for a forecast in flat memory over files of any size (check and build): the caller
 * counts each finished subscription once (check's range forecast merges a subscription's runs of
 * rows first, forecast-merge.ts) and may choose the examples itself.
 */
export function createForecastTotals(options: ForecastOptions): ForecastTotals {
  return createTotals(options.importDate, options.imminentDays ?? 3, {
    known: options.knownMerchantIds ? new Set(options.knownMerchantIds.map(midKey)) : null,
    maxExamples: options.maxExamples ?? 20,
    spikeThreshold: options.spikeThreshold,
  });
}

interface TotalsOptions {
  known: Set<string> | null;
  maxExamples: number;
  spikeThreshold: number | undefined;
}

/** Bounded list: the first `max` examples and the full count (an example is made only when kept). */
function createRiskList(max: number): {
  push: (s: SubscriptionTotalsInput, keep: boolean, detail?: string) => void;
  risk: (examples?: readonly ForecastExample[]) => ForecastRisk;
} {
  const items: ForecastExample[] = [];
  let count = 0;
  return {
    push: (s, keep, detail) => {
      count++;
      if (keep && items.length < max) items.push(example(s, detail));
    },
    risk: (examples) => ({ count, examples: examples === undefined ? items : examples.slice(0, max) }),
  };
}

/** Incremental totals over active subscriptions: per-day and per-MID buckets, bounded examples. */
function createTotals(importDate: string, imminentDays: number, o: TotalsOptions): ForecastTotals {
  const days = new Map<string, Bucket>();
  const mids = new Map<string, Bucket>();
  const limit = addDaysYmd(importDate, imminentDays);
  const past = createRiskList(o.maxExamples);
  const imminent = createRiskList(o.maxExamples);
  const expiring = createRiskList(o.maxExamples);
  const unknown = createRiskList(o.maxExamples);
  const total = new CentsSum();
  let active = 0;
  // a next bill date that is no calendar date (a TYPE_DATE error of the check; a card number in
  // the wrong column) is no bill day: counted as none, never shown nor compared as a date
  // (judged once per distinct date: a file holds few bill days, and the check reads them all)
  const judged = new Map<string, boolean>();
  const usable = (s: SubscriptionTotalsInput): SubscriptionTotalsInput => {
    const d = s.nextBillDate;
    if (d === '') return s;
    let ok = judged.get(d);
    if (ok === undefined) {
      ok = isCalendarDate(d);
      if (judged.size < 100_000) judged.set(own(d), ok);
    }
    if (ok) return s;
    // the fields one by one: a subscription may give them through getters, which a spread drops
    return {
      customerId: s.customerId,
      productId: s.productId,
      merchantId: s.merchantId,
      cardExpiry: s.cardExpiry,
      amountCents: s.amountCents,
      nextBillDate: '',
    };
  };
  const isPast = (s: SubscriptionTotalsInput): boolean =>
    s.nextBillDate === '' || s.nextBillDate < importDate;
  const isImminent = (s: SubscriptionTotalsInput): boolean => !isPast(s) && s.nextBillDate <= limit;
  const isExpiring = (s: SubscriptionTotalsInput): boolean =>
    s.cardExpiry !== '' && s.nextBillDate !== '' && s.cardExpiry < s.nextBillDate.slice(0, 7);
  const isUnknown = (s: SubscriptionTotalsInput): boolean =>
    o.known !== null && !o.known.has(midKey(s.merchantId));
  const tally = (s: SubscriptionTotalsInput, keep: boolean): void => {
    active++;
    const day = bucket(days, s.nextBillDate || '(none)');
    const mid = bucket(mids, s.merchantId);
    day.count++;
    mid.count++;
    total.add(s.amountCents);
    day.cents.add(s.amountCents);
    mid.cents.add(s.amountCents);
    if (isPast(s)) past.push(s, keep);
    else if (isImminent(s)) imminent.push(s, keep);
    if (isExpiring(s)) expiring.push(s, keep, `card expires ${s.cardExpiry}`);
    if (isUnknown(s)) unknown.push(s, keep);
  };
  return {
    add: (s) => tally(usable(s), true),
    count: (s) => tally(usable(s), false),
    risksOf: (given) => {
      const s = usable(given);
      return (isPast(s) ? 1 : isImminent(s) ? 2 : 0) | (isExpiring(s) ? 4 : 0) | (isUnknown(s) ? 8 : 0);
    },
    exampleOf: (given, risk) => {
      const s = usable(given);
      return risk === 'expiringCards' ? example(s, `card expires ${s.cardExpiry}`) : example(s);
    },
    maxExamples: o.maxExamples,
    result(examples): ForecastResult {
      const byDay = [...days]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([date, b]) => ({ date, count: b.count, amount: formatCents(b.cents.value) }));
      const threshold = o.spikeThreshold ?? Math.max(10, Math.ceil(3 * median(byDay.map((d) => d.count))));
      return {
        importDate,
        imminentDays,
        spikeThreshold: threshold,
        activeSubscriptions: active,
        expectedAmount: formatCents(total.value),
        byDay,
        byMerchant: [...mids]
          .sort((a, b) => a[0].localeCompare(b[0]))
          .map(([merchantId, b]) => ({
            merchantId: shown(merchantId),
            count: b.count,
            amount: formatCents(b.cents.value),
            known: o.known ? o.known.has(merchantId) : true,
          })),
        risks: {
          pastDue: past.risk(examples?.pastDue),
          imminent: imminent.risk(examples?.imminent),
          expiringCards: expiring.risk(examples?.expiringCards),
          unknownMerchants: unknown.risk(examples?.unknownMerchants),
          spikes: byDay.filter((d) => d.count > threshold),
        },
      };
    },
  };
}
