/**
 * The inference pass: reads the source once to decide, per column and from all rows, the date
 * format (MM/DD vs DD/MM by evidence) and the decimal separator.
 * @module
 */
import type { ColumnMapping, OutputFileConfig, SourceConfig } from '../config/index.js';
import type { CsvReadOptions } from '../csv/index.js';
import { openCsv } from '../csv/index.js';
import { createDateInference, inferDecimalSeparator } from '../normalize/index.js';
import type { FileSpec } from '../schema/index.js';
import type { ColumnInference } from './cell-normalizer.js';
import { defaultNormalizer } from './cell-normalizer.js';
import { findSourceColumn } from './source-columns.js';

interface Probe {
  readonly target: string;
  readonly index: number;
  readonly date?: ReturnType<typeof createDateInference>;
  readonly money?: ReturnType<typeof inferDecimalSeparator>;
}

function probesFor(section: OutputFileConfig, spec: FileSpec, header: readonly string[]): Probe[] {
  const probes: Probe[] = [];
  for (const [target, m] of Object.entries(section.columns) as [string, ColumnMapping][]) {
    const col = spec.columns.find((c) => c.name === target);
    if (!col || m.from === undefined || m.lookup !== undefined) continue;
    const first = Array.isArray(m.from) ? m.from[0] : m.from;
    const index = findSourceColumn(header, first ?? '');
    if (index < 0) continue;
    const kind = m.normalize ?? defaultNormalizer(col);
    if ((kind === 'date' || kind === 'datetime') && (m.format === undefined || m.format === 'auto')) {
      probes.push({ target, index, date: createDateInference() });
    } else if (kind === 'money' && (m.decimal === undefined || m.decimal === 'auto')) {
      probes.push({ target, index, money: inferDecimalSeparator() });
    }
  }
  return probes;
}

/** Run the inference pass for one section; returns what was learnt per target column. */
export async function inferColumns(
  path: string,
  source: SourceConfig,
  csv: CsvReadOptions,
  section: OutputFileConfig,
  spec: FileSpec,
): Promise<Map<string, ColumnInference>> {
  const result = new Map<string, ColumnInference>();
  const reader = await openCsv(path, csv);
  const probes = probesFor(section, spec, reader.header);
  if (probes.length === 0) return result;
  for await (const record of reader) {
    for (const p of probes) {
      const v = record.fields[p.index] ?? '';
      if (p.date) p.date.observe(v);
      else p.money?.observe(v);
    }
  }
  for (const p of probes) {
    if (p.date) {
      const r = p.date.result(source.dateOrder ? { hint: source.dateOrder } : {});
      result.set(p.target, { dateFormat: r.format, dateAmbiguous: r.ambiguous, dateEvidence: r.evidence });
    } else if (p.money) {
      result.set(p.target, { decimal: p.money.result().separator });
    }
  }
  return result;
}
