/**
 * What a compiled section reads besides the cell pipelines: each cell's source text (one column,
 * the first non-blank of several, a constant), lookup tables, and skip rules.
 * @module
 */
import {
  type ColumnMapping,
  type MigrationConfig,
  type OutputFileConfig,
  refSource,
  type SkipRule,
  type SourceConfig,
} from '../config/index.js';
import { blankOrTrimmed } from '../normalize/index.js';
import type { LookupMisses } from './lookup-misses.js';
import type { PlanProblem } from './row-plan.js';
import { findSourceColumn } from './source-columns.js';

/** How a cell reads its source text: one source column's index, or a function of the record. */
export type Read = number | ((fields: readonly string[]) => string);

/** A skip rule: the reason to skip the record, or null. */
export type Skip = (fields: readonly string[]) => string | null;

/** Compile how a cell reads its source; null (with a problem) when no source column exists. */
export function compileRead(
  m: ColumnMapping,
  header: readonly string[],
  target: string,
  problems: PlanProblem[],
): Read | null {
  if (m.value !== undefined) {
    const value = m.value;
    return () => value;
  }
  if (m.derive !== undefined) return () => '';
  const names = Array.isArray(m.from) ? m.from : [m.from ?? ''];
  const indexes: number[] = [];
  const absent: string[] = [];
  for (const name of names) {
    const i = findSourceColumn(header, name);
    if (i < 0) absent.push(name);
    else indexes.push(i);
  }
  // one of several listed columns may be absent (older or trimmed export layouts); all absent is an error
  for (const name of absent)
    problems.push({
      code: indexes.length === 0 ? 'MAP_SOURCE_COLUMN_MISSING' : 'MAP_SOURCE_COLUMN_ABSENT',
      column: target,
      severity: indexes.length === 0 ? 'error' : 'warning',
      message: `Source column "${name}" (for ${target}) is not in the source header.`,
    });
  if (indexes.length === 0) return null;
  if (indexes.length === 1) return indexes[0] ?? 0;
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

/**
 * Compile a lookup; keys without an entry are noted in `misses` (counted once per source record:
 * lookup-misses.ts) and give `undefined`. An entry without the value asked for — a record entry
 * lacking `field`, or (`blankIsMissing`: a required column) a blank value, as `kmigrate map --write`
 * leaves its placeholders — is noted too and gives `null`: it is on the merchant's to-do as well.
 */
export function compileLookup(
  config: MigrationConfig,
  name: string,
  field: string | undefined,
  misses: LookupMisses,
  blankIsMissing = false,
): (key: string) => string | null | undefined {
  const table = config.lookups[name] ?? {};
  const loose = new Map(Object.keys(table).map((k) => [k.trim().toLowerCase(), k] as const));
  // own entries only: a source value such as `constructor` is not a key of every table
  const entryOf = (k: string | undefined) =>
    k !== undefined && Object.hasOwn(table, k) ? table[k] : undefined;
  misses.table(name);
  return (key) => {
    const entry = entryOf(key) ?? entryOf(loose.get(key.trim().toLowerCase()));
    if (entry === undefined) {
      misses.note(name, key);
      return undefined;
    }
    const value = typeof entry === 'string' ? entry : field ? entry[field] : undefined;
    if (value === undefined || (blankIsMissing && String(value).trim() === '')) {
      misses.note(name, key);
      return null;
    }
    return String(value);
  };
}

/** Compile the section's skip rule number `index` (0-based, as its config path). */
export function compileSkip(
  rule: SkipRule,
  index: number,
  header: readonly string[],
  problems: PlanProblem[],
): Skip {
  const i = findSourceColumn(header, rule.column);
  if (i < 0) {
    problems.push({
      code: 'MAP_SOURCE_COLUMN_MISSING',
      column: rule.column,
      path: `skip.${index}.column`,
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

/**
 * The joined source a mapping reads, by its first `from` (derived.nextBillDate: the subscription's
 * period end's source); undefined when it reads the section's own source (or no column). Its
 * `timeZone` and `dateOrder`, when it declares them, are how its values are read.
 */
export function joinedSourceOf(
  m: ColumnMapping,
  section: OutputFileConfig,
  config: MigrationConfig,
): SourceConfig | undefined {
  const first = Array.isArray(m.from) ? m.from[0] : m.from;
  const ref = first === 'derived.nextBillDate' ? config.derive?.subscription?.periodEnd : first;
  if (ref === undefined || !ref.includes('.')) return undefined;
  const name = refSource(ref);
  if (name === section.source || !(config.joins ?? []).some((j) => refSource(j.to) === name))
    return undefined;
  return config.sources.find((s) => s.name === name);
}
