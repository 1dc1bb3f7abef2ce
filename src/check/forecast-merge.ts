/**
 * Counts the rebill forecast's finished subscription runs (range-forecast.ts) once per
 * subscription, whatever the row order: runs go to a {@link RunStore} and are merged at the end
 * (latest row, latest sale), then counted. A file that keeps each customer's rows together has one
 * run per subscription; a file ordered by date has many, and gets the same figures.
 *
 * Examples are chosen after the merge, like the string fold's: per risk, the subscriptions with
 * the lowest first rows. A run that is risky by its own latest row keeps its customer and product
 * IDs ({@link ExampleStrings}); a subscription is risky exactly when its final run is, so the
 * chosen examples always have theirs.
 * @module
 */

import {
  type ForecastExample,
  type ForecastResult,
  type ForecastTotals,
  own,
  RISK_NAMES,
  type RiskName,
} from '../forecast/index.js';
import { crossRowTempRoot } from './cross-row-index.js';
import { ExampleStrings } from './example-strings.js';
import { RunStore } from './forecast-runs.js';
import type { ForecastSubscription } from './forecast-subscription.js';
import { hashBegin, hashChar, hashEnd, hashRange, lanes, randomSeeds } from './hash64.js';
import { INACTIVE, type MergedSubscription, NO_STRINGS, type RunRecord } from './run-record.js';

/** A subscription chosen as an example: its first row, strings and ids. */
interface Chosen {
  readonly firstRow: number;
  readonly strings: number;
  readonly nextBill: number;
  readonly merchant: number;
  readonly expiry: number;
}

/** What the totals read of a merged subscription (its ids resolved). */
class Resolved {
  customerId = '';
  productId = '';
  nextBillDate = '';
  merchantId = '';
  cardExpiry = '';
  amountCents = 0;
}

/** Finished runs in, the forecast result out. One use. */
export class SubscriptionMerge {
  readonly #totals: ForecastTotals;
  readonly #seeds = randomSeeds();
  /** Strings of the next bill dates, MIDs and card expiries seen, and their ids. */
  readonly #ids = new Map<string, number>();
  readonly #strings: string[] = [];
  /** Per field (next bill date, MID, expiry) the last value and its id: neighbouring runs repeat them. */
  readonly #lastValue: (string | null)[] = [null, null, null];
  readonly #lastId = [-1, -1, -1];
  #store: RunStore | null = null;
  #examples: ExampleStrings | null = null;
  readonly #record: RunRecord = {
    keyA: 0,
    keyB: 0,
    firstRow: 0,
    lastRow: 0,
    lastDate: 0,
    saleRow: -1,
    saleDate: 0,
    cents: 0,
    nextBill: 0,
    merchant: 0,
    expiry: 0,
    strings: NO_STRINGS,
  };

  constructor(totals: ForecastTotals) {
    this.#totals = totals;
  }

  /**
   * Add one finished run; `active` is what its `finish()` returned. An inactive run is kept too: when
   * it holds its subscription's latest row, the subscription is not counted.
   */
  add(sub: ForecastSubscription, active: boolean): void {
    const r = this.#record;
    const k = sub.keyPos;
    hashBegin(this.#seeds[0], this.#seeds[1]);
    hashRange(sub.keyText, k[0]!, k[1]!);
    hashChar(0);
    hashRange(sub.keyText, k[2]!, k[3]!);
    hashEnd();
    r.keyA = lanes[0]!;
    r.keyB = lanes[1]!;
    r.firstRow = sub.openRow;
    r.lastRow = sub.lastRow;
    r.lastDate = sub.lastDateKey();
    r.saleRow = sub.saleRow;
    // the latest row is usually the latest sale too
    r.saleDate = r.saleRow === r.lastRow && sub.saleApproved ? r.lastDate : sub.saleDateKey();
    r.cents = sub.amountCents;
    r.strings = NO_STRINGS;
    if (!active) {
      r.nextBill = INACTIVE;
      r.merchant = 0;
      r.expiry = 0;
      this.#push(r);
      return;
    }
    r.nextBill = this.#id(0, sub.nextBillDate);
    r.merchant = this.#id(1, sub.merchantId);
    r.expiry = this.#id(2, sub.cardExpiry);
    if (this.#totals.risksOf(sub) !== 0) {
      this.#examples ??= new ExampleStrings(crossRowTempRoot());
      r.strings = this.#examples.put(sub.customerId, sub.productId);
    }
    this.#push(r);
  }

  #push(r: RunRecord): void {
    this.#store ??= new RunStore(crossRowTempRoot());
    this.#store.push(r);
  }

  /** Merge, count and choose the examples; releases the temp files. */
  result(): ForecastResult {
    const totals = this.#totals;
    const resolved = new Resolved();
    const chosen = RISK_NAMES.map((): Chosen[] => []);
    try {
      this.#store?.finish((m: MergedSubscription) => {
        // its latest row is not active: not a rebill
        if (m.nextBill === INACTIVE) return;
        this.#resolve(m, resolved);
        resolved.amountCents = m.cents;
        totals.count(resolved);
        const risks = totals.risksOf(resolved);
        for (let k = 0; k < RISK_NAMES.length; k++) if ((risks >> k) & 1) this.#choose(chosen[k]!, m);
      });
      const examples = {} as Record<RiskName, ForecastExample[]>;
      RISK_NAMES.forEach((risk, k) => {
        examples[risk] = chosen[k]!.map((c) => this.#example(c, risk, resolved));
      });
      return totals.result(examples);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    this.#store?.dispose();
    this.#store = null;
    this.#examples?.dispose();
    this.#examples = null;
  }

  /** The dictionary id of `value`, a value of field `field` (0–2). */
  #id(field: number, value: string): number {
    if (value === this.#lastValue[field]) return this.#lastId[field]!;
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#strings.length;
      // a dictionary entry outlives the row text it was sliced from: keep a copy, not a slice
      const copy = own(value);
      this.#strings.push(copy);
      this.#ids.set(copy, id);
    }
    this.#lastValue[field] = value;
    this.#lastId[field] = id;
    return id;
  }

  #resolve(c: { nextBill: number; merchant: number; expiry: number }, into: Resolved): void {
    into.nextBillDate = this.#strings[c.nextBill]!;
    into.merchantId = this.#strings[c.merchant]!;
    into.cardExpiry = this.#strings[c.expiry]!;
  }

  /** Keep `m` in `list` (sorted by first row, at most maxExamples) if it is among the first. */
  #choose(list: Chosen[], m: MergedSubscription): void {
    const max = this.#totals.maxExamples;
    if (list.length >= max && list[list.length - 1]!.firstRow <= m.firstRow) return;
    const entry: Chosen = {
      firstRow: m.firstRow,
      strings: m.strings,
      nextBill: m.nextBill,
      merchant: m.merchant,
      expiry: m.expiry,
    };
    let at = list.length;
    while (at > 0 && list[at - 1]!.firstRow > m.firstRow) at--;
    list.splice(at, 0, entry);
    if (list.length > max) list.pop();
  }

  #example(c: Chosen, risk: RiskName, into: Resolved): ForecastExample {
    this.#resolve(c, into);
    const [customerId, productId] =
      c.strings === NO_STRINGS ? ['', ''] : (this.#examples?.get(c.strings) ?? ['', '']);
    into.customerId = customerId;
    into.productId = productId;
    return this.#totals.exampleOf(into, risk);
  }
}
