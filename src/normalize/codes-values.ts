/**
 * Catalog of every issue code the value normalizers (dates, expiry, money, digits, spreadsheet
 * damage) can produce.
 * @module
 */
import type { IssueCatalog } from '../core/index.js';

/** Every value-normalizer issue code with its severity and a one-line description. */
export const VALUE_ISSUE_CODES: IssueCatalog = {
  DATE_INVALID: {
    severity: 'error',
    description: 'Not a real date or time (unknown shape, Feb 30, 25:00, Excel serial 0 or 60).',
  },
  DATE_FORMAT_MISMATCH: {
    severity: 'error',
    description:
      "The value does not fit the column's date format (for example day-first in a month-first column).",
  },
  DATE_AMBIGUOUS: {
    severity: 'error',
    description:
      'The column cannot be read: month-first and day-first both fit every value, or both are proven.',
  },
  DATE_YEAR_IMPLAUSIBLE: {
    severity: 'warning',
    description: 'The year is from 1900 to 1989: probably a placeholder date.',
  },
  DATE_YEAR_OUT_OF_RANGE: {
    severity: 'error',
    description: 'The year is before 1900 or after 2100 (a sentinel such as 9999-12-31).',
  },
  DATE_ZONE_UNKNOWN: {
    severity: 'error',
    description: 'The time zone written in the value is unknown or ambiguous (e.g. IST).',
  },
  DATE_ZONE_INVALID: {
    severity: 'error',
    description: 'A configured source or target zone is not a known IANA zone name.',
  },
  DATE_TIME_SKIPPED: {
    severity: 'warning',
    description:
      'The wall-clock time does not exist in the source zone (DST spring-forward); read with the earlier offset.',
  },
  DATE_TIME_REPEATED: {
    severity: 'warning',
    description:
      'The wall-clock time occurs twice in the source zone (DST fall-back); the earlier instant was used.',
  },
  EXPIRY_INVALID: { severity: 'error', description: 'Not a card expiry in any known shape.' },
  EXPIRY_MONTH_INVALID: { severity: 'error', description: 'The expiry month is not 01–12.' },
  EXPIRY_YEAR_INVALID: {
    severity: 'error',
    description: 'The expiry year is not a 2- or 4-digit year from 2000 to 2099.',
  },
  EXPIRY_AMBIGUOUS: {
    severity: 'error',
    description: 'A 4-digit expiry reads both as MMYY and YYMM and the order is auto.',
  },
  EXPIRY_MASKED: {
    severity: 'error',
    description: 'The expiry is masked (XXXX, **/**): the unmasked card file is needed.',
  },
  EXPIRY_LEADING_ZERO_RESTORED: {
    severity: 'warning',
    description: 'A 3- or 5-digit expiry lost its leading zero in a spreadsheet; the zero was put back.',
  },
  MONEY_INVALID: { severity: 'error', description: 'Not a money amount (or a fraction in a cents column).' },
  MONEY_NEGATIVE: {
    severity: 'error',
    description: 'The amount is negative and the column takes only positive amounts.',
  },
  MONEY_TOO_PRECISE: {
    severity: 'error',
    description: 'The amount has more decimals than allowed that are not zeros.',
  },
  MONEY_TOO_LARGE: {
    severity: 'error',
    description: 'The amount has more integer digits than allowed (default 9).',
  },
  MONEY_AMBIGUOUS_SEPARATOR: {
    severity: 'error',
    description:
      "The amount uses the other separator before 1–3 digits (1,23 or 0,500 in a '.' column), or reads both ways (1.200: a thousands group or three decimals) in a column whose values do not decide.",
  },
  MONEY_CURRENCY_MISMATCH: {
    severity: 'error',
    description:
      "The amount is marked with a currency (€29.95, 29.95 GBP) other than the column's (target.currency or the column's currency; USD when none is declared): the import file holds no currency.",
  },
  DIGITS_INVALID: {
    severity: 'error',
    description: 'The value holds characters other than digits, spaces and dashes.',
  },
  DIGITS_MASKED: {
    severity: 'error',
    description: 'The number is masked (4xxx…1111, XXXX9876, ••••): the full value is needed.',
  },
  DIGITS_LENGTH: {
    severity: 'error',
    description: 'The number has too few or too many digits for its kind.',
  },
  DIGITS_LUHN_FAILED: { severity: 'error', description: 'The card number fails the Luhn check.' },
  DIGITS_ROUTING_CHECKSUM: {
    severity: 'error',
    description: 'The routing number fails the ABA 3-7-1 checksum.',
  },
  SPREADSHEET_SCIENTIFIC_NOTATION: {
    severity: 'error',
    description:
      'A long number was turned into scientific notation (4.11111E+15): digits are lost, re-export without Excel.',
  },
  SPREADSHEET_PRECISION_LOST: {
    severity: 'error',
    description:
      'Excel kept only 15 significant digits of a card number (it ends in 0 and fails Luhn): re-export.',
  },
  SPREADSHEET_LEADING_ZERO_LOST: {
    severity: 'error',
    description:
      'An 8-digit routing number: a spreadsheet dropped its leading zero; re-export without Excel.',
  },
  SPREADSHEET_TRAILING_DECIMAL: {
    severity: 'warning',
    description: "An integer got a trailing '.0' from a spreadsheet; it was removed.",
  },
  SPREADSHEET_CELL_OVERFLOW: {
    severity: 'error',
    description: "The cell holds only '#' (a spreadsheet column too narrow).",
  },
  SPREADSHEET_ERROR_VALUE: {
    severity: 'error',
    description: 'The cell holds a spreadsheet error (#VALUE!, #N/A, #REF!, …).',
  },
};
