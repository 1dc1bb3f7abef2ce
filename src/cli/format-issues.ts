/**
 * Human-readable issue listings for the terminal.
 * @module
 */
import { type Issue, maskCardNumbers, shownIssues } from '../core/index.js';

const LOUD = new Set([
  'NEXT_BILL_DATE_PAST',
  'NEXT_BILL_DATE_IMMINENT',
  'CARD_EXPIRES_BEFORE_NEXT_BILL',
  'CARD_EXPIRED',
]);

/** C0 and C1 controls (an escape sequence can clear the terminal or hide lines) and bidi overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text from the file (a header name in a message or column) as the terminal may show it: controls escaped. */
function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line per issue, capped (errors first), then a summary with loud warnings called out. */
export function formatIssues(
  issues: readonly Issue[],
  counts: Readonly<Record<string, number>>,
  limit = 50,
): string {
  const lines: string[] = [];
  for (const i of shownIssues(issues, limit)) {
    const where = i.row === null ? 'file' : `row ${i.row} (line ${i.line ?? '?'})`;
    const file = i.file ? `${i.file} ` : '';
    // masked again here: whatever produced the issue, the terminal never shows a card number
    const got = i.received === undefined ? '' : ` [got ${JSON.stringify(maskCardNumbers(i.received))}]`;
    lines.push(
      `  ${i.severity.padEnd(7)} ${file}${where}${i.column ? ` ${printable(i.column)}` : ''}  ${i.code}  ${printable(i.message)}${got}`,
    );
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total > limit) lines.push(`  … ${total - limit} more (use --format json or --report for all)`);
  const loud = Object.entries(counts).filter(([c]) => LOUD.has(c));
  for (const [code, n] of loud)
    lines.push(
      `  !! ${n} × ${code}: rebills at or near import day will misbehave — fix before sending the file.`,
    );
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
