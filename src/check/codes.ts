/**
 * Issue codes of `kmigrate check` (and of the build's final validation).
 * @module
 */
import type { IssueCatalog } from '../core/index.js';

/** Every issue code the check engine emits. Documented in docs/error-codes.md. */
export const CHECK_ISSUE_CODES = {
  FILE_NO_RECORDS: { severity: 'error', description: 'The file has a header but no data records.' },
  FILE_LAYOUT: {
    severity: 'error',
    description:
      'The file is laid out in a way the vendor importer does not read (another delimiter than a comma, a `sep=` line or other lines before the header, CR-only line ends), though kmigrate could read it.',
  },
  HEADER_MISSING_COLUMN: {
    severity: 'error',
    description: 'A required column of the target format is not in the header.',
  },
  HEADER_MISSING_OPTIONAL: {
    severity: 'warning',
    description: 'An optional column of the target format is not in the header.',
  },
  HEADER_NAME_CASE: {
    severity: 'error',
    description:
      'A header name differs from the target format only in case or spaces; the vendor needs exact names.',
  },
  TEMPLATE_HEADER_EXTRA: {
    severity: 'error',
    description:
      "A header column is not in the vendor template: the vendor expects exactly the template's columns.",
  },
  TEMPLATE_HEADER_MISSING: {
    severity: 'error',
    description:
      'A column of the vendor template is not in the header (optional or not): the vendor expects exactly its columns.',
  },
  HEADER_UNKNOWN_COLUMN: {
    severity: 'warning',
    description: 'A header column is not part of the target format.',
  },
  HEADER_DUPLICATE: { severity: 'error', description: 'A header name appears more than once.' },
  HEADER_ORDER: {
    severity: 'error',
    description: 'The columns are not in the order of the target format or template.',
  },
  REQUIRED_MISSING: { severity: 'error', description: 'A required value is empty.' },
  REQUIRED_IF_MISSING: {
    severity: 'error',
    description:
      'A value required by another column of the row is empty (e.g. cardNumber when paySource=CREDITCARD).',
  },
  VALUE_WHITESPACE: { severity: 'warning', description: 'A value has leading or trailing spaces.' },
  TYPE_INTEGER: { severity: 'error', description: 'Not a whole number (digits only).' },
  TYPE_DECIMAL: { severity: 'error', description: 'Not a decimal number such as 29.95.' },
  DECIMAL_NEGATIVE: {
    severity: 'warning',
    description: 'A negative amount; the import expects positive amounts (refunds are marked by txnType).',
  },
  TYPE_DATETIME: { severity: 'error', description: 'Not a valid date-time in the form YYYY-MM-DD HH:MM:SS.' },
  TYPE_DATE: { severity: 'error', description: 'Not a valid date in the form YYYY-MM-DD.' },
  TYPE_BIT: { severity: 'error', description: 'Not 0 or 1.' },
  TYPE_DIGITS: {
    severity: 'error',
    description: 'Not digits only (card and ACH numbers carry no spaces, dashes or masks).',
  },
  TYPE_MONTH: { severity: 'error', description: 'Not a zero-padded month 01-12.' },
  TYPE_YEAR: { severity: 'error', description: 'Not a four-digit year.' },
  ENUM_INVALID: {
    severity: 'error',
    description: 'Not one of the allowed values (exact case and spelling).',
  },
  LENGTH_EXCEEDED: {
    severity: 'error',
    description: 'Longer than the column allows; values are never truncated silently.',
  },
  LENGTH_TOO_SHORT: {
    severity: 'error',
    description: 'Shorter than the column requires (e.g. a routing number needs 9 digits).',
  },
  FORMAT_EMAIL: { severity: 'error', description: 'Not a valid email address.' },
  FORMAT_PHONE: { severity: 'error', description: 'Not a phone number of digits only (7 to 15 digits).' },
  PHONE_NANP_INVALID: {
    severity: 'warning',
    description:
      'A US/CA (NANP) number whose area code or exchange starts with 0 or 1 cannot be dialled; a gateway may refuse it. Judged as the build judges it: 10 digits, or 11 starting with 1, in a row whose country is US, CA or another +1 region, or empty (a number of another country is not judged); not flagged: an exchange after area code 555 (fictional numbers) and the dummy fill the check knows (1111111111, 0000000000, 1234567890, 9999999999).',
  },
  FORMAT_STATE: {
    severity: 'error',
    description:
      "Not the 2-letter code of a state of the address's country: a US state (DC, territories and military codes included) when the country is US, a Canadian province or territory when it is CA.",
  },
  FORMAT_POSTAL: {
    severity: 'error',
    description:
      'Not a valid postal code for the country (US: 12345 or 12345-6789; CA: A1A 1A1; AU NZ NO ZA: 4 digits and DE FR IT ES FI MX MY KR: 5 digits when all digits).',
  },
  FORMAT_COUNTRY: { severity: 'error', description: 'Not an ISO 3166-1 alpha-2 country code in upper case.' },
  SPREADSHEET_SCIENTIFIC_NOTATION: {
    severity: 'error',
    description:
      'A number in scientific notation (4.11111E+15): a spreadsheet destroyed the digits; re-export without Excel.',
  },
  CHECKSUM_LUHN: {
    severity: 'warning',
    description: 'The card number fails the Luhn check (fine for a vendor token, wrong for a card).',
  },
  VAULT_TOKEN: {
    severity: 'warning',
    description:
      'A kmigrate vault token stands where the vendor expects the card number: deliver the file only through `kmigrate detokenize --encrypt-to`, never as it is.',
  },
  CHECKSUM_ABA: { severity: 'error', description: 'The routing number fails the ABA check digit.' },
  CARD_EXPIRED: { severity: 'warning', description: 'The card expired before the import date.' },
  CARD_EXPIRES_BEFORE_NEXT_BILL: {
    severity: 'warning',
    description: 'The card expires before the next bill date; the rebill will decline.',
  },
  NEXT_BILL_DATE_PAST: {
    severity: 'warning',
    description:
      'An active subscription has a next bill date before the import date: the CRM rebills it at once on import.',
  },
  NEXT_BILL_DATE_IMMINENT: {
    severity: 'warning',
    description: 'An active subscription bills within the imminent window after the import date.',
  },
  CUSTOMER_INCONSISTENT: {
    severity: 'warning',
    description: 'The same customerId has different name, address, email or phone on different rows.',
  },
  REFUND_WITHOUT_SALE: {
    severity: 'warning',
    description: 'A REFUND row whose order has no SALE or CAPTURE row.',
  },
  DUPLICATE_DETAILS_ROW: {
    severity: 'error',
    description:
      'An Additional Customer Details file holds two rows for one customerId; it takes one row per customer (which one the CRM keeps is not defined).',
  },
  DUPLICATE_MERCHANT_TXN_ID: {
    severity: 'warning',
    description: 'The same merchantTxnId appears twice for one merchantId and txnType.',
  },
  LIKELY_DUPLICATE_CUSTOMER: {
    severity: 'warning',
    description: 'Two customerIds share an email, phone or card: probably one person.',
  },
  TEMPLATE_NAME_CASE: {
    severity: 'warning',
    description: 'A template column differs from the spec only in case; the template spelling is used.',
  },
  TEMPLATE_UNKNOWN_COLUMN: {
    severity: 'warning',
    description: 'No rule is known for a template column; it is checked as text only.',
  },
  TEMPLATE_TRAILING_EMPTY: {
    severity: 'warning',
    description:
      'The template header ends in empty names (a trailing delimiter, as a spreadsheet saves it); they are ignored.',
  },
  TEMPLATE_COLUMN_DROPPED: {
    severity: 'warning',
    description: 'A spec column is not in the vendor template and is not written.',
  },
} as const satisfies IssueCatalog;

/** A check issue code. */
export type CheckIssueCode = keyof typeof CHECK_ISSUE_CODES;
