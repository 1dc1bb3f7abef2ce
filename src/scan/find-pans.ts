/**
 * The card-number detector shared by `scan` and `tokenize`: Luhn-valid runs of 13–19 digits,
 * also written in groups separated by up to three spaces (no-break and thin ones too) or dashes
 * ("4111 1111 1111 1111", "4111-1111-…", "4111  1111  1111  1111", "4111 - 1111 - …") or by dots ("4111.1111.1111.1111",
 * as some spreadsheets and European exports group digits; a single dot is a decimal point).
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
/** The most separators (spaces, dashes; see separatorAt) between two digit groups of one card number. */
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

/**
 * The length of the separator at `i`, or 0: a space or dash, a no-break, figure or thin space
 * (U+00A0, U+2007, U+2009, U+202F: how spreadsheets and French or German exports group digits),
 * also as the UTF-8 bytes of one read as latin1 (what `scan` reads).
 */
function separatorAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 32 || c === 45 || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f) return 1;
  if (c === 0xc2) return text.charCodeAt(i + 1) === 0xa0 ? 2 : 0;
  if (c !== 0xe2 || text.charCodeAt(i + 1) !== 0x80) return 0;
  const d = text.charCodeAt(i + 2);
  return d === 0x87 || d === 0x89 || d === 0xaf ? 3 : 0;
}

/** Where the digit after the separators starting at `i` stands, or -1 (no digit within reach). */
function afterSeparator(text: string, i: number): number {
  let k = i;
  for (let n = 0; n < MAX_SEPARATOR; n++) {
    const length = separatorAt(text, k);
    if (length === 0) break;
    k += length;
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
 * Where the candidate run that starts with the digit at `start` ends: digits, with up to three
 * separators (see separatorAt) or a single dot between two of them. A run with only one dot ends at it (a
 * decimal point, 12.3456…, not a grouping).
 */
function runEnd(text: string, start: number): number {
  const n = text.length;
  let i = start + 1;
  let dots = 0;
  let firstDot = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (separatorAt(text, i) > 0) {
      const next = afterSeparator(text, i);
      if (next < 0) break;
      i = next;
    } else if (c === 46 && isDigitAt(text, i + 1)) {
      if (dots++ === 0) firstDot = i;
      i++;
    } else break;
  }
  return dots === 1 ? firstDot : i;
}

/**
 * Every Luhn-valid 13–19 digit run in `text` (at most one per candidate run). A candidate is a
 * maximal run of 13+ digits with up to three spaces (no-break and thin ones too) or dashes, or
 * single dots, between them (what `/\d(?:(?:[ -]{0,3}|\.)\d){12,}/g` matches for ASCII; a run
 * with only one dot is cut at it, a decimal point), found in one pass over the character codes without regex backtracking, so digit-heavy
 * files (dates, phones, amounts) scan at memory speed.
 */
export function findPans(text: string): PanHit[] {
  const hits: PanHit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    const start = i;
    i = runEnd(text, start);
    if (i - start < 13) continue;
    let digits = 0;
    for (let k = start; k < i; k++) if (isDigitAt(text, k)) digits++;
    const grouped = digits !== i - start;
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
