/**
 * A column's type from the kinds of its values and what its header suggests.
 * @module
 */
import type { ValueKind } from './classify-value.js';
import type { ColumnProfiler } from './column-profiler.js';

/** The detected type of a column. */
export type ColumnType =
  | 'empty'
  | 'card-number'
  | 'masked-card'
  | 'token'
  | 'email'
  | 'date'
  | 'money'
  | 'decimal'
  | 'integer'
  | 'zip'
  | 'phone'
  | 'boolean'
  | 'country'
  | 'state'
  | 'id'
  | 'text'
  | 'mixed';

const KIND_TYPE: Partial<Record<ValueKind, ColumnType>> = {
  pan: 'card-number',
  'masked-pan': 'masked-card',
  token: 'token',
  email: 'email',
  date: 'date',
  money: 'money',
  decimal: 'decimal',
  integer: 'integer',
  phone: 'phone',
  boolean: 'boolean',
  'country-code': 'country',
  'country-name': 'country',
  'state-code': 'state',
  'state-name': 'state',
  uuid: 'id',
  text: 'text',
};

function dominant(kinds: ReadonlyMap<ValueKind, number>): {
  kind: ValueKind | null;
  share: number;
  total: number;
} {
  let total = 0;
  let best: ValueKind | null = null;
  let bestN = 0;
  for (const [kind, n] of kinds) {
    if (kind === 'placeholder') continue;
    total += n;
    if (n > bestN) [best, bestN] = [kind, n];
  }
  return { kind: best, share: total === 0 ? 0 : bestN / total, total };
}

function share(kinds: ReadonlyMap<ValueKind, number>, list: readonly ValueKind[], total: number): number {
  return total === 0 ? 0 : list.reduce((s, k) => s + (kinds.get(k) ?? 0), 0) / total;
}

const PLACES: readonly ValueKind[] = ['country-code', 'country-name', 'state-code', 'state-name'];
const NUMBERS: readonly ValueKind[] = ['integer', 'decimal', 'money', 'scientific'];

function placeType(p: ColumnProfiler, total: number): ColumnType {
  if (p.hints.country) return 'country';
  if (p.hints.state) return 'state';
  return share(p.kinds, ['country-code', 'country-name'], total) > 0.5 ? 'country' : 'state';
}

function integerType(p: ColumnProfiler): ColumnType {
  if (p.hints.zip) return 'zip';
  if (p.hints.phone) return 'phone';
  return p.hints.money ? 'money' : 'integer';
}

/** The column type from its kind counts and header hints. */
export function columnType(p: ColumnProfiler): ColumnType {
  const { kind, share: top, total } = dominant(p.kinds);
  if (kind === null) return 'empty';
  const k = p.kinds;
  const pans = k.get('pan') ?? 0;
  if (pans >= total * 0.5 && share(k, ['scientific', 'pan', 'integer'], total) >= 0.9) return 'card-number';
  if (share(k, PLACES, total) >= 0.9) return placeType(p, total);
  if (kind !== 'integer' && share(k, NUMBERS, total) >= 0.9)
    return (k.get('money') ?? 0) > 0 || p.hints.money ? 'money' : 'decimal';
  if (kind === 'integer' && top >= 0.9) return integerType(p);
  if (p.hints.phone && share(k, ['phone', 'integer'], total) >= 0.9) return 'phone';
  if (p.hints.zip && share(k, ['integer', 'text'], total) >= 0.9) return 'zip';
  return top >= 0.9 ? (KIND_TYPE[kind] ?? 'text') : 'mixed';
}
