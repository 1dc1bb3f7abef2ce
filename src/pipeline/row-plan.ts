/**
 * Compiles one output section of migration.yaml (e.g. `transactions:`) against the source
 * header and the target spec into a row transformer: source record → target row + problems.
 * Everything that does not depend on the row is decided here, once: source indexes, each cell's
 * memoized pipeline (see cell-step.ts), the columns a cell's memo depends on. Rows are then run
 * as changes to the row before (row-fill.ts), and the plan reports which cells changed.
 * @module
 */
import type { CellVersions } from '../check/index.js';
import type { ColumnMapping, MigrationConfig, OutputFileConfig } from '../config/index.js';
import { builtinSpec, type ColumnSpec, type FileSpec } from '../schema/index.js';
import type { CellNormalizer, ColumnInference } from './cell-normalizer.js';
import { compilePlainNormalizer, normalizerContext, type ZoneContext } from './cell-normalizer.js';
import { type CellProblem, compileCellStep, lookupNeedsValue } from './cell-step.js';
import { LookupMisses } from './lookup-misses.js';
import {
  type AddressIndexes,
  type CellPlan,
  COMPUTED,
  CONSTANT,
  fillRow,
  type RowVersions,
  SourceChanges,
} from './row-fill.js';
import { compileLookup, compileRead, compileSkip, joinedSourceOf } from './row-inputs.js';

export type { CellProblem } from './cell-step.js';

/**
 * The result of transforming one source record. Clean rows get the same outcome object and
 * `fields` array every time (no allocation per row): both are valid until the next `transform`,
 * and read-only (the next row starts from these values and overwrites the cells that change).
 */
export interface RowOutcome {
  readonly skip?: string;
  readonly fields: string[];
  readonly problems: readonly CellProblem[];
}

/** Compile problems found before any row is read (unknown source columns, unmapped required targets). */
export interface PlanProblem {
  readonly column: string;
  /** Where in the section's config the problem is (`skip.0.column`); default `columns.COLUMN`. */
  readonly path?: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly code: string;
}

/** A compiled section. */
export interface RowPlan {
  /** The built-in names of the target columns, in output order (what the rules refer to). */
  readonly columns: readonly string[];
  /** The header written: the names, or a vendor template's spelling of them. */
  readonly header: readonly string[];
  readonly problems: readonly PlanProblem[];
  /** Source record → target row. Not reentrant: one plan transforms one row at a time. */
  transform(fields: readonly string[]): RowOutcome;
  /**
   * Lookup keys that had no entry, per lookup table (the merchant's to-do list), each with the
   * number of source records missing it. A transform's misses count once the caller names their
   * record: `misses.settle(row)` (process-record.ts does for every row that raised a problem).
   */
  readonly misses: LookupMisses;
  /**
   * The source text the cell of output column `column` (its name or template spelling) reads in
   * `fields`: '' for a column without one (not mapped, derived). Not for the row loop: for telling
   * the rows of one record apart (process-record.ts).
   */
  sourceText(fields: readonly string[], column: string): string;
  /**
   * Which cells of the last transformed row changed (its serial is the number of transforms so
   * far): consumers that remember an earlier row skip the work its unchanged cells would repeat.
   */
  readonly versions: CellVersions;
}

const SHIP_FIELDS = [
  'FirstName',
  'LastName',
  'Address1',
  'Address2',
  'City',
  'State',
  'PostalCode',
  'Country',
] as const;
const BILL_FIELDS = [
  'firstName',
  'lastName',
  'address1',
  'address2',
  'city',
  'state',
  'postalCode',
  'country',
] as const;

function orderOf(spec: ColumnSpec, m: ColumnMapping): number {
  if (m.derive) return 3;
  if (spec.type === 'country') return 0;
  if (spec.type === 'state') return 1;
  return 2;
}

/**
 * The zones a mapping's values are read in: a joined source that declares its `timeZone` has its
 * date-times read in it, not in the section source's; without one, the section source's zone. A
 * column's own `timeZone` wins (the date normalizer reads it).
 */
function readZones(
  mapping: ColumnMapping,
  section: OutputFileConfig,
  config: MigrationConfig,
  zones: ZoneContext,
): ZoneContext {
  const zone = joinedSourceOf(mapping, section, config)?.timeZone;
  return zone === undefined ? zones : { ...zones, sourceZone: zone };
}

/** Compile a section. `inference` is keyed by target column name. */
export function compileRowPlan(
  section: OutputFileConfig,
  spec: FileSpec,
  header: readonly string[],
  config: MigrationConfig,
  inference: ReadonlyMap<string, ColumnInference>,
  zones: ZoneContext,
): RowPlan {
  const problems: PlanProblem[] = [];
  const columns = spec.columns.map((c) => c.name);
  const written = spec.columns.map((c) => c.spelled ?? c.name);
  const outIndex = new Map(columns.map((c, i) => [c, i] as const));
  const misses = new LookupMisses();
  const cells: CellPlan[] = [];
  const row = { out: NO_FIELDS as readonly string[] };
  const out = (name: string): string => {
    const i = outIndex.get(name);
    return i === undefined ? '' : (row.out[i] ?? '');
  };
  for (const [target, mapping] of Object.entries(section.columns)) {
    const colSpec = spec.columns.find((c) => c.name === target || c.spelled === target);
    const index = colSpec === undefined ? undefined : outIndex.get(colSpec.name);
    if (!colSpec || index === undefined) {
      const inSpec = builtinSpec().kinds[spec.kind].columns.some((c) => c.name === target);
      problems.push(
        inSpec
          ? {
              code: 'MAP_TARGET_NOT_IN_TEMPLATE',
              column: target,
              severity: 'warning',
              message: `${target} is mapped but the vendor template has no such column: it is not written.`,
            }
          : {
              code: 'MAP_UNKNOWN_TARGET',
              column: target,
              severity: 'error',
              message: `${target} is not a column of the ${spec.title} file (or of the vendor template).`,
            },
      );
      continue;
    }
    const read = compileRead(mapping, header, target, problems);
    if (read === null) continue;
    const lookup = mapping.lookup
      ? compileLookup(config, mapping.lookup, mapping.field, misses, lookupNeedsValue(colSpec, mapping))
      : undefined;
    // the target's currency is every money column's unless the column declares its own
    const currency = config.target.currency;
    const options =
      currency !== undefined && mapping.currency === undefined ? { ...mapping, currency } : mapping;
    const normalize = compilePlainNormalizer(
      options,
      colSpec,
      inference.get(target) ?? {},
      readZones(mapping, section, config, zones),
    );
    const context = normalizerContext(mapping, colSpec);
    cells.push({
      out: index,
      read,
      step: compileCellStep({
        spec: colSpec,
        mapping,
        normalize,
        out,
        ...(lookup ? { lookup } : {}),
        normalizeDefault: defaultNormalizer(options, colSpec, normalize, zones),
      }),
      context: context.map((c) => outIndex.get(c) ?? -1),
      contextValues: context.map(() => ''),
      contextKey: context.map(() => '').join('\u0001'),
      derive: mapping.derive === 'billShipSame',
      order: orderOf(colSpec, mapping),
      source: typeof read === 'number' ? read : mapping.value !== undefined ? CONSTANT : COMPUTED,
      quiet: false,
    });
  }
  for (const c of spec.columns) {
    if (
      c.required &&
      !(c.name in section.columns) &&
      !(c.spelled !== undefined && c.spelled in section.columns)
    ) {
      problems.push({
        code: 'MAP_REQUIRED_UNMAPPED',
        column: c.name,
        severity: 'error',
        message: `Required column ${c.name} has no mapping: add it under columns (from, value or lookup).`,
      });
    }
  }
  cells.sort((a, b) => a.order - b.order);
  const skips = (section.skip ?? []).map((rule, i) => compileSkip(rule, i, header, problems));
  const address: AddressIndexes = {
    ship: SHIP_FIELDS.map((f) => outIndex.get(`ship${f}`) ?? -1),
    bill: BILL_FIELDS.map((f) => outIndex.get(f) ?? -1),
  };
  const rowOut: string[] = new Array<string>(columns.length).fill('');
  row.out = rowOut;
  const outcome: { fields: string[]; problems: readonly CellProblem[] } = {
    fields: rowOut,
    problems: NO_PROBLEMS,
  };
  const versions: RowVersions = {
    changedAt: new Float64Array(columns.length),
    serial: 0,
    changed: new Int32Array(columns.length),
    changedCount: 0,
  };
  const sources = new SourceChanges(cells.map((c) => c.source));
  return {
    columns,
    header: written,
    problems,
    misses,
    sourceText: (fields, column) => {
      const i = outIndex.get(column) ?? outIndex.get(columns[written.indexOf(column)] ?? '');
      const read = cells.find((c) => c.out === i)?.read;
      if (read === undefined) return '';
      return typeof read === 'number' ? (fields[read] ?? '') : read(fields);
    },
    versions,
    transform: (fields) => {
      for (const skip of skips) {
        const reason = skip(fields);
        if (reason) return { skip: reason, fields: [], problems: [] };
      }
      versions.serial++;
      sources.update(fields);
      outcome.problems = fillRow(fields, rowOut, cells, { address, versions, sources });
      return outcome;
    },
  };
}

const NO_FIELDS: readonly string[] = [];
const NO_PROBLEMS: readonly CellProblem[] = [];

/**
 * The normalizer of a mapping's `default`: written in migration.yaml, not inferred from the source,
 * so it is read with the mapping's own options (`format: DMY`, `decimal: ","`) and otherwise in
 * canonical form (a decimal point, an unambiguous date, not moved between zones); if that fails, as
 * the column's values are read (a `0,00` default in a column whose values use a decimal comma).
 */
function defaultNormalizer(
  mapping: ColumnMapping,
  spec: ColumnSpec,
  column: CellNormalizer,
  zones: ZoneContext,
): CellNormalizer | undefined {
  if (mapping.default === undefined) return undefined;
  // a date-time default is written as the output should read: not moved between zones
  const { timeZone: _zone, ...options } = mapping;
  const canonical = compilePlainNormalizer(
    options,
    spec,
    {},
    {
      sourceZone: zones.targetZone,
      targetZone: zones.targetZone,
    },
  );
  return (raw, out) => {
    const first = canonical(raw, out);
    if (first.ok) return first;
    const second = column(raw, out);
    return second.ok ? second : first;
  };
}
