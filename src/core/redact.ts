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
 * A run of digit groups a card number may be written in: digits with up to three spaces, dashes,
 * no-break or thin spaces or line breaks between groups, or a dot (some spreadsheets and European
 * exports group digits with dots). Each step takes a digit, so it never backtracks.
 */
const DIGIT_RUN = /\d(?:(?:[\s\u2007\u2009\u202f-]{1,3}|\.)?\d)*/g;
const DIGIT_GROUP = /\d+/g;

/**
 * `run` with every span of whole digit groups holding 13–19 Luhn-valid digits masked: the card
 * number in "4111 1111 1111 1111 2024" or "ref 12 4111111111111111" is the span, not the run.
 */
function maskRun(run: string): string {
  const groups = [...run.matchAll(DIGIT_GROUP)].map((m) => ({ at: m.index, digits: m[0] }));
  let out = '';
  let copied = 0;
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length && digits.length <= 19; j++) {
      const last = groups[j] as { at: number; digits: string };
      digits += last.digits;
      if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
      const first = groups[i] as { at: number; digits: string };
      out += `${run.slice(copied, first.at)}${maskPan(digits)}`;
      copied = last.at + last.digits.length;
      i = j;
      break;
    }
  }
  return out + run.slice(copied);
}

/**
 * `text` with every Luhn-valid card-number-shaped run of digits masked (see {@link maskPan}),
 * whatever the column: for showing a value (a failed rule's "[got …]", a profile example, a
 * header cell), where a shifted column can put a card number in any cell. It masks at least what
 * the scanner reports (any span of digit groups, whatever the brand).
 */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (run.length < 13 ? run : maskRun(run)));
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
