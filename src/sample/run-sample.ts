/**
 * `sample` with files: read IN twice (plan, then split), write sample.csv, remainder.csv,
 * report.json and report.html into the output folder.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Issue, ToolkitError } from '../core/index.js';
import {
  type CsvDialect,
  CsvFileWriter,
  type CsvLineEnding,
  type CsvReader,
  fileKey,
  openCsv,
} from '../csv/index.js';
import { createForecast, type ForecastResult } from '../forecast/index.js';
import { headerIndex, legacyRowWith } from '../import-model/index.js';
import { type SamplePlan, StrataCollector, selectCustomers } from './plan-sample.js';
import { renderSampleHtml } from './render-sample.js';

/** Options of {@link runSample}. */
export interface RunSampleOptions {
  readonly input: string;
  readonly outDir: string;
  readonly size: number;
  readonly seed: string;
  readonly importDate: string;
  readonly imminentDays: number;
  readonly homeCountry: string;
  readonly spikeThreshold?: number;
  readonly knownMerchantIds?: readonly string[];
}

/** report.json of `sample`. */
export interface SampleReport {
  readonly file: string;
  readonly seed: string;
  readonly size: number;
  readonly customers: number;
  readonly rows: number;
  readonly sample: { readonly customers: number; readonly rows: number };
  readonly remainder: { readonly customers: number; readonly rows: number };
  readonly strata: SamplePlan['strata'];
  readonly forecast: ForecastResult;
  readonly outputs: { readonly sample: string; readonly remainder: string };
  /**
   * What the CSV door noted of the input file as a whole (a delimiter at the end of every line
   * read without it, blank lines skipped, …): the split files are written as the door read the
   * rows, so these are the ways they differ from the input besides the rows left out.
   */
  readonly fileNotes: readonly { readonly code: string; readonly message: string }[];
}

const REQUIRED = ['customerId'];

async function open(path: string): Promise<CsvReader> {
  const reader = await openCsv(path, { file: path });
  // found as the rows are read: in any case (a vendor template may spell it `CustomerID`)
  const index = headerIndex(reader.header);
  for (const column of REQUIRED)
    if (!index.has(column)) {
      await reader.close();
      throw new ToolkitError(
        'SAMPLE_MISSING_COLUMN',
        `${path} has no ${column} column: not a Transactions file.`,
        {
          context: { column },
        },
      );
    }
  return reader;
}

/** The files `sample` writes into its output folder. */
const OUTPUTS = ['sample.csv', 'remainder.csv', 'report.json', 'report.html'];

/**
 * An output that would replace the input (IN named sample.csv or remainder.csv, `-o` its folder,
 * also through a symbolic or hard link) is refused before anything is written, as `build` refuses one (refuseOverwritingInputs).
 */
function refuseOverwritingInput(o: RunSampleOptions): void {
  const input = fileKey(o.input);
  for (const name of OUTPUTS) {
    const out = resolve(o.outDir, name);
    if (fileKey(out) === input)
      throw new ToolkitError(
        'USAGE',
        `The output ${out} is the input file: the sample would replace it; write into another folder (-o) or rename the file.`,
      );
  }
}

/**
 * A file the CSV reader could not read whole (an unclosed quote, a ragged row, bytes that are not
 * UTF-8): its broken records would reach the sandbox import as they were misread, so nothing is
 * written.
 */
function brokenInput(path: string, count: number, first: Issue): ToolkitError {
  return new ToolkitError(
    'SAMPLE_INPUT_BROKEN',
    `${path}: ${count} record(s) could not be read as CSV (the first at line ${first.line}: ${first.code}, ${first.message}); run kmigrate check on it and fix or rebuild the file. Nothing was written.`,
    { context: { records: count, line: first.line ?? 0, code: first.code } },
  );
}

/** Plan and split; returns the report (also written to disk). */
export async function runSample(o: RunSampleOptions): Promise<SampleReport> {
  refuseOverwritingInput(o);
  const first = await open(o.input);
  const index = headerIndex(first.header);
  const imminentUntil = new Date(Date.parse(`${o.importDate}T00:00:00Z`) + o.imminentDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const strata = new StrataCollector({ importDate: o.importDate, imminentUntil, homeCountry: o.homeCountry });
  const forecast = createForecast({
    importDate: o.importDate,
    imminentDays: o.imminentDays,
    ...(o.spikeThreshold === undefined ? {} : { spikeThreshold: o.spikeThreshold }),
    ...(o.knownMerchantIds ? { knownMerchantIds: o.knownMerchantIds } : {}),
  });
  let rows = 0;
  const broken = { count: 0, first: null as Issue | null };
  for await (const batch of first.batches())
    for (const rec of batch) {
      const error = rec.issues?.find((i) => i.severity === 'error');
      if (error !== undefined) {
        broken.count++;
        broken.first ??= error;
      }
      const r = legacyRowWith(index, rec.fields, rec.row);
      strata.add(r);
      forecast.add(r);
      rows++;
    }
  if (broken.first !== null) throw brokenInput(o.input, broken.count, broken.first);
  if (rows === 0)
    throw new ToolkitError(
      'SAMPLE_EMPTY',
      `${o.input} has a header but no records: there is nothing to sample (verify would refuse the empty sample). Nothing was written.`,
    );
  const plan = selectCustomers(strata.byCustomer, o.size, o.seed);
  const split = await writeSplit(o, index.get('customerId') ?? 0, plan.selected);
  const report: SampleReport = {
    file: o.input,
    seed: o.seed,
    size: o.size,
    customers: plan.customers,
    rows,
    sample: { customers: plan.selected.size, rows: split.sampleRows },
    remainder: { customers: plan.customers - plan.selected.size, rows: split.remainderRows },
    strata: plan.strata,
    forecast: forecast.result(),
    outputs: { sample: split.samplePath, remainder: split.remainderPath },
    fileNotes: first.fileIssues.map((i) => ({ code: i.code, message: i.message })),
  };
  try {
    await writeFile(join(o.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(o.outDir, 'report.html'), renderSampleHtml(report));
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write the sample report in ${o.outDir}.`, { cause });
  }
  return report;
}

/**
 * The line ending the split files are written with: the input's (CRLF in, CRLF out; LF in, LF
 * out), so a sample differs from its input by the rows it leaves out and what the CSV door
 * normalises (reported as {@link SampleReport.fileNotes}). LF when the input mixes
 * them, has none, or ends lines with CR alone (a layout the vendor's importer does not read:
 * FILE_LAYOUT).
 */
function sampleLineEnding(lineEnding: CsvDialect['lineEnding']): CsvLineEnding {
  return lineEnding === 'CRLF' ? '\r\n' : '\n';
}

async function writeSplit(o: RunSampleOptions, idColumn: number, selected: ReadonlySet<string>) {
  try {
    await mkdir(o.outDir, { recursive: true });
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot create ${o.outDir}.`, { cause });
  }
  const reader = await open(o.input);
  const samplePath = join(o.outDir, 'sample.csv');
  const remainderPath = join(o.outDir, 'remainder.csv');
  const options = { lineEnding: sampleLineEnding(reader.dialect.lineEnding) };
  const sample = await CsvFileWriter.open(samplePath, reader.rawHeader, options);
  const remainder = await CsvFileWriter.open(remainderPath, reader.rawHeader, options);
  try {
    for await (const batch of reader.batches())
      for (const rec of batch) {
        const id = (rec.fields[idColumn] ?? '').trim();
        await (selected.has(id) ? sample : remainder).write(rec.fields);
      }
    await sample.close();
    await remainder.close();
  } catch (error) {
    await sample.abort();
    await remainder.abort();
    throw error;
  }
  return { samplePath, remainderPath, sampleRows: sample.rows, remainderRows: remainder.rows };
}
