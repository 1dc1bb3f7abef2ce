/** Issues for tests of listings and caps: an error or a warning at a row. */
import type { Issue } from './issue.js';

/** An error (TYPE_INTEGER) or a warning (CARD_EXPIRED) at `row`, column `c`. */
export const issueAt = (row: number, severity: Issue['severity']): Issue => ({
  code: severity === 'error' ? 'TYPE_INTEGER' : 'CARD_EXPIRED',
  severity,
  message: 'm',
  row,
  line: row + 1,
  column: 'c',
});
