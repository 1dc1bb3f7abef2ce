/**
 * Rows for the rebill forecast's differential tests (range-forecast.test.ts,
 * field-forecast.test.ts): seeded, grouped by customer, with the cell variants a fold must treat
 * alike; the expected result is the forecast module's string fold over trimmed `LegacyRow`s.
 */
import { createForecast } from '../../src/forecast/index.js';
import { headerIndex, legacyRowWith } from '../../src/import-model/index.js';
import { fullRow } from './konnektive-rows.js';

export const OPTIONS = { importDate: '2026-12-01', imminentDays: 3, knownMerchantIds: ['7'] };

/** A small deterministic generator (same rows every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(r: () => number, values: readonly T[]): T {
  return values[Math.floor(r() * values.length)] as T;
}

/**
 * Rows grouped by customer with the cell variants the fold must treat alike; a customer has one to
 * three products whose rows interleave (as in a file ordered by customer, then date).
 */
export function rows(n: number, seed: number): Record<string, string>[] {
  const r = rng(seed);
  const out: Record<string, string>[] = [];
  let sub = 0;
  while (out.length < n) {
    sub++;
    const count = 1 + Math.floor(r() * 6);
    const products = ['101', '102', '103'].slice(0, 1 + Math.floor(r() * 3));
    for (let k = 0; k < count; k++) {
      const product = pick(r, products);
      out.push(
        fullRow(out.length, {
          customerId: pick(r, [`C${sub}`, ` C${sub}`, `C${sub}\u00a0`]),
          productId: pick(r, [product, product, ` ${product}`]),
          dateCreated: pick(r, ['2026-03-01 10:11:12', '2026-03-02 10:11:12', '2026-03-02 10:11:12', '']),
          isActiveRecurring: pick(r, ['1', '1', '1', '0', ' 1', '']),
          nextBillDate: pick(r, ['2027-01-15', '2026-11-20', '2026-12-02', '', '2027-02-01 ']),
          merchantId: pick(r, ['7', '9', ' 7', 'Ünïcode MID 12345']),
          txnType: pick(r, ['SALE', 'SALE', 'CAPTURE', 'REFUND', 'AUTHORIZE', 'sale']),
          responseType: pick(r, ['SUCCESS', 'DECLINE', 'SUCCESS']),
          paySource: pick(r, ['CREDITCARD', 'CREDITCARD', 'CHECKING', 'PREPAID']),
          cardExpiryMonth: pick(r, ['09', '9', '', '12']),
          cardExpiryYear: pick(r, ['2029', '2026', '']),
          totalAmount: pick(r, ['34.90', '', 'x', '-5.5', '1.005', '0034.9', '12345678901234.25', '7']),
          subTotal: pick(r, ['29.95', '', '1.999']),
          shippingPrice: pick(r, ['4.95', '']),
          salesTax: pick(r, ['0.00', '.5']),
        }),
      );
    }
  }
  return out.slice(0, n);
}

/** What the string fold makes of `all` (rows as cells in `header` order). */
export function expected(header: readonly string[], all: readonly string[][]) {
  const index = headerIndex(header);
  const exact = createForecast(OPTIONS);
  // every row: the latest row of a subscription decides whether it is active, the latest sale its amount
  all.forEach((fields, i) => {
    exact.add(legacyRowWith(index, fields, i + 1));
  });
  return exact.result();
}

/** The rows in a seeded random order (every customer's rows spread over the file). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const r = rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Two customers whose latest row decides: A active, active, then cancelled; B (a rebill chain)
 * sales on rows later marked inactive, then an active latest rebill declined — active, priced by
 * its latest sale that was not declined (59.95, not the earlier 10.00 or the declined 12.00).
 */
export function latestRowChain(header: readonly string[]): string[][] {
  return [
    fullRow(0, { customerId: 'A', dateCreated: '2026-01-01 10:00:00' }),
    fullRow(1, { customerId: 'A', dateCreated: '2026-02-01 10:00:00' }),
    fullRow(2, { customerId: 'A', dateCreated: '2026-03-01 10:00:00', isActiveRecurring: '0' }),
    fullRow(3, {
      customerId: 'B',
      dateCreated: '2026-01-05 10:00:00',
      isActiveRecurring: '0',
      totalAmount: '10.00',
    }),
    fullRow(4, {
      customerId: 'B',
      dateCreated: '2026-02-05 10:00:00',
      isActiveRecurring: '0',
      totalAmount: '59.95',
    }),
    fullRow(5, {
      customerId: 'B',
      dateCreated: '2026-03-05 10:00:00',
      responseType: 'DECLINE',
      totalAmount: '12.00',
    }),
  ].map((row) => header.map((c) => row[c] ?? ''));
}
