/**
 * File-level issues that follow from the sniff: `sep=` line, encoding fallback, skipped metadata
 * lines, mojibake.
 * @module
 */
import type { Issue } from '../core/index.js';
import { csvIssue } from './issue-codes.js';
import type { SniffResult } from './sniff-csv.js';

function describeLines(lines: readonly number[]): string {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (lines.length === 1) return `line ${first}`;
  const contiguous = last !== undefined && first !== undefined && last - first === lines.length - 1;
  return contiguous ? `lines ${first}–${last}` : `lines ${lines.join(', ')}`;
}

/** The issues a sniff result implies. */
export function sniffIssues(sniff: SniffResult, file: string | undefined): Issue[] {
  const issues: Issue[] = [];
  const { dialect } = sniff;
  if (dialect.sepLine) {
    const message = 'The first line is an Excel "sep=" line; it set the delimiter and was skipped.';
    issues.push(csvIssue('CSV_SEP_LINE', message, { line: 1, file }));
  }
  if (sniff.encodingFallback) {
    const message = 'The file is not valid UTF-8; it was decoded as Windows-1252.';
    issues.push(
      csvIssue('CSV_ENCODING_FALLBACK', message, { file, expected: 'utf-8', received: 'windows-1252' }),
    );
  }
  if (sniff.skippedLines.length > 0) {
    const message = `The header is on line ${dialect.headerLine}; ${describeLines(sniff.skippedLines)} before it were skipped as metadata.`;
    issues.push(csvIssue('CSV_HEADER_NOT_FIRST_LINE', message, { line: dialect.headerLine, file }));
  }
  if (sniff.mojibake) {
    const message = 'The first lines look like UTF-8 that was once read as Windows-1252 (e.g. "Ã©" for "é").';
    issues.push(csvIssue('CSV_MOJIBAKE', message, { file }));
  }
  return issues;
}
