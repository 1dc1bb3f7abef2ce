/**
 * The kind of one (trimmed, non-blank) value: what a column of such values probably holds.
 * @module
 */
import { luhnValid } from '../core/index.js';
import { isMarkedAmount, normalizeCountry, normalizeState } from '../normalize/index.js';

/** Value kinds, from most to least specific. */
export type ValueKind =
  | 'pan'
  | 'masked-pan'
  | 'scientific'
  | 'token'
  | 'email'
  | 'date'
  | 'money'
  | 'decimal'
  | 'integer'
  | 'phone'
  | 'boolean'
  | 'country-code'
  | 'country-name'
  | 'state-code'
  | 'state-name'
  | 'uuid'
  | 'placeholder'
  | 'text';

// 4-4-4-4(+) as most brands print; 4-6-5 (Amex) and 4-6-4 (Diners) as theirs do
const PAN_RE = /^(?:\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,7}|\d{4}[ -]\d{6}[ -]\d{4,5})$/;
const MASKED_RE = /^(?:\d{0,8}[xX*•#]{2,15}\d{2,4}|[xX*]{4})$/;
const SCIENTIFIC_RE = /^-?\d(?:[.,]\d+)?[eE][+-]?\d{1,3}$/;
const TOKEN_RE = /^(?:card|pm|src|ba|tok|seti|cus|ch|py|pi|sub|in|price|prod|txn|re)_[A-Za-z0-9]{6,}$/;
const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,253}\.[A-Za-z]{2,24}$/;
const DATE_RE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-\s][A-Za-z]{3,9}\.?[-\s,]{1,2}\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:T?\d{6})?Z?)(?:$|[\sT,])/;
const DECIMAL_RE = /^-?(?:\d{1,3}(?:[.,\s]\d{3})+|\d+)[.,]\d{1,4}$/;
const INTEGER_RE = /^[-+]?\d+$/;
const PHONE_RE = /^(?:\+|00)?[\d\s().-]{7,22}(?:\s*(?:x|ext\.?|#)\s*\d{1,6})?$/i;
const BOOLEAN = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f', 'on', 'off']);
const PLACEHOLDERS = new Set(['null', 'n/a', 'na', 'none', 'not applicable', '-', '--', 'nil', 'undefined']);
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const ALPHA_RE = /^[A-Za-z][A-Za-z .'-]{1,40}$/;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function classifyDigits(text: string): ValueKind | null {
  if (PAN_RE.test(text)) {
    const digits = text.replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return 'pan';
  }
  if (INTEGER_RE.test(text)) return text.startsWith('+') && text.length >= 11 ? 'phone' : 'integer';
  if (DECIMAL_RE.test(text)) return 'decimal';
  if (SCIENTIFIC_RE.test(text)) return 'scientific';
  return null;
}

const STATE_COUNTRIES = ['US', 'CA', 'AU'];

function isStateCode(text: string): boolean {
  return STATE_COUNTRIES.some((country) => {
    const r = normalizeState(text, { country });
    return r.ok && r.value === text;
  });
}

function isStateName(text: string): boolean {
  return STATE_COUNTRIES.some((country) => {
    const r = normalizeState(text, { country });
    return r.ok && r.value !== text && r.value.length <= 3;
  });
}

function classifyPlace(text: string): ValueKind | null {
  if (!ALPHA_RE.test(text)) return null;
  const upper = text === text.toUpperCase();
  if (upper && text.length <= 3) {
    if (text.length === 2 && isStateCode(text)) return 'state-code';
    return normalizeCountry(text).ok ? 'country-code' : null;
  }
  if (text.length < 4) return null;
  if (isStateName(text)) return 'state-name';
  return normalizeCountry(text).ok ? 'country-name' : null;
}

/** Classify one trimmed, non-blank value. */
export function classifyValue(text: string): ValueKind {
  if (text.length > 200) return 'text';
  const lower = text.toLowerCase();
  if (PLACEHOLDERS.has(lower)) return 'placeholder';
  if (BOOLEAN.has(lower)) return 'boolean';
  const c = text.charCodeAt(0);
  const startsDigit = c >= 48 && c <= 57;
  if (startsDigit || c === 45 || c === 43) {
    if (DATE_RE.test(text)) return 'date';
    const byDigits = classifyDigits(text);
    if (byDigits !== null) return byDigits;
  }
  if (MASKED_RE.test(text)) return 'masked-pan';
  if (TOKEN_RE.test(text)) return 'token';
  if (UUID_RE.test(text)) return 'uuid';
  if (text.includes('@')) return EMAIL_RE.test(text) ? 'email' : 'text';
  if (DATE_RE.test(text)) return 'date';
  // an amount with a currency marker, read as build's money normalizer reads it
  if (isMarkedAmount(text)) return 'money';
  if (PHONE_RE.test(text) && digitCount(text) >= 7) return 'phone';
  return classifyPlace(text) ?? 'text';
}
