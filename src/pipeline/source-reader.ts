/**
 * Opening a source for a build: the CSV door plus the source preset's record adapter (packed
 * cells become virtual columns). Everything downstream sees one header and one field array.
 * @module
 */

import { basename, resolve } from 'node:path';
import type { LoadedConfig, SourceConfig } from '../config/index.js';
import { type Issue, ToolkitError } from '../core/index.js';
import { type CsvReadOptions, type CsvRecord, openCsv } from '../csv/index.js';
import { findPresetFile, PRESETS, type PresetFile, type RecordAdapter } from '../presets/index.js';
import { PIPELINE_ISSUE_CODES } from './codes.js';

/**
 * A source record as a section reads it: `extra` marks a row that is not a record of its own
 * (a further product of a record that holds several: `item`; a derived REFUND row: `refund`).
 */
export type SourceRecord = CsvRecord & {
  readonly extra?: 'item' | 'refund';
  /** Of an `item` row: which product of its record it is (2, 3, …). */
  readonly item?: number;
};

/** The source adapter's {@link RecordAdapter.regroup}: a record written without some products. */
export type Regroup = NonNullable<RecordAdapter['regroup']>;

/** What a section reads: a header and batches of records. */
export interface SectionReader {
  readonly header: readonly string[];
  /** Of a reader giving one row per product: its adapter's regrouping (absent: none). */
  readonly regroup?: Regroup;
  readonly fileIssues: readonly Issue[];
  batches(): AsyncIterable<readonly CsvRecord[]>;
  /** Release the file when the records are not read (or not to the end). */
  close(): Promise<void>;
}

/**
 * The preset file a source names (undefined: none). A name that is no preset is a configuration
 * error: ignored, the source would be read without its adapter (packed cells, Braintree's
 * `Created`) and without its card columns sealed in staging.
 */
export function presetOf(source: SourceConfig): PresetFile | undefined {
  if (source.preset === undefined) return undefined;
  const found = findPresetFile(source.preset);
  if (found !== undefined) return found;
  const known = PRESETS.flatMap((p) => p.files.map((f) => f.id)).join(', ');
  throw new ToolkitError(
    'CONFIG_INVALID',
    `sources (${source.name}): preset "${source.preset}" does not exist; known presets: ${known}.`,
  );
}

/** The CSV options of a source. */
export function sourceCsvOptions(source: SourceConfig, file: string): CsvReadOptions {
  const preset = presetOf(source);
  const delimiter = source.delimiter ?? preset?.delimiter;
  return {
    file,
    ...(delimiter ? { delimiter } : {}),
    ...(source.encoding ? { encoding: source.encoding } : {}),
    ...(source.headerLine ? { headerLine: source.headerLine } : {}),
  };
}

/** The absolute path of a source's file. */
export function sourcePath(loaded: LoadedConfig, source: SourceConfig): string {
  return resolve(loaded.baseDir, source.file);
}

/**
 * Open a source with its preset adapter applied. With `itemRows`, a record holding several
 * products is followed by a row for each further one (`extra: 'item'`); without, every record is
 * one row (staging, order numbering).
 */
export async function openSource(
  loaded: LoadedConfig,
  source: SourceConfig,
  itemRows = false,
): Promise<SectionReader> {
  const path = sourcePath(loaded, source);
  const input = loaded.openInput ? await loaded.openInput(path) : path;
  const reader = await openCsv(input, sourceCsvOptions(source, basename(path)));
  const found = presetOf(source)?.adapter?.(reader.header);
  if (!found) return reader;
  const adapter = found;
  const header = [...reader.header, ...adapter.extraHeader];
  const notes: Issue[] = [];
  async function* expanded(): AsyncGenerator<readonly CsvRecord[]> {
    const items = itemRows ? adapter.items : undefined;
    for await (const batch of reader.batches()) {
      if (items === undefined) {
        yield batch.map((r) => ({ ...r, fields: [...r.fields, ...adapter.expand(r.fields, r.row)] }));
        continue;
      }
      const out: SourceRecord[] = [];
      for (const r of batch) {
        out.push({ ...r, fields: [...r.fields, ...adapter.expand(r.fields, r.row)] });
        // a record the CSV door found broken is rejected once, as one row; the others' issues
        // (warnings) are reported with their first row only
        if (r.issues?.some((i) => i.severity === 'error')) continue;
        const { issues: _reported, ...record } = r;
        const more = items(r.fields, r.row);
        for (let k = 0; k < more.length; k++)
          out.push({ ...record, fields: [...r.fields, ...(more[k] ?? [])], extra: 'item', item: k + 2 });
      }
      yield out;
    }
    for (const n of adapter.notes?.() ?? [])
      notes.push({
        code: n.code,
        severity: PIPELINE_ISSUE_CODES[n.code].severity,
        message: n.message,
        row: null,
        line: null,
        column: null,
      });
  }
  return {
    header,
    ...(itemRows && adapter.regroup !== undefined ? { regroup: adapter.regroup } : {}),
    // read after the records (as every reader's): the adapter's notes come at the end
    get fileIssues() {
      return [...reader.fileIssues, ...notes];
    },
    batches: expanded,
    close: () => reader.close(),
  };
}
