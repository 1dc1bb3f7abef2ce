/**
 * Derived columns of a joined record: `derived.isActiveRecurring` and `derived.nextBillDate` from
 * the subscription's status and period end (the trial end while trialing), in the preset's
 * status vocabulary; `derived.orderId` from the order numbering; `derived.customerId`, the
 * canonical id after duplicate customers were merged; `derived.txnType` and `derived.refundAmount`
 * for sources whose sale rows carry the refunded amount (a REFUND row follows such a sale).
 * @module
 */
import type { DeriveConfig } from '../config/index.js';

/** The names of the derived columns, in the order they follow the joined columns. */
export const DERIVED_COLUMNS = [
  'derived.isActiveRecurring',
  'derived.nextBillDate',
  'derived.orderId',
  'derived.customerId',
  'derived.txnType',
  'derived.refundAmount',
] as const;

/** True when a refunded-amount cell holds a positive amount (`0.00`, blank, `null`, `-5` are not). */
export function isPositiveAmount(raw: string): boolean {
  const v = raw.trim();
  if (v.startsWith('-') || v.startsWith('(') || v.toLowerCase() === 'null') return false;
  return /^[^\d]{0,4}[\d.,\s]+[^\d]{0,4}$/.test(v) && /[1-9]/.test(v);
}

type SubscriptionConfig = NonNullable<DeriveConfig['subscription']>;

/** Virtual-row indexes of the subscription columns (-1 when absent). */
export interface SubscriptionColumns {
  readonly status: number;
  readonly periodEnd: number;
  readonly trialEnd: number;
  readonly autoRenew: number;
}

/** Auto-renew flags that say a subscription will not renew (lower-cased, trimmed). */
export const NOT_RENEWING: ReadonlySet<string> = new Set(['false', '0', 'no', 'n', 'f']);

function lowerSet(values: readonly string[] | undefined): Set<string> {
  return new Set((values ?? []).map((s) => s.trim().toLowerCase()));
}

/** Compile the subscription derivation: virtual row → [isActiveRecurring, nextBillDate]. */
export function compileSubscription(
  config: SubscriptionConfig,
  at: SubscriptionColumns,
): (fields: readonly string[]) => [string, string] {
  const active = lowerSet(config.active);
  const trialing = lowerSet(config.trialing);
  const none = lowerSet(config.none ?? ['0', 'null', '0000-00-00 00:00:00']);
  const cell = (i: number, f: readonly string[]): string => (i < 0 ? '' : (f[i] ?? '').trim());
  return (f) => {
    const status = cell(at.status, f).toLowerCase();
    const renews = at.autoRenew < 0 || !NOT_RENEWING.has(cell(at.autoRenew, f).toLowerCase());
    if (!active.has(status) || !renews) return ['0', ''];
    const trialEnd = cell(at.trialEnd, f);
    const date = trialing.has(status) && trialEnd !== '' ? trialEnd : cell(at.periodEnd, f);
    return ['1', none.has(date.toLowerCase()) ? '' : date];
  };
}
