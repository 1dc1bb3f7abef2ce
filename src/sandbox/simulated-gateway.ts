/**
 * The sandbox's payment gateway: approves or declines by test card number. The sandbox keeps only
 * BIN + last 4, so test cards are recognised by their masked form (unique among public test cards).
 * @module
 */
import { maskPan } from '../core/index.js';

/** The gateway's answer. */
export interface GatewayResult {
  readonly approved: boolean;
  readonly responseType: 'SUCCESS' | 'HARD_DECLINE' | 'SOFT_DECLINE';
  readonly responseText: string;
}

/** Public test cards that decline, by reason. */
export const DECLINING_TEST_CARDS: Readonly<Record<string, Omit<GatewayResult, 'approved'>>> = {
  '4000000000000002': { responseType: 'HARD_DECLINE', responseText: 'Card declined' },
  '4000000000009995': { responseType: 'SOFT_DECLINE', responseText: 'Insufficient funds' },
  '4000000000000069': { responseType: 'HARD_DECLINE', responseText: 'Expired card' },
  '4000000000000119': { responseType: 'SOFT_DECLINE', responseText: 'Processing error' },
};

const BY_MASK = new Map(Object.entries(DECLINING_TEST_CARDS).map(([pan, r]) => [maskPan(pan), r]));

/** Charge or refund against the card with this masked form ('' for non-card pay sources). */
export function gatewayDecide(cardMasked: string, kind: 'sale' | 'refund'): GatewayResult {
  const decline = kind === 'sale' ? BY_MASK.get(cardMasked) : undefined;
  if (decline) return { approved: false, ...decline };
  return { approved: true, responseType: 'SUCCESS', responseText: 'Approved' };
}
