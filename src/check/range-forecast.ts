/**
 * The rebill forecast over rows given as ranges of a text: a row of the subscription being folded
 * costs a few range comparisons and no strings; strings are made once per subscription, when it
 * is finished and counted. Same results as folding `LegacyRow`s (trimmed cells) with the forecast
 * module's `update` (create-forecast.ts); the differential test holds the two together.
 * @module
 */

import {
  createForecastTotals,
  FORECAST_COLUMNS,
  type ForecastResult,
  type ForecastTotals,
  type SubscriptionTotalsInput,
} from '../forecast/index.js';
import { headerIndex } from '../import-model/index.js';
import type { ForecastFeed, ForecastFileOptions } from './forecast-feed.js';
import { compareRanges, rangeEquals, rangesEqual } from './text-range.js';

/** Slots of {@link FORECAST_COLUMNS} (the same order). */
const CUSTOMER = 0;
const PRODUCT = 1;
const DATE = 2;
const TXN_TYPE = 3;
const RESPONSE = 4;
const ACTIVE = 5;
const NEXT_BILL = 6;
const MERCHANT = 7;
const PAY_SOURCE = 8;
const MONTH = 9;
const YEAR = 10;
const SUB_TOTAL = 11;
const SHIPPING = 12;
const TAX = 13;
const TOTAL = 14;
const SLOTS = 15;

/** True when `c` is printable ASCII other than space (a cell ending in one is never trimmed). */
function solid(c: number): boolean {
  return c > 32 && c < 127;
}

/**
 * Cents of `text[s, e)` exactly like `toCents` (money.ts: /^-?\d+(?:\.\d+)?$/, then
 * `Math.round(Number(v) * 100)`), or null. Up to two decimals the integer sum is that value.
 */
function centsAt(text: string, s: number, e: number): number | null {
  let i = s;
  const negative = i < e && text.charCodeAt(i) === 45;
  if (negative) i++;
  let whole = 0;
  const digits = i;
  while (i < e && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)
    whole = whole * 10 + text.charCodeAt(i++) - 48;
  const wholeDigits = i - digits;
  if (wholeDigits === 0) return null;
  let frac = 0;
  let fracDigits = 0;
  if (i < e) {
    if (text.charCodeAt(i) !== 46) return null;
    i++;
    const from = i;
    while (i < e && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)
      frac = frac * 10 + text.charCodeAt(i++) - 48;
    fracDigits = i - from;
    if (fracDigits === 0 || i < e) return null;
  }
  if (wholeDigits > 13 || fracDigits > 2) return Math.round(Number(text.slice(s, e)) * 100);
  const cents = whole * 100 + (fracDigits === 1 ? frac * 10 : frac);
  return negative ? -cents : cents;
}

/**
 * A finished subscription as the totals read it (during `add` only): the customer and product
 * strings are made only when an example is kept.
 */
class Finished implements SubscriptionTotalsInput {
  keyText = '';
  nextBillDate = '';
  merchantId = '';
  cardExpiry = '';
  amountCents = 0;
  readonly #key: Int32Array;

  constructor(key: Int32Array) {
    this.#key = key;
  }

  get customerId(): string {
    return this.keyText.slice(this.#key[0], this.#key[1]);
  }

  get productId(): string {
    return this.keyText.slice(this.#key[2], this.#key[3]);
  }
}

/**
 * The rebill forecast of one file's rows in row order. `range` takes the row as ranges of a text
 * (header index i at `base + i`), `fields` as strings; both may be mixed.
 */
export class RangeForecast implements ForecastFeed {
  readonly #totals: ForecastTotals;
  /** Header index per slot (-1: column absent, read as ''). */
  readonly #cell: Int32Array;
  readonly #active: number;
  /** Trimmed ranges of the row being added, (start, end) per slot. */
  readonly #pos = new Int32Array(2 * SLOTS);
  /** The subscription being folded: its key cells, latest row and latest sale. */
  #open = false;
  #keyText = '';
  readonly #keyPos = new Int32Array(4);
  readonly #finished = new Finished(this.#keyPos);
  #lastText = '';
  readonly #lastPos = new Int32Array(2 * SLOTS);
  #lastRow = -1;
  #saleText = '';
  #saleS = 0;
  #saleE = 0;
  #saleRow = -1;
  #amountCents = 0;

  constructor(header: readonly string[], options: ForecastFileOptions) {
    const index = headerIndex(header);
    this.#cell = Int32Array.from(FORECAST_COLUMNS, (c) => index.get(c) ?? -1);
    this.#active = this.#cell[ACTIVE]!;
    this.#totals = createForecastTotals({
      importDate: options.importDate,
      imminentDays: options.imminentDays ?? 3,
      ...(options.knownMerchantIds ? { knownMerchantIds: options.knownMerchantIds } : {}),
    });
  }

  fields(fields: readonly string[], row: number): void {
    if (this.#active < 0 || (fields[this.#active] ?? '').trim() !== '1') return;
    this.#addTrimmed(fields, row);
  }

  range(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    const active = this.#active;
    if (active < 0) return;
    const a = starts[base + active]!;
    if (ends[base + active]! - a !== 1 || text.charCodeAt(a) !== 49) return;
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

  result(): ForecastResult {
    this.#flush();
    return this.#totals.result();
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

  #is(text: string, slot: number, value: string): boolean {
    return rangeEquals(text, this.#pos[2 * slot]!, this.#pos[2 * slot + 1]!, value);
  }

  /** Fold the row in {@link #pos} (ranges of `text`) into its subscription. */
  #add(text: string, row: number): void {
    const pos = this.#pos;
    const key = this.#keyPos;
    const kt = this.#keyText;
    if (
      !this.#open ||
      !rangesEqual(text, pos[2 * CUSTOMER]!, pos[2 * CUSTOMER + 1]!, kt, key[0]!, key[1]!) ||
      !rangesEqual(text, pos[2 * PRODUCT]!, pos[2 * PRODUCT + 1]!, kt, key[2]!, key[3]!)
    ) {
      this.#flush();
      this.#open = true;
      this.#keyText = text;
      // element by element: a subarray is an allocation
      key[0] = pos[2 * CUSTOMER]!;
      key[1] = pos[2 * CUSTOMER + 1]!;
      key[2] = pos[2 * PRODUCT]!;
      key[3] = pos[2 * PRODUCT + 1]!;
      this.#lastRow = -1;
      this.#saleRow = -1;
      this.#amountCents = 0;
    }
    const ds = pos[2 * DATE]!;
    const de = pos[2 * DATE + 1]!;
    const sale =
      (this.#is(text, TXN_TYPE, 'SALE') || this.#is(text, TXN_TYPE, 'CAPTURE')) &&
      !this.#is(text, RESPONSE, 'DECLINE');
    if (sale && this.#later(text, ds, de, row, this.#saleText, this.#saleS, this.#saleE, this.#saleRow)) {
      this.#saleText = text;
      this.#saleS = ds;
      this.#saleE = de;
      this.#saleRow = row;
      this.#amountCents = this.#rowCents(text);
    }
    const last = this.#lastPos;
    if (!this.#later(text, ds, de, row, this.#lastText, last[2 * DATE]!, last[2 * DATE + 1]!, this.#lastRow))
      return;
    this.#lastText = text;
    last.set(pos);
    this.#lastRow = row;
  }

  /** True when (date, row) comes after the earlier (date, row); no earlier row (-1): always. */
  #later(
    t: string,
    s: number,
    e: number,
    row: number,
    pt: string,
    ps: number,
    pe: number,
    prow: number,
  ): boolean {
    if (prow < 0) return true;
    const c = compareRanges(t, s, e, pt, ps, pe);
    return c > 0 || (c === 0 && row > prow);
  }

  /** totalAmount when it is an amount, else subTotal + shippingPrice + salesTax (money.ts). */
  #rowCents(text: string): number {
    const p = this.#pos;
    const total = centsAt(text, p[2 * TOTAL]!, p[2 * TOTAL + 1]!);
    if (total !== null) return total;
    return (
      (centsAt(text, p[2 * SUB_TOTAL]!, p[2 * SUB_TOTAL + 1]!) ?? 0) +
      (centsAt(text, p[2 * SHIPPING]!, p[2 * SHIPPING + 1]!) ?? 0) +
      (centsAt(text, p[2 * TAX]!, p[2 * TAX + 1]!) ?? 0)
    );
  }

  /** Cell `slot` of the folded subscription's latest row. */
  #lastCell(slot: number): string {
    const p = this.#lastPos;
    return this.#lastText.slice(p[2 * slot], p[2 * slot + 1]);
  }

  #lastIs(slot: number, value: string): boolean {
    const p = this.#lastPos;
    return rangeEquals(this.#lastText, p[2 * slot]!, p[2 * slot + 1]!, value);
  }

  /** Count the subscription being folded (when its latest row is active) and close it. */
  #flush(): void {
    if (!this.#open) return;
    this.#open = false;
    if (this.#lastRow < 0 || !this.#lastIs(ACTIVE, '1')) return;
    const month = this.#lastCell(MONTH);
    const year = this.#lastCell(YEAR);
    const finished = this.#finished;
    finished.keyText = this.#keyText;
    finished.nextBillDate = this.#lastCell(NEXT_BILL);
    finished.merchantId = this.#lastCell(MERCHANT);
    finished.cardExpiry =
      this.#lastIs(PAY_SOURCE, 'CREDITCARD') && month && year ? `${year}-${month.padStart(2, '0')}` : '';
    finished.amountCents = this.#amountCents;
    this.#totals.add(finished);
  }
}
