/**
 * What a column's header suggests about its values (used to read ambiguous shapes).
 * @module
 */
import { isAchHeader, isCvcHeader, isSecretHeader } from '../scan/index.js';
import { headerKey, headerTokens } from './header-key.js';

/** Header-derived hints for one column. */
export interface ColumnHints {
  /** Account, token, hash, CVV or card columns: examples are masked harder. */
  readonly sensitive: boolean;
  /** CVC and secret columns (passwords, API keys): no example shows anything but its shape. */
  readonly hidden: boolean;
  readonly zip: boolean;
  readonly phone: boolean;
  readonly money: boolean;
  readonly expiry: boolean;
  readonly country: boolean;
  readonly state: boolean;
}

const SENSITIVE_RE =
  /(accountnumber|acctnumber|acctno|bankaccount|checkaccount|^acct|iban|routing|checkaba|^aba|token|hash|fingerprint|cvv|cvc|ccnumber|cardnumber|creditcardnumber|^pan$|^ccn$|transactionids|uniqueidentifier)/;
const MONEY = new Set([
  'amount',
  'total',
  'price',
  'gross',
  'net',
  'fee',
  'tax',
  'subtotal',
  'spend',
  'volume',
  'freight',
  'shipping',
  'cost',
]);

/** Hints from a header name. */
export function columnHints(header: string): ColumnHints {
  const tokens = headerTokens(header);
  const has = (set: ReadonlySet<string>): boolean => tokens.some((t) => set.has(t));
  const hidden = isCvcHeader(header) || isSecretHeader(header);
  const sensitive = hidden || isAchHeader(header) || SENSITIVE_RE.test(headerKey(header));
  return {
    sensitive,
    hidden,
    zip: tokens.some((t) => t === 'zip' || t === 'postal' || t === 'postcode'),
    phone: tokens.some((t) => t === 'phone' || t === 'telephone' || t === 'mobile' || t === 'cell'),
    money: has(MONEY) && !tokens.includes('id') && !tokens.includes('method'),
    country: tokens.includes('country'),
    state: tokens.some((t) => t === 'state' || t === 'province' || t === 'region'),
    expiry: tokens.some(
      (t) => t === 'exp' || t === 'expires' || t === 'ccexp' || t === 'expiry' || t === 'expiration',
    ),
  };
}
