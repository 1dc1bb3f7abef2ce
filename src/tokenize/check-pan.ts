/**
 * Validate one card-number cell: digits (spaces, dashes and dots allowed between them, and one
 * leading apostrophe, a spreadsheet's text marker, as `build` allows), 13–19 long, a known brand,
 * the brand's length, and the Luhn check. Failures carry a masked form only.
 * @module
 */
import { describeShape, luhnValid, maskPan } from '../core/index.js';
import { type CardBrand, detectBrand } from '../scan/index.js';
import type { TokenizeIssueCode } from './issue-codes.js';

/** A usable card number. */
export interface ValidPan {
  readonly ok: true;
  readonly digits: string;
  readonly brand: CardBrand;
}

/** A rejected card number: the code and the masked value (BIN + last 4 at most). */
export interface InvalidPan {
  readonly ok: false;
  readonly code: TokenizeIssueCode;
  readonly masked: string;
}

const SEPARATED = /^\d+(?:[\s.-]+\d+)*$/;
const PLAIN = /^\d+$/;

/** Check a raw cell. */
export function checkPan(raw: string): ValidPan | InvalidPan {
  const trimmed = raw.trim();
  const value = trimmed.startsWith("'") ? trimmed.slice(1) : trimmed;
  const plain = PLAIN.test(value);
  // a single dot is a decimal point (a spreadsheet's 6011111111111117.0), not a grouping
  const decimal = value.includes('.') && value.indexOf('.') === value.lastIndexOf('.');
  // a value without digits (a name from a shifted column, "N/A") is shown by its shape, not as ""
  if (!plain && (decimal || !SEPARATED.test(value)))
    return { ok: false, code: 'TOKENIZE_NOT_A_NUMBER', masked: maskPan(value) || describeShape(value) };
  const digits = plain ? value : value.replace(/[\s.-]/g, '');
  const bad = (code: TokenizeIssueCode): InvalidPan => ({ ok: false, code, masked: maskPan(digits) });
  if (digits.length < 13 || digits.length > 19) return bad('TOKENIZE_BAD_LENGTH');
  const brand = detectBrand(digits);
  if (brand === null) return bad('TOKENIZE_UNKNOWN_BRAND');
  if (!brand.lengths.includes(digits.length)) return bad('TOKENIZE_BAD_LENGTH');
  if (!luhnValid(digits)) return bad('TOKENIZE_LUHN_FAILED');
  return { ok: true, digits, brand: brand.brand };
}
