/**
 * Table-driven assertion helpers for normalizer tests (valibot `src/vitest/` style).
 * Each row becomes one `it` case named after its input, so failures point at the exact row.
 * @module
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { NormalizeResult } from './result.js';

/** A normalizer with its options already bound. */
export type BoundNormalizer<T> = (raw: string) => NormalizeResult<T>;

/** `[input, expectedValue]` or `[input, expectedValue, expectedWarningCode]`. */
export type NormalizeRow<T> = readonly [input: string, expected: T, warningCode?: string];

/** `[input, expectedProblemCode]`. */
export type ProblemRow = readonly [input: string, code: string];

const LABEL_MAX = 60;

function label(input: string): string {
  const json = JSON.stringify(input);
  return json.length > LABEL_MAX ? `${json.slice(0, LABEL_MAX)}…(${input.length} chars)` : json;
}

/**
 * One test per row: the normalizer succeeds with `expected`. When a third column is given, the
 * result must carry a warning with that code; when it is absent, the warning is not checked.
 */
export function expectNormalizes<T>(fn: BoundNormalizer<T>, rows: ReadonlyArray<NormalizeRow<T>>): void {
  const cases = rows.map(([input, expected, warningCode]) => ({
    name: label(input),
    input,
    expected,
    warningCode,
  }));
  it.each(cases)('$name', ({ input, expected, warningCode }) => {
    const result = fn(input);
    expect(result).toMatchObject({ ok: true, value: expected });
    if (warningCode !== undefined && result.ok) expect(result.warning?.code).toBe(warningCode);
  });
}

/**
 * One test per row: the normalizer fails with `code`. Also checks redaction: the problem's message
 * never repeats an input of 6 or more characters.
 */
export function expectProblem<T>(fn: BoundNormalizer<T>, rows: ReadonlyArray<ProblemRow>): void {
  const cases = rows.map(([input, code]) => ({ name: label(input), input, code }));
  it.each(cases)('$name', ({ input, code }) => {
    const result = fn(input);
    expect(result).toMatchObject({ ok: false, problem: { code, severity: 'error' } });
    const trimmed = input.trim();
    if (!result.ok && trimmed.length >= 6) expect(result.problem.message).not.toContain(trimmed);
  });
}

const MB = 1024 * 1024;

/** Inputs meant to break parsers: huge strings, control characters, lone surrogates, regex bait. */
export const HOSTILE_INPUTS: readonly string[] = [
  'a'.repeat(MB),
  '9'.repeat(MB),
  ' '.repeat(MB),
  `${' '.repeat(MB)}x`,
  '('.repeat(MB),
  '@'.repeat(MB),
  `${'a'.repeat(MB)}@${'b.'.repeat(MB / 2)}com`,
  `${'1'.repeat(MB)}e5`,
  `${'1-'.repeat(MB / 2)}x1`,
  `${'ext '.repeat(MB / 4)}1`,
  '\u0000'.repeat(1000),
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u200b\ufeff',
  "'".repeat(1000),
  ',,,,',
  '. . . .',
  '__proto__',
  'constructor',
  'null\u0000',
  Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
];

/**
 * Totality: the normalizer returns a well-formed result (never throws) for hostile input and random
 * strings, fast, and a problem message never repeats the input.
 */
export function expectTotal<T>(fn: BoundNormalizer<T>, maxMsPerCall = 1000): void {
  it.each(HOSTILE_INPUTS.map((input) => ({ name: label(input), input })))('survives $name', ({ input }) => {
    const start = performance.now();
    const result = fn(input);
    expect(performance.now() - start).toBeLessThan(maxMsPerCall);
    expect(typeof result.ok).toBe('boolean');
    if (!result.ok && input.trim().length >= 6) expect(result.problem.message).not.toContain(input.trim());
  });
  it('survives random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (input) => {
        const result = fn(input);
        return typeof result.ok === 'boolean';
      }),
      { numRuns: 500 },
    );
  });
}
