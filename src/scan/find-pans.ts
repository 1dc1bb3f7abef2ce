/**
 * The card-number detector shared by `scan` and `tokenize`: Luhn-valid runs of 13–19 digits,
 * also written in groups separated by up to three spaces or dashes ("4111 1111 1111 1111",
 * "4111-1111-…", "4111  1111  1111  1111", "4111 - 1111 - …").
 * A run of groups is tried span by span, so a card followed by a year or an amount is still found.
 * The BIN must belong to a known brand and the length must be one that brand issues: this keeps
 * Luhn-valid timestamps and IDs (e.g. 20240301120000) from being reported. A run of digits in the
 * middle of a hash — a whole word of exactly 32, 40, 64 or 128 hexadecimal characters with letters
 * on both sides of the run (an MD5, SHA-1, SHA-256 or SHA-512, which the reports print) — is part
 * of the hash, not a card number. A card number glued to other text is still found.
 * @module
 */
import { luhnValid } from '../core/index.js';
import { detectBrand } from './card-brand.js';

const DIGIT_GROUPS = /\d+/g;
/** The longest run of spaces and dashes between two digit groups of one card number. */
const MAX_SEPARATOR = 3;

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
  const groups: string[] = [];
  const starts: number[] = [];
  for (const m of run.matchAll(DIGIT_GROUPS)) {
    groups.push(m[0]);
    starts.push(m.index);
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

/** Where the digit after the separator starting at `i` stands, or -1 (no digit within reach). */
function afterSeparator(text: string, i: number): number {
  let k = i + 1;
  while (k - i < MAX_SEPARATOR) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 45) break;
    k++;
  }
  return isDigitAt(text, k) ? k : -1;
}

/** The lengths of MD5, SHA-1, SHA-256 and SHA-512 in hexadecimal. */
const HASH_LENGTHS: ReadonlySet<number> = new Set([32, 40, 64, 128]);

function isHexLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isHexAt(text: string, i: number): boolean {
  return isDigitAt(text, i) || isHexLetterAt(text, i);
}

/** A letter, digit or underscore: a hash is a word of its own. */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * True when the digit run [start, end) is in the middle of a hash: hex letters right before and
 * after it, inside a word of exactly a hash's length made only of hex characters.
 */
function inHash(text: string, start: number, end: number): boolean {
  if (!isHexLetterAt(text, start - 1) || !isHexLetterAt(text, end)) return false;
  let from = start;
  let to = end;
  while (from > 0 && isHexAt(text, from - 1)) from--;
  while (to < text.length && isHexAt(text, to)) to++;
  return HASH_LENGTHS.has(to - from) && !isWordAt(text, from - 1) && !isWordAt(text, to);
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * Every Luhn-valid 13–19 digit run in `text` (at most one per candidate run). A candidate is a
 * maximal run of 13+ digits with up to three spaces or dashes between them (what
 * `/\d(?:[ -]{0,3}\d){12,}/g` matches), found in one pass over the character codes without regex
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
      else if (c === 32 || c === 45) {
        const next = afterSeparator(text, i);
        if (next < 0) break;
        grouped = true;
        digits++;
        i = next;
      } else break;
    }
    if (digits < 13 || (!grouped && inHash(text, start, i))) continue;
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
