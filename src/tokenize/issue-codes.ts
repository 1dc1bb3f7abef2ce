/**
 * Data problems found while tokenizing (rows rejected to the rejects file, or warnings).
 * @module
 */
import type { IssueCatalog } from '../core/index.js';

/** Issue codes of `kmigrate tokenize`. */
export const TOKENIZE_ISSUE_CODES = {
  TOKENIZE_NOT_A_NUMBER: {
    severity: 'error',
    description:
      'The card-number cell holds something other than digits (spaces, dashes and grouping dots allowed, one leading apostrophe ignored; a single dot is a decimal point): rejected.',
  },
  TOKENIZE_BAD_LENGTH: {
    severity: 'error',
    description: 'The card number has a length its brand does not issue (13–19 digits overall): rejected.',
  },
  TOKENIZE_UNKNOWN_BRAND: {
    severity: 'error',
    description: 'The card number starts with a BIN outside every known brand range: rejected.',
  },
  TOKENIZE_LUHN_FAILED: {
    severity: 'error',
    description: 'The card number fails the Luhn check (a typo or a truncated number): rejected.',
  },
  TOKENIZE_UNCONFIGURED_PAN_COLUMN: {
    severity: 'warning',
    description:
      'A column not given in --columns holds card numbers: it was tokenized anyway (never written in clear). Add it to --columns.',
  },
  TOKENIZE_CVC_DROPPED: {
    severity: 'warning',
    description: 'A CVC/CVV/CID/security-code column was dropped: it is never written or stored.',
  },
} as const satisfies IssueCatalog;

/** A tokenize issue code. */
export type TokenizeIssueCode = keyof typeof TOKENIZE_ISSUE_CODES;
