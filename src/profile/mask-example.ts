/**
 * Masking of example values: anything that looks like a card, token or account number shows at
 * most its BIN and last 4 (PCI DSS 3.4.1).
 * @module
 */
import { describeShape, maskAccount, maskCardNumbers, maskPan } from '../core/index.js';
import { classifyValue, type ValueKind } from './classify-value.js';

const PAYMENT_TOKEN_RE = /^(card|pm|src|ba|tok|seti)_([A-Za-z0-9]+)$/;
const LONG_DIGITS_RE = /\d{5,}/g;
const ACCOUNT_IN_TEXT_RE = /\d{8,}/g;
const SNAKE_CASE_NAME_RE = /^(card|pm|src|ba|tok|seti)_[a-z0-9]+$/;

/** A masked card number keeps at most its first 6 and last 4 digits visible. */
function remask(masked: string): string {
  const lead = /^\d*/.exec(masked)?.[0] ?? '';
  const tail = /\d*$/.exec(masked)?.[0] ?? '';
  const middle = masked.slice(lead.length, masked.length - tail.length);
  const keptLead = lead.slice(0, 6);
  const keptTail = tail.slice(-4);
  const hidden = lead.length - keptLead.length + (tail.length - keptTail.length);
  return `${keptLead}${'*'.repeat(hidden)}${middle}${keptTail}`;
}

/**
 * The example to show for a value. `sensitive` marks account, token, hash and CVV columns: long
 * digit runs and opaque tokens there keep only their last 4 characters. `hidden` (CVC and secret
 * columns): only the value's shape.
 */
export function maskExample(value: string, kind: ValueKind, sensitive: boolean, hidden = false): string {
  if (hidden) return describeShape(value);
  if (kind === 'pan') return maskPan(value);
  if (kind === 'masked-pan') return remask(value);
  const token = PAYMENT_TOKEN_RE.exec(value);
  if (token !== null) return `${token[1]}_…${(token[2] ?? '').slice(-4)}`;
  if (sensitive) {
    if (/^[\d\s-]+$/.test(value)) return maskAccount(value);
    if (value.length > 8 && !/\s/.test(value)) return `…${value.slice(-4)} (${value.length} characters)`;
    return maskCardNumbers(value).replace(LONG_DIGITS_RE, (run) => maskAccount(run));
  }
  // free text (a memo, a note) can quote a bank account, a routing number or an IBAN
  if (kind === 'text') return maskCardNumbers(value).replace(ACCOUNT_IN_TEXT_RE, (run) => maskAccount(run));
  return maskCardNumbers(value);
}

/**
 * A column name as the profile shows it. The header line of a file without one is its first
 * record: an account number, a card number or a gateway token would be printed as a column name.
 * Names are masked like the values they may be (a real header holds no run of 8 digits).
 */
export function shownColumnName(name: string): string {
  // a snake_case name (card_brand, card_last4, pm_type) is a column of a real header, not a
  // gateway's id (card_1MvN8z…: mixed case): kept, or map proposes `from:` columns the file lacks
  if (SNAKE_CASE_NAME_RE.test(name)) return name.replace(ACCOUNT_IN_TEXT_RE, (run) => maskAccount(run));
  return maskExample(name, classifyValue(name), false).replace(ACCOUNT_IN_TEXT_RE, (run) => maskAccount(run));
}
