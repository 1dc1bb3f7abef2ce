/**
 * The file-level layout of a file sent to the vendor. The CSV door reads any CSV a merchant can
 * produce (sniffed delimiter, `sep=` line, lines before the header, any line ends) — right for
 * source exports, but the vendor importer reads a plain comma-separated file with the header on
 * line 1 (reference: "CSV files, first row = header"). `check` judges the delivered file, so
 * what only kmigrate could read is an error.
 * @module
 */
import type { Issue } from '../core/index.js';
import type { CsvDialect } from '../csv/index.js';
import { CHECK_ISSUE_CODES } from './codes.js';

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ';': 'semicolons', '\t': 'tabs', '|': 'pipes' };

/** The FILE_LAYOUT issues of a file read with `dialect`. */
export function layoutIssues(dialect: CsvDialect, file: string): Issue[] {
  const messages: string[] = [];
  if (dialect.delimiter !== ',') {
    const name = DELIMITER_NAMES[dialect.delimiter] ?? JSON.stringify(dialect.delimiter);
    messages.push(
      `The columns are separated by ${name}; the vendor importer reads commas. Save the file as comma-separated CSV.`,
    );
  }
  if (dialect.sepLine)
    messages.push(
      'Line 1 is an Excel "sep=" line; the vendor importer would take it for the header. Remove it.',
    );
  const before = dialect.headerLine - 1 - (dialect.sepLine ? 1 : 0);
  if (before > 0)
    messages.push(
      `The header is on line ${dialect.headerLine}, after ${before} other line(s); the vendor importer takes line 1 for the header. Remove the lines above it.`,
    );
  if (dialect.lineEnding === 'CR')
    messages.push('Lines end with a lone CR (old Mac style); save the file with LF or CRLF line ends.');
  return messages.map((message) => ({
    code: 'FILE_LAYOUT',
    severity: CHECK_ISSUE_CODES.FILE_LAYOUT.severity,
    message,
    row: null,
    line: null,
    column: null,
    file,
  }));
}
