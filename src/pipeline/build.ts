/**
 * `build`: sources + migration.yaml → Konnektive files, rejects.csv and the report data.
 * Streams every file; every source record ends up in an output or in rejects.csv.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildOutputFiles, type LoadedConfig } from '../config/index.js';
import { type Issue, IssueCollector, maskCardNumbers, ToolkitError } from '../core/index.js';
import { fileKey, openCsv } from '../csv/index.js';
import type { ForecastResult } from '../forecast/index.js';
import { applyTemplate, builtinSpec, type FileKind, type FileSpec } from '../schema/index.js';
import { buildSection, InferenceGuessMissed, type SectionContext } from './build-section.js';
import type { ColumnInference } from './cell-normalizer.js';
import { type JoinReport, type JoinRuntime, prepareJoins } from './join-runtime.js';
import { RejectsWriter } from './rejects-writer.js';

/** Row accounting for one source: records = used + rejected + skipped, always. */
export interface SourceAccounting {
  records: number;
  used: number;
  rejected: number;
  skipped: number;
}

/** Rows written beside their source record (not records of their own), by fate. */
export interface ExtraRows {
  rows: number;
  used: number;
  rejected: number;
  skipped: number;
}

/** One written output file. */
export interface OutputInfo {
  readonly file: string;
  readonly rows: number;
  readonly sha256: string;
}

/** Everything the report needs. */
export interface BuildResult {
  readonly importDate: string;
  readonly accounting: Record<string, SourceAccounting>;
  readonly outputs: Record<string, OutputInfo>;
  readonly issues: readonly Issue[];
  readonly truncatedIssues: number;
  readonly countsByCode: Record<string, number>;
  readonly errors: number;
  readonly warnings: number;
  /** Per lookup table, the values without an entry; `rows`: source records missing it (lookup-misses.ts). */
  readonly lookupTodo: Record<string, { value: string; rows: number }[]>;
  readonly inference: Record<string, Record<string, ColumnInference>>;
  readonly spec: { format: string; version: string; template: string | null };
  /** What the joins did (null for a single-source config); report.json's `joins`. */
  readonly joins: JoinReport | null;
  /** Rows of the further products of records holding several (one row per product); null: none. */
  readonly items: ExtraRows | null;
  /** The rebill forecast of transactions.csv, fed while it was written (null without one). */
  readonly forecast: ForecastResult | null;
}

/** Options of {@link runBuild}. */
export interface BuildOptions {
  readonly outDir: string;
  /** Import date used when the config has none (YYYY-MM-DD). */
  readonly today: string;
  /**
   * Rows read so far: by the transform, or (`phase` 'inference') by a read that only infers date
   * formats and decimal separators before the transform starts over from the first row.
   */
  readonly onProgress?: (section: string, rows: number, phase?: 'inference') => void;
  /**
   * Infer date formats and decimal separators in a read of their own before transforming,
   * instead of in the same read from a guess checked at the end. Slower; the output is the same.
   */
  readonly twoReads?: boolean;
  /**
   * Let cardNumber carry full card numbers in clear. Without it the build stops with
   * SCAN_LEAK_DETECTED at the first card number it would write (before anything reaches the
   * disk): only vault tokens may stand there.
   */
  readonly cleartextCards?: boolean;
  /**
   * Source size from which the Transactions section runs its cross-row rules and forecast on a
   * worker thread (default 32 MiB; tests lower it to force the worker path; same output).
   */
  readonly crossRowWorkerMinBytes?: number;
  /**
   * The worker's cross-row index sizes (tests make it spill and split small inputs to exercise
   * the shared end-of-file scan; same output).
   */
  readonly crossRowWorkerIndex?: { readonly memoryRecords?: number; readonly splitAbove?: number };
}

const SECTIONS: readonly FileKind[] = ['transactions', 'notes', 'details'];

async function resolveSpec(
  loaded: LoadedConfig,
  kind: FileKind,
  collector: IssueCollector,
): Promise<FileSpec> {
  const base = builtinSpec().kinds[kind];
  const template = kind === 'transactions' ? loaded.config.target.template : undefined;
  if (!template) return base;
  const reader = await openCsv(resolve(loaded.baseDir, template), {});
  const applied = applyTemplate(base, reader.rawHeader);
  await reader.close();
  for (const i of applied.issues) collector.add(i);
  return applied.spec;
}

/** Per table, per source, each missing lookup key and the number of that source's records missing it. */
type LookupTodoBySource = Map<string, Map<string, Map<string, number>>>;

/**
 * Note one output's lookup misses: outputs reading the same source (transactions and notes from
 * one file) count the same records, so their counts meet in the larger; other sources add.
 */
function addLookupMisses(
  todo: LookupTodoBySource,
  source: string,
  byTable: ReadonlyMap<string, ReadonlyMap<string, number>>,
): void {
  for (const [table, values] of byTable) {
    const sources = todo.get(table) ?? new Map<string, Map<string, number>>();
    todo.set(table, sources);
    const counts = sources.get(source) ?? new Map<string, number>();
    sources.set(source, counts);
    for (const [v, n] of values) counts.set(v, Math.max(counts.get(v) ?? 0, n));
  }
}

/** Per table, each missing key and the number of source records missing it (all sources). */
function lookupTodoCounts(todo: LookupTodoBySource): Map<string, Map<string, number>> {
  const all = new Map<string, Map<string, number>>();
  for (const [table, sources] of todo) {
    const counts = new Map<string, number>();
    for (const values of sources.values())
      for (const [v, n] of values) counts.set(v, (counts.get(v) ?? 0) + n);
    all.set(table, counts);
  }
  return all;
}

/** Run the build. Data problems become issues and rejects; operational failures throw. */
export async function runBuild(loaded: LoadedConfig, options: BuildOptions): Promise<BuildResult> {
  refuseOverwritingInputs(loaded, options.outDir);
  if (options.twoReads === true) return buildAll(loaded, options, false);
  try {
    return await buildAll(loaded, options, true);
  } catch (error) {
    // Rare: a column's first records pointed to another date format or separator than all of
    // its rows do. Start again, inferring each section in a read of its own.
    if (error instanceof InferenceGuessMissed) return buildAll(loaded, options, false);
    throw error;
  }
}

/**
 * The files a build reads (the config, sources, template), each with what it is, keyed by
 * {@link fileKey}: an output folder that is a symbolic link to the sources' folder, or a hard link
 * to a source, names it by another path (see {@link buildInputAt}).
 */
export function buildInputs(loaded: LoadedConfig): Map<string, string> {
  const { config } = loaded;
  const inputs = new Map<string, string>([[fileKey(loaded.path), 'the configuration']]);
  for (const s of config.sources) inputs.set(fileKey(resolve(loaded.baseDir, s.file)), `source ${s.name}`);
  if (config.target.template)
    inputs.set(fileKey(resolve(loaded.baseDir, config.target.template)), 'the template');
  return inputs;
}

/** What input of the build `path` is, by its {@link fileKey} (undefined: none). */
export function buildInputAt(inputs: ReadonlyMap<string, string>, path: string): string | undefined {
  return inputs.get(fileKey(path));
}

/**
 * An output that would replace an input (a source export named transactions.csv beside
 * `--out .`, a template named report.json, the same through a symbolic link) is refused before
 * anything is written: the rename at the end would destroy the merchant's export, and the next
 * run would read the output as source.
 */
export function refuseOverwritingInputs(loaded: LoadedConfig, outDir: string): void {
  const inputs = buildInputs(loaded);
  for (const name of buildOutputFiles(loaded.config)) {
    const out = resolve(outDir, name);
    const input = buildInputAt(inputs, out);
    if (input !== undefined)
      throw new ToolkitError(
        'USAGE',
        `The output ${out} is ${input}'s file: the build would replace it; write into another folder (--out) or rename the file.`,
      );
  }
}

async function buildAll(
  loaded: LoadedConfig,
  options: BuildOptions,
  speculate: boolean,
): Promise<BuildResult> {
  const { config } = loaded;
  const importDate = config.target.importDate ?? options.today;
  await mkdir(options.outDir, { recursive: true }).catch((cause: unknown) => {
    throw new ToolkitError(
      'FILE_UNWRITABLE',
      `The output folder ${options.outDir} could not be created (a file has that name, or no permission).`,
      {
        cause,
        context: { path: options.outDir },
      },
    );
  });
  const collector = new IssueCollector(50_000);
  const accounting: Record<string, SourceAccounting> = {};
  const outputs: Record<string, OutputInfo> = {};
  const lookupTodo: LookupTodoBySource = new Map();
  const inference: Record<string, Record<string, ColumnInference>> = {};
  const rejects = await RejectsWriter.open(join(options.outDir, 'rejects.csv'));
  const customers: Set<string> | null = config.notes || config.details ? new Set() : null;
  let joins: JoinRuntime | null = null;
  let joinReport: JoinReport | null = null;
  let forecast: ForecastResult | null = null;
  let items: ExtraRows | null = null;
  try {
    joins = await prepareJoins(loaded);
    for (const kind of SECTIONS) {
      const section = config[kind];
      if (!section) continue;
      const spec = await resolveSpec(loaded, kind, collector);
      const ctx: SectionContext = {
        loaded,
        kind,
        section,
        spec,
        importDate,
        collector,
        rejects,
        customers,
        detailsSeen: new Set<string>(),
        accounting,
        options,
        joins,
      };
      const result = await buildSection(ctx, speculate);
      outputs[kind] = result.output;
      if (result.forecast !== null) forecast = result.forecast;
      if (result.items !== null) items = result.items;
      inference[kind] = Object.fromEntries(result.inference);
      addLookupMisses(lookupTodo, section.source, result.plan.misses.byTable);
    }
    if (joins !== null) {
      joinReport = await joins.finish(rejects, accounting, collector);
    }
    await rejects.close();
    outputs.rejects = { file: 'rejects.csv', rows: rejects.count, sha256: rejects.sha256 };
  } catch (error) {
    await rejects.abort();
    throw error;
  } finally {
    await joins?.close();
  }
  return {
    joins: joinReport,
    items,
    forecast,
    importDate,
    accounting,
    outputs,
    issues: collector.issues,
    truncatedIssues: collector.dropped,
    countsByCode: Object.fromEntries([...collector.countsByCode].sort(([a], [b]) => a.localeCompare(b))),
    errors: collector.errors,
    warnings: collector.warnings,
    lookupTodo: Object.fromEntries(
      [...lookupTodoCounts(lookupTodo)].map(([t, m]) => [
        t,
        // a card number in a lookup's source column (a shifted column) is shown masked, as in issues
        [...m]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([value, rows]) => ({ value: maskCardNumbers(value), rows })),
      ]),
    ),
    inference,
    spec: {
      format: builtinSpec().format,
      version: builtinSpec().version,
      template: config.target.template ?? null,
    },
  };
}
