/**
 * The most of a card number the import model keeps: BIN + last 4 and the last 4.
 * @module
 */
import { maskPan } from '../core/index.js';

/** Masked form and last 4 of a card number; a token or short value gives empty strings. */
export function maskCard(cardNumber: string): { readonly last4: string; readonly masked: string } {
  const digits = cardNumber.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return { last4: '', masked: '' };
  return { last4: digits.slice(-4), masked: maskPan(digits) };
}
