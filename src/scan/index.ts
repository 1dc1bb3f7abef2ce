/**
 * The PAN-leak scanner: Luhn-valid card numbers and unmasked bank-account columns in any file.
 * `assertNoPan(paths)` is the post-write check every writing command runs.
 * @module
 */

export { isAchHeader, isUnmaskedAccount } from './ach-columns.js';
export { assertNoPan } from './assert-no-pan.js';
export type { CardBrand } from './card-brand.js';
export { detectBrand } from './card-brand.js';
export type { PanHit } from './find-pans.js';
export { containsPan, findPans } from './find-pans.js';
export { SCAN_ISSUE_CODES } from './issue-codes.js';
export { scanFile } from './scan-file.js';
export type { FileScanResult, ScanFinding, ScanOptions } from './scan-finding.js';
export type { ScanReport } from './scan-paths.js';
export { scanPaths } from './scan-paths.js';
export { isCvcHeader, isSecretHeader } from './sensitive-columns.js';
export { isTestPan, TEST_PANS } from './test-pans.js';
