/**
 * The line of a row as pieces kept from row to row: each column that changes on most rows is a
 * piece of its own, and each run of columns between them is one piece, joined again only when
 * one of its cells changed. A row of 44 cells with a handful changed is then one join of a few
 * pieces instead of 44 cells.
 * @module
 */
import type { CellVersions } from '../check/index.js';

/** Rows observed before the pieces are cut. */
export const WARM_ROWS = 256;

/** A run of adjacent columns [from, to) and its text, joined at row `serial` (-1: never). */
interface Run {
  readonly from: number;
  readonly to: number;
  text: string;
  serial: number;
}

/** Joins rows of a fixed width by ","; see the module comment. Not reentrant. */
export class LinePieces {
  readonly #width: number;
  /** How many of the observed rows changed each column. */
  readonly #changes: Uint32Array;
  #observed = 0;
  /** Per piece: a column index (>= 0) for a single column, or -1 - run index. */
  #pieces: Int32Array | null = null;
  #runs: Run[] = [];

  constructor(width: number) {
    this.#width = width;
    this.#changes = new Uint32Array(width);
  }

  /** `fields` joined by ","; `versions` tells which cells changed since earlier calls. */
  join(fields: readonly string[], versions: CellVersions): string {
    const pieces = this.#pieces;
    if (pieces === null) return this.#observe(fields, versions);
    const { changedAt, serial } = versions;
    // a new array each row: filling it costs no write barrier (an old one's slots do)
    const texts = new Array<string>(pieces.length);
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p]!;
      if (piece >= 0) {
        texts[p] = fields[piece] as string;
        continue;
      }
      const run = this.#runs[-1 - piece]!;
      if (run.serial < 0 || changedAfter(changedAt, run.from, run.to, run.serial)) {
        run.text = fields.slice(run.from, run.to).join(',');
        run.serial = serial;
      }
      texts[p] = run.text;
    }
    return texts.join(',');
  }

  /** Count which columns change, and cut the pieces after {@link WARM_ROWS} rows. */
  #observe(fields: readonly string[], versions: CellVersions): string {
    const { changedAt, serial } = versions;
    for (let i = 0; i < this.#width; i++) if (changedAt[i] === serial) this.#changes[i]!++;
    if (++this.#observed >= WARM_ROWS) this.#cut();
    return fields.join(',');
  }

  #cut(): void {
    const pieces: number[] = [];
    let from = -1;
    const close = (to: number): void => {
      if (from < 0) return;
      const run = { from, to, text: '', serial: -1 };
      pieces.push(-1 - this.#runs.length);
      this.#runs.push(run);
      from = -1;
    };
    for (let i = 0; i < this.#width; i++) {
      // changed on more than half of the rows: a piece of its own
      if (this.#changes[i]! * 2 > this.#observed) {
        close(i);
        pieces.push(i);
      } else if (from < 0) from = i;
    }
    close(this.#width);
    this.#pieces = Int32Array.from(pieces);
  }
}

/** True when a cell in [from, to) changed after the row with serial `serial`. */
function changedAfter(changedAt: Float64Array, from: number, to: number, serial: number): boolean {
  for (let i = from; i < to; i++) if (changedAt[i]! > serial) return true;
  return false;
}
