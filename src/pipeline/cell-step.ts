/**
 * One target cell of a compiled section: spreadsheet error value → blank check → enum map →
 * lookup (of a blank value too, for a required column) → normalize → default,
 * the first failure stopping it, behind the column's adaptive memo. Results (and the problems
 * they carry) are built once per distinct input, so a clean row allocates nothing here.
 * @module
 */

import type { ColumnMapping } from '../config/index.js';
import { CellMemo, detachString } from '../core/index.js';
import {
  blankOrTrimmed,
  type MapEnumOptions,
  mapEnum,
  type NormalizeProblem,
  spreadsheetErrorValue,
} from '../normalize/index.js';
import type { ColumnSpec } from '../schema/index.js';
import type { CellNormalizer, OutputAccess } from './cell-normalizer.js';

/** A problem of one target cell. */
export interface CellProblem {
  readonly column: string;
  readonly problem: NormalizeProblem;
}

/** What one cell produced: a value, or a problem; and maybe a warning. */
export interface CellResult {
  readonly value: string;
  readonly problem: CellProblem | null;
  readonly warning: CellProblem | null;
}

/** What {@link compileCellStep} needs to know about the cell. */
export interface CellStepParts {
  readonly spec: ColumnSpec;
  readonly mapping: ColumnMapping;
  /** The column's normalizer, not memoized (the step memoizes the whole cell). */
  readonly normalize: CellNormalizer;
  /** `undefined`: no entry for the key; `null`: an entry without the value asked for (row-inputs.ts). */
  readonly lookup?: (key: string) => string | null | undefined;
  /** Values of the row being built, for normalizers that read other cells. */
  readonly out: OutputAccess;
  /** The normalizer of the mapping's `default` (canonical input, see row-plan.ts); else `normalize`. */
  readonly normalizeDefault?: CellNormalizer | undefined;
}

/** (raw source text, memo context) → result, memoized. */
export type CellStep = CellMemo<CellResult>;

function enumOptions(m: ColumnMapping, spec: ColumnSpec): MapEnumOptions | null {
  if (!(m.map || (spec.enum && m.normalize === 'enum'))) return null;
  return { map: m.map ?? {}, ...(spec.enum ? { allowed: spec.enum } : {}) };
}

/** Compile the memoized pipeline of one cell. */
export function compileCellStep(parts: CellStepParts): CellStep {
  const { spec, mapping: m, normalize, lookup, out } = parts;
  const normalizeDefault = parts.normalizeDefault ?? normalize;
  const column = spec.name;
  const wrap = (problem: NormalizeProblem | undefined): CellProblem | null =>
    problem === undefined ? null : { column, problem };
  const failed = (problem: NormalizeProblem): CellResult => ({
    value: '',
    problem: wrap(problem),
    warning: null,
  });
  const enumOpts = enumOptions(m, spec);
  const missing: CellResult = failed({
    code: 'LOOKUP_MISSING',
    severity: 'error',
    message: `No entry for this value in lookup table ${m.lookup}; add it to migration.yaml.`,
  });
  const valueMissing: CellResult = failed({
    code: 'LOOKUP_MISSING',
    severity: 'error',
    message: `The entry for this value in lookup table ${m.lookup} has no ${m.field ?? 'value'}; fill it in migration.yaml.`,
  });
  const blankKey = lookupNeedsValue(spec, m);
  const missingBlank: CellResult = failed({
    code: 'LOOKUP_MISSING',
    severity: 'error',
    message: `No entry for a blank value (e.g. a one-time sale without a plan) in lookup table ${m.lookup}; add one under the key "" in migration.yaml.`,
  });
  /** The entry's value, or the result of a miss (no entry; an entry without the value). */
  const lookedUp = (find: NonNullable<CellStepParts['lookup']>, raw: string): string | CellResult => {
    const found = find(raw);
    if (found === undefined) return raw === '' ? missingBlank : missing;
    return found === null ? valueMissing : found;
  };
  const compute = (source: string): CellResult => {
    // `#N/A`, `#REF!`, `####`: the data is lost — not blank (a default, the "" lookup entry), not text
    const damage = spreadsheetErrorValue(source);
    if (damage !== null) return failed(damage);
    let raw = blankOrTrimmed(source);
    let warning: NormalizeProblem | undefined;
    if (raw !== '' && enumOpts !== null) {
      const mapped = mapEnum(raw, enumOpts);
      if (!mapped.ok) return failed(mapped.problem);
      warning = mapped.warning;
      raw = mapped.value;
    }
    if (lookup && (raw !== '' || blankKey)) {
      const found = lookedUp(lookup, raw);
      if (typeof found !== 'string') return found;
      raw = found;
    }
    if (raw === '' && m.dummy === undefined) return byDefault(warning);
    const result = normalize(raw, out);
    if (!result.ok) return failed(result.problem);
    if (result.value === '' && m.default !== undefined) return byDefault(result.warning ?? warning);
    return { value: result.value, problem: null, warning: wrap(result.warning ?? warning) };
  };
  /**
   * An empty cell: the mapping's `default`, normalized like a source value (`(555) 010-4477` is
   * written as digits; a default the column cannot take is an error naming it), else empty.
   */
  const byDefault = (warning: NormalizeProblem | undefined): CellResult => {
    if (m.default === undefined || m.default.trim() === '')
      return { value: m.default ?? '', problem: null, warning: wrap(warning) };
    const result = normalizeDefault(m.default.trim(), out);
    if (!result.ok)
      return failed({ ...result.problem, message: `The mapping's default: ${result.problem.message}` });
    return { value: result.value, problem: null, warning: wrap(result.warning ?? warning) };
  };
  // A missing lookup key is counted on every row it occurs on, so it is never served from the memo.
  return new CellMemo(compute, (r) => r !== missing && r !== missingBlank && r !== valueMissing, keptResult);
}

/**
 * Whether a lookup must give this column a value: a required column without `default` or `dummy`.
 * It then looks a blank value up too (under the key ""): a one-time sale has no plan, yet needs a
 * campaign and product — and an entry left blank (a `map --write` placeholder) is a miss, both on
 * the merchant's to-do.
 */
export function lookupNeedsValue(spec: ColumnSpec, m: ColumnMapping): boolean {
  return spec.required === true && m.default === undefined && m.dummy === undefined;
}

/** A result as the memo keeps it: its strings detached from the input's text (cell-memo.ts). */
function keptResult(r: CellResult): CellResult {
  return { value: detachString(r.value), problem: keptProblem(r.problem), warning: keptProblem(r.warning) };
}

function keptProblem(p: CellProblem | null): CellProblem | null {
  if (p === null) return null;
  const { received, expected } = p.problem;
  return {
    column: p.column,
    problem: {
      ...p.problem,
      message: detachString(p.problem.message),
      ...(received === undefined ? {} : { received: detachString(received) }),
      ...(expected === undefined ? {} : { expected: detachString(expected) }),
    },
  };
}
