/**
 * A column's format and the evidence for it (date order, decimal separator, names or codes…).
 * @module
 */
import type { ColumnProfiler } from './column-profiler.js';
import type { ColumnType } from './column-type.js';

/** What {@link columnFormat} found. */
export interface FormatFinding {
  format?: string;
  evidence?: string;
  ambiguous?: boolean;
}

function numericFormat(type: ColumnType, p: ColumnProfiler): FormatFinding {
  if (type === 'date') {
    const d = p.dates.result();
    return { format: d.format ?? 'unknown', evidence: d.evidence, ambiguous: d.ambiguous };
  }
  const d = p.decimals.result();
  // no separator decided: values that read both ways (1,234) or prove both — not whole numbers
  if (d.separator === null)
    return { format: 'decimal separator undecided', evidence: d.evidence, ambiguous: true };
  return { format: `decimal '${d.separator}'`, evidence: d.evidence, ambiguous: d.ambiguous };
}

/** Format, evidence and ambiguity for a column of the given type. */
export function columnFormat(type: ColumnType, p: ColumnProfiler): FormatFinding {
  if (type === 'date' || type === 'money' || type === 'decimal') return numericFormat(type, p);
  const k = p.kinds;
  if (type === 'state' || type === 'country') {
    const names = (k.get('state-name') ?? 0) + (k.get('country-name') ?? 0);
    const codes = (k.get('state-code') ?? 0) + (k.get('country-code') ?? 0);
    const format = names > 0 && codes > 0 ? 'names and codes' : names > 0 ? 'names' : 'codes';
    return { format, evidence: `${names} name(s), ${codes} code(s) among the classified values` };
  }
  if (type === 'card-number')
    return {
      format: digitRange(p.panDigits.min, p.panDigits.max),
      evidence: 'Luhn-valid card numbers: a full-PAN column (examples masked)',
    };
  if (type === 'masked-card')
    return { format: 'masked', evidence: 'masked card numbers: usable only to cross-check BIN/last4' };
  if (p.hints.expiry && (type === 'integer' || type === 'zip')) return { format: expiryFormat(p) };
  return {};
}

function digitRange(min: number, max: number): string {
  return min === max ? `${max} digits` : `${min}–${max} digits`;
}

function expiryFormat(p: ColumnProfiler): string {
  const { min, max } = p.lengths;
  const words = p.name.toLowerCase();
  if (words.includes('year')) return `year (${min === max ? max : `${min}–${max}`} digits)`;
  if (words.includes('month') || max <= 2) return 'month (M or MM)';
  return max === 4 ? 'MMYY' : `${min}–${max} digits`;
}
