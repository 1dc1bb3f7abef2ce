/**
 * The post-write leak check: every command that writes files runs it on what it wrote.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import { scanPaths } from './scan-paths.js';

/**
 * Throw SCAN_LEAK_DETECTED when any of `paths` holds a card number (test numbers included; no
 * allow-list, no time cap). The error names the file, line and column, masked.
 */
export async function assertNoPan(paths: readonly string[]): Promise<void> {
  const report = await scanPaths(paths, {
    achColumns: false,
    maxSecondsPerFile: Number.POSITIVE_INFINITY,
    maxFindingsPerFile: 1,
  });
  const first = report.findings[0];
  if (first === undefined) return;
  throw new ToolkitError(
    'SCAN_LEAK_DETECTED',
    `${first.file} holds a card number (${first.masked}) at line ${first.line}${first.column === null ? '' : `, column ${first.column}`}.`,
    { context: { file: first.file, line: first.line, findings: report.total } },
  );
}
