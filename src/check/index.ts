/**
 * Validation of Konnektive import files: per-column rules, same-row semantics, cross-row rules.
 * @module
 */

export type { CellVersions } from './cell-versions.js';
export type { CheckFileOptions, CheckResult } from './check-file.js';
export { checkFile, resolveFileSpec, sortIssues } from './check-file.js';
export type { CheckIssueCode } from './codes.js';
export { CHECK_ISSUE_CODES } from './codes.js';
export { DEFAULT_DUMMY_PHONES } from './column-rules.js';
export { FieldForecast } from './field-forecast.js';
export {
  createForecastFeed,
  type ForecastFeed,
  type ForecastFileOptions,
  forecastTransactionsFile,
} from './forecast-feed.js';
export type { CheckerOptions } from './row-checker.js';
export { RowChecker } from './row-checker.js';
export {
  CROSS_ROW_WORKER_BUILT,
  type CrossRowOffload,
  type OffloadResult,
  startCrossRowOffload,
} from './xrow-offload.js';
