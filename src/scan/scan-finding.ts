/**
 * What `scan` reports: one finding per leaked value, masked (BIN + last 4 at most).
 * @module
 */

/** One card number or unmasked bank account found in a file. */
export interface ScanFinding {
  readonly code: 'SCAN_PAN_FOUND' | 'SCAN_ACH_ACCOUNT_FOUND';
  readonly file: string;
  /** 1-based physical line. */
  readonly line: number;
  /** 1-based character position in the line. */
  readonly position: number;
  /** The CSV header name when the file is CSV, else null. */
  readonly column: string | null;
  /** BIN + last 4 for a card, last 4 for an account. */
  readonly masked: string;
}

/** Options for scanning. */
export interface ScanOptions {
  /** Skip published test card numbers (see test-pans.ts). Off by default. */
  readonly allowTestPans?: boolean | undefined;
  /** Stop reading one file after this many seconds (default 10); the file is reported truncated. */
  readonly maxSecondsPerFile?: number | undefined;
  /** Keep at most this many findings per file (default 100); the rest are only counted. */
  readonly maxFindingsPerFile?: number | undefined;
  /** Look for unmasked bank-account columns in CSV files (default true). */
  readonly achColumns?: boolean | undefined;
  /** Path segments or relative paths to skip when walking folders (always: .git, node_modules). */
  readonly exclude?: readonly string[] | undefined;
  /**
   * CSV columns (by header name) holding ids that may be shaped like card numbers (16-digit
   * vault ids that pass Luhn): a card-shaped value there is no finding, and neither is the same
   * value in a file that is not CSV (a report naming that customer) scanned after it.
   */
  readonly idColumns?: readonly string[] | undefined;
  /** The card-shaped id values seen in `idColumns` so far (filled by the scan; shared by its files). */
  readonly seenIds?: Set<string> | undefined;
}

/** The result for one file. */
export interface FileScanResult {
  readonly file: string;
  readonly bytes: number;
  readonly findings: readonly ScanFinding[];
  /** Findings found, including those beyond the per-file cap. */
  readonly total: number;
  /** True when the time cap stopped the read before the end. */
  readonly truncated: boolean;
}
