/**
 * The scanner's findings as issue codes (reported, exit 1 when any).
 * @module
 */
import type { IssueCatalog } from '../core/index.js';

/** Issue codes of `kmigrate scan`. */
export const SCAN_ISSUE_CODES = {
  SCAN_PAN_FOUND: {
    severity: 'error',
    description:
      'A Luhn-valid 13–19 digit card number (possibly with spaces or dashes) is in the file: shown masked.',
  },
  SCAN_ACH_ACCOUNT_FOUND: {
    severity: 'error',
    description: 'A bank-account column (account, acct, check_account…) holds unmasked 4–17 digit numbers.',
  },
  SCAN_FILE_TRUNCATED: {
    severity: 'warning',
    description: 'The per-file time cap stopped reading this file before its end: the rest was not scanned.',
  },
} as const satisfies IssueCatalog;
