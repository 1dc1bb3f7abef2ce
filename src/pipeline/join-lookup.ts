/**
 * One join step at build time: which staged row each record of a batch gets — one query for the
 * batch's distinct keys (and one for the `else` keys of the records still unmatched), then the
 * join's `prefer` rule among the rows of a key.
 * @module
 */
import { type JoinConfig, refSource } from '../config/index.js';
import { ToolkitError } from '../core/index.js';
import { cleanKey } from './clean-key.js';
import { findSourceColumn } from './source-columns.js';
import type { StagedRow, StagedSource } from './stage-source.js';

/** One compiled join, with its counters for the report. */
export interface CompiledJoin {
  readonly label: string;
  readonly source: string;
  readonly required: boolean;
  matched: number;
  viaElse: number;
  orphans: number;
}

export interface Step {
  readonly stats: CompiledJoin;
  readonly staged: StagedSource;
  readonly from: number;
  readonly slot: number;
  readonly elseFrom: number;
  readonly elseSlot: number;
  readonly pick: (rows: readonly StagedRow[]) => StagedRow | undefined;
  /** Report a record whose key matched several rows (join `ambiguous: warn`). */
  readonly warnAmbiguous: boolean;
  /** Report a record whose non-blank key matched nothing (join `unmatched: warn`). */
  readonly warnUnmatched: boolean;
}

export function preferOf(
  j: JoinConfig,
  header: readonly string[],
): (rows: readonly StagedRow[]) => StagedRow | undefined {
  const p = j.prefer;
  if (!p) return (rows) => rows[0];
  const col = findSourceColumn(header, p.column);
  const eq = p.equalsColumn ? findSourceColumn(header, p.equalsColumn) : -1;
  // a prefer that reads no column would silently take the first row (a canceled subscription
  // before the active one, another card than the default)
  for (const [key, name, at] of [
    ['column', p.column, col],
    ['equalsColumn', p.equalsColumn, eq],
  ] as const)
    if (name !== undefined && at < 0)
      throw new ToolkitError(
        'CONFIG_INVALID',
        `joins (${j.from} → ${j.to}): prefer.${key} "${name}" is not a column of source ${refSource(j.to)}.`,
      );
  const values = new Set((p.in ?? []).map((s) => s.trim().toLowerCase()));
  const good = (r: StagedRow): boolean => {
    const v = (r.fields[col] ?? '').trim();
    if (eq >= 0) return v !== '' && v === (r.fields[eq] ?? '').trim();
    return values.has(v.toLowerCase());
  };
  return (rows) => rows.find(good) ?? rows[0];
}

function distinctKeys(rows: readonly (readonly string[])[], at: number, skip?: readonly unknown[]): string[] {
  const keys = new Set<string>();
  rows.forEach((f, n) => {
    if (skip?.[n] !== undefined) return;
    const k = cleanKey(f[at]);
    if (k !== '') keys.add(k);
  });
  return [...keys];
}

/**
 * The chosen staged row of every record of a batch (undefined: none), counting the matches of the
 * rows `counted` marks (absent: all; a further product's row is not a record of its own); with
 * `choices`, how many rows each record's key matched.
 */
export function lookupBatch(
  step: Step,
  rows: readonly (readonly string[])[],
  choices?: number[],
  counted?: readonly boolean[],
): (StagedRow | undefined)[] {
  const found =
    step.from < 0
      ? new Map<string, StagedRow[]>()
      : step.staged.findMany(step.slot, distinctKeys(rows, step.from));
  const picked = rows.map((f, n) => {
    const hit = step.from < 0 ? undefined : found.get(cleanKey(f[step.from]));
    if (choices) choices[n] = hit?.length ?? 0;
    return hit ? step.pick(hit) : undefined;
  });
  if (step.elseFrom >= 0 && picked.some((p) => p === undefined)) {
    const fallback = step.staged.findMany(step.elseSlot, distinctKeys(rows, step.elseFrom, picked));
    rows.forEach((f, n) => {
      if (picked[n] !== undefined) return;
      const hit = fallback.get(cleanKey(f[step.elseFrom]));
      if (choices) choices[n] = hit?.length ?? 0;
      const row = hit ? step.pick(hit) : undefined;
      if (row && counted?.[n] !== false) step.stats.viaElse++;
      picked[n] = row;
    });
  }
  picked.forEach((p, n) => {
    if (p && counted?.[n] !== false) step.stats.matched++;
  });
  return picked;
}
