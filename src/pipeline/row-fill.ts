/**
 * One source record through a compiled section's cells (see row-plan.ts), as a change to the
 * row before: a cell whose source text and context did not change, and that raised nothing last
 * time, keeps its value and is not run at all (its memo would give the same result). Consecutive
 * records of one customer repeat most of their cells, so most cells of most rows cost one compare
 * of their source text.
 * @module
 */
import type { CellProblem, CellResult, CellStep } from './cell-step.js';
import type { Read } from './row-inputs.js';

/** {@link CellPlan.source} of a constant (`value:`): never changes. */
export const CONSTANT = -2;
/** {@link CellPlan.source} of a cell read through a function of the record: run every row. */
export const COMPUTED = -1;

/** One target cell of a compiled section. */
export interface CellPlan {
  readonly out: number;
  readonly read: Read;
  readonly step: CellStep;
  /** Output indexes of the memo context (-1 when absent from the file). */
  readonly context: readonly number[];
  /** The context values of the previous row and their key (kept to build the key only on change). */
  readonly contextValues: string[];
  contextKey: string;
  readonly derive: boolean;
  readonly order: number;
  /** The source column read (the record's index), or {@link CONSTANT} or {@link COMPUTED}. */
  readonly source: number;
  /** The cell's last run raised no problem and no warning (which must be raised on every row). */
  quiet: boolean;
}

/**
 * Per output column, the serial of the row in which its value last changed, and the columns that
 * changed in the last row (see CellVersions).
 */
export interface RowVersions {
  readonly changedAt: Float64Array;
  serial: number;
  readonly changed: Int32Array;
  changedCount: number;
}

/** Indexes of the ship and bill address columns (-1 when the file has none). */
export interface AddressIndexes {
  readonly ship: readonly number[];
  readonly bill: readonly number[];
}

/** Which source columns (of those the cells read) changed from the previous record. */
export class SourceChanges {
  /** 1 for each source index whose text differs from the previous record's. */
  readonly changed: Uint8Array;
  readonly #columns: Int32Array;
  readonly #previous: string[];

  constructor(sources: readonly number[]) {
    const columns = [...new Set(sources.filter((i) => i >= 0))];
    this.#columns = Int32Array.from(columns);
    const width = Math.max(0, ...columns) + 1;
    this.changed = new Uint8Array(width);
    // no record before the first: every column changed
    this.#previous = new Array<string>(width).fill('\u0000none');
  }

  update(fields: readonly string[]): void {
    const columns = this.#columns;
    const previous = this.#previous;
    const changed = this.changed;
    for (let k = 0; k < columns.length; k++) {
      const i = columns[k]!;
      const value = fields[i] ?? '';
      if (value === previous[i]) changed[i] = 0;
      else {
        previous[i] = value;
        changed[i] = 1;
      }
    }
  }
}

/** What {@link fillRow} needs besides the record and its cells. */
export interface FillState {
  readonly address: AddressIndexes;
  readonly versions: RowVersions;
  readonly sources: SourceChanges;
}

const NO_PROBLEMS: readonly CellProblem[] = [];

/**
 * Run the cells of one row (in plan order) into `out`, which holds the previous row's values;
 * returns the row's cell problems. Call `state.sources.update(fields)` and advance the serial
 * first. A cell whose value differs from the previous row's is marked changed in the versions.
 */
export function fillRow(
  fields: readonly string[],
  out: string[],
  cells: readonly CellPlan[],
  state: FillState,
): readonly CellProblem[] {
  let problems: CellProblem[] = NO_PROBLEMS as CellProblem[];
  const versions = state.versions;
  versions.changedCount = 0;
  const { changedAt, serial } = versions;
  const changed = state.sources.changed;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c] as CellPlan;
    if (cell.derive) {
      setCell(out, cell.out, deriveBillShipSame(out, state.address), versions);
      continue;
    }
    const source = cell.source;
    if (
      cell.quiet &&
      (source === CONSTANT || (source >= 0 && changed[source] === 0)) &&
      contextSame(cell.context, changedAt, serial)
    )
      continue;
    const result = runCell(cell, fields, out, source >= 0 && changed[source] === 1);
    cell.quiet = result.warning === null && result.problem === null;
    if (!cell.quiet) {
      if (problems === NO_PROBLEMS) problems = [];
      if (result.warning !== null) problems.push(result.warning);
      if (result.problem !== null) problems.push(result.problem);
    }
    setCell(out, cell.out, result.problem === null ? result.value : '', versions);
  }
  return problems;
}

/** The cell's result for this row (`sourceChanged`: its source text differs from the record before's). */
function runCell(
  cell: CellPlan,
  fields: readonly string[],
  out: readonly string[],
  sourceChanged: boolean,
): CellResult {
  const read = cell.read;
  const raw = typeof read === 'number' ? (fields[read] ?? '') : read(fields);
  const context = cell.context.length === 0 ? '' : contextOf(out, cell);
  const memo = cell.step;
  // a source that changed was compared with the record before already: no second compare
  if (!sourceChanged && raw === memo.lastRaw && context === memo.lastContext) return memo.last as CellResult;
  return memo.runAfterLast(raw, context);
}

function setCell(out: string[], i: number, value: string, versions: RowVersions): void {
  if (value === out[i]) return;
  out[i] = value;
  versions.changedAt[i] = versions.serial;
  versions.changed[versions.changedCount++] = i;
}

/** True when no context cell changed in this row (context cells run before the cells reading them). */
function contextSame(context: readonly number[], changedAt: Float64Array, serial: number): boolean {
  for (let k = 0; k < context.length; k++) {
    const i = context[k]!;
    if (i >= 0 && changedAt[i] === serial) return false;
  }
  return true;
}

/** The memo context of a cell in this row: its context values joined by U+0001. */
function contextOf(out: readonly string[], cell: CellPlan): string {
  const { context, contextValues } = cell;
  let changed = false;
  for (let k = 0; k < context.length; k++) {
    const i = context[k] ?? -1;
    const value = i < 0 ? '' : (out[i] ?? '');
    if (value !== contextValues[k]) {
      contextValues[k] = value;
      changed = true;
    }
  }
  if (changed) cell.contextKey = contextValues.join('\u0001');
  return cell.contextKey;
}

/**
 * `billShipSame`: 1 unless a ship-to cell differs from its billing cell (case aside). A blank
 * ship-to cell (not exported, or not mapped) contradicts nothing: a shipping address that repeats
 * the street and leaves the city blank is the billing address, not a second address lacking its city.
 */
function deriveBillShipSame(out: readonly string[], idx: AddressIndexes): string {
  const at = (i: number): string => (i < 0 ? '' : (out[i] ?? ''));
  for (let k = 0; k < idx.ship.length; k++) {
    const ship = at(idx.ship[k] ?? -1);
    if (ship !== '' && ship.toLowerCase() !== at(idx.bill[k] ?? -1).toLowerCase()) return '0';
  }
  return '1';
}
