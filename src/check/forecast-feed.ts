/**
 * Feeds the rebill forecast from `check`'s reading loop: only rows of active subscriptions, and
 * on the range fast path only the forecast's own columns are turned into strings.
 * @module
 */

import { openCsv } from '../csv/index.js';
import { createRunForecast, FORECAST_COLUMNS, type ForecastResult } from '../forecast/index.js';
import { headerIndex, legacyRowWith } from '../import-model/index.js';

/** What checkFile needs from the forecast. */
export interface ForecastFeed {
  fields(fields: readonly string[], row: number): void;
  range(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void;
  result(): ForecastResult;
}

/** A feed for a Transactions file with this header. */
export function createForecastFeed(header: readonly string[], options: ForecastFileOptions): ForecastFeed {
  const index = headerIndex(header);
  const active = index.get('isActiveRecurring') ?? -1;
  const forecast = createRunForecast({
    importDate: options.importDate,
    imminentDays: options.imminentDays ?? 3,
    ...(options.knownMerchantIds ? { knownMerchantIds: options.knownMerchantIds } : {}),
  });
  // The forecast's own columns only: slot per column, header index per slot, one string per row.
  const slots = new Map<string, number>();
  const cellIndex: number[] = [];
  for (const column of FORECAST_COLUMNS) {
    const i = index.get(column);
    if (i === undefined || slots.has(column)) continue;
    slots.set(column, cellIndex.length);
    cellIndex.push(i);
  }
  const cells: (string | undefined)[] = cellIndex.map(() => undefined);
  return {
    fields(fields, row) {
      if (active >= 0 && (fields[active] ?? '').trim() === '1')
        forecast.add(legacyRowWith(index, fields, row));
    },
    range(text, starts, ends, base, row) {
      if (active < 0) return;
      const a = starts[base + active] ?? 0;
      if ((ends[base + active] ?? 0) - a !== 1 || text.charCodeAt(a) !== 49) return;
      cells.fill(undefined);
      forecast.add({
        row,
        get: (column) => {
          const slot = slots.get(column);
          if (slot === undefined) return '';
          let v = cells[slot];
          if (v === undefined) {
            const i = base + (cellIndex[slot] as number);
            v = trimmed(text, starts[i] ?? 0, ends[i] ?? 0);
            cells[slot] = v;
          }
          return v;
        },
      });
    },
    result: () => forecast.result(),
  };
}

/** `text.slice(s, e).trim()`, skipping `trim` when both ends are printable ASCII (never trimmed). */
function trimmed(text: string, s: number, e: number): string {
  const v = text.slice(s, e);
  if (s === e) return v;
  const a = text.charCodeAt(s);
  const b = text.charCodeAt(e - 1);
  return a > 32 && a < 127 && b > 32 && b < 127 ? v : v.trim();
}

/** Options of {@link forecastTransactionsFile}. */
export interface ForecastFileOptions {
  readonly importDate: string;
  readonly imminentDays?: number;
  readonly knownMerchantIds?: readonly string[];
}

/** The rebill forecast of a written Transactions file (one streaming read, flat memory). */
export async function forecastTransactionsFile(
  path: string,
  options: ForecastFileOptions,
): Promise<ForecastResult> {
  const reader = await openCsv(path, { file: path });
  const feed = createForecastFeed(reader.rawHeader, options);
  for await (const batch of reader.rangeBatches()) {
    for (let i = 0; i < batch.count; i++) {
      const record = batch.records[i];
      if (record) feed.fields(record.fields, batch.firstRow + i);
      else feed.range(batch.text, batch.starts, batch.ends, i * batch.columns, batch.firstRow + i);
    }
  }
  return feed.result();
}
