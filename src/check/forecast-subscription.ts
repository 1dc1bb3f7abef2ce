/**
 * One subscription (customer × product) of the rebill forecast while its customer's rows are
 * folded (range-forecast.ts): its latest row and its latest sale, kept as ranges of the rows'
 * texts, and what the totals read of it once it is finished. No strings are made per row.
 * @module
 */

import type { SubscriptionTotalsInput } from '../forecast/index.js';
import { DECLINED_SALE_KEY, dateKey } from './run-record.js';
import { compareRanges, rangeEquals, rangesEqual } from './text-range.js';

/** Slots of FORECAST_COLUMNS (the same order). */
export const CUSTOMER = 0;
export const PRODUCT = 1;
export const DATE = 2;
export const TXN_TYPE = 3;
export const RESPONSE = 4;
export const ACTIVE = 5;
export const NEXT_BILL = 6;
export const MERCHANT = 7;
export const PAY_SOURCE = 8;
export const MONTH = 9;
export const YEAR = 10;
export const SUB_TOTAL = 11;
export const SHIPPING = 12;
export const TAX = 13;
export const TOTAL = 14;
export const SLOTS = 15;

/**
 * Cents of `text[s, e)` exactly like `toCents` (money.ts: /^-?\d+(?:\.\d+)?$/, then
 * `Math.round(Number(v) * 100)`), or null. Up to two decimals the integer sum is that value.
 */
export function centsAt(text: string, s: number, e: number): number | null {
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

/** True when (date, row) comes after the earlier (date, row); no earlier row (-1): always. */
function later(
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

/** Cell `slot` of a row given as `text` and its (start, end) ranges per slot. */
function cellOf(text: string, pos: Int32Array, slot: number): string {
  return text.slice(pos[2 * slot], pos[2 * slot + 1]);
}

function cellIs(text: string, pos: Int32Array, slot: number, value: string): boolean {
  return rangeEquals(text, pos[2 * slot]!, pos[2 * slot + 1]!, value);
}

/**
 * A subscription being folded; reused for another one after {@link ForecastSubscription.finish}.
 * Its customer and product are ranges of the text of the row that opened it.
 */
export class ForecastSubscription implements SubscriptionTotalsInput {
  /** The text of the row that opened the subscription, and its customer and product ranges. */
  keyText = '';
  readonly keyPos = new Int32Array(4);
  /** The row that opened it. */
  openRow = -1;
  #lastText = '';
  readonly #lastPos = new Int32Array(2 * SLOTS);
  #lastRow = -1;
  #saleText = '';
  #saleS = 0;
  #saleE = 0;
  #saleRow = -1;
  /** False while the sale kept is a declined attempt (see create-forecast.ts). */
  #saleApproved = false;
  // what the totals read, set by finish()
  nextBillDate = '';
  merchantId = '';
  cardExpiry = '';
  amountCents = 0;

  get customerId(): string {
    return this.keyText.slice(this.keyPos[0], this.keyPos[1]);
  }

  get productId(): string {
    return this.keyText.slice(this.keyPos[2], this.keyPos[3]);
  }

  /** Start folding the subscription of the row in `pos` (ranges of `text`), row `row`. */
  open(text: string, pos: Int32Array, row: number): void {
    this.openRow = row;
    this.keyText = text;
    // element by element: a subarray is an allocation
    this.keyPos[0] = pos[2 * CUSTOMER]!;
    this.keyPos[1] = pos[2 * CUSTOMER + 1]!;
    this.keyPos[2] = pos[2 * PRODUCT]!;
    this.keyPos[3] = pos[2 * PRODUCT + 1]!;
    this.#lastRow = -1;
    this.#saleRow = -1;
    this.#saleApproved = false;
    this.amountCents = 0;
  }

  /** True when the row in `pos` (ranges of `text`) has this subscription's product. */
  hasProduct(text: string, pos: Int32Array): boolean {
    const k = this.keyPos;
    return rangesEqual(text, pos[2 * PRODUCT]!, pos[2 * PRODUCT + 1]!, this.keyText, k[2]!, k[3]!);
  }

  /** Fold one row of the subscription (any order of dates: the latest row and sale win). */
  fold(text: string, pos: Int32Array, row: number): void {
    const ds = pos[2 * DATE]!;
    const de = pos[2 * DATE + 1]!;
    if (cellIs(text, pos, TXN_TYPE, 'SALE') || cellIs(text, pos, TXN_TYPE, 'CAPTURE')) {
      // the latest approved sale; without one, the latest declined attempt (create-forecast.ts)
      const approved = !cellIs(text, pos, RESPONSE, 'DECLINE');
      const better =
        this.#saleRow < 0 ||
        (approved !== this.#saleApproved
          ? approved
          : later(text, ds, de, row, this.#saleText, this.#saleS, this.#saleE, this.#saleRow));
      if (better) {
        this.#saleText = text;
        this.#saleS = ds;
        this.#saleE = de;
        this.#saleRow = row;
        this.#saleApproved = approved;
        this.amountCents = rowCents(text, pos);
      }
    }
    const last = this.#lastPos;
    if (!later(text, ds, de, row, this.#lastText, last[2 * DATE]!, last[2 * DATE + 1]!, this.#lastRow))
      return;
    this.#lastText = text;
    last.set(pos);
    this.#lastRow = row;
  }

  /** Its latest row (-1: none folded) and that row's date key (run-record.ts dateKey). */
  get lastRow(): number {
    return this.#lastRow;
  }

  lastDateKey(): number {
    const p = this.#lastPos;
    return dateKey(this.#lastText, p[2 * DATE]!, p[2 * DATE + 1]!);
  }

  /** Its latest sale's row (-1: none) and date key. */
  get saleRow(): number {
    return this.#saleRow;
  }

  /** Whether its sale is approved (false: a declined attempt, or none). */
  get saleApproved(): boolean {
    return this.#saleApproved;
  }

  /** The sale's date key; a declined attempt's sorts before every approved sale (run-merger.ts). */
  saleDateKey(): number {
    if (this.#saleRow < 0) return 0;
    const key = dateKey(this.#saleText, this.#saleS, this.#saleE);
    return this.#saleApproved ? key : key - DECLINED_SALE_KEY;
  }

  /**
   * Finish the subscription: true (and the cells the totals read set) when its latest row is
   * active. Strings are made here, once per run of its rows.
   */
  finish(): boolean {
    const text = this.#lastText;
    const p = this.#lastPos;
    if (this.#lastRow < 0 || !cellIs(text, p, ACTIVE, '1')) return false;
    const month = cellOf(text, p, MONTH);
    const year = cellOf(text, p, YEAR);
    this.nextBillDate = cellOf(text, p, NEXT_BILL);
    this.merchantId = cellOf(text, p, MERCHANT);
    this.cardExpiry =
      cellIs(text, p, PAY_SOURCE, 'CREDITCARD') && month && year ? `${year}-${month.padStart(2, '0')}` : '';
    return true;
  }
}

/** totalAmount when it is an amount, else subTotal + shippingPrice + salesTax (money.ts). */
function rowCents(text: string, p: Int32Array): number {
  const total = centsAt(text, p[2 * TOTAL]!, p[2 * TOTAL + 1]!);
  if (total !== null) return total;
  return (
    (centsAt(text, p[2 * SUB_TOTAL]!, p[2 * SUB_TOTAL + 1]!) ?? 0) +
    (centsAt(text, p[2 * SHIPPING]!, p[2 * SHIPPING + 1]!) ?? 0) +
    (centsAt(text, p[2 * TAX]!, p[2 * TAX + 1]!) ?? 0)
  );
}
