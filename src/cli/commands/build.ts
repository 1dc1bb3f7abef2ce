/**
 * `kmigrate build --config migration.yaml [--out DIR]`.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isPlainFileName, readConfig } from '../../config/index.js';
import { isToolkitError, onInterrupt, ToolkitError } from '../../core/index.js';
import { forecastSummaryLine, renderForecastSection } from '../../forecast/index.js';
import { buildInputAt, buildInputs, refuseOverwritingInputs, runBuild } from '../../pipeline/index.js';
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
 * card numbers only with --cleartext-cards; rejects.csv and the reports never may. The files are
 * scanned in `staging`; a failure says nothing reached `outDir`.
 */
async function assertNoLeak(
  staging: string,
  outDir: string,
  outputs: Readonly<Record<string, { readonly file: string }>>,
  cleartextCards: boolean,
  idColumns: readonly string[],
): Promise<void> {
  const all = Object.entries(outputs);
  const files = all
    .filter(([kind]) => kind === 'rejects' || !cleartextCards)
    .map(([, o]) => join(staging, o.file));
  // with card-like ids, import files built in clear are read too, for the ids the reports name
  const cardFiles =
    cleartextCards && idColumns.length > 0
      ? all.filter(([kind]) => kind !== 'rejects').map(([, o]) => join(staging, o.file))
      : [];
  files.unshift(...cardFiles);
  for (const name of ['report.json', 'report.html']) files.push(join(staging, name));
  // the staged set is discarded whole (buildCommand): nothing reaches --out
  const outcome = `nothing was published: this build's outputs were discarded, and the files already in ${outDir} are untouched`;
  await assertNothingLeaked(files, { idColumns, cardFiles, outcome });
}

/** The staging folder's name before `<pid>-<8 hex digits>`. */
const STAGING_PREFIX = '.kmigrate-build-';
const STAGING_NAME = /^\.kmigrate-build-(\d+)-[0-9a-f]{8}$/;

/** True when process `pid` runs (one we may not signal runs too). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the staging folders that builds no longer running left in `outDir` (killed with
 * SIGKILL, or the machine stopped): they may hold a whole import file — card numbers in clear
 * under --cleartext-cards — that nobody would otherwise see or remove. A folder whose build still
 * runs means two builds into one folder: refused (their sets would be published over each other).
 */
async function removeOrphanedStaging(outDir: string, own?: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = STAGING_NAME.exec(name)?.[1];
    if (pid === undefined || name === own) continue;
    if (running(Number(pid)))
      throw new ToolkitError(
        'USAGE',
        `Another build (process ${pid}) is writing into ${outDir}: wait for it to end, or build into another folder (--out). If no build runs, remove ${join(outDir, name)}.`,
      );
    await rm(join(outDir, name), { recursive: true, force: true });
  }
}

/**
 * The folder a build writes its outputs into before they are published: a hidden folder inside
 * the output folder (the same file system, so publishing is a rename), removed if the run is
 * interrupted or fails. The outputs of an earlier build stay untouched until the new set is
 * complete.
 */
async function openStaging(outDir: string): Promise<{ readonly dir: string; readonly forget: () => void }> {
  const unwritable = (cause: unknown) =>
    new ToolkitError(
      'FILE_UNWRITABLE',
      `The output folder ${outDir} could not be created (a file has that name, or no permission).`,
      { cause, context: { path: outDir } },
    );
  await mkdir(outDir, { recursive: true }).catch((cause: unknown) => {
    throw unwritable(cause);
  });
  await removeOrphanedStaging(outDir);
  const dir = join(outDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  // registered before the folder exists: a signal while it is made leaves nothing behind
  const forget = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
  await mkdir(dir).catch((cause: unknown) => {
    forget();
    throw unwritable(cause);
  });
  // Looked at again now that this build's folder exists: of two builds started together, the
  // later to look sees the other's folder and stops (both may stop; never both go on).
  try {
    await removeOrphanedStaging(outDir, basename(dir));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    forget();
    throw error;
  }
  return { dir, forget };
}

/**
 * The files of the earlier build in `outDir` (its report.json's outputs) that the new set does not
 * have (a section since removed from the config): removed when the new set is published, so the
 * folder never holds a mix of two builds. Plain file names only; none when there is no readable
 * report.
 */
async function staleOutputs(outDir: string, published: ReadonlySet<string>): Promise<string[]> {
  let outputs: unknown;
  try {
    outputs = (JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')) as { outputs?: unknown })
      .outputs;
  } catch {
    return [];
  }
  if (typeof outputs !== 'object' || outputs === null) return [];
  return Object.values(outputs)
    .map((o: unknown) => (typeof o === 'object' && o !== null ? (o as { file?: unknown }).file : undefined))
    .filter((f): f is string => typeof f === 'string' && isPlainFileName(f) && !published.has(f));
}

/**
 * Move the complete set of outputs from the staging folder into `outDir` and remove the earlier
 * build's outputs the new set does not have. Synchronous on purpose: no signal handler runs
 * between two renames, so an interrupted build leaves the earlier set or the new one, never a mix.
 */
function publish(staging: string, outDir: string, files: readonly string[], stale: readonly string[]): void {
  for (const file of files) renameSync(join(staging, file), join(outDir, file));
  for (const file of stale) rmSync(join(outDir, file), { force: true });
  rmSync(staging, { recursive: true, force: true });
}

/**
 * `error` as the user should read it: the staging folder's path (in a FILE_UNWRITABLE naming an
 * output file, a SCAN_LEAK_DETECTED naming the file that held a card number, …) replaced by the
 * output folder's. The staging folder is removed and never shown; the file named is the one the
 * build would have published into the output folder.
 */
function inOutDir(error: unknown, staging: string, outDir: string): unknown {
  const shown = (text: string): string => text.replaceAll(staging, outDir);
  if (isToolkitError(error)) {
    const context = Object.fromEntries(
      Object.entries(error.context).map(([k, v]) => [k, typeof v === 'string' ? shown(v) : v]),
    );
    return new ToolkitError(error.code, shown(error.message), { cause: error.cause, context });
  }
  if (error instanceof Error) error.message = shown(error.message);
  return error;
}

/** Run the build into the staging folder, write its reports there and check them for leaks. */
async function buildStaged(
  opts: BuildCommandOptions,
  io: CliIo,
  loaded: Awaited<ReturnType<typeof readConfig>>,
  outDir: string,
  staging: string,
) {
  const bar = progress(io, 'building');
  // a read for the date formats and decimal separators alone, before the transform starts over
  const inferring = progress(io, 'reading for date formats');
  const result = await runBuild(loaded, {
    cleartextCards: opts.cleartextCards === true,
    outDir: staging,
    today: io.today(),
    onProgress: (_section, rows, phase) => {
      if (phase === 'inference') return inferring.update(rows);
      inferring.done();
      bar.update(rows);
    },
  });
  inferring.done();
  bar.done();
  const configSha256 = createHash('sha256').update(loaded.text).digest('hex');
  const forecast = result.forecast;
  const full = buildReport(result, { version: VERSION, configSha256 }, forecast);
  try {
    await writeFile(join(staging, 'report.json'), `${JSON.stringify(full, null, 2)}\n`);
    await writeFile(
      join(staging, 'report.html'),
      renderBuildHtml(full, forecast ? [renderForecastSection(forecast)] : []),
    );
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write the report into ${outDir}.`, { cause });
  }
  await assertNoLeak(
    staging,
    outDir,
    full.outputs,
    opts.cleartextCards === true,
    loaded.config.target.cardLikeIds ?? [],
  );
  return { result, full, forecast };
}

/** Run the command; returns the exit code. */
export async function buildCommand(opts: BuildCommandOptions, io: CliIo): Promise<number> {
  const loaded = {
    ...(await readConfig(opts.config)),
    openInput: (path: string) => openInput(path, io, opts),
  };
  const outDir = resolve(opts.out ?? join(loaded.baseDir, 'out'));
  // checked here against --out: the build itself writes into the staging folder
  refuseOverwritingInputs(loaded, outDir);
  // every output is written into a staging folder and published only once the set is complete
  // and checked: an interrupted or failed build leaves an earlier build's outputs as they were
  const staging = await openStaging(outDir);
  let built: Awaited<ReturnType<typeof buildStaged>>;
  let stale: string[];
  const files: string[] = [];
  try {
    built = await buildStaged(opts, io, loaded, outDir, staging.dir);
    files.push(...Object.values(built.full.outputs).map((o) => o.file), 'report.json', 'report.html');
    const inputs = buildInputs(loaded);
    stale = (await staleOutputs(outDir, new Set(files))).filter(
      (f) => buildInputAt(inputs, join(outDir, f)) === undefined,
    );
  } catch (error) {
    await rm(staging.dir, { recursive: true, force: true });
    staging.forget();
    throw inOutDir(error, staging.dir, outDir);
  }
  try {
    publish(staging.dir, outDir, files, stale);
  } catch (cause) {
    rmSync(staging.dir, { recursive: true, force: true });
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot move the outputs into ${outDir}.`, { cause });
  } finally {
    staging.forget();
  }
  const { result, full, forecast } = built;
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
