/**
 * Normalizers: pure, total, table-tested functions from raw source text to Konnektive values.
 * @module
 */
export { fail, ok, warn } from './result.js';
export type { NormalizeProblem, NormalizeResult } from './result.js';
