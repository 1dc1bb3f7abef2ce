/**
 * Catalog of every issue code the contact normalizers (phone, country, state, postal code, email,
 * name, boolean, enum) can produce.
 * @module
 */
import type { IssueCatalog } from '../core/index.js';

/** Every contact-normalizer issue code with its severity and a one-line description. */
export const CONTACT_ISSUE_CODES: IssueCatalog = {
  PHONE_TOO_SHORT: {
    severity: 'error',
    description: 'Phone number has fewer digits than a full number needs.',
  },
  PHONE_TOO_LONG: { severity: 'error', description: 'Phone number has more digits than any valid number.' },
  PHONE_INVALID: {
    severity: 'error',
    description: 'Phone number contains letters or characters that are not part of a phone number.',
  },
  PHONE_SCIENTIFIC_NOTATION: {
    severity: 'error',
    description:
      'Phone number was turned into scientific notation by a spreadsheet; digits are lost, re-export the file.',
  },
  PHONE_REGION_UNSUPPORTED: {
    severity: 'error',
    description: 'The configured default phone region is not a known country code.',
  },
  PHONE_INTERNATIONAL_NOT_ALLOWED: {
    severity: 'error',
    description: 'Phone number is outside the +1 (NANP) area and international numbers are not allowed.',
  },
  PHONE_EXTENSION_DROPPED: {
    severity: 'warning',
    description:
      'Phone extension was removed; the target column holds digits only (the message also says when the number cannot be dialled: PHONE_NANP_INVALID).',
  },
  PHONE_INTERNATIONAL: {
    severity: 'warning',
    description:
      'Phone number is outside the +1 (NANP) area; written as country calling code + national number, no plus.',
  },
  PHONE_NANP_INVALID: {
    severity: 'warning',
    description:
      'A US/CA (NANP) number whose area code or exchange starts with 0 or 1 cannot be dialled; written, but a gateway may refuse it (not flagged: an exchange after area code 555, fictional numbers, and the configured dummy). When an extension was also dropped, the warning is PHONE_EXTENSION_DROPPED and its message says this too.',
  },
  PHONE_DUMMY_FILLED: {
    severity: 'warning',
    description: 'Phone number was empty and was filled with the configured dummy number.',
  },
  COUNTRY_UNKNOWN: {
    severity: 'error',
    description: 'Country is not a known ISO 3166-1 code, English name or alias.',
  },
  COUNTRY_CONSTITUENT_MAPPED: {
    severity: 'warning',
    description:
      'A constituent country (England, Scotland, Wales, Northern Ireland) was mapped to its ISO country (GB).',
  },
  STATE_UNKNOWN: {
    severity: 'error',
    description: 'State or province is not a known code or name for the country (US, CA, AU).',
  },
  STATE_TOO_LONG: {
    severity: 'error',
    description: 'Region text is longer than the 6 characters the target column holds.',
  },
  STATE_OBSOLETE_CODE: {
    severity: 'warning',
    description: 'An obsolete province code (PQ, NF, YK) was replaced by the current one.',
  },
  POSTAL_INVALID: {
    severity: 'error',
    description: 'Postal code does not have the shape required for its country.',
  },
  POSTAL_TOO_LONG: {
    severity: 'error',
    description: 'Postal code is longer than the 10 characters the target column holds.',
  },
  POSTAL_LEADING_ZERO_RESTORED: {
    severity: 'warning',
    description:
      'Postal code lost its leading zero(s) (spreadsheet damage); restored because the US state only has 0-prefixed ZIPs, or because every code of the country (AU NZ NO ZA DE FR IT ES FI MX MY KR) has that many digits.',
  },
  POSTAL_LEADING_ZERO_LOST: {
    severity: 'error',
    description: 'US ZIP has too few digits and the state does not prove which leading zeros were lost.',
  },
  EMAIL_INVALID: {
    severity: 'error',
    description:
      'Email address is not of the form local@domain.tld (one @, no spaces, at most 254 characters).',
  },
  TEXT_MOJIBAKE_REPAIRED: {
    severity: 'warning',
    description:
      'A name or text value was UTF-8 once read as Windows-1252 ("JosÃ©"); it was repaired ("José").',
  },
  NAME_TOO_LONG: {
    severity: 'error',
    description: 'Name is longer than the target column allows; it is never truncated.',
  },
  NAME_SINGLE_WORD: {
    severity: 'warning',
    description: 'Full name has a single word; it was used as the first name and the last name is empty.',
  },
  BOOLEAN_INVALID: {
    severity: 'error',
    description: 'Value is not a recognised yes/no value (true/false, yes/no, y/n, 1/0, on/off, …).',
  },
  ENUM_UNMAPPED: { severity: 'error', description: 'Value has no mapping to an allowed target value.' },
  ENUM_CASE_FIXED: {
    severity: 'warning',
    description: 'Value matched an allowed target value except for letter case; the exact case was written.',
  },
};
