/**
 * Detect what Excel does to numeric-looking text: scientific notation, `#######`, error
 * values, and a trailing `.0` on ids. Pure and total; problems never carry the value.
 * @module
 */
import { describeShape } from '../core/index.js';
import type { NormalizeProblem } from './result.js';
import { warn } from './result.js';
import { trimEnds } from './trim-ends.js';

/** What the damaged column holds; decides which damages apply. */
export type SpreadsheetColumnKind = 'id' | 'digits' | 'zip' | 'phone';

const SCIENTIFIC_RE = /^[+-]?\d(?:[.,]\d{1,20})?\s?[eE][+-]?\d{1,3}$/;
const OVERFLOW_RE = /^#{2,}$/;
const ERROR_RE =
  /^#(?:VALUE!|N\/A|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|GETTING_DATA)$/i;
const TRAILING_DECIMAL_RE = /^\d{1,40}\.0{1,6}$/;

const REEXPORT =
  'Re-export the file from the source system without opening it in Excel (or import the column as Text).';

function error(code: string, message: string, received: string): NormalizeProblem {
  return { code, severity: 'error', message, received };
}

/** Every damage shape has a '#' first, an 'e'/'E' or a '.': text without them is clean. */
function mayBeDamaged(text: string): boolean {
  if (text.charCodeAt(0) === 35) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 101 || c === 69) return true;
  }
  return false;
}

/**
 * The spreadsheet damage in one value, or null. `SPREADSHEET_TRAILING_DECIMAL` (`12345.0`) is a
 * recoverable warning: drop the `.0`. All others are unrecoverable errors.
 */
export function detectSpreadsheetDamage(raw: string, kind: SpreadsheetColumnKind): NormalizeProblem | null {
  if (raw.length > 64) return null;
  const text = trimEnds(raw);
  if (text === '' || text.length > 48 || !mayBeDamaged(text)) return null;
  if (SCIENTIFIC_RE.test(text)) {
    const message = `The number was turned into scientific notation by a spreadsheet; its digits are lost. ${REEXPORT}`;
    return error('SPREADSHEET_SCIENTIFIC_NOTATION', message, 'number in scientific notation');
  }
  if (OVERFLOW_RE.test(text)) {
    return error(
      'SPREADSHEET_CELL_OVERFLOW',
      `The cell holds only '#' characters (a spreadsheet column too narrow). ${REEXPORT}`,
      describeShape(text),
    );
  }
  if (ERROR_RE.test(text)) {
    return error(
      'SPREADSHEET_ERROR_VALUE',
      `The cell holds a spreadsheet error value instead of data. ${REEXPORT}`,
      'spreadsheet error value',
    );
  }
  if (TRAILING_DECIMAL_RE.test(text)) {
    const what = kind === 'zip' ? 'postal code' : kind === 'phone' ? 'phone number' : 'number';
    return warn(
      'SPREADSHEET_TRAILING_DECIMAL',
      `The ${what} got a trailing '.0' from a spreadsheet; it was removed.`,
      {
        received: 'number with a trailing .0',
      },
    );
  }
  return null;
}

/** Remove a spreadsheet's trailing `.0`/`.00` from an integer-looking value (after trimming). */
export function stripTrailingDecimal(raw: string): string {
  const text = trimEnds(raw);
  return TRAILING_DECIMAL_RE.test(text) ? text.slice(0, text.indexOf('.')) : text;
}

/**
 * What a spreadsheet left in a cell of any column instead of its data — an error value (`#N/A`,
 * `#REF!`, …) or `####` (a column too narrow) — or null. `#N/A` also counts as blank where a key is
 * read (a join, a skip rule); a cell written to the import file is refused instead, never blanked.
 */
export function spreadsheetErrorValue(raw: string): NormalizeProblem | null {
  const first = raw.charCodeAt(0);
  // only '#' starts one (after spaces a cell may keep)
  if (first !== 35 && first !== 32 && first !== 9) return null;
  const damage = detectSpreadsheetDamage(raw, 'id');
  return damage !== null &&
    (damage.code === 'SPREADSHEET_ERROR_VALUE' || damage.code === 'SPREADSHEET_CELL_OVERFLOW')
    ? damage
    : null;
}
