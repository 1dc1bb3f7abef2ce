/**
 * The pure half of the range fast path: does a record, given as field ranges, certainly pass
 * every column rule and raise no same-row warning? No side effects, so it can run on another
 * thread than the one that feeds the cross-row index (see check-worker.ts).
 * @module
 */
import type { ColumnSpec, FileSpec } from '../schema/index.js';
import { type CellVersions, unchangedSince } from './cell-versions.js';
import type { PhoneRuleOptions } from './column-rules.js';
import type { HeaderBinding } from './header-check.js';
import {
  type CompiledRangeRule,
  compileRangeOp,
  rangeOk,
  rangeRuleContext,
  rangeRuleMayAccept,
} from './range-rules.js';
import { dayAt, digitsValue, isMonthRange, plainDay, rangeEquals } from './text-range.js';

/** What the screen needs of the checker's options. */
export interface ScreenOptions {
  readonly importDate: string;
  /** YYYY-MM-DD: next bill dates up to this day are "imminent". */
  readonly imminentLimit: string;
  /** How the phone rule judges US/CA numbers (as the checker's string rule). */
  readonly phone?: PhoneRuleOptions;
}

/**
 * One column's screen, all fields present and of one type (so every rule object has the same
 * hidden class: column specs differ in their optional fields, and reading them per cell was a
 * megamorphic property load).
 */
interface ScreenRule {
  readonly range: CompiledRangeRule;
  readonly index: number;
  /** An empty value: 0 passes, 1 fails (required), 2 fails when the condition cell equals `condValue`. */
  readonly empty: number;
  readonly condIndex: number;
  readonly condValue: string;
  /** The other cell the rule reads (a state's or postal code's country), or -1. */
  readonly context: number;
  /** `condIndex` and `context`, or `index` when absent (the cells a rule's verdict depends on). */
  readonly condDep: number;
  readonly contextDep: number;
}

function screenRule(column: ColumnSpec, range: CompiledRangeRule, index: number, cond: number): ScreenRule {
  const empty = column.required ? 1 : column.requiredIf && cond >= 0 ? 2 : 0;
  const context = rangeRuleContext(range);
  return {
    range,
    index,
    empty,
    condIndex: cond,
    condValue: column.requiredIf?.equals ?? '',
    context,
    condDep: cond >= 0 ? cond : index,
    contextDep: context >= 0 ? context : index,
  };
}

const NO_RULE: CompiledRangeRule = { op: -1, a: 0, b: 0, c: 0, values: [] };

/** Header index of a column's required-if condition column, or -1. */
export function condIndex(column: ColumnSpec, index: ReadonlyMap<string, number>): number {
  return column.requiredIf ? (index.get(column.requiredIf.column) ?? -1) : -1;
}

/** `changedAt` for {@link RowScreen.clean}, which runs every rule (never read). */
const NO_VERSIONS = new Float64Array(0);

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 160;
}

/** Screens records of one file (spec bound to its header). */
export class RowScreen {
  readonly #rules: ScreenRule[] = [];
  readonly #missingCond: ScreenRule[] = [];
  readonly #transactions: boolean;
  readonly #active: number;
  readonly #next: number;
  readonly #paySource: number;
  readonly #month: number;
  readonly #year: number;
  /** The import date and the imminent limit as YYYYMMDD (-1 when not a plain date). */
  readonly #importDay: number;
  readonly #limitDay: number;
  /** The serial of the last row {@link cleanSince} found clean (-1: none yet). */
  #cleanSerial = -1;
  /** The cells the row-level rules read (see {@link #rowClean}). */
  readonly #rowDeps: Int32Array;
  /** Per header index, the rules that read the cell (its own, and those it is a condition or country of). */
  readonly #readers: ScreenRule[][];
  /** 1 for the cells the row-level rules read. */
  readonly #rowReads: Uint8Array;

  constructor(spec: FileSpec, binding: HeaderBinding, options: ScreenOptions) {
    const index = binding.index;
    this.#transactions = spec.kind === 'transactions';
    binding.columns.forEach((column, i) => {
      if (column)
        this.#rules.push(
          screenRule(column, compileRangeOp(column, index, options.phone), i, condIndex(column, index)),
        );
    });
    for (const column of spec.columns) {
      if (!index.has(column.name) && column.requiredIf)
        this.#missingCond.push(screenRule(column, NO_RULE, -1, condIndex(column, index)));
    }
    const at = (name: string): number => index.get(name) ?? -1;
    this.#active = at('isActiveRecurring');
    this.#next = at('nextBillDate');
    this.#paySource = at('paySource');
    this.#month = at('cardExpiryMonth');
    this.#year = at('cardExpiryYear');
    this.#importDay = plainDay(options.importDate);
    this.#limitDay = plainDay(options.imminentLimit);
    const rowDeps = [this.#active, this.#next, this.#paySource, this.#month, this.#year];
    for (const b of this.#missingCond) rowDeps.push(b.condIndex);
    this.#rowDeps = Int32Array.from(rowDeps.filter((i) => i >= 0));
    const width = binding.columns.length;
    this.#readers = Array.from({ length: width }, () => []);
    for (const b of this.#rules)
      for (const i of new Set([b.index, b.condDep, b.contextDep])) this.#readers[i]?.push(b);
    this.#rowReads = new Uint8Array(width);
    for (const i of this.#rowDeps) this.#rowReads[i] = 1;
  }

  /**
   * True when the record (`text[starts[base + i], ends[base + i])` for header index i) is
   * certainly clean of column and same-row issues; false when not sure.
   */
  clean(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    return this.#cleanAfter(text, starts, ends, base, NO_VERSIONS, -1);
  }

  /**
   * {@link clean} for a caller that knows which cells changed (`versions`, see
   * {@link CellVersions}): a rule whose cell, and the cells it reads besides (a condition, a
   * country), have not changed since the last row found clean this way passed then and is not run
   * again — rules are pure functions of those cells. The build's rows repeat most of their cells.
   */
  cleanSince(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    versions: CellVersions,
  ): boolean {
    const since = this.#cleanSerial;
    const changed = versions.changed;
    const clean =
      since >= 0 && since === versions.serial - 1 && changed !== undefined
        ? this.#changedClean(text, starts, ends, base, changed, versions.changedCount ?? 0)
        : this.#cleanAfter(text, starts, ends, base, versions.changedAt, since);
    if (clean) this.#cleanSerial = versions.serial;
    return clean;
  }

  /** The rules reading a cell changed after row `since` (every rule, and `changedAt` unread, when `since` < 0). */
  #cleanAfter(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    changedAt: Float64Array,
    since: number,
  ): boolean {
    const rules = this.#rules;
    for (let k = 0; k < rules.length; k++) {
      const b = rules[k]!;
      if (
        since >= 0 &&
        changedAt[b.index]! <= since &&
        changedAt[b.condDep]! <= since &&
        changedAt[b.contextDep]! <= since
      )
        continue;
      if (this.#ruleFails(b, text, starts, ends, base)) return false;
    }
    return (
      (since >= 0 && unchangedSince(changedAt, this.#rowDeps, since)) ||
      this.#rowClean(text, starts, ends, base)
    );
  }

  /** The rules reading the cells `changed[0, count)` (the row before was found clean). */
  #changedClean(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    changed: Int32Array,
    count: number,
  ): boolean {
    let rowRules = false;
    for (let j = 0; j < count; j++) {
      const i = changed[j]!;
      const readers = this.#readers[i];
      if (readers === undefined) continue;
      for (let k = 0; k < readers.length; k++)
        if (this.#ruleFails(readers[k]!, text, starts, ends, base)) return false;
      if (this.#rowReads[i] === 1) rowRules = true;
    }
    return !rowRules || this.#rowClean(text, starts, ends, base);
  }

  /** True when the cell of rule `b` might be reported. */
  #ruleFails(b: ScreenRule, text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    const s = starts[base + b.index]!;
    const e = ends[base + b.index]!;
    if (s === e) return this.#emptyFails(b, text, starts, ends, base);
    if (isSpace(text.charCodeAt(s)) || isSpace(text.charCodeAt(e - 1))) return true;
    return !rangeOk(b.range, text, s, e, starts, ends, base);
  }

  /** The row-level part of {@link clean}: required-if columns the header lacks, same-row semantics. */
  #rowClean(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    for (const b of this.#missingCond) if (this.#emptyFails(b, text, starts, ends, base)) return false;
    return !(this.#transactions && this.#semanticsMayWarn(text, starts, ends, base));
  }

  /**
   * Header indexes (of `width` columns) where a row this screen finds clean may hold `char`: the
   * columns whose rule may accept it and the columns without a rule.
   */
  columnsAdmitting(char: string, width: number): number[] {
    const ruled = new Map(this.#rules.map((b) => [b.index, b.range] as const));
    const out: number[] = [];
    for (let i = 0; i < width; i++) {
      const range = ruled.get(i);
      if (range === undefined || rangeRuleMayAccept(range, char)) out.push(i);
    }
    return out;
  }

  /** True when an empty value would be reported (required, or required-if and its condition holds). */
  #emptyFails(b: ScreenRule, text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    if (b.empty !== 2) return b.empty === 1;
    return rangeEquals(text, starts[base + b.condIndex]!, ends[base + b.condIndex]!, b.condValue);
  }

  /** True when the same-row semantic rules might warn on this row (then the string path decides). */
  #semanticsMayWarn(text: string, starts: Int32Array, ends: Int32Array, base: number): boolean {
    const a = this.#active;
    if (a < 0) return false;
    const as = starts[base + a]!;
    if (ends[base + a]! - as !== 1 || text.charCodeAt(as) !== 49) return false;
    // options that are not plain dates: the string path compares them as the checker does
    if (this.#importDay < 0 || this.#limitDay < 0) return true;
    let next = -1;
    if (this.#next >= 0) {
      const ns = starts[base + this.#next]!;
      if (ends[base + this.#next]! - ns === 10) next = dayAt(text, ns);
    }
    if (next >= 0 && (next < this.#importDay || next <= this.#limitDay)) return true;
    const p = this.#paySource;
    if (p < 0 || !rangeEquals(text, starts[base + p]!, ends[base + p]!, 'CREDITCARD')) return false;
    if (this.#month < 0 || this.#year < 0) return false;
    const ms = starts[base + this.#month]!;
    const ys = starts[base + this.#year]!;
    if (!isMonthRange(text, ms, ends[base + this.#month]!) || ends[base + this.#year]! - ys !== 4)
      return false;
    const year = digitsValue(text, ys, ys + 4);
    if (year < 0) return false;
    // the card's last day as the checker writes it, `${year}-${month}-31`
    const expiry = year * 10000 + digitsValue(text, ms, ms + 2) * 100 + 31;
    return expiry < this.#importDay || (next >= 0 && expiry < next);
  }
}
