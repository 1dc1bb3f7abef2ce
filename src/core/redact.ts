/**
 * Redaction helpers: what the most any output may show of a sensitive value.
 * @module
 */

/** Describe a value's shape without revealing it, e.g. "16-digit string" or "text of 12 characters". */
export function describeShape(value: string): string {
  if (value === '') return 'empty value';
  if (/^\d+$/.test(value)) return `${value.length}-digit number`;
  if (/^[\d\s-]+$/.test(value)) return `${value.replace(/\D/g, '').length} digits with separators`;
  if (/^\d(?:\.\d+)?[eE]\+?\d+$/.test(value)) return 'number in scientific notation';
  return `text of ${value.length} characters`;
}

/** Mask a card number to BIN (first 6) + last 4, PCI DSS 3.4.1. Short values keep only the last 2. */
export function maskPan(pan: string): string {
  const digits = pan.replace(/\D/g, '');
  if (digits.length < 13)
    return digits.length <= 4
      ? '*'.repeat(digits.length)
      : `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/**
 * A run of 13 to 19 digits, single spaces, dashes or dots allowed between them: a card number's
 * shape (dots as some spreadsheets and European exports group digits).
 */
const CARD_LIKE = /\d(?:[ .-]?\d){12,18}/g;

/**
 * `text` with every Luhn-valid card-number-shaped run of digits masked (see {@link maskPan}),
 * whatever the column: for showing a value (a failed rule's "[got …]", a profile example, a
 * header cell), where a shifted column can put a card number in any cell.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(CARD_LIKE, (run) => {
    const digits = run.replace(/[ .-]/g, '');
    return luhnValid(digits) ? maskPan(digits) : run;
  });
}

/** Mask an account-like number to its last 4 digits. */
export function maskAccount(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length <= 4
    ? '*'.repeat(digits.length)
    : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Luhn check over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * The shape of every kmigrate vault token: `tok_` + 26 base32 characters. It can never be taken
 * for a card number; `check` and `detokenize` recognise it.
 */
export const VAULT_TOKEN_PATTERN = /^tok_[a-z2-7]{26}$/;
