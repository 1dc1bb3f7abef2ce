/**
 * Every issue code the CSV door emits, and a small factory for issues.
 * @module
 */
import type { Issue, IssueCatalog, Severity } from '../core/index.js';

/** The CSV door's issue catalog: code → default severity and a one-line description. */
export const CSV_ISSUE_CODES = {
  CSV_RAGGED_ROW: {
    severity: 'error',
    description: 'A record has a different number of fields than the header.',
  },
  CSV_HEADER_CARD_NUMBER: {
    severity: 'error',
    description:
      'A header cell holds a card number: the file seems to have no header row. The names are masked wherever they are shown.',
  },
  CSV_TRAILING_DELIMITER: {
    severity: 'warning',
    description:
      'Records had more fields than the header, the extra ones all empty (a delimiter at the end of each line, as Authorize.net writes them); they were read without them. Only in a file whose first record ends so: elsewhere such a record holds a delimiter inside an unquoted cell, its cells shifted, and is CSV_RAGGED_ROW.',
  },
  CSV_MALFORMED_QUOTE: {
    severity: 'error',
    description: 'A stray or unbalanced quote inside a field; the record was read leniently.',
  },
  CSV_UNCLOSED_QUOTE: {
    severity: 'error',
    description: 'A quoted field is never closed before the end of the file; the rest became one record.',
  },
  CSV_DUPLICATE_HEADER: {
    severity: 'warning',
    description: 'Two header cells have the same name; later ones get a suffix.',
  },
  CSV_EMPTY_HEADER_NAME: {
    severity: 'warning',
    description: 'A header cell is empty; the column got a generated name.',
  },
  CSV_ENCODING_FALLBACK: {
    severity: 'warning',
    description:
      'The file is not valid UTF-8 (most of its characters that are not ASCII are not UTF-8) and was decoded as Windows-1252 (also when its first non-ASCII characters come after the detection sample: the ASCII before them reads the same).',
  },
  CSV_MOJIBAKE: {
    severity: 'warning',
    description:
      'Text looks like UTF-8 that was once read as Windows-1252 (e.g. "Ã©"); build repairs it in name and text columns (TEXT_MOJIBAKE_REPAIRED).',
  },
  CSV_INVALID_UTF8: {
    severity: 'error',
    description:
      'Bytes that are not UTF-8 in a UTF-8 file (its earlier text, or most of its characters that are not ASCII, were UTF-8): they are replaced with U+FFFD and each record holding them is rejected (at file level: the first such line).',
  },
  CSV_HEADER_NOT_FIRST_LINE: {
    severity: 'warning',
    description: 'Lines before the header were skipped as metadata.',
  },
  CSV_SEP_LINE: {
    severity: 'warning',
    description: 'An Excel "sep=" first line set the delimiter and was skipped.',
  },
  CSV_BLANK_LINES: {
    severity: 'warning',
    description:
      'Blank lines (empty, or only spaces in a file of several columns) were skipped: they are not records.',
  },
} as const satisfies IssueCatalog;

/** A code from {@link CSV_ISSUE_CODES}. */
export type CsvIssueCode = keyof typeof CSV_ISSUE_CODES;

/** Where an issue points. */
export interface CsvIssueAt {
  readonly row?: number | null;
  readonly line?: number | null;
  readonly file?: string | undefined;
  readonly expected?: string;
  readonly received?: string;
}

/** Build an issue with the catalog severity. Messages must never hold cell values. */
export function csvIssue(code: CsvIssueCode, message: string, at: CsvIssueAt = {}): Issue {
  const severity: Severity = CSV_ISSUE_CODES[code].severity;
  return {
    code,
    severity,
    message,
    row: at.row ?? null,
    line: at.line ?? null,
    column: null,
    ...(at.file === undefined ? {} : { file: at.file }),
    ...(at.expected === undefined ? {} : { expected: at.expected }),
    ...(at.received === undefined ? {} : { received: at.received }),
  };
}
