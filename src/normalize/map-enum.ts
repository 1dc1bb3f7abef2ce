/**
 * Source vocabularies (statuses, types) to the exact-case enum values Konnektive requires.
 * @module
 */
import { describeShape } from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import type { NormalizeResult } from './result.js';
import { fail, ok, warn } from './result.js';

/** Options for {@link mapEnum}. */
export interface MapEnumOptions {
  /** Source value → target value. */
  readonly map: Readonly<Record<string, string>>;
  /** Match map keys ignoring case and runs of whitespace. Default true. */
  readonly caseInsensitive?: boolean;
  /** Value written when the input is empty. */
  readonly default?: string;
  /** Target values: an exact match passes through; a case-only mismatch is fixed with ENUM_CASE_FIXED. */
  readonly allowed?: readonly string[];
}

const MAX_INPUT = 200;
const SAFE_RECEIVED_MAX = 40;
const LONG_DIGIT_RUN = /\d{6}/;

const foldedMaps = new WeakMap<object, ReadonlyMap<string, string>>();
const foldedAllowed = new WeakMap<object, ReadonlyMap<string, string>>();

function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function folded<T extends object>(
  cache: WeakMap<object, ReadonlyMap<string, string>>,
  key: T,
  pairs: () => Iterable<[string, string]>,
) {
  let table = cache.get(key);
  if (table === undefined) {
    table = new Map([...pairs()].map(([from, to]) => [fold(from), to] as const));
    cache.set(key, table);
  }
  return table;
}

/** A raw enum value may be shown only when it cannot be an identifier, card or account number, or email. */
function safeReceived(s: string): string {
  const safe =
    s.length <= SAFE_RECEIVED_MAX &&
    !LONG_DIGIT_RUN.test(s) &&
    !s.includes('@') &&
    !/[\u0000-\u001f]/.test(s);
  return safe ? s : describeShape(s);
}

function lookup(s: string, options: MapEnumOptions): NormalizeResult<string> | undefined {
  const direct = Object.hasOwn(options.map, s) ? options.map[s] : undefined;
  if (direct !== undefined) return ok(direct);
  if (options.caseInsensitive === false) return undefined;
  const mapped = folded(foldedMaps, options.map, () => Object.entries(options.map)).get(fold(s));
  return mapped === undefined ? undefined : ok(mapped);
}

function caseFix(s: string, allowed: readonly string[]): NormalizeResult<string> | undefined {
  const match = folded(foldedAllowed, allowed, () => allowed.map((v) => [v, v] as [string, string])).get(
    fold(s),
  );
  if (match === undefined) return undefined;
  return ok(
    match,
    warn('ENUM_CASE_FIXED', 'Value matched an allowed value except for letter case.', { expected: match }),
  );
}

/**
 * Map a source value to a target enum value: an exact allowed value passes through, then the map
 * (case-insensitive by default), then a case-only match to an allowed value (ENUM_CASE_FIXED).
 * Empty → `default` or ''. Unknown → ENUM_UNMAPPED; `received` shows the value only when it is
 * short and cannot be sensitive.
 */
export function mapEnum(raw: string, options: MapEnumOptions): NormalizeResult<string> {
  const s = blankOrTrimmed(raw);
  if (s === '') return ok(options.default ?? '');
  if (s.length <= MAX_INPUT) {
    if (options.allowed?.includes(s)) return ok(s);
    const found =
      lookup(s, options) ?? (options.allowed === undefined ? undefined : caseFix(s, options.allowed));
    if (found !== undefined) return found;
  }
  const expected = options.allowed === undefined ? undefined : options.allowed.join(' | ');
  return fail('ENUM_UNMAPPED', 'Value has no mapping to an allowed target value.', {
    received: s.length <= MAX_INPUT ? safeReceived(s) : describeShape(s),
    ...(expected === undefined ? {} : { expected }),
  });
}
