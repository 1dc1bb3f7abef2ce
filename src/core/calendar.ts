/**
 * Calendar arithmetic on YYYY-MM-DD strings (UTC, no clock).
 * @module
 */

/** `ymd` plus `days` days. */
export function addDaysYmd(ymd: string, days: number): string {
  const t = Date.parse(`${ymd}T00:00:00Z`);
  if (Number.isNaN(t)) return ymd;
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}
