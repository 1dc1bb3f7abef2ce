/**
 * Postal codes for the Konnektive `postalCode` column (varchar(10)): US ZIP / ZIP+4 with provable
 * leading-zero repair, Canadian `A1A 1A1`, leading zeros restored in countries whose codes are all
 * digits of one length, other countries trimmed and upper-cased.
 * @module
 */
import { describeShape, fixedDigitPostal } from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import { lookupCountry } from './normalize-country.js';
import { normalizeState } from './normalize-state.js';
import type { NormalizeResult } from './result.js';
import { fail, ok, warn } from './result.js';

/** Options for {@link normalizePostalCode}. */
export interface NormalizePostalCodeOptions {
  /** The row's country (alpha-2 or anything normalizeCountry accepts). */
  readonly country: string;
  /** The row's state (code or name); lets a US ZIP that lost its leading zero be repaired. */
  readonly state?: string;
}

const MAX_POSTAL = 10;
const MAX_INPUT = 40;
const US_ZIP = /^(\d{3,5})(?:[\s-]?(\d{4}))?$/;
const CA_POSTAL = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])(\d[ABCEGHJ-NPRSTV-Z]\d)$/;
/** Countries using US ZIP codes (US territories also appear as countries in exports). */
const ZIP_COUNTRIES: ReadonlySet<string> = new Set([
  'US',
  'PR',
  'VI',
  'GU',
  'AS',
  'MP',
  'UM',
  'FM',
  'MH',
  'PW',
]);
const GENERIC_POSTAL = /^[A-Z0-9][A-Z0-9 -]*$/;

/**
 * States whose every ZIP starts with 0, with their 3-digit prefix range: a short ZIP there has
 * provably lost leading zeros. (NY's 005 IRS ZIPs are ignored: NY ZIPs are mostly 1xxxx.)
 */
const ZERO_STATES: Readonly<Record<string, readonly [number, number]>> = {
  CT: [60, 69],
  MA: [10, 27],
  ME: [39, 49],
  NH: [30, 38],
  NJ: [70, 89],
  PR: [6, 9],
  RI: [28, 29],
  VT: [50, 59],
  VI: [8, 8],
  AE: [90, 98],
};

function resolveCountry(country: string): string {
  const trimmed = blankOrTrimmed(country);
  if (trimmed.length === 2) return trimmed.toUpperCase();
  return trimmed === '' ? '' : (lookupCountry(trimmed)?.code ?? '');
}

function invalid(s: string, expected: string): NormalizeResult<string> {
  return fail('POSTAL_INVALID', 'Postal code does not have the shape required for its country.', {
    received: describeShape(s),
    expected,
  });
}

function usStateCode(state: string): string {
  const result = normalizeState(state, { country: 'US' });
  return result.ok ? result.value : '';
}

function restoreZip(zip: string, state: string): NormalizeResult<string> {
  const padded = zip.padStart(5, '0');
  const range = ZERO_STATES[usStateCode(state)];
  const prefix = Number(padded.slice(0, 3));
  if (range === undefined || prefix < range[0] || prefix > range[1]) {
    return fail(
      'POSTAL_LEADING_ZERO_LOST',
      'US ZIP has lost leading zeros and the state does not prove which.',
      {
        received: `${zip.length}-digit ZIP`,
        expected: '5-digit ZIP; re-export the file without opening it in a spreadsheet',
      },
    );
  }
  return ok(
    padded,
    warn('POSTAL_LEADING_ZERO_RESTORED', 'Leading zeros of a US ZIP were restored from the state.'),
  );
}

function normalizeUs(s: string, state: string): NormalizeResult<string> {
  const match = s.length <= 12 ? US_ZIP.exec(s) : null;
  if (match === null) return invalid(s, '5-digit ZIP or ZIP+4 (12345-6789)');
  const [, zip = '', plus4] = match;
  const suffix = plus4 === undefined ? '' : `-${plus4}`;
  if (zip.length === 5) return ok(`${zip}${suffix}`);
  const restored = restoreZip(zip, state);
  return restored.ok ? ok(`${restored.value}${suffix}`, restored.warning) : restored;
}

function normalizeCa(s: string): NormalizeResult<string> {
  const compact = s.length <= 12 ? s.replace(/[\s-]/g, '').toUpperCase() : s;
  const match = CA_POSTAL.exec(compact);
  if (match === null) return invalid(s, 'Canadian postal code A1A 1A1');
  return ok(`${match[1]} ${match[2]}`);
}

function restoreFixedDigits(s: string, country: string): NormalizeResult<string> | undefined {
  const rule = fixedDigitPostal(country);
  if (rule === undefined || s.length >= rule[0] || !/^\d+$/.test(s)) return undefined;
  const [length, lowest] = rule;
  if (Number(s) < lowest) return invalid(s, `${length}-digit postal code`);
  return ok(
    s.padStart(length, '0'),
    warn(
      'POSTAL_LEADING_ZERO_RESTORED',
      `Leading zeros of a postal code were restored (every ${country} postal code has ${length} digits).`,
    ),
  );
}

function normalizeOther(s: string, country: string): NormalizeResult<string> {
  const restored = restoreFixedDigits(s, country);
  if (restored !== undefined) return restored;
  const text = s.length <= MAX_INPUT ? s.replace(/\s+/g, ' ').toUpperCase() : s;
  if (text.length > MAX_POSTAL) {
    return fail('POSTAL_TOO_LONG', 'Postal code is longer than the 10 characters the target column holds.', {
      received: describeShape(s),
      expected: 'at most 10 characters',
    });
  }
  return GENERIC_POSTAL.test(text) ? ok(text) : invalid(s, 'letters, digits, spaces and hyphens');
}

/**
 * Normalize a postal code. US: `12345` or `12345-6789` (from `123456789`, `12345 6789`); a 3–4 digit
 * ZIP in a 0-prefix state (CT MA ME NH NJ PR RI VT VI, APO AE) is padded with warning
 * POSTAL_LEADING_ZERO_RESTORED, otherwise POSTAL_LEADING_ZERO_LOST. CA: `A1A 1A1`. AU NZ NO ZA
 * (4 digits), DE FR IT ES FI MX MY KR (5 digits): a shorter all-digit code is padded with
 * POSTAL_LEADING_ZERO_RESTORED (POSTAL_INVALID when padding cannot make a real code). Others: trimmed,
 * upper-cased, ≤ 10 characters. One leading apostrophe (spreadsheet text marker) is stripped.
 */
export function normalizePostalCode(
  raw: string,
  options: NormalizePostalCodeOptions,
): NormalizeResult<string> {
  let s = blankOrTrimmed(raw);
  if (s.startsWith("'")) s = s.slice(1).trim();
  if (s === '') return ok('');
  const country = resolveCountry(options.country);
  if (ZIP_COUNTRIES.has(country)) return normalizeUs(s, country === 'US' ? (options.state ?? '') : country);
  if (country === 'CA') return normalizeCa(s);
  return normalizeOther(s, country);
}
