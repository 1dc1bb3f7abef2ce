/**
 * Card expiry in every shape seen in exports (NMI `MMYY`, Clearent `YYMM`, Braintree `MM/YYYY`,
 * Stripe unpadded month, Excel `Dec-25`) to Konnektive's `cardExpiryMonth` `MM` and
 * `cardExpiryYear` `YYYY`. Pure and total; messages never carry the value.
 * @module
 */
import { describeShape } from '../core/index.js';
import { monthFromName } from './lex-date.js';
import { fail, type NormalizeResult, ok, warn } from './result.js';
import { detectSpreadsheetDamage } from './spreadsheet-damage.js';

/** A normalized expiry: `month` `01`–`12`, `year` `YYYY`. */
export interface CardExpiry {
  readonly month: string;
  readonly year: string;
}

/** Options for {@link normalizeExpiry}. */
export interface NormalizeExpiryOptions {
  /**
   * How to read 3–4 digit compact values: `MMYY` (NMI, Sticky; the default), `YYMM` (Clearent),
   * or `auto` (read whichever is valid; EXPIRY_AMBIGUOUS when both are).
   */
  readonly order?: 'MMYY' | 'YYMM' | 'auto';
}

const MASK_RE = /[xX*•#]/;
const MONTH_YEAR_RE = /^(\d{1,2})\s?[/\-.]\s?(\d{4}|\d{2})$/;
const YEAR_MONTH_RE = /^(\d{4})[/\-.](\d{1,2})(?:[/\-.]\d{1,2})?$/;
const NAME_YEAR_RE = /^([A-Za-z]{3,9})\.?[\s\-/.]?(\d{4}|\d{2})$/;
const DIGITS_RE = /^\d{3,6}$/;
const PAD = ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

function masked<T>(text: string): NormalizeResult<T> {
  const damage = detectSpreadsheetDamage(text, 'digits');
  if (damage !== null && damage.severity === 'error') return { ok: false, problem: damage };
  return fail(
    'EXPIRY_MASKED',
    'The expiry is masked in the export: ask the gateway for the unmasked card file.',
    {
      received: describeShape(text),
    },
  );
}

function monthInvalid<T>(text: string, note = ''): NormalizeResult<T> {
  return fail('EXPIRY_MONTH_INVALID', `The expiry month is not 01–12${note}.`, {
    received: describeShape(text),
    expected: 'a month from 01 to 12',
  });
}

function yearInvalid<T>(text: string): NormalizeResult<T> {
  return fail('EXPIRY_YEAR_INVALID', 'The expiry year is not a 2- or 4-digit year from 2000 to 2099.', {
    received: describeShape(text),
    expected: 'YYYY from 2000 to 2099',
  });
}

function expiryInvalid<T>(text: string): NormalizeResult<T> {
  return fail('EXPIRY_INVALID', 'Not a card expiry.', {
    received: describeShape(text),
    expected: 'MMYY, MM/YY, MM/YYYY, YYYY-MM or Mon-YY',
  });
}

function build(text: string, month: number, year: number, yearDigits: number): NormalizeResult<CardExpiry> {
  if (month < 1 || month > 12) return monthInvalid(text);
  const fullYear = yearDigits === 2 ? 2000 + year : year;
  if (fullYear < 2000 || fullYear > 2099) return yearInvalid(text);
  return ok({ month: PAD[month] ?? '', year: String(fullYear) });
}

function compact4(
  text: string,
  digits: string,
  order: 'MMYY' | 'YYMM' | 'auto',
): NormalizeResult<CardExpiry> {
  const first = Number(digits.slice(0, 2));
  const last = Number(digits.slice(2));
  if (order === 'MMYY') {
    const note = first > 12 && last >= 1 && last <= 12 ? ' (it may be YYMM: set the column order)' : '';
    return first >= 1 && first <= 12 ? build(text, first, last, 2) : monthInvalid(text, note);
  }
  if (order === 'YYMM') return build(text, last, first, 2);
  const mmyy = first >= 1 && first <= 12;
  const yymm = last >= 1 && last <= 12;
  if (mmyy && yymm) {
    return fail(
      'EXPIRY_AMBIGUOUS',
      'A 4-digit expiry reads both as MMYY and as YYMM: set the column order.',
      {
        received: describeShape(text),
        expected: 'MMYY or YYMM',
      },
    );
  }
  return mmyy ? build(text, first, last, 2) : build(text, last, first, 2);
}

function compactDigits(
  text: string,
  digits: string,
  order: 'MMYY' | 'YYMM' | 'auto',
): NormalizeResult<CardExpiry> {
  if (digits.length === 4) return compact4(text, digits, order);
  if (digits.length === 6) {
    const head = Number(digits.slice(0, 2));
    return head === 20
      ? build(text, Number(digits.slice(4)), Number(digits.slice(0, 4)), 4)
      : build(text, head, Number(digits.slice(2)), 4);
  }
  const restored = compactDigits(text, `0${digits}`, order);
  if (!restored.ok) return restored;
  const warning = warn(
    'EXPIRY_LEADING_ZERO_RESTORED',
    'The expiry lost its leading zero (spreadsheet damage); a 0 was put back.',
    {
      received: describeShape(text),
    },
  );
  return ok(restored.value, warning);
}

/**
 * Normalize a combined card expiry to `{ month: 'MM', year: 'YYYY' }`. Masked values
 * (`XXXX`, `**∕**`) are refused with EXPIRY_MASKED. Empty → EXPIRY_INVALID (callers decide
 * whether the column is required before calling).
 */
export function normalizeExpiry(
  raw: string,
  options: NormalizeExpiryOptions = {},
): NormalizeResult<CardExpiry> {
  const text = raw.length > 64 ? raw.slice(0, 65) : raw.trim();
  if (text.length > 32) return expiryInvalid(text);
  if (MASK_RE.test(text)) return masked(text);
  if (DIGITS_RE.test(text)) return compactDigits(text, text, options.order ?? 'MMYY');
  let m = MONTH_YEAR_RE.exec(text);
  if (m !== null) return build(text, Number(m[1]), Number(m[2]), m[2]?.length ?? 0);
  m = YEAR_MONTH_RE.exec(text);
  if (m !== null) return build(text, Number(m[2]), Number(m[1]), 4);
  m = NAME_YEAR_RE.exec(text);
  if (m !== null) {
    const month = monthFromName(m[1] ?? '');
    return month === 0 ? expiryInvalid(text) : build(text, month, Number(m[2]), m[2]?.length ?? 0);
  }
  return expiryInvalid(text);
}

/** Normalize a separate expiry month (`9` → `09`, `Sep` → `09`). */
export function normalizeExpiryMonth(raw: string): NormalizeResult {
  const text = raw.length > 64 ? raw.slice(0, 65) : raw.trim();
  if (MASK_RE.test(text)) return masked(text);
  if (/^\d{1,2}$/.test(text)) {
    const month = Number(text);
    return month >= 1 && month <= 12 ? ok(PAD[month] ?? '') : monthInvalid(text);
  }
  const named = /^[A-Za-z]{3,9}$/.test(text) ? monthFromName(text) : 0;
  return named === 0 ? monthInvalid(text) : ok(PAD[named] ?? '');
}

/** Normalize a separate expiry year (`28` → `2028`, `2028`). */
export function normalizeExpiryYear(raw: string): NormalizeResult {
  const text = raw.length > 64 ? raw.slice(0, 65) : raw.trim();
  if (MASK_RE.test(text)) return masked(text);
  if (!/^(?:\d{2}|\d{4})$/.test(text)) return yearInvalid(text);
  const year = text.length === 2 ? 2000 + Number(text) : Number(text);
  return year >= 2000 && year <= 2099 ? ok(String(year)) : yearInvalid(text);
}

/**
 * True when a card valid through the end of `month`/`year` (`MM`, `YYYY`) has expired before
 * the date `dateYmd` (`YYYY-MM-DD`). False when any input is not in that shape.
 */
export function expiryBefore(month: string, year: string, dateYmd: string): boolean {
  const date = /^(\d{4})-(\d{2})-\d{2}$/.exec(dateYmd);
  if (date === null || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return false;
  return Number(year) * 12 + Number(month) < Number(date[1]) * 12 + Number(date[2]);
}
