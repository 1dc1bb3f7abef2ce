/**
 * A column's profile from its accumulators: type, format with evidence, top values, damage.
 * @module
 */
import type { ValueKind } from './classify-value.js';
import { classifyValue } from './classify-value.js';
import { columnFormat } from './column-format.js';
import type { ColumnProfiler } from './column-profiler.js';
import type { ColumnType } from './column-type.js';
import { columnType } from './column-type.js';
import { maskExample } from './mask-example.js';

export type { ColumnType } from './column-type.js';

/** A finding about broken values (spreadsheet damage). */
export interface ColumnDamage {
  readonly code:
    | 'SPREADSHEET_SCIENTIFIC_NOTATION'
    | 'SPREADSHEET_LEADING_ZERO_LOST'
    | 'SPREADSHEET_TRAILING_DECIMAL';
  readonly count: number;
  readonly message: string;
}

/** One column of `kmigrate profile --format json`. */
export interface ColumnProfile {
  readonly index: number;
  readonly name: string;
  readonly filled: number;
  readonly blank: number;
  /** filled ÷ records, 0–1, two decimals. */
  readonly fillRate: number;
  readonly distinct: number;
  /** False when `distinct` is a HyperLogLog estimate (more values than the exact cap). */
  readonly distinctExact: boolean;
  readonly type: ColumnType;
  /** e.g. `DMY`, `decimal ','`, `names`, `MMYY`. */
  readonly format?: string;
  /** Why the format was chosen (and why it may be ambiguous). */
  readonly evidence?: string;
  readonly ambiguous?: boolean;
  /** Share of classified values by kind. */
  readonly kinds: Readonly<Partial<Record<ValueKind, number>>>;
  /** Values classified (all up to 20,000, then a 1-in-8 sample). */
  readonly classified: number;
  readonly examples: readonly string[];
  /** Low-cardinality columns: every value with its count (masked like examples). */
  readonly top?: readonly { readonly value: string; readonly count: number }[];
  readonly enumLike: boolean;
  readonly sensitive: boolean;
  readonly damage: readonly ColumnDamage[];
}

const ENUM_MAX = 20;
function damageOf(p: ColumnProfiler, usAddresses: boolean): ColumnDamage[] {
  const out: ColumnDamage[] = [];
  const d = { ...p.damage, lostLeadingZero: p.damage.lostLeadingZero + p.zipsShort(usAddresses) };
  if (d.scientific > 0)
    out.push({
      code: 'SPREADSHEET_SCIENTIFIC_NOTATION',
      count: d.scientific,
      message: `${d.scientific} value(s) in scientific notation (e.g. 4.11111E+15): the digits are lost; re-export without Excel.`,
    });
  if (d.lostLeadingZero > 0)
    out.push({
      code: 'SPREADSHEET_LEADING_ZERO_LOST',
      count: d.lostLeadingZero,
      message: `${d.lostLeadingZero} value(s) one digit short (e.g. ZIP 2139 for 02139, expiry 111 for 0111): a spreadsheet dropped a leading zero.`,
    });
  if (d.trailingDecimal > 0)
    out.push({
      code: 'SPREADSHEET_TRAILING_DECIMAL',
      count: d.trailingDecimal,
      message: `${d.trailingDecimal} value(s) with a trailing .0 from a spreadsheet.`,
    });
  return out;
}

/**
 * Summarize a column once the file is read; `records` is the file's record count, `usAddresses`
 * true when the file's state column holds US states (its short ZIPs lost their zeros).
 */
export function summarizeColumn(p: ColumnProfiler, records: number, usAddresses = false): ColumnProfile {
  let type = columnType(p);
  const values = p.distinct.values();
  const realValues = values.filter(([v]) => classifyValue(v) !== 'placeholder');
  if (
    type === 'integer' &&
    realValues.length > 0 &&
    realValues.length <= 2 &&
    realValues.every(([v]) => v === '0' || v === '1')
  )
    type = 'boolean';
  const enumLike =
    p.distinct.exact &&
    realValues.length > 0 &&
    realValues.length <= ENUM_MAX &&
    p.filled >= 2 * realValues.length &&
    !['card-number', 'date', 'email'].includes(type);
  const kinds: Partial<Record<ValueKind, number>> = {};
  for (const [k, n] of [...p.kinds].sort((a, b) => b[1] - a[1]))
    kinds[k] = Math.round((n / Math.max(1, p.classified)) * 1000) / 1000;
  const top = enumLike
    ? values.slice(0, ENUM_MAX).map(([value, count]) => ({
        value: maskExample(value, classifyValue(value), p.hints.sensitive, p.hints.hidden),
        count,
      }))
    : undefined;
  return {
    index: p.index,
    name: p.name,
    filled: p.filled,
    blank: p.blank,
    fillRate: records === 0 ? 0 : Math.round((p.filled / records) * 100) / 100,
    distinct: p.distinct.count(),
    distinctExact: p.distinct.exact,
    type,
    ...columnFormat(type, p),
    kinds,
    classified: p.classified,
    examples: p.examples,
    ...(top === undefined ? {} : { top }),
    enumLike,
    sensitive: p.hints.sensitive || type === 'card-number' || type === 'masked-card',
    damage: damageOf(p, usAddresses),
  };
}
