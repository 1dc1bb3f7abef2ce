/**
 * Phone numbers to the digits-only form of the Konnektive `phoneNumber` column.
 * NANP (+1) numbers become 10 digits; other numbers become country calling code + national number.
 * @module
 */

import type { CountryCode } from 'libphonenumber-js/min';
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';
import {
  describeShape,
  NANP_REGIONS,
  type NanpFault,
  nanpFaultAt,
  nanpFaultMessage,
  nanpFaultShape,
  nanpNationalDummy,
} from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import type { NormalizeProblem, NormalizeResult } from './result.js';
import { fail, ok, warn } from './result.js';

/** Options for {@link normalizePhone}. */
export interface NormalizePhoneOptions {
  /** Region used for numbers without a `+` prefix. Default `US`. */
  readonly defaultRegion?: CountryCode;
  /**
   * Digits written when the input is empty (e.g. `1111111111`); only used when set. A US/CA dummy
   * is written as a source value holding it is: 10 digits, an 11-digit one without its leading 1
   * (`10000000000` → `0000000000`). The configuration accepts no other form (see
   * {@link isWritableDummy}).
   */
  readonly dummy?: string;
  /** Accept numbers outside the +1 area (with warning PHONE_INTERNATIONAL). Default true. */
  readonly allowInternational?: boolean;
}

const MAX_INPUT = 40;
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d{1,3}$/i;
const EXTENSION = /[\s,;]*(?:extension|ext\.?|x|#)[\s.:]*(\d{1,7})$/i;
const PHONE_CHARS = /^\+?[\d\s().\-/]+$/;
const PHONE_LIKE = /^[\d\s().+\-/]+$/;
const PLAIN_TEN = /^\d{10}$/;
const SPREADSHEET_DECIMAL = /^\+?\d{7,15}\.0{1,2}$/;

/**
 * Fast path for plain NANP input: digits with optional `+`, spaces, dots, dashes and parentheses,
 * 10 digits or 11 starting with 1. Returns undefined when the slow path must decide.
 */
function fastNanp(s: string): string | undefined {
  if (PLAIN_TEN.test(s)) return s;
  let digits = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += s[i];
    else if (c === 43 /* + */) {
      if (i !== 0) return undefined;
    } else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41) return undefined;
    if (digits.length > 11) return undefined;
  }
  if (s.charCodeAt(0) === 43) return digits.length === 11 && digits[0] === '1' ? digits.slice(1) : undefined;
  if (digits.length === 10) return digits;
  return digits.length === 11 && digits[0] === '1' ? digits.slice(1) : undefined;
}

function lengthProblem(digits: string, expected: string): NormalizeResult<string> {
  const received = `${digits.length} digits`;
  return digits.length < 10
    ? fail('PHONE_TOO_SHORT', `Phone number has too few digits (${received}).`, { received, expected })
    : fail('PHONE_TOO_LONG', `Phone number has too many digits (${received}).`, { received, expected });
}

/**
 * The configured dummy as a national number: an 11-digit dummy with its leading 1 (`10000000000`)
 * is written and compared without it, as the number read from the source is.
 */
const nationalDummy = nanpNationalDummy;

/**
 * Whether `dummy` can be written in the form of the Konnektive `phoneNumber` column for a US/CA
 * number: 10 digits, or 11 starting with 1 (written as the 10 after it). Any other dummy would be
 * written in a form no source value holding the same number gets.
 */
export function isWritableDummy(dummy: string): boolean {
  return /^1?\d{10}$/.test(dummy);
}

/**
 * The area code or exchange of a 10-digit NANP number that starts with 0 or 1 (see
 * {@link nanpFaultAt}: not an exchange after area code 555), unless it is the configured dummy.
 */
function nanpFault(national: string, dummy: string | undefined): NanpFault | undefined {
  const fault = nanpFaultAt(national, 0);
  return fault === undefined || national === nationalDummy(dummy) ? undefined : fault;
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/**
 * A NANP national number, written with its warning: PHONE_NANP_INVALID when the area code or
 * exchange starts with 0 or 1; PHONE_EXTENSION_DROPPED when an extension was dropped (the data
 * lost), its message then also saying that the number cannot be dialled (a result carries one
 * warning).
 */
function nanpOk(national: string, extWarning: NormalizeProblem | undefined, dummy: string | undefined) {
  const fault = nanpFault(national, dummy);
  if (fault === undefined) return ok(national, extWarning);
  if (extWarning !== undefined)
    return ok(national, {
      ...extWarning,
      message: `${extWarning.message} Also, ${lowerFirst(nanpFaultMessage(fault)).slice(0, -1)} (PHONE_NANP_INVALID).`,
    });
  return ok(national, warn('PHONE_NANP_INVALID', nanpFaultMessage(fault), nanpFaultShape(fault)));
}

function nanpNational(
  digits: string,
  extWarning: NormalizeProblem | undefined,
  dummy: string | undefined,
): NormalizeResult<string> {
  if (digits.length === 10) return nanpOk(digits, extWarning, dummy);
  if (digits.length === 11 && digits[0] === '1') return nanpOk(digits.slice(1), extWarning, dummy);
  return lengthProblem(digits, '10 digits (NANP)');
}

function libLengthProblem(code: string, digits: string): NormalizeResult<string> {
  const received = `${digits.length} digits`;
  if (code === 'TOO_SHORT')
    return fail('PHONE_TOO_SHORT', 'Phone number is too short for its country.', { received });
  if (code === 'TOO_LONG')
    return fail('PHONE_TOO_LONG', 'Phone number is too long for its country.', { received });
  return fail('PHONE_INVALID', 'Phone number is not a valid number for its country.', { received });
}

function viaLibrary(
  text: string,
  region: CountryCode,
  extWarning: NormalizeProblem | undefined,
  options: NormalizePhoneOptions,
): NormalizeResult<string> {
  const digits = text.replace(/\D/g, '');
  const lengthCode = validatePhoneNumberLength(text, region);
  if (lengthCode !== undefined) return libLengthProblem(lengthCode, digits);
  const parsed = parsePhoneNumberFromString(text, region);
  if (parsed === undefined) return libLengthProblem('NOT_A_NUMBER', digits);
  if (parsed.countryCallingCode === '1')
    return nanpNational(parsed.nationalNumber, extWarning, options.dummy);
  if (options.allowInternational === false) {
    return fail(
      'PHONE_INTERNATIONAL_NOT_ALLOWED',
      'Phone number is outside the +1 area; international numbers are not allowed.',
      {
        received: `number with calling code +${parsed.countryCallingCode}`,
      },
    );
  }
  const value = `${parsed.countryCallingCode}${parsed.nationalNumber}`;
  return ok(
    value,
    extWarning ??
      warn(
        'PHONE_INTERNATIONAL',
        'International phone number written as country calling code + national number.',
        {
          received: `number with calling code +${parsed.countryCallingCode}`,
        },
      ),
  );
}

function splitExtension(s: string): { main: string; extWarning: NormalizeProblem | undefined } {
  const match = EXTENSION.exec(s);
  if (match === null || match.index === 0) return { main: s, extWarning: undefined };
  const extWarning = warn(
    'PHONE_EXTENSION_DROPPED',
    'Phone extension was dropped; the target holds digits only.',
    {
      received: `${match[1]?.length ?? 0}-digit extension`,
    },
  );
  return { main: s.slice(0, match.index), extWarning };
}

/** Strip an international dialling prefix (`00`, or `011` in NANP regions) and return the digits after it. */
function internationalDigits(main: string, digits: string, nanp: boolean): string | undefined {
  if (main.startsWith('+')) return digits;
  if (nanp && digits.startsWith('011')) return digits.slice(3);
  if (digits.startsWith('00')) return digits.slice(2);
  return undefined;
}

function slowPath(s: string, region: CountryCode, options: NormalizePhoneOptions): NormalizeResult<string> {
  if (s.length > MAX_INPUT) {
    return PHONE_LIKE.test(s)
      ? fail('PHONE_TOO_LONG', 'Phone number is far too long.', { received: describeShape(s) })
      : fail('PHONE_INVALID', 'Phone number contains characters that are not part of a phone number.', {
          received: describeShape(s),
        });
  }
  if (SCIENTIFIC.test(s)) {
    return fail(
      'PHONE_SCIENTIFIC_NOTATION',
      'Phone number is in scientific notation (spreadsheet damage); digits are lost.',
      {
        received: 'number in scientific notation',
        expected: 'digits; re-export the file without opening it in a spreadsheet',
      },
    );
  }
  const { main, extWarning } = splitExtension(s);
  if (!PHONE_CHARS.test(main)) {
    return fail('PHONE_INVALID', 'Phone number contains characters that are not part of a phone number.', {
      received: describeShape(s),
    });
  }
  const digits = main.replace(/\D/g, '');
  const nanp = NANP_REGIONS.has(region);
  const intl = internationalDigits(main, digits, nanp);
  if (intl !== undefined) {
    if (intl.startsWith('1')) return nanpNational(intl, extWarning, options.dummy);
    return viaLibrary(`+${intl}`, region, extWarning, options);
  }
  if (nanp) return nanpNational(digits, extWarning, options.dummy);
  return viaLibrary(digits, region, extWarning, options);
}

/** True when `code` is a region the phone normalizer reads national numbers of (`US`, `GB`…). */
export function isPhoneRegion(code: string): code is CountryCode {
  if (code === 'US' || code === 'CA') return true;
  return code.length === 2 && isSupportedCountry(code);
}

/**
 * Normalize a phone number to digits only. NANP (+1) numbers → 10 digits (warning
 * PHONE_NANP_INVALID when the area code or exchange starts with 0 or 1); other numbers → calling
 * code + national number (warning PHONE_INTERNATIONAL). Extensions are dropped with a warning.
 * Empty input → '' (or the `dummy` in that form, with warning PHONE_DUMMY_FILLED).
 */
export function normalizePhone(raw: string, options: NormalizePhoneOptions = {}): NormalizeResult<string> {
  const s = blankOrTrimmed(raw);
  if (s === '') {
    if (options.dummy === undefined) return ok('');
    return ok(
      nationalDummy(options.dummy),
      warn('PHONE_DUMMY_FILLED', 'Empty phone number filled with the configured dummy number.'),
    );
  }
  // a phone number a spreadsheet stored as a number (5552018779.0): its .0 is no digit
  if (s.charCodeAt(s.length - 1) === 48 && SPREADSHEET_DECIMAL.test(s)) {
    const r = normalizePhone(s.slice(0, s.indexOf('.')), options);
    return r.ok
      ? ok(
          r.value,
          r.warning ??
            warn(
              'SPREADSHEET_TRAILING_DECIMAL',
              "The phone number got a trailing '.0' from a spreadsheet; it was removed.",
            ),
        )
      : r;
  }
  const region = options.defaultRegion ?? 'US';
  if (NANP_REGIONS.has(region) && s.length <= 20) {
    const fast = fastNanp(s);
    if (fast !== undefined) return nanpOk(fast, undefined, options.dummy);
  }
  if (!isPhoneRegion(region)) {
    return fail('PHONE_REGION_UNSUPPORTED', 'The configured default phone region is not supported.', {
      received: 'unsupported region option',
    });
  }
  return slowPath(s, region, options);
}
