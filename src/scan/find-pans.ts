/**
 * The card-number detector shared by `scan` and `tokenize`: Luhn-valid runs of 13–19 digits,
 * also written in groups with single spaces or dashes ("4111 1111 1111 1111", "4111-1111-…").
 * A run of groups is tried span by span, so a card followed by a year or an amount is still found.
 * The BIN must belong to a known brand and the length must be one that brand issues: this keeps
 * Luhn-valid timestamps and IDs (e.g. 20240301120000) from being reported.
 * @module
 */
import { luhnValid } from '../core/index.js';
import { detectBrand } from './card-brand.js';

const GROUPS = /[ -]/;

/** One card-number-looking run in a text. */
export interface PanHit {
  /** Offset of the first digit in the text. */
  readonly index: number;
  /** Offset just after the last digit. */
  readonly end: number;
  /** The digits, separators removed. */
  readonly digits: string;
}

function isCard(digits: string): boolean {
  const brand = detectBrand(digits);
  return (brand?.lengths.includes(digits.length) ?? false) && luhnValid(digits);
}

function spansOf(run: string, base: number, hits: PanHit[]): void {
  const groups = run.split(GROUPS);
  const starts: number[] = [];
  let at = 0;
  for (const g of groups) {
    starts.push(at);
    at += g.length + 1;
  }
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length; j++) {
      digits += groups[j] ?? '';
      if (digits.length > 19) break;
      if (digits.length >= 13 && isCard(digits)) {
        const index = base + (starts[i] ?? 0);
        hits.push({ index, end: base + (starts[j] ?? 0) + (groups[j] ?? '').length, digits });
        return;
      }
    }
  }
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Every Luhn-valid 13–19 digit run in `text` (at most one per candidate run). A candidate is a
 * maximal run of 13+ digits with single spaces or dashes between them (what
 * `/\d(?:[ -]?\d){12,}/g` matches), found in one pass over the character codes without regex
 * backtracking, so digit-heavy files (dates, phones, amounts) scan at memory speed.
 */
export function findPans(text: string): PanHit[] {
  const hits: PanHit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    const start = i;
    let digits = 1;
    let grouped = false;
    for (i++; i < n; i++) {
      c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if ((c === 32 || c === 45) && isDigitAt(text, i + 1)) {
        grouped = true;
        digits++;
        i++;
      } else break;
    }
    if (digits < 13) continue;
    const run = text.slice(start, i);
    if (!grouped && run.length <= 19) {
      if (isCard(run)) hits.push({ index: start, end: i, digits: run });
    } else spansOf(run, start, hits);
  }
  return hits;
}

/** True when `text` holds a card-number-looking run. */
export function containsPan(text: string): boolean {
  return findPans(text).length > 0;
}
