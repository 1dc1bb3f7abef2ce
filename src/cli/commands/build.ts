/**
 * `kmigrate build --config migration.yaml [--out DIR]`.
 * @module
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readConfig } from '../../config/index.js';
import { onInterrupt, ToolkitError } from '../../core/index.js';
import { forecastSummaryLine, renderForecastSection } from '../../forecast/index.js';
import { runBuild } from '../../pipeline/index.js';
import { buildReport, renderBuildHtml } from '../../report/index.js';
import { openInput } from '../encrypted-input.js';
import { formatIssues } from '../format-issues.js';
import { type CliIo, progress } from '../io.js';
import { assertNothingLeaked } from '../leak-guard.js';
import { VERSION } from '../version.js';

/** Options as parsed by the CLI. */
export interface BuildCommandOptions {
  readonly config: string;
  readonly out?: string;
  readonly format: 'text' | 'json';
  readonly keyring?: string;
  readonly passphraseFile?: string;
  /** Let the import files carry full card numbers in clear (test data or a PCI-scoped host). */
  readonly cleartextCards?: boolean;
}

/**
 * The post-write leak check: every plaintext file this build wrote. The import files may hold
 * card numbers only with --cleartext-cards; rejects.csv and the reports never may.
 */
async function assertNoLeak(
  outDir: string,
  outputs: Readonly<Record<string, { readonly file: string }>>,
  cleartextCards: boolean,
  idColumns: readonly string[],
): Promise<void> {
  const all = Object.entries(outputs);
  const files = all
    .filter(([kind]) => kind === 'rejects' || !cleartextCards)
    .map(([, o]) => join(outDir, o.file));
  // with card-like ids, import files built in clear are read too, for the ids the reports name
  const cardFiles =
    cleartextCards && idColumns.length > 0
      ? all.filter(([kind]) => kind !== 'rejects').map(([, o]) => join(outDir, o.file))
      : [];
  files.unshift(...cardFiles);
  for (const name of ['report.json', 'report.html']) files.push(join(outDir, name));
  await assertNothingLeaked(files, { idColumns, cardFiles });
}

/**
 * Write a report whole or not at all (a full disk leaves no cut-off report.json beside the
 * outputs), and, like the build's CSV files, remove it if the run is interrupted before it ends.
 */
async function writeReport(path: string, text: string): Promise<void> {
  const partial = `${path}.partial`;
  const undo = onInterrupt(() => {
    rmSync(partial, { force: true });
    rmSync(path, { force: true });
  });
  try {
    await writeFile(partial, text);
    await rename(partial, path);
  } catch (error) {
    undo();
    await rm(partial, { force: true });
    throw error;
  }
}

/** Run the command; returns the exit code. */
export async function buildCommand(opts: BuildCommandOptions, io: CliIo): Promise<number> {
  const loaded = {
    ...(await readConfig(opts.config)),
    openInput: (path: string) => openInput(path, io, opts),
  };
  const outDir = resolve(opts.out ?? join(loaded.baseDir, 'out'));
  const bar = progress(io, 'building');
  const result = await runBuild(loaded, {
    cleartextCards: opts.cleartextCards === true,
    outDir,
    today: io.today(),
    onProgress: (_section, rows) => bar.update(rows),
  });
  bar.done();
  const configSha256 = createHash('sha256').update(loaded.text).digest('hex');
  const forecast = result.forecast;
  const full = buildReport(result, { version: VERSION, configSha256 }, forecast);
  try {
    await writeReport(join(outDir, 'report.json'), `${JSON.stringify(full, null, 2)}\n`);
    await writeReport(
      join(outDir, 'report.html'),
      renderBuildHtml(full, forecast ? [renderForecastSection(forecast)] : []),
    );
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write the report into ${outDir}.`, { cause });
  }
  await assertNoLeak(
    outDir,
    full.outputs,
    opts.cleartextCards === true,
    loaded.config.target.cardLikeIds ?? [],
  );
  if (opts.format === 'json') {
    io.stdout(
      `${JSON.stringify({ outDir, summary: full.summary, accounting: full.accounting, outputs: full.outputs, countsByCode: full.countsByCode, ...(result.joins ? { stagingReused: result.joins.staging.reused } : {}) })}\n`,
    );
  } else {
    io.stdout(`kmigrate build → ${outDir}\n`);
    for (const [source, a] of Object.entries(full.accounting)) {
      io.stdout(
        `  source ${source}: ${a.records} record(s): ${a.used} used, ${a.rejected} rejected, ${a.skipped} skipped\n`,
      );
    }
    const extra = (
      what: string,
      d: { rows: number; used: number; rejected: number; skipped: number } | null,
    ) => {
      if (d !== null && d.rows > 0)
        io.stdout(
          `  ${what}: ${d.rows} row(s) beside their records: ${d.used} used, ${d.rejected} rejected, ${d.skipped} skipped\n`,
        );
    };
    extra('derived REFUND rows', result.joins?.refunds ?? null);
    extra('further products (records holding several)', result.items);
    if (result.joins && result.joins.staging.reused.length > 0)
      io.stdout(`  staging reused (inputs unchanged): ${result.joins.staging.reused.join(', ')}\n`);
    for (const [kind, o] of Object.entries(full.outputs))
      io.stdout(`  ${kind.padEnd(12)} ${join(outDir, o.file)} (${o.rows} row(s))\n`);
    io.stdout(formatIssues(full.issues, full.countsByCode, 20));
    if (forecast && forecast.activeSubscriptions > 0) io.stdout(forecastSummaryLine(forecast));
    for (const [table, values] of Object.entries(full.lookupTodo)) {
      if (values.length > 0)
        io.stdout(
          `  to do: ${values.length} value(s) missing from lookup ${table}: ${values
            .slice(0, 5)
            .map((v) => JSON.stringify(v.value))
            .join(', ')}${values.length > 5 ? ', …' : ''}\n`,
        );
    }
    io.stdout(
      `${full.summary.errors} error(s), ${full.summary.warnings} warning(s). Report: ${join(outDir, 'report.html')}\n`,
    );
  }
  return full.summary.errors > 0 ? 1 : 0;
}
