/**
 * Whether a section runs its cross-row rules and rebill forecast on a worker thread: only the
 * Transactions section of a large single-source build (like the check's two-thread threshold), on
 * a machine with two cores or more, from the build in dist/. Small and joined builds stay on one
 * thread.
 * @module
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  type CheckerOptions,
  CROSS_ROW_WORKER_BUILT,
  type CrossRowOffload,
  type ForecastFileOptions,
  startCrossRowOffload,
} from '../check/index.js';
import type { SourceConfig } from '../config/index.js';
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
export async function sectionOffload(
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
