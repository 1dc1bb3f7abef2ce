/**
 * Shared steps of the source-preset e2e tests: `kmigrate init` a workspace for a preset, copy the
 * preset's fixture files into exports/, fill the merchant's assignments, build through the CLI.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';

export interface Accounting {
  records: number;
  used: number;
  rejected: number;
  skipped: number;
}

export interface PresetBuild {
  readonly dir: string;
  readonly out: string;
  readonly code: number;
  readonly stderr: string;
  readonly report: {
    accounting: Record<string, Accounting>;
    countsByCode: Record<string, number>;
    issues: { code: string; severity: string; row: number | null; message: string }[];
    joins: Joins | null;
    items: (Accounting & { rows: number }) | null;
    lookupTodo?: Record<string, { value: string; rows: number }[]>;
    summary?: { errors: number; warnings: number };
  };
  /** report.json's `joins`. */
  readonly joins: Joins | null;
  readonly rows: Record<string, string>[];
  readonly rejects: Record<string, string>[];
  cleanup(): void;
  /** Build again; the exit code and the staged sources it reused (from the CLI's JSON output). */
  rebuild(env?: Record<string, string>): { code: number; reused: string[] };
}

export interface Joins {
  joins: { label: string; matched: number; orphans: number; viaElse: number }[];
  unused: Record<string, { count: number; examples: string[] }>;
  merges: { source: string; customer: string; mergedInto: string; by: string }[];
  refunds: (Accounting & { rows: number }) | null;
  staging: { database: string };
}

export function parseCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** init + copy fixtures + edit the config (`edits`: [search, replace]) + build. */
export function buildPreset(
  preset: string,
  edits: readonly (readonly [string | RegExp, string])[],
  env: Record<string, string> = {},
  prepare?: (exportsDir: string) => void,
): PresetBuild {
  const fx = tempDir();
  const dir = join(fx.dir, 'ws');
  const init = kmigrate(['init', dir, '--source', preset]);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const fixtures = join(ROOT, 'test/fixtures/sources', preset);
  for (const f of readdirSync(fixtures)) copyFileSync(join(fixtures, f), join(dir, 'exports', f));
  prepare?.(join(dir, 'exports'));
  let config = readFileSync(join(dir, 'migration.yaml'), 'utf8');
  for (const [from, to] of edits) {
    expect(config).toMatch(from);
    config = config.replace(from, to);
  }
  writeFileSync(join(dir, 'migration.yaml'), config);
  const out = join(dir, 'out');
  const run = (e: Record<string, string>) =>
    kmigrate(['build', '--config', join(dir, 'migration.yaml'), '--format', 'json', '--cleartext-cards'], {
      env: e,
    });
  const first = run(env);
  const load = (): Omit<PresetBuild, 'cleanup' | 'rebuild' | 'code' | 'stderr' | 'dir' | 'out'> => {
    // a build that failed before writing its outputs (exit 2: the config) leaves nothing to read
    if (first.code > 1)
      return {
        report: { accounting: {}, countsByCode: {}, issues: [], joins: null, items: null },
        joins: null,
        rows: [],
        rejects: [],
      };
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as PresetBuild['report'];
    return {
      report,
      joins: report.joins,
      rows: parseCsv(join(out, 'transactions.csv')),
      rejects: parseCsv(join(out, 'rejects.csv')),
    };
  };
  return {
    dir,
    out,
    code: first.code,
    stderr: first.stderr,
    ...load(),
    cleanup: fx.cleanup,
    rebuild: (e = env) => {
      const r = run(e);
      const json = JSON.parse(r.stdout) as { stagingReused?: string[] };
      return { code: r.code, reused: json.stagingReused ?? [] };
    },
  };
}

/** Data records of a fixture file (CSV or TSV with a header row). */
export function fixtureRecords(preset: string, file: string): number {
  const text = readFileSync(join(ROOT, 'test/fixtures/sources', preset, file), 'utf8');
  return Papa.parse(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.length - 1;
}

/** Row accounting holds for every source, matches the files, and rejects.csv lists every unused record. */
export function expectAccounting(b: PresetBuild, files: Record<string, string>, preset: string): void {
  // derived REFUND rows and further-product rows are written beside their record, not counted as
  // records of their own
  const r = b.joins?.refunds ?? { used: 0, rejected: 0, skipped: 0 };
  const i = b.report.items ?? { used: 0, rejected: 0, skipped: 0 };
  const refunds = {
    used: r.used + i.used,
    rejected: r.rejected + i.rejected,
    skipped: r.skipped + i.skipped,
  };
  for (const [source, file] of Object.entries(files)) {
    const a = b.report.accounting[source];
    expect(a, source).toBeDefined();
    if (!a) continue;
    expect(a.records, source).toBe(fixtureRecords(preset, file));
    expect(a.used + a.rejected + a.skipped, source).toBe(a.records);
    const extra = source === Object.keys(b.report.accounting)[0] ? refunds.rejected + refunds.skipped : 0;
    expect(b.rejects.filter((r) => r.source === source).length, source).toBe(a.rejected + a.skipped + extra);
  }
  const main = Object.values(b.report.accounting)[0];
  expect(b.rows.length).toBe((main?.used ?? 0) + refunds.used);
  for (const r of b.rejects) expect(r.codes, JSON.stringify(r)).not.toBe('');
}

/** `kmigrate check` accepts the transactions file. */
export function expectCheckAccepts(b: PresetBuild, importDate: string): void {
  const r = kmigrate([
    'check',
    join(b.out, 'transactions.csv'),
    '--import-date',
    importDate,
    '--format',
    'json',
  ]);
  expect(JSON.parse(r.stdout)).toMatchObject({ errors: 0 });
  expect(r.code).toBe(0);
}

/** The first output row of a merchantTxnId. */
export function rowOf(b: PresetBuild, merchantTxnId: string): Record<string, string> {
  const row = b.rows.find((r) => r.merchantTxnId === merchantTxnId);
  expect(row, merchantTxnId).toBeDefined();
  return row ?? {};
}
