/**
 * The shared kernel: issues, the error family, redaction, the adaptive value memo. No I/O.
 * @module
 */

export { addDaysYmd, isCalendarDate } from './calendar.js';
export { CellMemo } from './cell-memo.js';
export { codePointLength } from './code-points.js';
export { detachString } from './detach.js';
export type { ErrorCode, ErrorContext, ToolkitErrorOptions } from './errors.js';
export { ERROR_CODES, isToolkitError, ToolkitError } from './errors.js';
export { onInterrupt, runInterruptTasks } from './interrupt.js';
export type { Issue, IssueCatalog, IssueCodeInfo, IssueLocation, Severity } from './issue.js';
export { IssueCollector, shownIssues } from './issue.js';
export type { NanpFault } from './nanp.js';
export { NANP_REGIONS, nanpFaultAt, nanpFaultMessage, nanpFaultShape, nanpNationalDummy } from './nanp.js';
export { FIXED_DIGIT_POSTAL_COUNTRIES, fixedDigitPostal } from './postal-digits.js';
export {
  describeShape,
  luhnValid,
  maskAccount,
  maskCardNumbers,
  maskPan,
  VAULT_TOKEN_PATTERN,
} from './redact.js';
