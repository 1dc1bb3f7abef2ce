/**
 * Source status vocabularies → Konnektive enum values, used to pre-fill `map:` for enum roles
 * from the distinct values a column holds. Unknown values are left for the merchant.
 * @module
 */

const V = (pairs: Record<string, string[]>): ReadonlyMap<string, string> =>
  new Map(Object.entries(pairs).flatMap(([to, from]) => from.map((f): [string, string] => [f, to])));

/** Role id → lower-cased source value → Konnektive value. */
export const ENUM_VOCABULARIES: Readonly<Record<string, ReadonlyMap<string, string>>> = {
  response: V({
    SUCCESS: [
      'paid',
      'succeeded',
      'success',
      'successful',
      'approved',
      'complete',
      'completed',
      'settled',
      'settled successfully',
      'captured/pending settlement',
      'submitted_for_settlement',
      'settling',
      'authorized',
      'pendingsettlement',
      'approved review',
    ],
    DECLINE: [
      'failed',
      'declined',
      'decline',
      'processor_declined',
      'gateway_rejected',
      'general error',
      // not 'voided': a void is no decline (the presets skip voids); it is left for the merchant
      'failed review',
      'expired',
    ],
  }),
  txnType: V({
    SALE: ['sale', 'charge', 'auth_capture', 'authorization w/ auto capture', 'payment', 'sale_transaction'],
    AUTHORIZE: ['auth', 'auth_only', 'authorization only', 'authorize', 'authorization'],
    CAPTURE: ['capture', 'prior_auth_capture', 'prior authorization capture', 'capture_only'],
    REFUND: ['refund', 'credit', 'refunded'],
  }),
  activeRecurring: V({
    '1': ['active', 'trialing', 'in_trial', 'wc-active', 'future', 'true', 'yes'],
    '0': [
      'canceled',
      'cancelled',
      'expired',
      'wc-cancelled',
      'wc-expired',
      'incomplete_expired',
      'terminated',
      'ended',
      'false',
      'no',
      'unpaid',
    ],
  }),
  paySource: V({
    CREDITCARD: ['cc', 'creditcard', 'credit_card', 'credit card', 'card', 'visa', 'mastercard'],
    CHECK: ['ck', 'check', 'echeck', 'ach', 'us_bank_account', 'bank_account'],
  }),
  achAccountType: V({ CHECKING: ['checking'], SAVINGS: ['savings'] }),
};

/** The `map:` for the values a column holds, and the values nothing maps. */
export function enumMapFor(
  role: string,
  values: readonly string[],
): { map: Record<string, string>; unknown: string[] } | null {
  const vocabulary = ENUM_VOCABULARIES[role];
  if (vocabulary === undefined) return null;
  const map: Record<string, string> = {};
  const unknown: string[] = [];
  for (const value of values) {
    const to = vocabulary.get(value.trim().toLowerCase());
    if (to === undefined) unknown.push(value);
    else map[value] = to;
  }
  return { map, unknown };
}
