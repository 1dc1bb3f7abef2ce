/**
 * Feeds the rebill forecast from `check`'s reading loop (and the build's writer): only rows of
 * active subscriptions, as ranges of a text or as strings (see range-forecast.ts).
 * @module
 */

import { type CsvReadOptions, openCsv } from '../csv/index.js';
import type { ForecastResult } from '../forecast/index.js';
import { RangeForecast } from './range-forecast.js';

/**
 * `exact`: exact in any row order. `runs`: cheaper, and exact when each customer's rows are together;
 * otherwise its result is null and the file must be forecast again (see range-forecast.ts).
 */
export type ForecastMode = 'exact' | 'runs';

/** What checkFile needs from the forecast. */
export interface ForecastFeed {
  fields(fields: readonly string[], row: number): void;
  range(text: string, starts: Int32Array, ends: Int32Array, base: number, row: number): void;
  /** A row held both as strings and as ranges of a text (a row the build writes): the feed reads the cheaper. */
  written(
    fields: readonly string[],
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    row: number,
  ): void;
  /** The forecast; null only in `runs` mode when a customer's rows are split (forecast again). */
  result(): ForecastResult | null;
  /** Release temp files when the forecast is abandoned (result() releases them otherwise). */
  dispose(): void;
}

/** A feed for a Transactions file with this header. */
export function createForecastFeed(
  header: readonly string[],
  options: ForecastFileOptions,
  mode: ForecastMode = 'exact',
): ForecastFeed {
  return new RangeForecast(header, options, mode);
}

/** Options of {@link forecastTransactionsFile}. */
export interface ForecastFileOptions {
  readonly importDate: string;
  readonly imminentDays?: number;
  readonly knownMerchantIds?: readonly string[];
}

/** The rebill forecast of a written Transactions file (one streaming read, flat memory, exact). */
export async function forecastTransactionsFile(
  path: string,
  options: ForecastFileOptions,
  csv: CsvReadOptions = {},
): Promise<ForecastResult> {
  const reader = await openCsv(path, { ...csv, file: path });
  const feed = createForecastFeed(reader.rawHeader, options);
  try {
    for await (const batch of reader.rangeBatches()) {
      for (let i = 0; i < batch.count; i++) {
        const record = batch.records[i];
        if (record) feed.fields(record.fields, batch.firstRow + i);
        else feed.range(batch.text, batch.starts, batch.ends, i * batch.columns, batch.firstRow + i);
      }
    }
  } catch (error) {
    feed.dispose();
    throw error;
  }
  return feed.result() as ForecastResult;
}
