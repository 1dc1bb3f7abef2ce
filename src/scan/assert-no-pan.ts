/**
 * The post-write leak check: every command that writes files runs it on what it wrote.
 * @module
 */
import { rm } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';
import { scanPaths } from './scan-paths.js';

/** Options for {@link assertNoPan}. */
export interface AssertNoPanOptions {
  /** Delete every file that holds a card number before throwing (default false). */
  readonly removeLeaking?: boolean | undefined;
  /**
   * What became of the files, said after the finding instead of "removed N file(s)…" (a build
   * discards its whole staged set and publishes nothing).
   */
  readonly outcome?: string | undefined;
  /**
   * What the user should do instead, appended to the error message; a function gets the column
   * the card number was found in (null outside a CSV column) to fit the advice to it.
   */
  readonly hint?: string | ((column: string | null) => string) | undefined;
  /** Id columns whose card-shaped values are no leak (see ScanOptions.idColumns). */
  readonly idColumns?: readonly string[] | undefined;
  /**
   * Files of `paths` allowed to hold card numbers (import files built with --cleartext-cards):
   * scanned only to learn the ids of `idColumns`, their findings are no leak.
   */
  readonly cardFiles?: readonly string[] | undefined;
}

/**
 * Throw SCAN_LEAK_DETECTED when any of `paths` holds a card number (test numbers included; no
 * allow-list, no time cap). The error names the file, line and column, masked; with
 * `removeLeaking`, the files holding one are deleted first, so no card number stays on disk.
 */
export async function assertNoPan(paths: readonly string[], options: AssertNoPanOptions = {}): Promise<void> {
  const report = await scanPaths(paths, {
    achColumns: false,
    maxSecondsPerFile: Number.POSITIVE_INFINITY,
    maxFindingsPerFile: 1,
    idColumns: options.idColumns,
  });
  const allowed = new Set(options.cardFiles ?? []);
  const findings = report.findings.filter((f) => !allowed.has(f.file));
  const first = findings[0];
  if (first === undefined) return;
  const files = [...new Set(findings.map((f) => f.file))];
  if (options.removeLeaking === true) await Promise.all(files.map((f) => rm(f, { force: true })));
  const outcome =
    options.outcome ??
    (options.removeLeaking === true ? `removed ${files.length} file(s) holding card numbers` : undefined);
  const hint = typeof options.hint === 'function' ? options.hint(first.column) : options.hint;
  throw new ToolkitError(
    'SCAN_LEAK_DETECTED',
    `${first.file} holds a card number (${first.masked}) at line ${first.line}${first.column === null ? '' : `, column ${first.column}`}${outcome === undefined ? '' : `; ${outcome}`}.${hint === undefined ? '' : ` ${hint}`}`,
    { context: { file: first.file, line: first.line, findings: findings.length, files: files.length } },
  );
}
