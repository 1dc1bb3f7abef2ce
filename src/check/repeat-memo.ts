/**
 * The cross-row feed's memo of an earlier row's cells (see cross-row-feed.ts): tells whether a
 * row repeats them.
 * @module
 */
import { rangesEqual } from './text-range.js';

/**
 * Remembers some cells of an earlier row to tell whether they changed. The usual test is fast:
 * cells adjacent in the header form groups compared as one raw span (delimiters and quotes
 * included) with one string comparison (`slice(...) === span`, compared natively; `startsWith` at
 * an offset or a charCode loop on a large text is ~5× slower): equal spans and equal field
 * offsets mean equal cells. Spans that differ are not yet a change: the same cells can be laid
 * out differently (a quoted cell in the file's text, or a row the checker joined itself), so the
 * cells are then compared one by one. Findings therefore never depend on which path read a row.
 */
export class RepeatMemo {
  /** Header indexes per group, ascending and adjacent. */
  readonly #groups: readonly (readonly number[])[];
  /** All remembered header indexes, in group order. */
  readonly #cells: Int32Array;
  readonly #spans: string[];
  readonly #offsets: Int32Array[];
  /** The remembered row's text and its cells' ranges in it (in {@link #cells} order). */
  #text = '';
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  #primed = false;

  constructor(idx: readonly number[]) {
    const sorted = [...new Set(idx.filter((i) => i >= 0))].sort((a, b) => a - b);
    const groups: number[][] = [];
    for (const i of sorted) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[last.length - 1] === i - 1) last.push(i);
      else groups.push([i]);
    }
    this.#groups = groups;
    this.#cells = Int32Array.from(sorted);
    this.#spans = groups.map(() => '');
    this.#offsets = groups.map((g) => new Int32Array(g.length * 2));
    this.#starts = new Int32Array(sorted.length);
    this.#ends = new Int32Array(sorted.length);
  }

  /** True when any cell differs from the remembered ones; remembers this row in any case. */
  update(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    if (this.#primed && this.#sameSpans(text, starts, ends, base)) return false;
    const changed = !this.#primed || !this.#sameCells(text, starts, ends, base);
    this.#primed = true;
    this.#remember(text, starts, ends, base);
    return changed;
  }

  /** Forget the remembered row: the next {@link update} tells a change. */
  forget(): void {
    this.#primed = false;
  }

  #sameSpans(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    const groups = this.#groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const from = starts[base + group[0]!]!;
      const to = ends[base + group[group.length - 1]!]!;
      const offsets = this.#offsets[g]!;
      const span = this.#spans[g]!;
      if (to - from !== span.length) return false;
      for (let k = 0; k < group.length; k++) {
        const i = base + group[k]!;
        if (starts[i]! - from !== offsets[2 * k] || ends[i]! - from !== offsets[2 * k + 1]) return false;
      }
      if (text.slice(from, to) !== span) return false;
    }
    return true;
  }

  #sameCells(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    const cells = this.#cells;
    for (let k = 0; k < cells.length; k++) {
      const i = base + cells[k]!;
      if (!rangesEqual(text, starts[i]!, ends[i]!, this.#text, this.#starts[k]!, this.#ends[k]!))
        return false;
    }
    return true;
  }

  #remember(text: string, starts: Int32Array, ends: Int32Array, base: number): void {
    const groups = this.#groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const from = starts[base + group[0]!]!;
      this.#spans[g] = text.slice(from, ends[base + group[group.length - 1]!]!);
      const offsets = this.#offsets[g]!;
      for (let k = 0; k < group.length; k++) {
        const i = base + group[k]!;
        offsets[2 * k] = starts[i]! - from;
        offsets[2 * k + 1] = ends[i]! - from;
      }
    }
    this.#text = text;
    const cells = this.#cells;
    for (let k = 0; k < cells.length; k++) {
      this.#starts[k] = starts[base + cells[k]!]!;
      this.#ends[k] = ends[base + cells[k]!]!;
    }
  }
}
