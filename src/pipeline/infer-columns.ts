/**
 * The inference probes: they observe every row of the source while the build reads it (one read,
 * decisions/0006) and decide, per column and from all rows, the date format (MM/DD vs DD/MM by
 * evidence) and the decimal separator.
 * @module
 */
import type { ColumnMapping, MigrationConfig, OutputFileConfig, SourceConfig } from '../config/index.js';
import { createDateInference, inferDecimalSeparator } from '../normalize/index.js';
import type { FileSpec } from '../schema/index.js';
import type { ColumnInference } from './cell-normalizer.js';
import { defaultNormalizer } from './cell-normalizer.js';
import { compileRead, compileSkip, joinedSourceOf, type Read } from './row-inputs.js';

interface Probe {
  readonly target: string;
  /** The cell's source text as the build reads it (one column, the first non-blank of a list, a constant). */
  readonly read: Read;
  readonly date?: ReturnType<typeof createDateInference>;
  /** The `dateOrder` of the source the column reads (a joined source's own, else the section's). */
  readonly dateOrder?: 'MDY' | 'DMY';
  readonly money?: ReturnType<typeof inferDecimalSeparator>;
}

function probesFor(
  source: SourceConfig,
  section: OutputFileConfig,
  spec: FileSpec,
  header: readonly string[],
  config: MigrationConfig | undefined,
): Probe[] {
  const probes: Probe[] = [];
  for (const [target, m] of Object.entries(section.columns) as [string, ColumnMapping][]) {
    const col = spec.columns.find((c) => c.name === target || c.spelled === target);
    if (!col || (m.from === undefined && m.value === undefined) || m.lookup !== undefined) continue;
    const kind = m.normalize ?? defaultNormalizer(col);
    const date = (kind === 'date' || kind === 'datetime') && (m.format === undefined || m.format === 'auto');
    const money = kind === 'money' && (m.decimal === undefined || m.decimal === 'auto');
    if (!date && !money) continue;
    // the probe reads what the cell reads: every listed column (the first non-blank), or the constant
    const read = compileRead(m, header, target, []);
    if (read === null) continue;
    if (!date) {
      probes.push({ target, read, money: inferDecimalSeparator() });
      continue;
    }
    const joined = config === undefined ? undefined : joinedSourceOf(m, section, config);
    const dateOrder = joined?.dateOrder ?? source.dateOrder;
    probes.push({ target, read, date: createDateInference(), ...(dateOrder ? { dateOrder } : {}) });
  }
  return probes;
}

/**
 * The inference probes of one section: observe every record, then read what was learnt. For a
 * single pass, `guess` reads the same probes over the first records only; the caller transforms
 * with the guess and checks it with `confirms` once every record was observed.
 */
export interface InferenceProbes {
  /** True when no column needs inference (the result is empty whatever is observed). */
  readonly empty: boolean;
  observe(records: readonly { readonly fields: readonly string[]; readonly row: number }[]): void;
  result(): Map<string, ColumnInference>;
}

/**
 * Create the probes of one section against the source header; with `config`, a column reading a
 * joined source that declares a `dateOrder` takes that one.
 */
export function createInferenceProbes(
  source: SourceConfig,
  section: OutputFileConfig,
  spec: FileSpec,
  header: readonly string[],
  config?: MigrationConfig,
): InferenceProbes {
  const probes = probesFor(source, section, spec, header, config);
  // a record a skip rule removes is no evidence of the column's format
  const skips = (section.skip ?? []).map((rule, i) => compileSkip(rule, i, header, []));
  // a further product's row repeats its record's cells: the record is observed once, by its own row
  const kept = (records: readonly { readonly fields: readonly string[]; readonly row: number }[]) =>
    records.filter(
      (r) =>
        (r as { readonly extra?: string }).extra === undefined &&
        (skips.length === 0 || skips.every((skip) => skip(r.fields) === null)),
    );
  return {
    empty: probes.length === 0,
    observe: (all) => {
      const records = probes.length === 0 ? all : kept(all);
      for (const p of probes) {
        const observer = p.date ?? p.money;
        if (observer === undefined) continue;
        const read = p.read;
        if (typeof read === 'number')
          for (const record of records) observer.observe(record.fields[read] ?? '', record.row);
        else for (const record of records) observer.observe(read(record.fields), record.row);
      }
    },
    result: () => probeResults(probes),
  };
}

/**
 * The inference the records observed so far point to, or null when they do not decide it (a
 * date column without a proven month/day order, an ambiguous decimal separator).
 */
export function decidedInference(
  observed: Map<string, ColumnInference>,
): Map<string, ColumnInference> | null {
  for (const inf of observed.values()) {
    if (inf.dateFormat === null || inf.decimal === null) return null;
  }
  return observed;
}

/** True when `final` makes every normalizer behave as `guess` did (same date formats and separators). */
export function confirmsGuess(
  guess: ReadonlyMap<string, ColumnInference>,
  final: ReadonlyMap<string, ColumnInference>,
): boolean {
  for (const [target, g] of guess) {
    const f = final.get(target);
    if (f === undefined || f.dateFormat !== g.dateFormat || f.decimal !== g.decimal) return false;
  }
  return guess.size === final.size;
}

function probeResults(probes: readonly Probe[]): Map<string, ColumnInference> {
  const result = new Map<string, ColumnInference>();
  for (const p of probes) {
    if (p.date) {
      const r = p.date.result(p.dateOrder ? { hint: p.dateOrder } : {});
      result.set(p.target, { dateFormat: r.format, dateAmbiguous: r.ambiguous, dateEvidence: r.evidence });
    } else if (p.money) {
      result.set(p.target, { decimal: p.money.result().separator });
    }
  }
  return result;
}
