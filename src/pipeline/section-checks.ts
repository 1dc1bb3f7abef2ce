/**
 * The checks of a section's written rows: the final validation (a RowChecker: every written row
 * passes `kmigrate check`), the cross-row rules and, for Transactions, the rebill forecast. The
 * cross-row rules and the forecast run on a worker thread only for the Transactions section of a
 * large single-source build (like the check's two-thread threshold), on a machine with two cores
 * or more, from the build in dist/. Small and joined builds stay on one thread.
 * @module
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  type CheckerOptions,
  CROSS_ROW_WORKER_BUILT,
  type CrossRowOffload,
  FieldForecast,
  type ForecastFeed,
  type ForecastFileOptions,
  forecastTransactionsFile,
  RowChecker,
  startCrossRowOffload,
} from '../check/index.js';
import type { MigrationConfig, SourceConfig } from '../config/index.js';
import type { ForecastResult } from '../forecast/index.js';
import type { SectionContext } from './build-section.js';

/** Source size from which a Transactions section offloads its cross-row rules. */
export const CROSS_ROW_WORKER_MIN_BYTES = 32 * 1024 * 1024;

async function sourceBytes(ctx: SectionContext, source: SourceConfig): Promise<number> {
  try {
    return (await stat(resolve(ctx.loaded.baseDir, source.file))).size;
  } catch {
    return -1;
  }
}

/** A started cross-row worker for this section, or null to keep everything on this thread. */
async function sectionOffload(
  ctx: SectionContext,
  source: SourceConfig,
  header: readonly string[],
  checkerOptions: CheckerOptions,
  forecast: ForecastFileOptions,
): Promise<CrossRowOffload | null> {
  if (ctx.kind !== 'transactions' || !CROSS_ROW_WORKER_BUILT || availableParallelism() < 2) return null;
  // A joined build spends its time in the staged lookups: the worker did not make the 1M/5M
  // Stripe bench faster (318 vs 320 s) and its ~35 MB raised that bench's peak (206 → 241 MB).
  if (ctx.joins !== null) return null;
  const min = ctx.options.crossRowWorkerMinBytes ?? CROSS_ROW_WORKER_MIN_BYTES;
  const bytes = await sourceBytes(ctx, source);
  if (bytes < 0 || bytes < min) return null;
  return startCrossRowOffload(ctx.spec, header, checkerOptions, forecast, ctx.options.crossRowWorkerIndex);
}

/** The MIDs of the merchant's assignment table (the merchantId lookup or constant), if any. */
function knownMidsOption(config: MigrationConfig): { knownMerchantIds?: readonly string[] } {
  const m = config.transactions.columns.merchantId;
  if (!m) return {};
  if (m.value !== undefined) return { knownMerchantIds: [m.value] };
  const table = m.lookup ? config.lookups[m.lookup] : undefined;
  if (!table) return {};
  return {
    knownMerchantIds: Object.values(table).map((entry) =>
      typeof entry === 'string' ? entry : String((m.field ? entry[m.field] : undefined) ?? ''),
    ),
  };
}

/**
 * Whether the section's phone column is read by the phone normalizer, which warns
 * PHONE_NANP_INVALID itself (its configured dummy exempt, an extension's warning saying both):
 * the final validation then does not warn again. A phone column read otherwise (`normalize:
 * text`) is judged by the validation, as `kmigrate check` judges it.
 */
function phoneNormalized(ctx: SectionContext): boolean {
  const section = ctx.loaded.config[ctx.kind];
  const phone = ctx.spec.columns.find((c) => c.type === 'phone');
  if (section === undefined || phone === undefined) return true;
  const m = section.columns[phone.name];
  return m === undefined || (m.normalize ?? 'phone') === 'phone';
}

/** The checks of one section's output rows (see the module comment). */
export interface SectionChecks {
  readonly checker: RowChecker;
  /** The rebill forecast, fed with every written Transactions row (null for other files). */
  readonly forecast: ForecastFeed | null;
  readonly offload: CrossRowOffload | null;
  readonly forecastOptions: ForecastFileOptions;
}

/** Start the checks of a section writing `columns`; `file` names the source in issues. */
export async function startSectionChecks(
  ctx: SectionContext,
  source: SourceConfig,
  columns: readonly string[],
  file: string,
): Promise<SectionChecks> {
  const { loaded } = ctx;
  const imminentDays = loaded.config.target.imminentDays ?? 3;
  // the build enforces one details row per customer itself (process-record.ts), on written rows
  const checkerOptions = {
    importDate: ctx.importDate,
    imminentDays,
    file,
    detailsDuplicatesElsewhere: true,
    phoneNanp: !phoneNormalized(ctx),
  };
  const forecastOptions = { importDate: ctx.importDate, imminentDays, ...knownMidsOption(loaded.config) };
  const offload = await sectionOffload(ctx, source, columns, checkerOptions, forecastOptions);
  const checker = new RowChecker(
    ctx.spec,
    columns,
    offload === null ? checkerOptions : { ...checkerOptions, crossRowSink: offload },
  );
  const forecast =
    ctx.kind === 'transactions' ? (offload?.forecast ?? new FieldForecast(columns, forecastOptions)) : null;
  return { checker, forecast, offload, forecastOptions };
}

/**
 * After the last row: the cross-row issues into the collector, and the forecast — from the worker
 * when offloaded; when the cheap forecast found a customer's rows split (null), the exact
 * forecast of the written file at `path` once `closing` (the writer's close) is done.
 */
export async function finishSectionChecks(
  checks: SectionChecks,
  ctx: SectionContext,
  closing: Promise<void>,
  path: string,
): Promise<ForecastResult | null> {
  const { checker, offload, forecast: feed } = checks;
  let forecast: ForecastResult | null;
  if (offload === null) {
    for (const i of checker.finish()) ctx.collector.add(i);
    forecast = feed?.result() ?? null;
  } else {
    const offloaded = await offload.finish();
    for (const i of checker.finish(offloaded.findings)) ctx.collector.add(i);
    forecast = offloaded.forecast;
  }
  await closing;
  if (forecast !== null || feed === null) return forecast;
  return forecastTransactionsFile(path, checks.forecastOptions);
}

/** Release the checks' temp files and worker (on failure). */
export async function disposeSectionChecks(checks: SectionChecks): Promise<void> {
  checks.checker.dispose();
  checks.forecast?.dispose();
  await checks.offload?.dispose();
}
