/**
 * Date formats of the API: filters are sent as MM/DD/YYYY; output dates read as YYYY-MM-DD.
 * @module
 */
import { isCalendarDate } from '../core/index.js';

/** YYYY-MM-DD → MM/DD/YYYY (the filter format). */
export function toApiDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${ymd}`);
  return `${m[2]}/${m[3]}/${m[1]}`;
}

/** MM/DD/YYYY → YYYY-MM-DD, or null when `text` is not in that form or no calendar date (13/45/2026). */
export function fromApiDate(text: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  const ymd = m ? `${m[3]}-${m[1]}-${m[2]}` : null;
  return ymd !== null && isCalendarDate(ymd) ? ymd : null;
}

/** An output date as YYYY-MM-DD (accepts YYYY-MM-DD[ HH:MM:SS] or MM/DD/YYYY). */
export function normalizeOutputDate(text: string): string {
  const t = text.trim();
  return fromApiDate(t) ?? (/^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : t);
}
