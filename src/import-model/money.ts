/**
 * Money as the import file and the CRM API write it: decimal strings, compared in cents.
 * @module
 */

/** Cents of a decimal string ("29.95" → 2995), or null when it is not a plain amount. */
export function toCents(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

/** A cents amount as a two-decimal string (2995 → "29.95"). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The amount a row charged: totalAmount when given, else subTotal + shippingPrice + salesTax. */
export function rowAmountCents(get: (column: string) => string): number {
  const total = toCents(get('totalAmount'));
  if (total !== null) return total;
  return (
    (toCents(get('subTotal')) ?? 0) + (toCents(get('shippingPrice')) ?? 0) + (toCents(get('salesTax')) ?? 0)
  );
}
