/**
 * Person names: clean whitespace and invisible characters; split a full name into first and last.
 * @module
 */
import { codePointLength } from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import type { NormalizeResult } from './result.js';
import { fail, ok, warn } from './result.js';

/** Options for {@link normalizeName}. */
export interface NormalizeNameOptions {
  /** Maximum length in characters (code points); longer names fail with NAME_TOO_LONG, never truncated. */
  readonly maxLength?: number;
}

/** A full name split for the `firstName` / `lastName` columns. */
export interface SplitName {
  readonly first: string;
  readonly last: string;
}

// C0/C1 controls and invisible format characters (zero-width, bidi overrides, BOM).
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const SPACES = /[\s\u00a0]+/g;

/** Strip control and invisible characters and collapse every whitespace run to one space. Internal helper. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, ' ').replace(SPACES, ' ').trim();
}

/** Trim, collapse internal whitespace, strip control characters; NAME_TOO_LONG only if `maxLength` is exceeded. */
export function normalizeName(raw: string, options: NormalizeNameOptions = {}): NormalizeResult<string> {
  const s = blankOrTrimmed(raw);
  if (s === '') return ok('');
  const name = cleanText(s);
  const length = codePointLength(name);
  if (options.maxLength !== undefined && length > options.maxLength) {
    return fail(
      'NAME_TOO_LONG',
      `Name is longer than ${options.maxLength} characters; it is never truncated.`,
      {
        received: `text of ${length} characters`,
        expected: `at most ${options.maxLength} characters`,
      },
    );
  }
  return ok(name);
}

const HONORIFICS: ReadonlySet<string> = new Set(
  'mr mrs ms miss mx dr prof rev fr sir dame madam mme mlle herr frau sr. sra srta'.split(' '),
);
const SUFFIXES: ReadonlySet<string> = new Set('jr sr ii iii iv v md phd dds esq cpa rn'.split(' '));
const PARTICLES: ReadonlySet<string> = new Set(
  'van von der den de del della dei di da das dos du la le lo st ste bin binti ibn al el ter ten zu y'.split(
    ' ',
  ),
);

function fold(token: string): string {
  return token.toLowerCase().replace(/[.,]/g, '');
}

function isHonorific(token: string): boolean {
  // "Sr." at the front is Spanish "Señor"; at the end it is "Senior" (handled by SUFFIXES).
  return HONORIFICS.has(fold(token)) || HONORIFICS.has(token.toLowerCase());
}

/** Remove leading honorifics and trailing suffixes; suffixes are returned for the last name. */
function peel(tokens: string[]): { core: string[]; suffixes: string[] } {
  let start = 0;
  while (start < tokens.length - 1 && isHonorific(tokens[start] ?? '')) start++;
  let end = tokens.length;
  while (end - 1 > start && SUFFIXES.has(fold(tokens[end - 1] ?? ''))) end--;
  return { core: tokens.slice(start, end), suffixes: tokens.slice(end) };
}

function lastNameStart(core: readonly string[]): number {
  let start = core.length - 1;
  while (start > 1 && PARTICLES.has(fold(core[start - 1] ?? ''))) start--;
  return start;
}

function splitTokens(tokens: string[]): NormalizeResult<SplitName> {
  const { core, suffixes } = peel(tokens);
  if (core.length <= 1) {
    const value = { first: core[0] ?? '', last: suffixes.join(' ') };
    return ok(
      value,
      warn('NAME_SINGLE_WORD', 'Full name has one word; used as the first name, last name left empty.'),
    );
  }
  const start = lastNameStart(core);
  return ok({ first: core.slice(0, start).join(' '), last: [...core.slice(start), ...suffixes].join(' ') });
}

/** "Doe, Jane Q." → last "Doe", first "Jane Q."; "Smith, Jr." is not inverted. */
function splitInverted(text: string, comma: number): NormalizeResult<SplitName> | undefined {
  const before = text.slice(0, comma).trim();
  const after = text
    .slice(comma + 1)
    .replace(/,/g, ' ')
    .trim();
  const afterTokens = after.split(' ').filter((t) => t !== '');
  if (afterTokens.length === 0 || afterTokens.every((t) => SUFFIXES.has(fold(t)))) return undefined;
  if (before === '') return splitTokens(afterTokens);
  // `Smith, John, Jr.`: the suffix stays with the last name, as in `John Smith Jr.`
  const { core, suffixes } = peel(afterTokens);
  return ok({ first: core.join(' '), last: [before, ...suffixes].join(' ') });
}

/**
 * Split a full name (`Card Name`, `Customer Name`) into first and last: `Jane Q. Doe`, `Doe, Jane`,
 * `Mary Ann van der Berg` (particles join the last name), `Dr. John Smith Jr.` (honorific dropped,
 * suffix kept with the last name). One word → first name only, warning NAME_SINGLE_WORD.
 */
export function splitFullName(raw: string): NormalizeResult<SplitName> {
  const s = blankOrTrimmed(raw);
  if (s === '') return ok({ first: '', last: '' });
  const text = cleanText(s);
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const inverted = splitInverted(text, comma);
    if (inverted !== undefined) return inverted;
  }
  return splitTokens(
    text
      .replace(/,/g, ' ')
      .split(' ')
      .filter((t) => t !== ''),
  );
}
