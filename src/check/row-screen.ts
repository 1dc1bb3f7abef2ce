/**
 * The pure half of the range fast path: does a record, given as field ranges, certainly pass
 * every column rule and raise no same-row warning? No side effects, so it can run on another
 * thread than the one that feeds the cross-row index (see check-worker.ts).
 * @module
 */
import type { ColumnSpec, FileSpec } from '../schema/index.js';
import type { HeaderBinding } from './header-check.js';
import { compileRangeRule, type RangeRule } from './range-rules.js';
import { allDigits, compareRange, isMonthRange, rangeEquals } from './text-range.js';

/** What the screen needs of the checker's options. */
export interface ScreenOptions {
  readonly importDate: string;
  /** YYYY-MM-DD: next bill dates up to this day are "imminent". */
  readonly imminentLimit: string;
}

interface ScreenRule {
  readonly column: ColumnSpec;
  readonly range: RangeRule;
  readonly index: number;
  readonly condIndex: number;
}

/** Header index of a column's required-if condition column, or -1. */
export function condIndex(column: ColumnSpec, index: ReadonlyMap<string, number>): number {
  return column.requiredIf ? (index.get(column.requiredIf.column) ?? -1) : -1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 160;
}

/** Screens records of one file (spec bound to its header). */
export class RowScreen {
  readonly #rules: ScreenRule[] = [];
  readonly #missingCond: ScreenRule[] = [];
  readonly #transactions: boolean;
  readonly #opts: ScreenOptions;
  readonly #active: number;
  readonly #next: number;
  readonly #paySource: number;
  readonly #month: number;
  readonly #year: number;

  constructor(spec: FileSpec, binding: HeaderBinding, options: ScreenOptions) {
    const index = binding.index;
    this.#opts = options;
    this.#transactions = spec.kind === 'transactions';
    binding.columns.forEach((column, i) => {
      if (column)
        this.#rules.push({
          column,
          range: compileRangeRule(column, index),
          index: i,
          condIndex: condIndex(column, index),
        });
    });
    for (const column of spec.columns) {
      if (!index.has(column.name) && column.requiredIf)
        this.#missingCond.push({ column, range: () => true, index: -1, condIndex: condIndex(column, index) });
    }
    const at = (name: string): number => index.get(name) ?? -1;
    this.#active = at('isActiveRecurring');
    this.#next = at('nextBillDate');
    this.#paySource = at('paySource');
    this.#month = at('cardExpiryMonth');
    this.#year = at('cardExpiryYear');
  }

  /**
   * True when the record (`text[starts[base + i], ends[base + i])` for header index i) is
   * certainly clean of column and same-row issues; false when not sure.
   */
  clean(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    const rules = this.#rules;
    for (let k = 0; k < rules.length; k++) {
      const b = rules[k]!;
      const s = starts[base + b.index]!;
      const e = ends[base + b.index]!;
      if (s === e) {
        if (this.#emptyFails(b, text, starts, ends, base)) return false;
        continue;
      }
      if (isSpace(text.charCodeAt(s)) || isSpace(text.charCodeAt(e - 1))) return false;
      if (!b.range(text, s, e, starts, ends, base)) return false;
    }
    for (const b of this.#missingCond) if (this.#emptyFails(b, text, starts, ends, base)) return false;
    return !(this.#transactions && this.#semanticsMayWarn(text, starts, ends, base));
  }

  /** True when an empty value would be reported (required, or required-if and its condition holds). */
  #emptyFails(b: ScreenRule, text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    if (b.column.required) return true;
    const r = b.column.requiredIf;
    if (!r || b.condIndex < 0) return false;
    return rangeEquals(text, starts[base + b.condIndex]!, ends[base + b.condIndex]!, r.equals);
  }

  /** True when the same-row semantic rules might warn on this row (then the string path decides). */
  #semanticsMayWarn(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    const s = (i: number): number => (i < 0 ? 0 : starts[base + i]!);
    const e = (i: number): number => (i < 0 ? 0 : ends[base + i]!);
    if (!rangeEquals(text, s(this.#active), e(this.#active), '1')) return false;
    const ns = s(this.#next);
    const ne = e(this.#next);
    const nextOk = ne - ns === 10 && dateLike(text, ns);
    const { importDate, imminentLimit } = this.#opts;
    if (
      nextOk &&
      (compareRange(text, ns, ne, importDate) < 0 || compareRange(text, ns, ne, imminentLimit) <= 0)
    )
      return true;
    if (!rangeEquals(text, s(this.#paySource), e(this.#paySource), 'CREDITCARD')) return false;
    const ms = s(this.#month);
    const ys = s(this.#year);
    const ye = e(this.#year);
    if (!isMonthRange(text, ms, e(this.#month)) || ye - ys !== 4 || !allDigits(text, ys, ye)) return false;
    if (compareExpiry(text, ys, ms, importDate, 0, importDate.length) < 0) return true;
    return nextOk && compareExpiry(text, ys, ms, text, ns, ne) < 0;
  }
}

/** True when `text[s, s + 10)` has the shape \d{4}-\d{2}-\d{2}. */
function dateLike(text: string, s: number): boolean {
  return (
    allDigits(text, s, s + 4) &&
    text.charCodeAt(s + 4) === 45 &&
    allDigits(text, s + 5, s + 7) &&
    text.charCodeAt(s + 7) === 45 &&
    allDigits(text, s + 8, s + 10)
  );
}

/** Compare the card's last day `${year}-${month}-31` (year at `ys`, month at `ms`) with `o[os, oe)`. */
function compareExpiry(text: string, ys: number, ms: number, o: string, os: number, oe: number): number {
  const n = Math.min(10, oe - os);
  for (let i = 0; i < n; i++) {
    const c =
      i < 4
        ? text.charCodeAt(ys + i)
        : i === 4 || i === 7
          ? 45
          : i < 7
            ? text.charCodeAt(ms + i - 5)
            : i === 8
              ? 51
              : 49;
    const d = c - o.charCodeAt(os + i);
    if (d !== 0) return d;
  }
  return 10 - (oe - os);
}
