/**
 * ACH account detection: a CSV column named like a bank account (account, acct, check_account,
 * bank_account, account_number, dda…) holding unmasked 4–17 digit values.
 * @module
 */
import { headerNameKey } from './sensitive-columns.js';

const ACH_NAME =
  /^(?:(?:ach|bank|check|checking|savings|dda|routing_and)_)?(?:account|acct)(?:_?(?:no|num|number|nbr))?$|^(?:dda(?:_?(?:no|num|number|nbr))?|check_?account|bank_?account_?number|account_?number|acct_?number)$/;

/** True when a header names a bank account number column. */
export function isAchHeader(name: string): boolean {
  return ACH_NAME.test(headerNameKey(name));
}

/** True when a value is an unmasked account number (4–17 digits, separators allowed, no mask). */
export function isUnmaskedAccount(value: string): boolean {
  const v = value.trim();
  if (!/^[\d -]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 4 && digits <= 17;
}
