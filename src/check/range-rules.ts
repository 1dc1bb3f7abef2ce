/**
 * The range form of the column rules: `(text, s, e)` → true when the string rule of
 * column-rules.ts certainly accepts `text.slice(s, e)`. False means "not sure": the caller then
 * runs the string rule, which alone writes issues, so codes and messages stay identical.
 * @module
 */
import countries from 'i18n-iso-countries';
import type { ColumnSpec } from '../schema/index.js';
import { abaAt, dateShapeAt, luhnAt, US_CA_CODES } from './column-rules.js';
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
let usCaTable: Uint8Array | null = null;

function validCountry(text: string, s: number, e: number): boolean {
  countryTable ??= pairTable((c) => countries.isValid(c));
  if (e - s !== 2) return false;
  const p = upperPair(text, s);
  return p >= 0 && countryTable[p] === 1;
}

function usCaState(text: string, s: number, e: number): boolean {
  usCaTable ??= pairTable((c) => US_CA_CODES.has(c));
  if (e - s !== 2) return false;
  const p = upperPair(text, s);
  return p >= 0 && usCaTable[p] === 1;
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

function digitsOk(column: ColumnSpec): RangeRule {
  const { minLength: min, maxLength: max, checksum } = column;
  return (t, s, e) =>
    allDigits(t, s, e) &&
    (min === undefined || e - s >= min) &&
    (max === undefined || e - s <= max) &&
    (checksum !== 'luhn' || luhnAt(t, s, e)) &&
    (checksum !== 'aba' || abaAt(t, s, e));
}

function enumOk(column: ColumnSpec): RangeRule {
  const allowed = [...new Set(column.enum ?? [])];
  return (t, s, e) => {
    for (const a of allowed) if (rangeEquals(t, s, e, a)) return true;
    return false;
  };
}

function placeOk(column: ColumnSpec, index: ReadonlyMap<string, number>, state: boolean): RangeRule {
  const max = column.maxLength ?? Number.POSITIVE_INFINITY;
  const c = column.countryColumn ? (index.get(column.countryColumn) ?? -1) : -1;
  return (t, s, e, starts, ends, base) => {
    const country = countryCell(c, t, starts, ends, base);
    if (country !== 0) {
      if (state && !usCaState(t, s, e)) return false;
      if (!state && !(country === 1 ? usZip(t, s, e) : caPostal(t, s, e))) return false;
    }
    return e - s <= max;
  };
}

/** Compile the range form of a column's rule; `index` maps spec column names to header indexes. */
export function compileRangeRule(column: ColumnSpec, index: ReadonlyMap<string, number>): RangeRule {
  const max = column.maxLength ?? Number.POSITIVE_INFINITY;
  switch (column.type) {
    case 'datetime':
      return (t, s, e) => dateShapeAt(t, s, e, true) === 0;
    case 'date':
      return (t, s, e) => dateShapeAt(t, s, e, false) === 0;
    case 'integer':
      return (t, s, e) => e - s <= 10 && allDigits(t, s, e);
    case 'decimal':
      return decimalOk;
    case 'bit':
      return (t, s, e) => e - s === 1 && (t.charCodeAt(s) === 48 || t.charCodeAt(s) === 49);
    case 'enum':
      return enumOk(column);
    case 'digits':
      return digitsOk(column);
    case 'month':
      return isMonthRange;
    case 'year':
      return (t, s, e) =>
        e - s === 4 &&
        allDigits(t, s, e) &&
        compareRange(t, s, e, '1990') >= 0 &&
        compareRange(t, s, e, '2100') <= 0;
    case 'email':
      return (t, s, e) => e - s <= (column.maxLength ?? 254) && emailOk(t, s, e);
    case 'phone':
      return (t, s, e) => e - s >= 7 && e - s <= 15 && allDigits(t, s, e);
    case 'country':
      return validCountry;
    case 'state':
      return placeOk(column, index, true);
    case 'postal':
      return placeOk(column, index, false);
    case 'varchar':
    case 'text':
      return (_t, s, e) => e - s <= max;
  }
}
