/**
 * The rebill forecast over rows given as ranges of a text: a row costs a few range comparisons
 * and no strings; strings are made once per run of a subscription's rows. Rows are folded per run
 * of one customer's rows, each product of the customer being one subscription (its products' rows
 * may interleave). Two modes:
 * - `exact`: the finished runs are merged per subscription at the end (forecast-merge.ts), so a
 *   customer whose rows are spread over the file is still counted once.
 * - `runs`: each finished run is counted at once, and each customer run leaves a keyed hash
 *   (run-keys.ts); the result is exact when no customer has two runs, which the keys tell at the
 *   end — else `result()` is null and the caller forecasts the file again in `exact` mode
 *   (forecastTransactionsFile). Files that keep a customer's rows together (Konnektive files, the
 *   build of a source ordered by customer) take the cheap mode once.
 * Same results as folding `LegacyRow`s (trimmed cells) with the forecast module's `update`
 * (create-forecast.ts) in any row order; the differential test holds the two together.
 * @module
 */

import {
  createForecastTotals,
  FORECAST_COLUMNS,
  type ForecastResult,
  type ForecastTotals,
} from '../forecast/index.js';
import { headerIndex } from '../import-model/index.js';
import type { ForecastFeed, ForecastFileOptions, ForecastMode } from './forecast-feed.js';
import { SubscriptionMerge } from './forecast-merge.js';
import { ACTIVE, CUSTOMER, ForecastSubscription, SLOTS } from './forecast-subscription.js';
import { RunKeys } from './run-keys.js';
import { rangesEqual } from './text-range.js';

/**
 * Products of one customer run folded at once; past this the run is finished and a new one starts
 * (merged with the earlier at the end), so a hostile file cannot grow the list or the search.
 */
export const MAX_OPEN_SUBSCRIPTIONS = 64;

/** True when `c` is printable ASCII other than space (a cell ending in one is never trimmed). */
function solid(c: number): boolean {
  return c > 32 && c < 127;
}

/**
 * The rebill forecast of one file's rows in row order. `range` takes the row as ranges of a text
 * (header index i at `base + i`), `fields` as strings; both may be mixed.
 */
export class RangeForecast implements ForecastFeed {
  readonly #merge: SubscriptionMerge | null;
  /** Header index per slot (-1: column absent, read as ''). */
  readonly #cell: Int32Array;
  readonly #active: number;
  /** Trimmed ranges of the row being added, (start, end) per slot. */
  readonly #pos = new Int32Array(2 * SLOTS);
  /** The subscriptions of the customer run being folded (the first #count), in order of opening. */
  readonly #open: ForecastSubscription[] = [];
  #count = 0;
  /** `runs` mode: the totals each finished run goes to, and the customer runs (null until one). */
  readonly #totals: ForecastTotals | null;
  #runs: RunKeys | null = null;

  constructor(header: readonly string[], options: ForecastFileOptions, mode: ForecastMode = 'exact') {
    const index = headerIndex(header);
    this.#cell = Int32Array.from(FORECAST_COLUMNS, (c) => index.get(c) ?? -1);
    this.#active = this.#cell[ACTIVE]!;
    const totals = createForecastTotals({
      importDate: options.importDate,
      imminentDays: options.imminentDays ?? 3,
      ...(options.knownMerchantIds ? { knownMerchantIds: options.knownMerchantIds } : {}),
    });
    this.#merge = mode === 'exact' ? new SubscriptionMerge(totals) : null;
    this.#totals = mode === 'exact' ? null : totals;
  }

  fields(fields: readonly string[], row: number): void {
    if (this.#active < 0) return;
    this.#addTrimmed(fields, row);
  }

  range(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    if (this.#active < 0) return;
    const cell = this.#cell;
    const pos = this.#pos;
    for (let k = 0; k < SLOTS; k++) {
      const i = cell[k]!;
      if (i < 0) {
        pos[2 * k] = 0;
        pos[2 * k + 1] = 0;
        continue;
      }
      const s = starts[base + i]!;
      const e = ends[base + i]!;
      if (s < e && !(solid(text.charCodeAt(s)) && solid(text.charCodeAt(e - 1)))) {
        this.#addTrimmed(this.#cellsOf(text, starts, ends, base), row);
        return;
      }
      pos[2 * k] = s;
      pos[2 * k + 1] = e;
    }
    this.#add(text, row);
  }

  written(
    _fields: readonly string[],
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    row: number,
  ): void {
    this.range(text, starts, ends, base, row);
  }

  result(): ForecastResult | null {
    this.#flush();
    if (this.#merge !== null) return this.#merge.result();
    const split = this.#runs?.anyRepeat() ?? false;
    this.#runs = null;
    return split ? null : (this.#totals as ForecastTotals).result();
  }

  dispose(): void {
    this.#merge?.dispose();
    this.#runs?.dispose();
    this.#runs = null;
  }

  /** The row's cells as strings, in header order up to the last forecast column. */
  #cellsOf(text: string, starts: Int32Array, ends: Int32Array, base: number): string[] {
    const last = Math.max(...this.#cell);
    const out: string[] = [];
    for (let i = 0; i <= last; i++) out.push(text.slice(starts[base + i], ends[base + i]));
    return out;
  }

  /** Add a row given as strings: its trimmed forecast cells joined into one text. */
  #addTrimmed(fields: readonly string[], row: number): void {
    let text = '';
    for (let k = 0; k < SLOTS; k++) {
      const i = this.#cell[k]!;
      const v = i < 0 ? '' : (fields[i] ?? '').trim();
      this.#pos[2 * k] = text.length;
      text += v;
      this.#pos[2 * k + 1] = text.length;
    }
    this.#add(text, row);
  }

  /** Fold the row in {@link #pos} (ranges of `text`) into its customer run's subscription. */
  #add(text: string, row: number): void {
    const pos = this.#pos;
    const open = this.#open;
    let count = this.#count;
    if (count > 0) {
      const run = open[0]!.keyPos;
      if (
        !rangesEqual(text, pos[2 * CUSTOMER]!, pos[2 * CUSTOMER + 1]!, open[0]!.keyText, run[0]!, run[1]!)
      ) {
        this.#flush();
        count = 0;
      }
    }
    let sub: ForecastSubscription | undefined;
    for (let k = 0; k < count; k++) {
      if (open[k]!.hasProduct(text, pos)) {
        sub = open[k];
        break;
      }
    }
    if (sub === undefined) {
      if (count === MAX_OPEN_SUBSCRIPTIONS) {
        this.#flush();
        count = 0;
      }
      if (count === 0 && this.#totals !== null) this.#newRun(text);
      sub = open[count];
      if (sub === undefined) {
        sub = new ForecastSubscription();
        open.push(sub);
      }
      sub.open(text, pos, row);
      this.#count = ++count;
    }
    sub.fold(text, pos, row);
  }

  /** `runs` mode: record a customer run (the customer in {@link #pos}); a repeat is a split customer. */
  #newRun(text: string): void {
    this.#runs ??= new RunKeys();
    this.#runs.add(text, this.#pos[2 * CUSTOMER]!, this.#pos[2 * CUSTOMER + 1]!);
  }

  /**
   * Count the run's subscriptions whose latest row is active, or hand every run to the merge (an
   * inactive latest row there outranks an earlier active run); close the run.
   */
  #flush(): void {
    const open = this.#open;
    for (let k = 0; k < this.#count; k++) {
      const sub = open[k]!;
      const active = sub.finish();
      if (this.#merge !== null) {
        if (sub.lastRow >= 0) this.#merge.add(sub, active);
      } else if (active) this.#totals?.add(sub);
    }
    this.#count = 0;
  }
}
