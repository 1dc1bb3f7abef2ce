/**
 * The rebill forecast of the build's written rows, fed as the row's cell strings: the build holds
 * each cell as a string already (the same string object from row to row while a cell does not
 * change), so comparing a row's customer, product or transaction type with the run's is mostly an
 * identity test, and a subscription keeps the strings of its latest row instead of its text and
 * ranges. `runs` mode only (see range-forecast.ts): each finished run is counted at once, and the
 * result is null when a customer had two runs (the caller forecasts the written file again).
 * Same results as {@link RangeForecast} in `runs` mode; the differential test holds them together.
 * @module
 */

import {
  createForecastTotals,
  FORECAST_COLUMNS,
  type ForecastResult,
  type ForecastTotals,
} from '../forecast/index.js';
import { headerIndex } from '../import-model/index.js';
import type { ForecastFeed, ForecastFileOptions } from './forecast-feed.js';
import {
  ACTIVE,
  CUSTOMER,
  centsAt,
  DATE,
  MERCHANT,
  MONTH,
  NEXT_BILL,
  PAY_SOURCE,
  PRODUCT,
  RESPONSE,
  SHIPPING,
  SUB_TOTAL,
  TAX,
  TOTAL,
  TXN_TYPE,
  YEAR,
} from './forecast-subscription.js';
import { MAX_OPEN_SUBSCRIPTIONS } from './range-forecast.js';
import { RunKeys } from './run-keys.js';

/** True when (date, row) comes after the earlier (date, row); no earlier row (-1): always. */
function later(date: string, row: number, prevDate: string, prevRow: number): boolean {
  return prevRow < 0 || date > prevDate || (date === prevDate && row > prevRow);
}

/** A subscription (customer × product) of the run being folded; reused from run to run. */
class FieldSubscription {
  customerId = '';
  productId = '';
  lastRow = -1;
  lastDate = '';
  saleRow = -1;
  saleDate = '';
  /** False while the sale kept is a declined attempt (see create-forecast.ts). */
  saleApproved = false;
  amountCents = 0;
  // the latest row's cells the totals read (set by fold), and what finish() gives them
  active = '';
  nextBillDate = '';
  merchantId = '';
  paySource = '';
  month = '';
  year = '';
  cardExpiry = '';

  open(customer: string, product: string): void {
    this.customerId = customer;
    this.productId = product;
    this.lastRow = -1;
    this.saleRow = -1;
    this.saleApproved = false;
    this.amountCents = 0;
  }
}

/** The rebill forecast of the build's rows given as strings; see the module comment. */
export class FieldForecast implements ForecastFeed {
  /** Header index per slot (-1: column absent, read as ''). */
  readonly #cell: Int32Array;
  readonly #active: number;
  readonly #totals: ForecastTotals;
  #runs: RunKeys | null = null;
  /** The subscriptions of the customer run being folded (the first #count), in order of opening. */
  readonly #open: FieldSubscription[] = [];
  #count = 0;
  /** The last card expiry made (`year-MM`) and its parts: runs of one card repeat it. */
  #expiry = '';
  #expiryYear = '';
  #expiryMonth = '';
  /** Per amount slot (subTotal, shippingPrice, salesTax, totalAmount): the last text read and its cents. */
  readonly #centsText: string[] = ['\u0000', '\u0000', '\u0000', '\u0000'];
  readonly #centsValue: (number | null)[] = [null, null, null, null];

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
    if (this.#active < 0) return;
    const customer = this.#at(fields, CUSTOMER);
    const product = this.#at(fields, PRODUCT);
    const open = this.#open;
    let count = this.#count;
    if (count > 0 && customer !== open[0]!.customerId) {
      this.#flush();
      count = 0;
    }
    let sub: FieldSubscription | undefined;
    for (let k = 0; k < count; k++) {
      if (open[k]!.productId === product) {
        sub = open[k];
        break;
      }
    }
    if (sub === undefined) {
      if (count === MAX_OPEN_SUBSCRIPTIONS) {
        this.#flush();
        count = 0;
      }
      if (count === 0) {
        this.#runs ??= new RunKeys();
        this.#runs.add(customer, 0, customer.length);
      }
      sub = open[count];
      if (sub === undefined) {
        sub = new FieldSubscription();
        open.push(sub);
      }
      sub.open(customer, product);
      this.#count = ++count;
    }
    this.#fold(sub, fields, row);
  }

  range(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void {
    const last = Math.max(...this.#cell);
    const cells: string[] = [];
    for (let i = 0; i <= last; i++) cells.push(text.slice(starts[base + i], ends[base + i]));
    this.fields(cells, row);
  }

  written(
    fields: readonly string[],
    _text: string,
    _starts: Int32Array,
    _ends: Int32Array,
    _base: number,
    row: number,
  ): void {
    this.fields(fields, row);
  }

  result(): ForecastResult | null {
    this.#flush();
    const split = this.#runs?.anyRepeat() ?? false;
    this.#runs = null;
    return split ? null : this.#totals.result();
  }

  dispose(): void {
    this.#runs?.dispose();
    this.#runs = null;
  }

  /** Cell `slot` of the row, trimmed ('' when the column is absent). */
  #at(fields: readonly string[], slot: number): string {
    const i = this.#cell[slot]!;
    if (i < 0) return '';
    const value = fields[i] ?? '';
    const n = value.length;
    if (n === 0) return value;
    const a = value.charCodeAt(0);
    const b = value.charCodeAt(n - 1);
    return a > 32 && a < 127 && b > 32 && b < 127 ? value : value.trim();
  }

  /** Cents of cell `slot` (null when it is no amount); an amount repeated from the row before is not read again. */
  #cents(fields: readonly string[], slot: number): number | null {
    const value = this.#at(fields, slot);
    const k = slot - SUB_TOTAL;
    if (value !== this.#centsText[k]) {
      this.#centsText[k] = value;
      this.#centsValue[k] = centsAt(value, 0, value.length);
    }
    return this.#centsValue[k]!;
  }

  /** Fold one row of `sub` (any order of dates: the latest row and sale win). */
  #fold(sub: FieldSubscription, fields: readonly string[], row: number): void {
    const date = this.#at(fields, DATE);
    const type = this.#at(fields, TXN_TYPE);
    if (type === 'SALE' || type === 'CAPTURE') {
      // the latest approved sale; without one, the latest declined attempt (create-forecast.ts)
      const approved = this.#at(fields, RESPONSE) !== 'DECLINE';
      const better =
        sub.saleRow < 0 ||
        (approved !== sub.saleApproved ? approved : later(date, row, sub.saleDate, sub.saleRow));
      if (better) {
        sub.saleDate = date;
        sub.saleRow = row;
        sub.saleApproved = approved;
        sub.amountCents = this.#rowCents(fields);
      }
    }
    if (!later(date, row, sub.lastDate, sub.lastRow)) return;
    sub.lastDate = date;
    sub.lastRow = row;
    sub.active = this.#at(fields, ACTIVE);
    sub.nextBillDate = this.#at(fields, NEXT_BILL);
    sub.merchantId = this.#at(fields, MERCHANT);
    sub.paySource = this.#at(fields, PAY_SOURCE);
    sub.month = this.#at(fields, MONTH);
    sub.year = this.#at(fields, YEAR);
  }

  /** totalAmount when it is an amount, else subTotal + shippingPrice + salesTax (money.ts). */
  #rowCents(fields: readonly string[]): number {
    const total = this.#cents(fields, TOTAL);
    if (total !== null) return total;
    return (
      (this.#cents(fields, SUB_TOTAL) ?? 0) +
      (this.#cents(fields, SHIPPING) ?? 0) +
      (this.#cents(fields, TAX) ?? 0)
    );
  }

  /** Count the run's subscriptions whose latest row is active; close the run. */
  #flush(): void {
    const open = this.#open;
    for (let k = 0; k < this.#count; k++) {
      const sub = open[k]!;
      if (sub.lastRow < 0 || sub.active !== '1') continue;
      sub.cardExpiry =
        sub.paySource === 'CREDITCARD' && sub.month !== '' && sub.year !== ''
          ? this.#cardExpiry(sub.year, sub.month)
          : '';
      this.#totals.add(sub);
    }
    this.#count = 0;
  }

  #cardExpiry(year: string, month: string): string {
    if (year !== this.#expiryYear || month !== this.#expiryMonth) {
      this.#expiryYear = year;
      this.#expiryMonth = month;
      this.#expiry = `${year}-${month.padStart(2, '0')}`;
    }
    return this.#expiry;
  }
}
