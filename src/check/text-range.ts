/**
 * Comparisons on ranges of a text (`text[s, e)`), with charCode arithmetic and no substrings.
 * @module
 */

/** True when `text[s, e)` equals `value`. */
export function rangeEquals(text: string, s: number, e: number, value: string): boolean {
  if (e - s !== value.length) return false;
  for (let i = 0; i < value.length; i++) if (text.charCodeAt(s + i) !== value.charCodeAt(i)) return false;
  return true;
}

/** True when `a[as, ae)` equals `b[bs, be)`. */
export function rangesEqual(a: string, as: number, ae: number, b: string, bs: number, be: number): boolean {
  const n = ae - as;
  if (be - bs !== n) return false;
  for (let i = 0; i < n; i++) if (a.charCodeAt(as + i) !== b.charCodeAt(bs + i)) return false;
  return true;
}

/** Compare `a[as, ae)` with `b[bs, be)` like `<` on the strings: negative, 0 or positive. */
export function compareRanges(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(as + i) - b.charCodeAt(bs + i);
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}

/** Compare `text[s, e)` with `value` by UTF-16 code units, like `<` on strings: -1, 0 or 1. */
export function compareRange(text: string, s: number, e: number, value: string): number {
  const n = Math.min(e - s, value.length);
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(s + i) - value.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return e - s === value.length ? 0 : e - s < value.length ? -1 : 1;
}

/** True when `text[s, e)` is non-empty and all ASCII digits. */
export function allDigits(text: string, s: number, e: number): boolean {
  if (e <= s) return false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when `text[s, e)` is two ASCII digits forming 01-12. */
export function isMonthRange(text: string, s: number, e: number): boolean {
  if (e - s !== 2) return false;
  const a = text.charCodeAt(s);
  const b = text.charCodeAt(s + 1);
  if (a === 48) return b >= 49 && b <= 57;
  return a === 49 && b >= 48 && b <= 50;
}

/** Index 0-675 of a two-letter A-Z code at `s`, or -1. */
export function upperPair(text: string, s: number): number {
  const a = text.charCodeAt(s) - 65;
  const b = text.charCodeAt(s + 1) - 65;
  return a >= 0 && a < 26 && b >= 0 && b < 26 ? a * 26 + b : -1;
}

/** A 26×26 table of the two-letter A-Z codes `accept` admits. */
export function pairTable(accept: (code: string) => boolean): Uint8Array {
  const table = new Uint8Array(676);
  for (let i = 0; i < 676; i++) {
    const code = String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
    table[i] = accept(code) ? 1 : 0;
  }
  return table;
}

/** The value of the ASCII digits `text[s, e)`, or -1 when one is not a digit. */
export function digitsValue(text: string, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `text[s, s + 10)` of the shape \d{4}-\d{2}-\d{2} as the number YYYYMMDD, or -1. Two such
 * dates compare as numbers exactly as the strings compare.
 */
export function dayAt(text: string, s: number): number {
  if (text.charCodeAt(s + 4) !== 45 || text.charCodeAt(s + 7) !== 45) return -1;
  const y = digitsValue(text, s, s + 4);
  const m = digitsValue(text, s + 5, s + 7);
  const d = digitsValue(text, s + 8, s + 10);
  return y < 0 || m < 0 || d < 0 ? -1 : y * 10000 + m * 100 + d;
}

/** A YYYY-MM-DD string as YYYYMMDD, or -1 when it has another shape. */
export function plainDay(ymd: string): number {
  return ymd.length === 10 ? dayAt(ymd, 0) : -1;
}
