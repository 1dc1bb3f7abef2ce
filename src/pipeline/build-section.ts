/**
 * One output section (transactions, notes or details) from its source, in one read when it can.
 * Columns whose date format or decimal separator is inferred need every row's evidence before
 * the first row is normalized; the section then transforms with what the first batch of records
 * shows and checks the guess against the whole column at the end. A guess the whole column does
 * not confirm throws {@link InferenceGuessMissed}: the caller reruns the build in two reads
 * (inference, then transform), so the output never depends on the guess.
 * @module
 */
import { basename, join, resolve } from 'node:path';
import { CHECK_ISSUE_CODES } from '../check/index.js';
import type { LoadedConfig, OutputFileConfig, SourceConfig } from '../config/index.js';
import { type IssueCollector, ToolkitError } from '../core/index.js';
import { CsvFileWriter, type CsvRecord } from '../csv/index.js';
import type { ForecastResult } from '../forecast/index.js';
import type { FileKind, FileSpec } from '../schema/index.js';
import type { BuildOptions, ExtraRows, OutputInfo, SourceAccounting } from './build.js';
import type { ColumnInference } from './cell-normalizer.js';
import {
  confirmsGuess,
  createInferenceProbes,
  decidedInference,
  type InferenceProbes,
} from './infer-columns.js';
import type { JoinedRecord, JoinRuntime } from './join-runtime.js';
import { type Fate, processRecord, type RecordContext } from './process-record.js';
import { processProducts } from './record-products.js';
import type { RejectsWriter } from './rejects-writer.js';
import { RowLine } from './row-line.js';
import { compileRowPlan, type RowPlan } from './row-plan.js';
import { disposeSectionChecks, finishSectionChecks, startSectionChecks } from './section-checks.js';
import { openSource, type SectionReader } from './source-reader.js';

/** What a section needs from the build. */
export interface SectionContext {
  readonly loaded: LoadedConfig;
  readonly kind: FileKind;
  readonly section: OutputFileConfig;
  readonly spec: FileSpec;
  readonly importDate: string;
  readonly collector: IssueCollector;
  readonly rejects: RejectsWriter;
  readonly customers: Set<string> | null;
  /** customerIds that already have a details row (details hold one row per customer). */
  readonly detailsSeen: Set<string>;
  readonly accounting: Record<string, SourceAccounting>;
  readonly options: BuildOptions;
  /** The joins of the build (null without joins); they apply to sections of the joined source. */
  readonly joins: JoinRuntime | null;
}

/** What a built section hands back. */
export interface SectionResult {
  readonly output: OutputInfo;
  /** Rows of the further products of records holding several; null when there were none. */
  readonly items: ExtraRows | null;
  /** The rebill forecast of the written rows (Transactions only). */
  readonly forecast: ForecastResult | null;
  readonly plan: RowPlan;
  readonly inference: Map<string, ColumnInference>;
}

/** The single-read guess of a section's inference was not confirmed by all of its rows. */
export class InferenceGuessMissed extends Error {
  constructor(kind: string) {
    super(`The ${kind} inference guessed from the first records did not hold; building in two reads.`);
    this.name = 'InferenceGuessMissed';
  }
}

/** Open a section's source: its preset adapter, and the joins when it is the joined source. */
async function openSection(ctx: SectionContext, source: SourceConfig): Promise<SectionReader> {
  const reader = await openSource(ctx.loaded, source, ctx.kind === 'transactions');
  return ctx.joins !== null && ctx.joins.root === source.name ? ctx.joins.wrap(reader, ctx.kind) : reader;
}

/** `head`, then the rest of `batches`, each observed by `probes` on the way. */
async function* observed(
  head: readonly CsvRecord[],
  batches: AsyncIterator<readonly CsvRecord[]>,
  probes: InferenceProbes,
): AsyncGenerator<readonly CsvRecord[]> {
  if (head.length > 0) yield head;
  for (let next = await batches.next(); next.done !== true; next = await batches.next()) {
    probes.observe(next.value);
    yield next.value;
  }
}

/** Build one section; with `speculate` false, always infer in a read of its own first. */
export async function buildSection(ctx: SectionContext, speculate: boolean): Promise<SectionResult> {
  const { loaded, section, spec } = ctx;
  const source = loaded.config.sources.find((s) => s.name === section.source);
  if (!source) throw new ToolkitError('CONFIG_INVALID', `No source named ${section.source}.`);
  const reader = await openSection(ctx, source);
  const probes = createInferenceProbes(source, section, spec, reader.header, loaded.config);
  const batches = reader.batches()[Symbol.asyncIterator]();
  try {
    if (probes.empty) {
      const rows = { [Symbol.asyncIterator]: () => batches };
      return await transformSection(ctx, source, reader, rows, new Map(), null);
    }
    if (speculate) {
      const first = await batches.next();
      const head = first.done === true ? [] : first.value;
      probes.observe(head);
      const guess = decidedInference(probes.result());
      if (guess !== null) {
        const rows = { [Symbol.asyncIterator]: () => observed(head, batches, probes) };
        return await transformSection(ctx, source, reader, rows, guess, probes);
      }
      // The first records prove no month/day order (an export that starts on the 1st–12th of a
      // month): read on only until some record does, then transform from the start, the guess
      // checked against the whole column as above. Without any proof this read reaches the end.
      const later = first.done === true ? null : await inferenceRead(ctx, batches, probes, true);
      if (later !== null) {
        await batches.return?.(undefined);
        return await transformFromStart(ctx, source, later);
      }
      const second = await openSection(ctx, source);
      return await transformSection(ctx, source, second, second.batches(), probes.result(), null);
    }
    await inferenceRead(ctx, batches, probes, false);
    const second = await openSection(ctx, source);
    return await transformSection(ctx, source, second, second.batches(), probes.result(), null);
  } finally {
    await batches.return?.(undefined);
  }
}

/**
 * Observe the rest of `batches`, its progress reported as an inference read; with `untilDecided`,
 * stop at the first batch after which the records observed decide the inference and return it.
 * Null at the end.
 */
async function inferenceRead(
  ctx: SectionContext,
  batches: AsyncIterator<readonly CsvRecord[]>,
  probes: InferenceProbes,
  untilDecided: boolean,
): Promise<Map<string, ColumnInference> | null> {
  for (let next = await batches.next(); next.done !== true; next = await batches.next()) {
    probes.observe(next.value);
    const last = next.value[next.value.length - 1];
    if (ctx.options.onProgress && last) ctx.options.onProgress(ctx.kind, last.row, 'inference');
    const guess = untilDecided ? decidedInference(probes.result()) : null;
    if (guess !== null) return guess;
  }
  return null;
}

/** The transform in a read of its own with `guess`, which new probes check over every record. */
async function transformFromStart(
  ctx: SectionContext,
  source: SourceConfig,
  guess: Map<string, ColumnInference>,
): Promise<SectionResult> {
  const reader = await openSection(ctx, source);
  const probes = createInferenceProbes(source, ctx.section, ctx.spec, reader.header, ctx.loaded.config);
  const batches = reader.batches()[Symbol.asyncIterator]();
  try {
    const rows = { [Symbol.asyncIterator]: () => observed([], batches, probes) };
    return await transformSection(ctx, source, reader, rows, guess, probes);
  } finally {
    await batches.return?.(undefined);
  }
}

function compilePlan(
  ctx: SectionContext,
  source: SourceConfig,
  header: readonly string[],
  inference: ReadonlyMap<string, ColumnInference>,
): RowPlan {
  const { loaded, section, spec } = ctx;
  const sourceZone = source.timeZone ?? 'UTC';
  const plan = compileRowPlan(section, spec, header, loaded.config, inference, {
    sourceZone,
    targetZone: loaded.config.target.timeZone ?? sourceZone,
  });
  for (const p of plan.problems) {
    if (p.severity === 'warning') {
      ctx.collector.add({
        code: p.code,
        severity: 'warning',
        message: `${ctx.kind}.${p.path ?? `columns.${p.column}`}: ${p.message}`,
        row: null,
        line: null,
        column: p.column,
      });
    }
  }
  const fatal = plan.problems.filter((p) => p.severity === 'error');
  if (fatal.length > 0) {
    const list = fatal
      .map((p) => `  - ${ctx.kind}.${p.path ?? `columns.${p.column}`}: ${p.message}`)
      .join('\n');
    throw new ToolkitError(
      'CONFIG_INVALID',
      `The ${ctx.kind} mapping does not fit source ${source.name}:\n${list}`,
    );
  }
  return plan;
}

/**
 * The transform read: every record of `batches` through the plan into the output file. With
 * `probes`, `inference` is a guess that the probes (fed by `batches`) must confirm at the end.
 */
async function transformSection(
  ctx: SectionContext,
  source: SourceConfig,
  reader: SectionReader,
  batches: AsyncIterable<readonly CsvRecord[]>,
  inference: Map<string, ColumnInference>,
  probes: InferenceProbes | null,
): Promise<SectionResult> {
  const { loaded, section, spec, collector } = ctx;
  const file = basename(resolve(loaded.baseDir, source.file));
  const plan = compilePlan(ctx, source, reader.header, inference);
  const outFile = section.file ?? spec.defaultFileName;
  // the default 64 KiB batches: each batch's text dies young (1 MiB batches cost ~20 MB of peak)
  const writer = await CsvFileWriter.open(join(ctx.options.outDir, outFile), plan.header, {
    sha256: true,
    removeOnInterrupt: true,
  });

  const checks = await startSectionChecks(ctx, source, plan.header, file).catch(async (error: unknown) => {
    await writer.abort();
    throw error;
  });
  const { checker } = checks;
  const acc = ctx.accounting[source.name] ?? { records: 0, used: 0, rejected: 0, skipped: 0 };
  ctx.accounting[source.name] = acc;
  // the accounting of a source follows the first file that reads it (Transactions, notes, details)
  const config = loaded.config;
  const primary =
    ctx.kind ===
    (['transactions', 'notes', 'details'] as const).find((k) => config[k]?.source === source.name);
  const rc: RecordContext = {
    ctx,
    plan,
    checker,
    writer,
    line: new RowLine(plan.columns.length, checker.columnsAdmitting(',')),
    sourceName: source.name,
    file,
    customerId: plan.columns.indexOf('customerId'),
    orderId: plan.columns.indexOf('orderId'),
    pending: [],
    cardGuard: ctx.options.cleartextCards === true ? -1 : plan.columns.indexOf('cardNumber'),
    forecast: checks.forecast,
    regroup: reader.regroup ?? null,
    held: null,
    several: false,
  };
  let forecast: ForecastResult | null = null;
  let final = inference;
  const route = createRouter(rc, acc, primary);
  try {
    for await (const batch of batches) {
      route.batch(batch);
      if (rc.pending.length > 0) await Promise.all(rc.pending.splice(0));
      if (checks.offload !== null) await checks.offload.drain();
      const last = batch[batch.length - 1];
      if (ctx.options.onProgress && last) ctx.options.onProgress(ctx.kind, last.row);
    }
    if (probes !== null) {
      final = probes.result();
      if (!confirmsGuess(inference, final)) throw new InferenceGuessMissed(ctx.kind);
    }
    for (const i of reader.fileIssues) collector.add({ ...i, file });
    // the output's last batches reach the disk while the cross-row rules finish (a failure
    // below still removes the file: abort() undoes a close)
    const closing = writer.close();
    closing.catch(() => undefined);
    forecast = await finishSectionChecks(checks, ctx, closing, join(ctx.options.outDir, outFile));
    // a header without rows fails the vendor's import, as `kmigrate check` says of the file
    if (writer.rows === 0)
      collector.add({
        code: 'FILE_NO_RECORDS',
        severity: CHECK_ISSUE_CODES.FILE_NO_RECORDS.severity,
        message: `${outFile} has a header but no data rows (no source record was written): the vendor's import fails on it.`,
        row: null,
        line: null,
        column: null,
        file: outFile,
      });
  } catch (error) {
    await disposeSectionChecks(checks);
    await writer.abort();
    throw error;
  }
  return {
    output: { file: outFile, rows: writer.rows, sha256: writer.sha256 },
    items: route.items.rows > 0 ? route.items : null,
    forecast,
    plan,
    inference: final,
  };
}

/**
 * The end (exclusive) of the record starting at `batch[i]` when further products' rows follow it
 * (a record's rows are consecutive, in one batch: source-reader.ts), else -1.
 */
function productsEnd(batch: readonly JoinedRecord[], i: number): number {
  let end = i + 1;
  let items = false;
  for (; end < batch.length; end++) {
    const extra = batch[end]?.extra;
    if (extra === undefined) break;
    if (extra === 'item') items = true;
  }
  return items ? end : -1;
}

/**
 * Routes a section's records and keeps their accounting: a record's own row counts for its source;
 * a further product's row counts in `items`; a derived REFUND row counts with the joins. A record
 * followed by further products' rows goes through {@link processProducts}: all of its products
 * are written, or none (but those a rule skips); when its first product is skipped and the others
 * written, the first written product's row counts as the record's and the skipped one in `items`.
 */
function createRouter(
  rc: RecordContext,
  acc: SourceAccounting,
  primary: boolean,
): { readonly items: ExtraRows; batch(batch: readonly CsvRecord[]): void } {
  const { joins } = rc.ctx;
  const items = { rows: 0, used: 0, rejected: 0, skipped: 0 };
  const count = (record: JoinedRecord, fate: Fate): void => {
    const extra = record.extra;
    if (extra === 'item') {
      items.rows++;
      items[fate]++;
    }
    const counted = joins === null ? extra === undefined : joins.note(record, fate);
    if (primary && counted) {
      acc.records++;
      acc[fate]++;
    }
  };
  /** A row of a record of several products; `own`: the row that counts as the record's. */
  const countProduct = (record: JoinedRecord, fate: Fate, own: boolean): void => {
    joins?.note(record, fate);
    if (record.extra === 'refund') return;
    if (!own) {
      items.rows++;
      items[fate]++;
    } else if (primary) {
      acc.records++;
      acc[fate]++;
    }
  };
  return {
    items,
    batch: (batch: readonly JoinedRecord[]) => {
      for (let i = 0; i < batch.length; i++) {
        const record = batch[i] as JoinedRecord;
        // the common case: the next row is a record of its own (or there is none)
        const end = batch[i + 1]?.extra === undefined ? -1 : productsEnd(batch, i);
        if (end < 0) {
          count(record, processRecord(rc, record));
          continue;
        }
        const rows = batch.slice(i, end);
        const outcome = processProducts(rc, rows);
        for (let k = 0; k < rows.length; k++) {
          const own = k === outcome.own;
          countProduct(rows[k] as JoinedRecord, own ? outcome.record : (outcome.fates[k] ?? 'rejected'), own);
        }
        i = end - 1;
      }
    },
  };
}
