/**
 * Strict value rules for the final Konnektive format, compiled once per column. These check
 * what the vendor's importer accepts; they never normalize.
 * @module
 */
// the lean entry: code lookups only (the package's main entry also loads ~80 locale files)
import countries from 'i18n-iso-countries/index.js';
import {
  codePointLength,
  fixedDigitPostal,
  maskCardNumbers,
  NANP_REGIONS,
  nanpFaultAt,
  nanpFaultMessage,
  nanpFaultShape,
  nanpNationalDummy,
  VAULT_TOKEN_PATTERN,
} from '../core/index.js';
import type { ColumnSpec } from '../schema/index.js';
import type { CheckIssueCode } from './codes.js';

/** What a rule reports: a code and a message (no raw sensitive value). */
export interface RuleFailure {
  readonly code: CheckIssueCode;
  readonly message: string;
  readonly received?: string;
}

/** A compiled rule: `null` when the (non-empty) value is fine. `row` gives access to other columns. */
export type ColumnRule = (value: string, row: RowAccess) => RuleFailure | null;

/** Read another column of the same row by name. */
export type RowAccess = (column: string) => string;

/** Phone numbers a check treats as dummy fill unless told others (CheckerOptions.dummyPhones). */
export const DEFAULT_DUMMY_PHONES: readonly string[] = [
  '1111111111',
  '0000000000',
  '1234567890',
  '9999999999',
];

/** How the phone rule judges US/CA numbers (see {@link nanpNational}). */
export interface PhoneRuleOptions {
  /**
   * Warn PHONE_NANP_INVALID on a US/CA number whose area code or exchange starts with 0 or 1, as
   * the build's phone normalizer does. Default true; the build turns it off when its normalizer
   * has judged the column.
   */
  readonly nanp?: boolean;
  /** Dummy fill, never flagged (default {@link DEFAULT_DUMMY_PHONES}); 11 digits with a leading 1 as the 10 after it. */
  readonly dummies?: readonly string[];
}

/** The dummies of `options` as national numbers, or null when the NANP rule is off. */
export function phoneDummies(options: PhoneRuleOptions): readonly string[] | null {
  if (options.nanp === false) return null;
  return [...new Set((options.dummies ?? DEFAULT_DUMMY_PHONES).map((d) => nanpNationalDummy(d)))];
}

/**
 * Where the national number of a phone value (ASCII digits `v[s, e)`) starts when the NANP rule
 * judges it by its length — 10 digits, or 11 starting with 1 — else -1. The row's country decides
 * the rest: an empty one or a +1 region ({@link NANP_REGIONS}) is judged, any other is not (an
 * international number, written as calling code + national number).
 */
export function nanpNational(v: string, s: number, e: number): number {
  if (e - s === 10) return s;
  return e - s === 11 && v.charCodeAt(s) === 49 ? s + 1 : -1;
}

/** Whether a country cell's value makes its row's phone number one of the +1 area (or says nothing). */
export function nanpCountry(country: string): boolean {
  return country === '' || NANP_REGIONS.has(country);
}

/** State codes accepted when the country is US (states, DC, territories, military). */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
    'PR VI GU AS MP UM AA AE AP FM MH PW'
  ).split(' '),
);
/** Province and territory codes accepted when the country is CA. */
export const CA_PROVINCE_CODES: ReadonlySet<string> = new Set(
  'AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '),
);
const DIGITS = /^\d+$/;
const DECIMAL = /^-?\d{1,13}(?:\.\d{1,4})?$/;
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MONTH = /^(?:0[1-9]|1[0-2])$/;
const US_ZIP = /^\d{5}(?:-\d{4})?$/;
const CA_POSTAL = /^[A-Z]\d[A-Z] \d[A-Z]\d$/;

/** Days per month of a common year (February: see {@link validYmd}). */
const MONTH_DAYS = Int8Array.from([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);

/** True for a real calendar date. */
export function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2199) return false;
  if (d <= MONTH_DAYS[m - 1]!) return true;
  return m === 2 && d === 29 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
}

function shape(column: ColumnSpec, value: string): string {
  if (column.sensitive) return `${value.length} characters`;
  const masked = maskCardNumbers(value);
  return masked.length > 40 ? `${masked.slice(0, 37)}...` : masked;
}

const fail = (code: CheckIssueCode, message: string, received?: string): RuleFailure =>
  received === undefined ? { code, message } : { code, message, received };

/** The two ASCII digits at `v[i, i + 2)` as a number, or -1 (charCode arithmetic, no allocation). */
function two(v: string, i: number): number {
  const a = v.charCodeAt(i) - 48;
  const b = v.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** 0 = valid, 1 = wrong shape, 2 = not a real date or time. */
export function dateShape(v: string, withTime: boolean): 0 | 1 | 2 {
  return dateShapeAt(v, 0, v.length, withTime);
}

/** {@link dateShape} of `v[s, e)`. */
export function dateShapeAt(v: string, s: number, e: number, withTime: boolean): 0 | 1 | 2 {
  if (e - s !== (withTime ? 19 : 10) || v.charCodeAt(s + 4) !== 45 || v.charCodeAt(s + 7) !== 45) return 1;
  const hi = two(v, s);
  const lo = two(v, s + 2);
  const m = two(v, s + 5);
  const d = two(v, s + 8);
  if (hi < 0 || lo < 0 || m < 0 || d < 0) return 1;
  if (withTime) {
    if (v.charCodeAt(s + 10) !== 32 || v.charCodeAt(s + 13) !== 58 || v.charCodeAt(s + 16) !== 58) return 1;
    const h = two(v, s + 11);
    const mi = two(v, s + 14);
    const se = two(v, s + 17);
    if (h < 0 || mi < 0 || se < 0) return 1;
    if (h > 23 || mi > 59 || se > 59) return 2;
  }
  return validYmd(hi * 100 + lo, m, d) ? 0 : 2;
}

function dateRule(column: ColumnSpec, withTime: boolean): ColumnRule {
  const code: CheckIssueCode = withTime ? 'TYPE_DATETIME' : 'TYPE_DATE';
  const form = withTime ? 'YYYY-MM-DD HH:MM:SS' : 'YYYY-MM-DD';
  return (v) => {
    const r = dateShape(v, withTime);
    if (r === 0) return null;
    if (r === 1) return fail(code, `${column.name} must be ${form}.`, shape(column, v));
    return fail(code, `${column.name} is not a real calendar date and time.`, shape(column, v));
  };
}

function digitsRule(column: ColumnSpec): ColumnRule {
  return (v) => {
    if (column.sensitive && VAULT_TOKEN_PATTERN.test(v))
      return fail(
        'VAULT_TOKEN',
        `${column.name} holds a vault token: run kmigrate detokenize --encrypt-to to make the delivery file.`,
      );
    if (SCIENTIFIC.test(v)) {
      return fail(
        'SPREADSHEET_SCIENTIFIC_NOTATION',
        `${column.name} is in scientific notation: the digits were lost in a spreadsheet; re-export the source without Excel.`,
      );
    }
    if (!DIGITS.test(v))
      return fail(
        'TYPE_DIGITS',
        `${column.name} must be digits only.`,
        column.sensitive ? describeMask(v) : shape(column, v),
      );
    if (column.minLength !== undefined && v.length < column.minLength) {
      return fail(
        'LENGTH_TOO_SHORT',
        `${column.name} needs at least ${column.minLength} digits, has ${v.length}.`,
      );
    }
    if (column.maxLength !== undefined && v.length > column.maxLength) {
      return fail(
        'LENGTH_EXCEEDED',
        `${column.name} allows at most ${column.maxLength} digits, has ${v.length}.`,
      );
    }
    if (column.checksum === 'luhn' && !luhn(v))
      return fail('CHECKSUM_LUHN', `${column.name} fails the Luhn check.`);
    if (column.checksum === 'aba' && !aba(v))
      return fail('CHECKSUM_ABA', `${column.name} fails the ABA routing check digit.`);
    return null;
  };
}

function describeMask(v: string): string {
  if (/[xX*•]/.test(v)) return 'a masked number';
  return `${v.length} characters, not all digits`;
}

function luhn(d: string): boolean {
  return luhnAt(d, 0, d.length);
}

/** Luhn check of the digits `d[s, e)`. */
export function luhnAt(d: string, s: number, e: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = e - 1; i >= s; i--) {
    let n = d.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

function aba(d: string): boolean {
  return abaAt(d, 0, d.length);
}

/** ABA routing check digit of `d[s, e)`. */
export function abaAt(d: string, s: number, e: number): boolean {
  if (e - s !== 9) return false;
  const w = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (d.charCodeAt(s + i) - 48) * (w[i % 3] ?? 0);
  return sum % 10 === 0;
}

function lengthRule(column: ColumnSpec): ColumnRule {
  const max = column.maxLength;
  return (v) => {
    // code units first: a value that fits them fits in characters (counted only when longer)
    if (max === undefined || v.length <= max) return null;
    // characters, as the build's name normalizer counts them
    const n = codePointLength(v);
    return n > max
      ? fail(
          'LENGTH_EXCEEDED',
          `${column.name} allows at most ${max} characters, has ${n}; values are never truncated.`,
        )
      : null;
  };
}

function enumRule(column: ColumnSpec): ColumnRule {
  const allowed = new Set(column.enum ?? []);
  const upper = new Map([...allowed].map((a) => [a.toUpperCase(), a] as const));
  return (v) => {
    if (allowed.has(v)) return null;
    const near = upper.get(v.trim().toUpperCase());
    const hint = near ? ` Did you mean ${near}? Case and spelling must be exact.` : '';
    return fail(
      'ENUM_INVALID',
      `${column.name} must be one of ${[...allowed].join(', ')}.${hint}`,
      shape(column, v),
    );
  };
}

function countryOf(column: ColumnSpec, row: RowAccess): string {
  return column.countryColumn ? row(column.countryColumn) : '';
}

function stateRule(column: ColumnSpec): ColumnRule {
  const len = lengthRule(column);
  return (v, row) => {
    const country = countryOf(column, row);
    const codes = country === 'US' ? US_STATE_CODES : country === 'CA' ? CA_PROVINCE_CODES : null;
    if (codes !== null && !codes.has(v)) {
      const what = country === 'US' ? 'US state' : 'Canadian province';
      return fail(
        'FORMAT_STATE',
        `${column.name} must be the 2-letter code of a ${what} (country ${country}).`,
        shape(column, v),
      );
    }
    return len(v, row);
  };
}

function postalRule(column: ColumnSpec): ColumnRule {
  const len = lengthRule(column);
  return (v, row) => {
    const country = countryOf(column, row);
    if (country === 'US' && !US_ZIP.test(v))
      return fail(
        'FORMAT_POSTAL',
        `${column.name} must be a US ZIP (12345 or 12345-6789).`,
        shape(column, v),
      );
    if (country === 'CA' && !CA_POSTAL.test(v))
      return fail(
        'FORMAT_POSTAL',
        `${column.name} must be a Canadian postal code (A1A 1A1).`,
        shape(column, v),
      );
    const digits = fixedDigitPostal(country)?.[0] ?? 0;
    if (v.length < digits && DIGITS.test(v))
      return fail(
        'FORMAT_POSTAL',
        `${column.name} must have ${digits} digits in country ${country} (leading zeros lost?).`,
        shape(column, v),
      );
    return len(v, row);
  };
}

function simple(
  test: (v: string) => boolean,
  code: CheckIssueCode,
  what: string,
  column: ColumnSpec,
): ColumnRule {
  return (v) => (test(v) ? null : fail(code, `${column.name} must be ${what}.`, shape(column, v)));
}

/**
 * Digits only (7 to 15), and a US/CA number (by its length and the row's country, see
 * {@link nanpNational}) that can be dialled: PHONE_NANP_INVALID, a warning, as the build gives.
 */
function phoneRule(column: ColumnSpec, options: PhoneRuleOptions): ColumnRule {
  const format = simple(
    (v) => DIGITS.test(v) && v.length >= 7 && v.length <= 15,
    'FORMAT_PHONE',
    'digits only (7 to 15 digits)',
    column,
  );
  const dummies = phoneDummies(options);
  if (dummies === null) return format;
  return (v, row) => {
    const bad = format(v, row);
    if (bad !== null) return bad;
    const at = nanpNational(v, 0, v.length);
    if (at < 0) return null;
    const fault = nanpFaultAt(v, at);
    if (fault === undefined || !nanpCountry(row('country')) || dummies.includes(v.slice(at))) return null;
    return fail(
      'PHONE_NANP_INVALID',
      `${column.name}: ${nanpFaultMessage(fault)}`,
      nanpFaultShape(fault).received,
    );
  };
}

/** Compile the rule for one column (`phone`: how a phone column judges US/CA numbers). */
export function compileRule(column: ColumnSpec, phone: PhoneRuleOptions = {}): ColumnRule {
  switch (column.type) {
    case 'datetime':
      return dateRule(column, true);
    case 'date':
      return dateRule(column, false);
    case 'integer':
      return (v) =>
        SCIENTIFIC.test(v)
          ? fail(
              'SPREADSHEET_SCIENTIFIC_NOTATION',
              `${column.name} is in scientific notation: re-export the source without Excel.`,
            )
          : DIGITS.test(v) && v.length <= 10
            ? null
            : fail('TYPE_INTEGER', `${column.name} must be a whole number (digits only).`, shape(column, v));
    case 'decimal':
      return (v) => {
        if (!DECIMAL.test(v))
          return fail(
            'TYPE_DECIMAL',
            `${column.name} must be a decimal number such as 29.95.`,
            shape(column, v),
          );
        return v.startsWith('-')
          ? fail('DECIMAL_NEGATIVE', `${column.name} is negative.`, shape(column, v))
          : null;
      };
    case 'bit':
      return simple((v) => v === '0' || v === '1', 'TYPE_BIT', '0 or 1', column);
    case 'enum':
      return enumRule(column);
    case 'digits':
      return digitsRule(column);
    case 'month':
      return simple((v) => MONTH.test(v), 'TYPE_MONTH', 'a zero-padded month 01-12', column);
    case 'year':
      return simple(
        (v) => /^\d{4}$/.test(v) && +v >= 1990 && +v <= 2100,
        'TYPE_YEAR',
        'a four-digit year',
        column,
      );
    case 'email':
      return (v) =>
        v.length <= (column.maxLength ?? 254) && EMAIL.test(v)
          ? null
          : fail('FORMAT_EMAIL', `${column.name} must be a valid email address.`, shape(column, v));
    case 'phone':
      return phoneRule(column, phone);
    case 'country':
      return simple(
        (v) => /^[A-Z]{2}$/.test(v) && countries.isValid(v),
        'FORMAT_COUNTRY',
        'an ISO 3166-1 alpha-2 code such as US',
        column,
      );
    case 'state':
      return stateRule(column);
    case 'postal':
      return postalRule(column);
    case 'varchar':
    case 'text':
      return lengthRule(column);
  }
}
