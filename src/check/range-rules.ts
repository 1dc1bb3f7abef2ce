/**
 * The range form of the column rules: `(text, s, e)` → true when the string rule of
 * column-rules.ts certainly accepts `text.slice(s, e)`. False means "not sure": the caller then
 * runs the string rule, which alone writes issues, so codes and messages stay identical.
 * @module
 */
// the lean entry: code lookups only (the package's main entry also loads ~80 locale files)
import countries from 'i18n-iso-countries/index.js';
import { nanpFaultAt } from '../core/index.js';
import type { ColumnSpec } from '../schema/index.js';
import {
  abaAt,
  CA_PROVINCE_CODES,
  dateShapeAt,
  luhnAt,
  nanpCountry,
  nanpNational,
  type PhoneRuleOptions,
  phoneDummies,
  US_STATE_CODES,
} from './column-rules.js';
import { allDigits, compareRange, isMonthRange, pairTable, rangeEquals, upperPair } from './text-range.js';

/**
 * A range rule: the value is `text[s, e)` (non-empty, no surrounding spaces); other cells of the
 * row are `text[starts[base + i], ends[base + i])` for header index i.
 */
export type RangeRule = (
  text: string,
  s: number,
  e: number,
  starts: Int32Array,
  ends: Int32Array,
  base: number,
) => boolean;

let countryTable: Uint8Array | null = null;
let usTable: Uint8Array | null = null;
let caTable: Uint8Array | null = null;

function validCountry(text: string, s: number, e: number): boolean {
  countryTable ??= pairTable((c) => countries.isValid(c));
  if (e - s !== 2) return false;
  const p = upperPair(text, s);
  return p >= 0 && countryTable[p] === 1;
}

/** True when `text[s, e)` is a state code of the country (1: US, 2: CA; see countryCell). */
function stateOf(country: number, text: string, s: number, e: number): boolean {
  usTable ??= pairTable((c) => US_STATE_CODES.has(c));
  caTable ??= pairTable((c) => CA_PROVINCE_CODES.has(c));
  if (e - s !== 2) return false;
  const p = upperPair(text, s);
  return p >= 0 && (country === 1 ? usTable : caTable)[p] === 1;
}

function decimalOk(text: string, s: number, e: number): boolean {
  let i = s;
  while (i < e && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const whole = i - s;
  if (whole < 1 || whole > 13) return false;
  if (i === e) return true;
  if (text.charCodeAt(i) !== 46) return false;
  const frac = e - i - 1;
  return frac >= 1 && frac <= 4 && allDigits(text, i + 1, e);
}

/** ASCII-only check of /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/ (non-ASCII: not sure). */
function emailOk(text: string, s: number, e: number): boolean {
  let at = -1;
  let labels = 0;
  let labelStart = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127) return false;
    if (c === 64) {
      if (at >= 0) return false;
      at = i;
      labelStart = i + 1;
    } else if (c === 46 && at >= 0) {
      if (i === labelStart) return false;
      labels++;
      labelStart = i + 1;
    }
  }
  return at - s >= 1 && at - s <= 64 && labels >= 1 && labelStart < e;
}

function usZip(text: string, s: number, e: number): boolean {
  if (e - s === 5) return allDigits(text, s, e);
  return (
    e - s === 10 && allDigits(text, s, s + 5) && text.charCodeAt(s + 5) === 45 && allDigits(text, s + 6, e)
  );
}

function caPostal(text: string, s: number, e: number): boolean {
  if (e - s !== 7 || text.charCodeAt(s + 3) !== 32) return false;
  for (const k of [0, 2, 5]) {
    const c = text.charCodeAt(s + k);
    if (c < 65 || c > 90) return false;
  }
  return allDigits(text, s + 1, s + 2) && allDigits(text, s + 4, s + 5) && allDigits(text, s + 6, s + 7);
}

function countryCell(
  index: number,
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  base: number,
): number {
  if (index < 0) return 0;
  const s = starts[base + index] ?? 0;
  const e = ends[base + index] ?? 0;
  if (rangeEquals(text, s, e, 'US')) return 1;
  return rangeEquals(text, s, e, 'CA') ? 2 : 0;
}

/** Operations of a compiled range rule (one per column type; see {@link rangeOk}). */
const OP_LENGTH = 0;
const OP_DATETIME = 1;
const OP_DATE = 2;
const OP_INTEGER = 3;
const OP_DECIMAL = 4;
const OP_BIT = 5;
const OP_ENUM = 6;
const OP_DIGITS = 7;
const OP_MONTH = 8;
const OP_YEAR = 9;
const OP_EMAIL = 10;
const OP_PHONE = 11;
const OP_COUNTRY = 12;
const OP_STATE = 13;
const OP_POSTAL = 14;

const NO_LIMIT = 0x7fffffff;
const CHECK_LUHN = 1;
const CHECK_ABA = 2;

/**
 * A column's range rule as plain data: an operation and its parameters. Rules of a whole header
 * are evaluated by one function ({@link rangeOk}) with a switch, not by a closure per column: a
 * closure per column made every call site megamorphic (~2× slower on the 44-column bench file).
 */
export interface CompiledRangeRule {
  readonly op: number;
  /**
   * LENGTH, EMAIL: max length; DIGITS: min length; STATE, POSTAL: the country column's index;
   * PHONE: the country column's index when US/CA numbers are judged (else -1).
   */
  readonly a: number;
  /** DIGITS: max length; STATE, POSTAL: max length; PHONE: 1 when US/CA numbers are judged. */
  readonly b: number;
  /** DIGITS: checksum (0, luhn, aba). */
  readonly c: number;
  /** ENUM: the allowed values; PHONE: the dummy fill (national numbers). */
  readonly values: readonly string[];
}

function countryIndex(column: ColumnSpec, index: ReadonlyMap<string, number>): number {
  return column.countryColumn ? (index.get(column.countryColumn) ?? -1) : -1;
}

/**
 * Compile a column's rule; `index` maps spec column names to header indexes, `phone` says how a
 * phone column judges US/CA numbers (as the string rule it is compiled with).
 */
export function compileRangeOp(
  column: ColumnSpec,
  index: ReadonlyMap<string, number>,
  phone: PhoneRuleOptions = {},
): CompiledRangeRule {
  const max = column.maxLength ?? NO_LIMIT;
  const rule = (op: number, a = 0, b = 0, c = 0, values: readonly string[] = []): CompiledRangeRule => ({
    op,
    a,
    b,
    c,
    values,
  });
  switch (column.type) {
    case 'datetime':
      return rule(OP_DATETIME);
    case 'date':
      return rule(OP_DATE);
    case 'integer':
      return rule(OP_INTEGER);
    case 'decimal':
      return rule(OP_DECIMAL);
    case 'bit':
      return rule(OP_BIT);
    case 'enum':
      return rule(OP_ENUM, 0, 0, 0, [...new Set(column.enum ?? [])]);
    case 'digits':
      return rule(
        OP_DIGITS,
        column.minLength ?? 0,
        max,
        column.checksum === 'luhn' ? CHECK_LUHN : column.checksum === 'aba' ? CHECK_ABA : 0,
      );
    case 'month':
      return rule(OP_MONTH);
    case 'year':
      return rule(OP_YEAR);
    case 'email':
      return rule(OP_EMAIL, column.maxLength ?? 254);
    case 'phone': {
      const dummies = phoneDummies(phone);
      return dummies === null
        ? rule(OP_PHONE, -1)
        : rule(OP_PHONE, index.get('country') ?? -1, 1, 0, dummies);
    }
    case 'country':
      return rule(OP_COUNTRY);
    case 'state':
      return rule(OP_STATE, countryIndex(column, index), max);
    case 'postal':
      return rule(OP_POSTAL, countryIndex(column, index), max);
    case 'varchar':
    case 'text':
      return rule(OP_LENGTH, max);
  }
}

/**
 * True when the rule may accept a value containing `char` (a free-text column, an email, a state
 * or postal code outside the US and Canada, an enum with such a value); false when it never does.
 */
export function rangeRuleMayAccept(r: CompiledRangeRule, char: string): boolean {
  switch (r.op) {
    case OP_LENGTH:
    case OP_EMAIL:
    case OP_STATE:
    case OP_POSTAL:
      return true;
    case OP_ENUM:
      return r.values.some((v) => v.includes(char));
    default:
      return false;
  }
}

/**
 * The header index of the other cell a rule reads (a state's or postal code's country, a phone
 * number's country when US/CA numbers are judged), or -1.
 */
export function rangeRuleContext(r: CompiledRangeRule): number {
  return r.op === OP_STATE || r.op === OP_POSTAL || r.op === OP_PHONE ? r.a : -1;
}

/**
 * True when the NANP part of the phone rule certainly does not warn on `t[s, e)` (ASCII digits):
 * a number of another length, one whose area code and exchange start with 2–9 (two character
 * reads: the usual case), an exchange after area code 555, a row of another country, a dummy.
 */
function nanpOk(
  r: CompiledRangeRule,
  t: string,
  s: number,
  e: number,
  starts: Int32Array,
  ends: Int32Array,
  base: number,
): boolean {
  const at = nanpNational(t, s, e);
  if (at < 0 || (t.charCodeAt(at) >= 50 && t.charCodeAt(at + 3) >= 50)) return true;
  if (nanpFaultAt(t, at) === undefined) return true;
  if (r.a >= 0 && !nanpCountry(t.slice(starts[base + r.a], ends[base + r.a]))) return true;
  return inEnum(r.values, t, at, e);
}

function inEnum(values: readonly string[], t: string, s: number, e: number): boolean {
  for (let k = 0; k < values.length; k++) if (rangeEquals(t, s, e, values[k]!)) return true;
  return false;
}

/**
 * True when the string rule of column-rules.ts certainly accepts `t.slice(s, e)` (non-empty, no
 * surrounding spaces); other cells of the row are `t[starts[base + i], ends[base + i])`.
 */
export function rangeOk(
  r: CompiledRangeRule,
  t: string,
  s: number,
  e: number,
  starts: Int32Array,
  ends: Int32Array,
  base: number,
): boolean {
  const n = e - s;
  switch (r.op) {
    case OP_LENGTH:
      return n <= r.a;
    case OP_DATETIME:
      return dateShapeAt(t, s, e, true) === 0;
    case OP_DATE:
      return dateShapeAt(t, s, e, false) === 0;
    case OP_INTEGER:
      return n <= 10 && allDigits(t, s, e);
    case OP_DECIMAL:
      return decimalOk(t, s, e);
    case OP_BIT:
      return n === 1 && (t.charCodeAt(s) === 48 || t.charCodeAt(s) === 49);
    case OP_ENUM:
      return inEnum(r.values, t, s, e);
    case OP_DIGITS:
      return (
        n >= r.a &&
        n <= r.b &&
        allDigits(t, s, e) &&
        (r.c !== CHECK_LUHN || luhnAt(t, s, e)) &&
        (r.c !== CHECK_ABA || abaAt(t, s, e))
      );
    case OP_MONTH:
      return isMonthRange(t, s, e);
    case OP_YEAR:
      return (
        n === 4 &&
        allDigits(t, s, e) &&
        compareRange(t, s, e, '1990') >= 0 &&
        compareRange(t, s, e, '2100') <= 0
      );
    case OP_EMAIL:
      return n <= r.a && emailOk(t, s, e);
    case OP_PHONE:
      return n >= 7 && n <= 15 && allDigits(t, s, e) && (r.b === 0 || nanpOk(r, t, s, e, starts, ends, base));
    case OP_COUNTRY:
      return validCountry(t, s, e);
    case OP_STATE:
    case OP_POSTAL: {
      const country = countryCell(r.a, t, starts, ends, base);
      if (country !== 0) {
        if (
          r.op === OP_STATE
            ? !stateOf(country, t, s, e)
            : !(country === 1 ? usZip(t, s, e) : caPostal(t, s, e))
        )
          return false;
      } else if (r.op === OP_POSTAL && n < 5 && allDigits(t, s, e)) {
        return false; // a short all-digit code: the column rule knows the countries of fixed length
      }
      return n <= r.b;
    }
    default:
      return false;
  }
}

/** The range rule of one column as a function (tests; the row screen uses {@link rangeOk}). */
export function compileRangeRule(
  column: ColumnSpec,
  index: ReadonlyMap<string, number>,
  phone: PhoneRuleOptions = {},
): RangeRule {
  const r = compileRangeOp(column, index, phone);
  return (t, s, e, starts, ends, base) => rangeOk(r, t, s, e, starts, ends, base);
}
