/**
 * RFC 4180 row formatting for the writer.
 * @module
 */

const NEEDS_QUOTES = /[",\r\n]|^[ \t]|[ \t]$/;

/** Quote one field only when needed ("," '"' CR LF, or leading/trailing blank); quotes are doubled. */
export function formatCsvField(field: string): string {
  if (!NEEDS_QUOTES.test(field)) return field;
  return `"${field.replaceAll('"', '""')}"`;
}

/**
 * Format one row with "," as delimiter and no line ending. A row of one empty field is written as
 * `""` so that it does not read back as a blank line.
 */
export function formatCsvRow(fields: readonly string[]): string {
  if (fields.length === 1 && fields[0] === '') return '""';
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) out += ',';
    out += formatCsvField(fields[i] ?? '');
  }
  return out;
}
