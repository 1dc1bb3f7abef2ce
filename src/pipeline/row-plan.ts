/**
 * Compiles one output section of migration.yaml (e.g. `transactions:`) against the source
 * header and the target spec into a row transformer: source record → target row + problems.
 * @module
 */
import type { ColumnMapping, MigrationConfig, OutputFileConfig, SkipRule } from '../config/index.js';
import { blankOrTrimmed, mapEnum, type NormalizeProblem } from '../normalize/index.js';
import type { ColumnSpec, FileSpec } from '../schema/index.js';
import {
  type CellNormalizer,
  type ColumnInference,
  compileCellNormalizer,
  type ZoneContext,
} from './cell-normalizer.js';
import { findSourceColumn } from './source-columns.js';

/** A problem of one target cell. */
export interface CellProblem {
  readonly column: string;
  readonly problem: NormalizeProblem;
}

/** The result of transforming one source record. */
export interface RowOutcome {
  readonly skip?: string;
  readonly fields: string[];
  readonly problems: readonly CellProblem[];
}

interface CellPlan {
  readonly spec: ColumnSpec;
  readonly out: number;
  readonly read: (fields: readonly string[]) => string;
  readonly mapping: ColumnMapping;
  readonly normalize: CellNormalizer;
  readonly lookup?: (key: string) => string | undefined;
  readonly order: number;
}

/** Compile problems found before any row is read (unknown source columns, unmapped required targets). */
export interface PlanProblem {
  readonly column: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly code: string;
}

/** A compiled section. */
export interface RowPlan {
  readonly columns: readonly string[];
  readonly problems: readonly PlanProblem[];
  /** Source columns that feed a normalizer needing column inference, by target column. */
  transform(fields: readonly string[]): RowOutcome;
  /** Distinct lookup keys that had no entry, per lookup table (the merchant's to-do list). */
  readonly missingLookups: ReadonlyMap<string, Map<string, number>>;
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
  const outIndex = new Map(columns.map((c, i) => [c, i] as const));
  const missingLookups = new Map<string, Map<string, number>>();
  const cells: CellPlan[] = [];
  for (const [target, mapping] of Object.entries(section.columns)) {
    const colSpec = spec.columns.find((c) => c.name === target);
    const out = outIndex.get(target);
    if (!colSpec || out === undefined) {
      problems.push({
        code: 'MAP_UNKNOWN_TARGET',
        column: target,
        severity: 'error',
        message: `${target} is not a column of the ${spec.title} file (or of the vendor template).`,
      });
      continue;
    }
    const read = compileRead(mapping, header, target, problems);
    if (!read) continue;
    const lookup = mapping.lookup
      ? compileLookup(config, mapping.lookup, mapping.field, missingLookups)
      : undefined;
    const normalize = compileCellNormalizer(mapping, colSpec, inference.get(target) ?? {}, zones);
    cells.push({
      spec: colSpec,
      out,
      read,
      mapping,
      normalize,
      order: orderOf(colSpec, mapping),
      ...(lookup ? { lookup } : {}),
    });
  }
  for (const c of spec.columns) {
    if (c.required && !(c.name in section.columns)) {
      problems.push({
        code: 'MAP_REQUIRED_UNMAPPED',
        column: c.name,
        severity: 'error',
        message: `Required column ${c.name} has no mapping: add it under columns (from, value or lookup).`,
      });
    }
  }
  cells.sort((a, b) => a.order - b.order);
  const skips = (section.skip ?? []).map((rule) => compileSkip(rule, header, problems));
  return {
    columns,
    problems,
    missingLookups,
    transform: (fields) => transformRow(fields, cells, skips, columns.length, outIndex),
  };
}

function compileRead(
  m: ColumnMapping,
  header: readonly string[],
  target: string,
  problems: PlanProblem[],
): ((f: readonly string[]) => string) | null {
  if (m.value !== undefined) {
    const value = m.value;
    return () => value;
  }
  if (m.derive !== undefined) return () => '';
  const names = Array.isArray(m.from) ? m.from : [m.from ?? ''];
  const indexes: number[] = [];
  for (const name of names) {
    const i = findSourceColumn(header, name);
    if (i < 0)
      problems.push({
        code: 'MAP_SOURCE_COLUMN_MISSING',
        column: target,
        severity: 'error',
        message: `Source column "${name}" (for ${target}) is not in the source header.`,
      });
    else indexes.push(i);
  }
  if (indexes.length === 0) return null;
  if (indexes.length === 1) {
    const i = indexes[0] ?? 0;
    return (f) => f[i] ?? '';
  }
  return (f) => {
    for (const i of indexes) {
      const v = f[i] ?? '';
      if (blank(v) !== '') return v;
    }
    return '';
  };
}

function blank(v: string): string {
  return blankOrTrimmed(v);
}

function compileLookup(
  config: MigrationConfig,
  name: string,
  field: string | undefined,
  missing: Map<string, Map<string, number>>,
): (key: string) => string | undefined {
  const table = config.lookups[name] ?? {};
  const loose = new Map(Object.keys(table).map((k) => [k.trim().toLowerCase(), k] as const));
  const seen = missing.get(name) ?? new Map<string, number>();
  missing.set(name, seen);
  return (key) => {
    const entry = table[key] ?? table[loose.get(key.trim().toLowerCase()) ?? '\u0000'];
    if (entry === undefined) {
      if (seen.size < 10_000) seen.set(key, (seen.get(key) ?? 0) + 1);
      return undefined;
    }
    if (typeof entry === 'string') return entry;
    const value = field ? entry[field] : undefined;
    return value === undefined ? undefined : String(value);
  };
}

type Skip = (fields: readonly string[]) => string | null;

function compileSkip(rule: SkipRule, header: readonly string[], problems: PlanProblem[]): Skip {
  const i = findSourceColumn(header, rule.column);
  if (i < 0) {
    problems.push({
      code: 'MAP_SOURCE_COLUMN_MISSING',
      column: rule.column,
      severity: 'error',
      message: `Skip rule column "${rule.column}" is not in the source header.`,
    });
    return () => null;
  }
  const set = new Set(
    (rule.in ?? (rule.equals !== undefined ? [rule.equals] : [])).map((s) => s.trim().toLowerCase()),
  );
  return (f) => {
    const v = blank(f[i] ?? '').toLowerCase();
    if (rule.empty && v === '') return rule.reason;
    return set.has(v) ? rule.reason : null;
  };
}

function transformRow(
  fields: readonly string[],
  cells: readonly CellPlan[],
  skips: readonly Skip[],
  width: number,
  outIndex: ReadonlyMap<string, number>,
): RowOutcome {
  for (const skip of skips) {
    const reason = skip(fields);
    if (reason) return { skip: reason, fields: [], problems: [] };
  }
  const out: string[] = new Array<string>(width).fill('');
  const problems: CellProblem[] = [];
  const get = (name: string): string => {
    const i = outIndex.get(name);
    return i === undefined ? '' : (out[i] ?? '');
  };
  for (const cell of cells) {
    if (cell.mapping.derive === 'billShipSame') {
      out[cell.out] = deriveBillShipSame(get);
      continue;
    }
    const result = runCell(cell, blank(cell.read(fields)), get);
    if (result.warning) problems.push({ column: cell.spec.name, problem: result.warning });
    if (result.problem) problems.push({ column: cell.spec.name, problem: result.problem });
    else out[cell.out] = result.value;
  }
  return { fields: out, problems };
}

interface CellResult {
  readonly value: string;
  readonly problem?: NormalizeProblem;
  readonly warning?: NormalizeProblem;
}

/** Map → lookup → normalize one cell; the first failure stops it. */
function runCell(cell: CellPlan, raw: string, get: (name: string) => string): CellResult {
  const m = cell.mapping;
  let warning: NormalizeProblem | undefined;
  if (raw !== '' && (m.map || (cell.spec.enum && m.normalize === 'enum'))) {
    const mapped = mapEnum(raw, { map: m.map ?? {}, ...(cell.spec.enum ? { allowed: cell.spec.enum } : {}) });
    if (!mapped.ok) return { value: '', problem: mapped.problem };
    warning = mapped.warning;
    raw = mapped.value;
  }
  if (raw !== '' && cell.lookup) {
    const found = cell.lookup(raw);
    if (found === undefined) {
      const message = `No entry for this value in lookup table ${m.lookup}; add it to migration.yaml.`;
      return { value: '', problem: { code: 'LOOKUP_MISSING', severity: 'error', message } };
    }
    raw = found;
  }
  if (raw === '' && m.dummy === undefined) return withWarning({ value: m.default ?? '' }, warning);
  const result = cell.normalize(raw, get);
  if (!result.ok) return { value: '', problem: result.problem };
  const value = result.value === '' && m.default !== undefined ? m.default : result.value;
  return withWarning({ value }, result.warning ?? warning);
}

function withWarning(result: CellResult, warning: NormalizeProblem | undefined): CellResult {
  return warning === undefined ? result : { ...result, warning };
}

function deriveBillShipSame(get: (name: string) => string): string {
  const ship = SHIP_FIELDS.map((f) => get(`ship${f}`));
  if (ship.every((v) => v === '')) return '1';
  return BILL_FIELDS.every((f, i) => get(f).toLowerCase() === (ship[i] ?? '').toLowerCase()) ? '1' : '0';
}
