/**
 * Placeholder-aware emptiness: `null`, `N/A`, `-` and friends mean "no value".
 * @module
 */

import type { NormalizeResult } from './result.js';
import { ok } from './result.js';
import { trimEnds } from './trim-ends.js';

/** Placeholders treated as empty by default (matched case-insensitively after trimming). */
export const DEFAULT_BLANK_PLACEHOLDERS: readonly string[] = [
  'null',
  '(null)',
  'nil',
  'undefined',
  'n/a',
  '#n/a',
  'not applicable',
  'none',
  '-',
  '--',
];

/** Options for {@link normalizeBlank}. */
export interface NormalizeBlankOptions {
  /** Replaces the default placeholder list; matched case-insensitively after trimming. */
  readonly placeholders?: readonly string[];
}

const DEFAULT_SET: ReadonlySet<string> = new Set(DEFAULT_BLANK_PLACEHOLDERS);
const DEFAULT_MAX = maxLength(DEFAULT_BLANK_PLACEHOLDERS);
const customSets = new WeakMap<readonly string[], { set: ReadonlySet<string>; max: number }>();

function maxLength(list: readonly string[]): number {
  return list.reduce((max, item) => Math.max(max, item.trim().length), 0);
}

function resolvePlaceholders(list: readonly string[]): { set: ReadonlySet<string>; max: number } {
  let entry = customSets.get(list);
  if (entry === undefined) {
    entry = { set: new Set(list.map((item) => item.trim().toLowerCase())), max: maxLength(list) };
    customSets.set(list, entry);
  }
  return entry;
}

/** First characters of the default placeholders: most values are rejected on this alone. */
function mayBeDefaultPlaceholder(c: number): boolean {
  return c === 110 || c === 78 || c === 117 || c === 85 || c === 40 || c === 35 || c === 45;
}

function isPlaceholder(trimmed: string, set: ReadonlySet<string>, max: number): boolean {
  if (trimmed.length > max) return false;
  if (set === DEFAULT_SET && !mayBeDefaultPlaceholder(trimmed.charCodeAt(0))) return false;
  return set.has(trimmed) || set.has(trimmed.toLowerCase());
}

/**
 * Trim `raw`; return '' if it is whitespace-only or a placeholder, else the trimmed text.
 * Internal fast helper used by every other normalizer (default placeholder list).
 */
export function blankOrTrimmed(raw: string, placeholders?: readonly string[]): string {
  if (raw === '') return '';
  const trimmed = trimEnds(raw);
  if (trimmed === '') return '';
  if (placeholders === undefined) return isPlaceholder(trimmed, DEFAULT_SET, DEFAULT_MAX) ? '' : trimmed;
  const { set, max } = resolvePlaceholders(placeholders);
  return isPlaceholder(trimmed, set, max) ? '' : trimmed;
}

/** Trim; whitespace-only and placeholder values (`null`, `N/A`, `Not Applicable`, `-`, …) become ''. Never fails. */
export function normalizeBlank(raw: string, options: NormalizeBlankOptions = {}): NormalizeResult<string> {
  return ok(blankOrTrimmed(raw, options.placeholders));
}
