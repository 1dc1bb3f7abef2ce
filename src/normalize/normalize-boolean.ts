/**
 * Yes/no values to the Konnektive bit columns (`'1'` / `'0'`).
 * @module
 */
import { describeShape } from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import type { NormalizeResult } from './result.js';
import { fail, ok } from './result.js';

/** Options for {@link normalizeBoolean}. */
export interface NormalizeBooleanOptions {
  /** Extra values meaning true (case-insensitive), added to the defaults; they win over defaults. */
  readonly trueValues?: readonly string[];
  /** Extra values meaning false (case-insensitive), added to the defaults; they win over defaults. */
  readonly falseValues?: readonly string[];
}

const DEFAULT_TRUE: readonly string[] = ['true', 't', 'yes', 'y', '1', 'on', 'enabled'];
const DEFAULT_FALSE: readonly string[] = ['false', 'f', 'no', 'n', '0', 'off', 'disabled'];
const MAX_INPUT = 40;

const cache = new WeakMap<NormalizeBooleanOptions, ReadonlyMap<string, '1' | '0'>>();

function buildTable(options: NormalizeBooleanOptions): ReadonlyMap<string, '1' | '0'> {
  const table = new Map<string, '1' | '0'>();
  for (const v of DEFAULT_TRUE) table.set(v, '1');
  for (const v of DEFAULT_FALSE) table.set(v, '0');
  for (const v of options.trueValues ?? []) table.set(v.trim().toLowerCase(), '1');
  for (const v of options.falseValues ?? []) table.set(v.trim().toLowerCase(), '0');
  return table;
}

const DEFAULT_TABLE = buildTable({});

function tableFor(options: NormalizeBooleanOptions | undefined): ReadonlyMap<string, '1' | '0'> {
  if (options === undefined || (options.trueValues === undefined && options.falseValues === undefined)) {
    return DEFAULT_TABLE;
  }
  let table = cache.get(options);
  if (table === undefined) {
    table = buildTable(options);
    cache.set(options, table);
  }
  return table;
}

/**
 * Normalize a yes/no value to `'1'` or `'0'`: true/false, t/f, yes/no, y/n, 1/0, on/off,
 * enabled/disabled in any case, plus configured extras. Empty → ''. Anything else → BOOLEAN_INVALID.
 */
export function normalizeBoolean(
  raw: string,
  options?: NormalizeBooleanOptions,
): NormalizeResult<'1' | '0' | ''> {
  const s = blankOrTrimmed(raw);
  if (s === '') return ok('');
  const value = s.length <= MAX_INPUT ? tableFor(options).get(s.toLowerCase()) : undefined;
  if (value !== undefined) return ok(value);
  return fail('BOOLEAN_INVALID', 'Value is not a recognised yes/no value.', {
    received: describeShape(s),
    expected: 'true/false, yes/no, y/n, 1/0, on/off, enabled/disabled',
  });
}
