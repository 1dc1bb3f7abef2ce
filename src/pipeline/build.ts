/**
 * `build`: sources + migration.yaml → Konnektive files, rejects.csv and the report data.
 * Streams every file; every source record ends up in an output or in rejects.csv.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { RowChecker } from '../check/index.js';
import type { LoadedConfig, MigrationConfig, OutputFileConfig } from '../config/index.js';
import { type Issue, IssueCollector, ToolkitError } from '../core/index.js';
import { CsvFileWriter, type CsvReadOptions, openCsv } from '../csv/index.js';
import { applyTemplate, builtinSpec, type FileKind, type FileSpec } from '../schema/index.js';
import type { ColumnInference } from './cell-normalizer.js';
import { inferColumns } from './infer-columns.js';
import { RejectsWriter } from './rejects-writer.js';
import { compileRowPlan, type RowPlan } from './row-plan.js';
import { sha256File } from './sha256-file.js';

/** Row accounting for one source: records = used + rejected + skipped, always. */
export interface SourceAccounting {
  records: number;
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
  readonly lookupTodo: Record<string, { value: string; rows: number }[]>;
  readonly inference: Record<string, Record<string, ColumnInference>>;
  readonly spec: { format: string; version: string; template: string | null };
}

/** Options of {@link runBuild}. */
export interface BuildOptions {
  readonly outDir: string;
  /** Import date used when the config has none (YYYY-MM-DD). */
  readonly today: string;
  readonly onProgress?: (section: string, rows: number) => void;
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

function csvOptions(source: MigrationConfig['sources'][number], file: string): CsvReadOptions {
  return {
    file,
    ...(source.delimiter ? { delimiter: source.delimiter } : {}),
    ...(source.encoding ? { encoding: source.encoding } : {}),
    ...(source.headerLine ? { headerLine: source.headerLine } : {}),
  };
}

/** Run the build. Data problems become issues and rejects; operational failures throw. */
export async function runBuild(loaded: LoadedConfig, options: BuildOptions): Promise<BuildResult> {
  const { config } = loaded;
  const importDate = config.target.importDate ?? options.today;
  await mkdir(options.outDir, { recursive: true });
  const collector = new IssueCollector(50_000);
  const accounting: Record<string, SourceAccounting> = {};
  const outputs: Record<string, OutputInfo> = {};
  const lookupTodo: Record<string, Map<string, number>> = {};
  const inference: Record<string, Record<string, ColumnInference>> = {};
  const rejects = await RejectsWriter.open(join(options.outDir, 'rejects.csv'));
  const customers: Set<string> | null = config.notes || config.details ? new Set() : null;
  try {
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
        accounting,
        options,
      };
      const result = await buildSection(ctx);
      outputs[kind] = result.output;
      inference[kind] = Object.fromEntries(result.inference);
      for (const [table, values] of result.plan.missingLookups) {
        const all = lookupTodo[table] ?? new Map<string, number>();
        for (const [v, n] of values) all.set(v, (all.get(v) ?? 0) + n);
        lookupTodo[table] = all;
      }
    }
    await rejects.close();
    const rejectsPath = join(options.outDir, 'rejects.csv');
    outputs.rejects = { file: 'rejects.csv', rows: rejects.count, sha256: await sha256File(rejectsPath) };
  } catch (error) {
    await rejects.abort();
    throw error;
  }
  return {
    importDate,
    accounting,
    outputs,
    issues: collector.issues,
    truncatedIssues: collector.dropped,
    countsByCode: Object.fromEntries([...collector.countsByCode].sort(([a], [b]) => a.localeCompare(b))),
    errors: collector.errors,
    warnings: collector.warnings,
    lookupTodo: Object.fromEntries(
      Object.entries(lookupTodo).map(([t, m]) => [
        t,
        [...m].sort(([a], [b]) => a.localeCompare(b)).map(([value, rows]) => ({ value, rows })),
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

interface SectionContext {
  readonly loaded: LoadedConfig;
  readonly kind: FileKind;
  readonly section: OutputFileConfig;
  readonly spec: FileSpec;
  readonly importDate: string;
  readonly collector: IssueCollector;
  readonly rejects: RejectsWriter;
  readonly customers: Set<string> | null;
  readonly accounting: Record<string, SourceAccounting>;
  readonly options: BuildOptions;
}

async function buildSection(
  ctx: SectionContext,
): Promise<{ output: OutputInfo; plan: RowPlan; inference: Map<string, ColumnInference> }> {
  const { loaded, section, spec, collector } = ctx;
  const source = loaded.config.sources.find((s) => s.name === section.source);
  if (!source) throw new ToolkitError('CONFIG_INVALID', `No source named ${section.source}.`);
  const path = resolve(loaded.baseDir, source.file);
  const fileLabel = basename(path);
  const csv = csvOptions(source, fileLabel);
  const inference = await inferColumns(path, source, csv, section, spec);
  const reader = await openCsv(path, csv);
  const zone = loaded.config.target.timeZone;
  const sourceZone = source.timeZone ?? 'UTC';
  const plan = compileRowPlan(section, spec, reader.header, loaded.config, inference, {
    sourceZone,
    targetZone: zone ?? sourceZone,
  });
  const fatal = plan.problems.filter((p) => p.severity === 'error');
  if (fatal.length > 0) {
    const list = fatal.map((p) => `  - ${ctx.kind}.columns.${p.column}: ${p.message}`).join('\n');
    throw new ToolkitError(
      'CONFIG_INVALID',
      `The ${ctx.kind} mapping does not fit source ${source.name}:\n${list}`,
    );
  }
  const outFile = section.file ?? spec.defaultFileName;
  const writer = await CsvFileWriter.open(join(ctx.options.outDir, outFile), plan.columns);
  const checker = new RowChecker(spec, plan.columns, {
    importDate: ctx.importDate,
    imminentDays: loaded.config.target.imminentDays ?? 3,
    file: fileLabel,
  });
  const acc = ctx.accounting[source.name] ?? { records: 0, used: 0, rejected: 0, skipped: 0 };
  ctx.accounting[source.name] = acc;
  const primary = ctx.kind === 'transactions' || !(loaded.config.transactions.source === source.name);
  try {
    for await (const batch of reader.batches()) {
      const pending: Promise<void>[] = [];
      for (const record of batch) {
        const fate = processRecord(ctx, plan, checker, writer, record, source.name, fileLabel, pending);
        if (primary) {
          acc.records++;
          acc[fate]++;
        }
      }
      if (pending.length > 0) await Promise.all(pending);
      const last = batch[batch.length - 1];
      if (ctx.options.onProgress && last) ctx.options.onProgress(ctx.kind, last.row);
    }
    for (const i of reader.fileIssues) collector.add({ ...i, file: fileLabel });
    for (const i of checker.finish()) collector.add(i);
    await writer.close();
  } catch (error) {
    checker.dispose();
    await writer.abort();
    throw error;
  }
  const finalPath = join(ctx.options.outDir, outFile);
  return {
    output: { file: outFile, rows: writer.rows, sha256: await sha256File(finalPath) },
    plan,
    inference,
  };
}

type Fate = 'used' | 'rejected' | 'skipped';

function processRecord(
  ctx: SectionContext,
  plan: RowPlan,
  checker: RowChecker,
  writer: CsvFileWriter,
  record: { fields: readonly string[]; row: number; line: number; issues?: readonly Issue[] },
  sourceName: string,
  file: string,
  pending: Promise<void>[],
): Fate {
  const later = (p: void | Promise<void>): void => {
    if (p) pending.push(p);
  };
  const { collector, rejects } = ctx;
  const base = { source: sourceName, file, row: record.row, line: record.line };
  if (record.issues?.some((i) => i.severity === 'error')) {
    for (const i of record.issues) collector.add({ ...i, file });
    later(
      rejects.write({
        ...base,
        outcome: 'rejected',
        codes: record.issues.map((i) => i.code),
        columns: [],
        message: record.issues[0]?.message ?? '',
        customerId: '',
        orderId: '',
      }),
    );
    return 'rejected';
  }
  const outcome = plan.transform(record.fields);
  if (outcome.skip) {
    later(
      rejects.write({
        ...base,
        outcome: 'skipped',
        codes: [outcome.skip],
        columns: [],
        message: `Skipped by rule ${outcome.skip}.`,
        customerId: '',
        orderId: '',
      }),
    );
    return 'skipped';
  }
  const issues: Issue[] = outcome.problems.map((p) => ({
    code: p.problem.code,
    severity: p.problem.severity,
    message: `${p.column}: ${p.problem.message}`,
    row: record.row,
    line: record.line,
    column: p.column,
    file,
    ...(p.problem.received === undefined ? {} : { received: p.problem.received }),
  }));
  const hasCellError = issues.some((i) => i.severity === 'error');
  const checked = hasCellError ? [] : checker.check(outcome.fields, record.row, record.line);
  if (ctx.customers && ctx.kind !== 'transactions') {
    const id = outcome.fields[plan.columns.indexOf('customerId')] ?? '';
    if (id !== '' && !ctx.customers.has(id)) {
      issues.push({
        code: 'CUSTOMER_NOT_IN_TRANSACTIONS',
        severity: 'error',
        message: 'customerId does not appear in the Transactions file.',
        row: record.row,
        line: record.line,
        column: 'customerId',
        file,
      });
    }
  }
  const all = [...issues, ...checked.map((i) => ({ ...i, file }))];
  for (const i of all) collector.add(i);
  const errors = all.filter((i) => i.severity === 'error');
  const idOf = (name: string): string => outcome.fields[plan.columns.indexOf(name)] ?? '';
  if (errors.length > 0) {
    later(
      rejects.write({
        ...base,
        outcome: 'rejected',
        codes: errors.map((i) => i.code),
        columns: errors.map((i) => i.column ?? ''),
        message: errors[0]?.message ?? '',
        customerId: idOf('customerId'),
        orderId: idOf('orderId'),
      }),
    );
    return 'rejected';
  }
  later(writer.write(outcome.fields));
  if (ctx.customers && ctx.kind === 'transactions') ctx.customers.add(idOf('customerId'));
  return 'used';
}
