/**
 * Which cells of a row changed since an earlier row, for callers that produce rows cell by cell
 * (the build): the row screen and the cross-row feed skip the work an unchanged cell would repeat.
 * @module
 */

/**
 * Cell i (header index) last changed in the row whose serial is `changedAt[i]`; the current
 * row's serial is `serial` (serials grow, from 1). A producer may mark a cell changed when it is
 * not (that only costs work), never the reverse.
 */
export interface CellVersions {
  readonly changedAt: Float64Array;
  readonly serial: number;
  /**
   * Optionally, the cells that changed in this row (since row `serial - 1`): `changed[0, count)`,
   * each at most once. A consumer that last saw row `serial - 1` visits these instead of every cell.
   */
  readonly changed?: Int32Array;
  readonly changedCount?: number;
}

/** True when none of the cells `deps` changed after the row with serial `since`. */
export function unchangedSince(changedAt: Float64Array, deps: Int32Array, since: number): boolean {
  for (let k = 0; k < deps.length; k++) if (changedAt[deps[k]!]! > since) return false;
  return true;
}
