/**
 * The build's forecast over cell strings (field-forecast.ts) against the forecast module's string
 * fold and against the range forecast in `runs` mode: the same result when each customer's rows
 * are together, null (forecast the file again) when they are not — fed as the build feeds it, one
 * array reused and changed in place from row to row.
 */
import { describe, expect, it } from 'vitest';
import { expected, latestRowChain, OPTIONS, rows, shuffled } from '../../test/support/forecast-rows.js';
import { fullRow, TX_COLUMNS } from '../../test/support/konnektive-rows.js';
import { rangesOf } from '../../test/support/ranges.js';
import { FieldForecast } from './field-forecast.js';
import { MAX_OPEN_SUBSCRIPTIONS, RangeForecast } from './range-forecast.js';

const header = TX_COLUMNS;

/** Feed rows the way the build does: one array, its cells replaced row by row. */
function fold(all: readonly string[][], via: 'fields' | 'written' | 'range' = 'fields', cols = header) {
  const feed = new FieldForecast(cols, OPTIONS);
  const out: string[] = [];
  all.forEach((cells, i) => {
    for (let c = 0; c < cells.length; c++) out[c] = cells[c] ?? '';
    if (via === 'fields') feed.fields(out, i + 1);
    else {
      const { text, starts, ends } = rangesOf(cells, ',', '#');
      if (via === 'written') feed.written(out, text, starts, ends, 0, i + 1);
      else feed.range(text, starts, ends, 0, i + 1);
    }
  });
  return feed.result();
}

function ranges(all: readonly string[][]) {
  const feed = new RangeForecast(header, OPTIONS, 'runs');
  all.forEach((cells, i) => {
    feed.fields(cells, i + 1);
  });
  return feed.result();
}

const cellsOf = (row: Record<string, string>): string[] => header.map((c) => row[c] ?? '');

describe('FieldForecast', () => {
  const all = rows(600, 7).map(cellsOf);
  const dateColumn = header.indexOf('dateCreated');

  it('agrees with the string fold when each customer’s rows are together', () => {
    const want = expected(header, all);
    expect(want.activeSubscriptions).toBeGreaterThan(20);
    expect(want.risks.pastDue.count + want.risks.imminent.count).toBeGreaterThan(0);
    expect(want.risks.expiringCards.count).toBeGreaterThan(0);
    for (const via of ['fields', 'written', 'range'] as const) expect(fold(all, via), via).toEqual(want);
    // other seeds: other mixes of padded cells, amounts and products
    for (const seed of [1, 2, 3]) {
      const more = rows(400, seed).map(cellsOf);
      expect(fold(more), `seed ${seed}`).toEqual(expected(header, more));
    }
  });

  it('is null, like the range forecast in runs mode, when a customer’s rows are split', () => {
    const orders = {
      shuffled: shuffled(all, 11),
      byDate: [...all].sort((a, b) => (a[dateColumn] ?? '').localeCompare(b[dateColumn] ?? '')),
      reversed: [...all].reverse(),
    };
    for (const [name, order] of Object.entries(orders)) {
      const got = fold(order);
      expect(got, name).toEqual(ranges(order));
      // reversed, each customer's rows are still together
      expect(got, name).toEqual(name === 'reversed' ? expected(header, order) : null);
    }
  });

  it('lets the latest row decide and the latest sale that was not declined price it, in either order', () => {
    const chain = latestRowChain(header);
    for (const order of [chain, [...chain].reverse()]) {
      const want = expected(header, order);
      expect(want.activeSubscriptions).toBe(1);
      expect(want.expectedAmount).toBe('59.95');
      expect(fold(order)).toEqual(want);
    }
  });

  it('counts each product of a customer once when their rows interleave', () => {
    const interleaved = ['101', '102', '101', '102', '101'].map((productId, i) =>
      cellsOf(fullRow(i, { customerId: 'A', productId })),
    );
    expect(fold(interleaved)?.activeSubscriptions).toBe(2);
  });

  it(`starts a new run past ${MAX_OPEN_SUBSCRIPTIONS} products of one customer, then asks for the exact forecast`, () => {
    const products = MAX_OPEN_SUBSCRIPTIONS + 1;
    const many = Array.from({ length: 2 * products }, (_, i) =>
      cellsOf(fullRow(i, { customerId: 'A', productId: String(1000 + (i % products)) })),
    );
    expect(fold(many)).toBeNull();
    expect(ranges(many)).toBeNull();
    const fits = many.slice(0, MAX_OPEN_SUBSCRIPTIONS);
    expect(fold(fits)?.activeSubscriptions).toBe(MAX_OPEN_SUBSCRIPTIONS);
  });

  it('reads columns where the header has them and treats missing ones as empty', () => {
    const short = header.filter((c) => c !== 'totalAmount' && c !== 'merchantId');
    const cut = all.map((f) => short.map((c) => f[header.indexOf(c)] ?? ''));
    expect(fold(cut, 'fields', short)).toEqual(expected(short, cut));
    const none = new FieldForecast(['customerId'], OPTIONS);
    none.fields(['C1'], 1);
    expect(none.result()?.activeSubscriptions).toBe(0);
  });
});
