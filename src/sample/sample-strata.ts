/**
 * The strata a customer belongs to: every (merchantId × campaignId × productId, active/inactive,
 * paySource, billShipSame, domestic/foreign) combination of its rows, plus the risk strata.
 * @module
 */
import type { LegacyRow } from '../import-model/index.js';

/** Options that decide risk strata. */
export interface StrataOptions {
  readonly importDate: string;
  /** Next bill dates up to this day (inclusive) are imminent. */
  readonly imminentUntil: string;
  /** The merchant's home country (ISO alpha-2): other countries are "foreign". */
  readonly homeCountry: string;
}

/** The risk strata, by key. */
export const RISK_STRATA = {
  'risk:imminent-next-bill': 'active subscription billing before or soon after the import date',
  'risk:expiring-card': 'card expires before the next bill date',
  'risk:refund': 'customer has a refund',
  'risk:decline': 'customer has a declined transaction',
} as const;

/** The strata keys of one row. */
export function rowStrata(r: LegacyRow, o: StrataOptions): string[] {
  const active = r.get('isActiveRecurring') === '1';
  const country = r.get('country').toUpperCase();
  const keys = [
    [
      `mid ${r.get('merchantId')} × campaign ${r.get('campaignId')} × product ${r.get('productId')}`,
      active ? 'active' : 'inactive',
      r.get('paySource') || '(no paySource)',
      `billShipSame=${r.get('billShipSame')}`,
      country === o.homeCountry ? 'domestic' : 'foreign',
    ].join(' | '),
  ];
  const next = r.get('nextBillDate');
  if (active && (next === '' || next <= o.imminentUntil)) keys.push('risk:imminent-next-bill');
  const month = r.get('cardExpiryMonth');
  const year = r.get('cardExpiryYear');
  if (active && r.get('paySource') === 'CREDITCARD' && month && year && next) {
    if (`${year}-${month.padStart(2, '0')}` < next.slice(0, 7)) keys.push('risk:expiring-card');
  }
  if (r.get('txnType') === 'REFUND') keys.push('risk:refund');
  if (r.get('responseType') === 'DECLINE') keys.push('risk:decline');
  return keys;
}
