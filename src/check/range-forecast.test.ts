/**
 * The range forecast (forecast-feed.ts) against the forecast module's string fold (createForecast
 * over trimmed `LegacyRow`s): the same result through ranges, through strings, and through both
 * mixed row by row, with each customer's rows together (its products' rows interleaved) and in
 * any other order; and its temp files.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { expected, latestRowChain, OPTIONS, rows, shuffled } from '../../test/support/forecast-rows.js';
import { fullRow, TX_COLUMNS } from '../../test/support/konnektive-rows.js';
import { rangesOf } from '../../test/support/ranges.js';
import { removeTempDirs, tempDir } from '../../test/support/temp-dirs.js';
import { setCrossRowTempRoot } from './cross-row-index.js';
import type { ForecastMode } from './forecast-feed.js';
import { MAX_OPEN_SUBSCRIPTIONS, RangeForecast } from './range-forecast.js';

/** One row as ranges of a text, the way the CSV door hands range records over. */
function asRanges(cells: readonly string[]): { text: string; starts: Int32Array; ends: Int32Array } {
  return rangesOf(cells, ',', '#');
}

/** Feed every row through ranges, strings, or both mixed row by row. */
function fold(
  header: readonly string[],
  all: readonly string[][],
  mode: 'ranges' | 'fields' | 'mixed',
  forecast: ForecastMode = 'exact',
) {
  const feed = new RangeForecast(header, OPTIONS, forecast);
  all.forEach((fields, i) => {
    if (mode === 'fields' || (mode === 'mixed' && i % 3 === 0)) feed.fields(fields, i + 1);
    else {
      // a range row's active cell is read as written: ' 1' goes through the string path
      const active = fields[header.indexOf('isActiveRecurring')] ?? '';
      if (active !== active.trim()) feed.fields(fields, i + 1);
      else {
        const { text, starts, ends } = asRanges(fields);
        feed.range(text, starts, ends, 0, i + 1);
      }
    }
  });
  return feed.result();
}

describe('RangeForecast', () => {
  const header = TX_COLUMNS;
  const all = rows(600, 7).map((row) => header.map((c) => row[c] ?? ''));
  const dateColumn = header.indexOf('dateCreated');

  afterAll(() => {
    setCrossRowTempRoot(tmpdir());
    removeTempDirs();
  });

  it('agrees with the string fold when next bill dates are no calendar dates (the examples keep their customer)', () => {
    const next = header.indexOf('nextBillDate');
    const bad = all.map((r, i) => r.map((v, k) => (k === next && i % 2 === 0 ? '2026-02-30' : v)));
    const want = expected(header, bad);
    expect(want.risks.pastDue.examples[0]?.customerId).toMatch(/\S/);
    for (const mode of ['ranges', 'fields'] as const) expect(fold(header, bad, mode)).toEqual(want);
  });

  it('agrees with the string fold through ranges, strings, and both mixed', () => {
    const want = expected(header, all);
    expect(want.activeSubscriptions).toBeGreaterThan(20);
    expect(want.risks.pastDue.count + want.risks.imminent.count).toBeGreaterThan(0);
    for (const mode of ['ranges', 'fields', 'mixed'] as const) {
      expect(fold(header, all, mode), mode).toEqual(want);
      // each customer's rows are together: the cheap mode is exact too
      expect(fold(header, all, mode, 'runs'), `${mode} runs`).toEqual(want);
    }
  });

  it('agrees with the string fold in any row order (customers split across the file)', () => {
    const orders = {
      shuffled: shuffled(all, 11),
      // a processor export: ordered by date, every customer's rows far apart
      byDate: [...all].sort((a, b) => (a[dateColumn] ?? '').localeCompare(b[dateColumn] ?? '')),
      reversed: [...all].reverse(),
    };
    for (const [name, order] of Object.entries(orders)) {
      const want = expected(header, order);
      for (const mode of ['ranges', 'mixed'] as const)
        expect(fold(header, order, mode), `${name} ${mode}`).toEqual(want);
      // the cheap mode knows when it is not exact: reversed, each customer's rows are still together
      expect(fold(header, order, 'ranges', 'runs'), `${name} runs`).toEqual(
        name === 'reversed' ? want : null,
      );
    }
  });

  it('spills its runs to temp files past its memory and removes them', () => {
    const dir = tempDir('kmigrate-forecast-test-');
    setCrossRowTempRoot(dir);
    // 40,000 customers of one row each, then each again: 80,000 runs, every subscription in two
    const once = Array.from({ length: 40_000 }, (_, n) =>
      header.map((c) => fullRow(2 * n, { nextBillDate: n % 7 === 0 ? '2026-11-20' : '2027-01-15' })[c] ?? ''),
    );
    const twice = [
      ...once,
      ...once.map((f) => f.map((v, i) => (i === dateColumn ? '2026-05-05 10:11:12' : v))),
    ];
    const want = expected(header, twice);
    expect(want.activeSubscriptions).toBe(40_000);
    const feed = new RangeForecast(header, OPTIONS);
    twice.forEach((fields, i) => {
      feed.fields(fields, i + 1);
    });
    expect(readdirSync(dir).length).toBe(1);
    expect(feed.result()).toEqual(want);
    expect(readdirSync(dir)).toEqual([]);
    const abandoned = new RangeForecast(header, OPTIONS);
    twice.forEach((fields, i) => {
      abandoned.fields(fields, i + 1);
    });
    abandoned.dispose();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('counts any number of distinct next bill dates, MIDs and expiries', () => {
    const many = Array.from({ length: 60_000 }, (_, n) =>
      header.map(
        (c) =>
          fullRow(2 * n, {
            // 60,000 distinct calendar dates (one that is none is no bill day: counted as none)
            nextBillDate: new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10),
            merchantId: String(n % 5),
            totalAmount: `${n}.05`,
          })[c] ?? '',
      ),
    );
    const want = expected(header, many);
    expect(want.byDay.length).toBe(60_000);
    expect(fold(header, many, 'ranges')).toEqual(want);
  });

  it('reads ranges at any base and ignores columns the header lacks', () => {
    const short = header.filter((c) => c !== 'totalAmount' && c !== 'merchantId');
    const cut = all.map((f) => short.map((c) => f[header.indexOf(c)] ?? ''));
    const want = expected(short, cut);
    const feed = new RangeForecast(short, OPTIONS);
    const texts = cut.map((f) => asRanges(['pad', ...f]));
    cut.forEach((f, i) => {
      const active = f[short.indexOf('isActiveRecurring')] ?? '';
      const { text, starts, ends } = texts[i]!;
      if (active !== active.trim()) feed.fields(f, i + 1);
      else feed.range(text, starts, ends, 1, i + 1);
    });
    expect(feed.result()).toEqual(want);
  });

  it('counts each product of a customer once when their rows interleave', () => {
    const feed = new RangeForecast(header, OPTIONS);
    ['101', '102', '101', '102', '101'].forEach((productId, i) => {
      const row = fullRow(i, { customerId: 'A', productId });
      feed.fields(
        header.map((c) => row[c] ?? ''),
        i + 1,
      );
    });
    expect(feed.result()?.activeSubscriptions).toBe(2);
  });

  it(`starts a new run past ${MAX_OPEN_SUBSCRIPTIONS} products of one customer (bounded search)`, () => {
    const feed = new RangeForecast(header, OPTIONS);
    const products = MAX_OPEN_SUBSCRIPTIONS + 1;
    for (let i = 0; i < 2 * products; i++) {
      const row = fullRow(i, { customerId: 'A', productId: String(1000 + (i % products)) });
      const { text, starts, ends } = asRanges(header.map((c) => row[c] ?? ''));
      feed.range(text, starts, ends, 0, i + 1);
    }
    // the 65th product finishes the run of the first 64: later runs are merged with the earlier
    expect(feed.result()?.activeSubscriptions).toBe(products);
  });

  it('counts a customer whose rows are split across the file once', () => {
    const split = [
      fullRow(0, { customerId: 'A' }),
      fullRow(1, { customerId: 'B' }),
      fullRow(2, { customerId: 'A' }),
    ];
    const feed = new RangeForecast(header, OPTIONS);
    split.forEach((row, i) => {
      feed.fields(
        header.map((c) => row[c] ?? ''),
        i + 1,
      );
    });
    expect(feed.result()?.activeSubscriptions).toBe(2);
  });

  it('lets the latest row decide: a cancelled latest row ends it, earlier inactive sales price it', () => {
    const rows = latestRowChain(header);
    for (const order of [rows, [...rows].reverse(), shuffled(rows, 3)]) {
      const want = expected(header, order);
      expect(want.activeSubscriptions).toBe(1);
      expect(want.expectedAmount).toBe('59.95');
      expect(fold(header, order, 'ranges')).toEqual(want);
      expect(fold(header, order, 'fields')).toEqual(want);
    }
  });

  it('keeps an approved sale over a declined attempt whatever their date cells (customers split: the run merge)', () => {
    // the largest date key a 19-character date cell makes (99999999999999) minus the declined
    // offset must stay below an empty date's key (-1), or a declined attempt ties an approved sale
    const split = [
      fullRow(0, { customerId: 'A', dateCreated: '', totalAmount: '10.00' }),
      fullRow(1, { customerId: 'B', dateCreated: '2026-03-01 10:00:00', totalAmount: '5.00' }),
      fullRow(2, {
        customerId: 'A',
        dateCreated: '9999-99-99 99:99:99',
        responseType: 'DECLINE',
        totalAmount: '99.00',
      }),
    ].map((row) => header.map((c) => row[c] ?? ''));
    const want = expected(header, split);
    expect(want.expectedAmount).toBe('15.00');
    for (const mode of ['ranges', 'fields'] as const) expect(fold(header, split, mode), mode).toEqual(want);
  });

  it('is empty without an isActiveRecurring column', () => {
    const feed = new RangeForecast(['customerId'], OPTIONS);
    feed.fields(['C1'], 1);
    const { text, starts, ends } = asRanges(['C1']);
    feed.range(text, starts, ends, 0, 2);
    expect(feed.result()?.activeSubscriptions).toBe(0);
  });
});
