/**
 * The shape every normalizer returns: a value, or a problem. Normalizers are pure and total:
 * no I/O, no clock, no locale globals; `now`, zones and regions are passed in.
 * @module
 */
import type { Severity } from '../core/index.js';

/** A problem found while normalizing one value. `received` is a shape, never a raw sensitive value. */
export interface NormalizeProblem {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly received?: string;
  readonly expected?: string;
}

/** Success (optionally with a warning) or failure. */
export type NormalizeResult<T = string> =
  | { readonly ok: true; readonly value: T; readonly warning?: NormalizeProblem }
  | { readonly ok: false; readonly problem: NormalizeProblem };

/** Build a success. */
export function ok<T>(value: T, warning?: NormalizeProblem): NormalizeResult<T> {
  return warning === undefined ? { ok: true, value } : { ok: true, value, warning };
}

/** Build a failure with severity `error`. */
export function fail<T = string>(
  code: string,
  message: string,
  extra: Partial<NormalizeProblem> = {},
): NormalizeResult<T> {
  return { ok: false, problem: { severity: 'error', ...extra, code, message } };
}

/** Build a warning problem. */
export function warn(code: string, message: string, extra: Partial<NormalizeProblem> = {}): NormalizeProblem {
  return { severity: 'warning', ...extra, code, message };
}
