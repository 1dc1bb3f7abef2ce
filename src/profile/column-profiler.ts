/**
 * One column's streaming profile: fill, distinct values, value kinds, format evidence, damage and
 * masked examples, in flat memory.
 * @module
 */
import type { DateInferenceCollector, DecimalInferenceCollector } from '../normalize/index.js';
import { createDateInference, inferDecimalSeparator, normalizeState } from '../normalize/index.js';
import type { ValueKind } from './classify-value.js';
import { classifyValue } from './classify-value.js';
import type { ColumnHints } from './column-hints.js';
import { columnHints } from './column-hints.js';
import { DistinctCounter } from './distinct-counter.js';
import { hashRange } from './hash-string.js';
import { maskExample } from './mask-example.js';

/** Every value is classified up to this many, then one in {@link SAMPLE_EVERY}. */
export const CLASSIFY_ALL = 20_000;
const SAMPLE_EVERY = 8;
const EXAMPLES = 3;

/** Spreadsheet damage counters of a column. */
export interface DamageCounts {
  scientific: number;
  lostLeadingZero: number;
  trailingDecimal: number;
}

/** The raw accumulators of a column, read by `summarizeColumn`. */
export class ColumnProfiler {
  readonly name: string;
  readonly index: number;
  readonly hints: ColumnHints;
  readonly distinct: DistinctCounter<ValueKind>;
  readonly kinds = new Map<ValueKind, number>();
  readonly dates: DateInferenceCollector = createDateInference();
  readonly decimals: DecimalInferenceCollector = inferDecimalSeparator();
  readonly damage: DamageCounts = { scientific: 0, lostLeadingZero: 0, trailingDecimal: 0 };
  /** All-digit values of a postal-code column by length (index 0–9), for {@link zipsShort}. */
  readonly zipDigits = new Int32Array(10);
  readonly examples: string[] = [];
  readonly lengths = { min: Number.POSITIVE_INFINITY, max: 0 };
  /** Of a state column's state values: US states, and the others (CA provinces, AU states). */
  usStates = 0;
  otherStates = 0;
  /** Digits of the card numbers classified (their spaces and dashes not counted). */
  readonly panDigits = { min: Number.POSITIVE_INFINITY, max: 0 };
  filled = 0;
  blank = 0;
  classified = 0;
  padded = 0;

  constructor(name: string, index: number, exactCap?: number) {
    this.name = name;
    this.index = index;
    this.hints = columnHints(name);
    this.distinct = new DistinctCounter(exactCap);
  }

  /** Take one raw cell given as `text.slice(start, end)`; builds the substring only when needed. */
  addSpan(text: string, start: number, end: number): void {
    if (start === end) {
      this.blank++;
      return;
    }
    const next = this.filled + 1;
    if (this.distinct.exact || next <= CLASSIFY_ALL || next % SAMPLE_EVERY === 0) {
      this.add(text.slice(start, end));
      return;
    }
    let s = start;
    let e = end;
    while (s < e && text.charCodeAt(s) === 32) s++;
    while (e > s && text.charCodeAt(e - 1) === 32) e--;
    if (s === e) {
      this.blank++;
      return;
    }
    if (e - s !== end - start) this.padded++;
    this.filled++;
    const length = e - s;
    if (length < this.lengths.min) this.lengths.min = length;
    if (length > this.lengths.max) this.lengths.max = length;
    this.distinct.addHash(hashRange(text, s, e));
  }

  /** Take one raw cell. */
  add(raw: string): void {
    const text =
      raw.length > 0 && (raw.charCodeAt(0) === 32 || raw.charCodeAt(raw.length - 1) === 32)
        ? raw.trim()
        : raw;
    if (text === '') {
      this.blank++;
      return;
    }
    if (text.length !== raw.length) this.padded++;
    this.filled++;
    if (text.length < this.lengths.min) this.lengths.min = text.length;
    if (text.length > this.lengths.max) this.lengths.max = text.length;
    const entry = this.distinct.add(text);
    if (entry !== null) {
      const isNew = entry.info === undefined;
      if (isNew) entry.info = classifyValue(text);
      this.#count(entry.info as ValueKind, text, isNew);
      return;
    }
    if (this.filled <= CLASSIFY_ALL || this.filled % SAMPLE_EVERY === 0)
      this.#count(classifyValue(text), text, false);
  }

  #count(kind: ValueKind, text: string, isNew: boolean): void {
    this.classified++;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    if (kind === 'scientific') this.damage.scientific++;
    if (this.hints.state && (kind === 'state-code' || kind === 'state-name')) {
      if (normalizeState(text, { country: 'US' }).ok) this.usStates++;
      else this.otherStates++;
    }
    if (kind === 'pan') {
      const digits = text.replace(/\D/g, '').length;
      if (digits < this.panDigits.min) this.panDigits.min = digits;
      if (digits > this.panDigits.max) this.panDigits.max = digits;
    }
    if (this.examples.length < EXAMPLES && (isNew || !this.examples.includes(text)) && kind !== 'placeholder')
      this.examples.push(maskExample(text, kind, this.hints.sensitive, this.hints.hidden));
    // Format evidence is per distinct value while counting exactly (repeats prove nothing new).
    if (!(isNew || !this.distinct.exact)) return;
    if (kind === 'date' || (kind === 'integer' && text.length === 14)) this.dates.observe(text);
    else if (kind === 'decimal' || kind === 'money' || kind === 'integer') this.decimals.observe(text);
    if (kind === 'integer') this.#checkPadding(text);
    else if (kind === 'decimal' && /\.0+$/.test(text) && (this.hints.zip || this.hints.phone))
      this.damage.trailingDecimal++;
  }

  #checkPadding(text: string): void {
    const h = this.hints;
    if (h.zip && text.length < this.zipDigits.length)
      this.zipDigits[text.length] = (this.zipDigits[text.length] ?? 0) + 1;
    else if (h.expiry && text.length === 3) this.damage.lostLeadingZero++;
  }

  /**
   * Postal codes one digit short: with 5-digit codes in the column, or in a file of US addresses
   * (`usAddresses`: its state column holds US states), 4-digit ones and 8-digit ZIP+4s — a New
   * England merchant's ZIPs may all have lost their zero; in a column of 4-digit codes only
   * otherwise (AU, NZ, NO, ZA…), 3-digit ones.
   */
  zipsShort(usAddresses: boolean): number {
    const [, , , n3 = 0, n4 = 0, n5 = 0, , , n8 = 0] = this.zipDigits;
    if (n5 > 0 || usAddresses) return n4 + n8;
    return n4 > 0 ? n3 : 0;
  }

  /** True when this is a state column whose state values are mostly US states. */
  get usStateColumn(): boolean {
    return this.hints.state && this.usStates > 0 && this.usStates >= this.otherStates;
  }
}
